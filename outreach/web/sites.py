"""Per-site card runs: an uploaded site list in; its problems by row and column, or its sheets.

Input: the bytes of an upload (at most 10 MB, checked to be UTF-8 text shaped like a CSV
whatever its name says), stored inside the project as `uploads/sites-<random>.csv`, a name
we make, never the upload's. Output: `load_sites`'s diagnostics exactly as the command line
reports them, and the run's imposed sheets (office, letter) built in memory and rendered
one at a time.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from outreach.content.sites import SiteList, load_sites
from outreach.core.diagnostics import Diagnostic, Diagnostics, Location
from outreach.core.values import value_methods
from outreach.jobs.job import CardOptions, Job
from outreach.jobs.piece import build_job
from outreach.jobs.preview import count_pages, render_pages
from outreach.web.previews import DENSITY, Workshop

MAX_UPLOAD = 10 * 1024 * 1024  # bytes of a site list
MAX_PREVIEW_CARDS = 2_000  # cards whose sheets the browser previews (250 letter sheets)
SHEET_DPI = 120  # shown at half (`previews.DENSITY`): crisp on HiDPI screens
# A run's sheets are letter (8.5 x 11 in), shown at 60 CSS px an inch
SHEET_CSS = (round(8.5 * SHEET_DPI / DENSITY), round(11 * SHEET_DPI / DENSITY))
TOKEN = re.compile(r"^[0-9a-f]{16}$")
_KEPT_RUNS = 4


def upload_dir(root: Path) -> Path:
    """Where uploads live: inside the project, under names the app makes."""
    return root / "uploads"


def site_file(root: Path, token: str) -> Path | None:
    """The stored site list for a token, or None for anything that is not one of ours."""
    if not TOKEN.fullmatch(token):
        return None
    path = upload_dir(root) / f"sites-{token}.csv"
    return path if path.is_file() else None


def content_problem(data: bytes) -> str | None:
    """Why the bytes are not a CSV site list, judged by their content, or None."""
    if len(data) > MAX_UPLOAD:
        return f"the file is larger than {MAX_UPLOAD // (1024 * 1024)} MB"
    if not data.strip():
        return "the file is empty"
    if (
        b"\x00" in data[:65536]
        or data[:4] in (b"%PDF", b"PK\x03\x04")
        or data[:3] == b"\xff\xd8\xff"
    ):
        return "the file is not text (it looks like a PDF, a zip, an image or a program)"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return f"the file is not UTF-8 text (byte {error.start + 1})"
    first = text.splitlines()[0] if text.splitlines() else ""
    if "," not in first:
        return "the first line is not a CSV header such as `id,name,quantity`"
    return None


def store_upload(root: Path, data: bytes) -> str:
    """Save an accepted upload under a new random name; returns its token."""
    folder = upload_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(8)
    (folder / f"sites-{token}.csv").write_bytes(data)
    return token


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class SiteCheck:
    """A stored site list read as the command line reads it."""

    token: str
    sites: SiteList | None
    diagnostics: tuple[Diagnostic, ...]


def check_sites(root: Path, token: str) -> SiteCheck:
    """Read and check a stored site list (every row; every problem located)."""
    path = site_file(root, token)
    diags = Diagnostics()
    if path is None:
        diags.error("sites.format", "this site list is no longer here", Location("uploads"))
        return SiteCheck(token, None, tuple(diags.items))
    return SiteCheck(token, load_sites(path, root, diags), tuple(diags.items))


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class SheetRun:
    """A site list's cards on office letter sheets, in memory."""

    pdf: bytes | None
    pages: int
    diagnostics: tuple[Diagnostic, ...]


class SheetRuns:
    """The sheets of the last few site lists previewed, built with the workshop's project."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop
        self._runs: OrderedDict[tuple[str, str], SheetRun] = OrderedDict()
        self._lock = threading.Lock()

    def run(self, token: str, language: str) -> SheetRun:
        """Build (or recall) the run of a checked site list."""
        key = (token, language)
        with self._lock:
            if key in self._runs:
                return self._runs[key]
        made = self._build(token, language)
        with self._lock:
            self._runs[key] = made
            while len(self._runs) > _KEPT_RUNS:
                self._runs.popitem(last=False)
        return made

    def _build(self, token: str, language: str) -> SheetRun:
        root = self.workshop.root
        path = site_file(root, token)
        diags = Diagnostics()
        if path is None:
            diags.error("sites.format", "this site list is no longer here", Location("uploads"))
            return SheetRun(None, 0, tuple(diags.items))
        checked = check_sites(root, token)
        if checked.sites is None:
            return SheetRun(None, 0, checked.diagnostics)
        if checked.sites.total > MAX_PREVIEW_CARDS:
            diags.error(
                "sites.too-many",
                f"the run has {checked.sites.total:,} cards; the browser previews at most "
                f"{MAX_PREVIEW_CARDS:,}",
                Location(checked.sites.path),
                hints=("build the whole run with `outreach build` and a kit naming this list",),
            )
            return SheetRun(None, 0, tuple(diags.items))
        job = Job(
            "wallet-card",
            "cr80",
            language,
            "office",
            card=CardOptions(sheet="letter", sites=str(path)),
        )
        with self.workshop.lock:
            built = build_job(self.workshop.project, "alameda-heart", job, diags)
        if built is None or diags.has_errors():
            return SheetRun(None, 0, tuple(diags.items))
        pdf = built.pdf if isinstance(built.pdf, bytes) else built.pdf.read_bytes()
        shown = tuple(d for d in diags.items if d.code != "i18n.needs-review")
        return SheetRun(pdf, count_pages(pdf), shown)

    def sheet_png(self, token: str, language: str, index: int) -> bytes | None:
        """One sheet of a run as PNG (0-based), or None."""
        made = self.run(token, language)
        if made.pdf is None or not 0 <= index < made.pages:
            return None
        pngs = render_pages(made.pdf, dpi=SHEET_DPI, only=index, compress_level=1)
        return pngs[0] if pngs else None
