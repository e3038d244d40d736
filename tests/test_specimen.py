"""The specimen: one page per language, built through the CLI, read back from the PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from outreach.cli import main
from outreach.core.diagnostics import BuildError, Location
from outreach.core.document import Page
from outreach.core.text_lines import TextLine, TextPiece, TextRun
from outreach.fonts import BUNDLED_FAMILIES
from outreach.jobs.specimen import Specimen, SpecimenText, build_specimen, load_specimen
from outreach.text import is_rtl
from outreach.text.pdfium_reading import pdfium_reads, reading_key, written_text
from tests import pdfread

_SPAN = re.compile(r"/Span <</ActualText <FEFF([0-9A-F]*)>>> BDC")
_IGNORED = re.compile("[\\s\u200b\u2022]")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_EMBEDDINGS = re.compile("[\u202a-\u202e]")
_MARKS = re.compile("[\u200e\u200f]")  # marks written for readers (reader_marks.py)


def _bare(text: str) -> str:
    """Text without spaces, line breaks, zero-width spaces and bullets."""
    return _IGNORED.sub("", text)


@pytest.fixture(scope="module")
def specimen() -> Specimen:
    return load_specimen()


@pytest.fixture(scope="module")
def built():  # type: ignore[no-untyped-def]
    return build_specimen()


def test_one_page_per_language_with_every_part(built, specimen: Specimen) -> None:  # type: ignore[no-untyped-def]
    assert [page.name for page in built.document.pages] == list(specimen.texts)
    for page in built.document.pages:
        slots = [item.slot for item in page.text_items()]
        assert slots == ["note", "heading", "paragraph", "column", "bullets", "number"]
        paragraph = page.item("paragraph")
        assert len(paragraph.lines) >= 2, page.name
        assert len(page.item("column").lines) >= 6, page.name
        bullets = page.item("bullets")
        bulleted = [line for line in bullets.lines if _bullet(line) is not None]
        assert len(bulleted) >= 3
        # Runs are in visual order: the bullet comes first left to right, last right to left.
        for line in bulleted:
            assert line.runs.index(_bullet(line)) == (
                len(line.runs) - 1 if is_rtl(page.name) else 0
            )
        # Right-to-left pages: right-aligned lines and bullets on the right of their text.
        if is_rtl(page.name):
            box = paragraph.rect
            assert all(abs(line.x + line.width - box.right) < 0.5 for line in paragraph.lines)
            for line in bulleted:
                bullet = _bullet(line)
                assert bullet.x > max(run.x for run in line.runs if run is not bullet)


def test_document_text_is_the_source_text(built, specimen: Specimen) -> None:  # type: ignore[no-untyped-def]
    for page in built.document.pages:
        text = specimen.texts[page.name]
        running = f"{text.sentence} {specimen.url} {text.sentence}"
        paragraph = "".join(line.text for line in page.item("paragraph").lines)
        assert _bare(paragraph) == _bare(running), page.name
        column = "".join(line.text for line in page.item("column").lines)
        assert _bare(column) == _bare(text.sentence + running), page.name


def test_extracted_text_equals_the_source(built) -> None:  # type: ignore[no-untyped-def]
    """pdfium gives back every line; right to left too, in reading order (issue 5).

    A URL inside Persian text included: its glyphs are written in the order pdfium
    reverses (`text/reader_order.py`), after right-to-left marks where pdfium needs them.
    """
    for index, page in enumerate(built.document.pages):
        got = pdfread.text_lines(built.pdf, index)
        assert not _PRIVATE_USE.search("".join(got)), page.name
        lines = [line for item in page.text_items() for line in item.lines]
        assert len(got) == len(lines), (page.name, got)
        for line, extracted in zip(lines, got, strict=True):
            assert _bare(_MARKS.sub("", extracted)) == _bare(line.text), (page.name, line.text)


def test_pdfium_reads_as_the_model_says(built) -> None:  # type: ignore[no-untyped-def]
    """The text engine plans lines against a model of pdfium's reading (pdfium_reading.py);
    on every right-to-left line of the specimen the model and pdfium agree."""
    for index, page in enumerate(built.document.pages):
        if not is_rtl(page.name):
            continue
        got = [reading_key(line) for line in pdfread.text_lines(built.pdf, index)]
        lines = [line for item in page.text_items() for line in item.lines]
        for line, extracted in zip(lines, got, strict=True):
            if line.source_text is not None:
                written = "".join(written_text(run) for run in line.runs)
                assert reading_key(pdfium_reads(written)) == extracted, (page.name, line.text)


def test_pdf_writes_the_planned_text(built) -> None:  # type: ignore[no-untyped-def]
    """The PDF carries exactly the /ActualText spans the text engine planned, and no others.

    A glyph that is the only glyph of its character says that character itself (ToUnicode);
    a span is only written where some character is not drawn as one glyph on the baseline,
    around a whole right-to-left word or a whole left-to-right run (text/extraction.py).
    """
    streams = pdfread.content_streams(built.pdf)
    for index, page in enumerate(built.document.pages):
        spans = [bytes.fromhex(h).decode("utf-16-be") for h in _SPAN.findall(streams[index])]
        planned = []
        for item in page.text_items():
            for line in item.lines:
                for run in line.runs:
                    for piece in run.pieces:
                        if piece.actual_text is None:
                            continue
                        planned.append(piece.actual_text)
                        assert _needs_a_span(piece), (page.name, piece.actual_text)
                        if run.direction == "ltr":
                            assert piece.actual_text == run.text, page.name
                        else:  # written as drawn, left to right: the word reversed
                            word = piece.actual_text[::-1]
                            assert _is_word(word, run.text, run.direction), (page.name, word)
        assert spans == planned, page.name
        if page.name in ("en", "zh-Hans", "vi", "ko", "ru"):
            assert spans == [], page.name  # unshaped scripts say every character themselves


def test_fonts_are_embedded_and_no_helvetica(built) -> None:  # type: ignore[no-untyped-def]
    fonts = pdfread.fonts(built.pdf)
    assert fonts
    assert all(font.embedded for font in fonts)
    assert not any("Helvetica" in font.name for font in fonts)
    names = " ".join(font.name for font in fonts)
    for family in BUNDLED_FAMILIES:  # the specimen sets every bundled family
        assert family in names


def test_specimen_cli_writes_one_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["specimen", "--lang", "fa,km", "--out", str(tmp_path)]) == 0
    written = tmp_path / "specimen-letter-office.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert "2 pages" in capsys.readouterr().out
    assert main(["specimen", "--lang", "xx", "--out", str(tmp_path)]) == 1
    assert "specimen.unknown-language" in capsys.readouterr().err


def test_character_outside_all_fonts_is_a_diagnostic_not_a_pdf(specimen: Specimen) -> None:
    broken = Specimen(
        specimen.note,
        specimen.url,
        specimen.code,
        {
            "fa": SpecimenText("fa", "فارسی", "سلام \U00013000 دنیا", Location("test.yaml", 3)),
        },
    )
    with pytest.raises(BuildError) as raised:
        build_specimen(["fa"], specimen=broken)
    missing = [d for d in raised.value.diagnostics if d.code == "font.missing-glyph"]
    assert missing
    message = missing[0].message
    assert "U+13000" in message
    assert "\U00013000" in message
    assert "سلام" in message  # the text around it
    assert any("fonts:" in hint for hint in missing[0].hints)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext not installed")
def test_pdftotext_reads_the_source_text(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """poppler gives back every line too; right to left in reading order (issue 5)."""
    path = tmp_path / "specimen.pdf"
    path.write_bytes(built.pdf)
    for number, page in enumerate(built.document.pages, start=1):
        result = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
            text=True,
        )
        # poppler marks right-to-left output with embedding controls (RLE, LRE, PDF)
        got = _bare(_MARKS.sub("", _EMBEDDINGS.sub("", result.stdout)))
        assert not _PRIVATE_USE.search(got), page.name
        lines = [line for item in page.text_items() for line in item.lines]
        # poppler orders the columns its own way: compare characters, and each line whole.
        assert Counter(got) == Counter(_bare("".join(line.text for line in lines))), page.name
        for line in lines:
            if not _other_direction(line, page):
                assert _bare(line.text) in got, (page.name, line.text)


def _needs_a_span(piece: TextPiece) -> bool:
    """Some character of the piece is not drawn as exactly one glyph on the baseline."""
    glyphs = [glyph for group in piece.groups for glyph in group if not glyph.invisible]
    assert piece.actual_text is not None
    return len(glyphs) != len(piece.actual_text) or any(
        len(glyph.text) != 1 or glyph.dy != 0 for glyph in glyphs
    )


def _bullet(line: TextLine) -> TextRun | None:
    return next((run for run in line.runs if run.text == "\u2022"), None)


def _is_word(word: str, text: str, direction: str) -> bool:
    """True if `word` occurs in `text` as a whole word (not a piece of one, nor two).

    Right to left, a word is a run of right-to-left letters: marks and ZWNJ end it, as
    they do for pdfium.
    """
    inside = _in_rtl_word if direction == "rtl" else _in_ltr_word
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not inside(text[start - 1])) and (
            end == len(text) or not inside(text[end])
        ):
            return True
        start = text.find(word, start + 1)
    return False


def _in_rtl_word(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def _in_ltr_word(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM" or unicodedata.category(char) == "Cf"


def _other_direction(line: TextLine, page: Page) -> bool:
    """A left-to-right line (the slug) on a right-to-left page: poppler reads a whole
    page in one direction (see test_multilingual.py)."""
    return line.direction != _page_direction(page)


def _page_direction(page: Page) -> str:
    return "rtl" if is_rtl(page.name) else "ltr"
