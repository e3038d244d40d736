"""Read a flow slot: sections of text, charts and QR codes that run through panel frames.

Input: the flow slot's node, the page's panels and the fold. Output: a `model.SlotSpec` of
kind `flow` with its frames and `model.FlowSection`s (issue 4).
"""

from __future__ import annotations

from outreach.content.yamlfile import Node
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.layout_specs import (
    Box,
    FlowBlock,
    FlowSection,
    PanelSpec,
    SlotSpec,
    TextBlock,
    TypeRole,
)
from outreach.core.model import Color
from outreach.layout.spec.charts import read_chart
from outreach.layout.spec.fields import check_keys_in_layout, read_length, read_role_name
from outreach.layout.spec.folds import Fold, panel_named
from outreach.layout.spec.qr_codes import read_qr
from outreach.layout.spec.section_style import PACK_SECTIONS, read_section_style


def read_flow_slot(
    node: Node,
    slot_id: str,
    location: Location,
    height: float,
    roles: dict[str, TypeRole],
    palette: dict[str, Color],
    diags: Diagnostics,
    panels: list[PanelSpec] | None,
    fold: Fold | None,
) -> SlotSpec | None:
    """A flow: sections that run through panel frames in reading order."""
    frames_node, sections_node = node.get("frames"), node.get("sections")
    if frames_node is None or not frames_node.is_list() or not frames_node.value:
        diags.error(
            "layout.missing-key",
            f"flow slot `{slot_id}` needs `frames`: the panels it runs through, in order",
            location,
            hints=("add e.g. `frames: [left, middle, right]`",),
        )
        return None
    from_pack = sections_node is not None and sections_node.value in PACK_SECTIONS
    if sections_node is None or not (
        from_pack or (sections_node.is_list() and sections_node.value)
    ):
        diags.error(
            "layout.missing-key",
            f"flow slot `{slot_id}` needs `sections`",
            sections_node.location if sections_node is not None else location,
            hints=(
                "write `sections: pack` (the pack's sections, in order) or "
                "`sections: resources` (its resources)",
                "or list sections with `id`, `title` and `blocks`",
            ),
        )
        return None
    margin = fold.margin if fold else 0.0
    # `foot`: room kept free under the text of every frame, beyond the panel margin: the
    # office print's review note of a draft translation sits there (issue 16).
    foot_node = node.get("foot")
    foot = read_length(foot_node, diags) if foot_node else 0.0
    if foot is None:
        return None
    frames: list[Box] = []
    names: list[str] = []
    for frame_node in frames_node.value:
        panel = panel_named(frame_node, panels, diags)
        if panel is None:
            return None
        frames.append(
            Box(panel.x + margin, margin, panel.w - 2 * margin, height - 2 * margin - foot)
        )
        names.append(panel.name)
    title_role = (
        read_role_name(node.get("title_role"), roles, diags)
        if node.get("title_role")
        else "heading"
    )
    if title_role is None:
        return None
    if title_role not in roles:
        diags.error(
            "layout.unknown-role",
            f"flow slot `{slot_id}` sets section titles in role `heading`, which is not defined",
            location,
            hints=("define a `heading` role, or set `title_role`",),
        )
        return None
    gap_node = node.get("section_gap")
    gap = read_length(gap_node, diags) if gap_node else 0.0
    style_node = node.get("section_style")
    style = read_section_style(style_node, roles, location, diags) if from_pack else None
    if style_node is not None and not from_pack:
        diags.error(
            "layout.unknown-key",
            f"flow slot `{slot_id}` lists its own sections: `section_style` applies to "
            "`sections: pack` only",
            style_node.location,
        )
        return None
    sections = () if from_pack else _sections(sections_node, roles, palette, diags)
    if gap is None or sections is None or (from_pack and style is None):
        return None
    left = min(frame.x for frame in frames)
    right = max(frame.x + frame.w for frame in frames)
    return SlotSpec(
        id=slot_id,
        kind="flow",
        box=Box(left, margin, right - left, height - 2 * margin),
        location=location,
        frames=tuple(frames),
        frame_names=tuple(names),
        sections=sections,
        title_role=title_role,
        section_gap=gap,
        pack_sections=str(sections_node.value) if from_pack else None,
        section_style=style,
    )


def _sections(
    node: Node, roles: dict[str, TypeRole], palette: dict[str, Color], diags: Diagnostics
) -> tuple[FlowSection, ...] | None:
    before = diags.error_count
    sections: list[FlowSection] = []
    seen: set[str] = set()
    for section_node in node.value:
        if not check_keys_in_layout(
            section_node,
            diags,
            required=("id", "blocks"),
            optional=("title", "break_before"),
            what="section",
        ):
            continue
        id_node, blocks_node = section_node.get("id"), section_node.get("blocks")
        assert id_node is not None
        assert blocks_node is not None
        section_id = str(id_node.value)
        if section_id in seen:
            diags.error(
                "layout.duplicate-slot",
                f"section id `{section_id}` is used twice",
                id_node.location,
            )
            continue
        seen.add(section_id)
        if not blocks_node.is_list():
            diags.error("layout.type", "`blocks` must be a list", blocks_node.location)
            continue
        blocks = [_flow_block(block, roles, palette, diags) for block in blocks_node.value]
        title_node, break_node = section_node.get("title"), section_node.get("break_before")
        location = Location(
            section_node.location.path,
            section_node.location.line,
            section_node.location.column,
            section_id,
        )
        sections.append(
            FlowSection(
                id=section_id,
                location=location,
                title=str(title_node.value) if title_node else None,
                blocks=tuple(block for block in blocks if block is not None),
                break_before=bool(break_node.value) if break_node else False,
            )
        )
    return tuple(sections) if diags.error_count == before else None


def _flow_block(
    node: Node, roles: dict[str, TypeRole], palette: dict[str, Color], diags: Diagnostics
) -> FlowBlock | None:
    """A block of a section: `text` (with `role`), `chart`, or `qr` (a list of codes)."""
    if node.is_mapping() and node.get("chart") is not None:
        if not check_keys_in_layout(node, diags, required=("chart",), what="chart block"):
            return None
        chart_node = node.get("chart")
        assert chart_node is not None
        chart = read_chart(chart_node, roles, palette, diags, in_flow=True)
        return FlowBlock("chart", chart_node.location, chart=chart) if chart else None
    if node.is_mapping() and node.get("qr") is not None:
        if not check_keys_in_layout(
            node, diags, required=("qr", "size", "caption_role"), what="qr block"
        ):
            return None
        qr_node, size_node = node.get("qr"), node.get("size")
        role_node = node.get("caption_role")
        assert qr_node is not None
        assert size_node is not None
        assert role_node is not None
        size = read_length(size_node, diags)
        if not qr_node.is_list() or not qr_node.value:
            diags.error(
                "layout.type",
                "`qr` must list codes, each with `link` or `contact` and a `caption`",
                qr_node.location,
            )
            return None
        codes = []
        for entry in qr_node.value:
            if not entry.is_mapping():
                diags.error("layout.type", "each code must be a mapping", entry.location)
                return None
            merged = Node({**entry.value, "caption_role": role_node}, entry.location)
            code = read_qr(merged, roles, diags)
            if code is None:
                return None
            codes.append(code)
        if size is None:
            return None
        return FlowBlock("qr", node.location, qrs=tuple(codes), qr_size=size)
    if not check_keys_in_layout(
        node,
        diags,
        required=("text", "role"),
        optional=("bullets", "keep_with_next", "optional"),
        what="block",
    ):
        return None
    text_node, bullets_node = node.get("text"), node.get("bullets")
    keep_node, optional_node = node.get("keep_with_next"), node.get("optional")
    assert text_node is not None
    role = read_role_name(node.get("role"), roles, diags)
    if role is None:
        return None
    return FlowBlock(
        "text",
        node.location,
        text=TextBlock(
            str(text_node.value), role, bool(bullets_node.value) if bullets_node else False
        ),
        keep_with_next=bool(keep_node.value) if keep_node else False,
        optional=bool(optional_node.value) if optional_node else False,
    )
