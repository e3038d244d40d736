"""Mark a planned sheet of wallet cards for the cutter: crop-mark lines and the slug line.

Input: a `SheetPlan` and the trim boxes of one side. Output: crop-mark `LineItem`s along
every cut line, outside every card's bleed, and the slug's `TextItem` in the margin that
is cut away. Crop marks start `offset` beyond each card's bleed and run outward along the
cut lines for `length`, stopping short of a neighbour's bleed or the sheet edge.
"""

from __future__ import annotations

from outreach.core.diagnostics import Location
from outreach.core.document import LineItem, Paint, Rect, TextItem, TextLine, TextRun
from outreach.fonts import FontBook
from outreach.layout.roles import FAMILY
from outreach.layout.sheet_plan import EDGE_GAP, MM, SheetPlan

MIN_MARK = 1.5 * MM  # shorter marks are not worth drawing


def crop_marks(plan: SheetPlan, rects: tuple[Rect, ...], paint: Paint) -> list[LineItem]:
    """Marks at every card corner along its cut lines, outside every card's bleed."""
    offset, length, bleed = plan.marks.offset, plan.marks.length, plan.bleed
    boxes = [Rect(r.x - bleed, r.y - bleed, r.w + 2 * bleed, r.h + 2 * bleed) for r in rects]
    found: dict[tuple[float, float, float, float], LineItem] = {}

    def reach(start: float, line: float, horizontal: bool, direction: int) -> float:
        """How far a mark may run from `start` before it meets a card's bleed or the edge."""
        limit = (
            (plan.width if horizontal else plan.height) - EDGE_GAP if direction > 0 else EDGE_GAP
        )
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

    for rect in rects:
        for x, dx in ((rect.x, -1), (rect.right, 1)):
            for y, dy in ((rect.y, -1), (rect.bottom, 1)):
                start = x + dx * (bleed + offset)
                run = min(length, reach(start, y, True, dx))
                if run >= MIN_MARK:
                    _add(
                        found,
                        LineItem(
                            "crop-mark", start, y, start + dx * run, y, plan.marks.width, paint
                        ),
                    )
                start = y + dy * (bleed + offset)
                run = min(length, reach(start, x, False, dy))
                if run >= MIN_MARK:
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


def slug_line(
    plan: SheetPlan,
    rects: tuple[Rect, ...],
    text: str,
    fonts: FontBook,
    paint: Paint,
    language: str,
) -> TextItem:
    """The slug: below the marks if the margin allows, else between the first marks."""
    font = fonts.font_name(FAMILY, "regular")
    size = plan.slug_size
    grid_left = min(r.x for r in rects)
    grid_bottom = max(r.bottom for r in rects)
    below_marks = grid_bottom + plan.bleed + plan.marks.offset + plan.marks.length
    if plan.height - below_marks >= 1.4 * size + EDGE_GAP:
        baseline = below_marks + 1.1 * size
        x, room = grid_left, plan.width - 2 * grid_left
    else:
        baseline = (grid_bottom + plan.height) / 2 + 0.35 * size
        x, room = grid_left + 2 * MM, plan.card_width - 4 * MM
    width = fonts.measure(text, font, size)
    while width > room and size > 4.0:  # keep it on the cut-away margin, even if smaller
        size -= 0.25
        width = fonts.measure(text, font, size)
    line = TextLine(x, baseline, width, (TextRun(text, font, size, x, width, paint),))
    return TextItem(
        "slug",
        Rect(x, baseline - size, width, 1.3 * size),
        (line,),
        size,
        plan.slug_size,
        language,
        Location("slug", key="slug"),
        artifact=True,
    )
