"""Where a line mixes directions, write it so that pdfium and poppler read it in order.

pdfium (Chrome's viewer, pypdfium2) reads a line in the order its text is written: text
objects sorted by where they start, and in each object its glyphs in the order they are
written, wherever each is placed. It cuts that text into segments of one direction class
(strong left; weak: digits, their separators and marks; strong right; neutral). When the
line has more right-to-left segments than left-to-right ones, it reverses the order of
the segments, then reverses (and mirrors) the characters of each right-to-left segment
and of each neutral one read while right to left (CPDF_TextPage::CloseTempLine and
CFX_BidiString; `pdfium_reads` below is that procedure). So a URL drawn left to right
inside Persian was read `org.humantraffickinghotline://https`, a Latin name `Project
Polaris`.

A text object's glyphs may be written in any order, each placed where it belongs, so
such a run is written segment by segment from its right end: pdfium's reversal turns it
back, and the drawing does not change. If pdfium would read the line left to right
(more segments of Latin than of Persian, as in `از طریق https://...`), a RIGHT-TO-LEFT
MARK is written on each side of the run, where Unicode would have an author put one.
Each line is planned by running pdfium's procedure on the candidates; a line that
already reads right, or that no candidate makes right, is left as it was.

poppler (pdftotext) reads glyphs by where they are drawn, whatever their order. Its own
reordering joins ASCII punctuation and neighbouring left-to-right runs into one stretch
read left to right; an invisible glyph carrying RLM between them keeps them apart
(`_marked_for_poppler`). Copied text therefore carries a few RLMs, invisible, each
where it belongs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from itertools import groupby

from outreach.document import Glyph, PdfGlyph, TextPiece, TextRun
from outreach.fonts import FontBook

_RLM = "\u200f"
_LRM = "\u200e"
_MARK_INSET = 0.05  # pt: a mark sits this far inside the run's right end, outside its left
_WEAK = frozenset(("AN", "EN", "NSM", "CS", "ES", "ET", "BN"))
_MIRRORED = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_ONE_OF_A_PAIR = str.maketrans("([{<«‹", ")]}>»›")
_IGNORED = frozenset((" ", "\t", "\n", _LRM, _RLM))


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


def _segments(text: str) -> list[tuple[str, str]]:
    return [(cls, "".join(chars)) for cls, chars in groupby(text, key=pdfium_class)]


def pdfium_reads(written: str) -> str:
    """What pdfium gives for a line whose characters are written in this order."""
    collapsed: list[str] = []
    for char in written:
        if not (char == " " and collapsed and collapsed[-1] == " "):
            collapsed.append(char)
    segments = _segments("".join(collapsed))
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


def _key(text: str) -> str:
    """Text as compared: spaces and marks aside, and a bracket as good as its mirror.

    pdfium mirrors every bracket it reads right to left, whatever the order it is
    written in; a line whose other characters come out right is as right as it can be.
    """
    return "".join(c for c in text if c not in _IGNORED).translate(_ONE_OF_A_PAIR)


def _written(run: TextRun) -> str:
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


def _segment_order(text: str, *, reverse_neutrals: bool) -> list[int]:
    """Indices of `text`, its segments from the last to the first, each read forward.

    With `reverse_neutrals`, neutral segments are written backwards, for when pdfium reads
    them as right to left.
    """
    order: list[int] = []
    start = 0
    spans = []
    for cls, segment in _segments(text):
        spans.append((cls, range(start, start + len(segment))))
        start += len(segment)
    for cls, span in reversed(spans):
        order.extend(reversed(span) if reverse_neutrals and cls == "N" else span)
    return order


def in_reading_order(runs: Sequence[TextRun], source: str, fonts: FontBook) -> tuple[TextRun, ...]:
    """The line's runs, rewritten where that makes pdfium and poppler read `source`.

    Left-to-right runs are written in the order pdfium reverses; marks keep poppler
    from reading punctuation or a number out of place (`_marked_for_poppler`).

    Args:
        runs: the line's runs in visual order, their pieces planned (`extraction`).
        source: the line's text in reading order.
        fonts: to look up the glyphs of runs that were not shaped.
    """
    runs = _marked_for_poppler(runs, fonts)
    runs = _with_brackets_marked(_in_pdfium_order(runs, source, fonts), source, fonts)
    return _with_trailing_punctuation_marked(runs, fonts)


def _in_pdfium_order(runs: Sequence[TextRun], source: str, fonts: FontBook) -> tuple[TextRun, ...]:
    """The runs, left-to-right ones written in another order if pdfium then reads `source`."""
    movable = {
        index: glyphs
        for index, run in enumerate(runs)
        if run.direction == "ltr"
        and len(_segments(run.text)) > 1
        and (glyphs := _one_glyph_per_character(run, fonts)) is not None
    }
    if not movable:
        return tuple(runs)
    expected = _key(source)
    written = [_written(run) for run in runs]
    if _key(pdfium_reads("".join(written))) == expected:
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
                attempt[index] = _RLM * min(marks, 1) + text + _RLM * (marks // 2)
            if _key(pdfium_reads("".join(attempt))) == expected:
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
    places = [origins[index] for index in order]
    written = [(glyphs[index], run.text[index]) for index in order]
    space = fonts.cmap_glyphs(run.font, " ", run.size)
    if marks and space is not None:
        mark = Glyph(space[0].id, 0.0, 0.0, 0.0, 0)
        places.insert(0, width - _MARK_INSET)
        written.insert(0, (mark, _RLM))
        if marks > 1:
            places.append(-_MARK_INSET)
            written.append((mark, _RLM))
    drawn = []
    pen = 0.0
    for (glyph, text), place in zip(written, places, strict=True):
        drawn.append(PdfGlyph(glyph.id, glyph.advance, place - pen, 0.0, text, glyph.advance))
        pen += glyph.advance
    return replace(run, glyphs=glyphs, pieces=(TextPiece((tuple(drawn),)),))


def _marked_for_poppler(runs: Sequence[TextRun], fonts: FontBook) -> list[TextRun]:
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
        if before is not None and _ascii_punctuation(ending[-1]):
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
    space = fonts.cmap_glyphs(run.font, " ", run.size)
    last = run.pieces[-1]
    if space is None or last.actual_text is not None or not last.groups[-1]:
        return run
    glyph = last.groups[-1][-1]
    if glyph.invisible or glyph.text != run.text[0]:
        return run
    mark = PdfGlyph(space[0].id, 0.0, -_MARK_INSET, 0.0, _RLM, 0.0)
    groups = (*last.groups[:-1], (*last.groups[-1], mark))
    return replace(run, pieces=(*run.pieces[:-1], TextPiece(groups)))


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
    carrier = PdfGlyph(inked[0].id, 0.0, x, 0.0, _RLM, 0.0, True)
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
            carrier = PdfGlyph(glyph.id, 0.0, glyph.dx - _MARK_INSET, 0.0, _RLM, 0.0, True)
            split = [TextPiece((group[:place],))] if place else []
            split += [TextPiece(((carrier,),)), TextPiece((group[place:],))]
            pieces[number : number + 1] = split
            return replace(run, pieces=tuple(pieces))
    return run


def _with_brackets_marked(
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
    read = "".join(c for c in pdfium_reads("".join(map(_written, marked))) if c not in _IGNORED)
    if read != "".join(c for c in source if c not in _IGNORED):
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
    space = fonts.cmap_glyphs(run.font, " ", run.size)
    if space is None:
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
                    glyphs.append(PdfGlyph(space[0].id, 0.0, -_MARK_INSET, 0.0, _LRM, 0.0))
            groups.append(tuple(glyphs))
        pieces.append(TextPiece(tuple(groups)))
    return replace(run, pieces=tuple(pieces))


def _with_trailing_punctuation_marked(
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
    for index, run in enumerate(runs):
        following = runs[index + 1] if index + 1 < len(runs) else None
        if run.direction != "ltr" or not run.text or not _poppler_neutral(run.text[-1]):
            continue
        if following is not None and following.direction != "rtl":
            continue
        candidate = [*out[:index], _mark_at_end(run, fonts, _LRM), *out[index + 1 :]]
        read = _key(pdfium_reads("".join(map(_written, out))))
        if _key(pdfium_reads("".join(map(_written, candidate)))) == read:
            out = candidate
    return tuple(out)


def _poppler_neutral(char: str) -> bool:
    """Punctuation poppler does not count as left to right: ASCII, or a bracket."""
    return _ascii_punctuation(char) or bool(unicodedata.mirrored(char))


def _mark_at_end(run: TextRun, fonts: FontBook, mark_text: str) -> TextRun:
    """The run with an inkless glyph saying `mark_text` written after its last character.

    The mark is drawn just inside the end of that character's glyph, at the run's right
    end, and written right after it: a run written in another order for pdfium
    (`_rewritten`) writes that glyph first, and a jump right to a mark written last
    would read as a space.
    """
    space = fonts.cmap_glyphs(run.font, " ", run.size)
    if space is None:
        return run
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
    mark = PdfGlyph(space[0].id, 0.0, end - _MARK_INSET - after, 0.0, mark_text, 0.0)
    piece = run.pieces[p_index]
    group = piece.groups[g_index]
    groups = list(piece.groups)
    groups[g_index] = (*group[: index + 1], mark, *group[index + 1 :])
    pieces = list(run.pieces)
    pieces[p_index] = TextPiece(tuple(groups), piece.actual_text)
    return replace(run, pieces=tuple(pieces))
