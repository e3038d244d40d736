"""Read a pack's brand: `brand: colors: {name: {rgb: "#...", cmyk: [c, m, y, k]}}`.

Input: the `brand` node of pack.yaml. Output: `model.Color`s by name that replace the
layout palette's colours of the same names (`jobs/` applies them), each located at its
`cmyk` in pack.yaml so that an ink or contrast problem points at the pack, not the layout.
"""

from __future__ import annotations

import re

from outreach.content.yamlfile import Node, check_keys
from outreach.core.diagnostics import Diagnostics
from outreach.core.model import Color

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def read_brand(node: Node | None, diags: Diagnostics) -> dict[str, Color]:
    """The pack's own colours, each in RGB (screens, office) and CMYK (press)."""
    colors: dict[str, Color] = {}
    if node is None or not check_keys(node, diags, optional=("colors",), what="brand"):
        return colors
    colors_node = node.get("colors")
    if colors_node is None:
        return colors
    if not colors_node.is_mapping():
        diags.error(
            "content.type",
            "`brand.colors` must map palette names to colours",
            colors_node.location,
            hints=('write e.g. `teal: {rgb: "#0f4c5c", cmyk: [90, 45, 35, 35]}`',),
        )
        return colors
    for name, entry in colors_node.value.items():
        if not check_keys(entry, diags, required=("rgb", "cmyk"), what=f"colour `{name}`"):
            continue
        rgb_node, cmyk_node = entry.get("rgb"), entry.get("cmyk")
        assert rgb_node is not None and cmyk_node is not None
        values = read_color_values(rgb_node, cmyk_node, "content", diags)
        if values is None:
            continue
        colors[str(name)] = Color(str(name), *values, location=cmyk_node.location)
    return colors


def read_color_values(
    rgb_node: Node, cmyk_node: Node, area: str, diags: Diagnostics
) -> tuple[tuple[float, float, float], tuple[float, float, float, float]] | None:
    """A colour's `rgb` hex and `cmyk` percentages as fractions, or None (reported).

    The one reader of colour values, for a pack's brand and a layout's palette alike;
    `area` (`content` or `layout`) names the diagnostic's family.
    """
    if not isinstance(rgb_node.value, str) or not _HEX.match(rgb_node.value):
        diags.error(
            f"{area}.bad-color",
            f"`{rgb_node.key}` must be a hex colour like `#1d3557`",
            rgb_node.location,
        )
        return None
    cmyk = cmyk_node.plain()
    if not (
        isinstance(cmyk, list)
        and len(cmyk) == 4
        and all(
            isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 100 for v in cmyk
        )
    ):
        diags.error(
            f"{area}.bad-color",
            f"`{cmyk_node.key}` must be four percentages [c, m, y, k]",
            cmyk_node.location,
            hints=("write e.g. `cmyk: [0, 0, 0, 100]` for pure black",),
        )
        return None
    hex_value = rgb_node.value
    red, green, blue = (int(hex_value[i : i + 2], 16) / 255.0 for i in (1, 3, 5))
    c, m, y, k = (float(v) / 100.0 for v in cmyk)
    return (red, green, blue), (c, m, y, k)
