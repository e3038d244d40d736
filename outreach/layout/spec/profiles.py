"""Load `layouts/profiles.yaml`: office, press and digital (bleed, marks, colour space).

Input: the profiles file. Output: `model.Profile`s by name, all lengths in points.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from outreach.content.yamlfile import Node, load_yaml
from outreach.core.diagnostics import Diagnostics
from outreach.core.layout_specs import Profile
from outreach.core.resources import display_path
from outreach.layout.output_intent import CHARACTERIZATIONS as _REGISTERED
from outreach.layout.spec.fields import check_keys_in_layout, read_length


def load_profiles(file: Path, root: Path, diags: Diagnostics) -> dict[str, Profile]:
    """Read every profile of the file (the bundled ones: office, press, digital)."""
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
            optional=(
                "min_line_width",
                "notes",
                "pdf_x",
                "characterization",
                "ink_limit",
                "links",
                "object_streams",
            ),
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
        press = _read_press_options(entry, diags)
        if press is None:
            continue
        profiles[name] = Profile(
            name=name,
            bleed=bleed,
            slug=slug,
            crop_marks=marks_node.value,
            color_space=str(space_node.value),
            min_margin=margin,
            min_line_width=min_line,
            **press,
        )
    return profiles


PDF_X_STANDARDS = ("PDF/X-4", "PDF/X-1a:2003")
CHARACTERIZATIONS = tuple(sorted(_REGISTERED))


def _read_press_options(entry: Node, diags: Diagnostics) -> dict[str, Any] | None:
    """`pdf_x`, `characterization`, `ink_limit`, `links` and `object_streams` of a profile."""
    options: dict[str, Any] = {}
    for key, choices in (("pdf_x", PDF_X_STANDARDS), ("characterization", CHARACTERIZATIONS)):
        node = entry.get(key)
        if node is None:
            continue
        if node.value not in choices:
            listed = ", ".join(f"`{choice}`" for choice in choices)
            diags.error(
                "layout.bad-value", f"{key} `{node.value}` must be one of {listed}", node.location
            )
            return None
        options[key] = str(node.value)
    limit = entry.get("ink_limit")
    if limit is not None:
        value = limit.value
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 400:
            diags.error(
                "layout.bad-value",
                f"ink_limit `{value}` must be a total area coverage in percent, 1 to 400",
                limit.location,
            )
            return None
        options["ink_limit"] = float(value)
    for key in ("links", "object_streams"):
        flag = entry.get(key)
        if flag is None:
            continue
        if not isinstance(flag.value, bool):
            diags.error("layout.type", f"`{key}` must be true or false", flag.location)
            return None
        options[key] = flag.value
    return options
