"""The font book: bundled static fonts, user fonts, their metrics and their glyph coverage.

Input: font files shipped in `outreach/fonts/files/` (and TrueType files a pack names under
`fonts:`). Output: font names registered with ReportLab, the family each language is set
in, text widths for layout, the characters a font cannot draw (ReportLab would silently
print nothing for them), and the glyph strings render.py draws for shaped text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr, TTFError, TTFont

FONT_DIR = Path(__file__).resolve().parent / "files"
WEIGHTS = {"regular": "Regular", "bold": "Bold"}
FALLBACK_FAMILY = "NotoSans"

# Every bundled family, in the order fallback tries them after the language's own font
# and Noto Sans (research/fonts-findings.md §2.6).
BUNDLED_FAMILIES = (
    "NotoSans",
    "NotoSansArabic",
    "NotoSansDevanagari",
    "NotoSansGurmukhi",
    "NotoSansKhmer",
    "NotoSansSC",
    "NotoSansTC",
    "NotoSansJP",
    "NotoSansKR",
)

# BCP 47 tag -> bundled family (research/fonts-findings.md, "Language -> font").
LANGUAGE_FAMILIES = {
    "zh-Hans": "NotoSansSC",
    "zh-CN": "NotoSansSC",
    "zh-SG": "NotoSansSC",
    "zh": "NotoSansSC",
    "zh-Hant": "NotoSansTC",
    "zh-TW": "NotoSansTC",
    "zh-HK": "NotoSansTC",
    "zh-MO": "NotoSansTC",
    "ja": "NotoSansJP",
    "ko": "NotoSansKR",
    "fa": "NotoSansArabic",
    "prs": "NotoSansArabic",
    "ps": "NotoSansArabic",
    "ar": "NotoSansArabic",
    "ur": "NotoSansArabic",
    "hi": "NotoSansDevanagari",
    "mr": "NotoSansDevanagari",
    "ne": "NotoSansDevanagari",
    "pa": "NotoSansGurmukhi",
    "km": "NotoSansKhmer",
}

# sfnt versions: TrueType outlines load in ReportLab; CFF ("OTTO") does not.
_TRUETYPE_TAGS = (b"\x00\x01\x00\x00", b"true")
_PUA_START, _PUA_END = 0xE000, 0xF8FF


@dataclass(frozen=True, slots=True)
class FontMetrics:
    """Vertical metrics in units of the font size (ascent positive, descent negative)."""

    ascent: float
    descent: float


@dataclass(frozen=True, slots=True)
class FontFileProblem:
    """Why a user's font file cannot be used: a stable code and a lowercase message."""

    code: str
    message: str
    hint: str


class FontError(Exception):
    """A font file is missing or cannot be loaded; the message names it."""


def family_for(language: str) -> str:
    """The bundled family a language is set in: `fa` -> `NotoSansArabic`, `es` -> `NotoSans`.

    Tags are matched exactly first, then by script subtag (`zh-Hant-TW`), then by the
    primary language subtag; anything unknown is set in Noto Sans.
    """
    if language in LANGUAGE_FAMILIES:
        return LANGUAGE_FAMILIES[language]
    parts = language.split("-")
    for size in range(len(parts) - 1, 0, -1):
        prefix = "-".join(parts[:size])
        if prefix in LANGUAGE_FAMILIES:
            if prefix == "zh" and any(p in ("Hant", "TW", "HK", "MO") for p in parts[1:]):
                return "NotoSansTC"
            return LANGUAGE_FAMILIES[prefix]
    return FALLBACK_FAMILY


def bundled_font_names() -> frozenset[str]:
    """PostScript names of every bundled font (user fonts may not reuse them)."""
    return frozenset(
        f"{family}-{weight}" for family in BUNDLED_FAMILIES for weight in WEIGHTS.values()
    )


# ReportLab keeps one process-wide registry of fonts keyed by PostScript name, so the
# user fonts registered through it are process-wide too: name -> resolved path.
_USER_FONTS: dict[str, Path] = {}
_USER_NAMES: dict[Path, str] = {}  # and back: path -> name, so a file is inspected once


@dataclass(slots=True)
class _Loaded:
    font: Any  # reportlab TTFont
    path: Path
    coverage: frozenset[int]


@cache
def _register(name: str) -> _Loaded:
    path = _USER_FONTS.get(name) or FONT_DIR / f"{name}.ttf"
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
    # Snapshot the cmap now: drawing shaped text later adds private-use entries to it.
    return _Loaded(font, path, frozenset(font.face.charToGlyph.keys()))


def inspect_font_file(path: Path) -> tuple[str | None, FontFileProblem | None]:
    """The PostScript name of a user's font file, or the reason it cannot be used.

    Checks the outline format before ReportLab sees the file: ReportLab embeds only
    TrueType (glyf) outlines and rejects CFF-flavoured OpenType (research/fonts-findings.md §2.1).
    """
    try:
        with path.open("rb") as stream:
            tag = stream.read(4)
    except OSError as exc:
        return None, FontFileProblem(
            "font.unreadable",
            f"cannot read font file `{path.name}`: {exc.strerror or exc}",
            "check the path in pack.yaml",
        )
    if tag == b"OTTO":
        return None, FontFileProblem(
            "font.unsupported-format",
            f"font file `{path.name}` has PostScript (CFF) outlines, which ReportLab cannot embed",
            "use the TrueType (.ttf, glyf outlines) build of the font, or convert it with "
            "fontTools (otf2ttf)",
        )
    if tag == b"ttcf":
        return None, FontFileProblem(
            "font.unsupported-format",
            f"font file `{path.name}` is a font collection (.ttc)",
            "extract the face you need into a single .ttf file",
        )
    if tag not in _TRUETYPE_TAGS:
        return None, FontFileProblem(
            "font.unsupported-format",
            f"`{path.name}` is not a TrueType font file",
            "name a .ttf file with TrueType (glyf) outlines",
        )
    try:
        font = TTFont("outreach-probe", str(path))
    except (TTFError, OSError, ValueError) as exc:
        return None, FontFileProblem(
            "font.unsupported-format",
            f"font file `{path.name}` cannot be loaded: {exc}",
            "name a .ttf file with TrueType (glyf) outlines",
        )
    name = font.face.name.decode("latin-1")
    if name in bundled_font_names():
        return name, FontFileProblem(
            "font.name-collision",
            f"font file `{path.name}` has the PostScript name `{name}` of a bundled font; "
            "ReportLab would silently use one for the other",
            "rename the font (its name table, nameID 6) or use the bundled font",
        )
    registered = _USER_FONTS.get(name)
    if registered is not None and registered != path.resolve():
        return name, FontFileProblem(
            "font.name-collision",
            f"font files `{registered.name}` and `{path.name}` share the PostScript name `{name}`",
            "give each font file its own PostScript name",
        )
    return name, None


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

    def fallback_chain(self, primary: str, language: str, weight: str) -> tuple[str, ...]:
        """Fonts tried in order for a character, all at the same weight.

        The primary font, the language's bundled font, Noto Sans, then every other bundled
        family.
        """
        chain = [primary]
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

    def shaped_string(self, font: str, size: float, glyphs: Iterable[Any]) -> Any:
        """A ReportLab `ShapedStr` that draws exactly these positioned glyphs.

        Each glyph (`document.Glyph`: id, advance, dx, dy in points) is mapped to a character
        code of the font: its own cmap character when it has one, else a private-use code
        derived from the glyph id, so the same glyph gets the same code in every run and
        process (deterministic output). The PDF's /ActualText carries the real text.
        Glyph heights (`dy`) are not applied: the caller draws glyphs of one height together
        at that height, because ReportLab's text rise loses the baseline between shifts.
        """
        loaded = _register(font)
        face = loaded.font.face
        scale = 1000.0 / size
        chars: list[str] = []
        data = []
        for glyph in glyphs:
            code = _code_for_glyph(face, glyph.id)
            chars.append(chr(code))
            data.append(
                ShapeData(
                    glyph.cluster,
                    glyph.advance * scale,
                    0.0,
                    glyph.dx * scale,
                    0.0,  # the caller draws each height apart (ReportLab's rise drifts)
                    face.charWidths[code],
                )
            )
        return ShapedStr("".join(chars), shapeData=data)


def _code_for_glyph(face: Any, gid: int) -> int:
    codes = face.glyphToChar.get(gid)
    if codes:
        return int(min(codes))
    # Glyphs without a cmap entry (ligatures, contextual forms) get a private-use code.
    span = _PUA_END - _PUA_START + 1
    code = _PUA_START + gid % span
    while code in face.charToGlyph and face.charToGlyph[code] != gid:
        code = _PUA_START + (code - _PUA_START + 1) % span
    if code not in face.charToGlyph:
        face.charToGlyph[code] = gid
        face.glyphToChar.setdefault(gid, []).append(code)
        units = face.hmetrics[gid][0] if gid < len(face.hmetrics) else face.defaultWidth
        face.charWidths[code] = units * 1000.0 / face.unitsPerEm
    return code


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
