"""The streaming writer: pages go out as they are drawn, and the file is a valid PDF."""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Iterator

import page as page_validation
import pypdf
import pypdfium2

from outreach.core.diagnostics import Location
from outreach.core.document import Document, Metadata, Page, QrItem, Rect, RectItem
from outreach.core.text_lines import Paint
from outreach.fonts import FontBook
from outreach.render.draw import render_pdf, render_pdf_to

FONTS = FontBook()
INK = Paint("cmyk", (0.0, 0.0, 0.0, 1.0))
DOCUMENT = Document(
    material="test",
    size="letter",
    language="en",
    profile="press",
    color_space="cmyk",
    pages=(),
    metadata=Metadata("stream test", "outreach tests", "streaming", "en"),
)


def _pages(count: int) -> Iterator[Page]:
    for number in range(count):
        mark = RectItem("mark", Rect(36.0 + number % 500, 36.0, 20.0, 20.0), INK)
        yield Page(f"page {number + 1}", 612.0, 792.0, 9.0, 0.0, (mark,))


class _Sink(io.RawIOBase):
    """An output that keeps nothing, so only what the writer holds is measured."""

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        return len(data)


def _traced_peak(count: int) -> int:
    tracemalloc.start()
    render_pdf_to(_Sink(), DOCUMENT, FONTS, _pages(count))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_the_streamed_file_reads_strictly_and_shares_resources() -> None:
    pdf = render_pdf(DOCUMENT, FONTS, _pages(30))
    reader = pypdf.PdfReader(io.BytesIO(pdf), strict=True)
    assert len(reader.pages) == 30
    resources = {page.get_object().raw_get("/Resources").idnum for page in reader.pages}
    assert len(resources) == 1  # one dictionary, referenced by every page
    for page in reader.pages:
        assert [float(v) for v in page.trimbox] == [9.0, 9.0, 621.0, 801.0]
    document = pypdfium2.PdfDocument(pdf)
    assert len(document) == 30
    document.close()
    assert render_pdf(DOCUMENT, FONTS, _pages(30)) == pdf  # byte-identical


def test_memory_does_not_hold_the_pages_already_written() -> None:
    """Ten times the pages, nearly the same peak: a page leaves behind its object numbers,
    their offsets and its entry in the page tree (ReportLab alone keeps whole pages, several
    kilobytes each, until it saves)."""
    _traced_peak(50)  # fonts and caches load once
    small, large = _traced_peak(200), _traced_peak(2000)
    per_page = (large - small) / 1800
    assert per_page < 400, f"{per_page:.0f} bytes kept per page"  # 300 measured


def _figure_pages(count: int) -> Iterator[Page]:
    """Pages with a tagged figure each (a QR code's module pattern, with alt text)."""
    matrix = ((True, False, True), (False, True, False), (True, False, True))
    for number in range(count):
        code = QrItem(
            "qr",
            Rect(36.0 + number % 500, 36.0, 30.0, 30.0),
            f"tel:+1888373{number:04d}",
            matrix,
            0,
            INK,
            Location("test"),
            alt=f"QR code: call 1-888-373-{number:04d}",
            order=(number,),
        )
        yield Page(f"page {number + 1}", 612.0, 792.0, 9.0, 0.0, (code,))


def test_a_streamed_run_is_tagged_page_by_page_and_passes_pdfua() -> None:
    """Each page's elements are written with it, one Part per page (issue 19)."""
    pdf = render_pdf(DOCUMENT, FONTS, _figure_pages(12))
    report = page_validation.validate_pdf_bytes(pdf, profile="ua1")
    assert [f.rule_id for f in report.failures] == []
    reader = pypdf.PdfReader(io.BytesIO(pdf), strict=True)
    document = reader.trailer["/Root"]["/StructTreeRoot"]["/K"].get_object()
    parts = [kid.get_object() for kid in document["/K"]]
    assert [part["/S"] for part in parts] == ["/Part"] * 12
    figures = [part["/K"][0].get_object() for part in parts]
    assert figures[3]["/Alt"] == "QR code: call 1-888-373-0003"
    assert figures[3].raw_get("/Pg").idnum == reader.pages[3].indirect_reference.idnum


def test_tagged_pages_are_not_held_either() -> None:
    """Structure elements leave only their Part's and ParentTree entry's numbers behind."""

    def peak(count: int) -> int:
        tracemalloc.start()
        render_pdf_to(_Sink(), DOCUMENT, FONTS, _figure_pages(count))
        result = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return result

    peak(50)
    small, large = peak(200), peak(2000)
    per_page = (large - small) / 1800
    assert per_page < 450, f"{per_page:.0f} bytes kept per page"
