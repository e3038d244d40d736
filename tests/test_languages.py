"""Every drafted language builds the poster, fits, and prints its own hotline sentence."""

from __future__ import annotations

import pytest

from outreach.core.diagnostics import Diagnostics
from outreach.core.document import TextItem
from outreach.jobs.job import Job
from outreach.jobs.piece import build_job
from outreach.jobs.project import Project
from outreach.text import is_rtl
from tests import pdfread
from tests.conftest import PACK_LANGUAGES

LANGUAGES = PACK_LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_poster_builds_and_prints_the_hotline_sentence(project: Project, language: str) -> None:
    diags = Diagnostics()
    built = build_job(project, "alameda-heart", Job("poster", "letter", language, "office"), diags)
    assert built is not None, [d.short() for d in diags.errors]
    assert not [d for d in diags if d.code.startswith(("layout.", "font."))]
    pack = project.pack("alameda-heart", diags)
    piece = project.piece(pack, language, diags)  # type: ignore[arg-type]
    assert piece is not None
    call_label = piece.text("poster.call_label").text
    page = built.document.pages[0]
    label = page.item("call-label")
    assert isinstance(label, TextItem)
    assert " ".join(label.text.split()) == call_label
    (extracted,) = pdfread.text(built.pdf)
    assert "1-888-373-7888" in extracted
    if not is_rtl(language) and language not in ("hi", "pa", "km"):
        # Shaped Indic/Khmer and right-to-left lines are compared on the Document above; the
        # PDF's ActualText is checked by the text-engine tests.
        assert call_label.replace(" ", "") in extracted.replace(" ", "")
    assert built.document.metadata.language == language


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_right_to_left_poster_mirrors_its_columns(project: Project, language: str) -> None:
    diags = Diagnostics()
    ltr = build_job(project, "alameda-heart", Job("poster", "letter", "en", "office"), diags)
    rtl = build_job(project, "alameda-heart", Job("poster", "letter", language, "office"), diags)
    assert ltr is not None
    assert rtl is not None
    for slot in ("questions", "who", "qr-call", "emergency"):
        left = ltr.document.pages[0].item(slot).rect  # type: ignore[union-attr]
        right = rtl.document.pages[0].item(slot).rect  # type: ignore[union-attr]
        assert right.x == pytest.approx(ltr.document.pages[0].width - left.x - left.w)


@pytest.mark.parametrize("language", LANGUAGES)
def test_wallet_card_builds_and_its_code_clears_the_text(project: Project, language: str) -> None:
    """Right-to-left backs mirror the QR code with the text, so they never overlap."""
    diags = Diagnostics()
    built = build_job(
        project, "alameda-heart", Job("wallet-card", "cr80", language, "office"), diags
    )
    assert built is not None, [d.short() for d in diags.errors]
    back = built.document.pages[1]
    (code,) = back.qr_items()
    quiet = code.module_size * code.quiet_zone
    inner = (
        code.rect.x + quiet,
        code.rect.y + quiet,
        code.rect.right - quiet,
        code.rect.bottom - quiet,
    )
    for text in back.text_items():
        if text.slot in ("review-note",) or not text.lines:
            continue
        ink = text.ink_rect()
        overlaps = not (
            ink.right <= inner[0]
            or inner[2] <= ink.x
            or ink.bottom <= inner[1]
            or inner[3] <= ink.y
        )
        assert not overlaps, (language, text.slot)


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_right_to_left_balanced_lines_keep_to_the_right(project: Project, language: str) -> None:
    """The poster's subhead is balanced into a narrower measure; right to left, that
    measure sits at the right edge, under the headline, not at the left margin."""
    diags = Diagnostics()
    built = build_job(project, "alameda-heart", Job("poster", "letter", language, "office"), diags)
    assert built is not None
    subhead = built.document.pages[0].item("subhead")
    assert isinstance(subhead, TextItem)
    assert len(subhead.lines) > 1
    for line in subhead.lines:
        assert line.x + line.width == pytest.approx(subhead.rect.right, abs=0.5)
