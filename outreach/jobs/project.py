"""What a build works with: the project folder and what it has loaded, and a built piece.

Input: a project folder. Output: `Project`, which loads and caches packs, pieces, profiles
and the directory of what a pack may print, and renders into the output folder; and
`BuiltPiece`, one material built. Every builder imports these from here, below itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from outreach.checks.contacts import Directory, directory_of
from outreach.content.localize import localize
from outreach.content.pack import load_pack
from outreach.core.diagnostics import (
    Diagnostics,
    Location,
    choice_hints,
)
from outreach.core.document import Document, Page
from outreach.core.layout_specs import Profile
from outreach.core.model import Pack, Piece
from outreach.core.resources import bundled_root
from outreach.core.values import value_methods
from outreach.fonts import FontBook
from outreach.jobs.job import Job
from outreach.jobs.output_files import spool_file
from outreach.layout.spec import LayoutFolders, load_profiles, profiles_file
from outreach.render.draw import render_pdf, render_pdf_to
from outreach.render.pdf_data import PdfData

DEFAULT_PACK = "alameda-heart"


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class BuiltPiece:
    """One material built: its laid-out Document and its PDF.

    `pdf` is the PDF's bytes, or, when the project spools into an output folder, the
    temporary file it was streamed into (`output_files`), renamed into place once the
    whole build has passed.
    """

    job: Job
    size: str
    file_name: str
    document: Document
    pdf: PdfData
    extras: tuple[tuple[str, bytes], ...] = ()  # files written beside the PDF (name, bytes)
    # For the manifest, beyond what the Document shows: a card print run streams its
    # sheets, so its `document` holds the shared forms but no pages (issue 3).
    details: dict[str, object] = field(default_factory=dict)
    # What a print run's codes may say, for the preflight to decode its first sheet against.
    run_payloads: tuple[str, ...] = ()


@dataclass(slots=True)
class Project:
    """A folder with `content/`, `layouts/` and `kits/`; caches what it has loaded."""

    root: Path
    require_reviewed: bool = False
    check_pdf: bool = True  # preflight every PDF as it is made (QR decode, fonts, boxes)
    # Where PDFs are streamed while they are drawn (the output folder), or None: in memory.
    spool_dir: Path | None = None
    fonts: FontBook = field(default_factory=FontBook)
    _packs: dict[str, Pack | None] = field(default_factory=dict)
    _pieces: dict[tuple[str, str], Piece | None] = field(default_factory=dict)
    _profiles: dict[str, Profile] | None = None
    _directories: dict[str, Directory] = field(default_factory=dict)

    @property
    def layouts_dir(self) -> LayoutFolders:
        """Where layouts are looked up: the project's own folder first, then the bundled one.

        A project that overrides one layout keeps every other bundled material (issue 15).
        """
        own, bundled = self.root / "layouts", bundled_root() / "layouts"
        if own.is_dir() and own.resolve() != bundled.resolve():
            return (own, bundled)
        return bundled

    def pack_dir(self, name: str) -> Path:
        """A pack's folder: the project's own, else the bundled one of that name."""
        folder = self.root / "content" / name
        if not folder.is_dir() and (bundled_root() / "content" / name).is_dir():
            return bundled_root() / "content" / name
        return folder

    def pack(self, name: str, diags: Diagnostics) -> Pack | None:
        """Load a content pack by folder name (cached)."""
        if name not in self._packs:
            self._packs[name] = load_pack(self.pack_dir(name), self.root, diags)
        return self._packs[name]

    def piece(self, pack: Pack, language: str, diags: Diagnostics) -> Piece | None:
        """Localize a pack (cached per language).

        Drafts never stop a language here: `--require-reviewed` asks whether each material
        prints one (`jobs/piece.py`), so a piece of reviewed entries builds (issue 18).
        """
        key = (pack.id, language)
        if key not in self._pieces:
            from outreach.layout.page_checks import check_piece_glyphs  # with the text engine

            piece = localize(pack, language, diags)
            # Characters no font has stop the language once, named with their entries,
            # before any material is laid out (issue 15).
            if piece is not None and not check_piece_glyphs(piece, self.fonts, diags):
                piece = None
            self._pieces[key] = piece
        return self._pieces[key]

    def use_pack(self, name: str, pack: Pack) -> None:
        """Build with this pack under this folder name (a pack checked before it is saved)."""
        self._packs[name] = pack

    def use_piece(self, piece: Piece) -> None:
        """Build with this piece for its pack and language (a review's changes, tried out)."""
        self._pieces[(piece.pack.id, piece.language)] = piece

    def render(
        self, document: Document, file_name: str, pages: Iterable[Page] | None = None
    ) -> PdfData:
        """Render a Document: to bytes, or streamed into a temporary file in `spool_dir`.

        Streaming keeps a print run of any length out of memory (issue 3).
        """
        if self.spool_dir is None:
            return render_pdf(document, self.fonts, pages)
        return spool_file(
            self.spool_dir,
            file_name,
            lambda stream: render_pdf_to(stream, document, self.fonts, pages),
        )

    def directory(self, pack: Pack) -> Directory:
        """The numbers and links a pack's pieces may print (cached: it formats statistics)."""
        if pack.id not in self._directories:
            self._directories[pack.id] = directory_of(pack)
        return self._directories[pack.id]

    def profile(self, name: str, diags: Diagnostics) -> Profile | None:
        """One profile by name; an unknown name is a `build.unknown-profile` diagnostic."""
        profiles = self.profiles(diags)
        if name not in profiles:
            diags.error(
                "build.unknown-profile",
                f"profile `{name}` does not exist",
                Location("layouts/profiles.yaml"),
                hints=choice_hints(name, profiles),
            )
            return None
        return profiles[name]

    def profiles(self, diags: Diagnostics) -> dict[str, Profile]:
        """The office and press profiles."""
        if self._profiles is None:
            self._profiles = load_profiles(profiles_file(self.layouts_dir), self.root, diags)
        return self._profiles
