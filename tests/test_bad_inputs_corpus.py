"""The hostile-input corpus (tests/bad_inputs/cases.yaml): each case gives its diagnostic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from outreach import cli
from tests.conftest import copy_project, job_kit, write_kit

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "bad_inputs" / "cases.yaml").read_text(encoding="utf-8")
)


def test_the_corpus_has_at_least_30_cases() -> None:
    assert len(CASES) >= 30
    assert len({case["id"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case_is_refused_with_its_diagnostic(
    case: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = write_kit(copy_project(tmp_path), job_kit(material="poster"))
    target = tmp_path / case["file"]
    text = target.read_text(encoding="utf-8")
    assert case["find"] in text, "the case no longer applies to the default project"
    target.write_text(text.replace(case["find"], case["replace"], 1), encoding="utf-8")
    out = tmp_path / "out"
    status = cli.main(
        [
            "build",
            str(kit),
            "--out",
            str(out),
            "--diagnostic-format",
            "short",
        ]
    )
    err = capsys.readouterr().err
    assert status == 1, err
    assert case["expect"] in err
    assert not out.exists()
