"""Load on the web app over loopback (issue 17): 20 users previewing while one makes 10,000 cards.

Run: `python benchmarks/bench_web_load.py [--users 20] [--each 5] [--cards 10000]`. The app
runs under uvicorn on 127.0.0.1 against a fresh project folder; each user asks for posters
of several sizes and languages (a new piece each time, PDF built and every page rendered)
while a 10,000-card office print run (10 sites) is made from the print-run form in its
background process. Prints a table: preview latency (median, p95, slowest) under load, the
run's time and pages, and every request that got no answer (there must be none).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.web_load import run_load  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--each", type=int, default=5, help="previews per user")
    parser.add_argument("--cards", type=int, default=10_000)
    args = parser.parse_args()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        result = run_load(Path(folder), users=args.users, each=args.each, cards=args.cards)
    total = time.perf_counter() - began
    print(f"| {args.users} users x {args.each} previews, {args.cards:,}-card run | value |")
    print("|---|---|")
    print(f"| previews answered | {len(result.previews)} of {args.users * args.each} |")
    print(f"| preview under load, median | {result.median:.2f} s |")
    print(f"| preview under load, p95 | {result.p95:.2f} s |")
    print(f"| preview under load, slowest | {max(result.previews, default=0):.2f} s |")
    run = f"print run ({result.run_state}, {result.run_pages:,} pages)"
    print(f"| {run} | {result.run_seconds or 0:.1f} s |")
    print(f"| whole test | {total:.1f} s |")
    print(f"| requests without an answer | {len(result.failures)} |")
    for failure in result.failures[:20]:
        print(f"  {failure}")
    return 0 if not result.failures and result.run_state == "done" else 1


if __name__ == "__main__":
    raise SystemExit(main())
