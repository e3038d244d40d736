"""Register a font with ReportLab (bundled, or a pack's .ttf), or say why a file cannot be.

Input: a PostScript name (a bundled font in `outreach/fonts/files/`) or a user's font file.
Output: the font registered with ReportLab and its cmap coverage, or the reason a user's
file cannot be used (CFF outlines, a collection, damage, a name that collides).
"""

from __future__ import annotations

import filecmp
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from outreach.core.values import value_methods
from outreach.fonts.families import bundled_font_names
from outreach.fonts.glyph_codes import _Font

FONT_DIR = Path(__file__).resolve().parent / "files"
# sfnt versions: TrueType outlines load in ReportLab; CFF ("OTTO") does not.
_TRUETYPE_TAGS = (b"\x00\x01\x00\x00", b"true")
# ReportLab reads a whole font into memory; the largest TrueType fonts we know of (CJK
# families) are about 20 MB (issue 21: bounded memory for any input).
MAX_FONT_BYTES = 64 * 1024 * 1024


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class FontFileProblem:
    """Why a user's font file cannot be used: a stable code and a lowercase message."""

    code: str
    message: str
    hint: str


class FontError(Exception):
    """A font file is missing or cannot be loaded; the message names it."""


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
        # ReportLab aliases fonts that share a PostScript name (docs/fonts-and-reportlab.md §3).
        raise FontError(
            f"font file `{path.name}` has PostScript name `{font.face.name!r}`, expected `{name}`"
        )
    pdfmetrics.registerFont(font)
    # Snapshot the cmap now: drawing shaped text later adds private-use entries to it.
    return _Loaded(font, path, frozenset(font.face.charToGlyph.keys()))


def inspect_font_file(path: Path) -> tuple[str | None, FontFileProblem | None]:
    """The PostScript name of a user's font file, or the reason it cannot be used.

    Checks the outline format before ReportLab sees the file: ReportLab embeds only
    TrueType (glyf) outlines and rejects CFF-flavoured OpenType (docs/fonts-and-reportlab.md §1).
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
    # The same file copied into another pack (or a test's copy of one) is the same font.
    if registered is not None and not _same_file(registered, path):
        return name, FontFileProblem(
            "font.name-collision",
            f"font files `{registered.name}` and `{path.name}` share the PostScript name `{name}`",
            "give each font file its own PostScript name",
        )
    return name, None


def _same_file(registered: Path, path: Path) -> bool:
    """The same path, or a byte-identical copy of the registered file."""
    if registered == path.resolve():
        return True
    try:
        return filecmp.cmp(registered, path, shallow=False)
    except OSError:
        return False


def _damaged(path: Path) -> FontFileProblem:
    return FontFileProblem(
        "font.bad-file",
        f"font file `{path.name}` is damaged or truncated",
        "download the font again, or name another .ttf file",
    )


def weight_axis(path: Path) -> tuple[float, float, float] | None:
    """A variable font's weight axis (minimum, default, maximum), or None for a static font.

    ReportLab embeds only the default instance of a variable font (its `glyf` outlines):
    a file whose `wght` axis is not instanced prints at its default weight whatever the
    role asks (docs/fonts-and-reportlab.md §2). Read from the sfnt table directory and the
    `fvar` table, without loading the font.
    """
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FONT_BYTES)
        (count,) = struct.unpack_from(">H", data, 4)
        for index in range(count):
            tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
            if tag != b"fvar":
                continue
            axes_offset, _reserved, axis_count, axis_size = struct.unpack_from(
                ">HHHH", data, offset + 4
            )
            for axis in range(axis_count):
                start = offset + axes_offset + axis * axis_size
                axis_tag, low, default, high = struct.unpack_from(">4siii", data, start)
                if axis_tag == b"wght":
                    return low / 65536, default / 65536, high / 65536
    except (OSError, struct.error):
        return None  # a damaged file is reported by `inspect_font_file`
    return None
