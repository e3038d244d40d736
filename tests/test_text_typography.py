"""Issue 16's text-setting items, read back from built PDFs and from the text engine.

Bold numbers in every script, per-script optical sizes and leading from the glyphs' ink,
and line breaking: Chinese words, kinsoku, the one-letter words of Slavic languages and
single words alone on a paragraph's last line.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import subprocess
import sys

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from babel.messages.pofile import read_po

from outreach.checks.collisions import line_ink
from outreach.core.diagnostics import Diagnostics
from outreach.core.document import TextItem
from outreach.core.text_lines import Paint
from outreach.fonts import FontBook
from outreach.jobs.job import Job
from outreach.jobs.piece import build_job
from outreach.jobs.project import Project
from outreach.layout.text import INK_CLEARANCE, Paragraph, SetText, parse_spans, set_paragraphs
from outreach.text.linebreak import find_breaks
from outreach.text.scripts import optical_scale
from outreach.text.words import word_boundaries
from tests import pdfread
from tests.conftest import ROOT


def _poster(project: Project, language: str, material: str = "poster") -> bytes:
    diags = Diagnostics()
    piece = build_job(project, "alameda-heart", Job(material, "letter", language, "office"), diags)
    assert piece is not None, [d.short() for d in diags.errors]
    return piece.pdf


def _fonts_of(pdf: bytes, needle: str) -> list[set[str]]:
    """The font names pdfium reports for each character of every occurrence of `needle`."""
    found = []
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    for page in pdfium.PdfDocument(pdf):
        textpage = page.get_textpage()
        text = textpage.get_text_range(0, textpage.count_chars())
        start = text.find(needle)
        while start >= 0:
            names = set()
            for index in range(start, start + len(needle)):
                pdfium_raw.FPDFText_GetFontInfo(textpage.raw, index, buffer, 256, flags)
                names.add(buffer.value.decode())
            found.append(names)
            start = text.find(needle, start + 1)
    return found


@pytest.mark.parametrize("language", ["en", "km", "hi", "pa", "fa", "ar", "prs", "zh-Hans"])
def test_bold_numbers_are_bold_in_every_script(project: Project, language: str) -> None:
    """911 and 233733 are `**bold**` in every catalog; each digit is drawn in a bold face.

    They used to take the regular face of the letter after them (a Khmer full stop, a
    Persian word) because neutral characters followed the next letter whatever its weight.
    """
    pdf = _poster(project, language)
    for number in ("911", "233733"):
        occurrences = _fonts_of(pdf, number)
        assert occurrences, f"{number} not found in the {language} poster"
        for names in occurrences:
            assert all(name.endswith("-Bold") for name in names), (language, number, names)


# --- line breaking -----------------------------------------------------------------------

BLACK = Paint("rgb", (0.0, 0.0, 0.0))
WORDS = ("出生", "愛情", "工廠", "爱情", "工厂")
CLOSING = "。，、）」』】〕〉》：；？！"
OPENING = "（「『【〔〈《"


def _lines(text: str, language: str, width: float, size: float = 12.0) -> list[str]:
    fonts = FontBook()
    paragraph = Paragraph(
        parse_spans(text),
        size,
        size,
        1.3,
        0.0,
        fonts.font_for(language, "regular"),
        fonts.font_for(language, "bold"),
        BLACK,
        language=language,
    )
    return [line.text for line in set_paragraphs([paragraph], width, 10_000, fonts).lines]


def _catalog(language: str, context: str) -> str:
    with (ROOT / "content" / "alameda-heart" / "locale" / f"{language}.po").open("rb") as po:
        catalog = read_po(po)
    for message in catalog:
        if message.context == context:
            return str(message.string)
    raise AssertionError(context)


def _split_words(lines: list[str]) -> list[str]:
    """The words of `WORDS` that two lines split between them."""
    return [
        word
        for before, after in itertools.pairwise(lines)
        for word in WORDS
        if before.endswith(word[0]) and after.startswith(word[1])
    ]


def test_chinese_words_stay_whole_in_the_breaks() -> None:
    for language, text in (
        ("zh-Hant", "在工廠工作，承諾給予愛情"),
        ("zh-Hans", "在本地出生和长大"),
    ):
        breaks = find_breaks(text, language)
        for word in ("工廠", "愛情", "出生"):
            index = text.find(word)
            if index >= 0:
                assert not breaks.normal[index + 1], word  # not inside the word
                assert breaks.emergency[index + 1], word  # unless a word is wider than the line
    assert word_boundaries("在工廠工作") == frozenset({1, 3})


@pytest.mark.parametrize("language", ["zh-Hans", "zh-Hant"])
def test_chinese_paragraphs_break_between_words_with_kinsoku_at_every_width(
    language: str,
) -> None:
    texts = [_catalog(language, c) for c in ("poster.who", "about.no_single_profile")]
    for text in texts:
        for width in range(90, 330, 7):
            lines = _lines(text, language, float(width))
            assert not _split_words(lines), (width, lines)
            for line in lines[1:]:
                assert line[0] not in CLOSING, (width, line)
            for line in lines[:-1]:
                assert line[-1] not in OPENING, (width, line)


def test_a_closing_bracket_before_a_comma_gives_up_its_blank_half() -> None:
    """The bracket and comma after "Be Free" had a whole em of white between them."""
    fonts = FontBook()
    font = fonts.font_for("zh-Hant", "regular")
    paragraph = Paragraph(
        parse_spans("請發送簡訊至 233-733（Be Free），或撥打"),
        20.0,
        20.0,
        1.3,
        0.0,
        font,
        font,
        BLACK,
        language="zh-Hant",
    )
    (line,) = set_paragraphs([paragraph], 1000, 1000, fonts).lines
    bracket = next(run for run in line.runs if run.text.endswith("）"))
    comma = next(run for run in line.runs if run.text.startswith("，"))
    natural = fonts.measure("）", font, 20.0)
    assert comma.x - (bracket.x + bracket.width) == pytest.approx(0.0, abs=0.01)
    assert bracket.width == pytest.approx(fonts.measure(bracket.text, font, 20.0) - natural / 2)


ONE_LETTER = re.compile(r"(?:^|\s)[^\W\d_]$")


def test_no_one_letter_word_ends_a_russian_line() -> None:
    text = _catalog("ru", "poster.who")
    assert re.search(r"\s[вксоуиа]\s", text), "the sample has one-letter words"
    for width in range(80, 400, 5):
        lines = _lines(text, "ru", float(width))
        assert not [line for line in lines[:-1] if ONE_LETTER.search(line)], (width, lines)
    breaks = find_breaks("Позвоните в службу", "ru")
    assert not breaks.normal[len("Позвоните в ")]
    assert breaks.normal[len("Позвоните ")]


def test_no_single_word_alone_on_the_last_line_of_three() -> None:
    text = _catalog("ru", "poster.who")
    english = "Adults and children. People born here and people from far away. Anyone, any time."
    for language, sample in (("ru", text), ("en", english), ("es", _catalog("es", "poster.who"))):
        for width in range(150, 400, 3):
            lines = _lines(sample, language, float(width))
            if len(lines) >= 3:
                assert len(lines[-1].split()) >= 2, (language, width, lines)


@pytest.mark.parametrize("language", ["zh-Hant", "zh-Hans"])
def test_built_posters_keep_chinese_words_whole(project: Project, language: str) -> None:
    lines = pdfread.text_lines(_poster(project, language), 0)
    text = "".join(lines)
    assert "出生" in text
    assert not _split_words([line.strip() for line in lines]), lines
    for line in lines[1:]:
        assert line.strip()[0] not in CLOSING, line


def test_built_russian_poster_ends_no_line_with_a_one_letter_word(project: Project) -> None:
    lines = [line.strip() for line in pdfread.text_lines(_poster(project, "ru"), 0)]
    assert len(lines) > 10
    assert not [line for line in lines if ONE_LETTER.search(line)], lines


# --- optical sizes and leading from the ink ------------------------------------------------

SAMPLES = {
    "km": ("card.call_note", "poster.who"),
    "fa": ("poster.who", "poster.signs[0]"),
    "ar": ("poster.who",),
    "hi": ("poster.who",),
    "pa": ("poster.who",),
}


def _set_text(text: str, language: str, width: float, size: float = 9.0) -> SetText:
    fonts = FontBook()
    paragraph = Paragraph(
        parse_spans(text),
        size,
        size,
        1.2,
        0.0,
        fonts.font_for(language, "regular"),
        fonts.font_for(language, "bold"),
        BLACK,
        language=language,
    )
    return set_paragraphs([paragraph], width, 10_000, fonts)


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_stacked_lines_never_touch(language: str) -> None:
    """Khmer at 9 pt with 1.2 leading nearly touched the next line; now the ink decides."""
    fonts = FontBook()
    for context in SAMPLES[language]:
        try:
            text = _catalog(language, context)
        except AssertionError:
            continue
        for width in (90.0, 140.0, 210.0):
            result = _set_text(text, language, width)
            inks = [line_ink(line, fonts) for line in result.lines]
            for above, below in itertools.pairwise(i for i in inks if i is not None):
                gap = below.y - above.bottom
                assert gap >= INK_CLEARANCE * 9.0 - 0.05, (language, context, width, gap)


def test_arabic_script_and_khmer_are_drawn_at_their_optical_size() -> None:
    for language, factor in (("fa", 1.15), ("prs", 1.15), ("ar", 1.15), ("km", 1.1), ("hi", 1.0)):
        result = _set_text(_catalog(language, "poster.who"), language, 400.0, 12.0)
        sizes = {
            round(run.size, 3)
            for line in result.lines
            for run in line.runs
            if not run.font.startswith("NotoSans-")
        }
        assert sizes == {round(12.0 * factor, 3)}, (language, sizes)
    assert optical_scale("Latn") == 1.0


def _pdf_char_sizes(pdf: bytes, fonts: str) -> list[float]:
    """pdfium's font size of every character drawn in a font whose name starts with `fonts`."""
    sizes = []
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    textpage = pdfium.PdfDocument(pdf)[0].get_textpage()
    for index in range(textpage.count_chars()):
        pdfium_raw.FPDFText_GetFontInfo(textpage.raw, index, buffer, 256, flags)
        if buffer.value.decode().startswith(fonts):
            sizes.append(pdfium_raw.FPDFText_GetFontSize(textpage.raw, index))
    return sizes


@pytest.mark.parametrize(
    ("language", "family", "factor"), [("fa", "NotoSansArabic", 1.15), ("km", "NotoSansKhmer", 1.1)]
)
def test_built_posters_draw_the_script_larger_than_its_role(
    project: Project, language: str, family: str, factor: float
) -> None:
    """A role asks the same size in every language; Persian and Khmer draw it larger.

    Where a text fits only at the type size (a headline that fills its width), it is set
    at the type size rather than shrunk: sizes across a set hold first.
    """
    diags = Diagnostics()
    piece = build_job(project, "alameda-heart", Job("poster", "letter", language, "office"), diags)
    assert piece is not None
    optical = set()
    for item in piece.document.pages[0].text_items():
        for line in item.lines:
            for run in line.runs:
                if run.font.startswith(family) and run.size == pytest.approx(item.size * factor):
                    optical.add(item.slot)
    assert len(optical) >= 3, optical
    drawn = set(_pdf_char_sizes(piece.pdf, family))
    for slot in optical:
        item = piece.document.pages[0].item(slot)
        assert isinstance(item, TextItem)
        assert any(abs(size - item.size * factor) < 0.06 for size in drawn), (slot, drawn)


def test_a_latin_poster_never_reads_the_chinese_dictionary() -> None:
    """jieba's dictionary (0.5 s, 40 MB) is read only when a paragraph has Chinese text."""
    script = (
        "import sys\n"
        "from outreach.jobs.piece import build_material\n"
        "from outreach.text import words\n"
        "build_material('poster', language='ru')\n"
        "assert words._dictionary.cache_info().currsize == 0\n"
        "assert 'jieba' not in sys.modules\n"
        "build_material('poster', language='zh-Hant')\n"
        "assert words._dictionary.cache_info().currsize == 1\n"
        "assert 'jieba' not in sys.modules  # its dictionary file is read, its loader is not\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
