"""Plan a sheet of wallet cards: card spec and sheet in, the grid of fronts and backs out.

Input: a `CardSpec` (sheet sizes and impositions), the card's `LayoutSpec` and `Profile`,
and the run's sheet, duplex mode and card order. Output: a `SheetPlan` (trim boxes of the
fronts and backs, by position), or None and an error; and a run's card for each position.

Geometry (all in points, from the sheet's top-left corner): the grid is centred on the
sheet, positions are numbered row by row on the front, and the back of position p sits
where it lands after the flip: long-edge duplex mirrors columns, short-edge mirrors rows
(docs/print-production.md, "Print production").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from outreach.core.diagnostics import Diagnostics, Location, choice_hints
from outreach.core.document import Rect
from outreach.core.layout_specs import LayoutSpec, Profile
from outreach.core.units import POINTS_PER, to_mm
from outreach.core.values import value_methods
from outreach.layout.marks import OFFICE_EDGE
from outreach.layout.spec import DUPLEX_MODES
from outreach.layout.spec.sheets import ORDERS, CardSpec, Imposition, MarkSpec

MM = POINTS_PER["mm"]
EDGE_GAP = 1.0 * MM  # marks stop this far from the sheet's edge


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class SheetPlan:
    """Where every card of a sheet goes, front and back, and how the sheet is marked."""

    sheet: str
    width: float
    height: float
    imposition: Imposition
    card_width: float
    card_height: float
    bleed: float
    duplex: str
    order: str
    marks: MarkSpec
    slug_size: float
    fronts: tuple[Rect, ...]  # trim boxes by position, row by row
    backs: tuple[Rect, ...]  # where the back of the card at each position goes
    # Marks and the slug stay this far inside the sheet's edge: 6 mm on office printers.
    mark_edge: float = EDGE_GAP

    @property
    def per_sheet(self) -> int:
        """Cards on one side of a sheet."""
        return len(self.fronts)


def plan_sheet(
    card: CardSpec,
    spec: LayoutSpec,
    profile: Profile,
    *,
    sheet: str,
    imposition: str | None,
    duplex: str,
    order: str,
    diags: Diagnostics,
) -> SheetPlan | None:
    """Place the grid on the sheet, or report why it cannot be (None)."""
    where = Location(card.path, card.location.line, card.location.column, "sheets")
    if sheet not in card.sheet_sizes:
        diags.error(
            "kit.unknown-sheet",
            f"sheet size `{sheet}` is not defined in {card.path}",
            where,
            hints=choice_hints(sheet, card.sheet_sizes),
        )
        return None
    name = imposition or card.default_imposition.get(profile.name)
    if name is None or name not in card.impositions:
        shown = name or f"(no default for profile `{profile.name}`)"
        diags.error(
            "kit.unknown-imposition",
            f"imposition `{shown}` is not defined in {card.path}",
            where,
            hints=choice_hints(name or "", card.impositions),
        )
        return None
    if duplex not in DUPLEX_MODES or order not in ORDERS:
        diags.error(
            "kit.bad-value",
            f"duplex `{duplex}` / order `{order}` is not supported",
            where,
            hints=(f"duplex: {', '.join(DUPLEX_MODES)}; order: {', '.join(ORDERS)}",),
        )
        return None
    grid = card.impositions[name]
    bleed = profile.bleed if grid.bleed else 0.0
    width, height = card.sheet_sizes[sheet]
    w, h = spec.width, spec.height
    block_w = grid.columns * w + (grid.columns - 1) * grid.gutter_x
    block_h = grid.rows * h + (grid.rows - 1) * grid.gutter_y
    left, top = (width - block_w) / 2, (height - block_h) / 2
    needed_gutter = 2 * bleed + (2 * card.marks.offset if bleed else 0.0)
    problems = []
    if left < bleed + EDGE_GAP or top < bleed + EDGE_GAP:
        problems.append(
            f"the {grid.columns} x {grid.rows} grid of {spec.size_name} cards "
            f"({to_mm(block_w):.1f} x {to_mm(block_h):.1f} mm) does not fit on "
            f"{sheet} ({to_mm(width):.1f} x {to_mm(height):.1f} mm)"
        )
    for gutter, what in ((grid.gutter_x, "across"), (grid.gutter_y, "down")):
        count = grid.columns if what == "across" else grid.rows
        if count > 1 and gutter + 1e-6 < needed_gutter:
            problems.append(
                f"the gutter {what} ({to_mm(gutter):.1f} mm) is narrower than two "
                f"bleeds ({to_mm(needed_gutter):.1f} mm): neighbours would overlap"
            )
    if problems:
        for problem in problems:
            diags.error(
                "sheet.does-not-fit",
                problem,
                grid.location,
                hints=("use a smaller grid or narrower gutters, or the other sheet size",),
            )
        return None
    fronts = tuple(
        Rect(left + column * (w + grid.gutter_x), top + row * (h + grid.gutter_y), w, h)
        for row in range(grid.rows)
        for column in range(grid.columns)
    )
    # The back page is seen after the flip: mirror about the flip axis.
    if duplex == "long-edge":
        backs = tuple(Rect(width - r.right, r.y, w, h) for r in fronts)
    else:
        backs = tuple(Rect(r.x, height - r.bottom, w, h) for r in fronts)
    return SheetPlan(
        sheet=sheet,
        width=width,
        height=height,
        imposition=grid,
        card_width=w,
        card_height=h,
        bleed=bleed,
        duplex=duplex,
        order=order,
        marks=card.marks,
        slug_size=card.slug_size,
        fronts=fronts,
        backs=backs,
        mark_edge=EDGE_GAP if profile.crop_marks else OFFICE_EDGE,
    )


# --- card order -----------------------------------------------------------------------------


def sheet_count(total: int, per_sheet: int) -> int:
    """Sheets needed for `total` cards."""
    return max(1, math.ceil(total / per_sheet))


def card_at(sheet: int, position: int, *, total: int, per_sheet: int, order: str) -> int | None:
    """Index in the run of the card at a sheet position (None: the position stays empty)."""
    sheets = sheet_count(total, per_sheet)
    index = position * sheets + sheet if order == "cut-and-stack" else sheet * per_sheet + position
    return index if index < total else None
