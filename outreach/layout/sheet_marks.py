"""Mark a planned sheet of wallet cards for the cutter: crop-mark lines and the slug line.

Input: a `SheetPlan` and the trim boxes of one side. Output: crop-mark `LineItem`s along
every cut line, outside every card's bleed, and the slug's `TextItem` in the margin that
is cut away. Crop marks start `offset` beyond each card's bleed and run outward along the
cut lines for `length`, stopping short of a neighbour's bleed or `plan.mark_edge` from the
sheet's edge (6 mm on office sheets, issue 20). The slug is wrapped into the first margin
where it fits clear of every mark and card.
"""

from __future__ import annotations

from outreach.core.diagnostics import Location
from outreach.core.document import LineItem, Rect, TextItem
from outreach.core.text_lines import Paint
from outreach.fonts import FontBook
from outreach.layout.marks import text_block, wrap_slug
from outreach.layout.roles import FAMILY
from outreach.layout.sheet_plan import MM, SheetPlan

MIN_MARK = 1.5 * MM  # shorter marks are not worth drawing


def crop_marks(plan: SheetPlan, rects: tuple[Rect, ...], paint: Paint) -> list[LineItem]:
    """Marks at every card corner along its cut lines, outside every card's bleed.

    A cut line closer than `plan.mark_edge` to the sheet's edge gets no mark: on an
    office sheet it would fall where a desktop printer cannot print (issue 20).
    """
    offset, length, bleed = plan.marks.offset, plan.marks.length, plan.bleed
    boxes = [Rect(r.x - bleed, r.y - bleed, r.w + 2 * bleed, r.h + 2 * bleed) for r in rects]
    found: dict[tuple[float, float, float, float], LineItem] = {}

    def reach(start: float, line: float, horizontal: bool, direction: int) -> float:
        """How far a mark may run from `start` before it meets a card's bleed or the edge."""
        edge = plan.mark_edge
        limit = (plan.width if horizontal else plan.height) - edge if direction > 0 else edge
        room = (limit - start) * direction
        for box in boxes:
            low, high = (box.y, box.bottom) if horizontal else (box.x, box.right)
            if not low - 1e-6 <= line <= high + 1e-6:
                continue
            near = (
                (box.x if direction > 0 else box.right)
                if horizontal
                else (box.y if direction > 0 else box.bottom)
            )
            gap = (near - start) * direction
            if gap > -1e-6:
                room = min(room, gap - offset)
        return room

    edge = plan.mark_edge
    for rect in rects:
        for x, dx in ((rect.x, -1), (rect.right, 1)):
            for y, dy in ((rect.y, -1), (rect.bottom, 1)):
                start = x + dx * (bleed + offset)
                run = min(length, reach(start, y, True, dx))
                if run >= MIN_MARK and edge <= y <= plan.height - edge:
                    _add(
                        found,
                        LineItem(
                            "crop-mark", start, y, start + dx * run, y, plan.marks.width, paint
                        ),
                    )
                start = y + dy * (bleed + offset)
                run = min(length, reach(start, x, False, dy))
                if run >= MIN_MARK and edge <= x <= plan.width - edge:
                    _add(
                        found,
                        LineItem(
                            "crop-mark", x, start, x, start + dy * run, plan.marks.width, paint
                        ),
                    )
    return [found[key] for key in sorted(found)]


def _add(found: dict[tuple[float, float, float, float], LineItem], mark: LineItem) -> None:
    """Keep one of two identical marks (neighbours share their cut lines)."""
    x1, x2 = sorted((mark.x1, mark.x2))
    y1, y2 = sorted((mark.y1, mark.y2))
    found.setdefault((round(x1, 2), round(y1, 2), round(x2, 2), round(y2, 2)), mark)


MIN_SLUG = 4.0  # pt: smaller than this, a slug is not worth printing
GAP = 1.0 * MM  # between the slug and a mark or a card's bleed


def _margins(plan: SheetPlan, rects: tuple[Rect, ...]) -> list[Rect]:
    """Where a slug may go, best first, each clear of every mark and card.

    Below the bottom marks across the sheet; between the bottom marks under the first
    column; the same two at the top; then the left margin beside the first row's card,
    between the crop marks of its top and bottom edges.
    """
    edge, bleed, marks = plan.mark_edge, plan.bleed, plan.marks
    left, right = min(r.x for r in rects), max(r.right for r in rects)
    top, bottom = min(r.y for r in rects), max(r.bottom for r in rects)
    first = min(rects, key=lambda r: (r.y, r.x))
    outer = bleed + marks.offset + marks.length + GAP  # beyond the marks' ends
    inner = bleed + GAP  # beside the marks, outside the bleed
    across = (max(edge, left), plan.width - max(edge, plan.width - right))
    column = (first.x + GAP, first.right - GAP)
    return [
        Rect(across[0], bottom + outer, across[1] - across[0], plan.height - edge - bottom - outer),
        Rect(column[0], bottom + inner, column[1] - column[0], plan.height - edge - bottom - inner),
        Rect(across[0], edge, across[1] - across[0], top - outer - edge),
        Rect(column[0], edge, column[1] - column[0], top - inner - edge),
        Rect(edge, first.y + GAP, left - inner - edge, first.h - 2 * GAP),
    ]


def slug_line(
    plan: SheetPlan,
    rects: tuple[Rect, ...],
    text: str,
    fonts: FontBook,
    paint: Paint,
    language: str,
) -> TextItem:
    """The slug in the first margin it fits, wrapped at ` | `, no smaller than 4 pt.

    Every fact stays (issue 20: slugs ran under a crop mark and, on office sheets, into
    the margin a desktop printer cannot print).
    """
    font = fonts.font_name(FAMILY, "regular")
    source = Location("slug", key="slug")
    margins = [m for m in _margins(plan, rects) if m.w > 0 and m.h > 0]
    for margin in margins:
        size = plan.slug_size
        while size >= MIN_SLUG:
            lines = wrap_slug(text, margin.w, lambda t: fonts.measure(t, font, size))  # noqa: B023
            block = 1.3 * size + 1.2 * size * (len(lines) - 1)
            widest = max(fonts.measure(line, font, size) for line in lines)
            if block <= margin.h and widest <= margin.w:
                y = margin.y + (margin.h - block) / 2  # centred in the margin
                return text_block(
                    "slug", lines, margin.x, y + size, size, paint, fonts, source, language
                )
            size -= 0.25
    # Nowhere: under the cards at the smallest size (checks/marks.py reports it).
    lines = wrap_slug(text, plan.width, lambda t: fonts.measure(t, font, MIN_SLUG))
    y = max(r.bottom for r in rects) + plan.bleed + GAP + MIN_SLUG
    return text_block(
        "slug",
        lines,
        min(r.x for r in rects),
        y,
        MIN_SLUG,
        paint,
        fonts,
        source,
        language,
        plan.slug_size,
    )
