"""How pdfium (Chrome's viewer, pypdfium2) reads a line: a model to plan PDFs against.

pdfium reads a line in the order its text is written: text objects sorted by where they
start, and in each object its glyphs in the order they are written, wherever each is
placed. It cuts that text into segments of one direction class (strong left; weak:
digits, their separators and marks; strong right; neutral). When the line has more
right-to-left segments than left-to-right ones, it reverses the order of the segments,
then reverses (and mirrors) the characters of each right-to-left segment and of each
neutral one read while right to left (CPDF_TextPage::CloseTempLine and CFX_BidiString).
`pdfium_reads` is that procedure, checked against pdfium by the extraction tests.
"""

from __future__ import annotations

import unicodedata
from itertools import groupby

from outreach.core.text_lines import TextRun

RLM = "\u200f"
LRM = "\u200e"
_WEAK = frozenset(("AN", "EN", "NSM", "CS", "ES", "ET", "BN"))
_MIRRORED = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_ONE_OF_A_PAIR = str.maketrans("([{<«‹", ")]}>»›")
IGNORED = frozenset((" ", "\t", "\n", LRM, RLM))


def pdfium_class(char: str) -> str:
    """The direction class pdfium gives a character: L, W (weak), R or N (neutral)."""
    bidi = unicodedata.bidirectional(char)
    if bidi == "L":
        return "L"
    if bidi in _WEAK:
        return "W"
    if bidi in ("R", "AL"):
        return "R"
    return "N"


def direction_segments(text: str) -> list[tuple[str, str]]:
    """Maximal stretches of one pdfium class, with the class: `[("R", "سلام"), ("N", " ")]`."""
    return [(cls, "".join(chars)) for cls, chars in groupby(text, key=pdfium_class)]


def pdfium_reads(written: str) -> str:
    """What pdfium gives for a line whose characters are written in this order."""
    collapsed: list[str] = []
    for char in written:
        if not (char == " " and collapsed and collapsed[-1] == " "):
            collapsed.append(char)
    segments = direction_segments("".join(collapsed))
    right = sum(cls == "R" for cls, _ in segments)
    left = sum(cls == "L" for cls, _ in segments)
    rtl = right > left  # pdfium 159 (pypdfium2 5.15): a tie reads left to right
    current = "R" if rtl else "L"
    out = []
    for cls, text in reversed(segments) if rtl else segments:
        if cls == "R" or (cls == "N" and current == "R"):
            current = "R"
            out.append("".join(_MIRRORED.get(c, c) for c in reversed(text)))
        else:
            if cls != "W":
                current = "L"
            out.append(text)
    return "".join(out)


def reading_key(text: str, *, mirrors_alike: bool = True) -> str:
    """Text as compared: spaces and marks aside, and a bracket as good as its mirror.

    pdfium mirrors every bracket it reads right to left, whatever the order it is
    written in; a line whose other characters come out right is as right as it can be.
    With `mirrors_alike=False`, a bracket must come out the right way round.
    """
    kept = "".join(c for c in text if c not in IGNORED)
    return kept.translate(_ONE_OF_A_PAIR) if mirrors_alike else kept


def written_text(run: TextRun) -> str:
    """The run's text in the order its glyphs are written."""
    if not run.pieces:
        return run.text
    out = []
    for piece in run.pieces:
        if piece.actual_text is not None:
            out.append(piece.actual_text)
        else:
            out.extend(glyph.text for group in piece.groups for glyph in group)
    return "".join(out)
