"""Draw a laid-out Document with ReportLab's canvas and return the PDF bytes.

Input: `document.Document`. Output: PDF bytes, byte-identical for identical input
(`invariant=1`). Nothing is decided here: positions, sizes, colours and line breaks come
from the Document. The only conversion is the flip from top-left to PDF's bottom-left.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import groupby
from typing import Any, BinaryIO

from reportlab import rl_config
from reportlab.lib.colors import CMYKColor, Color
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from outreach.core.document import (
    Document,
    FigureItem,
    Form,
    FormItem,
    GroupItem,
    ImageItem,
    Item,
    LineItem,
    LinkItem,
    Page,
    QrItem,
    Rect,
    RectItem,
    TextItem,
)
from outreach.core.text_lines import Paint, PdfGlyph, TextPiece, TextRun
from outreach.fonts import FontBook
from outreach.render.images import draw_image
from outreach.render.pdfx import make_pdf_x, pdf_version
from outreach.render.tagging import TaggedDocument, Tagger

PRODUCER = "outreach (ReportLab)"


def _color(paint: Paint) -> Color:
    if paint.space == "cmyk":
        return CMYKColor(*paint.values)
    return Color(*paint.values)


def _pdf_text(text: str) -> str:
    """A PDF text string in UTF-16BE with a byte-order mark, written as hex."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


_DARK_RUN = re.compile(b"\x01+")
_FIELD = tuple(f"{value:3d} " for value in range(1000))  # right-aligned in three columns


@lru_cache(maxsize=32)  # a sheet's shared codes; a run's unique codes never repeat
def _qr_runs(matrix: tuple[tuple[bool, ...], ...]) -> str:
    """The dark runs of a QR matrix as `x y w 1 re` operators in module units, then `f`.

    A print run draws thousands of codes: the rows are joined into one byte string with a
    light module between them, and its dark runs found by one regular expression (about
    as fast as numpy was, without loading numpy for a poster's two codes, issue 14).
    Numbers are written right-aligned in three columns, which PDF reads like any other
    whitespace between operands.
    """
    width = len(matrix) + 1  # each row and the light module that ends its last run
    parts = []
    for run in _DARK_RUN.finditer(b"\x00".join(map(bytes, matrix))):
        start, end = run.span()
        row, column = divmod(start, width)
        parts.append(f"{_FIELD[column]}{_FIELD[row]}{_FIELD[end - start]}1 re\n")
    parts.append("f")
    return "".join(parts)


class _Drawer:
    """Draws items; (ox, top) is where the items' origin (a trim's top-left) lands."""

    def __init__(
        self, canvas: Canvas, fonts: FontBook, ox: float, top: float, tags: Tagger | None = None
    ) -> None:
        self.canvas = canvas
        self.fonts = fonts
        self.ox = ox
        self.top = top
        self.tags = tags  # structure tagging hooks (render/tagging.py); None inside forms
        self.shift = (0.0, 0.0)  # where this drawer's origin is on the page (cards on sheets)
        self.figure: tuple[str, Any] | None = None  # an open figure: its items' slot prefix

    def x(self, value: float) -> float:
        return self.ox + value

    def y(self, value: float) -> float:
        return self.top - value

    def draw_items(self, items: Iterable[Item]) -> None:
        for item in items:
            if self.tags is not None:
                self._tagged(item, self.tags)
            else:
                self._draw_item(item)

    def bbox(self, rect: Rect) -> tuple[float, float, float, float]:
        """A rect of the Document in the page's default user space (a Figure's /BBox)."""
        dx, dy = self.shift
        return (
            dx + self.x(rect.x),
            dy + self.y(rect.bottom),
            dx + self.x(rect.right),
            dy + self.y(rect.y),
        )

    def _tagged(self, item: Item, tags: Tagger) -> None:
        """Draw an item inside the marked content its structure role asks for."""
        if self.figure is not None and item.slot.startswith(self.figure[0]):
            with tags.marked(self.canvas, self.figure[1]):  # a chart's shapes and labels
                self._draw_item(item)
            return
        self.figure = None
        if isinstance(item, FigureItem):
            self.figure = (item.slot + "-", tags.figure(item, self.bbox(item.rect)))
        elif isinstance(item, ImageItem) and item.alt:
            with tags.marked(self.canvas, tags.figure(item, self.bbox(item.rect))):
                self._image(item)
        elif isinstance(item, TextItem) and not item.artifact:
            elements = tags.text_item(item)
            for line in item.lines:
                element, label = elements[line.paragraph]
                for run in line.runs:
                    with tags.marked(self.canvas, label if label and run.label else element):
                        self._run(run, line.baseline)
        elif isinstance(item, QrItem):
            with tags.marked(self.canvas, tags.figure(item, self.bbox(item.rect))):
                self._qr(item)
        elif isinstance(item, LinkItem):
            self._link(item, tags.link(item, f"NUMBER{self.canvas._annotationCount + 1}"))
        elif isinstance(item, GroupItem):
            self._group(item)
        else:
            with tags.artifact(self.canvas):
                self._draw_item(item)

    def _draw_item(self, item: Item) -> None:
        if True:
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
            elif isinstance(item, GroupItem):
                self._group(item)
            elif isinstance(item, FormItem):
                self._form(item)
            elif isinstance(item, ImageItem):
                self._image(item)

    def _rect(self, item: RectItem) -> None:
        r = item.rect
        stroke, fill = (1, 0) if item.stroke > 0 else (0, 1)
        if stroke:
            self.canvas.setStrokeColor(_color(item.paint))
            self.canvas.setLineWidth(item.stroke)
        else:
            self.canvas.setFillColor(_color(item.paint))
        if item.radius > 0:
            self.canvas.roundRect(
                self.x(r.x), self.y(r.bottom), r.w, r.h, item.radius, stroke=stroke, fill=fill
            )
        else:
            self.canvas.rect(self.x(r.x), self.y(r.bottom), r.w, r.h, stroke=stroke, fill=fill)

    def _line(self, item: LineItem) -> None:
        self.canvas.setStrokeColor(_color(item.paint))
        self.canvas.setLineWidth(item.width)
        self.canvas.line(self.x(item.x1), self.y(item.y1), self.x(item.x2), self.y(item.y2))

    def _text(self, item: TextItem) -> None:
        for line in item.lines:
            for run in line.runs:
                self._run(run, line.baseline)

    def _run(self, run: TextRun, baseline: float) -> None:
        self.canvas.setFillColor(_color(run.paint))
        self.canvas.setFont(run.font, run.size)
        if not run.pieces:
            self.canvas.drawString(self.x(run.x), self.y(baseline), run.text)
            return
        x = run.x
        for piece in run.pieces:
            x = self._piece(run, piece, x, baseline)

    def _piece(self, run: TextRun, piece: TextPiece, x: float, baseline: float) -> float:
        """Draw one piece of a shaped run from x; return where the next piece starts.

        Copying text out of the PDF must give the source text (issue 5). Glyphs are drawn
        left to right as shaped, and readers (pdfium, poppler) reorder right-to-left text
        themselves, /ActualText included; so each glyph is written under a code whose
        ToUnicode entry is its own text (`FontBook.shaped_string`), and /ActualText
        (PDF 32000-1, 14.9.4) is only written around what no single glyph can say: a
        right-to-left word, in visual order, or a left-to-right run, that draws a
        character with several glyphs. Invisible glyphs carry marks and joiners between
        right-to-left words. The text engine planned all of it (`text/extraction.py`);
        this only draws it.
        """
        if piece.actual_text is not None:
            self.canvas.addLiteral(f"/Span <</ActualText {_pdf_text(piece.actual_text)}>> BDC")
        for group in piece.groups:
            # Glyphs raised or lowered by the shaper (dots, vowel marks, Khmer subscripts) are
            # drawn as their own pieces at their own height: ReportLab's text rise loses
            # track of the baseline when two shifted marks follow each other.
            for (dy, invisible), chunk in _by_height(group):
                text = self.fonts.shaped_string(run.font, run.size, chunk)
                mode = 3 if invisible else None  # 3: neither fill nor stroke
                self.canvas.drawString(self.x(x), self.y(baseline) + dy, text, mode=mode)
                x += sum(glyph.advance for glyph in chunk)
        if piece.actual_text is not None:
            self.canvas.addLiteral("EMC")
        return x

    def _qr(self, item: QrItem) -> None:
        # One path of horizontal runs: smaller files and no seams between modules
        # (docs/fonts-and-reportlab.md §9). The runs are written in module units
        # under one transform, which keeps a code to a few hundred bytes (issue 3).
        module = item.module_size
        self.canvas.saveState()
        self.canvas.setFillColor(_color(item.paint))
        self.canvas.transform(module, 0, 0, -module, self.x(item.rect.x), self.y(item.rect.y))
        self.canvas.addLiteral(_qr_runs(item.matrix))
        self.canvas.restoreState()

    def _link(self, item: LinkItem, extra: dict[str, Any] | None = None) -> None:
        r = item.rect
        self.canvas.linkURL(
            item.url,
            (self.x(r.x), self.y(r.bottom), self.x(r.right), self.y(r.y)),
            relative=1,
            thickness=0,
            **(extra or {}),
        )

    def _image(self, item: ImageItem) -> None:
        r = item.rect
        if item.format == "svg" or item.icc is not None:  # a pack's picture (issue 15)
            draw_image(self.canvas, item, self.x(r.x), self.y(r.bottom))
            return
        picture = ImageReader(io.BytesIO(item.data))
        self.canvas.drawImage(picture, self.x(r.x), self.y(r.bottom), r.w, r.h)

    def _form(self, item: FormItem) -> None:
        self.canvas.saveState()
        self.canvas.translate(self.x(item.x), self.y(item.y))
        self.canvas.doForm(item.form)
        self.canvas.restoreState()

    def _group(self, item: GroupItem) -> None:
        self.canvas.saveState()
        self.canvas.translate(self.x(item.x), self.y(item.y))
        if item.form is not None:
            if self.tags is not None:  # a card's shared form: a copy, read once per card item
                with self.tags.artifact(self.canvas):
                    self.canvas.doForm(item.form)
            else:
                self.canvas.doForm(item.form)
        inner = _Drawer(self.canvas, self.fonts, 0.0, 0.0, self.tags)
        inner.shift = (self.shift[0] + self.x(item.x), self.shift[1] + self.y(item.y))
        inner.draw_items(item.items)
        self.canvas.restoreState()


class _PageDrawer(_Drawer):
    """Draws one page; the trim's top-left corner lands inside the bleed and slug."""

    def __init__(
        self, canvas: Canvas, page: Page, fonts: FontBook, tags: Tagger | None = None
    ) -> None:
        super().__init__(
            canvas,
            fonts,
            page.bleed + page.slug,
            page.media_height - (page.bleed + page.slug),
            tags,
        )
        self.page = page

    def draw(self) -> None:
        page = self.page
        if self.tags is not None:
            self.tags.start_page()
        if page.background is not None:
            if self.tags is not None:
                self.canvas.addLiteral("/Artifact BMC")
            self.canvas.setFillColor(_color(page.background))
            self.canvas.rect(
                self.x(-page.bleed),
                self.y(page.height + page.bleed),
                page.width + 2 * page.bleed,
                page.height + 2 * page.bleed,
                stroke=0,
                fill=1,
            )
            if self.tags is not None:
                self.canvas.addLiteral("EMC")
        self.draw_items(page.items)


def _draw_form(canvas: Canvas, fonts: FontBook, form: Form) -> None:
    """Define a form XObject whose origin is the card's trim top-left, clipped to its bleed."""
    canvas.beginForm(
        form.name, -form.bleed, -(form.height + form.bleed), form.width + form.bleed, form.bleed
    )
    _Drawer(canvas, fonts, 0.0, 0.0).draw_items(form.items)
    canvas.endForm()


def _by_height(
    glyphs: Sequence[PdfGlyph],
) -> Iterator[tuple[tuple[float, bool], list[PdfGlyph]]]:
    """Consecutive glyphs at the same height above the baseline, and equally (in)visible."""
    for key, group in groupby(glyphs, key=lambda glyph: (glyph.dy, glyph.invisible)):
        yield key, list(group)


class _StreamingCanvas(Canvas):  # type: ignore[misc]
    """A canvas whose pages go to `out` as soon as each is finished (`pdf_stream`)."""

    def __init__(
        self,
        out: BinaryIO,
        *,
        lang: str | None,
        version: tuple[int, int],
        tags: Tagger | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            out, invariant=1, pageCompression=1, lang=lang, pdfVersion=version, **kwargs
        )
        self._doc = TaggedDocument(
            out, tags, compression=1, invariant=1, lang=lang, pdfVersion=version
        )


def render_pdf(document: Document, fonts: FontBook, pages: Iterable[Page] | None = None) -> bytes:
    """Draw every page; press pages get a TrimBox and a BleedBox, as print shops expect.

    `pages`, when given, replaces `document.pages`: a print run streams its sheets from a
    generator, and each page is written as soon as it is drawn, so a run's memory does
    not grow with its length (issue 3).
    """
    buffer = io.BytesIO()
    render_pdf_to(buffer, document, fonts, pages)
    return buffer.getvalue()


def render_pdf_to(
    out: BinaryIO, document: Document, fonts: FontBook, pages: Iterable[Page] | None = None
) -> None:
    """Like `render_pdf`, writing into `out` as pages are drawn (a file, for long runs)."""
    with _without_ascii85():
        if not document.object_streams:
            _draw_document(out, document, fonts, pages)
            return
        # a digital file is one page or a few, never a streamed print run: drawn in
        # memory, then its objects packed into object streams (render/compact.py)
        drawn = io.BytesIO()
        _draw_document(drawn, document, fonts, pages)
    from outreach.render.compact import compact_pdf  # pikepdf: 0.1 s, for digital files only

    compact_pdf(drawn.getvalue(), out)


def _draw_document(
    out: BinaryIO, document: Document, fonts: FontBook, pages: Iterable[Page] | None
) -> None:
    stream = iter(document.pages if pages is None else pages)
    first = next(stream)
    # The initial font is our own, so no unembedded Helvetica is referenced
    # (docs/fonts-and-reportlab.md §4).
    initial_font = fonts.font_name("NotoSans", "regular")
    # A print run streamed page by page writes each page's structure with the page, so
    # its memory does not grow with its length (issue 19, render/tagging.py).
    tags = Tagger(document, streamed=pages is not None)
    canvas = _StreamingCanvas(
        out,
        tags=tags,
        pagesize=(first.media_width, first.media_height),
        initialFontName=initial_font,
        lang=document.metadata.language,
        enforceColorSpace=document.color_space if document.color_space == "cmyk" else None,
        version=pdf_version(document.output_intent),
    )
    if document.output_intent is not None:  # PDF/X (issue 20): render/pdfx.py
        key = f"{document.material}|{document.size}|{document.language}|{document.profile}"
        make_pdf_x(canvas._doc, document.output_intent, document.metadata, key)
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
    for form in document.forms:
        _draw_form(canvas, fonts, form)
    for page in _chain(first, stream):
        canvas.setPageSize((page.media_width, page.media_height))
        inset = page.slug
        trim_inset = page.slug + page.bleed
        canvas.setBleedBox((inset, inset, page.media_width - inset, page.media_height - inset))
        canvas.setTrimBox(
            (trim_inset, trim_inset, page.media_width - trim_inset, page.media_height - trim_inset)
        )
        canvas.setPageRotation(page.rotation)
        _PageDrawer(canvas, page, fonts, tags).draw()
        canvas.showPage()
    canvas.save()


@contextmanager
def _without_ascii85() -> Iterator[None]:
    """Write compressed streams as binary.

    ASCII85 only adds a quarter to every stream (7-bit transport is long gone) and, in pure
    Python, costs more than the drawing.
    """
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


def _chain(first: Page, rest: Iterable[Page]) -> Iterable[Page]:
    yield first
    yield from rest
