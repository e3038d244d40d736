"""Shaped glyphs -> the pieces the PDF writes, so that copying them gives the source text.

Input: a run's source text, its shaped glyphs in visual order and its direction. Output:
`document.TextPiece`s: the same glyphs at the same places, each mapped to the text a
reader should take from it (the font's ToUnicode entry for its character code), grouped
under /ActualText where no single glyph can say it.

Why these pieces (issue 5; measured with pdfium, the reader behind Chrome and pypdfium2,
and poppler, behind pdftotext, on every fa, prs, ar, hi, pa and km translation of the
pack, at 11 and 30 pt):

* Glyphs stay in visual order, and the readers reorder what they read: both take a line
  left to right and reverse right-to-left text themselves, /ActualText included. So a
  whole line's source text as one /ActualText came out reversed (the old design).
* A glyph that is the only glyph of a one-character cluster says its own character
  through ToUnicode, even a contextual form or a mirrored bracket without a cmap entry.
* Where a character is drawn with several glyphs (Noto Sans Arabic draws the dots of
  ب ت ن ش ی... as glyphs of their own; Khmer and Gurmukhi split and stack vowels) or a
  glyph draws several characters, the glyphs need /ActualText. Left to right, readers
  keep /ActualText in its order wherever it is: a shaped run that needs it gets one span.
* Right to left, pdfium does not reverse a run of right-to-left characters that begins,
  on the left, with /ActualText, but reverses that text when the span's first glyphs map
  to right-to-left letters; poppler reverses /ActualText like any text. So each word
  (run of right-to-left letters) that needs it gets one span covering exactly the word,
  its text in visual (reversed) order and its glyphs mapped to their letters: both
  readers turn it back. Smaller spans (per cluster, as Chrome writes them) or larger
  ones come out scrambled in pdfium.
* pdfium classes combining marks and joiners (ZWNJ, as in می‌شود) apart from letters, so
  they end a right-to-left word, and it drops a text piece without ink, which would glue
  the two words around a ZWNJ into one. Each is written as an invisible glyph (text render
  mode 3) at its place between the words, carrying the character; a mark's visible glyph
  rides, without text, in the span of the word it is drawn over.
* pdfium reads a line's text pieces sorted by where they start, takes line breaks and word
  spaces from a span's first piece, and splits a span whose pieces are not read one after
  another; poppler places a span's text between the start of its first glyph and the end
  of its last. Inside a span the letters are therefore drawn first, on the baseline, each
  with its cluster's advance; glyphs above and below follow, written as wide as their
  letter; an invisible glyph marks where the word ends; and invisible glyphs between two
  words move left of a word whose first letter is kerned left of its pen.

Drawing is unchanged: every visible glyph lands where the shaper put it, invisible glyphs
draw nothing, and the widths written for codes only tell readers where glyphs end.

Lines that mix directions (a URL, a Latin name or a number inside Persian) need more than
this, since each reader reorders them its own way: `reader_order.py` and `reader_marks.py`
plan them after the line is built. A limit of the reader, not of the file: pdfium
misplaces some marks drawn high above tall letters (tanwin on alef).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from outreach.core.text_lines import Glyph, PdfGlyph, TextPiece

_RIGHT_TO_LEFT = frozenset(("R", "AL"))


@dataclass(slots=True)
class _Cluster:
    """Glyphs that stand for one piece of the source text, in visual order."""

    text: str
    glyphs: list[tuple[Glyph, float]]  # (glyph, pen) with pen from the run's start
    start: float
    advance: float
    kind: str  # letter | separator | other

    @property
    def simple(self) -> bool:
        """One glyph for one character, on the baseline: its ToUnicode entry says it all."""
        return len(self.glyphs) == 1 and len(self.text) == 1 and self.glyphs[0][0].dy == 0

    def bearer(self) -> int:
        """Index of the glyph that carries the cluster's advance (the letter, not its dots)."""
        return max(range(len(self.glyphs)), key=lambda i: (self.glyphs[i][0].advance, -i))


@dataclass(slots=True)
class _Group:
    """A word (letters) or a single other cluster, in visual order."""

    word: bool
    clusters: list[_Cluster]
    riders: list[tuple[Glyph, float]] = field(default_factory=list)  # marks drawn over it
    lead: int | None = None  # glyph id of an invisible glyph that carries a separator


def text_pieces(text: str, glyphs: Sequence[Glyph], *, rtl: bool) -> tuple[TextPiece, ...]:
    """The pieces that draw `glyphs` (visual order) and give back `text` when copied.

    Args:
        text: the run's source text, in reading order; glyph clusters index it.
        glyphs: the run's shaped glyphs, left to right, in points.
        rtl: the run's direction.
    """
    clusters = list(_clusters(text, glyphs, rtl=rtl))
    groups = _groups(clusters, rtl=rtl)
    if rtl:
        _seat_separators(groups)
    return _kept_apart(list(_pieces(groups, rtl=rtl)))


def _starts(piece: TextPiece, pen: float) -> tuple[list[float], float]:
    """Where each text object of the piece starts (its first glyph), and the pen after it.

    Render draws each group as one text object per run of glyphs of one height and
    visibility; a reader places the object at its first glyph's origin.
    """
    starts = []
    for group in piece.groups:
        previous: tuple[float, bool] | None = None
        for glyph in group:
            key = (glyph.dy, glyph.invisible)
            if key != previous:
                starts.append(pen + glyph.dx)
                previous = key
            pen += glyph.advance
    return starts, pen


def _kept_apart(pieces: list[TextPiece]) -> tuple[TextPiece, ...]:
    """Move invisible glyphs left of a word that starts left of its pen.

    pdfium reads the text objects of a line sorted by where they start, and reads a span
    as the objects between its first and the next object outside it. A word whose first
    letter is kerned left of its pen (ر after a ZWNJ or a mark) would start before the
    invisible glyphs at that pen (the carrier, the last word's end marker), which would
    then split both spans. They move to just left of it; nothing visible moves.
    """
    pen = 0.0
    pens = []
    for piece in pieces:
        pens.append(pen)
        pen = _starts(piece, pen)[1]
    for index in range(len(pieces) - 1, 0, -1):
        first = min(_starts(pieces[index], pens[index])[0], default=pens[index])
        limit = first - 0.01
        back = index - 1
        while back >= 0 and pieces[back].groups and _ends_invisible(pieces[back]):
            pieces[back] = _moved_end(pieces[back], pens[back], limit)
            if pieces[back].actual_text is not None:
                break  # the word before: its end marker moved; its letters stay
            back -= 1
    return tuple(pieces)


def _ends_invisible(piece: TextPiece) -> bool:
    return piece.groups[-1][-1].invisible


def _moved_end(piece: TextPiece, pen: float, limit: float) -> TextPiece:
    """The piece with its last (invisible) glyph drawn no further right than `limit`."""
    *_, after = _starts(piece, pen)
    last = piece.groups[-1][-1]
    origin = after - last.advance + last.dx
    if origin <= limit:
        return piece
    moved = PdfGlyph(
        last.id, last.advance, last.dx - (origin - limit), last.dy, last.text, last.width, True
    )
    return TextPiece((*piece.groups[:-1], (*piece.groups[-1][:-1], moved)), piece.actual_text)


def _kind(text: str, *, rtl: bool) -> str:
    if text and all(unicodedata.bidirectional(c) in _RIGHT_TO_LEFT for c in text):
        return "letter"
    categories = {unicodedata.category(c) for c in text}
    if rtl and text and all(c == "Cf" or c.startswith("M") for c in categories):
        return "separator"
    if text and all(c[0] in "LM" or c == "Cf" for c in categories):
        return "letter"
    return "other"


def _clusters(text: str, glyphs: Sequence[Glyph], *, rtl: bool) -> Iterator[_Cluster]:
    """The glyphs grouped by cluster, each with the source text it stands for."""
    starts = sorted({glyph.cluster for glyph in glyphs})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    pen = 0.0
    placed: list[tuple[Glyph, float]] = []
    for glyph in glyphs:
        placed.append((glyph, pen))
        pen += glyph.advance
    for cluster, members in groupby(placed, key=lambda item: item[0].cluster):
        members_list = list(members)
        piece = text[cluster : ends[cluster]]
        yield _Cluster(
            piece,
            members_list,
            members_list[0][1],
            sum(glyph.advance for glyph, _ in members_list),
            _kind(piece, rtl=rtl),
        )


def _groups(clusters: list[_Cluster], *, rtl: bool) -> list[_Group]:
    """Right to left: words and the clusters between them. Left to right: the whole run.

    Left to right, readers keep /ActualText in its order wherever it is, and one span per
    run has fewest edges for pdfium to misplace (a Khmer mark hanging past a word's end
    would otherwise be read among the next word's pieces).
    """
    if not rtl:
        return [_Group(True, clusters)]
    groups: list[_Group] = []
    for cluster in clusters:
        word = cluster.kind == "letter"
        if word and groups and groups[-1].word:
            groups[-1].clusters.append(cluster)
        else:
            groups.append(_Group(word, [cluster]))
    return groups


def _seat_separators(groups: list[_Group]) -> None:
    """Give each mark or joiner that ends a right-to-left word an invisible carrier.

    The carrier is drawn at the separator's place with the glyph of a neighbouring letter
    (any glyph with ink will do: pdfium drops text pieces without ink). The visible glyphs
    of a mark ride, without text, in the span of the word they are drawn over; a joiner's
    own glyph is empty and is left out.
    """
    for index, group in enumerate(groups):
        cluster = group.clusters[0]
        if group.word or cluster.kind != "separator" or cluster.advance != 0:
            continue
        left = groups[index - 1] if index > 0 and groups[index - 1].word else None
        right = groups[index + 1] if index + 1 < len(groups) and groups[index + 1].word else None
        neighbour = right or left
        if neighbour is None:
            continue
        if _is_mark(cluster.text):
            # ride in the word the mark is drawn over: its origin tells which side
            origin = min(pen + glyph.dx for glyph, pen in cluster.glyphs)
            home = left if left is not None and origin < cluster.start else neighbour
            home.riders.extend(cluster.glyphs)
        letter = neighbour.clusters[0] if neighbour is right else neighbour.clusters[-1]
        group.lead = letter.glyphs[letter.bearer()][0].id


def _is_mark(text: str) -> bool:
    return bool(text) and all(unicodedata.category(c).startswith("M") for c in text)


def _pieces(groups: list[_Group], *, rtl: bool) -> Iterator[TextPiece]:
    plain: list[PdfGlyph] = []
    for group in groups:
        if group.lead is not None:
            if plain:
                yield TextPiece((tuple(plain),))
                plain = []
            carrier = PdfGlyph(group.lead, 0.0, 0.0, 0.0, group.clusters[0].text, 0.0, True)
            yield TextPiece(((carrier,),))
            continue
        if all(cluster.simple for cluster in group.clusters) and not group.riders:
            for cluster in group.clusters:
                glyph = cluster.glyphs[0][0]
                plain.append(_plain(glyph, cluster.text))
            continue
        if plain:
            yield TextPiece((tuple(plain),))
            plain = []
        yield _span(group, rtl=rtl)
    if plain:
        yield TextPiece((tuple(plain),))


def _plain(glyph: Glyph, text: str) -> PdfGlyph:
    """A glyph that says its own character; its width ends it where the next one starts."""
    return PdfGlyph(glyph.id, glyph.advance, glyph.dx, glyph.dy, text, glyph.advance)


def _span(group: _Group, *, rtl: bool) -> TextPiece:
    """One /ActualText span for a word: letters on the baseline first, then the rest.

    The first group draws each cluster's widest glyph (the letter) with the cluster's
    advance, and the cluster's other glyphs at the same height right after it, so it ends
    where the word ends; every other glyph follows, by height, drawn back from the word's
    end. The last glyph of each group is given a width that ends it at the word's end.
    """
    clusters = group.clusters
    start = clusters[0].start
    end = start + sum(cluster.advance for cluster in clusters)
    first: list[PdfGlyph] = []
    rest: list[tuple[Glyph, str, float, float]] = []  # glyph, its text, origin, width
    letter = (end - start) / len(clusters)  # a typical letter's width, for marks of their own
    for cluster in clusters:
        if cluster.advance == 0:
            # a mark of its own (Gurmukhi bindi): on the baseline it is drawn with the
            # letters, so that it cannot start a text object of its own past the word's end
            for glyph, pen in cluster.glyphs:
                if glyph.dy == 0 and first:
                    after = cluster.start
                    first.append(
                        PdfGlyph(glyph.id, 0.0, pen + glyph.dx - after, 0.0, cluster.text, 0.0)
                    )
                else:
                    rest.append((glyph, cluster.text, pen + glyph.dx, letter))
            continue
        bearer = cluster.bearer()
        base, base_pen = cluster.glyphs[bearer]
        after = cluster.start + cluster.advance
        first.append(
            PdfGlyph(
                base.id,
                cluster.advance,
                base_pen + base.dx - cluster.start,
                base.dy,
                cluster.text,
                cluster.advance,
            )
        )
        for index, (glyph, pen) in enumerate(cluster.glyphs):
            if index == bearer:
                continue
            if glyph.dy == base.dy:
                first.append(
                    PdfGlyph(glyph.id, 0.0, pen + glyph.dx - after, glyph.dy, cluster.text, 0.0)
                )
            else:
                rest.append((glyph, cluster.text, pen + glyph.dx, cluster.advance))
    rest[:0] = [(glyph, "", pen + glyph.dx, letter) for glyph, pen in group.riders]
    groups: list[tuple[PdfGlyph, ...]] = []
    pen = start
    if first:
        groups.append(_ending_at(first, start, end))
        pen = end
    for _, height in groupby(rest, key=lambda item: item[0].dy):
        part = list(height)
        drawn = [
            PdfGlyph(glyph.id, 0.0, origin - pen, glyph.dy, text, width)
            for glyph, text, origin, width in part
        ]
        # Glyphs off the baseline are written as wide as the letter they belong to: pdfium
        # takes a piece that is too high for its width for a new line, and two lines for one
        # if it is too wide. If they start left of the word, pdfium reads the word from
        # them, and judges the space after it by where they end.
        if part[0][2] < start:
            drawn[-1:] = _ending_at(drawn[-1:], pen, end)
        groups.append(tuple(drawn))
    if first and len(groups) > 1:
        # poppler reads a span from its first glyph to the end of its last one: end it with
        # an invisible copy of the last letter, drawn where the word ends, zero wide
        last = first[-1]
        groups.append((PdfGlyph(last.id, 0.0, end - pen, 0.0, "", 0.0, True),))
    if rtl:
        actual = "".join(cluster.text[::-1] for cluster in clusters)
    else:
        actual = "".join(cluster.text for cluster in clusters)
    return TextPiece(tuple(groups), actual)


def _ending_at(glyphs: list[PdfGlyph], pen: float, end: float) -> tuple[PdfGlyph, ...]:
    """The glyphs (drawn from `pen`), the last one's width making it end at `end`."""
    for glyph in glyphs[:-1]:
        pen += glyph.advance
    last = glyphs[-1]
    width = max(end - (pen + last.dx), 0.0) if last.advance == 0 else last.width
    return (*glyphs[:-1], PdfGlyph(last.id, last.advance, last.dx, last.dy, last.text, width))
