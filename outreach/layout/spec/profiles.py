"""Load `layouts/profiles.yaml`: the office and press profiles (bleed, marks, colour space).

Input: the profiles file. Output: `model.Profile`s by name, all lengths in points.
"""

from __future__ import annotations

from pathlib import Path

from outreach.content.yamlfile import load_yaml
from outreach.core.diagnostics import Diagnostics
from outreach.core.model import Profile
from outreach.core.resources import display_path
from outreach.layout.spec.fields import check_keys_in_layout, read_length


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
