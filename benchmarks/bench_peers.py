"""Outreach against what users would pick instead: WeasyPrint (HTML/CSS) and Typst.

Three workloads (issue 9): a letter poster; 1,000 wallet cards with unique QR codes, 10 per
letter page; a tri-fold brochure. Each runs in a fresh interpreter (start-up counted); the
table gives the median wall time, the peak memory and the PDF size, with ratios against
outreach from the same run. Peers are optional: a peer that is not installed is skipped.

    python benchmarks/bench_peers.py            # 3 runs each
    python benchmarks/bench_peers.py --runs 5

Targets: 1,000 cards at least 2x faster than Typst and 10x faster than WeasyPrint; a poster
or brochure in a fresh process within 1.5x of Typst.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.peers import workloads  # noqa: E402

FONTS = str(ROOT / "outreach" / "fonts" / "files")


def _brochure_text() -> str:
    import yaml

    content = yaml.safe_load((ROOT / "content" / "alameda-heart" / "content.yaml").read_text())
    parts = []
    for section in ("about", "red_flags", "csec", "global_facts", "heart_team", "resources"):
        for value in content[section].values():
            if isinstance(value, str):
                parts.append(value)
            else:
                parts.extend(value)
    return "\n\n".join(p for p in parts if "{{" not in p)


def run(script: str, out: Path) -> tuple[float, float, int]:
    """Seconds, peak MB and PDF bytes of one fresh-process run."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    peak_kb = int(result.stdout.strip().splitlines()[-1])
    return seconds, peak_kb / 1024, out.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cards", type=int, default=1000)
    args = parser.parse_args()
    text = _brochure_text()
    tools: dict[str, dict[str, Callable[[str, str], str]]] = {
        "outreach": {
            "poster": workloads.outreach_build("poster"),
            "1,000 cards": lambda o, f: workloads.outreach_cards(o, f, args.cards),
            "brochure": workloads.outreach_build("brochure"),
        },
        # The same without the preflight every build runs (QR decoding, fonts, boxes): what
        # the peers do, since they check nothing.
        "outreach*": {
            "poster": workloads.outreach_build("poster", check=False),
            "brochure": workloads.outreach_build("brochure", check=False),
        },
        "typst": {
            "poster": workloads.typst_poster,
            "1,000 cards": lambda o, f: workloads.typst_cards(o, f, args.cards),
            "brochure": lambda o, f: workloads.typst_brochure(o, f, text),
        },
        "weasyprint": {
            "poster": workloads.weasy_poster,
            "1,000 cards": lambda o, f: workloads.weasy_cards(o, f, args.cards),
            "brochure": lambda o, f: workloads.weasy_brochure(o, f, text),
        },
    }
    available = {
        name: tool
        for name, tool in tools.items()
        if name.startswith("outreach") or importlib.util.find_spec(name) is not None
    }
    if importlib.util.find_spec("segno") is None:
        available = {"outreach": tools["outreach"]}
        print("segno is not installed: peers skipped (they use it for QR codes)")
    results: dict[tuple[str, str], tuple[float, float, int]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for tool, jobs in available.items():
            for workload, make in jobs.items():
                out = Path(folder) / f"{tool}-{workload.replace(',', '')}.pdf"
                runs = [run(make(str(out), FONTS), out) for _ in range(args.runs)]
                results[tool, workload] = (
                    statistics.median(r[0] for r in runs),
                    max(r[1] for r in runs),
                    runs[-1][2],
                )
    print("outreach* = without the preflight every build runs")
    print(
        f"{'workload':12} {'tool':11} {'median s':>9} {'x outreach':>10} {'peak MB':>8} "
        f"{'PDF kB':>8}"
    )
    for workload in ("poster", "1,000 cards", "brochure"):
        base = results["outreach", workload][0]
        for tool in available:
            if (tool, workload) not in results:
                continue
            seconds, peak, size = results[tool, workload]
            print(
                f"{workload:12} {tool:11} {seconds:9.3f} {seconds / base:10.2f} {peak:8.0f} "
                f"{size / 1024:8.0f}"
            )


if __name__ == "__main__":
    main()
