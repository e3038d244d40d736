"""Read a layout's palette and type roles: the colours and text styles its slots name.

Input: the `palette` and `roles` nodes. Output: `model.Color`s and `model.TypeRole`s by name.
"""

from __future__ import annotations

import math

from outreach.content.brand import read_color_values
from outreach.content.yamlfile import Node
from outreach.core.diagnostics import Diagnostics, choice_hints
from outreach.core.layout_specs import TypeRole
from outreach.core.model import Color
from outreach.layout.spec.fields import check_keys_in_layout, read_length

MIN_TYPE, MAX_TYPE = 2.0, 400.0  # points: anything outside is a typo, not a design
MAX_MULTIPLE = 4.0  # leading and space after, in multiples of the type size


def read_palette(node: Node | None, diags: Diagnostics) -> dict[str, Color]:
    """The named colours, each in RGB and CMYK so that either profile can print it."""
    palette: dict[str, Color] = {}
    if node is None or not check_keys_in_layout(
        node, diags, optional=tuple(node.value or ()), what="palette"
    ):
        return palette
    for name, entry in node.value.items():
        if not check_keys_in_layout(
            entry,
            diags,
            required=("rgb", "cmyk"),
            optional=("rich_black",),
            what=f"colour `{name}`",
        ):
            continue
        rgb_node, cmyk_node = entry.get("rgb"), entry.get("cmyk")
        assert rgb_node is not None and cmyk_node is not None
        values = read_color_values(rgb_node, cmyk_node, "layout", diags)
        if values is None:
            continue
        rich = entry.get("rich_black")
        if rich is not None and not isinstance(rich.value, bool):
            diags.error("layout.type", "`rich_black` must be true or false", rich.location)
            continue
        palette[name] = Color(
            name,
            *values,
            location=cmyk_node.location,
            rich_black=bool(rich is not None and rich.value),
        )
    return palette


def read_roles(
    node: Node | None,
    palette: dict[str, Color],
    scale: float,
    diags: Diagnostics,
    *,
    display_scale: float | None = None,
) -> dict[str, TypeRole]:
    """The type roles, their sizes scaled from the reference size to this page size.

    A role with `display: true` scales by `display_scale` (the page's longer stretch)
    instead: headlines fill a taller sheet, and shrink to fit like any other role.
    """
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
            optional=("space_after", "align", "display"),
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
            if isinstance(value, bool) or not isinstance(value, int | float):
                diags.error(
                    "layout.type",
                    "expected a non-negative number (a multiple of the size)",
                    value_node.location if value_node else entry.location,
                )
                ok = False
            elif not math.isfinite(value) or not 0 <= value <= MAX_MULTIPLE:
                # NaN and infinity reached the layout as a traceback (issue 21).
                diags.error(
                    "layout.bad-value",
                    f"`{value}` must be a multiple of the size from 0 to {MAX_MULTIPLE:g}",
                    value_node.location if value_node else entry.location,
                )
                ok = False
        if not ok or size is None or min_size is None:
            continue
        sizes_ok = MIN_TYPE <= min_size <= size <= MAX_TYPE
        if not sizes_ok or not 0.5 <= float(leading) <= MAX_MULTIPLE:
            diags.error(
                "layout.bad-value",
                f"role `{name}`: sizes must satisfy {MIN_TYPE:g}pt <= min_size <= size <= "
                f"{MAX_TYPE:g}pt and leading must be 0.5-4",
                entry.location,
                hints=("check `size`, `min_size` and `leading`",),
            )
            continue
        display_node = entry.get("display")
        factor = scale
        if display_node is not None and display_node.value is True and display_scale:
            factor = display_scale
        roles[name] = TypeRole(
            name=name,
            weight=str(weight_node.value),
            size=round(size * factor, 2),
            min_size=round(min_size * scale, 2),
            leading=float(leading),
            color=str(color_node.value),
            space_after=float(space_after),
            align=align,
        )
    return roles
