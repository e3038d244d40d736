"""Turn a palette colour name into the paint it prints with, in the profile's colour space.

Input: a `model.LayoutSpec` palette colour name and a `model.Profile`. Output: a
`document.Paint` in the profile's colour space (CMYK on press, RGB for office prints).
"""

from __future__ import annotations

from dataclasses import replace

from outreach.core.layout_specs import LayoutSpec, Profile
from outreach.core.model import Pack
from outreach.core.text_lines import Paint


def branded(spec: LayoutSpec, pack: Pack) -> LayoutSpec:
    """The layout with the pack's brand colours (`brand.colors`) in place of its own."""
    if not pack.brand:
        return spec
    return replace(spec, palette={**spec.palette, **pack.brand})


def paint_for(spec: LayoutSpec, profile: Profile, color: str) -> Paint:
    """A palette colour in the profile's colour space."""
    chosen = spec.palette[color]
    if profile.color_space == "cmyk":
        return Paint("cmyk", chosen.cmyk, color, chosen.location, chosen.rich_black)
    return Paint("rgb", chosen.rgb, color, chosen.location)


def black_for(profile: Profile) -> Paint:
    """Black for QR modules and marks: 100% K on press (never rich black), plain black in RGB."""
    if profile.color_space == "cmyk":
        return Paint("cmyk", (0.0, 0.0, 0.0, 1.0))
    return Paint("rgb", (0.0, 0.0, 0.0))


def registration_for(profile: Profile) -> Paint:
    """Crop marks' colour: registration on press, plain black in RGB.

    Registration is all four inks at 100%, so every separation shows where to cut; only
    marks outside the trim use it (issue 16).
    """
    if profile.color_space == "cmyk":
        return Paint("cmyk", (1.0, 1.0, 1.0, 1.0), "registration")
    return Paint("rgb", (0.0, 0.0, 0.0))
