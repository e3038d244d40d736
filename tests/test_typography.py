"""Issue 16's text-setting items, read back from built PDFs and from the text engine.

Bold numbers in every script, per-script optical sizes and leading from the glyphs' ink,
and line breaking: Chinese words, kinsoku, the one-letter words of Slavic languages and
single words alone on a paragraph's last line.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest

from outreach.core.diagnostics import Diagnostics
from outreach.jobs.job import Job
from outreach.jobs.piece import build_job
from outreach.jobs.project import Project


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
