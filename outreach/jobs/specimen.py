"""The typesetting specimen: one letter page per language, to check every script we set.

Input: `outreach/specimen.yaml` (glyph-test sentences, not publication text) and a list of
language tags. Output: a laid-out `Document` (office profile: trim size, no bleed, RGB)
and its PDF, or a `BuildError` with diagnostics (for example `font.missing-glyph`).

Each page has a heading (the language's own name), the sample sentence set as a wrapping
paragraph with the hotline's URL inside the text, the same paragraph in a narrow column, a
bullet list, and the hotline number set large. Right-to-left pages mirror their columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from outreach.content.yamlfile import Node, load_yaml
from outreach.core.diagnostics import BuildError, Diagnostics, Location, choice_hints
from outreach.core.document import Document, Metadata, Page, Rect, RectItem, TextItem
from outreach.core.text_lines import Paint
from outreach.core.values import value_methods
from outreach.fonts import FontBook
from outreach.layout.text import (
    MissingGlyph,
    Paragraph,
    find_missing_glyphs,
    parse_spans,
    set_paragraphs,
)
from outreach.text import is_rtl

SPECIMEN_FILE = Path(__file__).resolve().parent / "specimen.yaml"
DISPLAY_PATH = "outreach/specimen.yaml"
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 612.0, 792.0, 54.0  # US letter, 0.75 in margins
INK = Paint("rgb", (0.106, 0.106, 0.106))
TEAL = Paint("rgb", (0.059, 0.298, 0.361))
MUTED = Paint("rgb", (0.239, 0.31, 0.333))
TINT = Paint("rgb", (0.902, 0.941, 0.949))
_CLAUSE_MARKS = (",", "\u060c", "\uff0c", "\u3001", "\u0964")


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class SpecimenText:
    """The glyph-test text of one language."""

    language: str
    name: str
    sentence: str
    location: Location


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Specimen:
    """The data file: its sentences by language, the URL and the text-line code."""

    note: str
    url: str
    code: str
    texts: dict[str, SpecimenText]


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class BuiltSpecimen:
    """A built specimen: the Document and its PDF bytes."""

    document: Document
    pdf: bytes


def load_specimen(path: Path = SPECIMEN_FILE, diags: Diagnostics | None = None) -> Specimen:
    """Read the specimen data file.

    Raises:
        BuildError: if the file is missing or malformed.
    """
    diags = diags if diags is not None else Diagnostics()
    root = load_yaml(path, DISPLAY_PATH, diags)
    if root is None or not root.is_mapping():
        raise BuildError(diags.items)
    texts: dict[str, SpecimenText] = {}
    languages = root.get("languages")
    for tag, entry in languages.value.items() if languages and languages.is_mapping() else ():
        name, sentence = _text(entry.get("name")), _text(entry.get("sentence"))
        if name is None or sentence is None:
            diags.error(
                "specimen.bad-entry",
                f"language `{tag}` needs `name` and `sentence`",
                entry.location,
            )
            continue
        texts[tag] = SpecimenText(tag, name, sentence, entry.location)
    if diags.has_errors():
        raise BuildError(diags.items)
    return Specimen(
        _text(root.get("note")) or "",
        _text(root.get("url")) or "",
        _text(root.get("code")) or "",
        texts,
    )


def _text(node: Node | None) -> str | None:
    return node.value if node is not None and isinstance(node.value, str) else None


def _clauses(sentence: str) -> list[str]:
    """The sentence split after its first comma (for the bullet list)."""
    for mark in _CLAUSE_MARKS:
        head, found, tail = sentence.partition(mark)
        if found and head.strip() and tail.strip():
            return [head.strip(), tail.strip()]
    return [sentence]


class _Page:
    """Collects the items of one page and the problems found while setting them."""

    def __init__(
        self, text: SpecimenText, specimen: Specimen, fonts: FontBook, diags: Diagnostics
    ) -> None:
        self.text = text
        self.specimen = specimen
        self.fonts = fonts
        self.diags = diags
        self.items: list[TextItem | RectItem] = []
        self.language = text.language
        self.regular = fonts.font_for(self.language, "regular")
        self.bold = fonts.font_for(self.language, "bold")

    def paragraph(
        self,
        text: str,
        size: float,
        *,
        bold: bool = False,
        paint: Paint = INK,
        bullet: bool = False,
        align: str = "left",
        language: str | None = None,
        leading: float = 1.35,
    ) -> Paragraph:
        language = language or self.language
        regular = (
            self.regular if language == self.language else self.fonts.font_for(language, "regular")
        )
        bold_font = (
            self.bold if language == self.language else self.fonts.font_for(language, "bold")
        )
        return Paragraph(
            parse_spans(text, bold=bold),
            size,
            size * 0.75,
            leading,
            0.35,
            regular,
            bold_font,
            paint,
            align,
            bullet,
            TEAL if bullet else None,
            language,
        )

    def block(self, slot: str, box: Rect, paragraphs: list[Paragraph]) -> float:
        """Set paragraphs into a box; returns the height used. Overflow is an error."""
        result = set_paragraphs(paragraphs, box.w, box.h, self.fonts)
        source = Location(
            DISPLAY_PATH,
            self.text.location.line,
            self.text.location.column,
            f"languages.{self.language} -> specimen `{slot}`",
        )
        if not result.fits:
            self.diags.error(
                "layout.overflow",
                f"specimen text for `{self.language}` does not fit `{slot}` "
                f"(needs {result.height:.0f}pt, has {box.h:.0f}pt)"
                + (f"; `{result.too_wide}` cannot be broken" if result.too_wide else ""),
                source,
                hints=("shorten the sentence in outreach/specimen.yaml",),
            )
        size = round(max(paragraphs[0].min_size, paragraphs[0].size * result.scale), 2)
        item = TextItem(
            slot,
            box,
            result.placed(box.x, box.y),
            size,
            paragraphs[0].size,
            paragraphs[0].language,
            source,
        )
        for missing in find_missing_glyphs(item.lines, self.fonts):
            self.diags.error(
                "font.missing-glyph",
                missing.message(f"(specimen `{slot}`) ", paragraphs[0].language),
                source,
                hints=MissingGlyph.hints(paragraphs[0].language),
            )
        self.items.append(item)
        return result.height

    def build(self) -> Page:
        text, specimen = self.text, self.specimen
        rtl = is_rtl(self.language)
        width = PAGE_WIDTH - 2 * MARGIN
        y = MARGIN
        note = f"outreach specimen · {self.language} · {specimen.note}"
        y += (
            self.block(
                "note",
                Rect(MARGIN, y, width, 14),
                [self.paragraph(note, 8, paint=MUTED, language="en")],
            )
            + 8
        )
        y += (
            self.block(
                "heading",
                Rect(MARGIN, y, width, 40),
                [self.paragraph(text.name, 26, bold=True, paint=TEAL)],
            )
            + 10
        )
        running = f"{text.sentence} {specimen.url} {text.sentence}"
        y += (
            self.block("paragraph", Rect(MARGIN, y, width, 150), [self.paragraph(running, 13)]) + 18
        )
        narrow, gap = 190.0, 24.0
        wide = width - narrow - gap
        narrow_x, wide_x = (MARGIN + wide + gap, MARGIN) if rtl else (MARGIN, MARGIN + narrow + gap)
        tint = len(self.items)
        column = self.block(
            "column",
            Rect(narrow_x, y, narrow, 314),
            [self.paragraph(f"**{text.sentence}**", 11), self.paragraph(running, 11)],
        )
        bullets = [*_clauses(text.sentence), specimen.url, specimen.code]
        listed = self.block(
            "bullets",
            Rect(wide_x, y, wide, 220),
            [self.paragraph(item, 12, bullet=True) for item in bullets],
        )
        self.block(
            "number",
            Rect(wide_x, y + listed + 20, wide, 70),
            [self.paragraph("1-888-373-7888", 40, bold=True, paint=TEAL, align="center")],
        )
        self.items.insert(
            tint,
            RectItem("column-tint", Rect(narrow_x - 8, y - 8, narrow + 16, column + 16), TINT, 4.0),
        )
        return Page(
            name=self.language,
            width=PAGE_WIDTH,
            height=PAGE_HEIGHT,
            bleed=0.0,
            slug=0.0,
            items=tuple(self.items),
        )


def layout_specimen(
    languages: Sequence[str] | None = None,
    *,
    specimen: Specimen | None = None,
    fonts: FontBook | None = None,
    diags: Diagnostics | None = None,
) -> Document:
    """Lay out one page per language (all languages of the data file if none given).

    Problems (unknown language, overflow, a character no font has) go to `diags`.
    """
    specimen = specimen or load_specimen()
    fonts = fonts or FontBook()
    diags = diags if diags is not None else Diagnostics()
    chosen = list(languages) if languages else list(specimen.texts)
    pages = []
    for language in chosen:
        text = specimen.texts.get(language)
        if text is None:
            diags.error(
                "specimen.unknown-language",
                f"the specimen has no text for language `{language}`",
                Location(DISPLAY_PATH),
                hints=choice_hints(language, specimen.texts),
            )
            continue
        pages.append(_Page(text, specimen, fonts, diags).build())
    language = chosen[0] if len(chosen) == 1 else "mul"
    return Document(
        material="specimen",
        size="letter",
        language=language,
        profile="office",
        color_space="rgb",
        pages=tuple(pages),
        metadata=Metadata(
            title=f"outreach typesetting specimen ({', '.join(chosen)})",
            author="outreach",
            subject="glyph-test text, not for publication",
            language=language if language != "mul" else "en",
            keywords=("specimen", "typesetting"),
        ),
    )


def build_specimen(
    languages: Sequence[str] | None = None, *, specimen: Specimen | None = None
) -> BuiltSpecimen:
    """Lay out and render the specimen; nothing is rendered if any error was found.

    Raises:
        BuildError: with every diagnostic (e.g. `font.missing-glyph`, naming the character).
    """
    from outreach.render.draw import render_pdf  # render is the stage after layout

    fonts = FontBook()
    diags = Diagnostics()
    document = layout_specimen(languages, specimen=specimen, fonts=fonts, diags=diags)
    if diags.has_errors() or not document.pages:
        raise BuildError(diags.items)
    return BuiltSpecimen(document, render_pdf(document, fonts))


def specimen_file_name(languages: Sequence[str] | None) -> str:
    """`specimen-letter-fa-office.pdf` for one language, `specimen-letter-office.pdf` else."""
    if languages and len(languages) == 1:
        return f"specimen-letter-{languages[0]}-office.pdf"
    return "specimen-letter-office.pdf"
