"""Time the tri-fold brochure: warm (in this process) and cold (a fresh interpreter).

Prints a table of medians. Target (issue 4): a fresh-process build under 1.0 s.
Run: `python benchmarks/bench_brochure.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import cold, print_table, warm

VARIANTS = [("letter", "office"), ("letter", "press"), ("a4", "office"), ("a4", "press")]


def main() -> None:
    rows: list[tuple[str, float, float | None]] = []
    for size, profile in VARIANTS:
        name = f"{size} {profile} brochure"
        rows.append((f"{name}, warm", warm("brochure", size=size, profile=profile, runs=10), None))
        seconds = cold("brochure", size=size, profile=profile, runs=5)
        rows.append((f"{name}, fresh process", seconds, 1.0))
    print_table(rows)


if __name__ == "__main__":
    main()
