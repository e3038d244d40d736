"""The font book: font names in, widths, metrics, coverage and glyphs for layout and render out.

Input: font names (registered on first use). Output: text widths for layout, vertical
metrics, cmap glyphs, the characters a font cannot draw (ReportLab would silently print
nothing for them), the fallback chain of a language, and the glyph strings render.py
draws for shaped text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

from outreach.core.text_lines import Glyph, PdfGlyph
from outreach.core.values import value_methods
from outreach.fonts.families import BUNDLED_FAMILIES, FALLBACK_FAMILY, WEIGHTS, family_for
from outreach.fonts.registry import (
    _USER_FONTS,
    _USER_NAMES,
    FontError,
    _register,
    inspect_font_file,
)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class FontMetrics:
    """Vertical metrics in units of the font size (ascent positive, descent negative)."""

    ascent: float
    descent: float


# Pack fonts registered as a regular standing in for a missing bold (`keep_latin_bold`);
# process-wide, like ReportLab's registry of the fonts themselves.
_LATIN_BOLD: set[str] = set()


class FontBook:
    """Registered fonts by name, with measuring and coverage helpers for layout."""

    def font_name(self, family: str, weight: str) -> str:
        """`NotoSans` + `bold` -> `NotoSans-Bold` (registered on first use)."""
        name = f"{family}-{WEIGHTS[weight]}"
        _register(name)
        return name

    def font_for(self, language: str, weight: str) -> str:
        """The bundled font of a language at a weight: (`ko`, `bold`) -> `NotoSansKR-Bold`."""
        return self.font_name(family_for(language), weight)

    def add_font(self, path: Path) -> str:
        """Register a user's TrueType file under its PostScript name and return that name.

        Raises:
            FontError: if the file is CFF, unreadable, or its name collides with another font.
        """
        resolved = path.resolve()
        known = _USER_NAMES.get(resolved)
        if known is not None:  # layout asks for a pack's font once per paragraph
            return known
        name, problem = inspect_font_file(path)
        if problem is not None or name is None:
            raise FontError(problem.message if problem else f"cannot load `{path}`")
        _USER_FONTS[name] = resolved
        _register(name)
        _USER_NAMES[resolved] = name
        return name

    def keep_latin_bold(self, name: str) -> None:
        """Let a pack's regular font stand in for a bold it lacks, after Noto Sans Bold.

        For a language not written in Latin whose pack names no bold file: its own script
        has no other font and prints at the regular weight, but Latin text stays bold.
        """
        _LATIN_BOLD.add(name)

    def fallback_chain(self, primary: str, language: str, weight: str) -> tuple[str, ...]:
        """Fonts tried in order for a character, all at the same weight.

        The primary font, the language's bundled font, Noto Sans, then every other bundled
        family. A pack's regular font standing in for bold comes after Noto Sans Bold.
        """
        chain = [primary]
        if weight == "bold" and primary in _LATIN_BOLD:
            chain.insert(0, f"{FALLBACK_FAMILY}-{WEIGHTS[weight]}")
        for family in (family_for(language), FALLBACK_FAMILY, *BUNDLED_FAMILIES):
            name = f"{family}-{WEIGHTS[weight]}"  # registered only when first asked about
            if name not in chain:
                chain.append(name)
        return tuple(chain)

    def measure(self, text: str, font: str, size: float) -> float:
        """Advance width of `text` in points (no shaping: Latin, Cyrillic, CJK)."""
        _register(font)
        return float(pdfmetrics.stringWidth(text, font, size))

    def char_widths(self, font: str) -> tuple[dict[int, float], float]:
        """Advance widths by code point in 1/1000 em, and the width of a missing character.

        The same figures ReportLab measures and writes to the PDF.
        """
        face = _register(font).font.face
        return face.charWidths, float(face.defaultWidth)

    def cmap_glyphs(self, font: str, text: str, size: float) -> tuple[Glyph, ...] | None:
        """The glyphs ReportLab draws for unshaped `text`: the cmap's, unkerned.

        None if the font has no glyph for some character.
        """
        loaded = _register(font)
        face = loaded.font.face
        if not loaded.coverage.issuperset(map(ord, text)):
            return None
        scale = size / 1000.0
        return tuple(
            Glyph(
                face.charToGlyph[ord(c)],
                face.charWidths.get(ord(c), face.defaultWidth) * scale,
                0.0,
                0.0,
                index,
            )
            for index, c in enumerate(text)
        )

    def metrics(self, font: str) -> FontMetrics:
        """Ascent and descent of a font, per unit of size."""
        face = _register(font).font.face
        return FontMetrics(face.ascent / 1000.0, face.descent / 1000.0)

    def coverage(self, font: str) -> frozenset[int]:
        """Code points the font has a glyph for (its cmap)."""
        return _register(font).coverage

    def font_path(self, font: str) -> Path:
        """The file a registered font was loaded from (the shaper reads it)."""
        return _register(font).path

    def missing_glyphs(self, font: str, text: str) -> list[str]:
        """Characters of `text` that the font has no glyph for (spaces and newlines aside).

        Default-ignorable format characters (ZWSP, ZWNJ, ZWJ, LRM...) are never missing:
        they are drawn as nothing on purpose.
        """
        cmap = _register(font).coverage
        return sorted({c for c in text if c != "\n" and ord(c) not in cmap and not is_ignorable(c)})

    def shaped_string(self, font: str, size: float, glyphs: Sequence[PdfGlyph]) -> Any:
        """A ReportLab `ShapedStr` that draws exactly these positioned glyphs.

        Each glyph is written under a character code whose ToUnicode entry is its `text`:
        its own cmap character when that says it, else a code of its own for that glyph
        and text. A drawn glyph's /Widths entry is its advance in the font program, as
        validators require (issue 19); an invisible glyph's is its `width`, which readers
        take word spaces from. The drawing does not depend on widths, since every glyph is
        positioned explicitly (TJ adjustments).
        Glyph heights (`dy`) are not applied: the caller draws glyphs of one height
        together at that height, because ReportLab's text rise loses the baseline between
        shifts.
        """
        loaded = _register(font).font
        face = loaded.face
        scale = 1000.0 / size
        chars: list[str] = []
        data = []
        for glyph in glyphs:
            hint = round(glyph.width * scale) if glyph.invisible else None
            code = loaded.code_for(glyph.id, glyph.text, hint)
            chars.append(chr(code))
            data.append(
                ShapeData(
                    0,
                    glyph.advance * scale,
                    0.0,
                    glyph.dx * scale,
                    0.0,  # the caller draws each height apart (ReportLab's rise drifts)
                    face.charWidths[code],
                )
            )
        return ShapedStr("".join(chars), shapeData=data)


_IGNORABLE = frozenset(
    [
        0x00AD,
        0x034F,
        0x061C,
        0x115F,
        0x1160,
        0x17B4,
        0x17B5,
        0x180E,
        0x3164,
        0xFEFF,
        0xFFA0,
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2070),
        *range(0xFE00, 0xFE10),
    ]
)


def is_ignorable(char: str) -> bool:
    """Tell default-ignorable code points, which are drawn as nothing.

    ZWSP, ZWNJ, ZWJ, LRM, variation selectors...: a font without them is not missing
    anything.
    """
    return ord(char) in _IGNORABLE
