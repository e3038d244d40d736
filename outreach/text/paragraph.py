"""One paragraph through the text engine: runs, measuring, line breaking and line building.

Input: the paragraph's text with a weight per character, its language, and the fonts to
try (the language's font first, then fallbacks). Output: line ranges for a width and a
size, and for each line its runs in visual order, positioned, shaped where needed.

Steps, in order (docs/fonts-and-reportlab.md §5):

1. itemise: every character gets a font (the first in the fallback chain that has it;
   spaces, punctuation and digits stay in their neighbours' font when it has them), a
   bidi level, and a script; runs are cut where any of these changes;
2. shape the runs that need it (complex scripts and every right-to-left run) with an
   explicit direction; other runs are measured from the font's advance widths;
3. break lines at UAX #14 opportunities, greedily, on logical order;
4. build each line: order its runs visually (bidi rule L2), shape each piece again with
   its line's context, place the pieces left to right, and plan how each shaped run's
   glyphs are written so that copying them gives the source text (`extraction.py`), and,
   where a line mixes directions, how pdfium and poppler will read it (`reader_order.py`).

Everything size-dependent is linear in the size, so steps 1-2 run once per paragraph and
the shrink-to-fit loop only repeats step 3.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from outreach.core.text_lines import Glyph, Paint, TextRun
from outreach.core.values import value_methods
from outreach.fonts import FontBook
from outreach.text import bidi, punctuation, scripts, shaping
from outreach.text.extraction import text_pieces
from outreach.text.itemise import Item, itemise, simple_items, split_items
from outreach.text.linebreak import MANDATORY, Breaks, find_breaks
from outreach.text.orphans import ORPHAN_LINES, last_word_company
from outreach.text.reader_order import in_reading_order

# Text that needs no itemising beyond weights: no complex script, nothing right to left.
_COMPLEX_OR_RTL = re.compile(
    "[\u0590-\u109f\u1780-\u17ff\u19e0-\u19ff\u200c-\u200f\u202a-\u202e\u2066-\u2069"
    "\ua8e0-\ua8ff\ua9e0-\ua9ff\uaa60-\uaa7f\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff"
    "\U0001e800-\U0001efff]"
)


_OPPORTUNITY = re.compile(b"[\x01\x02]")
_SPACES = re.compile("[\\s\u200b]+")


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class PreparedParagraph:
    """A paragraph after itemising and measuring, ready to be broken at any size."""

    text: str
    language: str
    rtl: bool
    items: tuple[Item, ...]
    prefix: tuple[float, ...]  # prefix[i]: advance of text[:i] at 1 pt
    breaks: Breaks
    stops: tuple[int, ...]  # normal break opportunities, then len(text)
    trimmed: tuple[int, ...]  # trimmed[i]: i less the spaces just before it
    missing: tuple[str, ...]  # characters no font in the chain has
    fonts: FontBook
    # The highest and lowest ink of the shaped glyphs at 1 pt (y up; both 0 when nothing
    # is shaped): stacked Khmer, Arabic marks and Devanagari need more leading than Latin.
    ink: tuple[float, float] = (0.0, 0.0)
    optical: bool = False  # some run is drawn at its script's optical size

    def width(self, start: int, end: int, size: float) -> float:
        """Advance of text[start:end] at `size`, as measured on the whole paragraph."""
        return (self.prefix[end] - self.prefix[start]) * size


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class LineRange:
    """A line as a range of the paragraph's text (trailing spaces already left out)."""

    start: int
    end: int


def _is_space(char: str) -> bool:
    return char.isspace() or char == "\u200b"


def prepare_paragraph(
    text: str,
    bold: Sequence[bool],
    language: str,
    chains: tuple[tuple[str, ...], tuple[str, ...]],
    fonts: FontBook,
    *,
    optical: bool = True,
) -> PreparedParagraph:
    """Itemise and measure a paragraph (steps 1 and 2).

    Args:
        text: the paragraph in NFC.
        bold: one flag per character of `text`.
        language: BCP 47 tag; sets the base direction and the line-breaking tailoring.
        chains: the fonts to try for (regular, bold) characters, the language's first.
        fonts: the font book.
        optical: draw Arabic-script and Khmer glyphs at their optical size
            (`scripts.optical_scale`); layout drops it for text that fits only without.
    """
    rtl = scripts.is_rtl(language)
    n = len(text)
    if not rtl and _COMPLEX_OR_RTL.search(text) is None:
        items, missing = simple_items(text, bold, chains, fonts)
        levels = None
    else:
        levels = bidi.embedding_levels(text, rtl)
        items, missing = itemise(text, bold, levels, chains, fonts)
    advances = [0.0] * n
    codepoints = list(map(ord, text))
    ink_top = ink_bottom = 0.0
    scaled = False  # some glyph is drawn at an optical size other than the type size
    for item in items:
        if item.shaped:
            path = fonts.font_path(item.font)
            optical_size = scripts.optical_scale(item.script) if optical else 1.0
            scaled = scaled or optical_size != 1.0
            scale = optical_size / shaping.units_per_em(path)
            for glyph in shaping.shape(
                codepoints,
                item.start,
                item.end - item.start,
                path,
                rtl=item.level % 2 == 1,
                script=item.script,
                language=language,
            ):
                advances[glyph.cluster] += glyph.advance * scale
                _, bottom, _, top = shaping.glyph_extents(path, glyph.id)
                if top > bottom:  # the glyph draws something: its ink, marks raised or lowered
                    ink_top = max(ink_top, top * optical_size + glyph.dy * scale)
                    ink_bottom = min(ink_bottom, bottom * optical_size + glyph.dy * scale)
        else:
            widths, default = fonts.char_widths(item.font)
            get = widths.get
            advances[item.start : item.end] = [
                get(code, default) / 1000.0 for code in codepoints[item.start : item.end]
            ]
    if punctuation.FULLWIDTH_PAIR.search(text):
        unshaped = {
            i: item.font for item in items if not item.shaped for i in range(item.start, item.end)
        }
        halves = punctuation.half_width_marks(text, unshaped, fonts)
        for index, advance in halves.items():
            advances[index] = advance
        if halves:
            items = split_items(items, {index + 1 for index in halves})
    prefix = tuple(accumulate(advances, initial=0.0))
    breaks = find_breaks(text, language)
    stops = (*(m.start() for m in _OPPORTUNITY.finditer(breaks.normal, 1)), n)
    trimmed = list(range(n + 1))
    for match in _SPACES.finditer(text):
        start, end = match.span()
        trimmed[start + 1 : end + 1] = [start] * (end - start)
    return PreparedParagraph(
        text,
        language,
        rtl,
        tuple(items),
        prefix,
        breaks,
        stops,
        tuple(trimmed),
        tuple(missing),
        fonts,
        (ink_top, ink_bottom),
        scaled,
    )


def _trim(text: str, start: int, end: int) -> int:
    while end > start and _is_space(text[end - 1]):
        end -= 1
    return end


def break_paragraph(
    paragraph: PreparedParagraph, width: float, size: float
) -> tuple[list[LineRange], str | None]:
    """Greedy line breaking at the paragraph's break opportunities (step 3).

    Returns the lines and, if some piece that must not be broken is wider than `width`
    (a long URL, a phone number at a huge size), that piece's text.
    """
    text = paragraph.text
    n = len(text)
    normal, emergency = paragraph.breaks.normal, paragraph.breaks.emergency
    prefix, trimmed, stops = paragraph.prefix, paragraph.trimmed, paragraph.stops
    limit = width / size + 1e-9 if size > 0 else float("inf")
    lines: list[LineRange] = []
    too_wide: str | None = None
    start = 0
    last_fit: int | None = None
    index = 0  # into stops
    while start < n:
        while stops[index] <= start:
            index += 1
        end = stops[index]
        content_end = max(start, trimmed[end])
        if prefix[content_end] - prefix[start] <= limit:
            last_fit = end
            if end >= n or normal[end] == MANDATORY:
                lines.append(LineRange(start, content_end))
                start, last_fit = end, None
            index += 1
            continue
        if last_fit is not None:
            lines.append(LineRange(start, max(start, trimmed[last_fit])))
            start, last_fit = last_fit, None
            continue
        # A single piece wider than the line: use emergency opportunities inside it.
        pieces = _split_emergency(paragraph, emergency, start, end, width, size)
        if pieces is None:
            if too_wide is None:
                too_wide = text[start:content_end]
            lines.append(LineRange(start, content_end))
        else:
            lines.extend(LineRange(a, b) for a, b in pieces[:-1])
            last = pieces[-1]
            if end >= n or normal[end] == MANDATORY:
                lines.append(LineRange(*last))
            else:
                # The rest of the piece starts the next line and may take more words.
                start, last_fit = last[0], end
                index += 1
                continue
        start, last_fit = end, None
    if too_wide is None and len(lines) >= ORPHAN_LINES:
        penultimate, final = lines[-2], lines[-1]
        moved = last_word_company(
            paragraph.breaks.normal,
            paragraph.prefix,
            paragraph.trimmed,
            (penultimate.start, penultimate.end, final.start, final.end),
            limit,
        )
        if moved is not None:
            lines[-2] = LineRange(penultimate.start, moved[0])
            lines[-1] = LineRange(moved[1], final.end)
    return lines, too_wide


def _split_emergency(
    paragraph: PreparedParagraph,
    emergency: bytes,
    start: int,
    end: int,
    width: float,
    size: float,
) -> list[tuple[int, int]] | None:
    text = paragraph.text
    inner = [i for i in range(start + 1, end) if emergency[i]]
    if not inner:
        return None
    pieces: list[tuple[int, int]] = []
    line_start = start
    last_fit: int | None = None
    for candidate in [*inner, end]:
        if paragraph.width(line_start, _trim(text, line_start, candidate), size) <= width:
            last_fit = candidate
            continue
        if last_fit is None:
            return None
        pieces.append((line_start, _trim(text, line_start, last_fit)))
        line_start, last_fit = last_fit, candidate
        if paragraph.width(line_start, _trim(text, line_start, candidate), size) > width:
            return None
    pieces.append((line_start, _trim(text, line_start, end)))
    return pieces


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class BuiltLine:
    """A line's runs in visual order (x from 0), its width and, if needed, its source text.

    `source_text` is set when the runs, read left to right, do not spell the line (some
    run is right to left).
    """

    runs: tuple[TextRun, ...]
    width: float
    source_text: str | None


def build_line(
    paragraph: PreparedParagraph, line: LineRange, size: float, paint: Paint
) -> BuiltLine:
    """Runs of one line in visual order, shaped where needed and placed from x = 0 (step 4)."""
    text = paragraph.text
    pieces = [
        (max(line.start, item.start), min(line.end, item.end), item)
        for item in paragraph.items
        if item.start < line.end and item.end > line.start
    ]
    pieces = [p for p in pieces if p[0] < p[1]]
    if any(item.level for _, _, item in pieces):
        order = bidi.visual_order([item.level for _, _, item in pieces])
        pieces = [pieces[i] for i in order]
    codepoints: list[int] | None = None
    runs: list[TextRun] = []
    x = 0.0
    reordered = False
    for start, end, item in pieces:
        rtl = item.level % 2 == 1
        glyphs: tuple[Glyph, ...] = ()
        if item.shaped:
            if codepoints is None:
                codepoints = [ord(c) for c in text]
            path: Path = paragraph.fonts.font_path(item.font)
            run_size = size * (scripts.optical_scale(item.script) if paragraph.optical else 1.0)
            scale = run_size / shaping.units_per_em(path)
            glyphs = tuple(
                Glyph(g.id, g.advance * scale, g.dx * scale, g.dy * scale, g.cluster - start)
                for g in shaping.shape(
                    codepoints,
                    start,
                    end - start,
                    path,
                    rtl=rtl,
                    script=item.script,
                    language=paragraph.language,
                )
            )
            width = sum(g.advance for g in glyphs)
        else:
            run_size = size
            width = paragraph.width(start, end, size)
        reordered = reordered or rtl
        run_text = text[start:end]
        runs.append(
            TextRun(
                run_text,
                item.font,
                run_size,
                x,
                width,
                paint,
                "rtl" if rtl else "ltr",
                glyphs,
                text_pieces(run_text, glyphs, rtl=rtl) if glyphs else (),
            )
        )
        x += width
    if not reordered:
        return BuiltLine(tuple(runs), x, None)
    source = text[line.start : line.end]
    return BuiltLine(in_reading_order(runs, source, paragraph.fonts), x, source)
