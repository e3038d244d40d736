"""Ctrl-C stops a build at once and cleans up; workers never outlive their build (issue 21).

Real processes: `python -m outreach build` of the default kit, interrupted or killed
while its pool works.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc; PDEATHSIG")


def start_build(out: Path, *, capture: bool = True) -> subprocess.Popen[str]:
    output = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.Popen(
        [sys.executable, "-m", "outreach", "build", "--out", str(out), "--jobs", "2", "--quiet"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=output,
        stderr=output,
        text=True,
    )


def processes_building_into(out: Path) -> list[int]:
    """Processes whose command line names `out`: the build and its forked workers."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if str(out).encode() in cmdline and state != "Z":
                found.append(int(entry.name))
    return found


def wait_until_gone(out: Path, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := processes_building_into(out)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def wait_for_workers(child: subprocess.Popen[str], out: Path) -> None:
    """Until the pool's workers run (or 20 s): the build is then well under way."""
    deadline = time.monotonic() + 20
    while len(processes_building_into(out)) < 2 and time.monotonic() < deadline:
        assert child.poll() is None, child.communicate()
        time.sleep(0.1)
    time.sleep(1.0)  # let the workers start drawing into temporaries


def test_ctrl_c_stops_a_build_within_seconds_and_cleans_up(tmp_path: Path) -> None:
    out = tmp_path / "out"
    child = start_build(out)
    try:
        wait_for_workers(child, out)
        assert len(processes_building_into(out)) >= 2
        child.send_signal(signal.SIGINT)
        sent = time.monotonic()
        _, err = child.communicate(timeout=15)
        took = time.monotonic() - sent
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 130, err
    assert took < 3.0, f"took {took:.1f} s to stop"
    assert "Traceback" not in err
    assert err.strip().splitlines() == ["build interrupted (nothing written)"]
    assert not wait_until_gone(out, 2.0)
    left = [p.name for p in out.iterdir()] if out.exists() else []
    assert not [name for name in left if name.endswith(".tmp")], left
    assert not [name for name in left if name.endswith((".pdf", ".json", ".txt"))], left


def test_workers_die_with_a_killed_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    child = start_build(out, capture=False)  # the workers would hold its pipes open
    try:
        wait_for_workers(child, out)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    left = wait_until_gone(out, 3.0)
    for pid in left:  # do not leave them running for the next test, whatever happens
        os.kill(pid, signal.SIGKILL)
    assert not left, "pool workers outlived their build"


def test_ctrl_c_in_a_build_without_a_pool_removes_its_temporaries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build of one or two jobs runs in this process: Ctrl-C lands inside a job."""
    import importlib

    build_module = importlib.import_module(
        "outreach.jobs.run"
    )  # `outreach.jobs.run` is the function
    from outreach import cli
    from outreach.jobs.output_files import spool_file

    def drawing(project: Any, *_: object) -> None:
        assert project.spool_dir is not None
        spool_file(project.spool_dir, "poster-a4-en-office.pdf", lambda s: s.write(b"%PDF"))
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "build_job", drawing)
    out = tmp_path / "out"
    argv = ["build", "--material", "poster", "--size", "a4", "--lang", "en", "--out", str(out)]
    assert cli.main([*argv, "--profile", "office", "--quiet"]) == 130
    assert capsys.readouterr().err == "build interrupted (nothing written)\n"
    assert not out.exists()  # it did not exist before: no trace, not even the folder
