"""Fill the slots of one page spec with a piece's content: a `Page` of positioned items.

Input: a `model.PageSpec` and the piece(s), layout, profile and fonts it is filled with.
Output: a `document.Page`. Right-to-left pages are mirrored here; the checks made while
laying out (`page_checks.py`) and the printer's marks (`marks.py`) are added last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from outreach.content.contacts import local_line
from outreach.content.languages import heading_name
from outreach.content.localize import report_missing
from outreach.core.diagnostics import Diagnostics, Location, did_you_mean
from outreach.core.document import Item, LineItem, LinkItem, Page, QrItem, Rect, RectItem, TextItem
from outreach.core.layout_specs import Box, LayoutSpec, PageSpec, PanelSpec, Profile, SlotSpec
from outreach.core.model import LocalizedText, Piece
from outreach.fonts import FontBook
from outreach.layout.images import place_picture
from outreach.layout.marks import page_marks
from outreach.layout.page_checks import check_folds, check_glyphs, check_safe_area
from outreach.layout.paint import black_for, paint_for
from outreach.layout.qr import QUIET_ZONE, qr_matrix
from outreach.layout.qr_target import (
    check_module_size,
    find_qr_target,
    report_unknown_target,
    spec_target,
)
from outreach.layout.roles import FAMILY, role_paragraph, typeface_for
from outreach.layout.text import (
    SPACINGS,
    Paragraph,
    SetText,
    fitted_size,
    set_paragraphs,
    tightened,
    visual_align,
)
from outreach.text import is_rtl

if TYPE_CHECKING:
    from outreach.layout.charts import Context

# Folded pieces and charts (the brochure) import their modules on first use, so that a
# poster or a card never pays for them at start-up.

LANGUAGE_NAME_KEY = "language.name"
LINK_KEY_PREFIX = "link."
ORGANIZATION_NAME_KEY = "organization.name"  # the publisher's name, a fact (issue 15)
# The publisher's own line; a slot naming it is left out for a pack without one (issue 17).
LOCAL_CONTACT_KEY = "organization.local_contact"


class PageLayouter:
    """Fills the slots of one page; holds what every slot needs to share."""

    def __init__(
        self,
        piece: Piece,
        spec: LayoutSpec,
        profile: Profile,
        fonts: FontBook,
        diags: Diagnostics,
        extra_pieces: tuple[Piece, ...] = (),
    ) -> None:
        # `piece` is the language of the slot being filled; a multilingual material switches
        # it slot by slot (`lang:` in the layout), its first language otherwise.
        self.pieces = (piece, *extra_pieces)
        self.piece = piece
        self.spec = spec
        self.profile = profile
        self.fonts = fonts
        self.diags = diags

    # --- content lookup -------------------------------------------------------------------

    def _paragraphs_for(
        self, key: str, role_name: str, bullets: bool, slot: SlotSpec
    ) -> list[tuple[Paragraph, Location]] | None:
        role = self.spec.roles[role_name]
        texts = self.piece.pack.lists.get(key)
        if key.startswith(LINK_KEY_PREFIX) and key[len(LINK_KEY_PREFIX) :] in self.piece.pack.links:
            # A link as printed (`humantraffickinghotline.org`): a fact, the same in every
            # language, so a QR code's address can be printed beside it without a translation.
            link = self.piece.pack.links[key[len(LINK_KEY_PREFIX) :]]
            entries = [LocalizedText(key, link.display, self.piece.language, link.location)]
        elif key == ORGANIZATION_NAME_KEY:
            org = self.piece.pack.organization
            entries = [LocalizedText(key, org.name, self.piece.language, org.location)]
        elif key == LOCAL_CONTACT_KEY:
            found = local_line(self.piece.pack)
            if found is None:
                return []  # no local line: the slot is left out (`_text`)
            entries = [LocalizedText(key, found[0], self.piece.language, found[1])]
        elif key == LANGUAGE_NAME_KEY:
            # The language's own name in its own script (the pack's, else CLDR's): a heading
            # that tells a reader of a bilingual poster which half is theirs; never its code.
            name = heading_name(self.piece.pack, self.piece.language, slot.id, self.diags)
            entries = [LocalizedText(key, name, self.piece.language, slot.location)] if name else []
        elif untranslated := [k for k in texts or (key,) if k in self.piece.missing]:
            # jobs/coverage.py asks before layout; this guards any other caller.
            report_missing(self.piece, untranslated[0], self.diags)
            return None
        elif texts is not None:
            entries = list(self.piece.items(key))
        elif key in self.piece.texts:
            entries = [self.piece.text(key)]
        else:
            known = list(self.piece.texts) + list(self.piece.pack.lists)
            near = did_you_mean(key, known)
            self.diags.error(
                "layout.unknown-content-key",
                f"slot `{slot.id}` refers to content key `{key}`, which the pack does not have",
                slot.location,
                hints=((f"did you mean `{near}`?",) if near else ())
                + (f"add `{key}` to {self.piece.pack.display_root}/content.yaml",),
            )
            return None
        face = typeface_for(self.fonts, self.piece)
        paint = paint_for(self.spec, self.profile, role.color)
        accent = "bullet" if "bullet" in self.spec.palette else role.color
        bullet = paint_for(self.spec, self.profile, accent) if bullets else None
        result = []
        for index, entry in enumerate(entries):
            # Items of a list sit closer together than paragraphs.
            tight = bullets and index < len(entries) - 1
            paragraph = role_paragraph(
                entry.text,
                role,
                face,
                paint,
                language=self.piece.language,
                space_after=role.space_after / 2 if tight else None,
                bullet=bullet,
            )
            result.append((paragraph, entry.location))
        return result

    # --- slots ----------------------------------------------------------------------------

    def layout_page(self, page: PageSpec, reserved: Sequence[Rect] = ()) -> Page:
        """Fill every slot of a page, in order, and add the profile's marks.

        A right-to-left language reads the page from the right: columns, the QR-and-number
        blocks and bleed edges are mirrored, so reading order follows the language.
        """
        items: list[Item] = []
        slots = page.slots
        if len(self.pieces) == 1 and is_rtl(self.piece.language):
            slots = tuple(self._mirrored(slot) for slot in slots)
            # A folded sheet mirrors as a whole, both sides, so it still folds (issue 4).
            page = replace(page, panels=self._mirrored_panels(page.panels))
        for slot in slots:
            self.piece = self.pieces[min(slot.language, len(self.pieces) - 1)]
            if slot.kind == "rect":
                items.append(self._rect(slot))
            elif slot.kind == "rule":
                items.append(self._rule(slot))
            elif slot.kind == "text":
                text = self._text(slot)
                if text is not None:
                    items.append(text)
            elif slot.kind == "qr":
                items.extend(self._qr(slot))
            elif slot.kind == "image":
                items.extend(
                    place_picture(slot, self.piece, self.spec, self.profile, self.fonts, self.diags)
                )
            elif slot.kind == "flow":
                from outreach.layout.flow import layout_flow

                items.extend(layout_flow(slot, self._context()))
            elif slot.kind == "chart":
                assert slot.chart is not None
                box = slot.box
                rect = Rect(box.x, box.y, box.w, box.h)
                from outreach.layout.charts import draw_chart

                items.extend(draw_chart(slot.chart, rect, self._context(), slot, slot.id))
        self.piece = self.pieces[0]
        check_glyphs(items, self.fonts, self.diags, self.piece.pack.display_root)
        check_safe_area(items, page, self.spec, self.profile, self.diags)
        check_folds(items, page, self.spec, self.diags)
        # `reserved`: areas filled later (a card's QR codes, per site) that marks must avoid.
        placeholders = [RectItem("reserved", rect, black_for(self.profile)) for rect in reserved]
        items.extend(
            page_marks(
                page, self.spec, self.profile, self.fonts, self.pieces, [*items, *placeholders]
            )
        )
        background = (
            paint_for(self.spec, self.profile, page.background) if page.background else None
        )
        return Page(
            name=page.name,
            width=self.spec.width,
            height=self.spec.height,
            bleed=self.profile.bleed,
            slug=self.profile.slug,
            items=tuple(items),
            background=background,
            rotation=page.rotation,
        )

    def _context(self) -> Context:
        """What flows and charts share with the other slots (issue 4)."""
        from outreach.layout.charts import Context

        return Context(
            piece=self.piece,
            spec=self.spec,
            fonts=self.fonts,
            diags=self.diags,
            paint=lambda color: paint_for(self.spec, self.profile, color),
            black=black_for(self.profile),
            facts=typeface_for(self.fonts, self.piece, family=FAMILY),
            paragraphs=self._paragraphs_for,
            links=self.profile.links,
        )

    def _mirrored(self, slot: SlotSpec) -> SlotSpec:
        box = slot.box
        flipped = Box(self.spec.width - box.x - box.w, box.y, box.w, box.h)
        swap = {"left": "right", "right": "left"}
        edges = tuple(swap.get(edge, edge) for edge in slot.bleed_edges)
        frames = tuple(Box(self.spec.width - f.x - f.w, f.y, f.w, f.h) for f in slot.frames)
        align = swap.get(slot.align, slot.align)
        return replace(slot, box=flipped, bleed_edges=edges, frames=frames, align=align)

    def _mirrored_panels(self, panels: tuple[PanelSpec, ...]) -> tuple[PanelSpec, ...]:
        """Panels of a mirrored side, still listed left to right."""
        return tuple(
            replace(panel, x=self.spec.width - panel.x - panel.w) for panel in reversed(panels)
        )

    def _rect(self, slot: SlotSpec) -> RectItem:
        box = slot.box
        x, y, right, bottom = box.x, box.y, box.x + box.w, box.y + box.h
        bleed = self.profile.bleed
        if "left" in slot.bleed_edges:
            x -= bleed
        if "top" in slot.bleed_edges:
            y -= bleed
        if "right" in slot.bleed_edges:
            right += bleed
        if "bottom" in slot.bleed_edges:
            bottom += bleed
        assert slot.fill is not None
        return RectItem(
            slot.id,
            Rect(x, y, right - x, bottom - y),
            paint_for(self.spec, self.profile, slot.fill),
            slot.radius,
            slot.location,
        )

    def _rule(self, slot: SlotSpec) -> LineItem:
        box = slot.box
        width = max(slot.stroke_width, self.profile.min_line_width)
        y = box.y + box.h / 2
        return LineItem(
            slot.id,
            box.x,
            y,
            box.x + box.w,
            y,
            width,
            paint_for(self.spec, self.profile, slot.fill or "ink"),
        )

    def _text(self, slot: SlotSpec) -> TextItem | None:
        paragraphs: list[Paragraph] = []
        locations: list[Location] = []
        if any(b.key == LOCAL_CONTACT_KEY for b in slot.blocks) and not local_line(self.piece.pack):
            return None
        for block in slot.blocks:
            found = self._paragraphs_for(block.key, block.role, block.bullets, slot)
            if found is None:
                return None
            for paragraph, location in found:
                paragraphs.append(paragraph)
                locations.append(location)
        if not paragraphs:
            return None
        box = slot.box
        result = set_paragraphs(paragraphs, box.w, box.h, self.fonts, max_lines=slot.max_lines)
        if not result.fits or result.scale < 1.0 - 1e-9:
            # Adapt, then shrink (issue 16): tighter spacing at the designed size first.
            for spacing in SPACINGS[1:]:
                tighter = [tightened(p, spacing) for p in paragraphs]
                attempt = set_paragraphs(
                    tighter, box.w, box.h, self.fonts, max_lines=slot.max_lines
                )
                if attempt.fits and (not result.fits or attempt.scale > result.scale + 1e-9):
                    result, paragraphs = attempt, tighter
                if result.fits and result.scale >= 1.0 - 1e-9:
                    break
        if slot.balance and result.fits and result.line_count > 1:
            result = self._balanced(paragraphs, box.w, box.h, result, slot.max_lines)
        requested = max(p.size for p in paragraphs)
        size = fitted_size(paragraphs[0], result.scale)
        source = Location(
            locations[0].path,
            locations[0].line,
            locations[0].column,
            f"{slot.blocks[0].key} -> {self.spec.path} slot `{slot.id}`",
        )
        if not result.fits:
            self._report_overflow(
                slot, result.too_wide, result.height, result.line_count, paragraphs, source
            )
        dy = 0.0
        if slot.valign == "middle":
            dy = max(0.0, (box.h - result.height) / 2)
        elif slot.valign == "bottom":
            dy = max(0.0, box.h - result.height)
        lines = result.placed(box.x, box.y + dy)
        keys = tuple(block.key for block in slot.blocks)
        return TextItem(
            slot.id,
            Rect(box.x, box.y, box.w, box.h),
            lines,
            size,
            requested,
            self.piece.language,
            source,
            keys,
        )

    def _balanced(
        self,
        paragraphs: list[Paragraph],
        width: float,
        height: float,
        fitted: SetText,
        max_lines: int | None,
    ) -> SetText:
        """Narrow the measure while the line count and size hold, so lines come out even."""
        best, best_width = fitted, width
        candidate = width
        while candidate > width * 0.5:
            candidate -= width * 0.02
            attempt = set_paragraphs(paragraphs, candidate, height, self.fonts, max_lines=max_lines)
            if attempt.line_count != fitted.line_count or attempt.scale < fitted.scale - 1e-9:
                break
            best, best_width = attempt, candidate
        # Lines were aligned within the narrower measure; align them in the slot's box again
        # (right to left, a paragraph's start is its right edge).
        align = visual_align(paragraphs[0].align, rtl=is_rtl(paragraphs[0].language))
        shift = {"center": (width - best_width) / 2, "right": width - best_width}.get(align, 0.0)
        lines = tuple(replace(line, x=line.x + shift) for line in best.lines)
        return SetText(lines, best.height, best.scale, best.fits, best.line_count, best.too_wide)

    def _report_overflow(
        self,
        slot: SlotSpec,
        too_wide: str | None,
        height: float,
        line_count: int,
        paragraphs: list[Paragraph],
        source: Location,
    ) -> None:
        first = paragraphs[0]
        min_size = first.min_size
        if too_wide is not None:
            message = (
                f"`{too_wide}` is wider than slot `{slot.id}` even at {min_size:g}pt "
                "and cannot be broken"
            )
        elif slot.max_lines is not None and line_count > slot.max_lines:
            message = (
                f"text does not fit slot `{slot.id}` (needs {line_count} lines, "
                f"at most {slot.max_lines} allowed at {min_size:g}pt)"
            )
        else:
            line_height = first.min_size * first.leading
            room = max(0, int(slot.box.h // line_height))
            message = (
                f"text does not fit slot `{slot.id}` (needs {height:.0f}pt of height, "
                f"has {slot.box.h:.0f}pt: about {line_count} lines, room for {room} "
                f"at {min_size:g}pt)"
            )
        excess = max(0.0, height - slot.box.h) / max(height, 1.0)
        characters = sum(len(s.text) for p in paragraphs for s in p.spans)
        self.diags.error(
            "layout.overflow",
            message,
            source,
            hints=(
                f"shorten the text by about {max(1, int(characters * excess))} characters, "
                f"or give slot `{slot.id}` more room in {self.spec.path}",
            ),
        )

    def _qr(self, slot: SlotSpec) -> list[Item]:
        spec = slot.qr
        assert spec is not None
        pack = self.piece.pack
        scheme, key = spec_target(spec)
        target = find_qr_target(pack, scheme, key)
        if target is None:
            report_unknown_target(
                pack, scheme, key, self.diags, subject=f"slot `{slot.id}`", location=slot.location
            )
            return []
        matrix = qr_matrix(target.data, spec.error_correction)
        box = slot.box
        caption_paragraphs: list[Paragraph] = []
        role = self.spec.roles.get(spec.caption_role)
        caption_height = 0.0
        if role is not None:
            paint = paint_for(self.spec, self.profile, role.color)
            # A piece in several languages says what each code does in all of them, in
            # the piece's order, so no caption mixes languages with its neighbour's
            # (issue 16); the number or address it encodes follows, once.
            labels: list[tuple[str, Piece, bool]] = []
            for piece in self.pieces if len(self.pieces) > 1 else (self.piece,):
                label = piece.texts.get(spec.caption_key) if spec.caption_key else None
                if label is not None and label.text:
                    labels.append((label.text, piece, False))
            if target.printed:
                labels.append((target.printed, self.piece, True))
            for text, piece, is_bold in labels:
                caption_paragraphs.append(
                    role_paragraph(
                        text,
                        role,
                        typeface_for(self.fonts, piece),
                        paint,
                        language=piece.language,
                        bold=is_bold,
                        space_after=0.0,
                        align="center",
                    )
                )
            caption_height = sum(p.size * p.leading for p in caption_paragraphs) + 0.3 * role.size
        side = min(box.w, box.h - caption_height)
        x = box.x + (box.w - side) / 2
        rect = Rect(x, box.y, side, side)
        check_module_size(
            side,
            len(matrix),
            self.spec,
            self.diags,
            subject=f"QR code in slot `{slot.id}`",
            location=slot.location,
            hints=(f"make slot `{slot.id}` larger in {self.spec.path}, or shorten the link",),
        )
        items: list[Item] = []
        items.append(
            QrItem(
                slot.id,
                rect,
                target.data,
                matrix,
                QUIET_ZONE,
                black_for(self.profile),
                slot.location,
                spec.error_correction,
                alt=target.printed,
                language=self.piece.language,
            )
        )
        if self.profile.links:  # press files have none (PDF/X, issue 20)
            items.append(
                LinkItem(slot.id + "-link", rect, target.url, language=self.piece.language)
            )
        if caption_paragraphs:
            caption_box = Rect(
                box.x - box.w * 0.25,
                box.y + side + 0.15 * caption_paragraphs[0].size,
                box.w * 1.5,
                caption_height,
            )
            result = set_paragraphs(caption_paragraphs, caption_box.w, caption_box.h, self.fonts)
            source = Location(
                slot.location.path, slot.location.line, slot.location.column, f"{slot.id} caption"
            )
            if not result.fits:
                self._report_overflow(
                    slot,
                    result.too_wide,
                    result.height,
                    result.line_count,
                    caption_paragraphs,
                    source,
                )
            lines = result.placed(caption_box.x, caption_box.y)
            size = round(
                max(caption_paragraphs[0].min_size, caption_paragraphs[0].size * result.scale), 2
            )
            items.append(
                TextItem(
                    slot.id + "-caption",
                    caption_box,
                    lines,
                    size,
                    caption_paragraphs[0].size,
                    self.piece.language,
                    source,
                    (spec.caption_key or "",),
                )
            )
        return items
