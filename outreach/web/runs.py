"""Make a print run: materials x sizes x languages (or a kit) in; a plan, progress and a zip out.

Input: a kit of the project (or one written from the form into `kits/web-<digest>.toml`,
the same TOML a person would write). Output: the plan from `build(..., dry_run=True)`
(file names, pages, quantities), then the package from `outreach package --profile P`
(press files for a print shop, or office files for the office printer) run in one
background process at a time, with its progress read line by line, and the
zip and print order to download. A build runs in its own process because ReportLab's font
registry is global: a print run beside live previews in one process would share it.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from outreach.core.diagnostics import BuildError, Diagnostic, Diagnostics, Location
from outreach.core.resources import bundled_root
from outreach.core.values import value_methods
from outreach.jobs.package import press_folder
from outreach.jobs.run import BuildReport, build

MAX_PIECES = 40  # PDFs in one run from the browser; more is a job for `outreach package`
MAX_PAGES = 2_500  # pages in one run: 10,000 cards are 2,000 office pages (10-up), 2,500 press
MAX_QUANTITY = 100_000
PROFILES = ("press", "office")  # what a run from the browser prints for
_PROGRESS = re.compile(r"^\[(\d+)/(\d+)\] (.*)$")


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class RunChoice:
    """A print run picked on the form: several materials, sizes and languages, one profile."""

    pack: str
    materials: tuple[str, ...]
    sizes: tuple[str, ...]
    languages: tuple[str, ...]
    quantity: int
    profile: str = "press"

    def kit_text(self, name: str) -> str:
        """The kit file a person would write for this run."""
        lines = [
            "# Written by `outreach serve` for a print run made in the browser;",
            f"# `outreach package kits/{name}.toml --profile {self.profile}` makes the same"
            " package.",
            "[kit]",
            f"name = {json.dumps(name)}",
            f"pack = {json.dumps(self.pack)}",
        ]
        for material in self.materials:
            lines += ["", "[[jobs]]", f"material = {json.dumps(material)}"]
            lines.append(f"sizes = {json.dumps(list(self.sizes))}")
            if material == "notice":
                lines.append('county = "alameda"')
            else:
                lines.append(f"languages = {json.dumps(list(self.languages))}")
            lines += [f"profiles = [{json.dumps(self.profile)}]", f"quantity = {self.quantity}"]
        return "\n".join(lines) + "\n"


def write_run_kit(root: Path, choice: RunChoice) -> Path:
    """Save the run's kit as `kits/web-<digest>.toml` (the same choice, the same file)."""
    digest = hashlib.sha256(repr(choice).encode()).hexdigest()[:10]
    name = f"web-{digest}"
    path = root / "kits" / f"{name}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = choice.kit_text(name)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def kits_of(root: Path) -> dict[str, Path]:
    """The kits a person can run: the project's own, then the bundled ones not shadowed."""
    found: dict[str, Path] = {}
    for folder in (root / "kits", bundled_root() / "kits"):
        for path in sorted(folder.glob("*.toml")):
            if not path.stem.startswith("web-"):
                found.setdefault(path.stem, path)
    return found


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Plan:
    """What a run would make, or why it is refused."""

    kit: Path
    entries: tuple[dict[str, Any], ...]
    diagnostics: tuple[Diagnostic, ...]
    refusal: str | None = None

    @property
    def pages(self) -> int:
        """Pages in the whole run."""
        return sum(int(entry.get("pages") or 0) for entry in self.entries)


def plan_run(kit: Path, profile: str = "press") -> Plan:
    """The files of a profile a kit's package would hold: `build(..., dry_run=True)`."""
    try:
        report: BuildReport = build(
            kit, out_dir=Path("unused"), profiles=[profile], dry_run=True, workers=1, check=False
        )
    except BuildError as error:
        return Plan(kit, (), tuple(error.diagnostics))
    refusal = None
    if len(report.entries) > MAX_PIECES:
        refusal = (
            f"this run makes {len(report.entries)} PDFs; the web app makes at most "
            f"{MAX_PIECES} at once"
        )
    elif sum(int(e.get("pages") or 0) for e in report.entries) > MAX_PAGES:
        refusal = f"this run has more than {MAX_PAGES:,} pages; the web app makes fewer at once"
    return Plan(kit, report.entries, report.diagnostics, refusal)


@dataclass(slots=True)
class Run:
    """One print run: waiting, running, done or failed, and how far it got."""

    id: str
    kit: Path
    out_dir: Path
    profile: str = "press"
    state: str = "waiting"
    done: int = 0
    total: int = 0
    step: str = ""
    problems: list[str] = field(default_factory=list)
    zip_path: Path | None = None

    @property
    def print_order(self) -> Path:
        """The print order the package wrote beside the press files."""
        return press_folder(self.out_dir, self.profile) / "print-order.txt"

    def as_json(self) -> dict[str, Any]:
        """What the progress bar polls."""
        return {
            "state": self.state,
            "done": self.done,
            "total": self.total,
            "step": self.step,
            "problems": self.problems,
        }


class RunQueue:
    """At most one run at a time and one waiting; each in its own `outreach package` process."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.runs: dict[str, Run] = {}
        self._lock = threading.Lock()
        self._busy = threading.Semaphore(1)

    def start(self, kit: Path, profile: str = "press") -> Run | str:
        """Queue a run of a kit; a refusal message when one is running and one waiting."""
        with self._lock:
            active = [r for r in self.runs.values() if r.state in ("waiting", "running")]
            if len(active) >= 2:
                return "two print runs are already under way; start this one when they end"
            run_id = secrets.token_hex(8)
            run = Run(run_id, kit, self.root / "output" / "web" / run_id, profile)
            self.runs[run_id] = run
        threading.Thread(target=self._work, args=(run,), daemon=True, name="outreach-run").start()
        return run

    def _work(self, run: Run) -> None:
        with self._busy:
            run.state = "running"
            command = [
                sys.executable,
                "-m",
                "outreach",
                "package",
                str(run.kit),
                "--out",
                str(run.out_dir),
                "--profile",
                run.profile,
                "--diagnostic-format",
                "short",
            ]
            with subprocess.Popen(
                command,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                errors="replace",
                cwd=self.root,
            ) as process:
                assert process.stderr is not None
                for line in process.stderr:
                    self._read(run, line.rstrip("\n"))
                status = process.wait()
            zips = sorted(run.out_dir.glob("*-print-package.zip"))
            if status == 0 and zips:
                run.zip_path = zips[0]
                run.state = "done"
            else:
                run.state = "failed"

    @staticmethod
    def _read(run: Run, line: str) -> None:
        found = _PROGRESS.match(line)
        if found:
            run.done, run.total, run.step = int(found[1]), int(found[2]), found[3]
        elif "error[" in line or "warning[" in line:
            run.problems.append(line)
        elif line.strip():
            run.step = line.strip()


def kit_diagnostic(name: str) -> Diagnostic:
    """An unknown kit name, as the command line would report it."""
    diags = Diagnostics()
    diags.error("kit.bad-name", f"kit `{name}` is not one of this project's kits", Location(name))
    return diags.items[0]
