"""Document checks: each fires on a piece built to break it, and stays silent on the default."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from outreach import cli
from outreach.checks.document import check_document, contrast_ratio, reading_grade
from outreach.core.diagnostics import Diagnostics
from outreach.core.text_lines import Paint
from outreach.jobs.piece import build_material
from tests import pdfread
from tests.conftest import ROOT, job_kit, write_kit


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_short(project: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    """Build the poster of a broken project copy; the exit status and short diagnostics."""
    kit = write_kit(project, job_kit(material="poster", profiles=["office"]))
    status = cli.main(
        [
            "build",
            str(kit),
            "--out",
            str(project / "o"),
            "--diagnostic-format",
            "short",
            *extra,
        ]
    )
    return status, capsys.readouterr().err


def test_default_poster_passes_every_document_check() -> None:
    for profile in ("office", "press"):
        built = build_material("poster", profile=profile, project_dir=ROOT)
        diags = Diagnostics()
        check_document(built.document, diags)
        assert [d.short() for d in diags] == []


def test_low_contrast_text_is_an_error(
    project_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(
        project_copy / "layouts" / "poster.yaml",
        'ink: {rgb: "#1b1b1b", cmyk: [0, 0, 0, 100]}',
        'ink: {rgb: "#d0d0d0", cmyk: [0, 0, 0, 20]}',
    )
    monkeypatch.chdir(project_copy)
    status, err = build_short(project_copy, capsys)
    assert status == 1
    assert "error[check.contrast]" in err
    assert "WCAG AA needs 4.5:1" in err


def test_text_below_the_material_minimum_is_an_error(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        project_copy / "layouts" / "poster.yaml",
        "caption: {weight: regular, size: 10pt, min_size: 8pt",
        "caption: {weight: regular, size: 6pt, min_size: 6pt",
    )
    status, err = build_short(project_copy, capsys)
    assert status == 1
    assert "error[check.text-too-small]: slot `qr-call-caption` on page 1 prints 6 pt text" in err


def test_hard_victim_facing_text_gets_a_reading_level_warning(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        project_copy / "content" / "alameda-heart" / "content.yaml",
        'who: "Adults and children.',
        'who: "Individuals experiencing socioeconomic marginalization, intergenerational '
        "victimization and institutional abandonment are disproportionately vulnerable. ",
    )
    status, err = build_short(project_copy, capsys, "--strict")
    assert "warning[check.reading-level]: `poster.who` reads at about grade" in err
    assert status == 1  # --strict turns warnings into a failure


def test_reportlab_markup_in_content_prints_literally(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        project_copy / "content" / "alameda-heart" / "content.yaml",
        'headline: "Are you being forced to work?"',
        'headline: "<font color=red>Are</font> you &amp; <a href=x>forced</a>?"',
    )
    built = build_material("poster", project_dir=project_copy)
    (text,) = pdfread.text(built.pdf)
    assert "<font color=red>Are</font> you &amp; <a href=x>forced</a>?" in text


def test_contrast_and_grade_helpers() -> None:
    white, black = Paint("rgb", (1.0, 1.0, 1.0)), Paint("rgb", (0.0, 0.0, 0.0))
    assert contrast_ratio(white, black) == pytest.approx(21.0)
    assert contrast_ratio(Paint("cmyk", (0.0, 0.0, 0.0, 1.0)), white) == pytest.approx(21.0)
    assert reading_grade("You are not alone. Help is free.") < 3
    assert (
        reading_grade(
            "Institutional intergenerational marginalization perpetuates systemic vulnerability."
        )
        > 12
    )


def test_a_link_drawn_out_of_order_is_an_error() -> None:
    """The fa poster, with its link drawn in two pieces in the wrong order, as a broken
    bidi would draw it: the preflight names the link and refuses the piece."""
    built = build_material("poster", language="fa", check=False)
    page = built.document.pages[0]
    link = "humantraffickinghotline.org"
    item = next(i for i in page.text_items() if any(link in line.text for line in i.lines))
    line = next(line for line in item.lines if link in line.text)
    run = next(run for run in line.runs if link in run.text)
    head, tail = run.text.split(".", 1)
    pieces = (replace(run, text=tail), replace(run, text=head + "."))
    others = tuple(other for other in line.runs if other is not run)
    broken = replace(line, runs=(*pieces, *others), source_text=line.text)
    document = replace(
        built.document, pages=(replace(page, items=(replace(item, lines=(broken,)),)),)
    )
    diags = Diagnostics()
    check_document(document, diags)
    found = [d for d in diags.errors if d.code == "check.number-order"]
    assert found
    assert link in found[0].message
