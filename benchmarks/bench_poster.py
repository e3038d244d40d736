"""Time one letter poster: warm (in this process) and cold (a fresh interpreter).

Prints a table of medians. Targets (issue 2): under 0.05 s warm, under 1.0 s cold.
Run: `python benchmarks/bench_poster.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import cold, print_table, warm


def main() -> None:
    letter = {"size": "letter", "profile": "office"}
    print_table(
        [
            ("letter poster, warm", warm("poster", **letter, runs=20), 0.05),
            ("letter poster, fresh process", cold("poster", **letter, runs=5), 1.0),
        ]
    )


if __name__ == "__main__":
    main()
