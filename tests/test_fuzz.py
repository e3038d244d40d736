"""Property-based fuzzing: any pack, layout or kit gives a PDF or diagnostics, never a crash."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, job_kit
from tests.fuzzing import assert_pdf_or_diagnostics, mutated_yaml, yaml_values

FILES = (
    "content/alameda-heart/pack.yaml",
    "content/alameda-heart/content.yaml",
    "layouts/poster.yaml",
)
POSTER_KIT = job_kit(material="poster", profiles=["press"])
BROCHURE = "layouts/brochure.yaml"
BROCHURE_KIT = job_kit(material="brochure", profiles=["press"])
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


SITES_KIT = job_kit(
    material="wallet-card",
    sizes=["cr80"],
    sheets=["letter"],
    profiles=["office"],
    sites="sites.csv",
    qr="link:hotline_site",
    tracking="src",
    alignment=False,
)
CELLS = st.one_of(
    st.text(max_size=12),
    st.integers(-5, 500).map(str),
    st.sampled_from(
        [
            "",
            "1-888-373-7888",
            "(510) 555-0199",
            "Clinic, Oakland",
            '"q"',
            "\u202e",
            "0",
            "-3",
            "2.5",
            "ten",
            "c-01",
        ]
    ),
)


@st.composite
def site_lists(draw: st.DrawFn) -> str:
    """A site list: sometimes well formed, often not (columns, ids, quantities, contacts)."""
    header = draw(
        st.sampled_from(
            [
                "id,name,quantity,local_contact,campaign",
                "id,name,quantity",
                "name,quantity",
                "id,id,quantity",
                "id,name,quantity,colour",
            ]
        )
    )
    good = st.builds(
        lambda n, q: [f"s{n}", f"Site {n}", str(q), "", f"c{n}"],
        st.integers(0, 99),
        st.integers(1, 30),
    )
    rows = draw(st.lists(st.one_of(good, st.lists(CELLS, min_size=0, max_size=6)), max_size=6))
    return (
        header
        + "\n"
        + "\n".join(",".join(cell.replace("\n", " ") for cell in row) for row in rows)
        + "\n"
    )


@SETTINGS
@given(site_lists())
def test_any_site_list_gives_a_pdf_or_diagnostics(tmp_path_factory: Any, sites: str) -> None:
    project = tmp_path_factory.mktemp("fuzz")
    (project / "kits").mkdir(parents=True, exist_ok=True)
    (project / "kits" / "sites.csv").write_text(sites, encoding="utf-8")
    assert_pdf_or_diagnostics(project, SITES_KIT, {})
