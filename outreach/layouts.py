"""Load layout files: `layouts/<material>.yaml` and `layouts/profiles.yaml`.

Input: YAML layout definitions (lengths as "3mm", "0.125in", "9pt" or "8%" of the page).
Output: `model.LayoutSpec` for one page size, all in points, and `model.Profile`s.
Problems become diagnostics with file:line:col; nothing is raised for a user's mistake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from outreach.diagnostics import Diagnostics, Location, choice_hints
from outreach.model import (
    Box,
    ChartEntry,
    ChartSpec,
    Color,
    FlowBlock,
    FlowSection,
    LayoutSpec,
    PageSpec,
    PanelSpec,
    Profile,
    QrSpec,
    SlotSpec,
    TextBlock,
    TypeRole,
)
from outreach.resources import display_path
from outreach.units import LengthError, Relative, parse_length, to_mm
from outreach.yamlfile import Node, check_keys, load_yaml, type_name

SLOT_KINDS = ("text", "rect", "qr", "rule", "flow", "chart")
MIN_TYPE, MAX_TYPE = 2.0, 400.0  # points: anything outside is a typo, not a design
EDGES = ("top", "bottom", "left", "right")
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def layout_file(layouts_dir: Path, material: str) -> Path:
    """Where a material's layout lives."""
    return layouts_dir / f"{material}.yaml"


def available_materials(layouts_dir: Path) -> list[str]:
    """Materials that have a layout file (profiles.yaml aside)."""
    return sorted(p.stem for p in layouts_dir.glob("*.yaml") if p.stem != "profiles")


def layout_sizes(file: Path, root: Path, diags: Diagnostics) -> tuple[list[str], str] | None:
    """The page sizes a layout offers and its default, for planning and `--size` checks."""
    node = load_yaml(file, display_path(file, root), diags)
    if node is None or not node.is_mapping():
        return None
    sizes_node, default_node = node.get("sizes"), node.get("default_size")
    if sizes_node is None or not sizes_node.is_mapping() or default_node is None:
        return None
    return list(sizes_node.value), str(default_node.value)


def load_layout(file: Path, root: Path, size: str | None, diags: Diagnostics) -> LayoutSpec | None:
    """Load a layout and resolve it for one page size (None: the layout's default size)."""
    path = display_path(file, root)
    node = load_yaml(file, path, diags)
    if node is None:
        return None
    before = diags.error_count
    if not check_keys_in_layout(
        node,
        diags,
        required=("material", "sizes", "default_size", "safe", "palette", "roles", "pages"),
        # `card` and `sheets` belong to wallet cards and are read by outreach/sheets.py;
        # `panels`, `panel_margin`, `duplex` and `fold_marks` describe folded pieces.
        optional=(
            "reference_size",
            "min_qr_module",
            "notes",
            "card",
            "sheets",
            "panels",
            "panel_margin",
            "duplex",
            "fold_marks",
            "languages",
        ),
        what=path,
    ):
        return None
    sizes = _sizes(node.get("sizes"), diags)
    default_node = node.get("default_size")
    assert default_node is not None
    chosen = size or str(default_node.value)
    if chosen not in sizes:
        diags.error(
            "layout.unknown-size",
            f"size `{chosen}` is not offered by {path}",
            default_node.location if size is None else Location(path),
            hints=choice_hints(chosen, sizes),
        )
        return None
    width, height = sizes[chosen]
    reference_node = node.get("reference_size")
    reference = str(reference_node.value) if reference_node else chosen
    ref_w, ref_h = sizes.get(reference, (width, height))
    scale = min(width / ref_w, height / ref_h)
    palette = _palette(node.get("palette"), diags)
    roles = _roles(node.get("roles"), palette, scale, diags)
    safe = read_length(node.get("safe"), diags)
    min_module_node = node.get("min_qr_module")
    min_module = read_length(min_module_node, diags) if min_module_node else 0.4 * 72 / 25.4
    fold = _fold(node, chosen, width, height, diags)
    pages = _pages(node.get("pages"), width, height, palette, roles, diags, fold)
    pages_node = node.get("pages")
    if not pages and pages_node is not None:
        diags.error(
            "layout.bad-value",
            "a layout needs at least one page",
            pages_node.location,
            hints=("add a page under `pages:` with a `name` and its `slots`",),
        )
    if fold is not None:
        _check_backing(pages, node.get("pages"), diags)
    material_node = node.get("material")
    assert material_node is not None
    if diags.error_count > before or safe is None or min_module is None:
        return None
    return LayoutSpec(
        material=str(material_node.value),
        path=path,
        size_name=chosen,
        width=width,
        height=height,
        safe=safe,
        min_qr_module=min_module,
        palette=palette,
        roles=roles,
        pages=pages,
        panel_margin=fold.margin if fold else 0.0,
        duplex=fold.duplex if fold else None,
        fold_marks=fold.marks if fold else False,
        languages=_language_count(node.get("languages"), diags),
    )


def _language_count(node: Node | None, diags: Diagnostics) -> int:
    """`languages: 2` on a bilingual layout; one language when absent."""
    if node is None:
        return 1
    if isinstance(node.value, bool) or node.value not in (1, 2, 3):
        diags.error("layout.bad-value", "`languages` must be 1, 2 or 3", node.location)
        return 1
    return int(node.value)


def load_profiles(file: Path, root: Path, diags: Diagnostics) -> dict[str, Profile]:
    """Read the office and press profiles."""
    path = display_path(file, root)
    node = load_yaml(file, path, diags)
    profiles: dict[str, Profile] = {}
    if node is None or not check_keys_in_layout(
        node, diags, optional=tuple(node.value or ()), what=path
    ):
        return profiles
    for name, entry in node.value.items():
        if not check_keys_in_layout(
            entry,
            diags,
            required=("bleed", "slug", "crop_marks", "color_space", "min_margin"),
            optional=("min_line_width", "notes"),
            what=f"profile `{name}`",
        ):
            continue
        bleed = read_length(entry.get("bleed"), diags)
        slug = read_length(entry.get("slug"), diags)
        margin = read_length(entry.get("min_margin"), diags)
        line_node = entry.get("min_line_width")
        min_line = read_length(line_node, diags) if line_node else 0.25
        space_node, marks_node = entry.get("color_space"), entry.get("crop_marks")
        assert space_node is not None and marks_node is not None
        if space_node.value not in ("rgb", "cmyk"):
            diags.error(
                "layout.bad-value",
                f"color_space `{space_node.value}` must be `rgb` or `cmyk`",
                space_node.location,
            )
            continue
        if not isinstance(marks_node.value, bool):
            diags.error("layout.type", "`crop_marks` must be true or false", marks_node.location)
            continue
        if bleed is None or slug is None or margin is None or min_line is None:
            continue
        profiles[name] = Profile(
            name=name,
            bleed=bleed,
            slug=slug,
            crop_marks=marks_node.value,
            color_space=str(space_node.value),
            min_margin=margin,
            min_line_width=min_line,
        )
    return profiles


# --- readers ------------------------------------------------------------------------------


def check_keys_in_layout(node: Node, diags: Diagnostics, **kwargs: object) -> bool:
    """`check_keys` with `layout.*` codes, so a layout mistake is not called a content one."""
    return check_keys(node, diags, area="layout", **kwargs)  # type: ignore[arg-type]


def read_length(node: Node | None, diags: Diagnostics) -> float | None:
    """An absolute length (`3mm`, `0.125in`, `9pt`) in points, or a `layout.bad-length`."""
    if node is None:
        return None
    try:
        value = parse_length(node.value)
    except LengthError as exc:
        diags.error(
            "layout.bad-length",
            str(exc),
            node.location,
            hints=("write a length such as `3mm`, `0.125in` or `9pt`",),
        )
        return None
    assert isinstance(value, float)
    return value


def _sizes(node: Node | None, diags: Diagnostics) -> dict[str, tuple[float, float]]:
    sizes: dict[str, tuple[float, float]] = {}
    if node is None or not node.is_mapping():
        if node is not None:
            diags.error(
                "layout.type", "`sizes` must map size names to [width, height]", node.location
            )
        return sizes
    for name, entry in node.value.items():
        if not entry.is_list() or len(entry.value) != 2:
            diags.error(
                "layout.type",
                f"size `{name}` must be [width, height], got {type_name(entry.value)}",
                entry.location,
                hints=("write e.g. `letter: [8.5in, 11in]`",),
            )
            continue
        width, height = (read_length(v, diags) for v in entry.value)
        if width and height:
            sizes[name] = (width, height)
    return sizes


def _palette(node: Node | None, diags: Diagnostics) -> dict[str, Color]:
    palette: dict[str, Color] = {}
    if node is None or not check_keys_in_layout(
        node, diags, optional=tuple(node.value or ()), what="palette"
    ):
        return palette
    for name, entry in node.value.items():
        if not check_keys_in_layout(
            entry, diags, required=("rgb", "cmyk"), what=f"colour `{name}`"
        ):
            continue
        rgb_node, cmyk_node = entry.get("rgb"), entry.get("cmyk")
        assert rgb_node is not None and cmyk_node is not None
        if not isinstance(rgb_node.value, str) or not _HEX.match(rgb_node.value):
            diags.error(
                "layout.bad-color",
                f"`{rgb_node.key}` must be a hex colour like `#1d3557`",
                rgb_node.location,
            )
            continue
        cmyk = cmyk_node.plain()
        if not (
            isinstance(cmyk, list)
            and len(cmyk) == 4
            and all(
                isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 100
                for v in cmyk
            )
        ):
            diags.error(
                "layout.bad-color",
                f"`{cmyk_node.key}` must be four percentages [c, m, y, k]",
                cmyk_node.location,
                hints=("write e.g. `cmyk: [0, 0, 0, 100]` for pure black",),
            )
            continue
        hex_value = rgb_node.value
        rgb = tuple(int(hex_value[i : i + 2], 16) / 255.0 for i in (1, 3, 5))
        palette[name] = Color(name, rgb, tuple(v / 100.0 for v in cmyk))  # type: ignore[arg-type]
    return palette


def _roles(
    node: Node | None, palette: dict[str, Color], scale: float, diags: Diagnostics
) -> dict[str, TypeRole]:
    roles: dict[str, TypeRole] = {}
    if node is None or not check_keys_in_layout(
        node, diags, optional=tuple(node.value or ()), what="roles"
    ):
        return roles
    for name, entry in node.value.items():
        if not check_keys_in_layout(
            entry,
            diags,
            required=("weight", "size", "min_size", "leading", "color"),
            optional=("space_after", "align"),
            what=f"role `{name}`",
        ):
            continue
        size = read_length(entry.get("size"), diags)
        min_size = read_length(entry.get("min_size"), diags)
        weight_node, color_node = entry.get("weight"), entry.get("color")
        leading_node, align_node = entry.get("leading"), entry.get("align")
        space_node = entry.get("space_after")
        assert weight_node and color_node and leading_node
        ok = size is not None and min_size is not None
        if weight_node.value not in ("regular", "bold"):
            diags.error(
                "layout.bad-value",
                f"weight `{weight_node.value}` must be regular or bold",
                weight_node.location,
            )
            ok = False
        if not isinstance(color_node.value, str) or color_node.value not in palette:
            diags.error(
                "layout.unknown-color",
                f"unknown colour `{color_node.value}`",
                color_node.location,
                hints=choice_hints(str(color_node.value), palette),
            )
            ok = False
        align = str(align_node.value) if align_node else "left"
        if align not in ("left", "center", "right"):
            diags.error(
                "layout.bad-value",
                f"align `{align}` must be left, center or right",
                align_node.location if align_node else entry.location,
            )
            ok = False
        leading = leading_node.value
        space_after = space_node.value if space_node else 0.0
        for value_node, value in ((leading_node, leading), (space_node, space_after)):
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                diags.error(
                    "layout.type",
                    "expected a non-negative number (a multiple of the size)",
                    value_node.location if value_node else entry.location,
                )
                ok = False
        if not ok or size is None or min_size is None:
            continue
        if not MIN_TYPE <= min_size <= size <= MAX_TYPE or not 0.5 <= float(leading) <= 4:
            diags.error(
                "layout.bad-value",
                f"role `{name}`: sizes must satisfy {MIN_TYPE:g}pt <= min_size <= size <= "
                f"{MAX_TYPE:g}pt and leading must be 0.5-4",
                entry.location,
                hints=("check `size`, `min_size` and `leading`",),
            )
            continue
        roles[name] = TypeRole(
            name=name,
            weight=str(weight_node.value),
            size=round(size * scale, 2),
            min_size=round(min_size * scale, 2),
            leading=float(leading),
            color=str(color_node.value),
            space_after=float(space_after),
            align=align,
        )
    return roles


def _box(node: Node | None, width: float, height: float, diags: Diagnostics) -> Box | None:
    if node is None or not node.is_list() or len(node.value) != 4:
        if node is not None:
            diags.error(
                "layout.type",
                "`box` must be [x, y, width, height]",
                node.location,
                hints=("write e.g. `box: [6%, 4%, 88%, 10%]` or lengths like `12mm`",),
            )
        return None
    values = []
    for index, part in enumerate(node.value):
        try:
            value = parse_length(part.value, allow_relative=True)
        except LengthError as exc:
            diags.error("layout.bad-length", str(exc), part.location)
            return None
        reference = width if index in (0, 2) else height
        values.append(value.of(reference) if isinstance(value, Relative) else value)
    if values[2] < 0 or values[3] < 0 or max(abs(v) for v in values) > 10 * max(width, height):
        diags.error(
            "layout.bad-box",
            "a box needs a non-negative width and height on the page",
            node.location,
            hints=("write `box: [x, y, width, height]`",),
        )
        return None
    return Box(*values)


def _pages(
    node: Node | None,
    width: float,
    height: float,
    palette: dict[str, Color],
    roles: dict[str, TypeRole],
    diags: Diagnostics,
    fold: _Fold | None = None,
) -> tuple[PageSpec, ...]:
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
        panels = _panels(page_node, fold, width, diags)
        name_node, slots_node = page_node.get("name"), page_node.get("slots")
        background_node = page_node.get("background")
        assert name_node is not None and slots_node is not None
        background = None
        if background_node is not None:
            background = _color_name(background_node, palette, diags)
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


def _color_name(node: Node, palette: dict[str, Color], diags: Diagnostics) -> str | None:
    if not isinstance(node.value, str) or node.value not in palette:
        diags.error(
            "layout.unknown-color",
            f"unknown colour `{node.value}`",
            node.location,
            hints=choice_hints(str(node.value), palette),
        )
        return None
    return str(node.value)


def _slot(
    node: Node,
    width: float,
    height: float,
    palette: dict[str, Color],
    roles: dict[str, TypeRole],
    diags: Diagnostics,
    panels: list[PanelSpec] | None = None,
    fold: _Fold | None = None,
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
            "title_role",
            "section_gap",
            "chart",
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
        return _flow_slot(node, slot_id, location, height, roles, palette, diags, panels, fold)
    if node.get("box") is None:
        diags.error(
            "layout.missing-key",
            f"slot `{slot_id}` needs a `box`",
            location,
            hints=("add e.g. `box: [6%, 4%, 88%, 10%]`",),
        )
        return None
    panel_node = node.get("panel")
    panel = _panel_named(panel_node, panels, diags) if panel_node is not None else None
    if panel_node is not None and panel is None:
        return None
    box = _box(node.get("box"), panel.w if panel else width, height, diags)
    if box is None:
        return None
    if panel is not None:
        box = Box(panel.x + box.x, box.y, box.w, box.h)
    fill = None
    fill_node = node.get("fill")
    if fill_node is not None:
        fill = _color_name(fill_node, palette, diags)
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
    qr = _qr(node, roles, diags) if kind == "qr" else None
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
        chart = _chart(chart_node, roles, palette, diags, in_flow=False)
        if chart is None:
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
    )


def _role_name(node: Node | None, roles: dict[str, TypeRole], diags: Diagnostics) -> str | None:
    if node is None:
        return None
    if not isinstance(node.value, str) or node.value not in roles:
        diags.error(
            "layout.unknown-role",
            f"unknown type role `{node.value}`",
            node.location,
            hints=choice_hints(str(node.value), roles),
        )
        return None
    return str(node.value)


def _blocks(node: Node, roles: dict[str, TypeRole], diags: Diagnostics) -> tuple[TextBlock, ...]:
    text_node, blocks_node = node.get("text"), node.get("blocks")
    if text_node is not None:
        role = _role_name(node.get("role"), roles, diags)
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
        role = _role_name(block.get("role"), roles, diags)
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


def _qr(node: Node, roles: dict[str, TypeRole], diags: Diagnostics) -> QrSpec | None:
    contact_node, link_node = node.get("contact"), node.get("link")
    scheme_node = node.get("scheme")
    if (contact_node is None) == (link_node is None):
        diags.error(
            "layout.bad-qr", "a qr slot needs exactly one of `contact` or `link`", node.location
        )
        return None
    scheme = str(scheme_node.value) if scheme_node else ("tel" if contact_node else "https")
    allowed = ("tel", "sms") if contact_node else ("https",)
    if scheme not in allowed:
        diags.error(
            "layout.bad-qr",
            f"scheme `{scheme}` does not fit this qr slot",
            scheme_node.location if scheme_node else node.location,
            hints=(f"use one of: {', '.join(allowed)}",),
        )
        return None
    ecc_node = node.get("error_correction")
    ecc = str(ecc_node.value) if ecc_node else "M"
    if ecc not in ("L", "M", "Q", "H"):
        diags.error(
            "layout.bad-qr",
            f"error_correction `{ecc}` must be L, M, Q or H",
            ecc_node.location if ecc_node else node.location,
        )
        return None
    caption_node = node.get("caption")
    caption_role = _role_name(node.get("caption_role"), roles, diags) or ""
    if caption_node is not None and not caption_role:
        diags.error("layout.missing-key", "a qr caption needs a `caption_role`", node.location)
    return QrSpec(
        contact=str(contact_node.value) if contact_node else None,
        link=str(link_node.value) if link_node else None,
        scheme=scheme,
        caption_key=str(caption_node.value) if caption_node else None,
        caption_role=caption_role,
        error_correction=ecc,
    )


# --- folded materials: panels, flows and charts (issue 4) ---------------------------------

CHART_TYPES = ("bars", "waffles", "pattern")
DUPLEX_MODES = ("long-edge", "short-edge")


@dataclass(frozen=True, slots=True)
class _Fold:
    """Panel widths and folding settings of a folded layout, resolved for one size."""

    widths: dict[str, float]  # "wide" and "narrow", in points
    margin: float
    duplex: str | None
    marks: bool
    landscape: bool

    def rotation(self, index: int) -> int:
        """How far side `index` is turned in the file so that it backs up when duplexed.

        Turning a sheet over on its long edge keeps a portrait page's head at the top but
        puts a landscape page's head at the bottom; the short edge does the opposite. So
        the back of a landscape sheet duplexed on the long edge is drawn turned 180 degrees.
        """
        if index % 2 == 0 or self.duplex is None:
            return 0
        return 180 if (self.duplex == "long-edge") == self.landscape else 0


def _fold(node: Node, size: str, width: float, height: float, diags: Diagnostics) -> _Fold | None:
    """The panel widths for `size` and the folding settings, or None for a flat material."""
    panels_node = node.get("panels")
    if panels_node is None:
        for key in ("panel_margin", "duplex", "fold_marks"):
            if node.get(key) is not None:
                diags.error(
                    "layout.missing-key",
                    f"`{key}` is only for folded layouts, and this one has no `panels`",
                    node.location,
                    hints=("add `panels:` with the panel widths of each size",),
                )
        return None
    if not panels_node.is_mapping():
        diags.error(
            "layout.type",
            "`panels` must map each size to its panel widths",
            panels_node.location,
            hints=("write e.g. `letter: {wide: 3.6875in, narrow: 3.625in}`",),
        )
        return None
    entry = panels_node.get(size)
    if entry is None:
        diags.error(
            "layout.missing-key",
            f"size `{size}` has no panel widths in `panels`",
            panels_node.location,
            hints=(f"add `{size}: {{wide: ..., narrow: ...}}` under `panels`",),
        )
        return None
    if not check_keys_in_layout(
        entry, diags, required=("wide", "narrow"), what=f"panel widths of `{size}`"
    ):
        return None
    wide, narrow = read_length(entry.get("wide"), diags), read_length(entry.get("narrow"), diags)
    margin_node, duplex_node = node.get("panel_margin"), node.get("duplex")
    margin = read_length(margin_node, diags) if margin_node else 0.0
    duplex = str(duplex_node.value) if duplex_node else None
    if duplex is not None and duplex not in DUPLEX_MODES:
        assert duplex_node is not None
        diags.error(
            "layout.bad-value",
            f"duplex `{duplex}` must be `long-edge` or `short-edge`",
            duplex_node.location,
            hints=choice_hints(duplex, DUPLEX_MODES),
        )
        return None
    marks_node = node.get("fold_marks")
    if marks_node is not None and not isinstance(marks_node.value, bool):
        diags.error("layout.type", "`fold_marks` must be true or false", marks_node.location)
        return None
    if wide is None or narrow is None or margin is None:
        return None
    return _Fold(
        widths={"wide": wide, "narrow": narrow},
        margin=margin,
        duplex=duplex,
        marks=bool(marks_node.value) if marks_node else False,
        landscape=width > height,
    )


def _panels(
    page_node: Node, fold: _Fold | None, width: float, diags: Diagnostics
) -> list[PanelSpec]:
    """A side's panels, left to right, from `{name: wide|narrow}`; they must fill the page."""
    node = page_node.get("panels")
    if node is None:
        return []
    if fold is None:
        diags.error(
            "layout.missing-key",
            "a page with `panels` needs the layout's `panels` widths",
            node.location,
            hints=("add `panels:` at the top of the layout with the widths of each size",),
        )
        return []
    if not node.is_mapping() or not node.value:
        diags.error(
            "layout.type",
            "`panels` of a page must map panel names to `wide` or `narrow`, left to right",
            node.location,
            hints=("write e.g. `panels: {flap: narrow, back: wide, front: wide}`",),
        )
        return []
    panels: list[PanelSpec] = []
    x = 0.0
    for name, kind_node in node.value.items():
        kind = str(kind_node.value)
        if kind not in fold.widths:
            diags.error(
                "layout.bad-value",
                f"panel `{name}` must be `wide` or `narrow`, got `{kind}`",
                kind_node.location,
                hints=choice_hints(kind, fold.widths),
            )
            return []
        panels.append(PanelSpec(str(name), x, fold.widths[kind]))
        x += fold.widths[kind]
    if abs(x - width) > 0.01:
        diags.error(
            "layout.bad-panels",
            f"the panels of this page add up to {to_mm(x):.2f} mm, but the page is "
            f"{to_mm(width):.2f} mm wide",
            node.location,
            hints=("make the panel widths of this size add up to the page width",),
        )
        return []
    return panels


def _check_backing(
    pages: tuple[PageSpec, ...], pages_node: Node | None, diags: Diagnostics
) -> None:
    """Each panel of a back side must be as wide as the front panel it is printed behind.

    Turned over, a sheet's left edge becomes its right, so the inside is the outside's
    mirror: the panel behind the outside's leftmost panel is the inside's rightmost one.
    """
    if pages_node is None or not pages_node.is_list() or len(pages_node.value) != len(pages):
        return
    for index in range(0, len(pages) - 1, 2):
        front, back = pages[index], pages[index + 1]
        if not front.panels or not back.panels:
            continue
        panels_node = pages_node.value[index + 1].get("panels")
        location = panels_node.location if panels_node else pages_node.location
        behind = list(reversed(front.panels))
        if len(behind) != len(back.panels):
            diags.error(
                "layout.bad-panels",
                f"page `{back.name}` has {len(back.panels)} panels, page `{front.name}` has "
                f"{len(front.panels)}",
                location,
            )
            continue
        for inner, outer in zip(back.panels, behind, strict=True):
            if abs(inner.w - outer.w) > 0.01:
                diags.error(
                    "layout.bad-panels",
                    f"panel `{inner.name}` ({to_mm(inner.w):.2f} mm) is printed behind panel "
                    f"`{outer.name}` ({to_mm(outer.w):.2f} mm); the sides would not fold "
                    "together",
                    location,
                    hints=(
                        f"list page `{back.name}`'s panels as the mirror of page "
                        f"`{front.name}`'s: the narrow fold-in panel is at the other end",
                    ),
                )
                break


def _panel_named(
    node: Node, panels: list[PanelSpec] | None, diags: Diagnostics
) -> PanelSpec | None:
    names = {panel.name: panel for panel in panels or ()}
    found = names.get(str(node.value))
    if found is None:
        diags.error(
            "layout.unknown-panel",
            f"unknown panel `{node.value}`" + ("" if names else "; this page has no `panels`"),
            node.location,
            hints=choice_hints(str(node.value), names) if names else (),
        )
    return found


def _flow_slot(
    node: Node,
    slot_id: str,
    location: Location,
    height: float,
    roles: dict[str, TypeRole],
    palette: dict[str, Color],
    diags: Diagnostics,
    panels: list[PanelSpec] | None,
    fold: _Fold | None,
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
    if sections_node is None or not sections_node.is_list() or not sections_node.value:
        diags.error(
            "layout.missing-key",
            f"flow slot `{slot_id}` needs `sections`",
            location,
            hints=("add a list of sections with `id`, `title` and `blocks`",),
        )
        return None
    margin = fold.margin if fold else 0.0
    frames: list[Box] = []
    names: list[str] = []
    for frame_node in frames_node.value:
        panel = _panel_named(frame_node, panels, diags)
        if panel is None:
            return None
        frames.append(Box(panel.x + margin, margin, panel.w - 2 * margin, height - 2 * margin))
        names.append(panel.name)
    title_role = (
        _role_name(node.get("title_role"), roles, diags) if node.get("title_role") else "heading"
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
    sections = _sections(sections_node, roles, palette, diags)
    if gap is None or sections is None:
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
        chart = _chart(chart_node, roles, palette, diags, in_flow=True)
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
            code = _qr(merged, roles, diags)
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
        optional=("bullets", "keep_with_next"),
        what="block",
    ):
        return None
    text_node, bullets_node = node.get("text"), node.get("bullets")
    keep_node = node.get("keep_with_next")
    assert text_node is not None
    role = _role_name(node.get("role"), roles, diags)
    if role is None:
        return None
    return FlowBlock(
        "text",
        node.location,
        text=TextBlock(
            str(text_node.value), role, bool(bullets_node.value) if bullets_node else False
        ),
        keep_with_next=bool(keep_node.value) if keep_node else False,
    )


def _chart(
    node: Node,
    roles: dict[str, TypeRole],
    palette: dict[str, Color],
    diags: Diagnostics,
    *,
    in_flow: bool,
) -> ChartSpec | None:
    """A chart: its type, the statistics and labels it draws, and its roles and colours."""
    if not check_keys_in_layout(
        node,
        diags,
        required=("type", "height") if in_flow else ("type",),
        optional=(
            "entries",
            "headline",
            "source",
            "label_role",
            "value_role",
            "number_role",
            "source_role",
            "color",
            "track",
            "colors",
            "accent",
            "rows",
            "columns",
        ),
        what="chart",
    ):
        return None
    before = diags.error_count
    type_node = node.get("type")
    assert type_node is not None
    chart_type = str(type_node.value)
    if chart_type not in CHART_TYPES:
        diags.error(
            "layout.bad-value",
            f"chart type `{chart_type}` is unknown",
            type_node.location,
            hints=choice_hints(chart_type, CHART_TYPES),
        )
        return None
    height_node = node.get("height")
    height = read_length(height_node, diags) if height_node else 0.0
    entries: list[ChartEntry] = []
    entries_node = node.get("entries")
    if chart_type != "pattern":
        if entries_node is None or not entries_node.is_list() or not entries_node.value:
            diags.error(
                "layout.missing-key",
                f"a `{chart_type}` chart needs `entries`, each with `stat` and `label`",
                node.location,
                hints=("add e.g. `entries: [{stat: runaway_history, label: ...}]`",),
            )
            return None
        for entry_node in entries_node.value:
            entry = _chart_entry(entry_node, diags)
            if entry is not None:
                entries.append(entry)
    headline_node = node.get("headline")
    headline = _chart_entry(headline_node, diags) if headline_node else None
    source_node = node.get("source")
    names: dict[str, str] = {}
    for key, default in (
        ("label_role", "chart_label"),
        ("value_role", "chart_value"),
        ("number_role", "chart_number"),
        ("source_role", "source"),
    ):
        role_node = node.get(key)
        needed = (
            chart_type != "pattern"
            and (key != "number_role" or headline is not None)
            and (key != "source_role" or source_node is not None)
        )
        if role_node is not None:
            names[key] = _role_name(role_node, roles, diags) or default
        else:
            names[key] = default
            if needed and default not in roles:
                diags.error(
                    "layout.unknown-role",
                    f"a `{chart_type}` chart sets text in role `{default}`, which is not defined",
                    node.location,
                    hints=(f"define a `{default}` role, or set `{key}`",),
                )
    colors: dict[str, str | None] = {}
    for key, default_color in (("color", "teal"), ("track", "tint"), ("accent", None)):
        color_node = node.get(key)
        if color_node is not None:
            colors[key] = _color_name(color_node, palette, diags)
        elif (
            default_color is not None and chart_type != "pattern" and default_color not in (palette)
        ):
            diags.error(
                "layout.unknown-color",
                f"a `{chart_type}` chart uses colour `{default_color}`, which is not defined",
                node.location,
                hints=(f"define `{default_color}` in the palette, or set `{key}`",),
            )
        else:
            colors[key] = default_color
    pattern_colors: tuple[str, ...] = ()
    rows = columns = 0
    if chart_type == "pattern":
        colors_node = node.get("colors")
        plain = colors_node.plain() if colors_node else None
        if not isinstance(plain, list) or not plain:
            diags.error(
                "layout.missing-key",
                "a `pattern` chart needs `colors`: a list of palette colours",
                node.location,
            )
        else:
            assert colors_node is not None
            for name in plain:
                if not isinstance(name, str) or name not in palette:
                    diags.error(
                        "layout.unknown-color",
                        f"unknown colour `{name}`",
                        colors_node.location,
                        hints=choice_hints(str(name), palette),
                    )
            pattern_colors = tuple(str(name) for name in plain)
        for key in ("rows", "columns"):
            count_node = node.get(key)
            count = count_node.value if count_node else None
            if isinstance(count, bool) or not isinstance(count, int) or count < 1:
                diags.error(
                    "layout.type",
                    f"a `pattern` chart needs `{key}`: a whole number of at least 1",
                    count_node.location if count_node else node.location,
                )
            elif key == "rows":
                rows = count
            else:
                columns = count
    if diags.error_count > before or height is None:
        return None
    return ChartSpec(
        type=chart_type,
        location=node.location,
        entries=tuple(entries),
        headline=headline,
        source_key=str(source_node.value) if source_node else None,
        height=height,
        label_role=names["label_role"],
        value_role=names["value_role"],
        number_role=names["number_role"],
        source_role=names["source_role"],
        color=colors.get("color") or "teal",
        track=colors.get("track") or "tint",
        colors=pattern_colors,
        accent=colors.get("accent"),
        rows=rows,
        columns=columns,
    )


def _chart_entry(node: Node, diags: Diagnostics) -> ChartEntry | None:
    if not check_keys_in_layout(node, diags, required=("stat", "label"), what="chart entry"):
        return None
    stat_node, label_node = node.get("stat"), node.get("label")
    assert stat_node is not None
    assert label_node is not None
    return ChartEntry(str(stat_node.value), str(label_node.value), node.location)
