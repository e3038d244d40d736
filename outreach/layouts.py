"""Load layout files: `layouts/<material>.yaml` and `layouts/profiles.yaml`.

Input: YAML layout definitions (lengths as "3mm", "0.125in", "9pt" or "8%" of the page).
Output: `model.LayoutSpec` for one page size, all in points, and `model.Profile`s.
Problems become diagnostics with file:line:col; nothing is raised for a user's mistake.
"""

from __future__ import annotations

import re
from pathlib import Path

from outreach.diagnostics import Diagnostics, Location, choice_hints
from outreach.model import (
    Box,
    Color,
    LayoutSpec,
    PageSpec,
    Profile,
    QrSpec,
    SlotSpec,
    TextBlock,
    TypeRole,
)
from outreach.resources import display_path
from outreach.units import LengthError, Relative, parse_length
from outreach.yamlfile import Node, check_keys, load_yaml, type_name

SLOT_KINDS = ("text", "rect", "qr", "rule")
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
        # `card` and `sheets` belong to wallet cards and are read by outreach/sheets.py
        optional=("reference_size", "min_qr_module", "notes", "card", "sheets"),
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
    safe = _absolute(node.get("safe"), diags)
    min_module_node = node.get("min_qr_module")
    min_module = _absolute(min_module_node, diags) if min_module_node else 0.4 * 72 / 25.4
    pages = _pages(node.get("pages"), width, height, palette, roles, diags)
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
    )


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
        bleed = _absolute(entry.get("bleed"), diags)
        slug = _absolute(entry.get("slug"), diags)
        margin = _absolute(entry.get("min_margin"), diags)
        line_node = entry.get("min_line_width")
        min_line = _absolute(line_node, diags) if line_node else 0.25
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


def _absolute(node: Node | None, diags: Diagnostics) -> float | None:
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
        width, height = (_absolute(v, diags) for v in entry.value)
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
        size = _absolute(entry.get("size"), diags)
        min_size = _absolute(entry.get("min_size"), diags)
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
) -> tuple[PageSpec, ...]:
    pages: list[PageSpec] = []
    if node is None or not node.is_list():
        if node is not None:
            diags.error("layout.type", "`pages` must be a list of pages", node.location)
        return ()
    for page_node in node.value:
        if not check_keys_in_layout(
            page_node, diags, required=("name", "slots"), optional=("background",), what="page"
        ):
            continue
        name_node, slots_node = page_node.get("name"), page_node.get("slots")
        background_node = page_node.get("background")
        assert name_node is not None and slots_node is not None
        background = None
        if background_node is not None:
            background = _color_name(background_node, palette, diags)
        slots = []
        seen: set[str] = set()
        for slot_node in slots_node.value if slots_node.is_list() else ():
            slot = _slot(slot_node, width, height, palette, roles, diags)
            if slot is None:
                continue
            if slot.id in seen:
                diags.error(
                    "layout.duplicate-slot", f"slot id `{slot.id}` is used twice", slot.location
                )
                continue
            seen.add(slot.id)
            slots.append(slot)
        pages.append(PageSpec(str(name_node.value), tuple(slots), background))
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
) -> SlotSpec | None:
    if not check_keys_in_layout(
        node,
        diags,
        required=("id", "kind", "box"),
        optional=(
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
    box = _box(node.get("box"), width, height, diags)
    if box is None:
        return None
    location = Location(node.location.path, node.location.line, node.location.column, slot_id)
    fill = None
    fill_node = node.get("fill")
    if fill_node is not None:
        fill = _color_name(fill_node, palette, diags)
    radius_node = node.get("radius")
    radius = _absolute(radius_node, diags) if radius_node else 0.0
    stroke_node = node.get("stroke")
    stroke = _absolute(stroke_node, diags) if stroke_node else 0.0
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
    balance_node = node.get("balance")
    balance = bool(balance_node.value) if balance_node else False
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
