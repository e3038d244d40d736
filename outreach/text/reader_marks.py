"""Invisible marks that keep each reader from moving punctuation across directions.

poppler (pdftotext) reads glyphs by where they are drawn, whatever order they are written
in, and reorders a right-to-left line itself, from the right: every stretch without
right-to-left letters, ASCII punctuation and brackets included, is one left-to-right
stretch. So it read the colon of `تماس بگیرید: 1-888-373-7888` after the number, the
full stop of `911.` before it, and two Latin runs with a space between as one. pdfium
mirrors a bracket it reads right to left. An RLM or LRM where Unicode would have an
author put one, carried by a glyph that draws nothing, keeps each in its place; each
mark is kept only where pdfium's reading (`pdfium_reading`) stays right.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from outreach.core.text_lines import PdfGlyph, TextPiece, TextRun
from outreach.fonts import FontBook
from outreach.text.pdfium_reading import (
    LRM,
    RLM,
    pdfium_class,
    pdfium_reads,
    reading_key,
    written_text,
)

MARK_INSET = 0.05  # pt: a mark sits this far inside the run's end, or outside its start


def inkless_mark(run: TextRun, fonts: FontBook, mark: str, dx: float) -> PdfGlyph | None:
    """A glyph that draws nothing (the font's space) and says `mark`, `dx` from its pen.

    Written inside a text object, next to the glyph it belongs with, so that no reader
    sees a gap (None if the font has no space).
    """
    space = fonts.cmap_glyphs(run.font, " ", run.size)
    return None if space is None else PdfGlyph(space[0].id, 0.0, dx, 0.0, mark, 0.0)


def marked_for_poppler(runs: Sequence[TextRun], fonts: FontBook) -> list[TextRun]:
    """Runs with an RLM where poppler would join left-to-right text across Persian.

    poppler reads a right-to-left line from the right, and takes every stretch without
    right-to-left letters, ASCII punctuation included, as one left-to-right stretch.
    In `تماس بگیرید: 1-888-373-7888` the colon ends the Persian run and is drawn left of
    it, with the number further left, so poppler read the colon after the number; and
    two left-to-right runs with only a space between them (a number, then a URL) were
    read as one, left to right. An invisible glyph carrying RLM ends the stretch: just
    left of the punctuation, or in the space. pdfium reads each mark where it belongs
    too.
    """
    out = list(runs)
    for index, run in enumerate(out):
        if run.direction != "rtl" or not run.pieces:
            continue
        before = out[index - 1] if index > 0 else None  # drawn left of it: read after it
        after = out[index + 1] if index + 1 < len(out) else None
        if before is not None and before.direction != "ltr":
            before = None
        if after is not None and after.direction != "ltr":
            after = None
        ending = run.text.rstrip()
        if not ending:
            if before is not None and after is not None:
                out[index] = _carrier_at(run, run.width / 2, fonts)
            continue
        if before is not None and _joins_numbers(ending[-1]):
            out[index] = _carrier_before(out[index], ending[-1])
        if after is not None and pdfium_class(run.text.lstrip()[0]) != "R":
            out[index] = _mark_at_right_end(out[index], fonts)
    return out


def _mark_at_right_end(run: TextRun, fonts: FontBook) -> TextRun:
    """The run with an inkless RLM glyph written after the glyph at its right end.

    The run begins with punctuation (`.` after `911`, `(` after `CAST`), which poppler
    would read with the left-to-right run on its right; the glyph at its right end is
    its first character, the punctuation or a space before it.
    """
    last = run.pieces[-1]
    mark = inkless_mark(run, fonts, RLM, -MARK_INSET)
    if mark is None or last.actual_text is not None or not last.groups[-1]:
        return run
    glyph = last.groups[-1][-1]
    if glyph.invisible or glyph.text != run.text[0]:
        return run
    groups = (*last.groups[:-1], (*last.groups[-1], mark))
    return replace(run, pieces=(*run.pieces[:-1], TextPiece(groups)))


def _joins_numbers(char: str) -> bool:
    """Punctuation poppler reads with a number or Latin text: ASCII, or a separator (`،`)."""
    return _ascii_punctuation(char) or unicodedata.bidirectional(char) in ("CS", "ES")


def _ascii_punctuation(char: str) -> bool:
    """`:`, `.`, `-`...: what poppler joins to left-to-right text; brackets aside."""
    return (
        ord(char) < 0x80
        and not char.isalnum()
        and not char.isspace()
        and not unicodedata.mirrored(char)
    )


def _carrier_at(run: TextRun, x: float, fonts: FontBook) -> TextRun:
    """The run with an invisible RLM glyph at `x` from its start.

    pdfium drops a text object without ink, so the invisible glyph is one that has some.
    """
    inked = fonts.cmap_glyphs(run.font, "-", run.size)
    if inked is None:
        return run
    carrier = PdfGlyph(inked[0].id, 0.0, x, 0.0, RLM, 0.0, True)
    return replace(run, pieces=(TextPiece(((carrier,),)), *run.pieces))


def _carrier_before(run: TextRun, char: str) -> TextRun:
    """The run with an invisible RLM glyph just left of the first `char` it draws.

    The run is drawn left to right, so after the spaces that end it, `char` comes
    first; if it is not drawn as a glyph of its own there, the run is left as it was.
    """
    pieces = list(run.pieces)
    for number, piece in enumerate(pieces):
        if piece.actual_text is not None or len(piece.groups) != 1:
            return run
        group = piece.groups[0]
        for place, glyph in enumerate(group):
            if glyph.text.isspace():
                continue
            if glyph.text != char:
                return run
            carrier = PdfGlyph(glyph.id, 0.0, glyph.dx - MARK_INSET, 0.0, RLM, 0.0, True)
            split = [TextPiece((group[:place],))] if place else []
            split += [TextPiece(((carrier,),)), TextPiece((group[place:],))]
            pieces[number : number + 1] = split
            return replace(run, pieces=tuple(pieces))
    return run


def with_brackets_marked(
    runs: tuple[TextRun, ...], source: str, fonts: FontBook
) -> tuple[TextRun, ...]:
    """The runs with an LRM after each bracket of right-to-left text, if that helps pdfium.

    pdfium mirrors a bracket it reads right to left, which it does unless a left-to-right
    character was read just before. A glyph without ink (the font's space) under a code
    that says LRM, written right after the bracket in the same text object, is read just
    before it; poppler, which does not mirror, reads the mark next to the bracket too.
    The marks are kept only if pdfium then reads every bracket the right way round.
    """
    if not any(unicodedata.mirrored(c) for c in source):
        return runs
    marked = tuple(
        _lrm_after_brackets(run, fonts)
        if run.direction == "rtl" and _brackets_around_right_to_left_text(run.text)
        else run
        for run in runs
    )
    read = pdfium_reads("".join(map(written_text, marked)))
    if reading_key(read, mirrors_alike=False) != reading_key(source, mirrors_alike=False):
        return runs
    return marked


def _brackets_around_right_to_left_text(text: str) -> bool:
    """Every bracket of `text` has a right-to-left letter inside it, next to it.

    A mark next to a bracket that holds left-to-right text (`(CSEC)`) would be read by
    poppler as part of that text, with the bracket.
    """
    found = False
    for index, char in enumerate(text):
        if not unicodedata.mirrored(char):
            continue
        found = True
        opening = unicodedata.category(char) in ("Ps", "Pi")
        inside = index + 1 if opening else index - 1
        if not 0 <= inside < len(text) or pdfium_class(text[inside]) != "R":
            return False
    return found


def _lrm_after_brackets(run: TextRun, fonts: FontBook) -> TextRun:
    """The run with an LRM written after each bracket that is a glyph of its own."""
    mark = inkless_mark(run, fonts, LRM, -MARK_INSET)
    if mark is None:
        return run
    pieces: list[TextPiece] = []
    for piece in run.pieces:
        if piece.actual_text is not None:
            pieces.append(piece)
            continue
        groups = []
        for group in piece.groups:
            glyphs: list[PdfGlyph] = []
            for glyph in group:
                glyphs.append(glyph)
                if len(glyph.text) == 1 and unicodedata.mirrored(glyph.text):
                    glyphs.append(mark)
            groups.append(tuple(glyphs))
        pieces.append(TextPiece(tuple(groups)))
    return replace(run, pieces=tuple(pieces))


def with_trailing_punctuation_marked(
    runs: tuple[TextRun, ...], fonts: FontBook
) -> tuple[TextRun, ...]:
    """Left-to-right runs that end in punctuation on their right, with an LRM after it.

    In `... Attorney's Office) با` the bracket ends the Latin run at its right, where
    poppler, reading from the right, takes it for right-to-left punctuation and reads it
    first: `) Attorney's Office`. An inkless glyph saying LRM, just inside the run's right
    end, makes it part of the left-to-right stretch. Kept only where pdfium reads the
    line as it did without it.
    """
    out = list(runs)
    read = reading_key(pdfium_reads("".join(map(written_text, out))))
    for index, run in enumerate(runs):
        following = runs[index + 1] if index + 1 < len(runs) else None
        if run.direction != "ltr" or not run.text or not _poppler_neutral(run.text[-1]):
            continue
        if following is not None and following.direction != "rtl":
            continue
        candidate = [*out[:index], _mark_at_end(run, fonts, LRM), *out[index + 1 :]]
        if reading_key(pdfium_reads("".join(map(written_text, candidate)))) == read:
            out = candidate
    return tuple(out)


def _poppler_neutral(char: str) -> bool:
    """Punctuation poppler does not count as left to right: ASCII, or a bracket.

    A number's own signs (`%`, `$`: class ET) go with the number for poppler too.
    """
    if unicodedata.bidirectional(char) == "ET":
        return False
    return _ascii_punctuation(char) or bool(unicodedata.mirrored(char))


def _mark_at_end(run: TextRun, fonts: FontBook, mark_text: str) -> TextRun:
    """The run with an inkless glyph saying `mark_text` written after its last character.

    The mark is drawn just inside the end of that character's glyph, at the run's right
    end, and written right after it: a run written in another order for pdfium
    (`_rewritten`) writes that glyph first, and a jump right to a mark written last
    would read as a space.
    """
    if not run.pieces:
        glyphs = fonts.cmap_glyphs(run.font, run.text, run.size)
        if glyphs is None:
            return run
        drawn = tuple(
            PdfGlyph(glyph.id, glyph.advance, 0.0, 0.0, char, glyph.advance)
            for glyph, char in zip(glyphs, run.text, strict=True)
        )
        run = replace(run, glyphs=glyphs, pieces=(TextPiece((drawn,)),))
    last = run.text[-1]
    pen = 0.0
    best: tuple[float, int, int, int, float] | None = None  # end, piece, group, glyph, pen
    for p_index, piece in enumerate(run.pieces):
        for g_index, group in enumerate(piece.groups):
            for index, glyph in enumerate(group):
                origin = pen + glyph.dx
                pen += glyph.advance
                if glyph.text == last and not glyph.invisible:
                    end = origin + glyph.advance
                    if best is None or end > best[0]:
                        best = (end, p_index, g_index, index, pen)
    if best is None or run.pieces[best[1]].actual_text is not None:
        return run
    end, p_index, g_index, index, after = best
    mark = inkless_mark(run, fonts, mark_text, end - MARK_INSET - after)
    if mark is None:
        return run
    piece = run.pieces[p_index]
    group = piece.groups[g_index]
    groups = list(piece.groups)
    groups[g_index] = (*group[: index + 1], mark, *group[index + 1 :])
    pieces = list(run.pieces)
    pieces[p_index] = TextPiece(tuple(groups), piece.actual_text)
    return replace(run, pieces=tuple(pieces))
