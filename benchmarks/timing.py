"""Time one bundled material's build: warm (in this process) and cold (a fresh interpreter).

Shared by bench_poster.py and bench_brochure.py: medians of several runs, printed as a
table against each row's target.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def warm(material: str, *, size: str, profile: str, runs: int) -> float:
    """Median seconds of a build in this process, after one build that loads fonts."""
    from outreach import build_material

    build_material(material, size=size, profile=profile)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build_material(material, size=size, profile=profile)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold(material: str, *, size: str, profile: str, runs: int) -> float:
    """Median seconds of a build in a fresh interpreter: start-up and imports counted."""
    source = (
        "from outreach import build_material; "
        f"build_material({material!r}, size={size!r}, profile={profile!r})"
    )
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", source], cwd=ROOT, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def print_table(rows: list[tuple[str, float, float | None]]) -> None:
    """One line per (workload, median seconds, target seconds or None)."""
    print(f"{'workload':40} {'median s':>10} {'target s':>10}  ok")
    for name, seconds, target in rows:
        goal = f"{target:10.2f}" if target else f"{'-':>10}"
        ok = "-" if target is None else ("yes" if seconds < target else "NO")
        print(f"{name:40} {seconds:10.3f} {goal}  {ok}")
