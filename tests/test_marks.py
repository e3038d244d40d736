"""Marks and notes on the paper: slugs wrapped between crop marks, office notes 6 mm inside."""

from __future__ import annotations

from dataclasses import replace

import pytest

from outreach.checks.marks import OFFICE_EDGE, check_marks
from outreach.core.diagnostics import Diagnostics
from outreach.core.document import Document, LineItem, Page, TextItem
from outreach.core.resources import bundled_root
from outreach.jobs.job import Job
from outreach.jobs.piece import _make_piece
from outreach.jobs.project import Project
from outreach.layout.marks import SEPARATOR, text_block, wrap_slug


@pytest.fixture(scope="module")
def project() -> Project:
    return Project(bundled_root(), check_pdf=False)


def laid_out(project: Project, material: str, size: str, language: str, profile: str) -> Document:
    diags = Diagnostics()
    built = _make_piece(project, "alameda-heart", Job(material, size, language, profile), diags)
    assert built is not None, diags.items
    return built.document


def codes(document: Document) -> list[str]:
    diags = Diagnostics()
    check_marks(document, diags)
    return [d.code for d in diags.items]


def test_wrap_slug_keeps_every_fact() -> None:
    text = "wallet-card cr80 fa | page front | trim 85.6 x 54.0 mm | translation not yet reviewed"
    lines = wrap_slug(text, 30, len)
    assert all(len(line) <= 30 for line in lines)
    assert SEPARATOR.join(lines) == text
    # a file name wider than the room breaks after a hyphen, and nothing is lost
    name = "wallet-card-discreet-sheet-letter-en-office | front"
    lines = wrap_slug(name, 12, len)
    assert all(len(line) <= 12 for line in lines)
    assert (
        "".join(line if line.endswith("-") else line + " | " for line in lines).rstrip(" |") == name
    )


@pytest.mark.parametrize("size", ["cr80", "business"])
def test_issue_20_card_slug_stays_on_the_sheet_between_the_crop_marks(
    project: Project, size: str
) -> None:
    document = laid_out(project, "wallet-card-discreet", size, "fa", "press")
    for page in document.pages:
        slug = page.item("slug")
        assert isinstance(slug, TextItem)
        assert len(slug.lines) == 2  # too long for one line between the marks
        assert "translation not yet reviewed" in slug.text
        ink = slug.ink_rect()
        assert 0 < ink.x
        assert ink.right < page.width
        assert page.height + page.bleed < ink.y
        assert ink.bottom < page.height + page.bleed + page.slug
    assert codes(document) == []


def test_the_check_finds_a_slug_off_the_sheet_and_under_a_crop_mark(project: Project) -> None:
    document = laid_out(project, "wallet-card", "cr80", "fa", "press")
    page = document.pages[0]
    slug = page.item("slug")
    assert isinstance(slug, TextItem)
    one_line = text_block(
        "slug",
        [slug.text.replace("\n", SEPARATOR)],
        slug.rect.x,
        slug.lines[0].baseline,
        slug.size,
        slug.lines[0].runs[0].paint,
        project.fonts,
        slug.source,
        "fa",
    )
    items = tuple(one_line if item is slug else item for item in page.items)
    broken = replace(document, pages=(replace(page, items=items),))
    diags = Diagnostics()
    check_marks(broken, diags)
    found = {d.code: d for d in diags.items}
    assert set(found) == {"check.mark-off-sheet", "check.mark-on-crop-mark"}
    assert found["check.mark-off-sheet"].location.key == "slug"
    assert "page 1 of wallet-card cr80 fa press" in found["check.mark-on-crop-mark"].message


@pytest.mark.parametrize(
    ("material", "size"),
    [("wallet-card", "cr80"), ("wallet-card", "business"), ("poster", "letter")],
)
def test_issue_20_office_notes_stay_6_mm_inside_the_paper(
    project: Project, material: str, size: str
) -> None:
    document = laid_out(project, material, size, "es", "office")
    for page in document.pages:
        note = page.item("review-note")
        assert isinstance(note, TextItem)
        ink = note.ink_rect()
        edge = min(ink.x, ink.y, page.width - ink.right, page.height - ink.bottom)
        assert edge >= OFFICE_EDGE - 0.01, (page.name, edge)
    assert codes(document) == []


def test_the_check_finds_an_office_note_near_the_edge(project: Project) -> None:
    document = laid_out(project, "poster", "letter", "es", "office")
    page = document.pages[0]
    note = page.item("review-note")
    assert isinstance(note, TextItem)
    lowered = replace(
        note,
        lines=tuple(line.moved(0, page.height - 2 - note.lines[0].baseline) for line in note.lines),
    )
    mark = LineItem("crop-mark", 1, 1, 10, 1, 0.25, note.lines[0].runs[0].paint)
    items = (*(lowered if item is note else item for item in page.items), mark)
    diags = Diagnostics()
    check_marks(replace(document, pages=(replace(page, items=items),)), diags)
    messages = [d.message for d in diags.items if d.code == "check.mark-near-edge"]
    assert len(messages) == 2, messages
    assert any("`review-note` on page 1" in m and "0.1 mm from the edge" in m for m in messages)
    assert any("`crop-mark`" in m for m in messages)


def test_page_of_a_streamed_run_is_checked_too(project: Project) -> None:
    """`marks_checked` passes every page through and reports once per mark."""
    from outreach.checks.marks import marks_checked

    document = laid_out(project, "wallet-card", "cr80", "en", "press")
    page = document.pages[0]
    off = replace(page, items=(*page.items, replace(page.item("crop-mark"), x2=page.width * 3)))
    assert isinstance(off.items[-1], LineItem)
    diags = Diagnostics()
    pages: list[Page] = list(marks_checked([off, off, off], document, diags))
    assert len(pages) == 3
    assert [d.code for d in diags.items] == ["check.mark-off-sheet"]
    assert "sheet page 1" in diags.items[0].message
