"""Property-based fuzzing: any pack, layout or kit gives a PDF or diagnostics, never a crash."""

from __future__ import annotations

import shutil
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outreach import build
from outreach.diagnostics import BuildError
from tests.conftest import ROOT

FILES = (
    "content/alameda-heart/pack.yaml",
    "content/alameda-heart/content.yaml",
    "layouts/poster.yaml",
)
KIT = '[kit]\npack = "alameda-heart"\n[[jobs]]\nmaterial = "poster"\nprofiles = ["press"]\n'

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        [
            "{{ contacts.hotline }}",
            "{{ x.__class__ }}",
            "**",
            "1mm",
            "-5pt",
            "200%",
            "https://evil.example",
            "\u202e",
            "\U0001f600",
            "#zzzzzz",
            "{%",
            "}}",
        ]
    ),
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
    last = path[-1]
    if action == "delete" and isinstance(parent, dict):
        del parent[last]
    else:
        parent[last] = value
    return data


@st.composite
def mutated_project(draw: st.DrawFn) -> tuple[str, str]:
    """A file of the default project and its new, possibly broken, text."""
    name = draw(st.sampled_from(FILES))
    text = (ROOT / name).read_text(encoding="utf-8")
    mode = draw(st.sampled_from(["value", "value", "value", "truncate", "insert"]))
    if mode == "truncate":
        return name, text[: draw(st.integers(0, len(text)))]
    if mode == "insert":
        at = draw(st.integers(0, len(text)))
        return name, text[:at] + draw(st.text(max_size=12)) + text[at:]
    data = yaml.safe_load(text)
    paths = _paths(data)
    path = draw(st.sampled_from(paths))
    action = draw(st.sampled_from(["replace", "delete"]))
    data = _mutate(data, path, action, draw(values))
    return name, yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutated_project())
def test_any_input_gives_a_pdf_or_diagnostics(
    tmp_path_factory: Any, change: tuple[str, str]
) -> None:
    project = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(ROOT / "content" / "alameda-heart", project / "content" / "alameda-heart")
    shutil.copytree(ROOT / "layouts", project / "layouts")
    (project / "kits").mkdir()
    (project / "kits" / "k.toml").write_text(KIT, encoding="utf-8")
    name, text = change
    (project / name).write_text(text, encoding="utf-8")
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
