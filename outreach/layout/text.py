"""Set text into a box: spans, the text engine's lines, and fitting by shrinking.

Input: paragraphs (with `**bold**` runs, bullets and a language), a box and the font book.
Output: positioned `TextLine`s at the chosen size, or the best attempt marked as overflowing.
Text is never clipped here: an overflow is reported by the caller as `layout.overflow`.
Every material sets its text through `set_paragraphs`; the multilingual work (fonts per
script, bidi, shaping, UAX #14 line breaking) is done by `outreach.text`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from outreach.content.pack_languages import fonts_snippet
from outreach.core.text_lines import LIST_ITEM, PARAGRAPH, Paint, TextLine, TextRun
from outreach.core.values import value_methods
from outreach.fonts import FontBook
from outreach.text import scripts
from outreach.text.paragraph import (
    LineRange,
    PreparedParagraph,
    break_paragraph,
    build_line,
    prepare_paragraph,
)

_BOLD = re.compile(r"\*\*(.+?)\*\*")
BULLET = "\u2022"
SIZE_STEP = 0.5  # points; print designers shrink in half-point steps
# Adapt, then shrink (issue 16): the space after paragraphs is tried at these fractions of
# the role's before type gets smaller, and leading follows at a quarter of the step.
SPACINGS = (1.0, 0.85, 0.7, 0.55)
LEADING_FLOOR = 1.15  # a text slot's tightest leading (a flow's is its own: `flow.py`)
# White between one line's lowest ink and the next line's highest, in ems, for shaped
# text (issue 16): Latin at 1.2 leading keeps about 0.05 em between É and g; stacked Khmer,
# Arabic marks and Devanagari vowel signs reach further, and get the leading they need.
INK_CLEARANCE = 0.1
SIZE_TOLERANCE = 0.5  # points of type size the ink's leading may cost when text shrinks


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Span:
    """A run of characters in one weight."""

    text: str
    bold: bool


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Paragraph:
    """A paragraph to set: spans, its type size range, style and language.

    `regular_font` and `bold_font` are the fonts tried first; characters they lack fall
    back to the language's bundled font, Noto Sans, then every bundled family. `align` is
    logical: for a right-to-left language `left` means the start of the line (the right
    edge) and `right` its end, and the bullet hangs on the right.
    """

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
    language: str = "en"
    structure: str = PARAGRAPH  # its structure role in a tagged PDF (`P`, `H1`...)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class SetText:
    """The result of setting paragraphs into a box."""

    lines: tuple[TextLine, ...]
    height: float
    scale: float
    fits: bool
    line_count: int
    too_wide: str | None = None  # an unbreakable word that is wider than the box

    def placed(self, x: float, y: float) -> tuple[TextLine, ...]:
        """The lines with absolute positions, for a box whose top-left corner is (x, y).

        Lines of a `SetText` are relative to the box, and runs relative to their line;
        use this (rather than rebuilding `TextRun`s field by field) so shaped glyphs,
        their pieces, directions and source texts are carried over.
        """
        return tuple(
            TextLine(
                x + line.x,
                y + line.baseline,
                line.width,
                tuple(_shifted(run, x + line.x) for run in line.runs),
                line.direction,
                line.source_text,
                line.role,
                line.paragraph,
            )
            for line in self.lines
        )


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


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class MissingGlyph:
    """A character that no configured font can draw.

    With the font it fell to and the text around it, for the `font.missing-glyph` message.
    """

    char: str
    font: str
    text: str

    def message(self, where: str, language: str) -> str:
        """`character "X" (U+0058) in "...": ...`, lowercase as diagnostics are."""
        context = self.text
        name = unicodedata.name(self.char, "unnamed character").lower()
        return (
            f'character "{self.char}" (U+{ord(self.char):04X}) in "{context}" {where}'
            f"is not in any font for language `{language}` ({name}; tried `{self.font}` "
            "and every bundled font); it would print as nothing"
        )

    @staticmethod
    def hints(language: str, pack_root: str = "content/<pack>") -> tuple[str, ...]:
        """How to fix it: remove the character, or add a font for the language."""
        return (
            "remove or replace the character",
            f"or add a TrueType font that has it for `{language}` in {pack_root}/pack.yaml: "
            f"`{fonts_snippet(language)}` (paths relative to the pack folder)",
        )


def find_missing_glyphs(lines: tuple[TextLine, ...], fonts: FontBook) -> list[MissingGlyph]:
    """Every character of the lines that its run's font cannot draw (once per character).

    The text engine gives each character the first font that has it, so a character
    reported here is in no configured font at all.
    """
    found: dict[str, MissingGlyph] = {}
    for line in lines:
        for run in line.runs:
            for char in fonts.missing_glyphs(run.font, run.text):
                if char not in found:
                    found[char] = MissingGlyph(char, run.font, _context(lines, char))
    return list(found.values())


def _context(lines: tuple[TextLine, ...], char: str, reach: int = 30) -> str:
    """The text around the first occurrence of `char`, across line breaks."""
    text = " ".join(line.text for line in lines)
    index = text.find(char)
    start, end = max(0, index - reach), min(len(text), index + reach + 1)
    return ("..." if start else "") + text[start:end] + ("..." if end < len(text) else "")


def _shifted(run: TextRun, dx: float) -> TextRun:
    """The run moved right by dx (a direct constructor call: this is on every hot path)."""
    return TextRun(
        run.text,
        run.font,
        run.size,
        run.x + dx,
        run.width,
        run.paint,
        run.direction,
        run.glyphs,
        run.pieces,
        run.label,
    )


def _weight(font: str) -> str:
    return "bold" if font.endswith("-Bold") else "regular"


def _prepare(paragraph: Paragraph, fonts: FontBook, optical: bool = True) -> PreparedParagraph:
    """A paragraph itemised, shaped and measured: independent of its size and width."""
    return _prepare_text(
        paragraph.spans,
        paragraph.regular_font,
        paragraph.bold_font,
        paragraph.language,
        fonts,
        optical,
    )


# Memoised on exactly what preparing reads, so the shrink-to-fit loops of flows and notices
# (which set every paragraph again at each 0.5 pt step) itemise and shape each text once.
# Bounded: a print run's per-site contact lines would otherwise accumulate.
@lru_cache(maxsize=2048)
def _prepare_text(
    spans: tuple[Span, ...],
    regular_font: str,
    bold_font: str,
    language: str,
    fonts: FontBook,
    optical: bool = True,
) -> PreparedParagraph:
    pieces: list[str] = []
    bold: list[bool] = []
    for span in spans:
        text = unicodedata.normalize("NFC", span.text)
        pieces.append(text)
        bold.extend([span.bold] * len(text))
    chains = (
        fonts.fallback_chain(regular_font, language, _weight(regular_font)),
        fonts.fallback_chain(bold_font, language, "bold"),
    )
    return prepare_paragraph("".join(pieces), bold, language, chains, fonts, optical=optical)


def fitted_size(paragraph: Paragraph, scale: float) -> float:
    """A paragraph's type size at a shrink scale: never below its minimum, in 0.01 pt."""
    return round(max(paragraph.min_size, paragraph.size * scale), 2)


def line_leading(paragraph: Paragraph, prepared: PreparedParagraph, ink: bool = True) -> float:
    """The paragraph's leading: its role's, or (with `ink`) more where its glyphs need it.

    The ink is the highest and lowest of the paragraph's shaped glyphs (marks and stacks
    included, at their script's optical size), so no line's ink meets the next line's.
    """
    top, bottom = prepared.ink
    if not ink or top <= bottom:
        return paragraph.leading
    return max(paragraph.leading, top - bottom + INK_CLEARANCE)


def _indent(paragraph: Paragraph, size: float) -> float:
    return 1.15 * size if paragraph.bullet else 0.0


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class _Attempt:
    breaks: tuple[tuple[LineRange, ...], ...]
    height: float
    line_count: int
    too_wide: str | None


def _measure_at(
    paragraphs: list[Paragraph],
    prepared: list[PreparedParagraph],
    width: float,
    scale: float,
    ink: bool = True,
) -> _Attempt:
    y = 0.0
    count = 0
    too_wide = None
    breaks = []
    for index, (para, prep) in enumerate(zip(paragraphs, prepared, strict=True)):
        size = fitted_size(para, scale)
        lines, wide = break_paragraph(prep, width - _indent(para, size), size)
        too_wide = too_wide or wide
        breaks.append(tuple(lines))
        y += len(lines) * size * line_leading(para, prep, ink)
        count += len(lines)
        if index < len(paragraphs) - 1:
            y += para.space_after * size
    return _Attempt(tuple(breaks), y, count, too_wide)


def set_paragraphs(
    paragraphs: list[Paragraph],
    width: float,
    height: float,
    fonts: FontBook,
    *,
    max_lines: int | None = None,
    adapt: bool = True,
) -> SetText:
    """Set paragraphs at the largest scale that fits, shrinking in 0.5 pt steps.

    The largest size shrinks by SIZE_STEP per attempt and the others in proportion, each
    stopping at its own minimum. The first attempt that fits wins; if none does, the
    attempt at the minimum sizes is returned with `fits=False`. Paragraphs are itemised,
    shaped and measured once (and memoised across calls); each attempt only breaks lines
    again.

    With `adapt`, Arabic-script and Khmer text is drawn at its optical size and shaped
    text gets the leading its ink needs, where the text fits with them at full size
    (issue 16); without (chart labels, whose places are computed from the type size),
    text is set as before.
    """
    prepared = [_prepare(p, fonts, optical=adapt) for p in paragraphs]
    if not adapt:
        return _shrink(paragraphs, prepared, width, height, fonts, max_lines, ink=False)
    if not any(p.optical or p.ink[0] > p.ink[1] for p in prepared):
        return _shrink(paragraphs, prepared, width, height, fonts, max_lines, ink=False)
    # Adapt, then shrink (issue 16): optical sizes and leading from the ink where the text
    # fits with them at its full size; else at the type size; then the shrinking of before.
    attempt = _measure_at(paragraphs, prepared, width, 1.0, True)
    if _fits(attempt, height, max_lines):
        return _build(paragraphs, prepared, attempt, width, 1.0, fonts, True, True)
    plain = [
        _prepare(para, fonts, optical=False) if prep.optical else prep
        for para, prep in zip(paragraphs, prepared, strict=True)
    ]
    for ink in (True, False):
        attempt = _measure_at(paragraphs, plain, width, 1.0, ink)
        if _fits(attempt, height, max_lines):
            return _build(paragraphs, plain, attempt, width, 1.0, fonts, True, ink)
    # Shrinking: leading from the ink too, unless that costs more than the 1 pt by which
    # a role may differ across a set's languages (`checks/type_sizes.py`).
    without = _shrink(paragraphs, plain, width, height, fonts, max_lines, ink=False)
    with_ink = _shrink(paragraphs, plain, width, height, fonts, max_lines, ink=True)
    largest = max(p.size for p in paragraphs)
    if with_ink.fits and largest * (without.scale - with_ink.scale) <= SIZE_TOLERANCE:
        return with_ink
    return without


def _optical_em(prepared: PreparedParagraph) -> float:
    """The largest optical size of a paragraph's runs, as a multiple of its type size."""
    if not prepared.optical:
        return 1.0
    return max(scripts.optical_scale(item.script) for item in prepared.items)


def _fits(attempt: _Attempt, height: float, max_lines: int | None) -> bool:
    return (
        attempt.too_wide is None
        and attempt.height <= height + 0.01
        and (max_lines is None or attempt.line_count <= max_lines)
    )


def _shrink(
    paragraphs: list[Paragraph],
    prepared: list[PreparedParagraph],
    width: float,
    height: float,
    fonts: FontBook,
    max_lines: int | None,
    *,
    ink: bool,
) -> SetText:
    """The largest scale that fits, shrinking in 0.5 pt steps; at the minimum, the best."""
    largest = max(p.size for p in paragraphs)
    scale = 1.0
    while True:
        attempt = _measure_at(paragraphs, prepared, width, scale, ink)
        fits = _fits(attempt, height, max_lines)
        at_minimum = all(p.size * scale <= p.min_size + 1e-6 for p in paragraphs)
        if fits or at_minimum:
            return _build(paragraphs, prepared, attempt, width, scale, fonts, fits, ink)
        scale = max(0.0, (largest * scale - SIZE_STEP) / largest)


def visual_align(align: str, *, rtl: bool) -> str:
    """The edge a logical alignment lands on: right to left, `left` (the start) is right."""
    if not rtl:
        return align
    return {"left": "right", "right": "left"}.get(align, align)


def _build(
    paragraphs: list[Paragraph],
    prepared: list[PreparedParagraph],
    attempt: _Attempt,
    width: float,
    scale: float,
    fonts: FontBook,
    fits: bool,
    ink: bool = True,
) -> SetText:
    lines: list[TextLine] = []
    y = 0.0
    for index, (para, prep, ranges) in enumerate(
        zip(paragraphs, prepared, attempt.breaks, strict=True)
    ):
        size = fitted_size(para, scale)
        indent = _indent(para, size)
        leading = line_leading(para, prep, ink)
        line_height = size * leading
        ascent = fonts.metrics(para.regular_font).ascent
        # The em of the largest optical size is centred in the line, with the font's ascent.
        em = size * _optical_em(prep)
        offset = (line_height - em) / 2 + min(ascent, 0.92) * em
        align = visual_align(para.align, rtl=prep.rtl)
        for line_index, line_range in enumerate(ranges):
            baseline = y + offset
            built = build_line(prep, line_range, size, para.paint)
            runs = built.runs
            line_width = built.width + indent
            if not prep.rtl and indent:
                runs = tuple(_shifted(run, indent) for run in runs)
            if para.bullet and line_index == 0:
                bullet = _bullet(para, size, fonts)
                if prep.rtl:
                    # runs stay in visual order: a right-to-left bullet hangs at the right end
                    bullet = replace(bullet, x=line_width - bullet.x - bullet.width)
                    runs = (*runs, bullet)
                else:
                    runs = (bullet, *runs)
            x = 0.0
            if align == "center":
                x = (width - line_width) / 2
            elif align == "right":
                x = width - line_width
            lines.append(
                TextLine(
                    x,
                    baseline,
                    line_width,
                    runs,
                    "rtl" if prep.rtl else "ltr",
                    built.source_text,
                    LIST_ITEM if para.bullet else para.structure,
                    index,
                )
            )
            y += line_height
        if index < len(paragraphs) - 1:
            y += para.space_after * size
    return SetText(tuple(lines), attempt.height, scale, fits, attempt.line_count, attempt.too_wide)


_SMALL_BULLET_FONTS = ("NotoSansSC-", "NotoSansTC-", "NotoSansJP-", "NotoSansKR-")


def _bullet(para: Paragraph, size: float, fonts: FontBook) -> TextRun:
    """The bullet, in the paragraph's font if it has one.

    The CJK fonts' bullet is a small middle dot, so CJK paragraphs take Noto Sans's round
    bullet instead.
    """
    chain = fonts.fallback_chain(para.regular_font, para.language, "regular")
    if para.regular_font.startswith(_SMALL_BULLET_FONTS):
        chain = (fonts.font_name("NotoSans", "regular"), *chain)
    font = next((f for f in chain if ord(BULLET) in fonts.coverage(f)), chain[0])
    width = fonts.measure(BULLET, font, size)
    paint = para.bullet_paint or para.paint
    return TextRun(BULLET, font, size, 0.2 * size, width, paint, label=True)


def tightened(paragraph: Paragraph, spacing: float, floor: float = LEADING_FLOOR) -> Paragraph:
    """A paragraph at a spacing step (`SPACINGS`): its space after and its leading tighter.

    Leading gives a quarter of the step, never below `floor` (nor below the role's own).
    """
    if spacing >= 1.0:
        return paragraph
    leading = max(min(paragraph.leading, floor), paragraph.leading * (1.0 - (1.0 - spacing) / 4))
    return replace(paragraph, leading=leading, space_after=paragraph.space_after * spacing)
