"""Set text into a box: spans, line breaking with real metrics, and fitting by shrinking.

Input: paragraphs (with `**bold**` runs and bullets), type roles, a box and the font book.
Output: positioned `TextLine`s at the chosen size, or the best attempt marked as overflowing.
Text is never clipped here: an overflow is reported by the caller as `layout.overflow`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from outreach.document import Paint, TextLine, TextRun
from outreach.fonts import FontBook

_BOLD = re.compile(r"\*\*(.+?)\*\*")
BULLET = "\u2022"
SIZE_STEP = 0.5  # points; print designers shrink in half-point steps


@dataclass(frozen=True, slots=True)
class Span:
    """A run of characters in one weight."""

    text: str
    bold: bool


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph to set: spans, its type size range and style."""

    spans: tuple[Span, ...]
    size: float
    min_size: float
    leading: float
    space_after: float
    regular_font: str
    bold_font: str
    paint: Paint
    align: str = "left"
    bullet: bool = False
    bullet_paint: Paint | None = None


@dataclass(frozen=True, slots=True)
class SetText:
    """The result of setting paragraphs into a box."""

    lines: tuple[TextLine, ...]
    height: float
    scale: float
    fits: bool
    line_count: int
    too_wide: str | None = None  # an unbreakable word that is wider than the box


def parse_spans(text: str, *, bold: bool = False) -> tuple[Span, ...]:
    """Split `a **b** c` into regular and bold spans (the only markup content may use)."""
    spans: list[Span] = []
    position = 0
    for match in _BOLD.finditer(text):
        if match.start() > position:
            spans.append(Span(text[position : match.start()], bold))
        spans.append(Span(match.group(1), True))
        position = match.end()
    if position < len(text):
        spans.append(Span(text[position:], bold))
    return tuple(spans)


@dataclass(frozen=True, slots=True)
class _Word:
    pieces: tuple[tuple[str, bool], ...]  # (text, bold) parts with no space inside


def _words(spans: tuple[Span, ...]) -> list[_Word]:
    """Break spans at spaces into words; a word may change weight in the middle."""
    words: list[list[tuple[str, bool]]] = [[]]
    for span in spans:
        parts = span.text.split(" ")
        for index, part in enumerate(parts):
            if index > 0:
                words.append([])
            if part:
                words[-1].append((part, span.bold))
    return [_Word(tuple(w)) for w in words if w]


def _measure_word(word: _Word, measure: Callable[[str, bool], float]) -> float:
    return sum(measure(text, bold) for text, bold in word.pieces)


def _break_lines(
    words: list[_Word], width: float, first_indent: float, measure: Callable[[str, bool], float]
) -> tuple[list[list[_Word]], str | None]:
    """Greedy line breaking at spaces; phone numbers and URLs are single words, never split."""
    lines: list[list[_Word]] = []
    current: list[_Word] = []
    current_width = 0.0
    too_wide = None
    space = measure(" ", False)
    for word in words:
        word_width = _measure_word(word, measure)
        available = width - first_indent
        if word_width > available and too_wide is None:
            too_wide = "".join(text for text, _ in word.pieces)
        if current and current_width + space + word_width > available:
            lines.append(current)
            current, current_width = [word], word_width
        else:
            current_width += (space if current else 0.0) + word_width
            current.append(word)
    if current:
        lines.append(current)
    return lines, too_wide


def set_paragraphs(
    paragraphs: list[Paragraph],
    width: float,
    height: float,
    fonts: FontBook,
    *,
    max_lines: int | None = None,
) -> SetText:
    """Set paragraphs at the largest scale that fits, shrinking in 0.5 pt steps.

    The largest size shrinks by SIZE_STEP per attempt and the others in proportion, each
    stopping at its own minimum. The first attempt that fits wins; if none does, the
    attempt at the minimum sizes is returned with `fits=False`.
    """
    largest = max(p.size for p in paragraphs)
    scale = 1.0
    while True:
        attempt = _set_at(paragraphs, width, fonts, scale)
        fits = (
            attempt.too_wide is None
            and attempt.height <= height + 0.01
            and (max_lines is None or attempt.line_count <= max_lines)
        )
        if fits:
            return attempt
        at_minimum = all(p.size * scale <= p.min_size + 1e-6 for p in paragraphs)
        if at_minimum:
            return attempt
        scale = max(0.0, (largest * scale - SIZE_STEP) / largest)


def _set_at(paragraphs: list[Paragraph], width: float, fonts: FontBook, scale: float) -> SetText:
    lines: list[TextLine] = []
    y = 0.0
    too_wide = None
    count = 0
    for index, para in enumerate(paragraphs):
        size = round(max(para.min_size, para.size * scale), 2)

        def measure(text: str, bold: bool, _size: float = size, _p: Paragraph = para) -> float:
            return fonts.measure(text, _p.bold_font if bold else _p.regular_font, _size)

        indent = 1.15 * size if para.bullet else 0.0
        broken, wide = _break_lines(_words(para.spans), width, indent, measure)
        too_wide = too_wide or wide
        line_height = size * para.leading
        ascent = fonts.metrics(para.regular_font).ascent
        for line_index, words in enumerate(broken):
            baseline = y + (line_height - size) / 2 + min(ascent, 0.92) * size
            runs = _runs(words, para, size, indent, measure)
            if para.bullet and line_index == 0:
                bullet_width = fonts.measure(BULLET, para.regular_font, size)
                runs = (
                    TextRun(
                        BULLET,
                        para.regular_font,
                        size,
                        0.2 * size,
                        bullet_width,
                        para.bullet_paint or para.paint,
                    ),
                    *runs,
                )
            line_width = max((r.x + r.width for r in runs), default=0.0)
            x = 0.0
            if para.align == "center":
                x = (width - line_width) / 2
            elif para.align == "right":
                x = width - line_width
            lines.append(TextLine(x, baseline, line_width, runs))
            y += line_height
            count += 1
        if index < len(paragraphs) - 1:
            y += para.space_after * size
    return SetText(tuple(lines), y, scale, True, count, too_wide)


def _runs(
    words: list[_Word],
    para: Paragraph,
    size: float,
    indent: float,
    measure: Callable[[str, bool], float],
) -> tuple[TextRun, ...]:
    """Merge a line's words into runs of one weight each."""
    pieces: list[tuple[str, bool]] = []
    for index, word in enumerate(words):
        for piece_index, (text, bold) in enumerate(word.pieces):
            prefix = " " if index > 0 and piece_index == 0 else ""
            if pieces and pieces[-1][1] == bold:
                pieces[-1] = (pieces[-1][0] + prefix + text, bold)
            else:
                if prefix and pieces:
                    pieces[-1] = (pieces[-1][0] + prefix, pieces[-1][1])
                pieces.append((text, bold))
    runs = []
    x = indent
    for text, bold in pieces:
        width = measure(text, bold)
        runs.append(
            TextRun(text, para.bold_font if bold else para.regular_font, size, x, width, para.paint)
        )
        x += width
    return tuple(runs)
