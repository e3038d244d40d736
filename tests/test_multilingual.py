"""Bilingual and trilingual posters: each language in its own font and direction."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from outreach.build import Project, build_job
from outreach.diagnostics import Diagnostics
from outreach.document import TextItem
from outreach.kits import Job
from tests import pdfread


def built(project: Project, material: str, size: str, languages: str) -> object:
    diags = Diagnostics()
    piece = build_job(project, "alameda-heart", Job(material, size, languages, "office"), diags)
    assert piece is not None, [d.short() for d in diags.errors]
    assert not [d for d in diags if d.code.startswith(("layout.", "font."))]
    return piece


def item(document: object, slot: str) -> TextItem:
    found = document.pages[0].item(slot)  # type: ignore[attr-defined]
    assert isinstance(found, TextItem)
    return found


def test_bilingual_poster_sets_each_language_in_its_own_direction(project: Project) -> None:
    piece = built(project, "poster-bilingual", "letter", "en+fa")
    document = piece.document  # type: ignore[attr-defined]
    english, farsi = item(document, "column"), item(document, "column-2")
    assert english.language == "en"
    assert farsi.language == "fa"
    assert english.rect.x < farsi.rect.x  # English reads first, on the left
    assert english.lines[0].text == "English"
    assert farsi.lines[0].text == "فارسی"  # the language's own name, from CLDR
    for line in farsi.lines[1:]:
        # right-to-left text is set flush right in its column
        assert line.x + line.width == pytest.approx(farsi.rect.right, abs=0.6)
    assert any(run.font.startswith("NotoSansArabic") for line in farsi.lines for run in line.runs)
    assert item(document, "headline-2").language == "fa"


def test_bilingual_pdf_says_it_is_bilingual(project: Project) -> None:
    piece = built(project, "poster-bilingual", "letter", "en+es")
    assert piece.file_name == "poster-bilingual-letter-en+es-office.pdf"  # type: ignore[attr-defined]
    document = piece.document  # type: ignore[attr-defined]
    assert document.language == "en+es"
    reader = PdfReader(io.BytesIO(piece.pdf))  # type: ignore[attr-defined]
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "in 2 languages: English, Español" in str(reader.metadata.subject)
    (text,) = pdfread.text(piece.pdf)  # type: ignore[attr-defined]
    assert "Are you being forced to work?" in text
    assert "Español" in text
    assert text.count("1-888-373-7888") >= 2  # the big number and the QR caption


def test_trilingual_poster_has_three_columns_in_order(project: Project) -> None:
    piece = built(project, "poster-trilingual", "tabloid", "en+es+zh-Hant")
    document = piece.document  # type: ignore[attr-defined]
    columns = [item(document, slot) for slot in ("column", "column-2", "column-3")]
    assert [c.language for c in columns] == ["en", "es", "zh-Hant"]
    assert columns[0].rect.x < columns[1].rect.x < columns[2].rect.x
    assert columns[2].lines[0].text == "中文 (繁體)"
    assert any("NotoSansTC" in run.font for line in columns[2].lines for run in line.runs)


def test_wrong_number_of_languages_is_refused(project: Project) -> None:
    diags = Diagnostics()
    assert (
        build_job(
            project, "alameda-heart", Job("poster-bilingual", "letter", "en", "office"), diags
        )
        is None
    )
    (error,) = diags.errors
    assert error.code == "build.language-count"
    assert "carries 2 language(s) per copy, but the job names 1" in error.message
