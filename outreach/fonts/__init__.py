"""The font book: bundled static fonts, user fonts, their metrics and their glyph coverage.

Input: font files shipped in `outreach/fonts/files/` (and TrueType files a pack names under
`fonts:`). Output: font names registered with ReportLab, the family each language is set
in, text widths for layout, the characters a font cannot draw (ReportLab would silently
print nothing for them), and the glyph strings render.py draws for shaped text, each
glyph under a character code whose ToUnicode entry is the text it stands for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, ShapeData, ShapedStr, TTFError, TTFont

from outreach.core.document import Glyph, PdfGlyph

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
# ReportLab reads a whole font into memory; the largest TrueType fonts we know of (CJK
# families) are about 20 MB (issue 21: bounded memory for any input).
MAX_FONT_BYTES = 64 * 1024 * 1024
# Character codes for glyphs drawn under a text other than their own cmap character start
# here (Supplementary Private Use Area-A). They never reach the PDF: the subset font is
# addressed by byte codes, and the ToUnicode table is rewritten with the real text.
_PRIVATE_START = 0xF0000
_BFCHAR_BLOCK = 100  # entries per beginbfchar block (PDF 32000-1, 9.10.3)


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
    font = _Font(name, str(path))
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
        size = path.stat().st_size
    except OSError as exc:
        return None, FontFileProblem(
            "font.unreadable",
            f"cannot read font file `{path.name}`: {exc.strerror or exc}",
            "check the path in pack.yaml",
        )
    if size > MAX_FONT_BYTES:
        return None, FontFileProblem(
            "font.bad-file",
            f"font file `{path.name}` is larger than {MAX_FONT_BYTES // (1024 * 1024)} MB",
            "name a single-face .ttf file",
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
    except (TTFError, ValueError) as exc:
        if str(exc).startswith("Corrupt"):  # ReportLab's words for a file cut short
            return None, _damaged(path)
        return None, FontFileProblem(
            "font.unsupported-format",
            f"font file `{path.name}` cannot be loaded: {exc}",
            "name a .ttf file with TrueType (glyf) outlines",
        )
    except OSError as exc:
        return None, FontFileProblem(
            "font.unreadable",
            f"cannot read font file `{path.name}`: {exc.strerror or exc}",
            "check the path in pack.yaml",
        )
    except Exception:
        # ReportLab's reader raises struct.error, KeyError, IndexError... on a truncated or
        # garbage file; each is the same problem to the user (issue 21).
        return None, _damaged(path)
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


def _damaged(path: Path) -> FontFileProblem:
    return FontFileProblem(
        "font.bad-file",
        f"font file `{path.name}` is damaged or truncated",
        "download the font again, or name another .ttf file",
    )


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

        Each glyph is written under a character code whose ToUnicode entry is its `text`
        and whose /Widths entry is its `width`: its own cmap character when that says it
        (`text` is that character and `width` its advance), else a code of its own for
        that glyph, text and width. Readers take copied text and word spaces from these;
        the drawing does not depend on them, since every glyph is positioned explicitly.
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
            code = loaded.code_for(glyph.id, glyph.text, round(glyph.width * scale))
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


class _Font(TTFont):  # type: ignore[misc]  # ReportLab is untyped
    """A ReportLab TrueType font whose ToUnicode table says what each drawn glyph stands for.

    ReportLab's subsetter writes, for every character code used, the code's own character
    as its ToUnicode entry. Shaped text draws glyphs that no character maps to (contextual
    forms, dots drawn apart, mirrored brackets) and glyphs that stand for other text than
    their cmap character, so such a glyph gets a code of its own for each (glyph, text,
    width) it is drawn with, and `addObjects` rewrites the subset's ToUnicode table with
    that text. Codes are handed out in order of first use in the process; they are never
    written to the PDF, so output stays byte-identical for identical input.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self.texts: dict[int, str] = {}
        self.codes: dict[tuple[int, str, int], int] = {}
        self.next_code = _PRIVATE_START

    def code_for(self, gid: int, text: str, width: int) -> int:
        """The character code that draws glyph `gid`, copies as `text` and is `width` wide."""
        face = self.face
        if len(text) == 1:
            own = ord(text)
            if face.charToGlyph.get(own) == gid and round(face.charWidths.get(own, -1)) == width:
                return own
        key = (gid, text, width)
        code = self.codes.get(key)
        if code is None:
            while self.next_code in face.charToGlyph:
                self.next_code += 1
            code = self.next_code
            self.next_code += 1
            self.codes[key] = code
            self.texts[code] = text
            face.charToGlyph[code] = gid
            face.charWidths[code] = width
        return code

    def addObjects(self, doc: Any) -> None:  # noqa: N802  # ReportLab's name
        """Write the subsets as ReportLab does, then the real text into their ToUnicode."""
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            if not any(code in self.texts for code in subset):
                continue
            name = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX))
            base = name.decode("pdfdoc")
            stream = doc.idToObject["toUnicodeCMap:" + base]
            stream.content = _to_unicode(base, [self.texts.get(code, chr(code)) for code in subset])


def _to_unicode(name: str, texts: Sequence[str]) -> str:
    """A ToUnicode CMap mapping byte code i to texts[i] (codes with no text are left out)."""
    entries = [
        f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>"
        for code, text in enumerate(texts)
        if text
    ]
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(texts) - 1:02X}>",
        "endcodespacerange",
    ]
    for start in range(0, len(entries), _BFCHAR_BLOCK):
        block = entries[start : start + _BFCHAR_BLOCK]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


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
