"""Site lists for card print runs (issue 3): every mistake is a diagnostic with file and
row, and a build with any of them writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from outreach import cli
from outreach.content.sites import load_sites
from outreach.core.diagnostics import Diagnostics
from tests.conftest import FIXTURES, ROOT, job_kit, write_kit


def sites_kit(tmp_path: Path, sites: str, **extra: object) -> Path:
    """A kit for office sheets of wallet cards for one of the fixture site lists."""
    job = job_kit(
        material="wallet-card",
        sheets=["letter"],
        profiles=["office"],
        sites=str(FIXTURES / sites),
        **extra,
    )
    return write_kit(tmp_path, job, "cards.toml")


@pytest.mark.parametrize(
    ("sites", "expected"),
    [
        (
            "sites-missing-column.csv",
            [
                "tests/fixtures/sites-missing-column.csv:1: error[sites.missing-column]: site list "
                "`tests/fixtures/sites-missing-column.csv` has no `quantity` column",
            ],
        ),
        (
            "sites-duplicate-id.csv",
            [
                "tests/fixtures/sites-duplicate-id.csv:4: error[sites.duplicate-id]: site id "
                "`alpha` is used twice",
            ],
        ),
        (
            "sites-bad-quantity.csv",
            [
                "tests/fixtures/sites-bad-quantity.csv:2: error[sites.bad-quantity]: quantity `0` "
                "of site `alpha` is not a positive whole number",
                "tests/fixtures/sites-bad-quantity.csv:3: error[sites.bad-quantity]: quantity "
                "`2.5` of site `beta` is not a positive whole number",
                "tests/fixtures/sites-bad-quantity.csv:4: error[sites.bad-quantity]: quantity "
                "`ten` of site `gamma` is not a positive whole number",
                "tests/fixtures/sites-bad-quantity.csv:5: error[sites.bad-quantity]: quantity `-4` "
                "of site `delta` is not a positive whole number",
            ],
        ),
        (
            "sites-bad-phone.csv",
            [
                "tests/fixtures/sites-bad-phone.csv:2: error[sites.bad-phone]: `(123) 456-7890` in "
                "the local contact of site `alpha` is not a valid phone number",
                "tests/fixtures/sites-bad-phone.csv:3: error[sites.bad-phone]: local contact of "
                "site `beta` has no valid phone number: `Ask at the front desk`",
            ],
        ),
        (
            "sites-long-contact.csv",
            [
                "tests/fixtures/sites-long-contact.csv:2: error[sites.contact-overflow]: local "
                "contact `Alameda County Family Justice Center, walk-in help for anyone in need at "
                "the front desk (510) 555-0123` of site `alpha` does not fit slot `local` on the "
                "card (needs 4 lines, at most 2 lines at 6.5pt)",
            ],
        ),
    ],
)
def test_bad_site_list_is_reported_and_nothing_written(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    sites: str,
    expected: list[str],
) -> None:
    monkeypatch.chdir(ROOT)
    kit = sites_kit(tmp_path, sites)
    out = tmp_path / "out"
    status = cli.main(["build", str(kit), "--out", str(out), "--diagnostic-format", "short"])
    assert status == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "error[" in line]
    assert lines == expected
    assert "nothing written" in err
    assert not out.exists()


def test_csv_and_yaml_lists_agree() -> None:
    diags = Diagnostics()
    from_csv = load_sites(FIXTURES / "sites-three.csv", ROOT, diags)
    from_yaml = load_sites(FIXTURES / "sites-three.yaml", ROOT, diags)
    assert not diags.items
    assert from_csv is not None
    assert from_yaml is not None
    fields = [
        (s.id, s.name, s.quantity, s.local_contact, s.local_dial, s.campaign)
        for s in from_csv.sites
    ]
    assert fields == [
        (s.id, s.name, s.quantity, s.local_contact, s.local_dial, s.campaign)
        for s in from_yaml.sites
    ]
    assert fields[0] == (
        "alpha",
        "Alpha clinic",
        7,
        "Alpha clinic (510) 555-0123",
        "+15105550123",
        "spring-alpha",
    )
    assert from_csv.total == 20


def test_yaml_rows_are_located(tmp_path: Path) -> None:
    sites = tmp_path / "sites.yaml"
    sites.write_text(
        "- {id: a, name: A, quantity: 3}\n- {id: b, name: B, quantity: 0}\n- {id: c, name: C}\n",
        encoding="utf-8",
    )
    diags = Diagnostics()
    assert load_sites(sites, tmp_path, diags) is None
    # In file order: rows are checked as they are read.
    assert [d.short() for d in diags] == [
        "sites.yaml:2:30: error[sites.bad-quantity]: quantity `0` of site `b` is not a "
        "positive whole number",
        "sites.yaml:3:3: error[sites.missing-column]: site has no `quantity`",
    ]


def test_tracking_on_a_tel_code_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    kit = sites_kit(tmp_path, "sites-three.csv", tracking="src", alignment=False)
    out = tmp_path / "out"
    assert (
        cli.main(["build", str(kit), "--out", str(out), "--diagnostic-format", "short", "--strict"])
        == 1
    )
    assert "warning[kit.tracking-ignored]" in capsys.readouterr().err
    assert cli.main(["build", str(kit), "--out", str(out), "--quiet"]) == 0
    assert sorted(p.name for p in out.iterdir() if p.suffix in (".pdf", ".json")) == [
        ".outreach-cache.json",
        "manifest.json",
        "wallet-card-sheet-letter-en-office-sites-three.pdf",
    ]


def test_the_build_decodes_a_runs_first_sheet_against_its_payloads(tmp_path: Path) -> None:
    """A run streams its pages, so the preflight checks the codes on its first sheet
    against the run's payloads: a code for anything else is an error."""
    from outreach.checks.preflight import check_built_pdf
    from outreach.core.resources import bundled_root
    from outreach.jobs.kits import load_kit
    from outreach.jobs.piece import build_job
    from outreach.jobs.project import Project

    kit_file = sites_kit(tmp_path, "sites-three.csv", qr="link:hotline_site", tracking="src")
    diags = Diagnostics()
    kit = load_kit(kit_file, ROOT, diags)
    assert kit is not None, [d.short() for d in diags]
    job = next(j for j in kit.jobs if j.card is not None and j.card.sites)
    built = build_job(Project(bundled_root()), kit.pack, job, diags)
    assert built is not None, [d.short() for d in diags]
    assert not built.document.pages  # streamed
    payloads = built.details["qr_payloads"]
    assert isinstance(payloads, list)
    assert len(payloads) == 3  # one per site: the campaign tag varies
    ok = Diagnostics()
    check_built_pdf(built.pdf, built.document, "run.pdf", ok, run_payloads=payloads)
    assert not ok.errors
    wrong = Diagnostics()
    check_built_pdf(built.pdf, built.document, "run.pdf", wrong, run_payloads=payloads[1:])
    assert [d.code for d in wrong.errors] == ["qr.unexpected"]
