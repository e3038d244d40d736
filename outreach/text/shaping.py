"""Shaping with HarfBuzz: characters of one run -> positioned glyphs.

Input: a paragraph's code points, the run to shape (offset and length, so HarfBuzz sees
the neighbouring characters for joining), a font file, a direction, a script and a
language. Output: glyphs in visual order with advances and offsets in font units.

The direction is always given, never guessed: `guess_segment_properties` marks a run of
Persian digits as right to left and reverses the number (docs/fonts-and-reportlab.md
§5). The bidi step has already split the paragraph into runs of one direction.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import uharfbuzz as hb

from outreach.core.values import value_methods


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class ShapedGlyph:
    """One glyph from HarfBuzz, in font units; `cluster` indexes the paragraph text."""

    id: int
    cluster: int
    advance: int
    dx: int
    dy: int


@cache
def _font(path: Path) -> tuple[hb.Font, int]:
    face = hb.Face(hb.Blob.from_file_path(str(path)))
    font = hb.Font(face)
    return font, face.upem


def units_per_em(path: Path) -> int:
    """The font's design units per em (glyph positions are in these units)."""
    return _font(path)[1]


def shape(
    codepoints: list[int],
    start: int,
    length: int,
    path: Path,
    *,
    rtl: bool,
    script: str,
    language: str,
) -> list[ShapedGlyph]:
    """Shape `codepoints[start:start+length]` with the rest as context.

    Returns the glyphs in visual (left-to-right) order; clusters are indices into
    `codepoints`, monotone per character so every character can be traced to a glyph.
    """
    font, _ = _font(path)
    buffer = hb.Buffer()
    buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    buffer.add_codepoints(codepoints, start, length)
    buffer.direction = "rtl" if rtl else "ltr"
    if script:
        buffer.script = script
    buffer.language = language
    hb.shape(font, buffer, {})
    return [
        ShapedGlyph(info.codepoint, info.cluster, pos.x_advance, pos.x_offset, pos.y_offset)
        for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)
    ]


@cache
def glyph_extents(path: Path, glyph: int) -> tuple[float, float, float, float]:
    """The ink box of one glyph, per unit of font size: (left, bottom, right, top), y up.

    What the glyph's outline covers (Khmer nikahit, Arabic dots, descenders included),
    relative to its origin; all zeros for a glyph that draws nothing (a space).
    """
    font, upem = _font(path)
    extents = font.get_glyph_extents(glyph)
    if extents is None:
        return (0.0, 0.0, 0.0, 0.0)
    left = extents.x_bearing / upem
    top = extents.y_bearing / upem
    return (left, top + extents.height / upem, left + extents.width / upem, top)
