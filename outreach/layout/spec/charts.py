"""Read a chart: its type, the statistics and labels it draws, and its roles and colours.

Input: a chart slot's or flow block's `chart` node. Output: a `model.ChartSpec` (issue 4).
"""

from __future__ import annotations

from outreach.content.yamlfile import Node
from outreach.core.diagnostics import Diagnostics, choice_hints
from outreach.core.layout_specs import ChartSpec, TypeRole
from outreach.core.model import ChartEntry, Color
from outreach.layout.spec.fields import (
    check_keys_in_layout,
    read_color_name,
    read_length,
    read_role_name,
)

CHART_TYPES = ("bars", "waffles", "pattern")
MAX_PATTERN_CELLS = 100  # rows or columns of a pattern chart: more is a typo, and slow


def read_chart(
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
            names[key] = read_role_name(role_node, roles, diags) or default
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
            colors[key] = read_color_name(color_node, palette, diags)
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
            if (
                isinstance(count, bool)
                or not isinstance(count, int)
                or not 1 <= count <= MAX_PATTERN_CELLS
            ):
                diags.error(
                    "layout.type",
                    f"a `pattern` chart needs `{key}`: a whole number from 1 to "
                    f"{MAX_PATTERN_CELLS}",
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
