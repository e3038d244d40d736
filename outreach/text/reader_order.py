"""Where a line mixes directions, write it so that pdfium and poppler read it in order.

The entry point, `in_reading_order`, takes a built line's runs (visual order, pieces
planned by `extraction`) and rewrites what readers need:

* pdfium reads the glyphs of a line in the order they are written and reverses
  right-to-left lines by segments (`pdfium_reading`), so a URL drawn left to right inside
  Persian was read `org.humantraffickinghotline://https`, a Latin name `Project Polaris`.
  A text object's glyphs may be written in any order, each placed where it belongs, so
  such a run is written segment by segment from its right end: pdfium's reversal turns
  it back, and the drawing does not change. If pdfium would read the line left to right
  (more segments of Latin than of Persian, as in `از طریق https://...`), a RIGHT-TO-LEFT
  MARK goes on each side of the run. Candidates are tried on pdfium's procedure; a line
  that already reads right, or that none makes right, is left as it was.
* poppler reads glyphs by where they are drawn and moves punctuation across directions;
  invisible marks keep it in place (`reader_marks`).

Copied text therefore carries a few RLMs and LRMs, invisible, each where it belongs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from outreach.core.text_lines import Glyph, PdfGlyph, TextPiece, TextRun
from outreach.fonts import FontBook
from outreach.text.pdfium_reading import (
    RLM,
    direction_segments,
    pdfium_reads,
    reading_key,
    written_text,
)
from outreach.text.reader_marks import (
    MARK_INSET,
    inkless_mark,
    marked_for_poppler,
    with_brackets_marked,
    with_trailing_punctuation_marked,
)


def _segment_order(text: str, *, reverse_neutrals: bool) -> list[int]:
    """Indices of `text`, its segments from the last to the first, each read forward.

    With `reverse_neutrals`, neutral segments are written backwards, for when pdfium reads
    them as right to left.
    """
    order: list[int] = []
    start = 0
    spans = []
    for cls, segment in direction_segments(text):
        spans.append((cls, range(start, start + len(segment))))
        start += len(segment)
    for cls, span in reversed(spans):
        order.extend(reversed(span) if reverse_neutrals and cls == "N" else span)
    return order


def in_reading_order(runs: Sequence[TextRun], source: str, fonts: FontBook) -> tuple[TextRun, ...]:
    """The line's runs, rewritten where that makes pdfium and poppler read `source`.

    Left-to-right runs are written in the order pdfium reverses; marks keep poppler
    from reading punctuation or a number out of place (`reader_marks`).

    Args:
        runs: the line's runs in visual order, their pieces planned (`extraction`).
        source: the line's text in reading order.
        fonts: to look up the glyphs of runs that were not shaped.
    """
    runs = marked_for_poppler(runs, fonts)
    runs = with_brackets_marked(_in_pdfium_order(runs, source, fonts), source, fonts)
    return with_trailing_punctuation_marked(runs, fonts)


def _in_pdfium_order(runs: Sequence[TextRun], source: str, fonts: FontBook) -> tuple[TextRun, ...]:
    """The runs, left-to-right ones written in another order if pdfium then reads `source`."""
    movable = {
        index: glyphs
        for index, run in enumerate(runs)
        if run.direction == "ltr"
        and len(direction_segments(run.text)) > 1
        and (glyphs := _one_glyph_per_character(run, fonts)) is not None
    }
    if not movable:
        return tuple(runs)
    expected = reading_key(source)
    written = [written_text(run) for run in runs]
    if reading_key(pdfium_reads("".join(written))) == expected:
        return tuple(runs)
    for reverse_neutrals in (False, True):
        orders = {
            index: _segment_order(runs[index].text, reverse_neutrals=reverse_neutrals)
            for index in movable
        }
        for marks in (0, 1, 2):
            attempt = list(written)
            for index, order in orders.items():
                text = "".join(runs[index].text[i] for i in order)
                attempt[index] = RLM * min(marks, 1) + text + RLM * (marks // 2)
            if reading_key(pdfium_reads("".join(attempt))) == expected:
                out = list(runs)
                for index, order in orders.items():
                    out[index] = _rewritten(runs[index], movable[index], order, marks, fonts)
                return tuple(out)
    return tuple(runs)


def _one_glyph_per_character(run: TextRun, fonts: FontBook) -> tuple[Glyph, ...] | None:
    """The run's glyphs if each character is one glyph on the baseline (else None).

    A run that was not shaped gets the glyphs ReportLab would draw for it: the cmap's,
    with the font's advance widths.
    """
    if run.glyphs:
        clusters = [glyph.cluster for glyph in run.glyphs]
        simple = (
            clusters == list(range(len(run.text)))
            and all(glyph.dy == 0 for glyph in run.glyphs)
            and all(piece.actual_text is None for piece in run.pieces)
        )
        return run.glyphs if simple else None
    return fonts.cmap_glyphs(run.font, run.text, run.size)


def _rewritten(
    run: TextRun, glyphs: tuple[Glyph, ...], order: list[int], marks: int, fonts: FontBook
) -> TextRun:
    """The run drawn as before, its glyphs written in `order`, between `marks` marks.

    A mark is the font's space glyph (no ink, nothing drawn) under a code that says RLM.
    pdfium reads the first one before the run and the second after it, and takes no gap
    for a space, since each is reached by moving left; poppler, which reads by place,
    finds them just inside the run's right end and just outside its left end, where
    they keep out of the run's text.
    """
    origins = []
    pen = 0.0
    for glyph in glyphs:
        origins.append(pen + glyph.dx)
        pen += glyph.advance
    width = pen
    drawn = []
    pen = 0.0
    for index in order:
        glyph = glyphs[index]
        text = run.text[index]
        drawn.append(
            PdfGlyph(glyph.id, glyph.advance, origins[index] - pen, 0.0, text, glyph.advance)
        )
        pen += glyph.advance
    if marks:  # the pen is back at 0 after the first mark, and at `width` before the second
        first = inkless_mark(run, fonts, RLM, width - MARK_INSET)
        last = inkless_mark(run, fonts, RLM, -MARK_INSET - width)
        if first is not None and last is not None:
            drawn.insert(0, first)
            if marks > 1:
                drawn.append(last)
    return replace(run, glyphs=glyphs, pieces=(TextPiece((tuple(drawn),)),))
