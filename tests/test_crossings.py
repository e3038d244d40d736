"""Text over drawn edges (issue 16): a band's edge, a rule or a crop mark through text is an error.

`tests/fixtures/text-over-band/` holds a layout whose subhead starts in the teal band and
ends below it, and whose call label has a rule through it; the check must name both
items of each, at the text's source line. The bundled layouts are held clean by the
default kit's build (tests/test_default_kit.py) and by the card example kit here.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from outreach.checks.crossings import check_crossings
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import (
    Document,
    Form,
    GroupItem,
    LineItem,
    Metadata,
    Page,
    Rect,
    TextItem,
)
from outreach.core.text_lines import Paint, TextLine, TextRun
from outreach.fonts import FontBook
from outreach.jobs.job import Job
from outreach.jobs.kits import load_kit
from outreach.jobs.piece import build_job
from outreach.jobs.project import DEFAULT_PACK, Project
from tests.conftest import FIXTURES, ROOT

BAND = FIXTURES / "text-over-band"
BLACK = Paint("cmyk", (0.0, 0.0, 0.0, 1.0))


def test_text_over_a_bands_edge_and_a_rule_is_a_located_error() -> None:
    diags = Diagnostics()
    built = build_job(
        Project(BAND, check_pdf=False),
        DEFAULT_PACK,
        Job("poster-band", "letter", "en", "office"),
        diags,
    )
    assert built is None  # an error stops the piece
    found = [d for d in diags.items if d.code == "check.crosses-edge"]
    assert len(found) == 2, [d.short() for d in diags.items]
    band, rule = sorted(found, key=lambda d: d.message)[::-1]
    assert "slot `subhead`" in band.message
    assert "rectangle in slot `band`" in band.message
    assert band.location.path.endswith("content.yaml")
    assert band.location.line == 108  # poster.subhead
    assert "slot `call-label`" in rule.message
    assert "the rule in slot `divider`" in rule.message
    assert "poster.call_label" in str(rule.location.key)


def test_the_same_layout_with_the_text_inside_the_band_is_clean(tmp_path: Path) -> None:
    """Moving the subhead wholly inside the band (and the rule clear) silences the check."""
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    text = (BAND / "layouts" / "poster-band.yaml").read_text(encoding="utf-8")
    text = text.replace("box: [0%, 0%, 100%, 20%]", "box: [0%, 0%, 100%, 27%]")
    text = text.replace("box: [6%, 31.2%, 88%, 0.4%]", "box: [6%, 37%, 88%, 0.4%]")
    text = text.replace("leading: 1.3, color: ink}", "leading: 1.3, color: paper}")
    (layouts / "poster-band.yaml").write_text(text, encoding="utf-8")
    diags = Diagnostics()
    built = build_job(
        Project(tmp_path, check_pdf=False),
        DEFAULT_PACK,
        Job("poster-band", "letter", "en", "office"),
        diags,
    )
    assert [d.short() for d in diags.items if d.code.startswith("check.crosses")] == []
    assert built is not None
    # And what was checked is what prints: the subhead's words lie on the teal in the PDF.
    pdf = pdfium.PdfDocument(built.pdf if isinstance(built.pdf, bytes) else built.pdf.read_bytes())
    page = pdf[0]
    text_page = page.get_textpage()
    found = text_page.search("You are not alone").get_next()
    assert found is not None
    index, count = found
    for i in range(index, index + count):
        top_down = page.get_height() - text_page.get_charbox(i)[1]  # the glyph's bottom
        assert 0.184 * 792 < top_down <= 0.27 * 792


def _line(fonts: FontBook, text: str, x: float, y: float, size: float = 10.0) -> TextLine:
    font = fonts.font_for("en", "regular")
    width = fonts.measure(text, font, size)
    return TextLine(x, y, width, (TextRun(text, font, size, x, width, BLACK),))


def _text(fonts: FontBook, slot: str, x: float, y: float) -> TextItem:
    line = _line(fonts, "Help is free", x, y)
    where = Location("content.yaml", 7, 3, key=f"card.{slot}")
    return TextItem(slot, Rect(x, y - 10, 80, 14), (line,), 10.0, 10.0, "en", where)


def _document(page: Page, forms: tuple[Form, ...] = ()) -> Document:
    meta = Metadata("t", "a", "s", "en")
    return Document("wallet-card", "cr80", "en", "press", "cmyk", (page,), meta, forms=forms)


def test_a_crop_mark_through_text_is_an_error_naming_the_text() -> None:
    fonts = FontBook()
    mark = LineItem("crop-mark", 100.0, 90.0, 100.0, 110.0, 0.25, BLACK)
    page = Page("sheet", 612, 792, 0, 0, (_text(fonts, "note", 80.0, 100.0), mark))
    diags = Diagnostics()
    check_crossings(_document(page), fonts, diags)
    assert [d.code for d in diags.items] == ["check.crop-mark-on-text"]
    assert "slot `note`" in diags.items[0].message
    assert diags.items[0].location.line == 7
    clear = Page("sheet", 612, 792, 0, 0, (_text(fonts, "note", 120.0, 100.0), mark))
    diags = Diagnostics()
    check_crossings(_document(clear), fonts, diags)
    assert diags.items == []


def test_a_crop_mark_through_a_placed_cards_text_is_found_on_the_sheet() -> None:
    """Card text lives in the shared form; the sheet places it, and the mark crosses it."""
    fonts = FontBook()
    form = Form("front", 243.0, 153.0, 0.0, (_text(fonts, "title", 10.0, 20.0),))
    mark = LineItem("crop-mark", 60.0, 90.0, 60.0, 130.0, 0.25, BLACK)
    card = GroupItem("card", 40.0, 90.0, 243.0, 153.0, "front")
    page = Page("sheet", 612, 792, 0, 0, (card, mark))
    diags = Diagnostics()
    check_crossings(_document(page, (form,)), fonts, diags)
    assert [d.code for d in diags.items] == ["check.crop-mark-on-text"]
    assert "slot `title`" in diags.items[0].message


@pytest.mark.parametrize("kit", ["cards-example.toml"])
def test_the_card_example_kit_crosses_no_edge(kit: str) -> None:
    diags = Diagnostics()
    loaded = load_kit(ROOT / "kits" / kit, ROOT, diags)
    assert loaded is not None
    project = Project(ROOT, check_pdf=False)
    for job in loaded.jobs:
        job_diags = Diagnostics()
        build_job(project, loaded.pack, job, job_diags)
        crossing = [d.short() for d in job_diags.items if d.code.startswith("check.cro")]
        assert crossing == [], crossing
