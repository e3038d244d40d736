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
from outreach.core.text_lines import TextLine
from outreach.core.units import to_mm
from outreach.core.values import value_methods
from outreach.fonts import FontBook, family_for
from outreach.layout.images import LOGO, place_image
from outreach.layout.marks import crop_marks
from outreach.layout.output_intent import output_intent_for
from outreach.layout.paint import paint_for, registration_for
from outreach.layout.roles import FAMILY, Typeface, role_paragraph
from outreach.layout.structure import assign_structure
from outreach.layout.text import Paragraph, SetText, set_paragraphs

STATUTE_MIN_SIZE = 16.0
GAP = 18.0  # points between language blocks
GUTTER = 0.3 * 72  # between two columns
# A line reads best at 75 characters or fewer (issue 16); Noto Sans averages about half an
# em a character, so a column is at most 37.5 em wide: two columns on 11 x 14 and tabloid.
MEASURE_EM = 75 * 0.5
PARAGRAPH_SPACE, BULLET_SPACE = 0.5, 0.15  # em above a paragraph, above a bullet


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class NoticeFit:
    """The outcome of trying one paper size."""

    fits: bool
    size: float
    needed: float
    available: float


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of a language's text that is never split across columns.

    A paragraph (the first one with the language's name above it) or a bullet.
    """

    language: str
    text: SetText
    first: bool  # the language's first unit
    above: float  # space above it, unless it starts a column: between languages, paragraphs


def _paragraphs(
    notice: Notice, language: str, spec: LayoutSpec, profile: Profile, face: Typeface, size: float
) -> list[tuple[float, list[Paragraph]]]:
    """The language's units: the space above each (in em) and its paragraphs."""
    text = notice.texts[language]
    role, label = spec.roles["notice"], spec.roles["language"]
    ink, teal = paint_for(spec, profile, role.color), paint_for(spec, profile, "teal")
    name = role_paragraph(
        native_name(language),
        label,
        face,
        paint_for(spec, profile, label.color),
        language=language,
        bold=True,
    )

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

    units = [(PARAGRAPH_SPACE, [body(p, None)]) for p in text.paragraphs]
    units += [(BULLET_SPACE, [body(item, None, bullet=True)]) for item in text.bullets]
    units[0][1].insert(0, name)
    return units


def columns_for(width: float, size: float) -> int:
    """One column, or two where one would run longer than about 75 characters a line."""
    return 1 if width <= MEASURE_EM * size else 2


def _flow(units: list[Unit], columns: int, height: float) -> list[list[Unit]] | None:
    """Units in order into `columns` columns of `height`, or None if they do not fit."""
    result: list[list[Unit]] = [[]]
    used = 0.0
    for unit in units:
        need = unit.text.height + (unit.above if result[-1] else 0.0)
        if used + need > height and result[-1]:
            if len(result) == columns:
                return None
            result.append([])
            used, need = 0.0, unit.text.height
        if need > height:
            return None
        result[-1].append(unit)
        used += need
    return result


def _balanced(units: list[Unit], columns: int, available: float) -> tuple[list[list[Unit]], float]:
    """The flow with the shortest columns that still holds every unit (balanced columns)."""
    total = sum(u.text.height + u.above for u in units)
    if _flow(units, columns, available) is None:
        return [], total
    low, high = 0.0, available
    while high - low > 1.0:
        middle = (low + high) / 2
        if _flow(units, columns, middle) is None:
            low = middle
        else:
            high = middle
    flow = _flow(units, columns, high)
    assert flow is not None
    return flow, high


def _set_all(
    notice: Notice,
    languages: tuple[str, ...],
    spec: LayoutSpec,
    profile: Profile,
    faces: Mapping[str, Typeface],
    width: float,
    available: float,
) -> tuple[NoticeFit, list[list[Unit]], float]:
    """The largest common text size (20 pt down to 16 pt) at which every language fits.

    In one column or two, at most about 75 characters a line, columns balanced.
    """
    role = spec.roles["notice"]
    size = role.size
    while True:
        columns = columns_for(width, size)
        column = (width - GUTTER * (columns - 1)) / columns
        units = []
        for language in languages:
            face = faces[language]
            for index, (space, paragraphs) in enumerate(
                _paragraphs(notice, language, spec, profile, face, size)
            ):
                text = set_paragraphs(paragraphs, column, 1e9, face.fonts)
                units.append(Unit(language, text, index == 0, GAP if index == 0 else space * size))
        flow, needed = _balanced(units, columns, available)
        wide = any(unit.text.too_wide for unit in units)
        if flow and not wide:
            return NoticeFit(True, size, needed, available), flow, column
        if size <= max(role.min_size, STATUTE_MIN_SIZE):
            return NoticeFit(False, size, needed * columns, available), flow, column
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
    fit, flow, column = _set_all(notice, languages, spec, profile, faces, width, available)
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
    for number, units in enumerate(flow):
        x = margin + number * (column + GUTTER)
        items.extend(_column_items(units, x, top, column, notice))
    y = top + fit.needed + GAP
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
            crop_marks(
                spec.width, spec.height, profile.bleed, profile.slug, registration_for(profile)
            )
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


def _column_items(
    units: list[Unit], x: float, top: float, width: float, notice: Notice
) -> list[Item]:
    """One text item per language in a column: its units stacked, a gap between languages."""
    items: list[Item] = []
    y = top
    for language in dict.fromkeys(u.language for u in units):
        own = [u for u in units if u.language == language]
        if y > top:
            y += own[0].above
        lines: list[TextLine] = []
        start = y
        for number, unit in enumerate(own):
            y += unit.above if number else 0.0
            # each unit numbers its paragraphs from 0; one item's paragraphs stay apart
            offset = 1 + max((line.paragraph for line in lines), default=-1)
            lines.extend(
                replace(ln, paragraph=ln.paragraph + offset) for ln in unit.text.placed(x, y)
            )
            y += unit.text.height
        slot = f"notice-{language}" if own[0].first else f"notice-{language}-continued"
        items.append(_item(slot, tuple(lines), Rect(x, start, width, y - start), language, notice))
    return items


def _item(
    slot: str, lines: tuple[TextLine, ...], box: Rect, language: str, notice: Notice
) -> TextItem:
    sizes = [run.size for line in lines for run in line.runs]
    return TextItem(
        slot,
        box,
        lines,
        min(sizes, default=0.0),
        max(sizes, default=0.0),
        language,
        notice.texts[language].location,
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
