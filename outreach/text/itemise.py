"""Itemising a paragraph: runs of characters in one font, one bidi level and one script.

Split from `paragraph.py`. Each character of a script takes the first font of its
weight's chain that has it; neutral characters (digits, spaces, punctuation) stay in a
neighbour's font of the same weight, so "(" before Arabic is Arabic and a bold "911"
before a regular full stop stays bold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from outreach.core.values import value_methods
from outreach.fonts import FontBook, is_ignorable
from outreach.text import scripts


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Item:
    """A logical run: characters [start, end) in one font, one bidi level and one script."""

    start: int
    end: int
    font: str
    level: int
    script: str
    shaped: bool


def split_items(items: list[Item], cuts: set[int]) -> list[Item]:
    """The items cut at `cuts`: a compressed mark ends its run (`punctuation.py`)."""
    split: list[Item] = []
    for item in items:
        start = item.start
        for cut in sorted(c for c in cuts if item.start < c < item.end):
            split.append(Item(start, cut, item.font, item.level, item.script, item.shaped))
            start = cut
        split.append(Item(start, item.end, item.font, item.level, item.script, item.shaped))
    return split


def simple_items(
    text: str,
    bold: Sequence[bool],
    chains: tuple[tuple[str, ...], tuple[str, ...]],
    fonts: FontBook,
) -> tuple[list[Item], list[str]]:
    """Fast path for left-to-right text without complex scripts.

    One run per weight when the language's font has every character (Latin text in Noto
    Sans, CJK in Noto CJK).
    """
    items: list[Item] = []
    if not text:  # an empty fact (a pack with no organization names none): no runs
        return items, []
    start = 0
    changes = [i for i, (a, b) in enumerate(pairwise(bold), 1) if a != b]
    for index in (*changes, len(text)):
        chain = chains[1] if bold[start] else chains[0]
        if fonts.coverage(chain[0]).issuperset(map(ord, text[start:index])):
            items.append(Item(start, index, chain[0], 0, scripts.SIMPLE, False))
        else:
            return itemise(text, bold, [0] * len(text), chains, fonts)
        start = index
    return items, []


def itemise(
    text: str,
    bold: Sequence[bool],
    levels: Sequence[int],
    chains: tuple[tuple[str, ...], tuple[str, ...]],
    fonts: FontBook,
) -> tuple[list[Item], list[str]]:
    """Runs for text with complex scripts or right-to-left levels: font per character."""
    n = len(text)
    coverages = _Coverages(fonts)
    script = [scripts.script_of(c) for c in text]
    chosen: list[str | None] = [None] * n
    missing: list[str] = []

    def first_covering(char: str, chain: tuple[str, ...]) -> str | None:
        code = ord(char)
        for name in chain:
            if code in coverages[name]:
                return name
        return None

    # Characters of a script take the first font of the chain that has them.
    for index, char in enumerate(text):
        if script[index] != scripts.COMMON:
            chain = chains[1] if bold[index] else chains[0]
            chosen[index] = first_covering(char, chain)
            if chosen[index] is None:
                missing.append(char)
                chosen[index] = chain[0]
    # Neutral characters stay in a neighbour's font when it has them: first the
    # previous character's, then the next letter's (so "(" before Arabic is Arabic).
    # The next letter counts only in the same weight: a bold "911" before a regular "។"
    # must not take the regular Khmer face (issue 16: bold numbers in every script).
    following: list[str | None] = [None] * (n + 1)
    following_bold: list[bool | None] = [None] * (n + 1)
    for index in range(n - 1, -1, -1):
        if script[index] != scripts.COMMON:
            following[index], following_bold[index] = chosen[index], bold[index]
        else:
            following[index] = following[index + 1]
            following_bold[index] = following_bold[index + 1]
    for index, char in enumerate(text):
        if script[index] != scripts.COMMON:
            continue
        chain = chains[1] if bold[index] else chains[0]
        code = ord(char)
        candidates = []
        if index > 0 and bold[index - 1] == bold[index]:
            candidates.append(chosen[index - 1])
        candidates.append(following[index + 1])
        # A neighbour's font of the other weight is no candidate: bold digits between
        # regular words stay bold when the language's own font has no digits (Lao).
        pick = next(
            (
                c
                for c in candidates
                if c is not None and c in chain and (code in coverages[c] or is_ignorable(char))
            ),
            None,
        )
        if pick is None:
            pick = first_covering(char, chain)
        if pick is None:
            if not is_ignorable(char) and char != "\n":
                missing.append(char)
            pick = candidates[0] if candidates and candidates[0] else chain[0]
        chosen[index] = pick
    # Neutral characters take the script of the text before them (at the start of the
    # paragraph, of the first letter), so they are shaped with their neighbours.
    resolved = list(script)
    previous = next((s for s in script if s != scripts.COMMON), scripts.SIMPLE)
    for index in range(n):
        if script[index] == scripts.COMMON:
            resolved[index] = previous
        else:
            previous = script[index]
    items: list[Item] = []
    start = 0
    for index in range(1, n + 1):
        if index == n or (chosen[index], levels[index], shaping_script(resolved[index])) != (
            chosen[start],
            levels[start],
            shaping_script(resolved[start]),
        ):
            font = chosen[start]
            assert font is not None
            tag = shaping_script(resolved[start])
            items.append(
                Item(start, index, font, levels[start], tag, bool(tag) or levels[start] % 2 == 1)
            )
            start = index
    return items, sorted(set(missing), key=missing.index)


class _Coverages(dict[str, frozenset[int]]):
    """Coverage by font name, loading a font only when a character first asks about it.

    The CJK fonts take a moment to load.
    """

    def __init__(self, fonts: FontBook) -> None:
        super().__init__()
        self.fonts = fonts

    def __missing__(self, name: str) -> frozenset[int]:
        value = self.fonts.coverage(name)
        self[name] = value
        return value


def shaping_script(script: str) -> str:
    """The OpenType script HarfBuzz shapes a run in; "" for text that needs no shaping."""
    return script if scripts.needs_shaping(script) else ""
