"""The laid-out document: pages of positioned items, ready to draw and to check.

Input: decisions made by `layout/`. Output: a public, inspectable value that `render.py`
draws exactly and that tests and checks read without parsing a PDF. Coordinates are
points from the top-left corner of the trim box; y grows downwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from outreach.core.diagnostics import Location
from outreach.core.text_lines import Paint, TextLine
from outreach.core.values import value_methods


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Rect:
    """A rectangle in points from the trim's top-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        """X of the right edge."""
        return self.x + self.w

    @property
    def bottom(self) -> float:
        """Y of the bottom edge."""
        return self.y + self.h

    def contains(self, other: Rect, tolerance: float = 0.01) -> bool:
        """True if `other` lies inside this rectangle."""
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class TextItem:
    """A text slot after fitting: its box, lines, chosen size and the size it asked for.

    `artifact` text is drawn but not read (the slug, a sheet's labels); otherwise each
    paragraph of lines is a structure element of its lines' `role`. `order` is the item's
    reading-order key by meaning (smaller first; equal keys keep drawing order).
    `continued`: the first paragraph goes on from the last one of the item before it
    with the same content key.
    """

    slot: str
    rect: Rect
    lines: tuple[TextLine, ...]
    size: float
    requested_size: float
    language: str
    source: Location
    keys: tuple[str, ...] = ()
    artifact: bool = False
    order: tuple[int, ...] = ()
    # Its first paragraph is the rest of the previous item's last (a paragraph or a title
    # split between two frames): one structure element, one heading (issue 19).
    continued: bool = False

    @property
    def text(self) -> str:
        """All lines joined by newlines."""
        return "\n".join(line.text for line in self.lines)

    def ink_rect(self) -> Rect:
        """The area the lines actually use (for checks against margins and folds)."""
        if not self.lines:
            return Rect(self.rect.x, self.rect.y, 0, 0)
        left = min(line.x for line in self.lines)
        right = max(line.x + line.width for line in self.lines)
        top = min(
            line.baseline - max(r.size for r in line.runs) for line in self.lines if line.runs
        )
        bottom = max(
            line.baseline + 0.3 * max(r.size for r in line.runs) for line in self.lines if line.runs
        )
        return Rect(left, top, right - left, bottom - top)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class RectItem:
    """A filled rectangle (backgrounds, panels), optionally with rounded corners.

    With `stroke` > 0 only the outline is drawn, that wide (cut guides, test targets).
    """

    slot: str
    rect: Rect
    paint: Paint
    radius: float = 0.0
    source: Location | None = None
    stroke: float = 0.0


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class LineItem:
    """A stroked straight line: rules, crop marks, fold marks."""

    slot: str
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    paint: Paint


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class QrItem:
    """A QR code: its matrix (quiet zone included) drawn as one path, and its payload.

    Tagged as a figure whose `alt` text, in `language`, says what the code does.
    """

    slot: str
    rect: Rect
    data: str
    matrix: tuple[tuple[bool, ...], ...]
    quiet_zone: int
    paint: Paint
    source: Location
    error_correction: str = "M"
    alt: str = ""
    language: str = ""
    order: tuple[int, ...] = ()

    @property
    def modules(self) -> int:
        """Modules per side, quiet zone included."""
        return len(self.matrix)

    @property
    def module_size(self) -> float:
        """Size of one module in points."""
        return self.rect.w / self.modules


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class LinkItem:
    """A clickable area in the PDF (a link annotation), e.g. over a QR code.

    `contents` describes the target in `language` (the annotation's /Contents and the
    Link structure element's alternate text).
    """

    slot: str
    rect: Rect
    url: str
    contents: str = ""
    language: str = ""
    order: tuple[int, ...] = ()


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class GroupItem:
    """A card on an imposed sheet: a shared form, then its own items, moved as one.

    The card's trim has its top-left corner at (x, y) on the page. `form` names a
    `Form` of the document (drawn once, placed many times); `items` are in the card's
    own coordinates and hold only what differs from card to card (issue 3).
    """

    slot: str
    x: float
    y: float
    width: float
    height: float
    form: str | None
    items: tuple[Item, ...] = ()
    site: str | None = None  # the distribution site this card is for, if any
    copy: int = 0  # 1-based number of this card among its site's cards; 0 if no site

    @property
    def rect(self) -> Rect:
        """The card's trim box on the page."""
        return Rect(self.x, self.y, self.width, self.height)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class FormItem:
    """A form placed as it is, its origin at (x, y): e.g. the crop marks every sheet shares."""

    slot: str
    form: str
    x: float = 0.0
    y: float = 0.0


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class ImageItem:
    """A picture scaled into its rect: a pack's logo or image, or a review packet's crop.

    `format` is "png", "jpeg" or "svg" (drawn as vector paths, never as a raster).
    `pixels` is a raster's size, for its effective resolution; `icc` the CMYK profile
    (a file of `render/icc/`) a raster is converted to for a press file, decided by
    layout; `colors` maps an SVG's RGB colours to the CMYK a press file prints them in
    (the pack's brand and the layout's palette; other colours go through `icc`).
    `source` is where the pack names the picture.
    """

    slot: str
    rect: Rect
    data: bytes
    format: str = "png"
    alt: str | None = None
    pixels: tuple[int, int] | None = None
    icc: str | None = None
    colors: tuple[tuple[tuple[float, ...], tuple[float, ...]], ...] = ()
    source: Location | None = None
    name: str = ""  # the file's name in the pack, for messages
    transparent: bool = False
    tint: Paint | None = None  # an SVG drawn in this one colour (a logo reversed on a dark panel)
    language: str = ""  # the language of `alt` (the pack's source language)
    order: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class FigureItem:
    """Where a figure drawn with several items (a chart) begins; it draws nothing itself.

    The items after it whose slot starts with `slot` + "-" are its content: a tagged PDF
    reads them as one Figure whose `alt`, in `language`, says what they show (issue 19).
    """

    slot: str
    rect: Rect
    alt: str
    language: str
    order: tuple[int, ...] = ()


_Placed = TextItem | RectItem | LineItem | QrItem | LinkItem
Item = _Placed | GroupItem | FormItem | ImageItem | FigureItem


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Form:
    """Items drawn once and placed many times: what every card of a print run shares.

    Coordinates are the card's own (from its trim's top-left corner); drawing is clipped
    `bleed` beyond the trim, so cards that abut on a sheet do not paint over each other.
    """

    name: str
    width: float
    height: float
    bleed: float
    items: tuple[Item, ...]


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Page:
    """One page: trim size, bleed and slug around it, and items in drawing order."""

    name: str
    width: float
    height: float
    bleed: float
    slug: float
    items: tuple[Item, ...]
    background: Paint | None = None
    rotation: int = 0  # degrees the page is turned when shown or printed (/Rotate)

    @property
    def media_width(self) -> float:
        """Width of the whole sheet: trim plus bleed and slug on both sides."""
        return self.width + 2 * (self.bleed + self.slug)

    @property
    def media_height(self) -> float:
        """Height of the whole sheet."""
        return self.height + 2 * (self.bleed + self.slug)

    def text_items(self) -> list[TextItem]:
        """Text items of this page."""
        return [i for i in self.items if isinstance(i, TextItem)]

    def qr_items(self) -> list[QrItem]:
        """QR items of this page."""
        return [i for i in self.items if isinstance(i, QrItem)]

    def item(self, slot: str) -> Item:
        """The first item filled from a slot (tests use this)."""
        for candidate in self.items:
            if candidate.slot == slot:
                return candidate
        raise KeyError(slot)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class OutputIntent:
    """The PDF/X output intent of a press file (docs/print-production.md, "PDF/X").

    `standard` is "PDF/X-4" or "PDF/X-1a:2003"; `condition` the registered
    characterization (`FOGRA39`, `FOGRA51`, `CGATS21-2-CRPC6`), written as the
    OutputConditionIdentifier; `profile` the bundled ICC file embedded for it.
    """

    standard: str
    condition: str
    description: str
    profile: str


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Metadata:
    """Document information written into the PDF."""

    title: str
    author: str
    subject: str
    language: str
    keywords: tuple[str, ...] = ()
    creator: str = "outreach"
    duplex: str | None = None  # viewer preference: "DuplexFlipLongEdge" or "...ShortEdge"


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Document:
    """A laid-out material: its pages, metadata and the profile it was made for."""

    material: str
    size: str
    language: str
    profile: str
    color_space: str
    pages: tuple[Page, ...]
    metadata: Metadata
    notes: tuple[str, ...] = field(default=())
    forms: tuple[Form, ...] = ()  # drawn once, placed by `GroupItem`s
    output_intent: OutputIntent | None = None  # press files: PDF/X (issue 20)
    object_streams: bool = False  # digital files: objects packed into compressed streams

    def text_items(self) -> Iterator[tuple[int, TextItem]]:
        """(page index, item) for every text item."""
        for index, page in enumerate(self.pages):
            for item in page.text_items():
                yield index, item

    def qr_items(self) -> Iterator[tuple[int, QrItem]]:
        """(page index, item) for every QR code."""
        for index, page in enumerate(self.pages):
            for item in page.qr_items():
                yield index, item

    def font_names(self) -> frozenset[str]:
        """Every font the Document's text is set in, shared card forms included.

        The preflight expects exactly these besides the bundled fonts: a pack's own font
        is no surprise in the PDF it was chosen for (issue 15).
        """
        items = [item for _, item in self.text_items()]
        for form in self.forms:
            items.extend(item for item in form.items if isinstance(item, TextItem))
        return frozenset(run.font for item in items for line in item.lines for run in line.runs)
