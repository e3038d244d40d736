"""Fill a layout's `sections: pack` flows with the pack's own sections (issue 15).

Input: a `LayoutSpec` and the `Pack`. Output: the spec with each such flow's sections made
from the pack's `sections:` (text blocks in the style's roles, charts, QR codes), so that
layouts place roles and never one pack's key names. Everything after this (flow layout,
the keys a material prints, draft notes) reads ordinary flow sections.
"""

from __future__ import annotations

from dataclasses import replace

from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.layout_specs import (
    ChartSpec,
    FlowBlock,
    FlowSection,
    LayoutSpec,
    PageSpec,
    QrSpec,
    SectionStyle,
    SlotSpec,
    TextBlock,
)
from outreach.core.model import Pack, PackSection, SectionText


def with_pack_sections(spec: LayoutSpec, pack: Pack, diags: Diagnostics) -> LayoutSpec:
    """The layout with every `sections: pack` or `sections: resources` flow filled."""
    if not any(slot.pack_sections for page in spec.pages for slot in page.slots):
        return spec
    pages: list[PageSpec] = []
    for page in spec.pages:
        slots = tuple(
            _filled(slot, pack, spec, diags) if slot.pack_sections else slot for slot in page.slots
        )
        pages.append(replace(page, slots=slots))
    return replace(spec, pages=tuple(pages))


def _filled(slot: SlotSpec, pack: Pack, spec: LayoutSpec, diags: Diagnostics) -> SlotSpec:
    style = slot.section_style
    assert style is not None
    wanted = slot.pack_sections == "resources"
    chosen = [s for s in pack.sections if (s.kind == "resources") == wanted]
    if not chosen:
        what = "a `resources` section" if wanted else "sections"
        diags.error(
            "layout.no-sections",
            f"flow `{slot.id}` of {spec.path} shows the pack's "
            f"{'resources' if wanted else 'sections'}, and pack `{pack.id}` declares no {what}",
            Location(f"{pack.display_root}/pack.yaml", key="sections"),
            hints=(
                f"declare {what} under `sections:` in {pack.display_root}/pack.yaml "
                '(docs/content-packs.md, "Sections")',
            ),
        )
    if any(s.kind == "statistics" for s in chosen) and not _chart_roles_defined(slot, spec, diags):
        chosen = [s for s in chosen if s.kind != "statistics"]  # reported: nothing to draw with
    sections = tuple(_flow_section(section, style) for section in chosen)
    return replace(slot, sections=sections, pack_sections=None)


def _chart_roles_defined(slot: SlotSpec, spec: LayoutSpec, diags: Diagnostics) -> bool:
    """A pack's statistics are drawn in the chart roles: each must be defined in the layout."""
    missing = [
        r for r in ("chart_label", "chart_value", "chart_number", "source") if r not in spec.roles
    ]
    for role in missing:
        diags.error(
            "layout.unknown-role",
            f"flow `{slot.id}` draws the pack's statistics with role `{role}`, which "
            f"{spec.path} does not define",
            slot.location,
            hints=(f"define role `{role}` under `roles:` (charts use it for their text)",),
        )
    return not missing


def _flow_section(section: PackSection, style: SectionStyle) -> FlowSection:
    """A pack section as flow blocks: its text, the kind's own part, then `after`."""
    role = style.roles["callout" if section.kind == "callout" else "paragraph"]
    parts: list[tuple[str, FlowBlock]] = [_text(part, style, role) for part in section.text]
    if section.items is not None:
        parts.append(_text(section.items, style, role))
    if section.kind == "statistics":
        height = (
            style.bar_height * len(section.statistics)
            if section.chart == "bars"
            else style.waffle_height
        )
        chart = ChartSpec(
            type=section.chart,
            location=section.location,
            entries=section.statistics,
            headline=section.headline,
            source_key=section.source,
            height=height,
        )
        parts.append(("chart", FlowBlock("chart", section.location, chart=chart)))
    if section.codes:
        codes = tuple(
            QrSpec(code.contact, code.link, code.scheme, code.caption_key, style.qr_caption_role)
            for code in section.codes
        )
        parts.append(("qr", FlowBlock("qr", section.location, qrs=codes, qr_size=style.qr_size)))
    parts.extend(_text(part, style, role) for part in section.after)
    # A subheading stays with what it introduces; so does the text just before a chart or
    # a source line, so that a figure or a source never starts a panel alone.
    blocks = []
    for index, (kind, block) in enumerate(parts):
        following = parts[index + 1][0] if index + 1 < len(parts) else ""
        keep = block.kind == "text" and (kind == "subheading" or following in ("chart", "source"))
        optional = block.optional or section.optional
        blocks.append(replace(block, keep_with_next=keep, optional=optional))
    return FlowSection(section.id, section.location, section.title, tuple(blocks))


def _text(part: SectionText, style: SectionStyle, paragraph_role: str) -> tuple[str, FlowBlock]:
    role = paragraph_role if part.kind == "paragraph" else style.roles[part.kind]
    block = FlowBlock(
        "text",
        part.location,
        text=TextBlock(part.key, role, bullets=part.kind == "list"),
        optional=part.optional,
    )
    return part.kind, block
