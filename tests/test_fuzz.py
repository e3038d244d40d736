"""Property-based fuzzing: any pack, layout or kit gives a PDF or diagnostics, never a crash."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from tests.fuzzing import assert_pdf_or_diagnostics, mutated_yaml, yaml_values

FILES = (
    "content/alameda-heart/pack.yaml",
    "content/alameda-heart/content.yaml",
    "layouts/poster.yaml",
)
POSTER_KIT = '[kit]\npack = "alameda-heart"\n[[jobs]]\nmaterial = "poster"\nprofiles = ["press"]\n'
BROCHURE = "layouts/brochure.yaml"
BROCHURE_KIT = POSTER_KIT.replace('"poster"', '"brochure"')
VALUES = yaml_values(
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
    "narrow",
    "wide",
    "left",
    "bars",
    "0pt",
)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@st.composite
def broken_text(draw: st.DrawFn) -> tuple[str, str]:
    """A project file cut short, with random text inserted, or with one value changed."""
    name = draw(st.sampled_from(FILES))
    text = (ROOT / name).read_text(encoding="utf-8")
    mode = draw(st.sampled_from(["value", "value", "value", "truncate", "insert"]))
    if mode == "truncate":
        return name, text[: draw(st.integers(0, len(text)))]
    if mode == "insert":
        at = draw(st.integers(0, len(text)))
        return name, text[:at] + draw(st.text(max_size=12)) + text[at:]
    return name, draw(mutated_yaml(name, VALUES))


@SETTINGS
@given(broken_text())
def test_any_input_gives_a_pdf_or_diagnostics(
    tmp_path_factory: Any, change: tuple[str, str]
) -> None:
    name, text = change
    assert_pdf_or_diagnostics(tmp_path_factory.mktemp("fuzz"), POSTER_KIT, {name: text})


@SETTINGS
@given(mutated_yaml(BROCHURE, VALUES))
def test_any_brochure_layout_gives_a_pdf_or_diagnostics(tmp_path_factory: Any, text: str) -> None:
    assert_pdf_or_diagnostics(tmp_path_factory.mktemp("fuzz"), BROCHURE_KIT, {BROCHURE: text})
