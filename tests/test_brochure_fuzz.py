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

LAYOUT = "layouts/brochure.yaml"
KIT = '[kit]\npack = "alameda-heart"\n[[jobs]]\nmaterial = "brochure"\nprofiles = ["press"]\n'


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["1mm", "-5pt", "200%", "0pt", "narrow", "wide", "left", "bars", "#zzzzzz"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _mutate(data: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if action == "delete" and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


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
