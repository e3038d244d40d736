"""Place a localized piece onto the pages of a layout.

Input: `model.Piece`, `model.LayoutSpec`, `model.Profile`, `fonts.FontBook`.
Output: `document.Document`. Every decision about position, line breaks, font size and
colour is made here; `render.py` only draws what it is given. Problems (overflow, missing
glyphs, QR codes too small to scan) are reported to the diagnostics collector.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from outreach.content.languages import native_name
from outreach.core.diagnostics import Diagnostics, Location, did_you_mean
from outreach.core.document import (
    Document,
    Item,
    LineItem,
    LinkItem,
    Metadata,
    Page,
    Paint,
    QrItem,
    Rect,
    RectItem,
    TextItem,
    TextLine,
    TextRun,
)
from outreach.core.model import (
    Box,
    LayoutSpec,
    LocalizedText,
    PageSpec,
    PanelSpec,
    Piece,
    Profile,
    SlotSpec,
)
from outreach.core.units import to_mm
from outreach.fonts import FontBook
from outreach.layout.marks import crop_marks
from outreach.layout.qr import QUIET_ZONE, qr_matrix
from outreach.layout.qr_target import (
    check_module_size,
    find_qr_target,
    report_unknown_target,
    spec_target,
)
from outreach.layout.roles import role_paragraph, typeface_for
from outreach.layout.text import (
    MissingGlyph,
    Paragraph,
    SetText,
    find_missing_glyphs,
    fitted_size,
    set_paragraphs,
    visual_align,
)
from outreach.text import is_rtl

if TYPE_CHECKING:
    from outreach.layout.charts import Context

# Folded pieces and charts (the brochure) import their modules on first use, so that a
# poster or a card never pays for them at start-up.

FAMILY = "NotoSans"
SLUG_SIZE = 6.0
# PDF viewer preference that preselects the duplex mode in the print dialog (PDF 1.7, 12.2).
DUPLEX_PREFERENCE = {"long-edge": "DuplexFlipLongEdge", "short-edge": "DuplexFlipShortEdge"}
REVIEW_NOTE = "translation not yet reviewed"
LANGUAGE_NAME_KEY = "language.name"
LINK_KEY_PREFIX = "link."


def paint_for(spec: LayoutSpec, profile: Profile, color: str) -> Paint:
    """A palette colour in the profile's colour space."""
    chosen = spec.palette[color]
    if profile.color_space == "cmyk":
        return Paint("cmyk", chosen.cmyk)
    return Paint("rgb", chosen.rgb)


def black_for(profile: Profile) -> Paint:
    """Black for QR modules and marks: 100% K on press (never rich black), plain black in RGB."""
    if profile.color_space == "cmyk":
        return Paint("cmyk", (0.0, 0.0, 0.0, 1.0))
    return Paint("rgb", (0.0, 0.0, 0.0))


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
        elif key == LANGUAGE_NAME_KEY:
            # The language's own name in its own script, from CLDR: a heading that tells a
            # reader of a bilingual poster which half is theirs.
            entries = [
                LocalizedText(
                    key, native_name(self.piece.language), self.piece.language, slot.location
                )
            ]
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

    def layout_page(self, page: PageSpec) -> Page:
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
        self._check_glyphs(items)
        self._check_safe_area(items, page)
        self._check_folds(items, page)
        items.extend(self._marks(page))
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
        )

    def _mirrored(self, slot: SlotSpec) -> SlotSpec:
        box = slot.box
        flipped = Box(self.spec.width - box.x - box.w, box.y, box.w, box.h)
        swap = {"left": "right", "right": "left"}
        edges = tuple(swap.get(edge, edge) for edge in slot.bleed_edges)
        frames = tuple(Box(self.spec.width - f.x - f.w, f.y, f.w, f.h) for f in slot.frames)
        return replace(slot, box=flipped, bleed_edges=edges, frames=frames)

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
            label_text = self.piece.texts.get(spec.caption_key) if spec.caption_key else None
            face = typeface_for(self.fonts, self.piece)
            paint = paint_for(self.spec, self.profile, role.color)
            for text, is_bold in (
                (label_text.text if label_text else None, False),
                (target.printed, True),
            ):
                if text:
                    caption_paragraphs.append(
                        role_paragraph(
                            text,
                            role,
                            face,
                            paint,
                            language=self.piece.language,
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
            )
        )
        items.append(LinkItem(slot.id + "-link", rect, target.url))
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

    # --- checks made while laying out -----------------------------------------------------

    def _check_glyphs(self, items: list[Item]) -> None:
        for item in items:
            if not isinstance(item, TextItem):
                continue
            for missing in find_missing_glyphs(item.lines, self.fonts):
                self.diags.error(
                    "font.missing-glyph",
                    missing.message(f"(slot `{item.slot}`) ", item.language),
                    item.source,
                    hints=MissingGlyph.hints(item.language, self.piece.pack.display_root),
                )

    def _check_safe_area(self, items: list[Item], page: PageSpec) -> None:
        margin = max(self.spec.safe, self.profile.min_margin)
        safe = Rect(margin, margin, self.spec.width - 2 * margin, self.spec.height - 2 * margin)
        for item in items:
            if isinstance(item, TextItem) and item.lines:
                area = item.ink_rect()
            elif isinstance(item, QrItem):
                inner = item.module_size * item.quiet_zone
                area = Rect(
                    item.rect.x + inner,
                    item.rect.y + inner,
                    item.rect.w - 2 * inner,
                    item.rect.h - 2 * inner,
                )
            else:
                continue
            if not safe.contains(area, tolerance=0.5):
                self.diags.error(
                    "layout.outside-safe-area",
                    f"slot `{item.slot}` on page `{page.name}` reaches into the "
                    f"{to_mm(margin):.1f} mm safe margin",
                    item.source,
                    hints=(f"move slot `{item.slot}` inside the margin in {self.spec.path}",),
                )

    def _check_folds(self, items: list[Item], page: PageSpec) -> None:
        """Only backgrounds may cross a fold: text or a code on one would be cut in two."""
        from outreach.layout.flow import crossing_items

        for item, fold in crossing_items(page, items):
            source = getattr(item, "source", None) or Location(self.spec.path)
            self.diags.error(
                "layout.crosses-fold",
                f"slot `{item.slot}` on page `{page.name}` crosses or touches the fold at "
                f"{to_mm(fold):.1f} mm",
                source,
                hints=(f"keep slot `{item.slot}` inside one panel in {self.spec.path}",),
            )

    def _marks(self, page: PageSpec) -> list[Item]:
        """Crop marks and the slug line (press), and the review note for draft translations.

        A draft translation is labelled so nobody mistakes it for a checked one: in the slug
        outside the trim on press files, in the bottom margin on office prints (issue 6).
        """
        black = black_for(self.profile)
        review = REVIEW_NOTE if any(p.unreviewed for p in self.pieces) else ""
        if not self.profile.crop_marks:
            if not review:
                return []
            # In the bottom margin, inside what a desktop printer can print (>= 0.25 in); on a
            # card (no page margin), below its safe area. Descenders stay inside the page.
            baseline = self.spec.height - self.profile.min_margin - 0.3 * SLUG_SIZE - 0.5
            return [self._small_line("review-note", review, 0.5 * 72, baseline, black)]
        marks: list[Item] = list(
            crop_marks(
                self.spec.width, self.spec.height, self.profile.bleed, self.profile.slug, black
            )
        )
        if self.spec.fold_marks:
            from outreach.layout.flow import fold_marks

            marks.extend(
                fold_marks(page, self.spec.height, self.profile.bleed, self.profile.slug, black)
            )
        text = (
            f"{self.spec.material} {self.spec.size_name} {self.piece.language} "
            f"{self.profile.name} | page {page.name} | trim {to_mm(self.spec.width):.1f} x "
            f"{to_mm(self.spec.height):.1f} mm | bleed {to_mm(self.profile.bleed):.2f} mm"
        )
        if self.spec.duplex:
            text += f" | print two-sided, flip on {self.spec.duplex.replace('-', ' ')}"
            if page.rotation:
                text += f"; this side is turned {page.rotation} degrees"
        if review:
            text += f" | {review}"
        baseline = self.spec.height + self.profile.bleed + self.profile.slug * 0.6
        marks.append(self._small_line("slug", text, self.profile.bleed + 12.0, baseline, black))
        return marks

    def _small_line(
        self, slot: str, text: str, x: float, baseline: float, paint: Paint
    ) -> TextItem:
        font = self.fonts.font_name(FAMILY, "regular")
        width = self.fonts.measure(text, font, SLUG_SIZE)
        return TextItem(
            slot,
            Rect(x, baseline - SLUG_SIZE, width, SLUG_SIZE * 1.3),
            (TextLine(x, baseline, width, (TextRun(text, font, SLUG_SIZE, x, width, paint),)),),
            SLUG_SIZE,
            SLUG_SIZE,
            self.piece.language,
            Location(self.spec.path, key=slot),
        )


def layout_piece(
    piece: Piece,
    spec: LayoutSpec,
    profile: Profile,
    fonts: FontBook,
    diags: Diagnostics,
    extra_pieces: tuple[Piece, ...] = (),
) -> Document:
    """Lay out every page of a material for one language and profile.

    Text shrinks in 0.5 pt steps down to each role's `min_size`; if it still does not fit,
    `layout.overflow` is reported (the build then writes nothing). Each item's `source`
    points back to the content line it came from. A multilingual material gets the pieces
    of its other languages in `extra_pieces`; its slots say which one fills them.
    """
    layouter = PageLayouter(piece, spec, profile, fonts, diags, extra_pieces)
    pages = tuple(layouter.layout_page(page) for page in spec.pages)
    org = piece.pack.organization
    tags = [p.language for p in (piece, *extra_pieces)]
    names = ", ".join(native_name(tag) for tag in tags)
    metadata = Metadata(
        title=f"{piece.pack.title} ({spec.material}, {' + '.join(tags)})",
        author=org.name,
        subject=f"{spec.material} about human trafficking and where to get help"
        + (f"; in {len(tags)} languages: {names}" if extra_pieces else "")
        + (f"; print two-sided, flip on {spec.duplex.replace('-', ' ')}" if spec.duplex else ""),
        language=piece.language,
        keywords=("human trafficking", "hotline", spec.material, *tags),
        duplex=DUPLEX_PREFERENCE.get(spec.duplex or ""),
    )
    return Document(
        material=spec.material,
        size=spec.size_name,
        language="+".join(tags),
        profile=profile.name,
        color_space=profile.color_space,
        pages=pages,
        metadata=metadata,
    )
