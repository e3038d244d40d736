"""Impose wallet cards on sheets for the print shop: grids, duplex, marks, print runs.

Input: a `CardLayouter` (one card design, language and profile), a `CardSpec` with the
sheet sizes and impositions, and optionally a `SiteList`. Output: a `CardRun`, whose
`Document` holds the shared forms and whose `pages()` yields sheet pages lazily, fronts
and backs alternating, so a run of any length is never all in memory (issue 3).

Geometry (all in points, from the sheet's top-left corner):
- The grid of cards is centred on the sheet. Positions are numbered row by row on the
  front. The back of position p sits where it lands after the flip: long-edge duplex
  mirrors columns, short-edge mirrors rows (docs/print-facts.md, "Print production").
- Crop marks start `offset` beyond each card's bleed and run outward along the cut lines
  for `length`, stopping short of a neighbour's bleed or the sheet edge.
- The slug line (job, side, sheet number) is set in the bottom margin and cut away.
- Cut-and-stack: card k goes to sheet k mod S, position k div S (S sheets), so after
  cutting the stack, each position's pile holds consecutive cards and the piles, taken
  in position order, give the run in site order. Plain order fills sheet by sheet.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from outreach.content.sites import Site, SiteList
from outreach.core.diagnostics import Diagnostics, Location, choice_hints
from outreach.core.document import (
    Document,
    Form,
    FormItem,
    GroupItem,
    Item,
    LineItem,
    Metadata,
    Page,
    Paint,
    Rect,
    RectItem,
    TextItem,
    TextLine,
    TextRun,
)
from outreach.core.model import LayoutSpec, Profile
from outreach.core.units import POINTS_PER, to_mm
from outreach.fonts import FontBook
from outreach.layout.card import CardLayouter
from outreach.layout.paint import black_for
from outreach.layout.qr import qr_matrices
from outreach.layout.roles import FAMILY
from outreach.layout.spec import DUPLEX_MODES
from outreach.layout.spec.sheets import ORDERS, CardSpec, Imposition, MarkSpec

MM = POINTS_PER["mm"]
MIN_MARK = 1.5 * MM  # shorter marks are not worth drawing
EDGE_GAP = 1.0 * MM  # marks stop this far from the sheet's edge
QR_BATCH = 128  # payloads encoded together when a run's codes vary from site to site


@dataclass(frozen=True, slots=True)
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


# --- marks and slug ---------------------------------------------------------------------------


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
    )


# --- print runs -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunSite:
    """A site in a run: its cards' place in the run and its QR payloads."""

    site: Site
    first: int  # index in the run of its first card
    payloads: tuple[str, ...]


class CardRun:
    """An imposed print run: shared forms in `document`, sheet pages made on demand."""

    def __init__(
        self,
        layouter: CardLayouter,
        plan: SheetPlan,
        sites: SiteList | None,
        *,
        job: str,
        diags: Diagnostics,
    ) -> None:
        self.layouter = layouter
        self.plan = plan
        self.job = job
        self.sides = tuple(layouter.side(page) for page in layouter.spec.pages)
        self.front, self.back = self.sides[0], self.sides[-1]
        self.sites: tuple[RunSite, ...] = ()
        self.shared_payloads = tuple(layouter.shared_payloads())
        if sites is not None:
            placed, first = [], 0
            for site in sites.sites:
                payloads = layouter.check_site(self.sides, site)
                placed.append(RunSite(site, first, tuple(payloads)))
                first += site.quantity
            self.sites = tuple(placed)
        self._by_id = {entry.site.id: entry for entry in self.sites}
        self.total = sites.total if sites is not None else plan.per_sheet
        self.sheets = sheet_count(self.total, plan.per_sheet)
        self._starts = [s.first for s in self.sites]
        black = black_for(layouter.profile)
        self._marks_front = tuple(crop_marks(plan, plan.fronts, black))
        self._marks_back = tuple(crop_marks(plan, plan.backs, black))
        spec = layouter.spec
        forms = (
            *(
                Form(f"card-{side.name}", spec.width, spec.height, plan.bleed, side.shared)
                for side in self.sides
            ),
            # Every sheet of a side has the same marks: draw them once as well.
            Form("marks-front", plan.width, plan.height, 0.0, self._marks_front),
            Form("marks-back", plan.width, plan.height, 0.0, self._marks_back),
        )
        metadata = layouter.metadata(
            f"wallet cards imposed {plan.imposition.name} on {plan.sheet}, {plan.duplex} duplex"
        )
        stacking = (
            "cut-and-stack: cut the whole stack at once, then take the piles in "
            "position order (left to right, top to bottom) to get the sites in list order"
            if plan.order == "cut-and-stack"
            else "sheets are in card order"
        )
        self.document = Document(
            material=f"{spec.material}-sheet",
            size=plan.sheet,
            language=layouter.piece.language,
            profile=layouter.profile.name,
            color_space=layouter.profile.color_space,
            pages=(),
            metadata=metadata,
            forms=forms,
            notes=(
                f"print both sides, {plan.duplex} flip (fronts on odd pages)",
                "cut along the crop marks",
                stacking,
            ),
        )

    def site_of(self, index: int) -> tuple[Site | None, int]:
        """The site of the run's card `index`, and the card's number among its site's."""
        if not self.sites:
            return None, 0
        found = bisect.bisect_right(self._starts, index) - 1
        entry = self.sites[found]
        return entry.site, index - entry.first + 1

    def pages(self) -> Iterator[Page]:
        """Front and back page of every sheet, in print order, laid out on demand.

        Sheets are made in chunks: the chunk's varying QR codes are encoded in one batch
        and each site's items are laid out once per chunk, then dropped.
        """
        plan = self.plan
        chunk = max(1, QR_BATCH // plan.per_sheet)
        for start in range(0, self.sheets, chunk):
            sheets = range(start, min(self.sheets, start + chunk))
            cards = {
                (sheet, position): card_at(
                    sheet, position, total=self.total, per_sheet=plan.per_sheet, order=plan.order
                )
                for sheet in sheets
                for position in range(plan.per_sheet)
            }
            items = self._site_items({i for i in cards.values() if i is not None})
            for sheet in sheets:
                placed = [(p, cards[(sheet, p)]) for p in range(plan.per_sheet)]
                yield self._page(sheet, "front", placed, items)
                yield self._page(sheet, "back", placed, items)

    def _site_items(self, indices: set[int]) -> dict[str | None, tuple[tuple[Item, ...], ...]]:
        sites: dict[str | None, Site | None] = {}
        for index in indices:
            site, _ = self.site_of(index)
            sites[site.id if site else None] = site
        layouter = self.layouter
        if self.front.qr_slots or self.back.qr_slots:
            wanted = sorted(
                {p for key, site in sites.items() if site is not None for p in self._payloads(key)}
            )
            matrices = dict(zip(wanted, qr_matrices(wanted), strict=True))

            def lookup(data: str, ecc: str) -> tuple[tuple[bool, ...], ...]:
                return _as_rows(matrices[data])

            layouter.matrix_source = lookup
        result = {
            key: tuple(layouter.site_items(side, site) for side in self.sides)
            for key, site in sites.items()
        }
        return result

    def _payloads(self, site_id: str | None) -> tuple[str, ...]:
        entry = self._by_id.get(site_id) if site_id is not None else None
        return entry.payloads if entry is not None else ()

    def _page(
        self,
        sheet: int,
        side: str,
        placed: list[tuple[int, int | None]],
        items: dict[str | None, tuple[tuple[Item, ...], ...]],
    ) -> Page:
        plan = self.plan
        front = side == "front"
        rects = plan.fronts if front else plan.backs
        card_side = self.front if front else self.back
        side_index = 0 if front else len(self.sides) - 1
        groups: list[Item] = []
        for position, index in placed:
            if index is None:
                continue
            site, copy = self.site_of(index)
            rect = rects[position]
            groups.append(
                GroupItem(
                    f"card-{position + 1}",
                    rect.x,
                    rect.y,
                    rect.w,
                    rect.h,
                    f"card-{card_side.name}",
                    items[site.id if site else None][side_index],
                    site.id if site else None,
                    copy,
                )
            )
        marks = FormItem("crop-marks", f"marks-{side}")
        text = (
            f"{self.job} | {side} | sheet {sheet + 1} of {self.sheets} | "
            f"{plan.imposition.name}, {plan.duplex} flip, {plan.order}"
        )
        slug = slug_line(
            plan,
            rects,
            text,
            self.layouter.fonts,
            black_for(self.layouter.profile),
            self.layouter.piece.language,
        )
        return Page(
            name=f"sheet {sheet + 1} {side}",
            width=plan.width,
            height=plan.height,
            bleed=0.0,
            slug=0.0,
            items=(*groups, marks, slug),
        )


def _as_rows(matrix: npt.NDArray[np.bool_]) -> tuple[tuple[bool, ...], ...]:
    return tuple(map(tuple, matrix.tolist()))


# --- duplex alignment test sheet -------------------------------------------------------------


def alignment_document(
    plan: SheetPlan, profile: Profile, fonts: FontBook, *, job: str, material: str, size: str
) -> Document:
    """A two-page test sheet: the same grid, marks and flip as the cards, with targets.

    Each card position gets its trim outline, a cross and two squares at its centre on
    both sides, and a label naming the position. Printed duplex and held against the
    light, the crosses meet if front and back register; the squares (4 and 8 mm) measure
    how far off they are.
    """
    black = black_for(profile)
    font = fonts.font_name(FAMILY, "regular")
    bold = fonts.font_name(FAMILY, "bold")
    pages = []
    for side in ("front", "back"):
        rects = plan.fronts if side == "front" else plan.backs
        items: list[Item] = []
        for position, rect in enumerate(rects):
            row, column = divmod(position, plan.imposition.columns)
            items.extend(_target(rect, black))
            label = f"{side} of row {row + 1}, column {column + 1}"
            note = f"{plan.duplex} flip: hold to the light, the crosses should meet"
            for text, face, points, dy in ((label, bold, 7.0, 5.0 * MM), (note, font, 6.0, 9 * MM)):
                width = fonts.measure(text, face, points)
                x = rect.x + (rect.w - width) / 2
                baseline = rect.y + dy
                run = TextRun(text, face, points, x, width, black)
                items.append(
                    TextItem(
                        f"label-{position + 1}",
                        Rect(x, baseline - points, width, 1.3 * points),
                        (TextLine(x, baseline, width, (run,)),),
                        points,
                        points,
                        "en",
                        Location("alignment", key=f"position {position + 1}"),
                    )
                )
        items.extend(crop_marks(plan, rects, black))
        text = (
            f"{job} | {side} | duplex alignment test | {plan.imposition.name}, {plan.duplex} flip"
        )
        items.append(slug_line(plan, rects, text, fonts, black, "en"))
        pages.append(
            Page(
                name=side,
                width=plan.width,
                height=plan.height,
                bleed=0.0,
                slug=0.0,
                items=tuple(items),
            )
        )
    metadata = Metadata(
        title=f"Duplex alignment test ({material} {size} on {plan.sheet})",
        author="outreach",
        subject="duplex registration test for imposed cards",
        language="en",
        keywords=("alignment", "duplex", material),
    )
    return Document(
        material=f"{material}-alignment",
        size=plan.sheet,
        language="en",
        profile=profile.name,
        color_space=profile.color_space,
        pages=tuple(pages),
        metadata=metadata,
        notes=(
            f"print both sides, {plan.duplex} flip, on the stock and printer of the "
            "run; hold to the light: the crosses should meet",
        ),
    )


def _target(rect: Rect, paint: Paint) -> list[Item]:
    cx, cy = rect.x + rect.w / 2, rect.y + rect.h / 2
    arm = 6 * MM
    items: list[Item] = [
        LineItem("outline", rect.x, rect.y, rect.right, rect.y, 0.25, paint),
        LineItem("outline", rect.right, rect.y, rect.right, rect.bottom, 0.25, paint),
        LineItem("outline", rect.right, rect.bottom, rect.x, rect.bottom, 0.25, paint),
        LineItem("outline", rect.x, rect.bottom, rect.x, rect.y, 0.25, paint),
        LineItem("cross", cx - arm, cy, cx + arm, cy, 0.5, paint),
        LineItem("cross", cx, cy - arm, cx, cy + arm, 0.5, paint),
    ]
    for half in (2 * MM, 4 * MM):
        items.append(
            RectItem("square", Rect(cx - half, cy - half, 2 * half, 2 * half), paint, stroke=0.25)
        )
    return items
