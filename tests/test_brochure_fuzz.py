"""Fuzz the brochure's layout file: any change gives a PDF or diagnostics, never a crash."""

from __future__ import annotations

import shutil
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outreach import build
from outreach.diagnostics import BuildError
from tests.conftest import ROOT
from tests.test_fuzz import _mutate, _paths, values

LAYOUT = "layouts/brochure.yaml"
KIT = '[kit]\npack = "alameda-heart"\n[[jobs]]\nmaterial = "brochure"\nprofiles = ["press"]\n'


@st.composite
def mutated_layout(draw: st.DrawFn) -> str:
    """The brochure layout with one value replaced or deleted (panels, flows, charts...)."""
    data = yaml.safe_load((ROOT / LAYOUT).read_text(encoding="utf-8"))
    path = draw(st.sampled_from(_paths(data)))
    data = _mutate(data, path, draw(st.sampled_from(["replace", "delete"])), draw(values))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutated_layout())
def test_any_brochure_layout_gives_a_pdf_or_diagnostics(tmp_path_factory: Any, text: str) -> None:
    project = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(ROOT / "content" / "alameda-heart", project / "content" / "alameda-heart")
    shutil.copytree(ROOT / "layouts", project / "layouts")
    (project / "kits").mkdir()
    (project / "kits" / "k.toml").write_text(KIT, encoding="utf-8")
    (project / LAYOUT).write_text(text, encoding="utf-8")
    out = project / "out"
    failure: BuildError | None = None
    try:
        report = build(project / "kits" / "k.toml", out_dir=out, workers=1)
    except BuildError as exc:
        failure = exc
    if failure is not None:
        assert failure.diagnostics, "a failed build must say why"
        assert all(d.code and d.message and d.location.path for d in failure.diagnostics)
        assert not out.exists()
    else:
        assert report.outputs
        assert all(path.read_bytes().startswith(b"%PDF-") for path in report.outputs)
