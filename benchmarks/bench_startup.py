"""Time a fresh process that makes one letter poster against the ReportLab floor (issue 14).

Each row is a fresh interpreter, so start-up and imports are counted. The floor registers
our bundled Noto Sans with ReportLab directly (no outreach import) and draws one line: the
least any Python program that writes a PDF with ReportLab can take. Rows run interleaved,
several rounds, and the table shows each row's median and its ratio to the floor.
Target: the poster (preflight included, the library default) within 2.5x of the floor.

Python normally caches compiled modules (`__pycache__`); an environment that sets
PYTHONDONTWRITEBYTECODE makes every fresh process compile outreach's 17,000 lines again,
while ReportLab's installed bytecode is still used. So the rows run with a bytecode cache in
a temporary folder (written by an uncounted first round), unless `--no-bytecode-cache`.
An SVG's drawing is recorded once and replayed from the user's cache folder
(`render/svg_ops.py`); the first, uncounted round records the wordmark there, as it warms the
bytecode. The last row shows the poster with that cache empty in every run (a new folder
each time), the cost of an SVG drawn for the first time; the target is for the rows before.
Run: `python benchmarks/bench_startup.py [--runs N] [--no-bytecode-cache]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "outreach" / "fonts" / "files" / "NotoSans-Regular.ttf"
TARGET = 2.5

FLOOR = f"""
import io
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
pdfmetrics.registerFont(TTFont("NotoSans", {str(FONT)!r}))
out = io.BytesIO()
canvas = Canvas(out, pagesize=(612, 792), invariant=1)
canvas.setFont("NotoSans", 12)
canvas.drawString(72, 720, "Do you need help? Call 1-888-373-7888.")
canvas.showPage()
canvas.save()
assert out.getvalue().startswith(b"%PDF")
"""

POSTER = """
from outreach import build_material
built = build_material("poster", size="letter"{extra})
assert built.pdf.startswith(b"%PDF")
"""

ROWS = (
    ("ReportLab floor: font + one line", FLOOR),
    ("python -c 'import outreach'", "import outreach"),
    ("letter poster, check=False", POSTER.format(extra=", check=False")),
    ("letter poster (preflight, default)", POSTER.format(extra="")),
    ("  the same, SVG cache empty", POSTER.format(extra="")),
)
TARGET_ROW = "letter poster (preflight, default)"
COLD_ROW = "  the same, SVG cache empty"


def _run_once(source: str, env: dict[str, str], cold: bool = False) -> float:
    with tempfile.TemporaryDirectory(prefix="bench-svg-") as empty:
        if cold:
            env = {**env, "OUTREACH_CACHE_DIR": empty}
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", source], cwd=ROOT, env=env, check=True)
        return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Print one table row per workload: median seconds and the ratio to the floor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="rounds per row (default 7)")
    parser.add_argument(
        "--no-bytecode-cache", action="store_true", help="run with the environment as it is"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as cache:
        env = dict(os.environ)
        if not args.no_bytecode_cache:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = cache
        for _, source in ROWS:  # warm the OS file cache, the bytecode, the SVG; not counted
            _run_once(source, env)
        times: dict[str, list[float]] = {name: [] for name, _ in ROWS}
        for _ in range(args.runs):  # interleaved, so a noisy moment hits every row alike
            for name, source in ROWS:
                times[name].append(_run_once(source, env, cold=name == COLD_ROW))
    print("bytecode cache:", "as the environment has it" if args.no_bytecode_cache else "on")
    medians = {name: statistics.median(values) for name, values in times.items()}
    floor = medians[ROWS[0][0]]
    print(f"{'fresh process':40} {'median s':>9} {'min s':>7} {'x floor':>8}")
    for name, _ in ROWS:
        print(
            f"{name:40} {medians[name]:9.3f} {min(times[name]):7.3f} {medians[name] / floor:8.2f}"
        )
    ratio = medians[TARGET_ROW] / floor
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"target: poster within {TARGET}x of the floor: {verdict} ({ratio:.2f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
