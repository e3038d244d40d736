"""The discreet card (issue 16, item 9): an ordinary-looking card that still gives the number.

Read from the PDFs the build writes: what is printed, in which colours, at which size.
"""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest

from outreach.core.diagnostics import Diagnostics
from outreach.core.document import TextItem
from outreach.jobs.job import CardOptions, Job
from outreach.jobs.kits import load_kit
from outreach.jobs.piece import build_job
from outreach.jobs.project import Project
from tests import pdfread

AGENCY = "District Attorney"


def _card(project: Project, language: str = "en", **options: object) -> tuple[bytes, object]:
    diags = Diagnostics()
    card = CardOptions(**options)  # type: ignore[arg-type]
    job = Job("wallet-card-discreet", "cr80", language, "press", card=card)
    built = build_job(project, "alameda-heart", job, diags)
    assert built is not None, [d.short() for d in diags]
    assert not diags.errors
    return built.pdf, built.document


def test_the_number_is_printed_at_an_ordinary_size_and_no_agency_is_named(
    project: Project,
) -> None:
    pdf, document = _card(project)
    front, back = pdfread.text(pdf)
    assert "1-888-373-7888" in back
    assert "Text HELP to 233733 (English or Spanish)" in back
    assert AGENCY not in front + back
    assert "traffick" not in (front + back).lower()
    sizes = {
        item.slot: item.size
        for page in document.pages  # type: ignore[attr-defined]
        for item in page.items
        if isinstance(item, TextItem)
    }
    # legible, bold, the size of the title: not the standard card's 22 pt banner
    assert 9 <= sizes["hotline"] <= sizes["title"] <= 12
    assert pdfread.decode_qr_codes(pdfread.render(pdf, 1, dpi=150)) == ["tel:+18883737888"]


def test_the_card_prints_in_black_ink_only(project: Project) -> None:
    pdf, _ = _card(project)
    # Every fill and stroke of the press file is K only (c = m = y = 0): a neutral grey.
    for stream in pdfread.content_streams(pdf):
        tokens = stream.split()
        for at, token in enumerate(tokens):
            if token in ("k", "K"):
                values = tuple(float(t) for t in tokens[at - 4 : at])
                if token == "K" and values == (1, 1, 1, 1):
                    continue  # crop marks in registration, outside the trim
                assert values[:3] == (0, 0, 0), stream[:200]
    for page in (0, 1):
        pixels = numpy.asarray(pdfread.render(pdf, page, dpi=60).convert("RGB"), dtype=int)
        spread = int((pixels.max(axis=2) - pixels.min(axis=2)).max())
        assert spread <= 12  # no hue anywhere: grey and black


def test_a_kit_may_ask_for_the_agency_name(project: Project, tmp_path: Path) -> None:
    pdf, _ = _card(project, organization=True)
    assert "Alameda County District Attorney's Office" in pdfread.text(pdf)[1]
    kit = tmp_path / "kits" / "discreet.toml"
    kit.parent.mkdir()
    kit.write_text(
        '[kit]\nname = "d"\npack = "alameda-heart"\n\n[[jobs]]\n'
        'material = "wallet-card-discreet"\nlanguages = ["en"]\nprofiles = ["press"]\n'
        "organization = true\n\n[[jobs]]\n"
        'material = "wallet-card-discreet"\nlanguages = ["en"]\nprofiles = ["office"]\n'
        'organization = "yes"\n',
        encoding="utf-8",
    )
    diags = Diagnostics()
    load_kit(kit, project.root, diags)
    (error,) = diags.errors
    assert error.code == "kit.type"
    assert error.location is not None
    assert error.location.line == 15


@pytest.mark.parametrize(("language", "own"), [("es+en", "Llame"), ("fa+en", "911")])
def test_a_two_language_card_has_both_languages_on_its_back(
    project: Project, language: str, own: str
) -> None:
    pdf, document = _card(project, language)
    back = pdfread.text(pdf)[1]
    assert own in back
    assert "Free, private help line" in back
    assert "Text HELP to 233733 (English or Spanish)" in back
    assert "Scan to call" in back
    languages = {
        item.language
        for item in document.pages[1].items  # type: ignore[attr-defined]
        if isinstance(item, TextItem)
    }
    assert languages == set(language.split("+"))
    assert pdfread.decode_qr_codes(pdfread.render(pdf, 1, dpi=150)) == ["tel:+18883737888"]


@pytest.mark.parametrize(
    ("material", "size"),
    [
        ("wallet-card", "cr80"),
        ("wallet-card", "business"),
        ("brochure", "a4"),
        ("brochure", "letter"),
    ],
)
def test_no_small_type_is_reversed_out_of_four_colour_teal(
    project: Project, material: str, size: str
) -> None:
    """Issue 20: white under 12 pt on teal (four inks) fills in on press; none is left."""
    diags = Diagnostics()
    built = build_job(project, "alameda-heart", Job(material, size, "ru", "press"), diags)
    assert built is not None
    assert "check.reversed-small-text" not in {d.code for d in diags.items}
    white = [
        item
        for page in built.document.pages
        for item in page.items
        if isinstance(item, TextItem)
        and item.lines
        and set(item.lines[0].runs[0].paint.values) == {0.0}
    ]
    assert white
    assert min(item.size for item in white) >= 12


@pytest.mark.parametrize("language", ["es+en", "fa+en", "zh-Hant+en"])
def test_a_two_language_standard_card_calls_in_both_languages(
    project: Project, language: str
) -> None:
    """The default kit's `es+en` cards: the back's calls to action in both languages."""
    diags = Diagnostics()
    job = Job("wallet-card", "cr80", language, "press")
    built = build_job(project, "alameda-heart", job, diags)
    assert built is not None, [d.short() for d in diags]
    assert not diags.errors
    back = pdfread.text(built.pdf)[1]
    assert "National Human Trafficking Hotline" in back
    assert "Text HELP to 233733 (English or Spanish)" in back
    assert "In an emergency, call 911." in back
    assert "Scan to call" in back
    assert back.count("233733") == 2  # once in each language
    languages = {
        item.language for item in built.document.pages[1].items if isinstance(item, TextItem)
    }
    assert languages == set(language.split("+"))
    assert pdfread.decode_qr_codes(pdfread.render(built.pdf, 1, dpi=150)) == ["tel:+18883737888"]
