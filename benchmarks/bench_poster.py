"""Time one letter poster: warm (in this process) and cold (a fresh interpreter).

Prints a table of medians. Targets (issue 2): under 0.05 s warm, under 1.0 s cold.
Run: `python benchmarks/bench_poster.py`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLD = (
    "from outreach import build_material; build_material('poster', size='letter', profile='office')"
)


def warm(runs: int = 20) -> float:
    from outreach import build_material

    build_material("poster")  # load fonts and layouts once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build_material("poster", size="letter", profile="office")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold(runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", COLD], cwd=ROOT, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    rows = [("letter poster, warm", warm(), 0.05), ("letter poster, fresh process", cold(), 1.0)]
    print(f"{'workload':32} {'median s':>10} {'target s':>10}  ok")
    for name, seconds, target in rows:
        print(f"{name:32} {seconds:10.3f} {target:10.2f}  {'yes' if seconds < target else 'NO'}")


if __name__ == "__main__":
    main()
