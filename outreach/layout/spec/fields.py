"""Read the values every part of a layout is made of: lengths, boxes, colour and role names.

Input: YAML nodes. Output: points, `model.Box`es and checked names, or `layout.*` diagnostics.
Kept apart so that pages, folds, flows, charts and profiles read them the same way.
"""

from __future__ import annotations

import math

from outreach.content.yamlfile import Node, check_keys
from outreach.core.diagnostics import Diagnostics, choice_hints
from outreach.core.layout_specs import Box, TypeRole
from outreach.core.model import Color
from outreach.core.units import POINTS_PER, LengthError, Relative, parse_length

# 2 m: more than any press sheet or banner we print. Larger lengths are typos or attacks that
# made paragraph setting loop for ever and a page 5000 in wide exhaust memory (issue 21).
MAX_LENGTH = 2000 * POINTS_PER["mm"]


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
    if not math.isfinite(value) or abs(value) > MAX_LENGTH:
        diags.error(
            "layout.bad-length",
            f"length `{str(node.value)[:40]}` is larger than 2 m",
            node.location,
            hints=("write a length of at most `2000mm`",),
        )
        return None
    return value


def read_box(node: Node | None, width: float, height: float, diags: Diagnostics) -> Box | None:
    """A slot's `[x, y, width, height]` in points; percentages are of the page or panel size."""
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
    if (
        not all(math.isfinite(v) for v in values)
        or values[2] < 0
        or values[3] < 0
        or max(abs(v) for v in values) > 10 * max(width, height)
    ):
        diags.error(
            "layout.bad-box",
            "a box needs a non-negative width and height on the page",
            node.location,
            hints=("write `box: [x, y, width, height]`",),
        )
        return None
    return Box(*values)


def read_color_name(node: Node, palette: dict[str, Color], diags: Diagnostics) -> str | None:
    """The name of a palette colour, or a `layout.unknown-color` that suggests the nearest."""
    if not isinstance(node.value, str) or node.value not in palette:
        diags.error(
            "layout.unknown-color",
            f"unknown colour `{node.value}`",
            node.location,
            hints=choice_hints(str(node.value), palette),
        )
        return None
    return str(node.value)


def read_role_name(node: Node | None, roles: dict[str, TypeRole], diags: Diagnostics) -> str | None:
    """The name of a defined type role, or a `layout.unknown-role` that suggests the nearest."""
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
