"""Make one piece for the browser: a choice of material, size, languages, profile in; PDF out.

Input: a `PieceChoice` and the project the app serves. Output: a `MadePiece` with the PDF
(the same bytes `outreach build` writes for the same job: same `build_job`, same
`Project`), a PNG of every page rendered from that PDF, every diagnostic, and the draft
translations it prints. The `Project` stays loaded between requests (fonts, packs,
profiles), so a warm letter poster takes a few hundredths of a second
(`benchmarks/bench_web.py`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from outreach.content.catalogs import language_status
from outreach.core.diagnostics import Diagnostic, Diagnostics, Severity
from outreach.core.values import value_methods
from outreach.jobs.job import Job
from outreach.jobs.piece import build_job
from outreach.jobs.preview import render_pages
from outreach.jobs.project import DEFAULT_PACK, Project
from outreach.layout.spec import available_materials, layout_file, layout_sizes

# Rendered at 120 dpi and shown at half that (60 CSS px an inch: a letter page is 510 x 660
# on the screen), so pages are large on a desktop and crisp on a HiDPI screen (2 device
# pixels per CSS pixel); about 0.05 s more a poster than the 40 dpi of before.
PREVIEW_DPI = 120
# Larger pages are drawn at fewer dots an inch, so every page's longer side is at most
# 1,320 px (660 CSS px): a tabloid poster costs what a letter one costs, and fits a screen.
MAX_PREVIEW_PX = 1320
DENSITY = 2  # device pixels per CSS pixel the PNGs are drawn for
CACHE_SIZE = 24  # pieces kept in memory (a poster is ~100 KB of PDF and PNGs)
NOTICE_COUNTY = "alameda"  # the notice's third language; a kit can name any county


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class PieceChoice:
    """What a person picked on the form."""

    material: str
    size: str
    language: str
    profile: str
    pack: str = DEFAULT_PACK

    def job(self) -> Job:
        """The job `outreach build` would run for this choice."""
        if self.material == "notice":
            return Job(self.material, self.size, "en", self.profile, county=NOTICE_COUNTY)
        return Job(self.material, self.size, self.language, self.profile)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Draft:
    """A language printed from a translation that a native speaker has not reviewed."""

    language: str
    unreviewed: int
    total: int


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class MadePiece:
    """A piece made for the browser, or the diagnostics that stopped it."""

    choice: PieceChoice
    file_name: str | None
    pdf: bytes | None
    diagnostics: tuple[Diagnostic, ...]
    drafts: tuple[Draft, ...]
    pages: tuple[bytes, ...] = ()  # PNG of every page, rendered from the PDF itself (pdfium)

    @property
    def ok(self) -> bool:
        """Whether the PDF was made (no errors)."""
        return self.pdf is not None

    @property
    def page_sizes(self) -> tuple[tuple[int, int], ...]:
        """Each page's size on the screen in CSS pixels, so the browser scales it sharply."""
        return tuple(css_size(png) for png in self.pages)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Choices:
    """What the form offers: materials and their sizes, languages, profiles, packs."""

    sizes: dict[str, list[str]]
    languages: list[str]
    pairs: list[str]
    triples: list[str]
    profiles: list[str]
    packs: list[str]

    @property
    def all_sizes(self) -> list[str]:
        """Every size of any material, in the order the layouts list them."""
        return list(dict.fromkeys(size for sizes in self.sizes.values() for size in sizes))


class Workshop:
    """The project, kept loaded between requests, and the pieces made lately.

    One lock serializes the builds: `Project` caches are not made for threads, and on two
    cores a second build at once would only halve the speed of both.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.project = Project(root)
        self.lock = threading.Lock()
        self._made: OrderedDict[PieceChoice, MadePiece] = OrderedDict()
        self._drafts: dict[tuple[str, str], Draft | None] = {}

    def reload(self) -> None:
        """Forget loaded packs (a pack was saved), keeping the fonts warm."""
        with self.lock:
            self.project = Project(self.root, fonts=self.project.fonts)
            self._made.clear()
            self._drafts.clear()

    def choices(self) -> Choices:
        """What the form offers for this project."""
        with self.lock:
            project = self.project
            diags = Diagnostics()
            sizes: dict[str, list[str]] = {}
            for material in available_materials(project.layouts_dir):
                found = layout_sizes(
                    layout_file(project.layouts_dir, material), project.root, diags
                )
                sizes[material] = found[0] if found else []
            pack = project.pack(DEFAULT_PACK, diags)
            languages = list(pack.languages) if pack else ["en"]
            profiles = sorted(project.profiles(diags))
        others = [tag for tag in languages if tag != "en"]
        return Choices(
            sizes=sizes,
            languages=languages,
            pairs=[f"en+{tag}" for tag in others],
            triples=[f"en+es+{tag}" for tag in others if tag != "es"],
            profiles=profiles,
            packs=self.packs(),
        )

    def packs(self) -> list[str]:
        """The packs of the project (its own `content/<pack>/`) and the default one."""
        own = sorted(
            folder.name
            for folder in (self.root / "content").glob("*")
            if (folder / "pack.yaml").is_file()
        )
        return sorted({DEFAULT_PACK, *own})

    def make(self, choice: PieceChoice) -> MadePiece:
        """Build the piece (or take it from the cache) and render its pages."""
        with self.lock:
            if choice in self._made:
                self._made.move_to_end(choice)
                return self._made[choice]
            made = self._make(choice)
            self._made[choice] = made
            while len(self._made) > CACHE_SIZE:
                self._made.popitem(last=False)
            return made

    def _make(self, choice: PieceChoice) -> MadePiece:
        diags = Diagnostics()
        built = build_job(self.project, choice.pack, choice.job(), diags)
        drafts = self._drafts_of(choice, diags)
        if built is None or diags.has_errors():
            return MadePiece(choice, None, None, tuple(diags.items), drafts)
        pdf = built.pdf if isinstance(built.pdf, bytes) else built.pdf.read_bytes()
        longest = max(
            (max(p.media_width, p.media_height) for p in built.document.pages), default=792.0
        )
        dpi = int(min(PREVIEW_DPI, MAX_PREVIEW_PX * 72 / longest))
        pages = tuple(render_pages(pdf, dpi=dpi, compress_level=1))
        # A draft's warning is said once per process (the localized pack is cached): the
        # page shows drafts from `drafts`, so the repeated warnings add nothing.
        shown = tuple(d for d in diags.items if d.code != "i18n.needs-review")
        return MadePiece(choice, built.file_name, pdf, shown, drafts, pages)

    def _drafts_of(self, choice: PieceChoice, diags: Diagnostics) -> tuple[Draft, ...]:
        pack = self.project.pack(choice.pack, diags)
        if pack is None:
            return ()
        languages = pack_languages(choice)
        found = []
        for language in languages:
            key = (choice.pack, language)
            if key not in self._drafts:
                status = language_status(pack, language, str(self.root))
                self._drafts[key] = (
                    Draft(language, status.needs_review, status.total)
                    if status.needs_review
                    else None
                )
            draft = self._drafts[key]
            if draft is not None:
                found.append(draft)
        return tuple(found)


def css_size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height (read from its IHDR chunk) in CSS pixels at `DENSITY`."""
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    return max(1, width // DENSITY), max(1, height // DENSITY)


def pack_languages(choice: PieceChoice) -> list[str]:
    """The pack languages a piece prints (the notice: English, then its own texts)."""
    if choice.material == "notice":
        return []  # the notice's texts are its own file's, marked official or not
    return [tag for tag in choice.language.split("+") if tag != "en"]


def errors_of(diagnostics: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    """Only the errors, for the page's summary."""
    return [d for d in diagnostics if d.severity is Severity.ERROR]
