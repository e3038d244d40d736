"""Time the tri-fold brochure: warm (in this process) and cold (a fresh interpreter).

Prints a table of medians. Target (issue 4): a fresh-process build under 1.0 s.
Run: `python benchmarks/bench_brochure.py`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VARIANTS = [("letter", "office"), ("letter", "press"), ("a4", "office"), ("a4", "press")]


def cold_command(size: str, profile: str) -> str:
    return (
        "from outreach import build_material; "
        f"build_material('brochure', size='{size}', profile='{profile}')"
    )


def warm(size: str, profile: str, runs: int = 10) -> float:
    from outreach import build_material

    build_material("brochure", size=size, profile=profile)  # load fonts and layouts once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build_material("brochure", size=size, profile=profile)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold(size: str, profile: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", cold_command(size, profile)], cwd=ROOT, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    rows = []
    for size, profile in VARIANTS:
        rows.append((f"{size} {profile} brochure, warm", warm(size, profile), None))
        rows.append((f"{size} {profile} brochure, fresh process", cold(size, profile), 1.0))
    print(f"{'workload':40} {'median s':>10} {'target s':>10}  ok")
    for name, seconds, target in rows:
        goal = f"{target:10.2f}" if target else f"{'-':>10}"
        ok = "-" if target is None else ("yes" if seconds < target else "NO")
        print(f"{name:40} {seconds:10.3f} {goal}  {ok}")


if __name__ == "__main__":
    main()
