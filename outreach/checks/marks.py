"""Check printer's marks and notes against the sheet: on the paper, clear of crop marks.

Input: a `Document` (or one page of a streamed print run). Output: `check.mark-*`
diagnostics located at the mark's slot and page. A slug that runs off the sheet, or that a
crop mark strikes through, loses the facts it carries; on office files, a mark or note
closer than 6 mm to the paper's edge falls in most desktop printers' unprintable margin
(issue 20).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import Document, FormItem, Item, LineItem, Page, Rect, TextItem
from outreach.core.units import POINTS_PER

MARK_TEXT_SLOTS = ("slug", "review-note")
MARK_LINE_SLOTS = ("crop-mark", "fold-mark")
OFFICE_EDGE = 6.0 * POINTS_PER["mm"]  # what most desktop printers reach (docs/print-production.md)
CROP_CLEARANCE = 0.5  # pt between a slug's ink and a crop mark
_TOLERANCE = 0.01


def check_marks(document: Document, diags: Diagnostics) -> None:
    """Check the marks and notes of every page of `document` (see `check_page_marks`)."""
    reported: set[str] = set()
    for number, page in enumerate(document.pages, start=1):
        check_page_marks(document, page, f"page {number}", diags, reported)


def marks_checked(pages: Iterable[Page], document: Document, diags: Diagnostics) -> Iterator[Page]:
    """Pass a print run's streamed pages through, checking each page's marks as it goes by.

    A problem is reported once per mark, not once per sheet of a long run.
    """
    reported: set[str] = set()
    for number, page in enumerate(pages, start=1):
        check_page_marks(document, page, f"sheet page {number}", diags, reported)
        yield page


def _sheet(page: Page) -> Rect:
    """The whole paper in the page's coordinates (from the trim's top-left corner)."""
    margin = page.bleed + page.slug
    return Rect(-margin, -margin, page.media_width, page.media_height)


def _crop_marks(document: Document, page: Page) -> list[LineItem]:
    """The page's crop marks, its own and those of the forms it places."""
    forms = {form.name: form for form in document.forms}
    found: list[LineItem] = []
    for item in page.items:
        if isinstance(item, LineItem) and item.slot == "crop-mark":
            found.append(item)
        elif isinstance(item, FormItem) and item.form in forms:
            dx, dy = item.x, item.y
            found.extend(
                LineItem(m.slot, m.x1 + dx, m.y1 + dy, m.x2 + dx, m.y2 + dy, m.width, m.paint)
                for m in forms[item.form].items
                if isinstance(m, LineItem) and m.slot == "crop-mark"
            )
    return found


def _line_rect(line: LineItem) -> Rect:
    half = line.width / 2
    x, y = min(line.x1, line.x2), min(line.y1, line.y2)
    return Rect(
        x - half, y - half, abs(line.x2 - line.x1) + 2 * half, abs(line.y2 - line.y1) + 2 * half
    )


def _overlaps(a: Rect, b: Rect, gap: float) -> bool:
    return (
        a.x < b.right + gap
        and b.x < a.right + gap
        and a.y < b.bottom + gap
        and b.y < a.bottom + gap
    )


def _edge_distance(rect: Rect, sheet: Rect) -> float:
    """How far `rect` stays inside `sheet` at its closest edge (negative: it runs off)."""
    return min(
        rect.x - sheet.x, rect.y - sheet.y, sheet.right - rect.right, sheet.bottom - rect.bottom
    )


def _mm(points: float) -> str:
    return f"{points / POINTS_PER['mm']:.1f} mm"


def check_page_marks(
    document: Document,
    page: Page,
    where: str,
    diags: Diagnostics,
    reported: set[str] | None = None,
) -> None:
    """Marks and notes on the paper; slugs clear of crop marks; office ones 6 mm inside.

    Errors: `check.mark-off-sheet` (a mark or note runs past the paper's edge),
    `check.mark-on-crop-mark` (a crop mark strikes through a slug or note) and, on files
    without crop marks' slug margin (office), `check.mark-near-edge` (closer than 6 mm).
    """
    sheet = _sheet(page)
    office = document.profile in ("office", "digital")  # printed on a desktop printer, if at all
    crops = _crop_marks(document, page)
    items: list[tuple[Item, Rect]] = []
    for item in page.items:
        if isinstance(item, TextItem) and item.slot in MARK_TEXT_SLOTS:
            items.append((item, item.ink_rect()))
        elif isinstance(item, LineItem) and item.slot in MARK_LINE_SLOTS:
            items.append((item, _line_rect(item)))
    items.extend((mark, _line_rect(mark)) for mark in crops if mark not in page.items)
    reported = set() if reported is None else reported
    for item, rect in items:
        source = (
            item.source
            if isinstance(item, TextItem)
            else Location(f"{document.material} {document.size} {document.language}", key=item.slot)
        )
        label = f"`{item.slot}` on {where} of {document.material} {document.size} "
        label += f"{document.language} {document.profile}"
        inside = _edge_distance(rect, sheet)
        if inside < -_TOLERANCE:
            key = f"{item.slot}:off"
            if key in reported:
                continue
            reported.add(key)
            diags.error(
                "check.mark-off-sheet",
                f"{label} runs {_mm(-inside)} past the edge of the paper",
                source,
                hints=("wrap or shorten the mark so it stays on the paper",),
            )
        elif office and inside < OFFICE_EDGE - _TOLERANCE:
            key = f"{item.slot}:near"
            if key in reported:
                continue
            reported.add(key)
            diags.error(
                "check.mark-near-edge",
                f"{label} is {_mm(inside)} from the edge of the paper, "
                f"inside a desktop printer's unprintable margin (at least {_mm(OFFICE_EDGE)})",
                source,
                hints=("place marks and notes at least 6 mm inside the paper's edge",),
            )
        if isinstance(item, TextItem):
            crossing = next(
                (m for m in crops if _overlaps(rect, _line_rect(m), CROP_CLEARANCE)), None
            )
            if crossing is not None and f"{item.slot}:crop" not in reported:
                reported.add(f"{item.slot}:crop")
                diags.error(
                    "check.mark-on-crop-mark",
                    f"{label} `{item.text}` is crossed by the crop mark at "
                    f"x {_mm(crossing.x1)}, y {_mm(crossing.y1)} from the trim's corner",
                    item.source,
                    hints=("wrap or shorten the slug so it stays between the crop marks",),
                )
