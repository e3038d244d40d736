"""No word alone on a paragraph's last line: the penultimate line's last word comes down.

Input: a paragraph's break opportunities, its advances and its last two lines as found by
greedy breaking. Output: where the penultimate line should now end and the last line
start, or None to leave them. A word alone on the last line of a long paragraph ("in",
"time") reads as a mistake (issue 16). The line count stays the same, so the paragraph's
height and fit do not change.
"""

from __future__ import annotations

from collections.abc import Sequence

from outreach.text.linebreak import ALLOWED, MANDATORY

ORPHAN_LINES = 3  # from this many lines on, the last line holds at least two words


def last_word_company(
    normal: bytes,
    prefix: Sequence[float],
    trimmed: Sequence[int],
    lines: tuple[int, int, int, int],
    limit: float,
) -> tuple[int, int] | None:
    """(new end of the penultimate line, new start of the last) or None.

    Args:
        normal: the paragraph's normal break opportunities (`linebreak.Breaks.normal`).
        prefix: advance of the text before each index, per unit of size.
        trimmed: each index less the spaces just before it.
        lines: start and end of the penultimate line, then of the last.
        limit: the line width per unit of size.

    A last line with a break opportunity inside already holds two words; a hard break
    between the lines, or a last line too wide to take the word, leaves them as they are.
    """
    before_start, before_end, last_start, last_end = lines
    if normal[last_start] == MANDATORY or any(normal[last_start + 1 : last_end]):
        return None
    stops = [
        i
        for i in range(before_start + 1, before_end)
        if normal[i] == ALLOWED and trimmed[i] > before_start
    ]
    if not stops:
        return None
    stop = stops[-1]
    if any(normal[i] == MANDATORY for i in range(stop, last_start)):
        return None
    if prefix[last_end] - prefix[stop] > limit:
        return None
    return trimmed[stop], stop
