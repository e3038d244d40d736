"""A project's layouts override the bundled ones file by file (issue 15)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from outreach import cli
from outreach.core.diagnostics import Diagnostics
from outreach.jobs.job import Job
from outreach.jobs.piece import build_job
from outreach.jobs.project import Project
from tests.conftest import ROOT, copy_project, job_kit, write_kit


def _project_with_own_poster(tmp_path: Path) -> Path:
    project = copy_project(tmp_path, layouts=False)
    (project / "layouts").mkdir()
    poster = (ROOT / "layouts" / "poster.yaml").read_text(encoding="utf-8")
    own = poster.replace('teal: {rgb: "#0f4c5c"', 'teal: {rgb: "#0b3d4a"', 1)
    assert own != poster
    (project / "layouts" / "poster.yaml").write_text(own, encoding="utf-8")
    return project


def test_one_own_layout_keeps_every_other_material(tmp_path: Path) -> None:
    project = Project(_project_with_own_poster(tmp_path))
    diags = Diagnostics()
    for material in ("poster", "brochure", "wallet-card"):
        built = build_job(project, "alameda-heart", Job(material, None, "en", "press"), diags)
        assert built is not None, [d.message for d in diags.errors]
    assert not diags.has_errors()


def test_the_projects_own_layout_is_the_one_used(tmp_path: Path) -> None:
    own = Project(_project_with_own_poster(tmp_path))
    bundled = Project(ROOT)
    diags = Diagnostics()
    mine = build_job(own, "alameda-heart", Job("poster", "letter", "en", "office"), diags)
    theirs = build_job(bundled, "alameda-heart", Job("poster", "letter", "en", "office"), diags)
    assert mine is not None
    assert theirs is not None
    assert mine.pdf != theirs.pdf  # the own palette's teal is printed


def test_own_profiles_override_the_bundled_profiles_only_when_present(tmp_path: Path) -> None:
    project = _project_with_own_poster(tmp_path)
    assert not (project / "layouts" / "profiles.yaml").exists()
    assert set(Project(project).profiles(Diagnostics())) == {"office", "press", "digital"}
    shutil.copy(ROOT / "layouts" / "profiles.yaml", project / "layouts" / "profiles.yaml")
    assert set(Project(project).profiles(Diagnostics())) == {"office", "press", "digital"}


def test_an_unknown_material_lists_the_bundled_ones_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project_with_own_poster(tmp_path)
    kit = write_kit(project, job_kit(material="brochur"))
    status = cli.main(["build", str(kit), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert status == 1
    assert "brochure" in err  # the did-you-mean names a bundled material
