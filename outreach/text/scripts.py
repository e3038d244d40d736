"""Languages and scripts: which way a language is written and which characters need shaping.

Input: a BCP 47 tag, or a character. Output: its direction, or the OpenType script a
character belongs to when it needs HarfBuzz (Arabic script, Indic scripts, Khmer...).
Latin, Cyrillic, Greek and CJK need no shaping: ReportLab draws their characters as they
are, which keeps text extraction exact (docs/fonts-and-reportlab.md §8).
"""

from __future__ import annotations

import bisect
import unicodedata
from functools import cache

# Languages written right to left (primary subtags), and scripts (subtags) that are.
RTL_LANGUAGES = frozenset(
    ("ar", "fa", "prs", "ps", "ur", "he", "yi", "dv", "ckb", "sd", "ug", "syr", "arc")
)
RTL_SCRIPTS = frozenset(("Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg"))

# Complex scripts: (first, last, ISO 15924 tag). Characters here are shaped with HarfBuzz.
_COMPLEX = sorted(
    [
        (0x0590, 0x05FF, "Hebr"),
        (0x0600, 0x06FF, "Arab"),
        (0x0700, 0x074F, "Syrc"),
        (0x0750, 0x077F, "Arab"),
        (0x0780, 0x07BF, "Thaa"),
        (0x07C0, 0x07FF, "Nkoo"),
        (0x0860, 0x086F, "Syrc"),
        (0x0870, 0x08FF, "Arab"),
        (0x0900, 0x097F, "Deva"),
        (0x0980, 0x09FF, "Beng"),
        (0x0A00, 0x0A7F, "Guru"),
        (0x0A80, 0x0AFF, "Gujr"),
        (0x0B00, 0x0B7F, "Orya"),
        (0x0B80, 0x0BFF, "Taml"),
        (0x0C00, 0x0C7F, "Telu"),
        (0x0C80, 0x0CFF, "Knda"),
        (0x0D00, 0x0D7F, "Mlym"),
        (0x0D80, 0x0DFF, "Sinh"),
        (0x0E00, 0x0E7F, "Thai"),
        (0x0E80, 0x0EFF, "Laoo"),
        (0x0F00, 0x0FFF, "Tibt"),
        (0x1000, 0x109F, "Mymr"),
        (0x1780, 0x17FF, "Khmr"),
        (0x19E0, 0x19FF, "Khmr"),
        (0xA8E0, 0xA8FF, "Deva"),
        (0xA9E0, 0xA9FF, "Mymr"),
        (0xAA60, 0xAA7F, "Mymr"),
        (0xFB1D, 0xFB4F, "Hebr"),
        (0xFB50, 0xFDFF, "Arab"),
        (0xFE70, 0xFEFF, "Arab"),
        (0x10EC0, 0x10EFF, "Arab"),
        (0x1EE00, 0x1EEFF, "Arab"),
    ]
)
_STARTS = [start for start, _, _ in _COMPLEX]

COMMON = ""  # characters that take the script of their neighbours (spaces, punctuation)
SIMPLE = "Zyyy"  # characters of scripts drawn without shaping (Latin, CJK...)


def _primary(language: str) -> str:
    return language.split("-")[0].lower()


# Directions a pack declares for languages it adds (`languages:` in pack.yaml), by tag.
# Process-wide like ReportLab's font registry: a tag means one language in every pack.
_DECLARED: dict[str, bool] = {}


def declare_direction(language: str, *, rtl: bool) -> None:
    """Record the direction a pack declares for a language it adds (issue 15)."""
    _DECLARED[language] = rtl


def is_rtl(language: str) -> bool:
    """True for languages written right to left (`fa`, `prs`, `ar`, `ps`, `ur`, `he`...).

    Layouts use this to mirror a material's columns; the text engine uses it as the base
    direction of every paragraph in that language. A direction a pack declares wins.
    """
    declared = _DECLARED.get(language)
    if declared is not None:
        return declared
    parts = language.split("-")
    if any(part in RTL_SCRIPTS for part in parts[1:]):
        return True
    return _primary(language) in RTL_LANGUAGES


@cache
def script_of(char: str) -> str:
    """The script a character is shaped in.

    An ISO 15924 tag for complex scripts, `SIMPLE` for characters drawn as they are,
    `COMMON` for neutral characters (spaces, punctuation, symbols, marks, format
    characters) that follow their neighbours.
    """
    code = ord(char)
    index = bisect.bisect_right(_STARTS, code) - 1
    if index >= 0:
        start, end, tag = _COMPLEX[index]
        if start <= code <= end:
            # Arabic-script punctuation is shaped with its neighbours; the Arabic comma and
            # question mark are in the Arabic block and so stay with Arabic text.
            return tag
    category = unicodedata.category(char)
    if category[0] in "LN" and not (category == "Nd" and code < 0x80):
        return SIMPLE
    return COMMON


def needs_shaping(script: str) -> bool:
    """True for complex scripts (Arabic, Devanagari, Gurmukhi, Khmer...)."""
    return script not in (COMMON, SIMPLE)


# Optical size: text in these scripts is drawn this much larger than Latin at the same
# type size, so that a role reads at one size in every language (issue 16). Measured on
# the bundled Noto fonts: the body of Arabic letters (the teeth of س, the bowl of م) is
# 0.485 em against Latin's x-height of 0.536 em, and the dots and marks that tell letters
# apart are small, so Arabic, Persian and Dari read a size smaller than Latin at the same
# size; Khmer stacks a subscript consonant at about 60% of a letter under its base, which
# needs a larger size to stay legible at 9 pt. Other scripts are drawn at the role's size.
OPTICAL_SCALE = {"Arab": 1.15, "Khmr": 1.1}


def optical_scale(script: str) -> float:
    """How much larger than Latin a script's glyphs are drawn at the same type size."""
    return OPTICAL_SCALE.get(script, 1.0)
