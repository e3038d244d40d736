"""Bidirectional text: embedding levels of a paragraph, and the visual order of a line.

Input: a paragraph's text and its base direction. Output: one embedding level per
character (UAX #9, computed by python-bidi's reference implementation), and, per line,
the order in which runs of equal level are drawn from left to right (rule L2).

Numbers are kept left to right: UAX #9 turns European digits that follow an Arabic letter
into Arabic numbers (rule W2), which shows `1-888-373-7888` as `7888-373-888-1`. As a
careful author would, the engine puts an invisible LEFT-TO-RIGHT MARK before every number
while resolving levels (never into the printed text), which keeps the number whole and in
reading order, for European and for Persian digits alike (docs/fonts-and-reportlab.md §5).
In a right-to-left paragraph RIGHT-TO-LEFT MARKs go before and after the number too, so
that it stands alone, as an isolate would: without the one after it,
`1-888-373-7888، 24 ساعت` (the hotline, then "24 hours") resolves the comma and the `24`
left to right with the number (rules W7 and N1), and the `24` is drawn where the number
should be read; without the one before it, `SafetyNet، 80%` is drawn as one left-to-right
group, so that a reader meets `80%` first. A number that ends with a
closing bracket (`1-888-KEY-2-FREE (1-888-539-2373)`) gets an LRM before that RLM, or the
bracket would resolve right to left and be drawn, mirrored, at the far end of the number.
Marks also keep an abbreviation's last full stop with it, and give brackets around Latin
text the direction rule N0 would (`_marks`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

_LRM = "\u200e"
_RLM = "\u200f"
# A number: optional sign or bracket, digit groups joined by separators, or by a space
# and brackets as in `+1 (888) 373-7888`, and the capital-letter groups of a number
# spelled as a word, as in `1-888-KEY-2-FREE (1-888-539-2373)`; with its currency or
# percent sign (`80%`, `۸۰٪`): one number, kept together.
NUMBER = re.compile(
    r"[+(]?[$\u00a3\u20ac]?\d+"
    r"(?:(?:[-\u2010\u2011./:,\u066b\u066c]|\)?[ \u00a0]\(?|\))\d+"
    r"|[-\u2010\u2011][A-Z]+(?![A-Za-z]))*"
    r"[%\u066a\u2030]?\)?"
)
# An abbreviation of capitals, each with its full stop: `H.E.A.R.T.`, `U.S.`
_ABBREVIATION = re.compile(r"(?<![A-Za-z])(?:[A-Z]\.){2,}")
_OPENING = {"(": ")", "[": "]", "{": "}"}
_CLOSING = frozenset(_OPENING.values())
# Characters that may need bidi at all: Hebrew, Arabic and other RTL blocks, explicit marks.
_RTL_CHARS = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b\u202e\u2067\U00010800-\U00010fff"
    "\U0001e800-\U0001efff]"
)


def has_rtl(text: str) -> bool:
    """True if any character could be drawn right to left."""
    return _RTL_CHARS.search(text) is not None


def embedding_levels(text: str, rtl: bool) -> list[int]:
    """Resolved embedding level of every character of a paragraph (even = LTR).

    A left-to-right paragraph without any right-to-left character is all level 0, so
    Latin and CJK text never pays for the algorithm.
    """
    base = 1 if rtl else 0
    if not rtl and not has_rtl(text):
        return [0] * len(text)
    marks = _marks(text, rtl)
    marked: list[str] = []
    positions: list[int] = []  # where each original character went
    length = 0
    for index, char in enumerate(text):
        mark = marks.get(index, "")
        marked += (mark, char)
        length += len(mark)
        positions.append(length)
        length += 1
    marked.append(marks.get(len(text), ""))
    resolved = _resolve("".join(marked), base)
    return [resolved[p] for p in positions]


def _marks(text: str, rtl: bool) -> dict[int, str]:
    """The marks to write before each index of `text` (`len(text)`: at its end).

    An LRM before each number; in a right-to-left paragraph, RLMs around it, an LRM
    after an abbreviation such as `H.E.A.R.T.` (its last full stop is part of it, not
    the sentence's), and LRMs around brackets that hold only left-to-right text after
    left-to-right text, as rule N0 of UAX #9 (bracket pairs), which the reference
    implementation lacks, would resolve them: `H.E.A.R.T. (... Attorney's Office) با`.
    """
    marks: dict[int, str] = {}

    def add(index: int, mark: str) -> None:
        marks[index] = marks.get(index, "") + mark

    # In right-to-left text, an RLM first: the number is neutral to what comes before it.
    # A paragraph without right-to-left letters (`TTY: 711`) stays one left-to-right group.
    isolate = rtl and has_rtl(text)
    for match in NUMBER.finditer(text):
        add(match.start(), _RLM + _LRM if isolate else _LRM)
        if rtl:
            closing = _LRM if match.group().endswith(")") else ""  # its bracket goes with it
            add(match.end(), closing + _RLM)
    if rtl:
        for match in _ABBREVIATION.finditer(text):
            add(match.end(), _LRM)
        for opening, closing_index in _left_to_right_bracket_pairs(text):
            add(opening, _LRM)
            add(closing_index + 1, _LRM)
    return marks


def _left_to_right_bracket_pairs(text: str) -> list[tuple[int, int]]:
    """Bracket pairs (BD16) holding left-to-right letters only, after left-to-right text."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for index, char in enumerate(text):
        if char in _OPENING:
            stack.append((_OPENING[char], index))
        elif char in _CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == char:
                    pairs.append((stack[depth][1], index))
                    del stack[depth:]
                    break
    found = []
    for opening, closing in sorted(pairs):
        inside = {_strong(c) for c in text[opening + 1 : closing]}
        before = next((_strong(c) for c in reversed(text[:opening]) if _strong(c)), "R")
        if "L" in inside and "R" not in inside and before == "L":
            found.append((opening, closing))
    return found


def _strong(char: str) -> str:
    """L or R for a letter (EN and AN count as R, as in rule N0), else the empty string."""
    bidi = unicodedata.bidirectional(char)
    if bidi == "L":
        return "L"
    return "R" if bidi in ("R", "AL", "EN", "AN") else ""


def _resolve(text: str, base: int) -> list[int]:
    from bidi import algorithm  # only text with a right-to-left character gets this far

    storage: dict[str, Any] = algorithm.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    algorithm.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    algorithm.explicit_embed_and_overrides(storage)  # X9 drops ZWNJ, ZWJ (class BN) here
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    levels: list[int | None] = [None] * len(text)
    for char in storage["chars"]:
        levels[char["index"]] = char["level"]
    # Characters removed by X9 take the level of the character before them, so that a
    # ZWNJ stays inside the Persian word it belongs to (HarfBuzz needs it there).
    result: list[int] = []
    previous: int | None = None
    for level in levels:
        if level is None:
            level = previous
        result.append(-1 if level is None else level)
        previous = level
    following = base
    for index in range(len(result) - 1, -1, -1):
        if result[index] < 0:
            result[index] = following
        following = result[index]
    return result


def visual_order(levels: Sequence[int]) -> list[int]:
    """Rule L2: the order (indices into `levels`) in which runs are drawn left to right.

    `levels` holds one level per run of a line, in logical order; trailing white space
    must already be removed or set to the paragraph level (rule L1).
    """
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    odd = [level for level in levels if level % 2]
    if not odd:
        return order
    lowest_odd = min(odd)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] >= level:
                end = index
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[index:end] = reversed(order[index:end])
                index = end
            else:
                index += 1
    return order
