"""Draw a laid-out Document with ReportLab's canvas and return the PDF bytes.

Input: `document.Document`. Output: PDF bytes, byte-identical for identical input
(`invariant=1`). Nothing is decided here: positions, sizes, colours and line breaks come
from the Document. The only conversion is the flip from top-left to PDF's bottom-left.
"""

from __future__ import annotations

import io

from reportlab.lib.colors import CMYKColor, Color
from reportlab.pdfgen.canvas import Canvas

from outreach.document import (
    Document,
    LineItem,
    LinkItem,
    Page,
    Paint,
    QrItem,
    RectItem,
    TextItem,
)
from outreach.fonts import FontBook

PRODUCER = "outreach (ReportLab)"


def _color(paint: Paint) -> Color:
    if paint.space == "cmyk":
        return CMYKColor(*paint.values)
    return Color(*paint.values)


def _pdf_text(text: str) -> str:
    """A PDF text string in UTF-16BE with a byte-order mark, written as hex."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class _PageDrawer:
    """Draws one page; `origin` is where the trim's top-left corner lands on the sheet."""

    def __init__(self, canvas: Canvas, page: Page, fonts: FontBook) -> None:
        self.canvas = canvas
        self.page = page
        self.fonts = fonts
        self.ox = page.bleed + page.slug
        self.top = page.media_height - (page.bleed + page.slug)

    def x(self, value: float) -> float:
        return self.ox + value

    def y(self, value: float) -> float:
        return self.top - value

    def draw(self) -> None:
        page = self.page
        if page.background is not None:
            self.canvas.setFillColor(_color(page.background))
            self.canvas.rect(
                self.x(-page.bleed),
                self.y(page.height + page.bleed),
                page.width + 2 * page.bleed,
                page.height + 2 * page.bleed,
                stroke=0,
                fill=1,
            )
        for item in page.items:
            if isinstance(item, RectItem):
                self._rect(item)
            elif isinstance(item, LineItem):
                self._line(item)
            elif isinstance(item, TextItem):
                self._text(item)
            elif isinstance(item, QrItem):
                self._qr(item)
            elif isinstance(item, LinkItem):
                self._link(item)

    def _rect(self, item: RectItem) -> None:
        self.canvas.setFillColor(_color(item.paint))
        r = item.rect
        if item.radius > 0:
            self.canvas.roundRect(
                self.x(r.x), self.y(r.bottom), r.w, r.h, item.radius, stroke=0, fill=1
            )
        else:
            self.canvas.rect(self.x(r.x), self.y(r.bottom), r.w, r.h, stroke=0, fill=1)

    def _line(self, item: LineItem) -> None:
        self.canvas.setStrokeColor(_color(item.paint))
        self.canvas.setLineWidth(item.width)
        self.canvas.line(self.x(item.x1), self.y(item.y1), self.x(item.x2), self.y(item.y2))

    def _text(self, item: TextItem) -> None:
        for line in item.lines:
            if line.actual_text is not None:
                # Shaped glyphs map to private-use codes; /ActualText gives copy, search
                # and screen readers the source text instead (PDF 32000-1, 14.9.4).
                self.canvas.addLiteral(f"/Span <</ActualText {_pdf_text(line.actual_text)}>> BDC")
            for run in line.runs:
                self.canvas.setFillColor(_color(run.paint))
                self.canvas.setFont(run.font, run.size)
                text = (
                    self.fonts.shaped_string(run.font, run.size, run.glyphs)
                    if run.glyphs
                    else run.text
                )
                self.canvas.drawString(self.x(run.x), self.y(line.baseline), text)
            if line.actual_text is not None:
                self.canvas.addLiteral("EMC")

    def _qr(self, item: QrItem) -> None:
        # One path of horizontal runs: smaller files and no seams between modules
        # (research/reportlab-5-findings.md, Q7).
        module = item.module_size
        path = self.canvas.beginPath()
        for row_index, row in enumerate(item.matrix):
            column = 0
            count = len(row)
            while column < count:
                if row[column]:
                    start = column
                    while column < count and row[column]:
                        column += 1
                    path.rect(
                        self.x(item.rect.x + start * module),
                        self.y(item.rect.y + (row_index + 1) * module),
                        (column - start) * module,
                        module,
                    )
                else:
                    column += 1
        self.canvas.setFillColor(_color(item.paint))
        self.canvas.drawPath(path, stroke=0, fill=1)

    def _link(self, item: LinkItem) -> None:
        r = item.rect
        self.canvas.linkURL(
            item.url,
            (self.x(r.x), self.y(r.bottom), self.x(r.right), self.y(r.y)),
            relative=0,
            thickness=0,
        )


def render_pdf(document: Document, fonts: FontBook) -> bytes:
    """Draw every page; press pages get a TrimBox and a BleedBox, as print shops expect."""
    buffer = io.BytesIO()
    first = document.pages[0]
    # The initial font is our own, so no unembedded Helvetica is referenced
    # (research/reportlab-5-findings.md, Q1).
    initial_font = fonts.font_name("NotoSans", "regular")
    canvas = Canvas(
        buffer,
        pagesize=(first.media_width, first.media_height),
        invariant=1,
        pageCompression=1,
        initialFontName=initial_font,
        lang=document.metadata.language,
        enforceColorSpace=document.color_space if document.color_space == "cmyk" else None,
    )
    meta = document.metadata
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setKeywords(", ".join(meta.keywords))
    canvas.setCreator(meta.creator)
    canvas.setProducer(PRODUCER)
    canvas.setViewerPreference("DisplayDocTitle", "true")
    if meta.duplex:
        canvas.setViewerPreference("Duplex", meta.duplex)
    for page in document.pages:
        canvas.setPageSize((page.media_width, page.media_height))
        inset = page.slug
        trim_inset = page.slug + page.bleed
        canvas.setBleedBox((inset, inset, page.media_width - inset, page.media_height - inset))
        canvas.setTrimBox(
            (trim_inset, trim_inset, page.media_width - trim_inset, page.media_height - trim_inset)
        )
        canvas.setPageRotation(page.rotation)
        _PageDrawer(canvas, page, fonts).draw()
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
