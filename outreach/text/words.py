"""Where Chinese words end, so that lines break between words and not inside them.

Input: a paragraph's text (NFC). Output: the indices, inside runs of Han characters, that
are word boundaries (`出生` stays whole, `工/廠` does not split).

The words come from jieba's dictionary (its `dict.txt`: 349,000 words with frequencies,
MIT licence), segmented as jieba segments without its hidden Markov model: each run of Han
characters is cut into the sequence of dictionary words with the highest product of
frequencies. jieba's own loader builds a prefix dictionary per process (2 s) and caches it
as a marshal file in the shared temporary folder, which another user could replace; the
dictionary is read here directly instead (0.5 s, once per process, only when a paragraph
has Chinese text). Traditional characters are looked up through their simplified forms
(OpenCC's `TSCharacters.txt`, one character for one, so indices do not move): jieba's
dictionary is simplified.
"""

from __future__ import annotations

import math
import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_LONGEST = 16  # the longest word of jieba's dictionary, in characters


def _package_file(package: str, name: str) -> Path:
    """A data file of an installed package, found without importing the package."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(package)
    return Path(next(iter(spec.submodule_search_locations))) / name


@cache
def _dictionary() -> tuple[dict[str, int], float]:
    """The words of jieba's dictionary, their frequencies, and the log of the frequencies' total."""
    words: dict[str, int] = {}
    total = 0
    with _package_file("jieba", "dict.txt").open(encoding="utf-8") as lines:
        for line in lines:
            word, count, _ = line.split(" ", 2)
            words[word] = int(count)
            total += int(count)
    return words, math.log(total)


@cache
def _simplified() -> dict[int, str]:
    """Traditional -> simplified, one character for one (OpenCC's first choice)."""
    table: dict[int, str] = {}
    path = _package_file("opencc", "dictionary/TSCharacters.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        traditional, _, simplified = line.partition("\t")
        first = simplified.split(" ")[0]
        if len(traditional) == 1 and len(first) == 1:
            table[ord(traditional)] = first
    return table


def _segment(run: str) -> list[int]:
    """Lengths of the words of a run of Han characters: the most probable cut."""
    words, log_total = _dictionary()
    n = len(run)
    best: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
    for start in range(n - 1, -1, -1):
        choices = []
        for end in range(start + 1, min(n, start + _LONGEST) + 1):
            count = words.get(run[start:end])
            if count is None and end > start + 1:
                continue
            choices.append((math.log(count or 1) - log_total + best[end][0], end))
        best[start] = max(choices)
    lengths = []
    index = 0
    while index < n:
        end = best[index][1]
        lengths.append(end - index)
        index = end
    return lengths


def word_boundaries(text: str) -> frozenset[int]:
    """Indices inside runs of Han characters where a word ends and the next begins."""
    looked_up = text.translate(_simplified())
    boundaries: set[int] = set()
    for match in _HAN.finditer(looked_up):
        index = match.start()
        for length in _segment(match.group())[:-1]:
            index += length
            boundaries.add(index)
    return frozenset(boundaries)


def is_han(char: str) -> bool:
    """True for a Han character (the characters words are looked up for)."""
    return _HAN.fullmatch(char) is not None
