"""Read a layout's pages and the slots on them: text, rectangles, rules, QR codes, charts, flows.

Input: the `pages` node, the page size, palette and roles. Output: `model.PageSpec`s whose
`model.SlotSpec`s have boxes in points from the trim box's top-left corner.
"""

from __future__ import annotations

from outreach.content.yamlfile import Node, type_name
from outreach.core.diagnostics import Diagnostics, Location, choice_hints
from outreach.core.layout_specs import Box, PageSpec, PanelSpec, SlotSpec, TextBlock, TypeRole
from outreach.core.model import Color
from outreach.layout.spec.charts import read_chart
from outreach.layout.spec.fields import (
    check_keys_in_layout,
    read_box,
    read_color_name,
    read_length,
    read_role_name,
)
from outreach.layout.spec.flows import read_flow_slot
from outreach.layout.spec.folds import Fold, panel_named, read_panels
from outreach.layout.spec.qr_codes import read_qr

SLOT_KINDS = ("text", "rect", "qr", "rule", "flow", "chart", "image")
ALIGNS = ("left", "center", "right")
EDGES = ("top", "bottom", "left", "right")


def read_pages(
    node: Node | None,
    width: float,
    height: float,
    palette: dict[str, Color],
    roles: dict[str, TypeRole],
    diags: Diagnostics,
    fold: Fold | None = None,
) -> tuple[PageSpec, ...]:
    """The pages and their slots; on a folded layout, also each side's panels and turn."""
    pages: list[PageSpec] = []
    if node is None or not node.is_list():
        if node is not None:
            diags.error("layout.type", "`pages` must be a list of pages", node.location)
        return ()
    for page_node in node.value:
        if not check_keys_in_layout(
            page_node,
            diags,
            required=("name", "slots"),
            optional=("background", "panels"),
            what="page",
        ):
            continue
        panels = read_panels(page_node, fold, width, diags)
        name_node, slots_node = page_node.get("name"), page_node.get("slots")
        background_node = page_node.get("background")
        assert name_node is not None and slots_node is not None
        background = None
        if background_node is not None:
            background = read_color_name(background_node, palette, diags)
        slots = []
        seen: set[str] = set()
        for slot_node in slots_node.value if slots_node.is_list() else ():
            slot = _slot(slot_node, width, height, palette, roles, diags, panels, fold)
            if slot is None:
                continue
            if slot.id in seen:
                diags.error(
                    "layout.duplicate-slot", f"slot id `{slot.id}` is used twice", slot.location
                )
                continue
            seen.add(slot.id)
            slots.append(slot)
        rotation = fold.rotation(len(pages)) if fold else 0
        pages.append(
            PageSpec(str(name_node.value), tuple(slots), background, tuple(panels), rotation)
        )
    return tuple(pages)


def _slot(
    node: Node,
    width: float,
    height: float,
    palette: dict[str, Color],
    roles: dict[str, TypeRole],
    diags: Diagnostics,
    panels: list[PanelSpec] | None = None,
    fold: Fold | None = None,
) -> SlotSpec | None:
    if not check_keys_in_layout(
        node,
        diags,
        required=("id", "kind"),
        optional=(
            "box",
            "text",
            "role",
            "blocks",
            "valign",
            "fill",
            "radius",
            "bleed",
            "contact",
            "link",
            "scheme",
            "caption",
            "caption_role",
            "error_correction",
            "max_lines",
            "stroke",
            "balance",
            "lang",
            "panel",
            "frames",
            "sections",
            "section_style",
            "title_role",
            "section_gap",
            "foot",
            "chart",
            "image",
            "align",
        ),
        what="slot",
    ):
        return None
    id_node, kind_node = node.get("id"), node.get("kind")
    assert id_node is not None and kind_node is not None
    slot_id = str(id_node.value)
    kind = kind_node.value
    if kind not in SLOT_KINDS:
        diags.error(
            "layout.bad-value",
            f"slot kind `{kind}` is unknown",
            kind_node.location,
            hints=choice_hints(str(kind), SLOT_KINDS),
        )
        return None
    location = Location(node.location.path, node.location.line, node.location.column, slot_id)
    if kind == "flow":
        return read_flow_slot(node, slot_id, location, height, roles, palette, diags, panels, fold)
    if node.get("box") is None:
        diags.error(
            "layout.missing-key",
            f"slot `{slot_id}` needs a `box`",
            location,
            hints=("add e.g. `box: [6%, 4%, 88%, 10%]`",),
        )
        return None
    panel_node = node.get("panel")
    panel = panel_named(panel_node, panels, diags) if panel_node is not None else None
    if panel_node is not None and panel is None:
        return None
    box = read_box(node.get("box"), panel.w if panel else width, height, diags)
    if box is None:
        return None
    if panel is not None:
        box = Box(panel.x + box.x, box.y, box.w, box.h)
    fill = None
    fill_node = node.get("fill")
    if fill_node is not None:
        fill = read_color_name(fill_node, palette, diags)
    radius_node = node.get("radius")
    radius = read_length(radius_node, diags) if radius_node else 0.0
    stroke_node = node.get("stroke")
    stroke = read_length(stroke_node, diags) if stroke_node else 0.0
    edges: tuple[str, ...] = ()
    bleed_node = node.get("bleed")
    if bleed_node is not None:
        plain = bleed_node.plain()
        if not isinstance(plain, list) or any(edge not in EDGES for edge in plain):
            diags.error(
                "layout.bad-value",
                "`bleed` must list edges: top, bottom, left, right",
                bleed_node.location,
            )
        else:
            edges = tuple(plain)
    valign_node = node.get("valign")
    valign = str(valign_node.value) if valign_node else "top"
    if valign not in ("top", "middle", "bottom"):
        diags.error(
            "layout.bad-value",
            f"valign `{valign}` must be top, middle or bottom",
            valign_node.location if valign_node else location,
        )
    blocks = _blocks(node, roles, diags) if kind == "text" else ()
    qr = read_qr(node, roles, diags) if kind == "qr" else None
    max_lines_node = node.get("max_lines")
    max_lines = max_lines_node.value if max_lines_node else None
    if max_lines is not None and (
        isinstance(max_lines, bool) or not isinstance(max_lines, int) or max_lines < 1
    ):
        assert max_lines_node is not None
        diags.error(
            "layout.type",
            f"`max_lines` must be a whole number of at least 1, got {type_name(max_lines)}",
            max_lines_node.location,
        )
        return None
    lang_node = node.get("lang")
    language = 0
    if lang_node is not None:
        if isinstance(lang_node.value, bool) or lang_node.value not in (0, 1, 2):
            diags.error(
                "layout.bad-value",
                "`lang` must be 0, 1 or 2 (the job's first, second or third language)",
                lang_node.location,
            )
        else:
            language = int(lang_node.value)
    balance_node = node.get("balance")
    balance = bool(balance_node.value) if balance_node else False
    chart = None
    if kind == "chart":
        chart_node = node.get("chart")
        if chart_node is None:
            diags.error("layout.missing-key", f"chart slot `{slot_id}` needs `chart`", location)
            return None
        chart = read_chart(chart_node, roles, palette, diags, in_flow=False)
        if chart is None:
            return None
    image, align = _image(node, slot_id, location, diags) if kind == "image" else (None, "center")
    if kind == "image" and image is None:
        return None
    if kind == "rect" and fill is None:
        diags.error("layout.missing-key", f"rect slot `{slot_id}` needs `fill`", location)
    return SlotSpec(
        id=slot_id,
        kind=str(kind),
        box=box,
        location=location,
        blocks=blocks,
        valign=valign,
        fill=fill,
        radius=radius or 0.0,
        bleed_edges=edges,
        qr=qr,
        max_lines=max_lines,
        stroke_width=stroke or 0.0,
        balance=balance,
        language=language,
        panel=panel.name if panel else None,
        chart=chart,
        image=image,
        align=align,
    )


def _image(
    node: Node, slot_id: str, location: Location, diags: Diagnostics
) -> tuple[str | None, str]:
    """An image slot's picture (`logo` or a key of the pack's `images:`) and alignment."""
    image_node, align_node = node.get("image"), node.get("align")
    if image_node is None or not isinstance(image_node.value, str):
        diags.error(
            "layout.missing-key",
            f"image slot `{slot_id}` needs `image`",
            image_node.location if image_node else location,
            hints=(
                "write `image: logo` (the organization's logo) or a key of the pack's `images`",
            ),
        )
        return None, "center"
    align = str(align_node.value) if align_node else "center"
    if align not in ALIGNS:
        assert align_node is not None
        diags.error(
            "layout.bad-value",
            f"align `{align}` must be left, center or right",
            align_node.location,
            hints=choice_hints(align, ALIGNS),
        )
        align = "center"
    return image_node.value, align


def _blocks(node: Node, roles: dict[str, TypeRole], diags: Diagnostics) -> tuple[TextBlock, ...]:
    text_node, blocks_node = node.get("text"), node.get("blocks")
    if text_node is not None:
        role = read_role_name(node.get("role"), roles, diags)
        if node.get("role") is None:
            diags.error(
                "layout.missing-key", "a text slot with `text` needs a `role`", node.location
            )
        return (TextBlock(str(text_node.value), role),) if role else ()
    if blocks_node is None or not blocks_node.is_list():
        diags.error(
            "layout.missing-key",
            "a text slot needs `text` and `role`, or `blocks`",
            node.location,
            hints=("add e.g. `text: poster.headline` and `role: headline`",),
        )
        return ()
    blocks = []
    for block in blocks_node.value:
        if not check_keys_in_layout(
            block, diags, required=("text", "role"), optional=("bullets",), what="block"
        ):
            continue
        role = read_role_name(block.get("role"), roles, diags)
        bullets_node = block.get("bullets")
        text_node = block.get("text")
        assert text_node is not None
        if role:
            blocks.append(
                TextBlock(
                    str(text_node.value), role, bool(bullets_node.value) if bullets_node else False
                )
            )
    return tuple(blocks)
