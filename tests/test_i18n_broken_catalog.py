"""A broken PO file is reported, never a traceback, and never counted as complete (issue 21)."""

from __future__ import annotations

from pathlib import Path

import pytest

from outreach import cli
from tests.conftest import copy_project, job_kit, write_kit

PACK = "alameda-heart"


def _break(project: Path) -> Path:
    po = project / "content" / PACK / "locale" / "es.po"
    po.write_text(po.read_text(encoding="utf-8") + "\nthis is not a PO line\n", encoding="utf-8")
    return po


def test_update_of_a_broken_catalog_is_a_diagnostic_and_leaves_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path)
    po = _break(project)
    before = po.read_bytes()
    status = cli.main(["i18n", "update", str(project / "content" / PACK), "--lang", "es"])
    err = capsys.readouterr().err
    assert status == 1
    assert "i18n.syntax" in err
    assert "Traceback" not in err
    assert po.read_bytes() == before


def test_status_of_a_broken_catalog_counts_its_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path)
    _break(project)
    status = cli.main(["i18n", "status", str(project / "content" / PACK), "--lang", "es"])
    captured = capsys.readouterr()
    assert status == 1
    row = next(line for line in captured.out.splitlines() if line.startswith("es "))
    assert int(row.split()[-1]) >= 1


def test_a_build_reports_the_broken_line_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path)
    _break(project)
    kit = write_kit(project, job_kit(material="poster", languages=["es"]))
    status = cli.main(
        ["build", str(kit), "--out", str(tmp_path / "o"), "--diagnostic-format", "short"]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert "error[i18n.syntax]" in err
    assert "i18n.unknown-language" not in err
    assert "i18n.missing" not in err
