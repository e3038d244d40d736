"""Where a line may break: UAX #14 with the tailorings outreach needs.

Input: a paragraph's text (NFC) and its language tag. Output: `Breaks`, the positions
before which a line may break, in two tiers: normal opportunities, and emergency ones used
only when a single piece is wider than the line.

The pair rules of UAX #14 (Unicode line breaking, LB2-LB31) are applied here in plain
Python because `uniseg`'s own implementation costs about 70 microseconds per character,
which would make every poster slower; the Line_Break property of each character is
uniseg's, written out as runs in `line_break.txt` (`tools/line_break_table.py`), because
importing uniseg loads `importlib.metadata` and `email` (issue 14). The tests compare the
file with uniseg for every code point, and both breakers on every sample text. Tailorings on top:

* phone numbers, URLs, e-mail addresses and short codes (`233733`) never break inside;
* Korean breaks between words (at spaces), as Korean typesetting does, with syllable
  breaks kept only as emergency opportunities;
* Khmer has no spaces between words: UAX #14 maps it to AL (class SA), so it breaks only
  at spaces and at zero-width spaces (U+200B) that the text supplies;
* Chinese breaks between words (`text/words.py`), not between any two characters; the
  breaks inside a word are kept as emergency opportunities;
* in Russian, Czech and the other Slavic languages a one-letter word (v, k, s, z...)
  never ends a line.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from outreach.core.values import value_methods
from outreach.text.words import is_han, word_boundaries

LINE_BREAK_FILE = Path(__file__).resolve().parent / "line_break.txt"

NONE, ALLOWED, MANDATORY = 0, 1, 2

_HARD = frozenset(("BK", "CR", "LF", "NL"))
_AFTER_CM_IS_AL = frozenset(("BK", "CR", "LF", "NL", "SP", "ZW"))
_ALPHA = frozenset(("AL", "HL"))
_HANGUL = frozenset(("JL", "JV", "JT", "H2", "H3"))
_LB25 = frozenset(
    (
        ("CL", "PO"),
        ("CP", "PO"),
        ("CL", "PR"),
        ("CP", "PR"),
        ("NU", "PO"),
        ("NU", "PR"),
        ("PO", "OP"),
        ("PO", "NU"),
        ("PR", "OP"),
        ("PR", "NU"),
        ("HY", "NU"),
        ("IS", "NU"),
        ("NU", "NU"),
        ("SY", "NU"),
    )
)

# Pieces of text that must never be split across lines: URLs with or without a scheme,
# e-mail addresses, and numbers (digit groups joined by hyphens, dots, slashes or single
# spaces: phone numbers, codes, 24/7). `\d` matches every script's digits (۱-۸۸۸...).
# Only ASCII is allowed in URLs so that CJK text written without spaces is not swallowed.
_UNBREAKABLE = re.compile(
    r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*[A-Za-z0-9\-_~/#=&%+]"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:org|com|gov|net|edu|us|info|io)\b"
    r"(?:/[A-Za-z0-9\-._~/?#=&%+]*[A-Za-z0-9\-_~/#=&%+])?"
    # vanity numbers: 1-888-KEY-2-FREE, 1-888-KEY-2-FRE(EDOM)
    r"|\d+(?:-\d+)*-(?:[A-Z0-9]+-)*[A-Z][A-Z0-9]*(?:\([A-Z]+\))?(?:-[A-Z0-9]+)*"
    r"|\+?\(?\d+\)?(?:[-\u2010\u2011./ ]\(?\d+\)?)*"
)


# Languages whose one-letter words (prepositions, conjunctions) do not end a line, as
# Russian and Czech typesetting require: the word moves to the next line with its noun.
ONE_LETTER_WORD_LANGUAGES = frozenset(
    ("ru", "uk", "be", "bg", "sr", "mk", "cs", "sk", "pl", "sl", "hr", "bs")
)
_ONE_LETTER_WORD = re.compile(r"(?<![\w\-])[^\W\d_] +(?=\w)")
_HAN_PAIR = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]{2}")


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Breaks:
    """Break opportunities before each character index (index 0 is never one)."""

    normal: bytes
    emergency: bytes


@cache
def _line_break_runs() -> tuple[list[int], list[str]]:
    """The first code point and the Line_Break value of each run of `line_break.txt`."""
    starts: list[int] = []
    values: list[str] = []
    for line in LINE_BREAK_FILE.read_text(encoding="ascii").splitlines():
        if line and not line.startswith("#"):
            start, value = line.split()
            starts.append(int(start, 16))
            values.append(value)
    return starts, values


def line_break(char: str) -> str:
    """The Line_Break property of a character (UAX #14), as uniseg gives it."""
    starts, values = _line_break_runs()
    return values[bisect_right(starts, ord(char)) - 1]


@cache
def line_break_class(char: str) -> str:
    """The UAX #14 class of a character after rule LB1.

    AI, SG, XX -> AL; SA -> AL or CM; CJ -> NS, the strict kinsoku choice: small kana never
    start a line.
    """
    value = line_break(char)
    if value in ("AI", "SG", "XX"):
        return "AL"
    if value == "SA":
        return "CM" if unicodedata.category(char) in ("Mn", "Mc") else "AL"
    if value == "CJ":
        return "NS"
    return value


def _east_asian(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("F", "W", "H")


def uax14(text: str) -> bytearray:
    """Plain UAX #14 break opportunities.

    `result[i]` says whether a line may break before `text[i]`: NONE, ALLOWED or MANDATORY.
    """
    n = len(text)
    out = bytearray(n)
    if n < 2:
        return out
    raw = list(map(line_break_class, text))
    eff = list(raw)
    if "CM" in raw or "ZWJ" in raw:
        for i, value in enumerate(raw):  # LB9 and LB10: marks take their base's class
            if value in ("CM", "ZWJ"):
                eff[i] = eff[i - 1] if i > 0 and eff[i - 1] not in _AFTER_CM_IS_AL else "AL"
    before_space = eff[0]  # class of the last non-space character
    before_index = 0  # and its index
    regional = 1 if eff[0] == "RI" else 0
    for i in range(1, n):
        a_raw, b_raw = raw[i - 1], raw[i]
        a, b = eff[i - 1], eff[i]
        if a != "SP":
            before_space, before_index = a, i - 1
        # The common pairs first (the full rules give the same answer for them).
        if b_raw == "SP" and a_raw not in _HARD:  # LB7
            continue
        if a_raw == "AL" and b_raw == "AL":  # LB28
            continue
        if a_raw == "SP" and b_raw == "AL" and before_space not in ("ZW", "OP", "QU"):
            out[i] = ALLOWED  # LB18
            continue
        out[i] = _pair(text, i, a_raw, b_raw, a, b, before_space, eff, regional)
        if out[i] != NONE and before_space == "QU" and _opening_quote(text, before_index, eff):
            out[i] = NONE  # LB15a: after an opening quotation mark, even across spaces
        if out[i] == ALLOWED and b == "QU" and _closing_quote(text, i, eff):
            out[i] = NONE  # LB15b: before a closing quotation mark that ends a phrase
        regional = (
            regional + 1
            if b == "RI" and b_raw == "RI"
            else (regional if b_raw in ("CM", "ZWJ") else 0)
        )
    return out


def _opening_quote(text: str, index: int, eff: list[str]) -> bool:
    if unicodedata.category(text[index]) != "Pi":
        return False
    return index == 0 or eff[index - 1] in ("BK", "CR", "LF", "NL", "OP", "QU", "GL", "SP", "ZW")


def _closing_quote(text: str, index: int, eff: list[str]) -> bool:
    if unicodedata.category(text[index]) != "Pf":
        return False
    return index + 1 >= len(text) or eff[index + 1] in (
        "SP",
        "GL",
        "WJ",
        "CL",
        "QU",
        "CP",
        "EX",
        "IS",
        "SY",
        "BK",
        "CR",
        "LF",
        "NL",
        "ZW",
    )


def _pair(
    text: str,
    i: int,
    a_raw: str,
    b_raw: str,
    a: str,
    b: str,
    before_space: str,
    eff: list[str],
    regional: int,
) -> int:
    # LB4, LB5: hard breaks
    if a_raw == "CR" and b_raw == "LF":
        return NONE
    if a_raw in _HARD:
        return MANDATORY
    # LB6, LB7
    if b_raw in _HARD or b_raw in ("SP", "ZW"):
        return NONE
    # LB8: ZW SP* ÷
    if before_space == "ZW" and a in ("ZW", "SP"):
        return ALLOWED
    # LB8a, LB9
    if a_raw == "ZWJ":
        return NONE
    if b_raw in ("CM", "ZWJ") and a not in _AFTER_CM_IS_AL:
        return NONE
    # LB11, LB12, LB12a
    if a == "WJ" or b == "WJ" or a == "GL":
        return NONE
    if b == "GL" and a not in ("SP", "BA", "HY"):
        return NONE
    # LB13: never before closing punctuation, exclamation, solidus
    if b in ("CL", "CP", "EX", "SY"):
        return NONE
    # LB14: never after an opening bracket, even across spaces
    if before_space == "OP":
        return NONE
    # LB15c, LB15d: a space before a decimal point of a number is a break; else × IS
    if b == "IS":
        if a == "SP" and i + 1 < len(text) and eff[i + 1] == "NU":
            return ALLOWED
        return NONE
    # LB16, LB17
    if before_space in ("CL", "CP") and b == "NS":
        return NONE
    if before_space == "B2" and b == "B2":
        return NONE
    # LB18
    if a == "SP":
        return ALLOWED
    # LB19, LB20
    if a == "QU" or b == "QU":
        return NONE
    if a == "CB" or b == "CB":
        return ALLOWED
    # LB21, LB21a, LB21b, LB22
    if b in ("BA", "HY", "NS") or a == "BB":
        return NONE
    if a in ("HY", "BA") and i >= 2 and eff[i - 2] == "HL":
        return NONE
    if (a == "SY" and b == "HL") or b == "IN":
        return NONE
    # LB23-LB25: letters and numbers, prefixes and postfixes
    if (a in _ALPHA and b == "NU") or (a == "NU" and b in _ALPHA):
        return NONE
    if (a == "PR" and b in ("ID", "EB", "EM")) or (a in ("ID", "EB", "EM") and b == "PO"):
        return NONE
    if (a in ("PR", "PO") and b in _ALPHA) or (a in _ALPHA and b in ("PR", "PO")):
        return NONE
    if (a, b) in _LB25:
        return NONE
    # LB26, LB27: Korean syllable blocks
    if (
        (a == "JL" and b in ("JL", "JV", "H2", "H3"))
        or (a in ("JV", "H2") and b in ("JV", "JT"))
        or (a in ("JT", "H3") and b == "JT")
    ):
        return NONE
    if (a in _HANGUL and b == "PO") or (a == "PR" and b in _HANGUL):
        return NONE
    # LB28, LB29, LB30
    if (a in _ALPHA and b in _ALPHA) or (a == "IS" and b in _ALPHA):
        return NONE
    if a in ("AL", "HL", "NU") and b == "OP" and not _east_asian(text[i]):
        return NONE
    if a == "CP" and b in ("AL", "HL", "NU") and not _east_asian(text[i - 1]):
        return NONE
    # LB30a, LB30b
    if a == "RI" and b == "RI" and regional % 2 == 1:
        return NONE
    if a == "EB" and b == "EM":
        return NONE
    return ALLOWED  # LB31


def unbreakable_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every phone number, URL, e-mail address or code in `text`."""
    spans = []
    for match in _UNBREAKABLE.finditer(text):
        start, end = match.span()
        piece = match.group().rstrip(" ")
        end = start + len(piece)
        if end - start < 2:
            continue
        spans.append((start, end))
    return spans


@lru_cache(maxsize=4096)
def find_breaks(text: str, language: str) -> Breaks:
    """Break opportunities of a paragraph in a language, with outreach's tailorings.

    Memoised: a kit lays out the same strings for every size and profile of a material.
    """
    base = uax14(text)
    for start, end in unbreakable_spans(text):
        for i in range(start + 1, end):
            if base[i] == ALLOWED:
                base[i] = NONE
    emergency = bytes(base)
    normal = base
    if language == "ko" or language.startswith("ko-"):
        # Korean is set word by word: break only after spaces and hyphens.
        for i in range(1, len(text)):
            if normal[i] == ALLOWED and line_break_class(text[i - 1]) not in (
                "SP",
                "ZW",
                "BA",
                "HY",
            ):
                normal[i] = NONE
    primary = language.split("-")[0].lower()
    if primary == "zh" and _HAN_PAIR.search(text):
        # Chinese breaks between words, not inside them: 出生, 愛情, 工廠 stay whole.
        boundaries = word_boundaries(text)
        for i in range(1, len(text)):
            if normal[i] == ALLOWED and is_han(text[i - 1]) and is_han(text[i]):
                if i not in boundaries:
                    normal[i] = NONE
    if primary in ONE_LETTER_WORD_LANGUAGES:
        # в, к, с, о, у, и, а (Russian), k, s, v, z, o, u, a, i (Czech): never at a line end.
        for match in _ONE_LETTER_WORD.finditer(text):
            if normal[match.end()] == ALLOWED:
                normal[match.end()] = NONE
    return Breaks(bytes(normal), emergency)
