"""Benchmark the text engine: prints a table of CPU times (medians).

    python benchmarks/bench_text.py [--repeat N]

Rows:
* specimen: lay out and render the 16-language specimen (outreach specimen);
* persian-1000: lay out ~1,000 lines of shaped Persian (bidi + HarfBuzz), then render;
* poster: `outreach.build_material("poster")`, Latin only. The text engine must not make
  this slower: compare with the same row on main (the function exists there too).

CPU time (`time.process_time`) is reported because the machine is shared; wall time is
shown beside it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import outreach
from outreach.core.diagnostics import Location
from outreach.core.document import Document, Metadata, Page, Rect, TextItem
from outreach.core.text_lines import Paint
from outreach.fonts import FontBook
from outreach.jobs.specimen import build_specimen, layout_specimen
from outreach.layout.text import Paragraph, SetText, parse_spans, set_paragraphs
from outreach.render.draw import render_pdf

PERSIAN = (
    "اگر شما یا کسی که می\u200cشناسید قربانی قاچاق انسان است، با خط تلفن ملی مبارزه "
    "با قاچاق انسان تماس بگیرید: ۱-۸۸۸-۳۷۳-۷۸۸۸ یا https://humantraffickinghotline.org"
)
BLACK = Paint("rgb", (0.0, 0.0, 0.0))


def _measure(task: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    cpu, wall = [], []
    result: object = None
    for _ in range(repeat):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        result = task()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return statistics.median(cpu), statistics.median(wall), result


def _persian_layout(fonts: FontBook) -> SetText:
    regular, bold = fonts.font_for("fa", "regular"), fonts.font_for("fa", "bold")
    paragraphs = [
        Paragraph(parse_spans(PERSIAN), 11, 11, 1.2, 0.0, regular, bold, BLACK, language="fa")
        for _ in range(250)
    ]
    return set_paragraphs(paragraphs, 250, 1e9, fonts)


def _persian_render(result: SetText, fonts: FontBook) -> bytes:
    pages = []
    per_page = 50
    lines = result.placed(36, 36)
    for start in range(0, len(lines), per_page):
        chunk = lines[start : start + per_page]
        shift = chunk[0].baseline - 36 - 11
        moved = tuple(line.moved(0, -shift) for line in chunk)
        item = TextItem("text", Rect(36, 36, 250, 700), moved, 11, 11, "fa", Location("bench"))
        pages.append(Page(str(start), 322, 792, 0, 0, (item,)))
    document = Document(
        "bench",
        "bench",
        "fa",
        "office",
        "rgb",
        tuple(pages),
        Metadata("bench", "bench", "bench", "fa"),
    )
    return render_pdf(document, fonts)


def main() -> None:
    """Run each task and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    fonts = FontBook()
    _persian_layout(fonts)  # warm up: load fonts once, as a long-running build would
    build_specimen()
    outreach.build_material("poster")

    rows = []
    cpu, wall, _ = _measure(lambda: layout_specimen(fonts=fonts), args.repeat)
    rows.append(("specimen layout (16 pages)", cpu, wall, ""))
    cpu, wall, built = _measure(build_specimen, args.repeat)
    rows.append(("specimen layout + render", cpu, wall, f"{len(built.pdf) / 1000:.0f} kB"))  # type: ignore[attr-defined]
    cpu, wall, laid = _measure(lambda: _persian_layout(fonts), args.repeat)
    count = len(laid.lines)  # type: ignore[attr-defined]
    rows.append((f"persian layout ({count} lines)", cpu, wall, f"{cpu / count * 1e6:.0f} us/line"))
    cpu, wall, pdf = _measure(lambda: _persian_render(laid, fonts), args.repeat)  # type: ignore[arg-type]
    rows.append((f"persian render ({count} lines)", cpu, wall, f"{len(pdf) / 1000:.0f} kB"))  # type: ignore[arg-type]
    cpu, wall, _ = _measure(lambda: outreach.build_material("poster"), max(args.repeat, 15))
    rows.append(("poster (Latin) build_material", cpu, wall, ""))

    print(f"{'task':<36} {'cpu s':>8} {'wall s':>8}  note")
    print("-" * 70)
    for name, cpu, wall, note in rows:
        print(f"{name:<36} {cpu:>8.4f} {wall:>8.4f}  {note}")


if __name__ == "__main__":
    main()
