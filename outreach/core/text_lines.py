"""Set text as the Document holds it: shaped glyphs, runs in one font and colour, lines.

Split from `document.py`, which places these lines in text items on pages; the
structure roles a tagged PDF gives each line are named here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from outreach.core.diagnostics import Location
from outreach.core.values import value_methods

# Structure roles (PDF 32000-1, 14.8.4): what a reader of a tagged PDF is told an item is.
ARTIFACT = "Artifact"  # drawn, but skipped by readers: marks, slug, decoration
PARAGRAPH = "P"
LIST_ITEM = "LI"  # a bulleted paragraph: its bullet run is the label, the rest the body
HEADINGS = ("H1", "H2", "H3", "H4", "H5", "H6")


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Paint:
    """A resolved colour: `rgb` (3 values) or `cmyk` (4 values), each 0..1."""

    space: str
    values: tuple[float, ...]
    # The palette colour it was made from (its name and where its values are written), so
    # an ink check can point at the colour as well as the item (issue 20).
    color: str | None = field(default=None, compare=False)
    origin: Location | None = field(default=None, compare=False)
    rich_black: bool = field(default=False, compare=False)

    def is_pure_black(self) -> bool:
        """100% K and nothing else (what press rules ask of small text and QR modules)."""
        return self.space == "cmyk" and self.values == (0.0, 0.0, 0.0, 1.0)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Glyph:
    """One shaped glyph, as HarfBuzz placed it.

    Its id in the run's font, advance and offsets in points (dy up), and the index in the
    run's text of the first character it stands for.
    """

    id: int
    advance: float
    dx: float
    dy: float
    cluster: int


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class PdfGlyph:
    """A glyph as the PDF writes it: where it is drawn, and what copying it gives.

    `advance`, `dx` and `dy` are in points, as drawn in its piece's order (which may differ
    from the shaper's: see `TextPiece`). `text` is what the glyph's character code maps
    to in the font's ToUnicode table (empty: nothing of its own, the piece's /ActualText
    speaks for it). `width`, in points, is the advance readers should judge word spaces
    and line breaks by; it is written in /Widths only for an `invisible` glyph (text
    render mode 3, draws nothing), since a drawn glyph's /Widths entry must be its advance
    in the font program (issue 19). The drawing positions every glyph itself and does not
    depend on widths.
    """

    id: int
    advance: float
    dx: float
    dy: float
    text: str
    width: float
    invisible: bool = False


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class TextPiece:
    """Consecutive glyphs of a shaped run, with the text a reader should take from them.

    `groups` are drawn one after another from where the previous piece ended, each group
    as its own text objects (one per height above the baseline). `actual_text`, when set,
    is written as /ActualText around the whole piece and replaces the glyphs' own text.
    Invisible glyphs draw nothing (text render mode 3): they are there for readers only
    (see `outreach.text.extraction`).
    """

    groups: tuple[tuple[PdfGlyph, ...], ...]
    actual_text: str | None = None


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class TextRun:
    """A piece of a line in one font: its text, and its offset from the line's start.

    `text` is always the source text of the run, in reading (logical) order. A run with
    `glyphs` was shaped by the text engine (Arabic script, Indic scripts, Khmer, and every
    right-to-left run), or is a left-to-right run inside right-to-left text whose cmap
    glyphs are written in another order for readers (`text/reader_order.py`): render
    draws exactly those glyphs, never the characters, as the `pieces` the text engine
    planned for them (the same glyphs, each placed where it belongs and mapped to the
    text a reader should take from it, in the order a reader should meet them). A run
    without glyphs is drawn as its characters. `direction` is the run's bidi direction,
    `ltr` or `rtl`.
    """

    text: str
    font: str
    size: float
    x: float
    width: float
    paint: Paint
    direction: str = "ltr"
    glyphs: tuple[Glyph, ...] = ()
    pieces: tuple[TextPiece, ...] = ()
    label: bool = False  # a list item's bullet (structure role Lbl)

    @property
    def shaped(self) -> bool:
        """True if the run is drawn from glyphs (shaped) rather than from characters."""
        return bool(self.glyphs)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class TextLine:
    """One line of text: left edge x, baseline y, and its runs from left to right.

    `direction` is the paragraph's direction. `source_text` is set when the runs, read left
    to right, do not spell the line (a right-to-left line): it is the line's source text
    in reading order. `role` is the structure role of the paragraph the line belongs to
    (`P`, `H1`...`H6`, `LI`), and `paragraph` that paragraph's index in its item: lines of
    one paragraph form one structure element.
    """

    x: float
    baseline: float
    width: float
    runs: tuple[TextRun, ...]
    direction: str = "ltr"
    source_text: str | None = None
    role: str = PARAGRAPH
    paragraph: int = 0

    @property
    def text(self) -> str:
        """The line's characters as read."""
        if self.source_text is not None:
            return self.source_text
        return "".join(run.text for run in self.runs)

    def moved(self, dx: float, dy: float) -> TextLine:
        """The same line shifted by (dx, dy), runs and all (placing a set box on a page)."""
        return replace(
            self,
            x=self.x + dx,
            baseline=self.baseline + dy,
            runs=tuple(replace(run, x=run.x + dx) for run in self.runs),
        )
