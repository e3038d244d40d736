"""Lay out the Civil Code 52.6 notice: every required language at 16 pt or more, or refuse.

Input: a `Notice`, the languages to print, the notice layout, a profile and fonts.
Output: a one-page `Document`, or None with a `notice.does-not-fit` diagnostic that names
the smallest paper size that works. Type is never shrunk below 16 pt, the statute's floor
(docs/statute.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from outreach.content.languages import native_name
from outreach.content.notices import Notice
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import (
    Document,
    ImageItem,
    Item,
    LineItem,
    Metadata,
    Page,
    Rect,
    RectItem,
    TextItem,
)
from outreach.core.layout_specs import Box, LayoutSpec, Profile
from outreach.core.model import FontOverride, Pack
from outreach.core.units import to_mm
from outreach.core.values import value_methods
from outreach.fonts import FontBook, family_for
from outreach.layout.images import LOGO, place_image
from outreach.layout.marks import crop_marks
from outreach.layout.output_intent import output_intent_for
from outreach.layout.paint import black_for, paint_for
from outreach.layout.roles import FAMILY, Typeface, role_paragraph
from outreach.layout.structure import assign_structure
from outreach.layout.text import Paragraph, SetText, set_paragraphs

STATUTE_MIN_SIZE = 16.0
GAP = 10.0  # points between language blocks


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class NoticeFit:
    """The outcome of trying one paper size."""

    fits: bool
    size: float
    needed: float
    available: float


def _paragraphs(
    notice: Notice, language: str, spec: LayoutSpec, profile: Profile, face: Typeface, scale: float
) -> list[Paragraph]:
    text = notice.texts[language]
    role, label = spec.roles["notice"], spec.roles["language"]
    ink, teal = paint_for(spec, profile, role.color), paint_for(spec, profile, "teal")
    size = max(role.min_size, role.size * scale)
    result = [
        role_paragraph(
            native_name(language),
            label,
            face,
            paint_for(spec, profile, label.color),
            language=language,
            bold=True,
        )
    ]

    def body(line: str, space_after: float | None, *, bullet: bool = False) -> Paragraph:
        # Fixed at the size `_set_all` is trying: every language shares it, never below 16 pt.
        return role_paragraph(
            line,
            role,
            face,
            ink,
            language=language,
            size=size,
            min_size=size,
            space_after=space_after,
            bullet=teal if bullet else None,
        )

    last = len(text.paragraphs) - 1
    result += [body(p, 0.15 if i == last else None) for i, p in enumerate(text.paragraphs)]
    result += [body(item, 0.05, bullet=True) for item in text.bullets]
    return result


def _set_all(
    notice: Notice,
    languages: tuple[str, ...],
    spec: LayoutSpec,
    profile: Profile,
    faces: Mapping[str, Typeface],
    width: float,
    available: float,
) -> tuple[NoticeFit, list[tuple[str, SetText]]]:
    """The largest common text size (20 pt down to 16 pt) at which every language fits."""
    role = spec.roles["notice"]
    size = role.size
    while True:
        scale = size / role.size
        blocks = []
        for language in languages:
            face = faces[language]
            paragraphs = _paragraphs(notice, language, spec, profile, face, scale)
            blocks.append((language, set_paragraphs(paragraphs, width, 1e9, face.fonts)))
        needed = sum(block.height for _, block in blocks) + GAP * (len(blocks) - 1)
        wide = any(block.too_wide for _, block in blocks)
        if needed <= available and not wide:
            return NoticeFit(True, size, needed, available), blocks
        if size <= max(role.min_size, STATUTE_MIN_SIZE):
            return NoticeFit(False, size, needed, available), blocks
        size -= 0.5


def layout_notice(
    notice: Notice,
    languages: tuple[str, ...],
    spec: LayoutSpec,
    profile: Profile,
    fonts: FontBook,
    diags: Diagnostics,
    *,
    organization: str,
    local_contact: str | None = None,
    font_overrides: Mapping[str, FontOverride] | None = None,
    pack: Pack | None = None,
) -> tuple[Document | None, NoticeFit]:
    """Lay out the notice on one page, or report that it does not fit at 16 pt.

    `local_contact`, when the pack names one, is set below the statutory text in a block of
    its own, set apart by a rule, so the statute's text is never altered (issue 7).
    `font_overrides` are the pack's `fonts:` entries: a language's own font wins there too.
    The pack's logo (`organization.logo`) sits at the footer's right end when the layout has
    an image slot for it, never among the statutory text (issue 15).
    """
    overrides = font_overrides or {}
    faces = {
        language: Typeface(fonts, family_for(language), overrides.get(language))
        for language in languages
    }
    margin = max(spec.safe, profile.min_margin)
    width = spec.width - 2 * margin
    header_height = spec.pages[0].slots[0].box.h  # the layout's `band` slot
    top = header_height + margin * 0.5
    footer_room = 28.0
    local = _local_block(local_contact, spec, profile, fonts, width) if local_contact else None
    local_room = local.height + 2 * GAP if local else 0.0
    available = spec.height - top - margin - footer_room - local_room
    fit, blocks = _set_all(notice, languages, spec, profile, faces, width, available)
    if not fit.fits:
        return None, fit
    items: list[Item] = []
    band = spec.pages[0].slots[0]
    bleed = profile.bleed
    items.append(
        RectItem(
            band.id,
            Rect(-bleed, -bleed, spec.width + 2 * bleed, band.box.h + bleed),
            paint_for(spec, profile, "teal"),
            0.0,
            band.location,
        )
    )
    header_role = spec.roles["header"]
    header = set_paragraphs(
        [
            role_paragraph(
                f"Notice required by {notice.statute}",
                header_role,
                Typeface(fonts, FAMILY),
                paint_for(spec, profile, header_role.color),
                language="en",
            )
        ],
        width,
        40,
        fonts,
    )
    items.append(
        _place(
            "header",
            header,
            margin,
            (header_height - header.height) / 2,
            width,
            "en",
            Location(notice.path, key="statute"),
        )
    )
    y = top
    for language, block in blocks:
        items.append(
            _place(
                f"notice-{language}",
                block,
                margin,
                y,
                width,
                language,
                notice.texts[language].location,
            )
        )
        y += block.height + GAP
    if local is not None:
        items.append(
            LineItem(
                "local-rule", margin, y, margin + width, y, 1.0, paint_for(spec, profile, "mist")
            )
        )
        items.append(
            _place(
                "local-contact",
                local,
                margin,
                y + GAP,
                width,
                "en",
                Location(notice.path, key="local_contact"),
            )
        )
    logo = _footer_logo(spec, profile, pack, margin, footer_room, diags) if pack else None
    if logo is not None:
        items.append(logo)
    labels = []
    for language in languages:
        text = notice.texts[language]
        label = (
            notice.official_label
            if text.official
            else notice.unofficial_label.format(organization=organization)
        )
        if language != "en":
            labels.append(f"{native_name(language)} ({language}): {label}")
    footer_role = spec.roles["footer"]
    if labels:
        footer_paint = paint_for(spec, profile, footer_role.color)
        footer = set_paragraphs(
            [
                role_paragraph(
                    line, footer_role, Typeface(fonts, FAMILY), footer_paint, language="en"
                )
                for line in labels
            ],
            width - (logo.rect.w + GAP if logo is not None else 0.0),
            footer_room,
            fonts,
        )
        items.append(
            _place(
                "translation-status",
                footer,
                margin,
                spec.height - margin - footer.height,
                width,
                "en",
                Location(notice.path, key="labels"),
            )
        )
    if profile.crop_marks:
        items.extend(
            crop_marks(spec.width, spec.height, profile.bleed, profile.slug, black_for(profile))
        )
    page = Page(
        "notice",
        spec.width,
        spec.height,
        profile.bleed,
        profile.slug,
        tuple(items),
        paint_for(spec, profile, "paper"),
    )
    names = ", ".join(native_name(language) for language in languages)
    metadata = Metadata(
        title=f"Human trafficking notice ({notice.statute})",
        author=organization,
        subject=f"{notice.statute} posting in {len(languages)} languages: {names}",
        language=languages[0],
        keywords=("human trafficking", "Civil Code 52.6", *languages),
    )
    document = Document(
        "notice",
        spec.size_name,
        "+".join(languages),
        profile.name,
        profile.color_space,
        assign_structure((page,), spec, tuple(languages)),
        metadata,
        output_intent=output_intent_for(profile, spec.size_name),
        object_streams=profile.object_streams,
    )
    return document, fit


def _footer_logo(
    spec: LayoutSpec,
    profile: Profile,
    pack: Pack,
    margin: float,
    footer_room: float,
    diags: Diagnostics,
) -> ImageItem | None:
    """The logo in the footer's right corner: the layout's image slot gives its largest size."""
    slot = next((s for s in spec.pages[0].slots if s.kind == "image"), None)
    if slot is None or (slot.image == LOGO and pack.organization.logo is None):
        return None
    width, height = slot.box.w, min(slot.box.h, footer_room)
    box = Box(spec.width - margin - width, spec.height - margin - height, width, height)
    return place_image(
        replace(slot, box=box, align="right", valign="bottom"), pack, spec, profile, diags
    )


def _local_block(
    text: str, spec: LayoutSpec, profile: Profile, fonts: FontBook, width: float
) -> SetText:
    role = spec.roles["local"]
    paragraph = role_paragraph(
        text, role, Typeface(fonts, FAMILY), paint_for(spec, profile, role.color), language="en"
    )
    return set_paragraphs([paragraph], width, 1e9, fonts)


def _place(
    slot: str, block: SetText, x: float, y: float, width: float, language: str, source: Location
) -> TextItem:
    lines = block.placed(x, y)  # keeps shaped glyphs, their pieces and direction
    sizes = [run.size for line in lines for run in line.runs]
    return TextItem(
        slot,
        Rect(x, y, width, block.height),
        lines,
        min(sizes, default=0.0),
        max(sizes, default=0.0),
        language,
        source,
    )


def does_not_fit(
    size_name: str,
    fit: NoticeFit,
    smallest: str | None,
    languages: tuple[str, ...],
    where: Location,
    diags: Diagnostics,
) -> None:
    """Refuse honestly: the statute's 16 pt floor is never broken to make text fit."""
    hint = (
        f"use `--size {smallest}`: it is the smallest paper that holds all "
        f"{len(languages)} languages at {STATUTE_MIN_SIZE:g} pt"
        if smallest
        else "no offered paper size holds these languages at 16 pt; print fewer languages per "
        "notice"
    )
    diags.error(
        "notice.does-not-fit",
        f"{len(languages)} languages ({', '.join(languages)}) do not fit on {size_name} at "
        f"{STATUTE_MIN_SIZE:g} pt (they need {to_mm(fit.needed):.0f} mm of height, the page "
        f"has {to_mm(fit.available):.0f} mm)",
        where,
        hints=(hint, "the statute requires text of at least 16 point; it is not shrunk"),
    )
