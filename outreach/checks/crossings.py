"""Text ink across drawn edges: a Document's text, rectangles, rules and crop marks in, errors out.

Input: a `Document` (or a print run's streamed sheet pages) and the font book. Output:
`check.crosses-edge` where a line of text runs over the edge of a drawn rectangle (a
coloured band, the emergency box) or over a rule, and `check.crop-mark-on-text` where a
crop mark crosses text; each names both items. Text half on a band and half off it
changes background mid-word and loses its contrast; a rule or crop mark through a line
strikes it out (issue 16, "geometry checks"). Ink is the glyphs' outlines, as in
`checks/collisions.py`; a text's own slot box does not count, only what it prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, cast

from outreach.checks.collisions import Ink, piece_name, text_ink
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import (
    Document,
    Form,
    FormItem,
    GroupItem,
    Item,
    LineItem,
    Page,
    Rect,
    RectItem,
    TextItem,
)
from outreach.fonts import FontBook

# Printer's marks and notes: checks/marks.py holds them against the crop marks and the sheet.
MARK_TEXT = ("slug", "review-note")
# Lines that are marks, not design: folds are checked when laid out (layout/folds.py).
MARK_LINES = ("crop-mark", "fold-mark")
# Ink that dips into a band by less than this is a rounding of the outline, not a crossing.
TOLERANCE = 0.05


@dataclass(frozen=True, slots=True)
class Edge:
    """A drawn thing text must not run over: a filled rectangle's edge, or a line."""

    slot: str
    rect: Rect
    line: bool  # a rule, an outline's side or a crop mark: any overlap strikes the text


def _line_rect(x1: float, y1: float, x2: float, y2: float, width: float) -> Rect:
    half = width / 2
    return Rect(min(x1, x2) - half, min(y1, y2) - half, abs(x2 - x1) + width, abs(y2 - y1) + width)


def edges_of(items: Iterable[Item], dx: float = 0.0, dy: float = 0.0) -> list[Edge]:
    """Rectangles and rules among `items` (moved by dx, dy); marks left out."""
    found: list[Edge] = []
    for item in items:
        if isinstance(item, RectItem):
            r = Rect(item.rect.x + dx, item.rect.y + dy, item.rect.w, item.rect.h)
            if item.stroke <= 0:
                found.append(Edge(item.slot, r, line=False))
                continue
            for x1, y1, x2, y2 in (
                (r.x, r.y, r.right, r.y),
                (r.right, r.y, r.right, r.bottom),
                (r.x, r.bottom, r.right, r.bottom),
                (r.x, r.y, r.x, r.bottom),
            ):
                found.append(Edge(item.slot, _line_rect(x1, y1, x2, y2, item.stroke), True))
        elif isinstance(item, LineItem) and item.slot not in MARK_LINES:
            found.append(
                Edge(
                    item.slot,
                    _line_rect(item.x1 + dx, item.y1 + dy, item.x2 + dx, item.y2 + dy, item.width),
                    line=True,
                )
            )
    return found


def text_inks(
    items: Iterable[Item], fonts: FontBook, dx: float = 0.0, dy: float = 0.0
) -> list[Ink]:
    """The ink of every text item among `items` but printer's marks and notes."""
    return [
        text_ink(item, fonts, dx, dy)
        for item in items
        if isinstance(item, TextItem) and not item.slot.startswith(MARK_TEXT)
    ]


def _overlap(a: Rect, b: Rect) -> tuple[float, float]:
    """How far two boxes overlap across and down (either <= 0: they do not meet)."""
    return min(a.right, b.right) - max(a.x, b.x), min(a.bottom, b.bottom) - max(a.y, b.y)


def crossing(box: Rect, edge: Edge) -> float:
    """How far a line's ink runs over `edge` (0: it does not).

    For a rectangle: how far the ink reaches past the side it crosses, or into the
    rectangle, whichever is less (the smaller part is the one out of place).
    """
    across, down = _overlap(box, edge.rect)
    if across <= TOLERANCE or down <= TOLERANCE:
        return 0.0
    if edge.line:
        return min(across, down)
    r = edge.rect
    outside = max(r.x - box.x, box.right - r.right, r.y - box.y, box.bottom - r.bottom)
    if outside <= TOLERANCE:
        return 0.0  # wholly inside the rectangle
    return min(outside, min(across, down))


def _report_edges(
    inks: list[Ink],
    edges: list[Edge],
    where: str,
    fallback: Location,
    diags: Diagnostics,
    seen: set[str],
) -> None:
    for ink in inks:
        if not ink.boxes:
            continue
        # One box around the whole slot first: most edges are nowhere near it.
        left = min(b.x for b in ink.boxes)
        top = min(b.y for b in ink.boxes)
        right = max(b.right for b in ink.boxes)
        bottom = max(b.bottom for b in ink.boxes)
        for edge in edges:
            r = edge.rect
            if edge.slot == ink.slot or r.x >= right or r.right <= left:
                continue
            if r.y >= bottom or r.bottom <= top:
                continue
            worst = max((crossing(box, edge) for box in ink.boxes), default=0.0)
            key = f"{ink.slot}|{edge.slot}"
            if worst <= 0.0 or key in seen:
                continue
            seen.add(key)
            what = "the rule" if edge.line else "the edge of the rectangle"
            diags.error(
                "check.crosses-edge",
                f"text in slot `{ink.slot}` runs {worst:.1f} pt over {what} in slot "
                f"`{edge.slot}` {where}",
                ink.source or fallback,
                hints=(
                    f"keep slot `{ink.slot}` wholly inside or wholly outside slot "
                    f"`{edge.slot}` in the layout file, or give it the room its text needs",
                ),
            )


def check_crossings(document: Document, fonts: FontBook, diags: Diagnostics) -> None:
    """Report text over a rectangle's edge or a rule, and crop marks across text."""
    forms = {form.name: form for form in document.forms}
    checked: set[tuple[str | None, str | None]] = set()
    for number, page in enumerate(document.pages, start=1):
        check_page_crossings(page, number, document, forms, fonts, diags, checked)


def _placed_forms(
    page: Page, forms: dict[str, Form], fonts: FontBook
) -> tuple[list[Ink], list[Edge]]:
    """Text and edges of the forms a page places as they are (`FormItem`), in page points."""
    inks: list[Ink] = []
    edges: list[Edge] = []
    for item in page.items:
        if isinstance(item, FormItem) and item.form in forms:
            items = forms[item.form].items
            inks += text_inks(items, fonts, item.x, item.y)
            edges += edges_of(items, item.x, item.y)
    return inks, edges


def check_page_crossings(
    page: Page,
    number: int,
    document: Document,
    forms: dict[str, Form],
    fonts: FontBook,
    diags: Diagnostics,
    checked: set[tuple[str | None, str | None]],
    cache: dict[object, Any] | None = None,
) -> None:
    """One page's text against its edges, each card's (each form and site once).

    Every text on the page, the cards' included, is held against the page's crop marks.
    """
    cache = {} if cache is None else cache
    marks_ids = cast(dict[tuple[Rect, ...], int], cache.setdefault("crop-marks", {}))
    name = piece_name(document)
    fallback = Location(name)
    seen: set[str] = set()
    form_inks, form_edges = _placed_forms(page, forms, fonts)
    own = [*text_inks(page.items, fonts), *form_inks]
    edges = [*edges_of(page.items), *form_edges]
    _report_edges(own, edges, f"on page {number} of {name}", fallback, diags, seen)
    crops = _crop_marks(page, forms)
    marks = marks_ids.setdefault(tuple(edge.rect for edge in crops), len(marks_ids))
    placed: list[Ink] = list(own)
    for item in page.items:
        if not isinstance(item, GroupItem):
            continue
        form = forms.get(item.form) if item.form else None
        shared_inks, shared_edges = _form_ink(form, fonts, cache)
        where = f"on the card `{item.form}` on page {number} of {name}"
        if form is not None and ("checked", form.name) not in cache:
            cache["checked", form.name] = True
            _report_edges(shared_inks, shared_edges, where, fallback, diags, set())
        own_inks = text_inks(item.items, fonts) if item.items else []
        if (item.form, item.site) not in checked:
            checked.add((item.form, item.site))
            own_edges = edges_of(item.items)
            whose = f"{where} for site `{item.site}`" if item.site else where
            _report_edges(own_inks, [*shared_edges, *own_edges], whose, fallback, diags, set())
            _report_edges(shared_inks, own_edges, whose, fallback, diags, set())
        if crops:
            # A print run repeats its sheets: each card's shared ink at each place, under
            # each set of crop marks, is held against them once; a site's own ink per card.
            key = (item.form, item.x, item.y, marks)
            if key not in cache:
                cache[key] = True
                placed.extend(_moved(ink, item.x, item.y) for ink in shared_inks)
            placed.extend(_moved(ink, item.x, item.y) for ink in own_inks)
    _report_crop_marks(placed, crops, f"on page {number} of {name}", fallback, diags, seen)


def _form_ink(
    form: Form | None, fonts: FontBook, cache: dict[object, Any]
) -> tuple[list[Ink], list[Edge]]:
    """A shared card form's text ink and edges in card points, measured once per run."""
    if form is None:
        return [], []
    key = ("form", form.name)
    if key not in cache:
        cache[key] = (text_inks(form.items, fonts), edges_of(form.items))
    return cast(tuple[list[Ink], list[Edge]], cache[key])


def _moved(ink: Ink, dx: float, dy: float) -> Ink:
    """An ink moved by (dx, dy): a card's, placed on its sheet."""
    boxes = tuple(Rect(b.x + dx, b.y + dy, b.w, b.h) for b in ink.boxes)
    return Ink(ink.slot, boxes, ink.source, ink.qr, ink.size)


def _crop_marks(page: Page, forms: dict[str, Form]) -> list[Edge]:
    """The page's crop marks, its own and those of the forms it places as they are."""
    found: list[Edge] = []
    for item in page.items:
        lines: Iterable[Item] = ()
        dx = dy = 0.0
        if isinstance(item, LineItem):
            lines = (item,)
        elif isinstance(item, FormItem) and item.form in forms:
            lines, dx, dy = forms[item.form].items, item.x, item.y
        for line in lines:
            if isinstance(line, LineItem) and line.slot == "crop-mark":
                rect = _line_rect(
                    line.x1 + dx, line.y1 + dy, line.x2 + dx, line.y2 + dy, line.width
                )
                found.append(Edge("crop-mark", rect, line=True))
    return found


def _report_crop_marks(
    inks: list[Ink],
    crops: list[Edge],
    where: str,
    fallback: Location,
    diags: Diagnostics,
    seen: set[str],
) -> None:
    for ink in inks:
        if f"crop|{ink.slot}" in seen:
            continue
        hit = next(
            ((box, mark) for mark in crops for box in ink.boxes if crossing(box, mark) > 0.0),
            None,
        )
        if hit is None:
            continue
        seen.add(f"crop|{ink.slot}")
        box, mark = hit
        diags.error(
            "check.crop-mark-on-text",
            f"a crop mark (x {mark.rect.x:.1f}, y {mark.rect.y:.1f} pt from the trim's corner) "
            f"crosses text in slot `{ink.slot}` at x {box.x:.1f}, y {box.y:.1f} pt {where}",
            ink.source or fallback,
            hints=("keep crop marks in the margins and gutters, clear of every card's text",),
        )


def crossing_checked_pages(
    pages: Iterable[Page], document: Document, fonts: FontBook, diags: Diagnostics
) -> Iterator[Page]:
    """Pass a print run's streamed pages through, checking each card design once."""
    forms = {form.name: form for form in document.forms}
    checked: set[tuple[str | None, str | None]] = set()
    cache: dict[object, Any] = {}
    for number, page in enumerate(pages, start=1):
        check_page_crossings(page, number, document, forms, fonts, diags, checked, cache)
        yield page
