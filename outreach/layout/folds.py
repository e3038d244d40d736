"""Turn a folded side's panels into its folds, their marks, and the items that cross a fold.

Input: a `model.PageSpec` with panels (and a page's laid-out items). Output: the folds' x,
fold marks (`LineItem`s outside the trim) and the items that cross or touch a fold.
"""

from __future__ import annotations

from outreach.core.document import Item, LineItem, QrItem, RectItem, TextItem
from outreach.core.layout_specs import PageSpec, PanelSpec
from outreach.core.text_lines import Paint

FOLD_CLEARANCE = 2 * 72 / 25.4  # folding drifts by a millimetre or two; keep ink off the fold
FOLD_MARK_WIDTH = 0.25  # pt; the thinnest line print shops accept


def fold_lines(page: PageSpec) -> list[float]:
    """X of every fold of a side: the edges between its panels."""
    return [panel.x for panel in page.panels[1:]]


def fold_marks(
    page: PageSpec, height: float, bleed: float, slug: float, paint: Paint
) -> list[LineItem]:
    """Short marks in line with each fold, above and below the trim, outside the bleed.

    They stop short of the slug line printed below the sheet, so neither hides the other.
    """
    start = bleed + 2.0
    length = max(4.0, slug * 0.35)
    marks = []
    for x in fold_lines(page):
        marks.append(LineItem("fold-mark", x, -start, x, -start - length, FOLD_MARK_WIDTH, paint))
        marks.append(
            LineItem(
                "fold-mark", x, height + start, x, height + start + length, FOLD_MARK_WIDTH, paint
            )
        )
    return marks


def _panel_of(panels: tuple[PanelSpec, ...], left: float, right: float) -> PanelSpec | None:
    for panel in panels:
        if (
            left >= panel.x + FOLD_CLEARANCE - 0.01
            and right <= panel.x + panel.w - FOLD_CLEARANCE + 0.01
        ):
            return panel
    return None


def crossing_items(page: PageSpec, items: list[Item]) -> list[tuple[Item, float]]:
    """Items that cross a fold (or come within FOLD_CLEARANCE of one), with that fold's x.

    Backgrounds are exempt: the page's `rect` slots may run across or up to a fold on
    purpose. Marks outside the trim are not on any panel and are not looked at.
    """
    if not page.panels:
        return []
    backgrounds = {slot.id for slot in page.slots if slot.kind == "rect"}
    found: list[tuple[Item, float]] = []
    for item in items:
        if isinstance(item, RectItem):
            if item.slot in backgrounds:
                continue
            left, right = item.rect.x, item.rect.right
        elif isinstance(item, TextItem):
            if not item.lines:
                continue
            ink = item.ink_rect()
            left, right = ink.x, ink.right
        elif isinstance(item, QrItem):
            left, right = item.rect.x, item.rect.right
        else:
            continue
        if _panel_of(page.panels, left, right) is None:
            middle = (left + right) / 2
            fold = min(fold_lines(page) or [0.0], key=lambda x: abs(x - middle))
            found.append((item, fold))
    return found
