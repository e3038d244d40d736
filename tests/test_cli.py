"""The command line, run in-process through `main(argv)`: the contract scripts depend on."""

from __future__ import annotations

import hashlib
import io
import json
import re
import sys
from pathlib import Path

import pytest

from outreach import cli
from tests.conftest import ROOT, job_kit, write_kit


def test_help_lists_build(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    assert "build" in capsys.readouterr().out


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["bulid"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_unknown_profile_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert cli.main(["build", "--profile", "glossy", "--out", str(tmp_path)]) == 2
    assert "unknown profile `glossy`" in capsys.readouterr().err


def test_unknown_size_names_the_choices(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status = cli.main(
        [
            "build",
            "--material",
            "poster",
            "--size",
            "leter",
            "--out",
            str(tmp_path),
            "--diagnostic-format",
            "short",
        ]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert "error[build.unknown-size]: material `poster` has no size `leter`" in err
    assert not any(tmp_path.iterdir())


def test_default_build_writes_named_files_and_a_manifest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status = cli.main(
        [
            "build",
            "--material",
            "poster",
            "--size",
            "letter,a4",
            "--lang",
            "en",
            "--out",
            str(tmp_path),
        ]
    )
    assert status == 0, capsys.readouterr().err
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        ".outreach-cache.json",
        "manifest.json",
        "poster-a4-en-digital.pdf",  # --size overrides the digital job's letter too
        "poster-a4-en-office.pdf",
        "poster-a4-en-press.pdf",
        "poster-letter-en-digital.pdf",  # the website's poster (issue 19)
        "poster-letter-en-office.pdf",
        "poster-letter-en-press.pdf",
        "print-order.csv",
        "print-order.txt",
    ]
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    for entry in manifest["files"]:
        data = (tmp_path / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert entry["qr_payloads"] == ["https://humantraffickinghotline.org", "tel:+18883737888"]


def test_dry_run_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli.main(["build", "--dry-run", "--material", "poster", "--out", str(out)]) == 0
    out_text = capsys.readouterr().out
    assert "would write" in out_text
    assert "poster-letter-en-office.pdf: 1 pages, letter office" in out_text
    assert not out.exists()


def test_missing_kit_file_is_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status = cli.main(["build", str(tmp_path / "nope.toml"), "--diagnostic-format", "short"])
    assert status == 1
    assert "error[file.missing]" in capsys.readouterr().err


def test_bad_kit_key_suggests_the_right_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    kit = write_kit(tmp_path, job_kit(material="poster", language=["en"]))
    status = cli.main(
        ["build", str(kit), "--out", str(tmp_path / "o"), "--diagnostic-format", "short"]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert "error[kit.unknown-key]: unknown key `language` in jobs[0]" in err


def test_bundled_default_kit_exists() -> None:
    assert (ROOT / "kits" / "default.toml").is_file()


def test_lang_keeps_the_multilingual_copies_that_carry_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`--lang es` on the default kit: Spanish pieces, and the copies that include Spanish."""
    assert cli.main(["build", "--lang", "es", "--dry-run", "--out", str(tmp_path)]) == 0
    planned = [
        line.split(": ")[0].rsplit("/", 1)[-1]
        for line in capsys.readouterr().out.splitlines()
        if line.startswith("would")
    ]
    assert "poster-letter-es-office.pdf" in planned
    assert "poster-bilingual-letter-en+es-press.pdf" in planned
    assert "wallet-card-cr80-es+en-office.pdf" in planned
    assert "notice-11x14-en+es+zh-Hant-press.pdf" in planned
    assert not [name for name in planned if "-fa" in name or "+fa" in name]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("terminal", [False, True])
def test_progress_is_a_bar_on_a_terminal_and_lines_in_logs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, terminal: bool
) -> None:
    err = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    args = ["build", "--material", "poster", "--size", "letter", "--lang", "en,es"]
    assert cli.main([*args, "--out", str(tmp_path / "a"), "--jobs", "1"]) == 0
    text = err.getvalue()
    if terminal:  # tqdm redraws one line: a bar with the count, and the job at hand
        assert "6/6" in text
        assert "job" in text
        # the job at hand (which one a redraw catches depends on tqdm's refresh interval)
        assert re.search(r"poster letter e[ns] (office|press|digital)", text)
        assert "\r" in text
        assert "[1/6]" not in text
    else:  # a log keeps one line per job
        assert [line for line in text.splitlines() if line.startswith("[")] == [
            "[1/6] poster letter en office",
            "[2/6] poster letter es office",
            "[3/6] poster letter en press",
            "[4/6] poster letter es press",
            "[5/6] poster letter en digital",  # the website's posters (issue 19)
            "[6/6] poster letter es digital",
        ]
    err.seek(0)
    err.truncate()
    assert cli.main([*args, "--out", str(tmp_path / "b"), "--quiet"]) == 0
    assert "[1/6]" not in err.getvalue()
    assert "job" not in err.getvalue()
