"""Collisions (issue 16): text ink that touches other text or a QR code is a located error.

The layouts as they were before issue 16 live in `tests/fixtures/issue-16-old-layouts/`:
the check must find each collision the design review found there, and nothing in the
layouts of today.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from outreach.checks.collisions import check_collisions, line_ink
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import Document, Metadata, Page, Rect, TextItem
from outreach.core.resources import bundled_root
from outreach.core.text_lines import Paint, TextLine
from outreach.fonts import FontBook
from outreach.jobs.kits import load_kit
from outreach.jobs.piece import build_job
from outreach.jobs.project import DEFAULT_PACK, Project
from outreach.layout import layout_piece
from outreach.layout import text as layout_text
from outreach.layout.spec import layout_file, load_layout
from outreach.text import scripts
from tests.conftest import FIXTURES, ROOT

OLD = FIXTURES / "issue-16-old-layouts"


@pytest.fixture
def engine_before_issue_16(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The text engine as the design review saw it: no optical sizes, the role's leading.

    Since issue 16 the engine itself keeps Arabic dots and Khmer marks off the next block
    (leading from the glyphs' ink), so the old layouts collide only with the old engine;
    the check must still find what the review found there.
    """
    monkeypatch.setattr(scripts, "OPTICAL_SCALE", {})
    monkeypatch.setattr(layout_text, "line_leading", lambda paragraph, *_: paragraph.leading)
    layout_text._prepare_text.cache_clear()  # preparations made with optical sizes
    yield
    layout_text._prepare_text.cache_clear()  # and those made without


def _document(root: Path, material: str, size: str, languages: str) -> Document:
    project = Project(root, check_pdf=False)
    diags = Diagnostics()
    profile = project.profile("office", diags)
    pack = project.pack(DEFAULT_PACK, diags)
    spec = load_layout(layout_file(project.layouts_dir, material), project.root, size, diags)
    assert profile is not None
    assert pack is not None
    assert spec is not None
    pieces = [project.piece(pack, language, diags) for language in languages.split("+")]
    first, *others = (p for p in pieces if p is not None)
    document = layout_piece(first, spec, profile, project.fonts, diags, tuple(others))
    # The old layouts' code row has no room for captions in both languages (issue 16).
    unexpected = [d for d in diags.errors if root == bundled_root() or d.code != "qr.too-small"]
    assert not unexpected, [d.short() for d in unexpected]
    return document


def _collisions(document: Document) -> list[str]:
    diags = Diagnostics()
    check_collisions(document, FontBook(), diags)
    assert all(d.code == "check.collision" for d in diags.items)
    return [d.message for d in diags.items]


@pytest.mark.parametrize("pair", ["en+km", "en+hi", "en+ko", "en+zh-Hans", "en+zh-Hant"])
def test_issue_16_bilingual_headlines_touched(pair: str, engine_before_issue_16: None) -> None:
    """The two headlines of these letter bilingual posters touched; they no longer do."""
    found = _collisions(_document(OLD, "poster-bilingual", "letter", pair))
    assert any("`headline` and text in slot `headline-2`" in m for m in found), found
    assert any("overlap by" in m for m in found), found


@pytest.mark.parametrize("pair", ["en+km", "en+hi", "en+ko", "en+zh-Hans", "en+zh-Hant"])
def test_issue_16_bilingual_headlines_are_clear_today(pair: str) -> None:
    assert _collisions(_document(bundled_root(), "poster-bilingual", "letter", pair)) == []


@pytest.mark.parametrize(
    ("language", "size"), [("ar", "letter"), ("fa", "11x14"), ("prs", "11x14")]
)
def test_issue_16_arabic_script_headline_dots_near_the_subhead(
    language: str, size: str, engine_before_issue_16: None
) -> None:
    """The headline's dots came within 3 pt of the subhead under a 40-44 pt headline."""
    found = _collisions(_document(OLD, "poster", size, language))
    assert any("`headline` and text in slot `subhead`" in m for m in found), found


@pytest.mark.parametrize(
    ("language", "size"), [("ar", "letter"), ("fa", "11x14"), ("prs", "11x14")]
)
def test_issue_16_arabic_script_headlines_are_clear_today(language: str, size: str) -> None:
    assert _collisions(_document(bundled_root(), "poster", size, language)) == []


def _card_run_collisions(kit_file: Path, root: Path) -> list[str]:
    diags = Diagnostics()
    kit = load_kit(kit_file, root, diags)
    assert kit is not None, [d.short() for d in diags]
    job = next(j for j in kit.jobs if j.material == "wallet-card-discreet")
    job_diags = Diagnostics()
    build_job(Project(root, check_pdf=False), kit.pack, job, job_diags)
    return [d.message for d in job_diags.items if d.code == "check.collision"]


def test_issue_16_url_caption_was_drawn_on_the_sites_local_line() -> None:
    """A per-site card with a link code: the URL caption and the local line collided."""
    found = _card_run_collisions(OLD / "kits" / "cards.toml", OLD)
    assert len(found) == 1, found  # once per site with a local line, not once per card
    assert "`qr-caption` and text in slot `local`" in found[0]
    assert "site `oakland-clinic`" in found[0]


def test_the_card_example_kit_has_no_collision() -> None:
    assert _card_run_collisions(ROOT / "kits" / "cards-example.toml", ROOT) == []


def _line(fonts: FontBook, text: str, y: float, size: float = 20.0) -> TextLine:
    from outreach.core.text_lines import TextRun

    font = fonts.font_for("en", "regular")
    width = fonts.measure(text, font, size)
    black = Paint("rgb", (0.0, 0.0, 0.0))
    return TextLine(72.0, y, width, (TextRun(text, font, size, 72.0, width, black),))


def test_ink_is_the_glyphs_not_the_line_box() -> None:
    """A line of x-height letters has ink well inside its line box; descenders go below."""
    fonts = FontBook()
    flat = line_ink(_line(fonts, "wave", 100.0), fonts)
    deep = line_ink(_line(fonts, "gypsy", 100.0), fonts)
    assert flat is not None
    assert deep is not None
    assert flat.bottom == pytest.approx(100.0, abs=0.5)  # no descender
    assert 100.0 - flat.y < 0.6 * 20  # x-height, not the ascent
    assert deep.bottom > 103.0


def test_two_slots_closer_than_the_gap_are_one_located_error() -> None:
    fonts = FontBook()
    where = Location("content.yaml", 3, 1)

    def item(slot: str, y: float) -> TextItem:
        line = _line(fonts, "Hold", y)
        return TextItem(slot, Rect(72, y - 20, 300, 24), (line,), 20.0, 20.0, "en", where)

    def document(*items: TextItem) -> Document:
        page = Page("p", 612, 792, 0, 0, items)
        meta = Metadata("t", "a", "s", "en")
        return Document("poster", "letter", "en", "office", "rgb", (page,), meta)

    # "Hold" has no descender: its ink ends at the baseline; the cap height starts ~14 pt up.
    assert _collisions(document(item("a", 100.0), item("b", 120.0))) == []
    found = _collisions(document(item("a", 100.0), item("b", 115.0)))
    assert len(found) == 1
    assert "slot `a`" in found[0]
    assert "slot `b`" in found[0]
