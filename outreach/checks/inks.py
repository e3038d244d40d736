"""Ink checks on a press Document's paints: total area coverage, reversed small text, rich black.

Input: a CMYK `Document` and its profile's ink limit. Output: `check.ink-limit` errors (a
paint whose four inks add up to more than the limit, 300% by default: the press cannot
dry it), `check.reversed-small-text` warnings (text under 12 pt knocked out of a
background of several inks, which misregistration fills in) and `check.rich-black`
warnings (black built of several inks that the layout's palette does not declare
`rich_black: true`, or a declared one on fine detail). Each names the item, its page and
the palette colour with its place in the layout file (docs/print-production.md, "Ink").
Small text printed in several inks is `check.rich-small-text` (`checks/document.py`).
"""

from __future__ import annotations

from collections.abc import Iterator

from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import (
    Document,
    GroupItem,
    Item,
    LineItem,
    Page,
    QrItem,
    RectItem,
    TextItem,
)
from outreach.core.text_lines import Paint

SMALL_TEXT_PT = 12.0
_NOWHERE = Location("layouts/")  # a paint from no palette colour and no slot
_INK = 0.001  # a channel above this prints
RICH_BLACK_K = 0.9  # K at or above this, with other inks: a rich black


def coverage(paint: Paint) -> float:
    """Total area coverage of a CMYK paint in percent."""
    return round(sum(paint.values) * 100, 3)


def inks(paint: Paint) -> int:
    """How many of the four inks a CMYK paint prints."""
    return sum(1 for value in paint.values if value > _INK)


def is_rich_black(paint: Paint) -> bool:
    """Black made of K and at least one other ink."""
    return paint.values[3] >= RICH_BLACK_K and inks(paint) > 1


def check_inks(document: Document, diags: Diagnostics, limit: float = 300.0) -> None:
    """Report the ink problems of a press (CMYK) Document; RGB documents are skipped."""
    if document.color_space != "cmyk":
        return
    reported: set[tuple[str, str]] = set()
    for where, item, paint, under in _paints(document):
        name = paint.color or f"cmyk {_percent(paint)}"
        if coverage(paint) > limit + 1e-6 and ("limit", name) not in reported:
            reported.add(("limit", name))
            diags.error(
                "check.ink-limit",
                f"colour `{name}` ({_percent(paint)}) adds up to {coverage(paint):g}% of ink "
                f"in {where}; the press limit is {limit:g}%",
                paint.origin or _location(item) or _NOWHERE,
                hints=(
                    f"lower the colour's CMYK values to {limit:g}% in total or less "
                    "(replace some of C, M and Y by K)",
                    f"it is used in {where}"
                    + (f" ({_at(item)})" if _location(item) is not None else ""),
                ),
            )
        if is_rich_black(paint) and ("rich", name) not in reported:
            fine = isinstance(item, QrItem | LineItem) or (
                isinstance(item, TextItem) and _smallest(item) < SMALL_TEXT_PT
            )
            if not paint.rich_black or fine:
                reported.add(("rich", name))
                why = (
                    "is not declared `rich_black: true` in the layout's palette"
                    if not paint.rich_black
                    else "is meant for large areas, not fine detail"
                )
                diags.warning(
                    "check.rich-black",
                    f"rich black `{name}` ({_percent(paint)}) in {where} {why}",
                    _location(item) or paint.origin or _NOWHERE,
                    hints=("use 100% K for text, lines and codes",),
                )
        if isinstance(item, TextItem) and under is not None:
            _check_reversed(item, paint, under, where, diags)


def _check_reversed(
    item: TextItem, paint: Paint, under: Paint, where: str, diags: Diagnostics
) -> None:
    size = _smallest(item)
    if size >= SMALL_TEXT_PT or inks(under) < 2:
        return
    pairs = zip(paint.values, under.values, strict=True)
    lighter = all(text <= back + _INK for text, back in pairs)
    if not lighter or paint.values == under.values:
        return
    diags.warning(
        "check.reversed-small-text",
        f"{size:g} pt text in {where} is reversed out of "
        f"`{under.color or _percent(under)}` ({_percent(under)}), {inks(under)} inks; "
        "misregistration will fill it in",
        item.source,
        hints=(
            "reverse text under 12 pt out of one ink only, or set it larger, bold",
            "or print it dark on a light ground",
        ),
    )


def _paints(document: Document) -> Iterator[tuple[str, Item | None, Paint, Paint | None]]:
    """(where, item, paint, paint under it for text) for every paint the Document prints."""
    for number, page in enumerate(document.pages, start=1):
        if page.background is not None:
            yield f"the background of page {number}", None, page.background, None
        yield from _item_paints(page.items, page, f"page {number}")
    for form in document.forms:
        yield from _item_paints(form.items, None, f"card form `{form.name}`")


def _item_paints(
    items: tuple[Item, ...], page: Page | None, label: str
) -> Iterator[tuple[str, Item | None, Paint, Paint | None]]:
    for index, item in enumerate(items):
        where = f"slot `{item.slot}` on {label}"
        if item.slot == "crop-mark":
            continue  # registration colour, outside the trim: it marks every plate
        if isinstance(item, RectItem | LineItem | QrItem):
            yield where, item, item.paint, None
        elif isinstance(item, TextItem):
            for line in item.lines:
                for run in line.runs:
                    under = _under(items, page, index, run.x + run.width / 2, line.baseline)
                    yield where, item, run.paint, under
        elif isinstance(item, GroupItem):
            yield from _item_paints(item.items, None, label)


def _under(
    items: tuple[Item, ...], page: Page | None, before: int, x: float, y: float
) -> Paint | None:
    """The last filled rectangle under a point, drawn before item `before`; else the page."""
    found = page.background if page is not None else None
    for item in items[:before]:
        if isinstance(item, RectItem) and item.stroke == 0:
            r = item.rect
            if r.x <= x <= r.right and r.y <= y <= r.bottom:
                found = item.paint
    return found


def _smallest(item: TextItem) -> float:
    return min((run.size for line in item.lines for run in line.runs), default=item.size)


def _percent(paint: Paint) -> str:
    return "/".join(f"{value * 100:g}" for value in paint.values)


def _location(item: Item | None) -> Location | None:
    source = getattr(item, "source", None)
    return source if isinstance(source, Location) else None


def _at(item: Item | None) -> str:
    location = _location(item)
    if location is None:
        return ""
    return ":".join(str(part) for part in (location.path, location.line) if part)
