"""The output folder's contract, end to end through the CLI (issue 21).

Exit 1 means nothing was written, `--strict` included; the manifest describes the whole
folder and `check` holds the folder to it; files get the umask's mode; only our own
temporaries are removed and a second build into a busy folder stops; a write error is a
diagnostic, never a traceback.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from outreach import cli

# One small poster: the quickest real build.
POSTER = ["build", "--material", "poster", "--size", "a4", "--quiet"]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = cli.main(argv)
    return status, capsys.readouterr().err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding an English poster, office and press."""
    out = tmp_path_factory.mktemp("built") / "out"
    assert cli.main([*POSTER, "--lang", "en", "--profile", "office,press", "--out", str(out)]) == 0
    return out


@pytest.fixture
def folder(built: Path, tmp_path: Path) -> Path:
    """A copy of `built` for one test to change."""
    return Path(shutil.copytree(built, tmp_path / "out"))


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


# 1. --strict: exit 1 means nothing was written


def test_strict_with_a_warning_writes_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(folder)
    # Spanish is a draft translation: it builds with `i18n.needs-review` warnings.
    argv = [*POSTER, "--lang", "es", "--profile", "office", "--out", str(folder), "--strict"]
    status, err = run(argv, capsys)
    assert status == 1
    assert "warning[i18n.needs-review]" in err
    assert "nothing written" in err
    assert snapshot(folder) == before


def test_strict_into_a_new_folder_leaves_no_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "new"
    status, _ = run(
        [*POSTER, "--lang", "es", "--profile", "office", "--out", str(out), "--strict"], capsys
    )
    assert status == 1
    assert not out.exists()


# 2. the manifest describes the whole folder; check holds the folder to it


def test_a_narrowed_build_merges_into_the_manifest_and_print_order(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _ = run([*POSTER, "--lang", "es", "--profile", "office", "--out", str(folder)], capsys)
    assert status == 0
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = sorted(entry["file"] for entry in manifest["files"])
    pdfs = sorted(p.name for p in folder.glob("*.pdf"))
    assert (
        listed
        == pdfs
        == [
            "poster-a4-en-office.pdf",
            "poster-a4-en-press.pdf",
            "poster-a4-es-office.pdf",
        ]
    )
    order = (folder / "print-order.txt").read_text(encoding="utf-8")
    assert all(f"File:       {name}" in order for name in pdfs)
    assert cli.main(["check", str(folder)]) == 0
    # A file removed since is dropped from both at the next build.
    (folder / "poster-a4-en-press.pdf").unlink()
    status, _ = run([*POSTER, "--lang", "es", "--profile", "office", "--out", str(folder)], capsys)
    assert status == 0
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(e["file"] for e in manifest["files"]) == [
        "poster-a4-en-office.pdf",
        "poster-a4-es-office.pdf",
    ]
    assert "poster-a4-en-press.pdf" not in (folder / "print-order.txt").read_text(encoding="utf-8")


def test_check_reports_a_pdf_the_manifest_does_not_list(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(folder / "poster-a4-en-office.pdf", folder / "poster-a4-xx-office.pdf")
    status, err = run(["check", str(folder)], capsys)
    assert status == 1
    assert "error[check.not-in-manifest]: `poster-a4-xx-office.pdf` is not listed" in err


def test_check_verifies_each_files_sha256(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A PDF replaced without its manifest (a cut-short build) is reported."""
    (folder / "poster-a4-en-office.pdf").write_bytes(
        (folder / "poster-a4-en-press.pdf").read_bytes()
    )
    status, err = run(["check", str(folder)], capsys)
    assert status == 1
    assert "error[check.sha256-mismatch]" in err
    assert "poster-a4-en-office.pdf" in err


def test_check_of_a_missing_file_says_it_does_not_exist(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = run(["check", str(folder / "missing.pdf")], capsys)
    assert status == 1
    assert "error[check.no-such-file]" in err
    assert "does not exist" in err
    assert "not-in-manifest" not in err


def test_check_of_a_malformed_manifest_is_located(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "manifest.json").write_text('{"files": [\n  {"file": }\n', encoding="utf-8")
    status, err = run(["check", str(folder)], capsys)
    assert status == 1
    assert "error[check.bad-manifest]" in err
    assert f"{folder / 'manifest.json'}:2:12" in err
    assert "Traceback" not in err


def test_check_of_a_manifest_of_the_wrong_shape(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "manifest.json").write_text('{"files": [{"file": "../x.pdf"}]}', encoding="utf-8")
    status, err = run(["check", str(folder)], capsys)
    assert status == 1
    assert "error[check.bad-manifest]" in err


# 3. written files get the umask's mode


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_written_files_get_the_umasks_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], umask: None, mask: int, mode: int
) -> None:
    os.umask(mask)
    out = tmp_path / "out"
    status, _ = run([*POSTER, "--lang", "en", "--profile", "office", "--out", str(out)], capsys)
    assert status == 0
    files = sorted(out.iterdir())
    assert {p.name for p in files} >= {"manifest.json", "print-order.txt", ".outreach-cache.json"}
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in files} == {
        p.name: oct(mode) for p in files
    }


# 4. only our temporaries are removed; a busy folder is refused


def test_only_our_own_temporaries_are_removed(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = [folder / ".notes.tmp", folder / ".poster-a4-en-office.pdf.draft.tmp"]
    for path in mine:
        path.write_text("keep me", encoding="utf-8")
    stale = folder / ".outreach-4242-abcd1234.poster-a4-en-office.pdf.tmp"  # a killed build's
    stale.write_bytes(b"%PDF-1.4 half")
    status, _ = run([*POSTER, "--lang", "en", "--profile", "office", "--out", str(folder)], capsys)
    assert status == 0
    assert all(path.read_text(encoding="utf-8") == "keep me" for path in mine)
    assert not stale.exists()


def test_a_second_build_into_a_busy_folder_stops_and_deletes_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from outreach.jobs.output_files import lock_folder

    working = folder / ".outreach-4242-abcd1234.poster-a4-en-office.pdf.tmp"
    working.write_bytes(b"%PDF-1.4 being drawn")
    before = snapshot(folder)
    with lock_folder(folder):  # another build holds the folder
        argv = [*POSTER, "--lang", "en", "--profile", "office", "--out", str(folder), "--force"]
        status, err = run(argv, capsys)
        assert status == 1
        assert "error[build.folder-busy]" in err
        assert snapshot(folder) == {**before, ".outreach.lock": b""}
    assert not (folder / ".outreach.lock").exists()  # the lock lives as long as its build


# 5. the manifest is renamed last


def test_the_manifest_is_renamed_into_place_last(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import outreach.jobs.output_files as output_files

    moved: list[str] = []
    real = os.replace

    def record(source: str | Path, target: str | Path) -> None:
        moved.append(Path(target).name)
        real(source, target)

    monkeypatch.setattr(output_files.os, "replace", record)
    out = tmp_path / "out"
    status, _ = run([*POSTER, "--lang", "en", "--profile", "office", "--out", str(out)], capsys)
    assert status == 0
    assert moved[-1] == "manifest.json"
    assert "poster-a4-en-office.pdf" in moved


# 7. write errors are diagnostics


def test_out_that_is_a_file_is_a_diagnostic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "a-file"
    target.write_text("mine", encoding="utf-8")
    status, err = run(
        [*POSTER, "--lang", "en", "--profile", "office", "--out", str(target)], capsys
    )
    assert status == 1
    assert "error[build.cannot-write]" in err
    assert str(target) in err
    assert "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "mine"


def test_out_dev_null_is_a_diagnostic(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(
        [*POSTER, "--lang", "en", "--profile", "office", "--out", "/dev/null"], capsys
    )
    assert status == 1
    assert "error[build.cannot-write]: cannot write `/dev/null`" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_a_diagnostic(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder.chmod(0o555)
    try:
        argv = [*POSTER, "--lang", "es", "--profile", "office", "--out", str(folder)]
        status, err = run(argv, capsys)
    finally:
        folder.chmod(0o755)
    assert status == 1
    assert "error[build.cannot-write]" in err
    assert "Permission denied" in err


def test_a_full_disk_while_writing_changes_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from outreach.jobs.output_files import Staging

    def full(self: Staging, name: str, write: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.folder / name))

    monkeypatch.setattr(Staging, "add_with", full)
    before = snapshot(folder)
    argv = [*POSTER, "--lang", "es", "--profile", "office", "--out", str(folder), "--jobs", "1"]
    status, err = run(argv, capsys)
    assert status == 1
    assert "error[build.cannot-write]" in err
    assert "No space left on device" in err
    assert snapshot(folder) == before


def test_a_full_disk_while_a_job_draws_is_a_diagnostic(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    build_module = importlib.import_module(
        "outreach.jobs.run"
    )  # `outreach.jobs.run` is the function

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # write() names no file

    monkeypatch.setattr(build_module, "build_job", full)
    before = snapshot(folder)
    argv = [*POSTER, "--lang", "es", "--profile", "office", "--out", str(folder), "--jobs", "1"]
    status, err = run(argv, capsys)
    assert status == 1
    assert f"error[build.cannot-write]: cannot write `{folder}`: No space left on device" in err
    assert snapshot(folder) == before
