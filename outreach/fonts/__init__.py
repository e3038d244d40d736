"""The font book: bundled static fonts, their metrics and their glyph coverage.

Input: font files shipped in `outreach/fonts/files/`. Output: font names registered with
ReportLab, text widths for layout, and the characters a font cannot draw (which would
otherwise print as nothing at all: ReportLab does not warn).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "files"
WEIGHTS = {"regular": "Regular", "bold": "Bold"}


@dataclass(frozen=True, slots=True)
class FontMetrics:
    """Vertical metrics in units of the font size (ascent positive, descent negative)."""

    ascent: float
    descent: float


class FontError(Exception):
    """A font file is missing or cannot be loaded; the message names it."""


@cache
def _register(name: str) -> TTFont:
    path = FONT_DIR / f"{name}.ttf"
    if not path.is_file():
        raise FontError(
            f"font file `{path}` is missing; reinstall outreach or run tools/build_fonts.py"
        )
    font = TTFont(name, str(path))
    if font.face.name.decode("latin-1") != name:
        # ReportLab aliases fonts that share a PostScript name (research/fonts-findings.md §2.4).
        raise FontError(
            f"font file `{path.name}` has PostScript name `{font.face.name!r}`, expected `{name}`"
        )
    pdfmetrics.registerFont(font)
    return font


class FontBook:
    """Registered fonts by name, with measuring and coverage helpers for layout."""

    def font_name(self, family: str, weight: str) -> str:
        """`NotoSans` + `bold` -> `NotoSans-Bold` (registered on first use)."""
        name = f"{family}-{WEIGHTS[weight]}"
        _register(name)
        return name

    def measure(self, text: str, font: str, size: float) -> float:
        """Advance width of `text` in points (no shaping: Latin, Cyrillic, CJK)."""
        _register(font)
        return float(pdfmetrics.stringWidth(text, font, size))

    def metrics(self, font: str) -> FontMetrics:
        """Ascent and descent of a font, per unit of size."""
        face = _register(font).face
        return FontMetrics(face.ascent / 1000.0, face.descent / 1000.0)

    def missing_glyphs(self, font: str, text: str) -> list[str]:
        """Characters of `text` that the font has no glyph for (spaces and newlines aside)."""
        cmap = _coverage(font)
        return sorted({c for c in text if c not in "\n" and ord(c) not in cmap})


@cache
def _coverage(font: str) -> frozenset[int]:
    return frozenset(_register(font).face.charToGlyph.keys())
