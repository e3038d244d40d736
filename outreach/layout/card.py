"""Lay out wallet cards: each side once as shared items, plus what each site's cards carry.

Input: a `Piece`, a wallet-card `LayoutSpec` with its `CardSpec`, a `Profile`, the font
book and the QR choice of the kit. Output: a single-card `Document` (one trim-size page a
side), or `CardSides` for imposed sheets: the items every card shares (drawn once as a
form) and, per distribution site, the few items that differ (its QR code when the payload
varies, its local contact line). Text slots whose content keys start with `site.` are
filled per site; a site's text that does not fit, or has a glyph the font lacks, is
reported at the site's row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from outreach.content.contacts import local_line
from outreach.content.sites import Site
from outreach.core.diagnostics import Diagnostics, Location, did_you_mean
from outreach.core.document import (
    Document,
    Item,
    LinkItem,
    Metadata,
    Page,
    QrItem,
    Rect,
    RectItem,
    TextItem,
)
from outreach.core.layout_specs import LayoutSpec, PageSpec, Profile, SlotSpec
from outreach.core.model import Piece
from outreach.core.units import to_mm
from outreach.core.values import value_methods
from outreach.fonts import FontBook
from outreach.layout.card_codes import QrChoice, QrPayload, card_payload
from outreach.layout.output_intent import output_intent_for
from outreach.layout.page import LINK_KEY_PREFIX, PageLayouter
from outreach.layout.paint import black_for, paint_for
from outreach.layout.qr import QUIET_ZONE, qr_matrix, qr_version
from outreach.layout.qr_target import (
    check_module_size,
)
from outreach.layout.roles import FAMILY, role_paragraph, typeface_for
from outreach.layout.spec.sheets import CardSpec, card_design
from outreach.layout.structure import assign_structure, document_title
from outreach.layout.text import (
    MissingGlyph,
    Paragraph,
    find_missing_glyphs,
    fitted_size,
    set_paragraphs,
)
from outreach.text import is_rtl

SITE_PREFIX = "site."
SITE_FIELDS = ("local_contact", "name", "id")
CUT_GUIDE_WIDTH = 0.25  # pt: the thinnest line print shops accept


def _own_line(piece: Piece, card: CardSpec) -> Site | None:
    """The pack's own local line as a card's site lines (single cards, sites without one).

    A card whose layout names its publisher only on request (`organization_slots`: the
    discreet card, whose holder may be watched) prints the number alone, never beside the
    organization's name, which may say "trafficking".
    """
    found = local_line(piece.pack, number_only=bool(card.organization_slots))
    if found is None:
        return None
    return Site("", piece.pack.organization.name, 0, found[1], local_contact=found[0])


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class CardSide:
    """One side of a card: the items every card shares, and its per-site slots."""

    name: str
    shared: tuple[Item, ...]
    site_slots: tuple[SlotSpec, ...]
    qr_slots: tuple[SlotSpec, ...]  # QR slots whose payload differs from site to site


class CardLayouter:
    """Lays out the sides of one card design for one language, profile and QR choice."""

    def __init__(
        self,
        piece: Piece,
        spec: LayoutSpec,
        card: CardSpec,
        profile: Profile,
        fonts: FontBook,
        diags: Diagnostics,
        *,
        qr: QrChoice | None = None,
        varying_qr: bool = False,
        cut_guide: bool = False,
        back_piece: Piece | None = None,
        organization: bool = False,
    ) -> None:
        self.piece = piece
        # A card may be printed in two languages: the front in one, the back in another,
        # or in both where the layout has a two-language back.
        self.back_piece = back_piece
        self.spec = spec = card_design(
            spec, card, two_languages=back_piece is not None, organization=organization
        )
        # A back whose slots say `lang:` carries both languages, the front's first.
        self.both_on_back = back_piece is not None and any(
            s.language for p in spec.pages[1:] for s in p.slots
        )
        self.card = card
        # A card's margin is its own safe area: cards are printed on sheets or card
        # printers, never alone on a desktop printer, so the office page margin is moot.
        self.profile = replace(profile, min_margin=0.0)
        self.fonts = fonts
        self.diags = diags
        self.qr = qr
        self.varying_qr = (
            varying_qr and qr is not None and qr.scheme == "https" and qr.tracking is not None
        )
        self.cut_guide = cut_guide
        self._base = PageLayouter(piece, spec, self.profile, fonts, diags)
        self._back: PageLayouter | None = None
        if back_piece is not None:
            first, extra = (piece, (back_piece,)) if self.both_on_back else (back_piece, ())
            self._back = PageLayouter(first, spec, self.profile, fonts, diags, extra)
        self._checked: set[str] = set()
        self._own_line = _own_line(piece, card)
        # How a payload becomes a matrix; a print run swaps in codes it encoded in batches.
        self.matrix_source: Callable[[str, str], tuple[tuple[bool, ...], ...]] = qr_matrix

    # --- sides --------------------------------------------------------------------------

    def side(self, page: PageSpec) -> CardSide:
        """Lay out the shared part of a side, without marks (sheets draw their own)."""
        laid = self._shared_page(page)
        # Sheets are for the press: no marks of a single card, no links (PDF forms cannot
        # hold annotations, and a link on a printed sheet helps nobody).
        items = [
            i
            for i in laid.items
            if i.slot not in ("crop-mark", "slug") and not isinstance(i, LinkItem)
        ]
        return CardSide(
            page.name,
            tuple(items),
            tuple(self._placed(page, s) for s in self._site_slots(page)),
            tuple(self._placed(page, s) for s in page.slots if s.kind == "qr" and self.varying_qr),
        )

    def site_items(self, side: CardSide, site: Site | None) -> tuple[Item, ...]:
        """What one site's cards carry on this side, in the card's coordinates."""
        items: list[Item] = []
        for slot in side.qr_slots:
            items.extend(self._qr(slot, site, with_link=False))
        lines = self._with_own_line(site)
        if lines is not None:
            for slot in side.site_slots:
                text = self._site_text(slot, lines)
                if text is not None:
                    items.append(text)
        return tuple(items)

    def _with_own_line(self, site: Site | None) -> Site | None:
        """The site whose lines a card prints: its own local line, else the pack's (issue 17)."""
        if site is None:
            return self._own_line
        if not site.local_contact and self._own_line is not None:
            return replace(site, local_contact=self._own_line.local_contact)
        return site

    def check_site(self, sides: tuple[CardSide, ...], site: Site) -> list[str]:
        """Check a site's items before anything is drawn; returns its QR payloads.

        QR codes are sized from their version alone here, so checking a run of 10,000
        sites encodes nothing.
        """
        payloads = []
        for side in sides:
            for slot in side.qr_slots:
                payload = self.payload(slot, site)
                if payload is not None:
                    assert slot.qr is not None
                    modules = 4 * qr_version(payload.data, slot.qr.error_correction) + 17
                    self._qr_rect(slot, payload, modules + 2 * QUIET_ZONE, site)
                    payloads.append(payload.data)
            for slot in side.site_slots:
                self._site_text(slot, self._with_own_line(site) or site)
        return payloads

    def shared_payloads(self) -> list[str]:
        """QR payloads that every card carries (those that do not vary by site)."""
        found = []
        for page in self.spec.pages:
            for slot in page.slots:
                if slot.kind == "qr" and not self.varying_qr:
                    payload = self.payload(slot, None)
                    if payload is not None:
                        found.append(payload.data)
        return found

    def document(self) -> Document:
        """A single card: one trim-size page per side, with the profile's bleed and marks."""
        pages = []
        for page in self.spec.pages:
            laid = self._shared_page(page)
            if self._own_line is not None:  # the pack's own line, where sites print theirs
                slots = [self._placed(page, s) for s in self._site_slots(page)]
                own = [self._site_text(s, self._own_line) for s in slots]
                laid = replace(laid, items=(*(i for i in own if i is not None), *laid.items))
            pages.append(laid)
        languages = tuple(p.language for p in (self.piece, self.back_piece) if p is not None)
        pieces = tuple(p for p in (self.piece, self.back_piece) if p is not None)
        tagged = assign_structure(tuple(pages), self.spec, languages, pieces)
        return Document(
            material=self.spec.material,
            size=self.spec.size_name,
            language=self.language,
            profile=self.profile.name,
            color_space=self.profile.color_space,
            output_intent=output_intent_for(self.profile, self.spec.size_name),
            object_streams=self.profile.object_streams,
            pages=tagged,
            metadata=self.metadata(),
        )

    @property
    def language(self) -> str:
        """`en`, or `en+es` for a card whose back is in a second language."""
        if self.back_piece is None:
            return self.piece.language
        return f"{self.piece.language}+{self.back_piece.language}"

    def metadata(self, subject: str | None = None) -> Metadata:
        """Document information for a card file."""
        return Metadata(
            title=document_title(
                self.piece,
                self.spec.material,
                f"{self.piece.pack.title} ({self.spec.material}, {self.language})",
            ),
            author=self.piece.pack.organization.name,
            subject=subject or "wallet card: where to get help with human trafficking",
            language=self.piece.language,
            keywords=("human trafficking", "hotline", self.spec.material),
        )

    def payload(self, slot: SlotSpec, site: Site | None) -> QrPayload | None:
        """The QR payload of a slot for a site's cards (None: reported as unknown)."""
        return card_payload(slot, site, self.qr, self.piece.pack, self.diags, self._first)

    def _first(self, key: str) -> bool:
        """True the first time a problem is seen: a run asks about it for every site."""
        if key in self._checked:
            return False
        self._checked.add(key)
        return True

    # --- pieces ---------------------------------------------------------------------------

    def card_margin(self) -> float:
        """The card's safe margin: its layout's `safe` value."""
        return self.spec.safe

    def _caption(self, slot: SlotSpec) -> SlotSpec:
        """A `*.qr_caption` text follows the kit's payload: `*.qr_caption_sms`, `_link`."""
        if self.qr is None or not any(b.key.endswith(".qr_caption") for b in slot.blocks):
            return slot
        scheme = {"tel": None, "sms": "sms", "https": "link"}[self.qr.scheme]
        if scheme is None:
            return slot
        if scheme == "link":
            # The address itself is printed, never a code alone (docs/print-production.md): it takes
            # the width of the card, since a URL cannot be broken across lines.
            margin = self.card_margin()
            box = replace(slot.box, x=margin, w=self.spec.width - 2 * margin)
            blocks = tuple(
                replace(b, key=f"{LINK_KEY_PREFIX}{self.qr.key}")
                if b.key.endswith(".qr_caption")
                else b
                for b in slot.blocks
            )
            return replace(slot, box=box, blocks=blocks)
        blocks = tuple(
            replace(b, key=f"{b.key}_{scheme}") if b.key.endswith(".qr_caption") else b
            for b in slot.blocks
        )
        return replace(slot, blocks=blocks)

    def _shared_page(self, page: PageSpec) -> Page:
        static_slots = tuple(
            self._caption(s)
            for s in page.slots
            if s.kind != "qr" and not any(b.key.startswith(SITE_PREFIX) for b in s.blocks)
        )
        layouter = self._base
        if self._back is not None and page is not self.spec.pages[0]:
            layouter = self._back
        # The QR codes are placed after the shared page is laid out: the review note must
        # keep clear of where they will be (issue 16's collision check).
        # So must the pack's own local line, where a card prints it (issue 17); a pack
        # without one reserves nothing more, and its cards are unchanged.
        placed = [s for s in page.slots if s.kind == "qr"]
        if self._own_line is not None:
            placed += self._site_slots(page)
        reserved = [Rect(b.x, b.y, b.w, b.h) for b in (self._placed(page, s).box for s in placed)]
        laid = layouter.layout_page(replace(page, slots=static_slots), reserved)
        extra: list[Item] = []
        for slot in page.slots:
            if slot.kind == "qr" and not self.varying_qr:
                extra.extend(self._qr(self._placed(page, slot), None, with_link=True))
        if self.cut_guide:
            radius = self.card.corner_radius.get(self.spec.size_name, 0.0)
            color = "mist" if "mist" in self.spec.palette else None
            paint = paint_for(self.spec, self.profile, color) if color else black_for(self.profile)
            extra.append(
                RectItem(
                    "cut-guide",
                    Rect(0.0, 0.0, self.spec.width, self.spec.height),
                    paint,
                    radius,
                    Location(self.card.path, key="corner_radius"),
                    stroke=CUT_GUIDE_WIDTH,
                )
            )
        marks = [i for i in laid.items if i.slot in ("crop-mark", "slug")]
        body = [i for i in laid.items if i.slot not in ("crop-mark", "slug")]
        return replace(laid, items=(*body, *extra, *marks))

    def _placed(self, page: PageSpec, slot: SlotSpec) -> SlotSpec:
        """A slot as its side's language reads it.

        Mirrored for a right-to-left side, like the side's static slots, so the code never
        lands on the text.
        """
        back = page is not self.spec.pages[0]
        if back and self.both_on_back:
            return slot  # a page in two languages is not mirrored (page.py)
        piece = self.back_piece if self.back_piece and back else self.piece
        return self._base._mirrored(slot) if is_rtl(piece.language) else slot

    def _site_slots(self, page: PageSpec) -> tuple[SlotSpec, ...]:
        slots = []
        for slot in page.slots:
            keys = [b.key for b in slot.blocks if b.key.startswith(SITE_PREFIX)]
            if not keys:
                continue
            for key in keys:
                field = key.removeprefix(SITE_PREFIX)
                if field not in SITE_FIELDS and key not in self._checked:
                    self._checked.add(key)
                    near = did_you_mean(field, SITE_FIELDS)
                    self.diags.error(
                        "layout.unknown-content-key",
                        f"slot `{slot.id}` refers to `{key}`, which sites do not have",
                        slot.location,
                        hints=((f"did you mean `{SITE_PREFIX}{near}`?",) if near else ())
                        + ("sites have: " + ", ".join(SITE_PREFIX + f for f in SITE_FIELDS),),
                    )
            slots.append(slot)
        return tuple(slots)

    def _qr(self, slot: SlotSpec, site: Site | None, *, with_link: bool) -> list[Item]:
        payload = self.payload(slot, site)
        if payload is None:
            return []
        assert slot.qr is not None
        matrix = self.matrix_source(payload.data, slot.qr.error_correction)
        rect = self._qr_rect(slot, payload, len(matrix), site)
        items: list[Item] = [
            QrItem(
                slot.id,
                rect,
                payload.data,
                matrix,
                QUIET_ZONE,
                black_for(self.profile),
                slot.location,
                slot.qr.error_correction,
            )
        ]
        if with_link and self.profile.links:
            items.append(LinkItem(slot.id + "-link", rect, payload.url))
        return items

    def _qr_rect(self, slot: SlotSpec, payload: QrPayload, modules: int, site: Site | None) -> Rect:
        """Where a code goes (top of its slot, centred), checked for module size and margin."""
        box = slot.box
        side = min(box.w, box.h)
        rect = Rect(box.x + (box.w - side) / 2, box.y, side, side)
        module = side / modules
        report = f"{slot.id}:{modules}"
        whose = f" for site `{site.id}`" if site is not None else ""
        check_module_size(
            side,
            modules,
            self.spec,
            self.diags,
            subject=f"QR code `{payload.data}`{whose}",
            location=site.location if site is not None else slot.location,
            hints=(
                "use a shorter campaign tag, or a shorter link",
                f"or make slot `{slot.id}` larger in {self.spec.path}",
            ),
            where=f" in slot `{slot.id}`",
        )
        inner = module * QUIET_ZONE
        margin = self.spec.safe
        safe = Rect(margin, margin, self.spec.width - 2 * margin, self.spec.height - 2 * margin)
        if report not in self._checked and not safe.contains(
            Rect(rect.x + inner, rect.y + inner, side - 2 * inner, side - 2 * inner),
            tolerance=0.5,
        ):
            self._checked.add(report)
            self.diags.error(
                "layout.outside-safe-area",
                f"QR code in slot `{slot.id}` reaches into the {to_mm(margin):.1f} mm safe margin",
                slot.location,
                hints=(f"move slot `{slot.id}` inside the margin",),
            )
        return rect

    def _site_text(self, slot: SlotSpec, site: Site) -> TextItem | None:
        paragraphs: list[Paragraph] = []
        # Site lines are names and numbers, the same in every language: set in Noto Sans like
        # the other facts, unless the pack names its own font for the language.
        face = typeface_for(self.fonts, self.piece, family=FAMILY)
        site_values = {"local_contact": site.local_contact, "name": site.name, "id": site.id}
        for block in slot.blocks:
            if block.key.startswith(SITE_PREFIX):
                text = site_values.get(block.key.removeprefix(SITE_PREFIX))
            else:
                entry = self.piece.texts.get(block.key)
                text = entry.text if entry is not None else None
            if not text:
                return None  # a site without a local contact gets no local line at all
            role = self.spec.roles[block.role]
            paint = paint_for(self.spec, self.profile, role.color)
            paragraphs.append(role_paragraph(text, role, face, paint, language=self.piece.language))
        box = slot.box
        result = set_paragraphs(paragraphs, box.w, box.h, self.fonts, max_lines=slot.max_lines)
        source = Location(
            site.location.path,
            site.location.line,
            site.location.column,
            f"site `{site.id}` -> {self.spec.path} slot `{slot.id}`",
        )
        if not result.fits:
            limit = (
                f"at most {slot.max_lines} lines"
                if slot.max_lines
                else f"{to_mm(box.h):.1f} mm of height"
            )
            self.diags.error(
                "sites.contact-overflow",
                f"local contact `{site.local_contact}` of site `{site.id}` does not fit slot "
                f"`{slot.id}` on the card (needs {result.line_count} lines, {limit} at "
                f"{paragraphs[-1].min_size:g}pt)",
                source,
                hints=("shorten the local contact line, e.g. to a short name and the number",),
            )
        lines = result.placed(box.x, box.y)
        for missing in find_missing_glyphs(lines, self.fonts):
            self.diags.error(
                "font.missing-glyph",
                missing.message(f"(local contact of site `{site.id}`) ", self.piece.language),
                source,
                hints=MissingGlyph.hints(self.piece.language, self.piece.pack.display_root),
            )
        size = fitted_size(paragraphs[0], result.scale)
        return TextItem(
            slot.id,
            Rect(box.x, box.y, box.w, box.h),
            lines,
            size,
            paragraphs[0].size,
            self.piece.language,
            source,
            tuple(b.key for b in slot.blocks),
        )
