"""Shared pieces of the property-based tests: random YAML values and one mutated build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from outreach import build
from outreach.core.diagnostics import BuildError
from tests.conftest import ROOT, copy_project, write_kit


def yaml_values(*samples: str) -> st.SearchStrategy[Any]:
    """Any YAML-able value: scalars of every type, nested lists and mappings, plus samples."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**6), 10**6),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=40),
        st.sampled_from(samples or ("x",)),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=6,
    )


def value_paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path into nested YAML data."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += value_paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += value_paths(value, (*prefix, index))
    return found


@st.composite
def mutated_yaml(draw: st.DrawFn, name: str, values: st.SearchStrategy[Any]) -> str:
    """The text of a project file with one value replaced or deleted."""
    data = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
    path = draw(st.sampled_from(value_paths(data)))
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if draw(st.booleans()) and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(values)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def assert_pdf_or_diagnostics(project: Path, kit: str, changes: dict[str, str]) -> None:
    """Build a copy of the default project with `changes` applied: only two outcomes allowed."""
    copy_project(project)
    kit_path = write_kit(project, kit)
    for name, text in changes.items():
        (project / name).write_text(text, encoding="utf-8")
    out = project / "out"
    failure: BuildError | None = None
    try:
        report = build(kit_path, out_dir=out, workers=1)
    except BuildError as exc:
        failure = exc
    if failure is not None:
        assert failure.diagnostics, "a failed build must say why"
        assert all(d.code and d.message and d.location.path for d in failure.diagnostics)
        assert not out.exists()
    else:
        assert report.outputs
        assert all(path.read_bytes().startswith(b"%PDF-") for path in report.outputs)
