"""Kits: matrix expansion and naming, incremental rebuilds, the manifest and the print order."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from outreach import build
from outreach.content.catalogs import update_catalog
from outreach.core.diagnostics import Diagnostics
from outreach.jobs.job import Job
from outreach.jobs.kits import load_kit
from outreach.jobs.project import Project
from tests.conftest import ROOT, copy_project, job_kit, write_kit

KIT = job_kit(
    kit_name="campaign",
    material="poster",
    sizes=["letter", "a4"],
    languages=["en", "es"],
    profiles=["office", "press"],
    quantity=250,
)


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    """A project with the default pack, a Spanish catalog and a 2 x 2 x 2 kit."""
    project = Project(copy_project(tmp_path, layouts=False, catalogs=False))
    pack = project.pack("alameda-heart", Diagnostics())
    assert pack is not None
    po = update_catalog(pack, "es")
    with po.open("rb") as stream:
        catalog = read_po(stream)
    for message in catalog:
        if message.id and message.context:
            message.string = str(message.id)  # stands in for a translation
    with po.open("wb") as stream:
        write_po(stream, catalog, width=0, sort_output=False)
    write_kit(tmp_path, KIT, "campaign.toml")
    return tmp_path


def test_matrix_expands_in_order_with_names(campaign: Path) -> None:
    diags = Diagnostics()
    kit = load_kit(campaign / "kits" / "campaign.toml", campaign, diags)
    assert kit is not None
    assert len(kit.jobs) == 8
    assert kit.jobs[0] == Job("poster", "letter", "en", "office", quantity=250)
    assert kit.jobs[0].file_name("letter") == "poster-letter-en-office.pdf"


def test_second_build_skips_everything_and_force_rebuilds(campaign: Path) -> None:
    out = campaign / "out"
    first = build(campaign / "kits" / "campaign.toml", out_dir=out, workers=2)
    assert len(first.outputs) == 8
    second = build(campaign / "kits" / "campaign.toml", out_dir=out, workers=2)
    assert second.outputs == ()
    assert len(second.skipped) == 8
    forced = build(campaign / "kits" / "campaign.toml", out_dir=out, force=True, workers=1)
    assert len(forced.outputs) == 8


def test_touching_one_po_file_rebuilds_only_that_language(campaign: Path) -> None:
    out = campaign / "out"
    build(campaign / "kits" / "campaign.toml", out_dir=out)
    po = campaign / "content" / "alameda-heart" / "locale" / "es.po"
    po.write_text(po.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = build(campaign / "kits" / "campaign.toml", out_dir=out)
    assert sorted(p.name for p in again.outputs) == [
        "poster-a4-es-office.pdf",
        "poster-a4-es-press.pdf",
        "poster-letter-es-office.pdf",
        "poster-letter-es-press.pdf",
    ]
    assert len(again.skipped) == 4


def test_an_output_changed_by_hand_is_rebuilt(campaign: Path) -> None:
    out = campaign / "out"
    build(campaign / "kits" / "campaign.toml", out_dir=out)
    (out / "poster-a4-en-press.pdf").write_bytes(b"damaged")
    again = build(campaign / "kits" / "campaign.toml", out_dir=out)
    assert [p.name for p in again.outputs] == ["poster-a4-en-press.pdf"]


def test_manifest_hashes_match_and_list_every_file(campaign: Path) -> None:
    out = campaign / "out"
    build(campaign / "kits" / "campaign.toml", out_dir=out)
    build(campaign / "kits" / "campaign.toml", out_dir=out)  # all skipped: manifest still full
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(manifest["files"]) == 8
    for entry in manifest["files"]:
        assert hashlib.sha256((out / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]
        assert entry["quantity"] == 250
    assert {tuple(e["languages"]) for e in manifest["files"]} == {("en",), ("es",)}


def test_print_order_lists_press_files_first(campaign: Path) -> None:
    out = campaign / "out"
    build(campaign / "kits" / "campaign.toml", out_dir=out)
    order = (out / "print-order.txt").read_text()
    first_file = next(line for line in order.splitlines() if line.startswith("File:"))
    assert first_file.endswith("-press.pdf")
    assert "Quantity:   250" in order
    assert "Trim size:  8.5 x 11 in (215.9 x 279.4 mm), bleed 3.17 mm" in order


def test_parallel_and_serial_builds_are_byte_identical(campaign: Path) -> None:
    serial = build(campaign / "kits" / "campaign.toml", out_dir=campaign / "a", workers=1)
    parallel = build(campaign / "kits" / "campaign.toml", out_dir=campaign / "b", workers=2)
    for path in serial.outputs:
        assert path.read_bytes() == (parallel.out_dir / path.name).read_bytes()
    assert os.cpu_count()


def test_a_skipped_job_repeats_its_warnings(campaign: Path) -> None:
    """A cached build must not hide a warning (e.g. a draft translation) from --strict."""
    po = campaign / "content" / "alameda-heart" / "locale" / "es.po"
    with po.open("rb") as stream:
        catalog = read_po(stream)
    for message in catalog:
        if message.id:
            message.flags.add("needs-review")
    with po.open("wb") as stream:
        write_po(stream, catalog, width=0, sort_output=False)
    out = campaign / "out"
    first = build(campaign / "kits" / "campaign.toml", out_dir=out)
    second = build(campaign / "kits" / "campaign.toml", out_dir=out)
    assert second.outputs == ()
    codes = sorted({d.code for d in second.diagnostics})
    assert codes == sorted({d.code for d in first.diagnostics}) == ["i18n.needs-review"]


def test_a_killed_build_leaves_the_previous_outputs_whole(campaign: Path) -> None:
    """Kill a build while it works: every PDF left is a finished one, and the next build
    cleans up whatever temporary file the killed one left."""
    import signal
    import subprocess
    import sys
    import time

    out = campaign / "out"
    build(campaign / "kits" / "campaign.toml", out_dir=out)
    before = {p.name: p.read_bytes() for p in out.glob("*.pdf")}
    leftover = out / ".outreach-12345-x1y2z3w4.poster-a4-en-office.pdf.tmp"  # a killed build's
    leftover.write_bytes(b"%PDF-1.4 half")
    po = campaign / "content" / "alameda-heart" / "locale" / "es.po"
    po.write_text(po.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "outreach",
            "build",
            str(campaign / "kits" / "campaign.toml"),
            "--out",
            str(out),
            "--force",
            "--jobs",
            "1",
            "--quiet",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    child.send_signal(signal.SIGKILL)
    child.wait()
    for path in out.glob("*.pdf"):
        data = path.read_bytes()
        assert data.rstrip().endswith(b"%%EOF"), path.name
        assert data == before[path.name] or path.name.startswith("poster-")
    again = build(campaign / "kits" / "campaign.toml", out_dir=out)
    assert not list(out.glob(".*.tmp"))
    assert {p.name for p in out.glob("*.pdf")} == set(before)
    assert again.planned


def test_a_failed_build_leaves_no_new_file_and_no_temporary(campaign: Path) -> None:
    """Jobs stream their PDFs into temporary files in the output folder; when any job of
    the build fails, the others' files are removed and the previous outputs stay as they
    were."""
    from outreach.core.diagnostics import BuildError

    out = campaign / "out"
    build(campaign / "kits" / "campaign.toml", out_dir=out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    sites = campaign / "kits" / "sites.csv"
    sites.write_text("id,name,quantity\na,Clinic A,0\n", encoding="utf-8")  # bad quantity
    failing = KIT + (
        '\n[[jobs]]\nmaterial = "wallet-card"\nsizes = ["cr80"]\nsheets = ["letter"]\n'
        'languages = ["en"]\nprofiles = ["office"]\nsites = "sites.csv"\n'
    )
    kit = write_kit(campaign, failing, "failing.toml")
    po = campaign / "content" / "alameda-heart" / "locale" / "es.po"
    po.write_text(po.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # rebuild es
    with pytest.raises(BuildError) as raised:
        build(kit, out_dir=out, workers=1)
    assert any(d.code == "sites.bad-quantity" for d in raised.value.diagnostics)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_new_source_date_epoch_rebuilds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ReportLab dates a PDF from SOURCE_DATE_EPOCH, so the cache must see it (issue 21)."""
    from outreach.jobs import incremental

    kit = write_kit(copy_project(tmp_path), job_kit(material="poster", sizes=["letter"]))
    out = tmp_path / "out"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    incremental._code_and_fonts.cache_clear()
    first = build(kit, out_dir=out, workers=1)
    assert first.outputs
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    incremental._code_and_fonts.cache_clear()
    second = build(kit, out_dir=out, workers=1)
    assert second.outputs, "the build was skipped although the PDF's dates change"
