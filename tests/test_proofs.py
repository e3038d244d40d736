"""Proofs and the print-shop package."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from outreach import cli
from tests.conftest import job_kit, write_kit

KIT = job_kit(
    kit_name="shop", material="poster", sizes=["letter", "a3"], profiles=["office", "press"]
)


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    return write_kit(tmp_path, KIT, "shop.toml")


def test_preview_writes_pngs_and_a_contact_sheet(
    kit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert cli.main(["build", str(kit), "--out", str(out), "--quiet"]) == 0
    assert cli.main(["preview", str(out), "--out", str(tmp_path / "proofs")]) == 0
    pngs = sorted(p.name for p in (tmp_path / "proofs").glob("*.png"))
    assert "contact-sheet-01.png" in pngs
    assert "poster-letter-en-office-p1.png" in pngs
    assert len(pngs) == 5
    with Image.open(tmp_path / "proofs" / "poster-letter-en-office-p1.png") as image:
        assert image.size == (425, 550)


def test_package_zip_holds_what_the_manifest_lists(
    kit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert cli.main(["package", str(kit), "--out", str(out)]) == 0
    archive = zipfile.ZipFile(out / "shop-print-package.zip")
    names = set(archive.namelist())
    manifest = json.loads(archive.read("manifest.json"))
    listed = {entry["file"] for entry in manifest["files"]}
    assert listed == {"poster-letter-en-press.pdf", "poster-a3-en-press.pdf"}
    assert listed <= names
    assert {
        "print-order.txt",
        "print-order.csv",
        "proofs/contact-sheet-01.png",
        "proofs/poster-a3-en-press-p1.png",
    } <= names
    assert all(entry["profile"] == "press" for entry in manifest["files"])
    order = archive.read("print-order.txt").decode("utf-8")
    assert "Office files" not in order  # a press package has none (issue 20)


def test_package_is_reproducible(kit: Path, tmp_path: Path) -> None:
    assert cli.main(["package", str(kit), "--out", str(tmp_path / "a")]) == 0
    assert cli.main(["package", str(kit), "--out", str(tmp_path / "b")]) == 0
    first = (tmp_path / "a" / "shop-print-package.zip").read_bytes()
    assert first == (tmp_path / "b" / "shop-print-package.zip").read_bytes()
