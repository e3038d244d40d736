"""Impose wallet cards on sheets for the print shop: print runs of planned, marked sheets.

Input: a `CardLayouter` (one card design, language and profile), a `SheetPlan` (from
`sheet_plan.py`), and optionally a `SiteList`. Output: a `CardRun`, whose `Document` holds
the shared forms and whose `pages()` yields sheet pages lazily, fronts and backs
alternating, so a run of any length is never all in memory (issue 3); and the alignment
sheet a print shop checks its duplex registration with.

Print runs (all in points, from the sheet's top-left corner):
- Crop marks (`sheet_marks.py`) are drawn once per side, in a shared form.
- The slug line (job, side, sheet number) is set in the bottom margin and cut away.
- Cut-and-stack: card k goes to sheet k mod S, position k div S (S sheets), so after
  cutting the stack, each position's pile holds consecutive cards and the piles, taken
  in position order, give the run in site order. Plain order fills sheet by sheet.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from outreach.content.sites import Site, SiteList
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import (
    Document,
    Form,
    FormItem,
    GroupItem,
    Item,
    LineItem,
    Metadata,
    Page,
    Rect,
    RectItem,
    TextItem,
)
from outreach.core.layout_specs import Profile
from outreach.core.text_lines import Paint, TextLine, TextRun
from outreach.core.values import value_methods
from outreach.fonts import FontBook
from outreach.layout.card import CardLayouter
from outreach.layout.output_intent import output_intent_for
from outreach.layout.paint import black_for, registration_for
from outreach.layout.qr import qr_matrices
from outreach.layout.roles import FAMILY
from outreach.layout.sheet_marks import crop_marks, slug_line
from outreach.layout.sheet_plan import MM, SheetPlan, card_at, sheet_count

QR_BATCH = 128  # payloads encoded together when a run's codes vary from site to site


# --- print runs -------------------------------------------------------------------------------


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
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
        marks = registration_for(layouter.profile)
        self._marks_front = tuple(crop_marks(plan, plan.fronts, marks))
        self._marks_back = tuple(crop_marks(plan, plan.backs, marks))
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
        # How to stack only matters when the cards differ: a run for sites (issue 20).
        stacking = (
            ()
            if sites is None
            else (
                "cut-and-stack: cut the whole stack at once, then take the piles in "
                "position order (left to right, top to bottom) to get the sites in list order",
            )
            if plan.order == "cut-and-stack"
            else ("sheets are in card order",)
        )
        self.document = Document(
            material=f"{spec.material}-sheet",
            size=plan.sheet,
            language=layouter.piece.language,
            profile=layouter.profile.name,
            color_space=layouter.profile.color_space,
            output_intent=output_intent_for(layouter.profile, plan.sheet),
            pages=(),
            metadata=metadata,
            forms=forms,
            notes=(
                f"print both sides, {plan.duplex} flip (fronts on odd pages)",
                "cut along the crop marks",
                *stacking,
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
        items.extend(crop_marks(plan, rects, registration_for(profile)))
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
        output_intent=output_intent_for(profile, plan.sheet),
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
