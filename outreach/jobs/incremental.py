"""Incremental builds: fingerprint each job's inputs and skip jobs whose inputs are unchanged.

Input: a job and the files it reads (content, the language's PO file, layout, profiles,
fonts, package code, kit entry). Output: a sha256 fingerprint, and a cache file in the
output folder that remembers, per job, the fingerprint and the manifest entries it wrote.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

from outreach.core.diagnostics import Diagnostic, Location, Severity
from outreach.core.resources import PACKAGE_DIR
from outreach.core.version import __version__
from outreach.fonts import FONT_DIR
from outreach.jobs.job import Job
from outreach.layout.spec import LayoutFolders, layout_file, profiles_file

CACHE_NAME = ".outreach-cache.json"


@cache
def _file_digest(path: Path, size: int, mtime_ns: int) -> str:
    del size, mtime_ns  # part of the cache key only: a changed file is read again
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes ("missing" for a file that does not exist)."""
    if not path.is_file():
        return "missing"
    stat = path.stat()
    return _file_digest(path, stat.st_size, stat.st_mtime_ns)


@cache
def _code_and_fonts() -> tuple[str, ...]:
    """The package's own code and fonts: a new version or a code change rebuilds everything.

    Read once per build (`BuildCache.load` clears it): it is the same for every job.
    """
    # ReportLab dates a PDF (/CreationDate, /ID) from SOURCE_DATE_EPOCH when it is set.
    parts = [__version__, f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}"]
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts.append(f"{path.relative_to(PACKAGE_DIR)}:{file_digest(path)}")
    for path in sorted(FONT_DIR.glob("*.ttf")):
        stat = path.stat()
        parts.append(f"{path.name}:{stat.st_size}")
    return tuple(parts)


def job_fingerprint(
    job: Job, pack_dir: Path, layouts_dir: LayoutFolders, extra: tuple[Path, ...] = ()
) -> str:
    """A digest of everything one job reads; equal digests give byte-identical PDFs."""
    languages = {job.language, *job.extra_languages, *job.language.split("+")}
    files = [
        pack_dir / "pack.yaml",
        pack_dir / "content.yaml",
        *(pack_dir / "locale" / f"{language}.po" for language in sorted(languages)),
        layout_file(layouts_dir, job.material),
        profiles_file(layouts_dir),
        *extra,
    ]
    if job.material == "notice":
        files.append(pack_dir / "notice-52-6.yaml")
    digest = hashlib.sha256()
    digest.update(job_key(job).encode())
    for part in _code_and_fonts():
        digest.update(part.encode())
    for path in files:
        digest.update(f"{path.name}:{file_digest(path)}".encode())
    return digest.hexdigest()


def job_key(job: Job) -> str:
    """A stable name for a job in the cache."""
    return json.dumps(asdict(job), sort_keys=True)


class BuildCache:
    """What the last build in an output folder made, job by job."""

    def __init__(self, out_dir: Path, entries: dict[str, dict[str, Any]]) -> None:
        self.out_dir = out_dir
        self.entries = entries

    @classmethod
    def load(cls, out_dir: Path) -> BuildCache:
        """Read the cache; a missing or damaged cache simply means "rebuild"."""
        _code_and_fonts.cache_clear()  # a long-lived process may have new code
        try:
            data = json.loads((out_dir / CACHE_NAME).read_text(encoding="utf-8"))
            entries = data.get("jobs", {}) if isinstance(data, dict) else {}
        except (OSError, ValueError):
            entries = {}
        return cls(out_dir, entries)

    def fresh(self, job: Job, fingerprint: str) -> list[dict[str, Any]] | None:
        """The manifest entries of a job whose inputs and outputs are unchanged, else None."""
        entry = self.entries.get(job_key(job))
        if not entry or entry.get("fingerprint") != fingerprint:
            return None
        files: list[dict[str, Any]] = entry.get("files", [])
        for item in files:
            if file_digest(self.out_dir / item["file"]) != item["sha256"]:
                return None
        return files

    def record(
        self, job: Job, fingerprint: str, files: list[dict[str, Any]], warnings: list[Diagnostic]
    ) -> None:
        """Remember what a job wrote and the warnings it gave."""
        self.entries[job_key(job)] = {
            "fingerprint": fingerprint,
            "files": files,
            "warnings": [d.as_dict() for d in warnings if d.severity is Severity.WARNING],
        }

    def warnings(self, job: Job) -> list[Diagnostic]:
        """The warnings a skipped job gave when it was built."""
        entry = self.entries.get(job_key(job)) or {}
        found = []
        for item in entry.get("warnings", []):
            location = Location(item["path"], item.get("line"), item.get("column"), item.get("key"))
            found.append(
                Diagnostic(
                    Severity.WARNING,
                    item["code"],
                    item["message"],
                    location,
                    tuple(item.get("hints", ())),
                )
            )
        return found

    def data(self) -> dict[str, Any]:
        """The cache file's contents, as JSON data."""
        return {"jobs": self.entries}
