"""The specimen: one page per language, built through the CLI, read back from the PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from outreach.cli import main
from outreach.diagnostics import BuildError, Location
from outreach.fonts import BUNDLED_FAMILIES
from outreach.specimen import Specimen, SpecimenText, build_specimen, load_specimen
from outreach.text import is_rtl
from tests import pdfread

_SPAN = re.compile(r"/Span <</ActualText <FEFF([0-9A-F]*)>>> BDC")
_IGNORED = re.compile("[\\s\u200b\u2022]")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


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
        assert sum(1 for line in bullets.lines if line.runs[0].text == "\u2022") >= 3
        # Right-to-left pages: right-aligned lines and bullets on the right of their text.
        if is_rtl(page.name):
            box = paragraph.rect
            assert all(abs(line.x + line.width - box.right) < 0.5 for line in paragraph.lines)
            for line in bullets.lines:
                if line.runs[0].text == "\u2022":
                    assert line.runs[0].x > max(run.x for run in line.runs[1:])


def test_document_text_is_the_source_text(built, specimen: Specimen) -> None:  # type: ignore[no-untyped-def]
    for page in built.document.pages:
        text = specimen.texts[page.name]
        running = f"{text.sentence} {specimen.url} {text.sentence}"
        paragraph = "".join(line.text for line in page.item("paragraph").lines)
        assert _bare(paragraph) == _bare(running), page.name
        column = "".join(line.text for line in page.item("column").lines)
        assert _bare(column) == _bare(text.sentence + running), page.name


def test_extracted_text_equals_the_source(built) -> None:  # type: ignore[no-untyped-def]
    extracted = pdfread.text(built.pdf)
    streams = pdfread.content_streams(built.pdf)
    for index, page in enumerate(built.document.pages):
        expected = "".join(line.text for item in page.text_items() for line in item.lines)
        got = extracted[index]
        assert not _PRIVATE_USE.search(got), (page.name, got)
        if is_rtl(page.name):
            # pdfium (like poppler) reorders right-to-left text it extracts as if it were
            # drawn in visual order, /ActualText included; the characters must all be there.
            assert Counter(_bare(got)) == Counter(_bare(expected)), page.name
        else:
            assert _bare(got) == _bare(expected), page.name
        # What the PDF says: every shaped or right-to-left line carries its source text.
        spans = [bytes.fromhex(h).decode("utf-16-be") for h in _SPAN.findall(streams[index])]
        lines = [
            line.actual_text
            for item in page.text_items()
            for line in item.lines
            if line.actual_text is not None
        ]
        assert spans == lines, page.name


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
def test_pdftotext_reads_the_source_text_of_left_to_right_pages(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "specimen.pdf"
    path.write_bytes(built.pdf)
    for number, page in enumerate(built.document.pages, start=1):
        if is_rtl(page.name):
            continue  # poppler, like pdfium, reorders RTL text as if drawn in visual order
        result = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
            text=True,
        )
        got = _bare(result.stdout)
        lines = [line.text for item in page.text_items() for line in item.lines]
        # poppler orders the columns its own way: compare characters, and each line whole.
        assert Counter(got) == Counter(_bare("".join(lines))), page.name
        for line in lines:
            assert _bare(line) in got, (page.name, line)
