"""Printer's marks: crop marks outside the bleed and the slug line.

Input: a page's trim size and the profile. Output: `LineItem`s and a `TextItem`-free list
of marks placed outside the bleed, so that nothing of them survives the cut.
"""

from __future__ import annotations

from outreach.core.document import LineItem, Paint

MARK_WIDTH = 0.25  # pt; the thinnest line print shops accept


def crop_marks(
    width: float, height: float, bleed: float, slug: float, paint: Paint
) -> list[LineItem]:
    """Eight crop marks at the trim corners, starting just outside the bleed."""
    offset = bleed + 2.0  # start 2 pt beyond the bleed edge so the mark never prints on the piece
    length = max(slug - 4.0, 6.0)
    marks = []
    for x in (0.0, width):
        for y in (0.0, height):
            dx = -1 if x == 0.0 else 1
            dy = -1 if y == 0.0 else 1
            marks.append(
                LineItem(
                    "crop-mark",
                    x + dx * offset,
                    y,
                    x + dx * (offset + length),
                    y,
                    MARK_WIDTH,
                    paint,
                )
            )
            marks.append(
                LineItem(
                    "crop-mark",
                    x,
                    y + dy * offset,
                    x,
                    y + dy * (offset + length),
                    MARK_WIDTH,
                    paint,
                )
            )
    return marks
