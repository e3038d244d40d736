"""Translation review (issue 18): the fa packet out, a filled sheet back in, status by piece."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pypdfium2
import pytest

from outreach import build_material
from outreach.cli import main
from outreach.content.review_sheet import (
    COL_COMMENT,
    COL_DECISION,
    COL_DRAFT,
    COL_KEY,
    COL_REVIEWER,
    COL_TEXT,
    SHEET,
)
from outreach.core.diagnostics import Diagnostics
from outreach.jobs.job import Job
from outreach.jobs.piece import build_job, printed_entries
from outreach.jobs.project import Project
from outreach.jobs.review_import import import_review
from outreach.jobs.review_packet import write_packet
from tests.conftest import PACK, copy_project, job_kit, write_kit

NOTE = "translation not yet reviewed"
REVIEWER = "Leila Ahmadi"


def _pdf_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.fixture(scope="module")
def packet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """A copied project and its fa review packet."""
    root = copy_project(tmp_path_factory.mktemp("review"))
    project = Project(root, check_pdf=False)
    diags = Diagnostics()
    pack = project.pack(PACK, diags)
    assert pack is not None
    written = write_packet(project, pack, "fa", root / "review", diags)
    assert written is not None, [d.short() for d in diags]
    return root, written


def _card_keys(root: Path) -> list[str]:
    """The entries the fa wallet card prints."""
    built = build_material("wallet-card", language="fa", project_dir=root, check=False)
    project = Project(root, check_pdf=False)
    diags = Diagnostics()
    pack = project.pack(PACK, diags)
    assert pack is not None
    piece = project.piece(pack, "fa", diags)
    assert piece is not None
    return piece.printed_keys(printed_entries(built.document)["fa"])


def _rows(sheet: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, int]:
    return {
        str(sheet.cell(row=row, column=COL_KEY).value): row
        for row in range(2, sheet.max_row + 1)
        if sheet.cell(row=row, column=COL_KEY).value
    }


def test_packet_has_a_pdf_a_protected_sheet_and_xliff(packet: tuple[Path, list[Path]]) -> None:
    _, (pdf, xlsx, xlf) = packet
    assert [p.name for p in (pdf, xlsx, xlf)] == [
        "fa-review.pdf",
        "fa-review.xlsx",
        "fa-review.xlf",
    ]
    text = _pdf_text(pdf.read_bytes())
    assert "1. phone numbers and safety" in text
    assert "wallet-card" in text
    book = openpyxl.load_workbook(xlsx)
    sheet = book[SHEET]
    assert sheet.protection.sheet
    assert sheet.cell(row=2, column=COL_DRAFT).protection.locked
    assert not sheet.cell(row=2, column=COL_DECISION).protection.locked
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"approve,change,question"'
    assert sheet.column_dimensions["K"].hidden
    assert book["outreach"].sheet_state == "hidden"
    # numbers and safety wording come first, body text last
    priorities = [sheet.cell(row=r, column=2).value for r in range(2, sheet.max_row + 1)]
    assert priorities == sorted(
        priorities, key=["phone numbers and safety", "headline", "body text"].index
    )
    assert b'<unit id="card.title">' in xlf.read_bytes() or b"<unit id=" in xlf.read_bytes()


def test_filled_sheet_is_imported_all_or_nothing(
    packet: tuple[Path, list[Path]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, (_, xlsx, _) = packet
    po = root / "content" / PACK / "locale" / "fa.po"
    card = _card_keys(root)
    book = openpyxl.load_workbook(xlsx)
    sheet = book[SHEET]
    rows = _rows(sheet)
    changed_key = "card.front_title"
    broken_key = "poster.emergency"
    question_key = "poster.headline"
    assert changed_key in card
    assert broken_key not in card
    assert question_key not in card
    for key in card:
        sheet.cell(row=rows[key], column=COL_DECISION, value="approve")
        sheet.cell(row=rows[key], column=COL_REVIEWER, value=REVIEWER)
    sheet.cell(row=rows[changed_key], column=COL_DECISION, value="change")
    sheet.cell(row=rows[changed_key], column=COL_TEXT, value="آیا به کمک نیاز دارید؟")
    sheet.cell(row=rows[question_key], column=COL_DECISION, value="question")
    sheet.cell(row=rows[question_key], column=COL_COMMENT, value="too formal for a poster?")
    sheet.cell(row=rows[broken_key], column=COL_DECISION, value="change")
    sheet.cell(row=rows[broken_key], column=COL_REVIEWER, value=REVIEWER)
    sheet.cell(row=rows[broken_key], column=COL_TEXT, value="در مواقع اضطراری با ۹۱۱ تماس بگیرید.")
    filled = tmp_path / "fa-filled.xlsx"
    book.save(filled)

    before = po.read_bytes()
    argv = ["i18n", "import", str(filled), "--pack", str(root / "content" / PACK)]
    assert main([*argv, "--diagnostic-format", "short"]) == 1
    err = capsys.readouterr().err
    assert f"{filled.as_posix()}:{rows[broken_key]}:{COL_TEXT}: error[i18n.placeholder]" in err
    assert "nothing written" in err
    assert po.read_bytes() == before

    sheet.cell(row=rows[broken_key], column=COL_DECISION, value="approve")
    sheet.cell(row=rows[broken_key], column=COL_TEXT, value=None)
    book.save(filled)
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert f"changed   {changed_key} ({REVIEWER})" in out
    assert f"question  {question_key}: too formal for a poster?" in out

    text = po.read_text(encoding="utf-8")
    entry = text.split(f'msgctxt "{changed_key}"')[0].rsplit("\n\n", 1)[1]
    assert "needs-review" not in entry
    assert f"# changed and reviewed by {REVIEWER} on" in entry
    assert 'msgstr "آیا به کمک نیاز دارید؟"' in text.split(f'msgctxt "{changed_key}"')[1][:400]
    question = text.split(f'msgctxt "{question_key}"')[0].rsplit("\n\n", 1)[1]
    assert "#, needs-review" in question
    assert "too formal for a poster?" in question
    approved = text.split(f'msgctxt "{broken_key}"')[0].rsplit("\n\n", 1)[1]
    assert "needs-review" not in approved
    assert f"# reviewed by {REVIEWER} on" in approved

    # The card prints only reviewed entries: no note, and it passes --require-reviewed.
    card_pdf = build_material("wallet-card", language="fa", project_dir=root, check=False)
    assert card_pdf.details["review"] == {"fa": {"entries": len(card), "reviewed": len(card)}}
    assert NOTE not in _pdf_text(card_pdf.pdf)  # type: ignore[arg-type]
    poster = build_material("poster", language="fa", project_dir=root, check=False)
    assert NOTE in _pdf_text(poster.pdf)  # type: ignore[arg-type]
    for material, status in (("wallet-card", 0), ("poster", 1)):
        kit = write_kit(
            root,
            job_kit(material=material, languages=["fa"], profiles=["office"]),
            f"{material}.toml",
        )
        argv = ["build", str(kit), "--require-reviewed", "--out", str(tmp_path / material)]
        assert main([*argv, "--quiet", "--no-check"]) == status
    assert "error[i18n.needs-review]: poster-" in capsys.readouterr().err
    assert main(["i18n", "status", str(root / "content" / PACK), "--lang", "fa"]) == 0
    status = capsys.readouterr().out
    rows = [line.split() for line in status.splitlines()]
    every = f"{len(card)}/{len(card)}"  # translated, reviewed
    assert ["wallet-card", "fa", every, every, "reviewed"] in rows
    (poster_row,) = [row for row in rows if row[:2] == ["poster", "fa"]]
    assert "reviewed" not in poster_row


def test_stale_english_is_refused_with_the_key(
    packet: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    _root, (_, xlsx, _) = packet
    project_dir = copy_project(tmp_path / "p")
    content = project_dir / "content" / PACK / "content.yaml"
    content.write_text(
        content.read_text(encoding="utf-8").replace("Red flags", "Warning signs", 1),
        encoding="utf-8",
    )
    book = openpyxl.load_workbook(xlsx)
    sheet = book[SHEET]
    row = _rows(sheet)["red_flags.title"]
    sheet.cell(row=row, column=COL_DECISION, value="approve")
    sheet.cell(row=row, column=COL_REVIEWER, value=REVIEWER)
    filled = tmp_path / "stale.xlsx"
    book.save(filled)
    project = Project(project_dir, check_pdf=False)
    diags = Diagnostics()
    pack = project.pack(PACK, diags)
    assert pack is not None
    before = (project_dir / "content" / PACK / "locale" / "fa.po").read_bytes()
    assert import_review(project, pack, filled, diags) is None
    (error,) = diags.errors
    assert error.code == "review.stale"
    assert (error.location.path, error.location.line, error.location.column) == (
        filled.as_posix(),
        row,
        COL_KEY,
    )
    assert "red_flags.title" in error.message
    assert (project_dir / "content" / PACK / "locale" / "fa.po").read_bytes() == before


def test_a_file_that_is_not_a_sheet_is_a_located_error(tmp_path: Path) -> None:
    project_dir = copy_project(tmp_path / "p")
    bogus = tmp_path / "fa-review.xlsx"
    bogus.write_text('msgid ""\n', encoding="utf-8")
    project = Project(project_dir, check_pdf=False)
    diags = Diagnostics()
    pack = project.pack(PACK, diags)
    assert pack is not None
    assert import_review(project, pack, bogus, diags) is None
    (error,) = diags.errors
    assert error.code == "review.not-a-sheet"
    assert error.location.path == bogus.as_posix()
    xliff = tmp_path / "fa-review.xlf"
    xliff.write_text("not xml", encoding="utf-8")
    diags = Diagnostics()
    assert import_review(project, pack, xliff, diags) is None
    assert [d.code for d in diags.errors] == ["review.not-a-sheet"]


def test_an_official_translation_prints_without_the_unofficial_label(tmp_path: Path) -> None:
    project_dir = copy_project(tmp_path / "p")
    notice = project_dir / "content" / PACK / "notice-52-6.yaml"
    text = notice.read_text(encoding="utf-8")
    marked = text.replace("  es:\n    official: false\n", "  es:\n    official: true\n", 1)
    assert marked != text
    notice.write_text(marked, encoding="utf-8")
    job = Job("notice", None, "en", "office", None, ("es",))
    diags = Diagnostics()
    assert build_job(Project(project_dir, check_pdf=False), PACK, job, diags) is None
    assert [d.code for d in diags.errors] == ["notice.missing-key"]
    assert "does not name its source" in diags.errors[0].message
    source = "https://oag.ca.gov/human-trafficking/sb1193 (model notice, Spanish), 2026-01-01"
    notice.write_text(
        marked.replace(
            "  es:\n    official: true\n", f'  es:\n    official: true\n    source: "{source}"\n'
        ),
        encoding="utf-8",
    )
    diags = Diagnostics()
    built = build_job(Project(project_dir, check_pdf=False), PACK, job, diags)
    assert built is not None, [d.short() for d in diags]
    printed = " ".join(_pdf_text(built.pdf).split())  # type: ignore[arg-type]
    assert "Unofficial translation" not in printed
    assert "Official text of the California Attorney General" in printed
    (_, data), *_ = built.extras
    languages = json.loads(data)["checks"][-1]["languages"]
    assert {"tag": "es", "name": "Español", "official": True, "source": source} in languages


def test_xliff_decisions_come_back_like_the_sheet(
    packet: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    _, (_, _, xlf) = packet
    project_dir = copy_project(tmp_path / "p")
    data = xlf.read_text(encoding="utf-8")
    unit = data.index('<unit id="red_flags.title">')
    end = data.index("</unit>", unit)
    part = data[unit:end]
    reviewed = part.replace('state="translated"', 'state="reviewed"')
    reviewed = reviewed.replace("<target>نشانه‌های هشدار</target>", "<target>علائم هشدار</target>")
    filled = tmp_path / "fa.xlf"
    filled.write_text(data[:unit] + reviewed + data[end:], encoding="utf-8")
    project = Project(project_dir, check_pdf=False)
    diags = Diagnostics()
    pack = project.pack(PACK, diags)
    assert pack is not None
    report = import_review(project, pack, filled, diags, reviewer=REVIEWER, day="2026-12-08")
    assert report is not None, [d.short() for d in diags]
    assert [(o.key, o.action, o.text) for o in report.outcomes] == [
        ("red_flags.title", "change", "علائم هشدار")
    ]
    po = (project_dir / "content" / PACK / "locale" / "fa.po").read_text(encoding="utf-8")
    assert f"# changed and reviewed by {REVIEWER} on 2026-12-08" in po
