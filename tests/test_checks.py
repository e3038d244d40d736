"""`outreach check`: silent on the default kit, and each check fires on a PDF built to break it."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from outreach import cli


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kit")
    assert (
        cli.main(
            ["build", "--material", "poster", "--size", "letter,a4", "--out", str(out), "--quiet"]
        )
        == 0
    )
    return out


@pytest.fixture
def bad(built: Path, tmp_path: Path) -> Path:
    """A copy of the built kit, for a test to break."""
    copy = tmp_path / "bad"
    shutil.copytree(built, copy)
    return copy


def codes(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, list[str]]:
    status = cli.main(["check", str(path), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    return status, sorted(d["code"] for d in report["diagnostics"])


def rehash(path: Path) -> None:
    """Record a PDF changed by a test in its manifest, so `check` judges its contents only.

    Otherwise `check` also reports `check.sha256-mismatch`: it is not the file built.
    """
    manifest_path = path.parent / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    for entry in manifest["files"]:
        if entry["file"] == path.name:
            entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest_path.write_text(json.dumps(manifest))


def test_default_poster_kit_passes(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert codes(capsys, built) == (0, [])


def test_rgb_press_file_and_missing_bleed_are_caught(
    bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(bad / "poster-letter-en-office.pdf", bad / "poster-letter-en-press.pdf")
    rehash(bad / "poster-letter-en-press.pdf")
    status, found = codes(capsys, bad / "poster-letter-en-press.pdf")
    assert status == 1
    assert found == ["check.bleed", "check.rgb-in-press"]


def test_qr_that_does_not_encode_the_listed_payload_is_caught(
    bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = json.loads((bad / "manifest.json").read_text())
    for entry in manifest["files"]:
        entry["qr_payloads"] = ["https://humantraffickinghotline.org", "tel:+18883737889"]
    (bad / "manifest.json").write_text(json.dumps(manifest))
    status, found = codes(capsys, bad / "poster-a4-en-office.pdf")
    assert status == 1
    assert found == ["qr.unexpected", "qr.unreadable"]


def test_a_printed_number_that_is_not_a_contact_is_caught(
    bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = json.loads((bad / "manifest.json").read_text())
    manifest["printed_numbers"] = ["1-888-000-0000"]
    (bad / "manifest.json").write_text(json.dumps(manifest))
    status, found = codes(capsys, bad / "poster-letter-en-office.pdf")
    assert status == 1
    assert found == ["check.unknown-number"]


def test_a_file_that_is_not_a_pdf_is_reported(
    bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (bad / "poster-a4-en-press.pdf").write_bytes(b"not a pdf")
    rehash(bad / "poster-a4-en-press.pdf")
    status, found = codes(capsys, bad / "poster-a4-en-press.pdf")
    assert status == 1
    assert found == ["check.unreadable"]


def test_every_build_decodes_its_own_qr_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A renderer that loses a code is caught by the build's own preflight, not by luck."""
    from outreach.render import draw as render

    monkeypatch.setattr(render._PageDrawer, "_qr", lambda self, item: None)
    status = cli.main(
        [
            "build",
            "--material",
            "poster",
            "--size",
            "letter",
            "--profile",
            "office",
            "--out",
            str(tmp_path),
            "--diagnostic-format",
            "short",
            "--jobs",
            "1",
        ]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert "error[qr.unreadable]: QR code `tel:+18883737888` (slot `qr-call`, page 1)" in err
    assert not any(tmp_path.iterdir())
    assert (
        cli.main(
            [
                "build",
                "--material",
                "poster",
                "--size",
                "letter",
                "--profile",
                "office",
                "--out",
                str(tmp_path),
                "--no-check",
                "--quiet",
            ]
        )
        == 0
    )


def test_a_code_whose_printed_number_differs_is_caught() -> None:
    """Encode one number, print another beside it: the preflight reads both from the PDF."""
    from dataclasses import replace

    from outreach.checks.preflight import check_built_pdf
    from outreach.core.diagnostics import Diagnostics
    from outreach.core.document import TextItem
    from outreach.fonts import FontBook
    from outreach.jobs.piece import build_material
    from outreach.render.draw import render_pdf
    from tests.conftest import ROOT

    built = build_material("poster", project_dir=ROOT)
    page = built.document.pages[0]

    def wrong(item: object) -> object:
        if not isinstance(item, TextItem) or item.slot not in ("qr-call-caption", "hotline"):
            return item
        lines = tuple(
            replace(
                line,
                runs=tuple(
                    replace(run, text=run.text.replace("7888", "7880")) for run in line.runs
                ),
            )
            for line in item.lines
        )
        return replace(item, lines=lines)

    document = replace(
        built.document, pages=(replace(page, items=tuple(wrong(i) for i in page.items)),)
    )
    diags = Diagnostics()
    check_built_pdf(render_pdf(document, FontBook()), document, "wrong.pdf", diags)
    assert [d.code for d in diags.errors] == ["check.printed-mismatch"]
    assert (
        "QR code `tel:+18883737888` on page 1 has no `8883737888` printed"
        in diags.errors[0].message
    )


def test_check_reports_modules_below_the_materials_minimum(
    built: Path, bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = json.loads((built / "manifest.json").read_text())
    entry = next(e for e in manifest["files"] if e["file"] == "poster-letter-en-office.pdf")
    assert entry["qr_module_mm"] >= 1.0  # what the build wrote: a poster's codes are large
    for item in manifest["files"]:
        item["qr_module_mm"] = 0.6
    (bad / "manifest.json").write_text(json.dumps(manifest))
    status, found = codes(capsys, bad / "poster-letter-en-office.pdf")
    assert status == 1
    assert found == ["qr.too-small"]


def test_unembedded_and_whole_fonts_are_caught(
    bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reportlab.pdfgen.canvas import Canvas

    target = bad / "poster-letter-en-office.pdf"
    canvas = Canvas(str(target))
    canvas.setFont("Helvetica", 12)  # a base-14 font: never embedded
    canvas.drawString(72, 720, "Call 1-888-373-7888")
    canvas.save()
    rehash(target)
    status, found = codes(capsys, target)
    assert status == 1
    assert {"check.font-not-embedded", "check.unexpected-font"} <= set(found)

    # The same poster with its fonts' subset tags removed (same length: offsets hold).
    whole = bad / "poster-a4-en-office.pdf"
    data = whole.read_bytes()
    tag = re.search(rb"/BaseFont /([A-Z]{6})\+NotoSans-Regular", data)
    assert tag is not None  # subset tags are hashes of their subsets (issue 20)
    data = data.replace(b"/" + tag.group(1) + b"+NotoSans-Regular", b"/NotoSans-Regular       ")
    whole.write_bytes(data)
    rehash(whole)
    status, found = codes(capsys, whole)
    assert status == 0
    assert found == ["check.font-not-subset"]
