"""Chain the stages: kit -> jobs -> load -> localize -> layout -> render -> files.

Input: a kit file (or the bundled default kit) and optional filters. Output: PDFs and a
`manifest.json` written atomically into the output folder, or a `BuildError` carrying
every diagnostic. A build with any error writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from outreach import __version__
from outreach.content import load_pack
from outreach.diagnostics import BuildError, Diagnostic, Diagnostics, Location, choice_hints
from outreach.document import Document
from outreach.fonts import FontBook
from outreach.kits import CardOptions, Job, Kit, load_kit
from outreach.layout import layout_piece
from outreach.layout.card import CardLayouter, QrChoice
from outreach.layout.imposition import CardRun, alignment_document, plan_sheet
from outreach.layouts import (
    available_materials,
    layout_file,
    layout_sizes,
    load_layout,
    load_profiles,
)
from outreach.localize import localize
from outreach.model import Pack, Piece, Profile
from outreach.render import render_pdf
from outreach.resources import bundled_root, display_path
from outreach.sheets import has_card_section, load_card_spec
from outreach.sites import load_sites
from outreach.units import to_mm

DEFAULT_KIT = "default.toml"
DEFAULT_PACK = "alameda-heart"


@dataclass(frozen=True, slots=True)
class BuiltPiece:
    """One material built in memory: its laid-out Document and its PDF bytes.

    A card print run streams its sheets, so its `document` holds the shared forms but no
    pages; `manifest` then carries what the manifest needs (sites, counts, QR payloads).
    """

    job: Job
    size: str
    file_name: str
    document: Document
    pdf: bytes
    manifest: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build wrote, and the warnings it met on the way."""

    out_dir: Path
    outputs: tuple[Path, ...]
    planned: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    dry_run: bool = False

    @property
    def warning_count(self) -> int:
        """How many warnings the build produced (errors stop a build instead)."""
        return len(self.diagnostics)


@dataclass(slots=True)
class Project:
    """A folder with `content/`, `layouts/` and `kits/`; caches what it has loaded."""

    root: Path
    fonts: FontBook = field(default_factory=FontBook)
    _packs: dict[str, Pack | None] = field(default_factory=dict)
    _pieces: dict[tuple[str, str], Piece | None] = field(default_factory=dict)
    _profiles: dict[str, Profile] | None = None

    @property
    def layouts_dir(self) -> Path:
        """Layouts of this project, or the bundled ones if it has none."""
        own = self.root / "layouts"
        return own if own.is_dir() else bundled_root() / "layouts"

    def pack(self, name: str, diags: Diagnostics) -> Pack | None:
        """Load a content pack by folder name (cached)."""
        if name not in self._packs:
            folder = self.root / "content" / name
            if not folder.is_dir() and (bundled_root() / "content" / name).is_dir():
                folder = bundled_root() / "content" / name
            self._packs[name] = load_pack(folder, self.root, diags)
        return self._packs[name]

    def piece(self, pack: Pack, language: str, diags: Diagnostics) -> Piece | None:
        """Localize a pack (cached per language)."""
        key = (pack.id, language)
        if key not in self._pieces:
            self._pieces[key] = localize(pack, language, diags)
        return self._pieces[key]

    def profiles(self, diags: Diagnostics) -> dict[str, Profile]:
        """The office and press profiles."""
        if self._profiles is None:
            self._profiles = load_profiles(self.layouts_dir / "profiles.yaml", self.root, diags)
        return self._profiles


def _atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so no reader ever sees half a PDF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def build_job(project: Project, pack_name: str, job: Job, diags: Diagnostics,
              kit_dir: Path | None = None) -> BuiltPiece | None:
    """Lay out and render one job; None (with diagnostics) if anything is wrong."""
    materials = available_materials(project.layouts_dir)
    if job.material not in materials:
        diags.error("build.unknown-material", f"material `{job.material}` has no layout",
                    Location(display_path(project.layouts_dir, project.root)),
                    hints=choice_hints(job.material, materials))
        return None
    if job.card is not None or has_card_section(layout_file(project.layouts_dir, job.material)):
        return build_card_job(project, pack_name, job, diags, kit_dir or project.root / "kits")
    profiles = project.profiles(diags)
    profile = profiles.get(job.profile)
    if profile is None:
        diags.error("build.unknown-profile", f"profile `{job.profile}` does not exist",
                    Location("layouts/profiles.yaml"), hints=choice_hints(job.profile, profiles))
        return None
    pack = project.pack(pack_name, diags)
    spec = load_layout(layout_file(project.layouts_dir, job.material), project.root, job.size, diags)
    if pack is None or spec is None:
        return None
    piece = project.piece(pack, job.language, diags)
    if piece is None:
        return None
    before = len(diags.errors)
    document = layout_piece(piece, spec, profile, project.fonts, diags)
    if len(diags.errors) > before:
        return None
    resolved = replace(job, size=spec.size_name)
    return BuiltPiece(resolved, spec.size_name, resolved.file_name(spec.size_name), document,
                      render_pdf(document, project.fonts))


def build_material(
    material: str = "poster",
    *,
    language: str = "en",
    size: str | None = None,
    profile: str = "office",
    pack: str = DEFAULT_PACK,
    project_dir: Path | None = None,
) -> BuiltPiece:
    """Build one material to bytes: the one obvious call for scripts.

    Raises:
        BuildError: with every diagnostic, if the content or layout has errors.
    """
    project = Project(project_dir or bundled_root())
    diags = Diagnostics()
    built = build_job(project, pack, Job(material, size, language, profile), diags)
    if built is None or diags.has_errors():
        raise BuildError(diags.items)
    return built


def _filter_jobs(
    kit: Kit,
    project: Project,
    *,
    materials: Sequence[str] | None,
    sizes: Sequence[str] | None,
    languages: Sequence[str] | None,
    profiles: Sequence[str] | None,
    diags: Diagnostics,
) -> list[Job]:
    jobs: list[Job] = []
    for job in kit.jobs:
        if materials and job.material not in materials:
            continue
        for language in languages or [job.language]:
            for profile in profiles or [job.profile]:
                for size in sizes or [job.size]:
                    candidate = replace(job, size=size, language=language, profile=profile)
                    if candidate not in jobs:
                        jobs.append(candidate)
    if materials:
        known = set(available_materials(project.layouts_dir))
        for material in materials:
            if material not in known:
                diags.error("build.unknown-material", f"material `{material}` has no layout",
                            Location(kit.path), hints=choice_hints(material, known))
            elif not any(job.material == material for job in kit.jobs):
                jobs.extend(
                    Job(material, size, language, profile)
                    for language in languages or ["en"]
                    for profile in profiles or ["office"]
                    for size in sizes or [None]
                )
    if sizes:
        for material in {job.material for job in jobs}:
            offered = layout_sizes(layout_file(project.layouts_dir, material), project.root, diags)
            if offered is None:
                continue
            for size in sizes:
                if size not in offered[0]:
                    diags.error("build.unknown-size", f"material `{material}` has no size `{size}`",
                                Location(display_path(layout_file(project.layouts_dir, material),
                                                      project.root)),
                                hints=choice_hints(size, offered[0]))
    return jobs


def build(
    kit_path: Path | None = None,
    *,
    out_dir: Path = Path("output"),
    materials: Sequence[str] | None = None,
    sizes: Sequence[str] | None = None,
    languages: Sequence[str] | None = None,
    profiles: Sequence[str] | None = None,
    dry_run: bool = False,
) -> BuildReport:
    """Build a kit (the bundled default kit if none is given) into `out_dir`.

    Every job is laid out and rendered before anything is written; if any job has an
    error, nothing is written and `BuildError` carries all diagnostics.

    Raises:
        BuildError: with every diagnostic, if any job has an error.
    """
    diags = Diagnostics()
    if kit_path is None:
        root = bundled_root()
        kit_path = root / "kits" / DEFAULT_KIT
    else:
        parent = kit_path.resolve().parent.parent
        root = parent if (parent / "content").is_dir() or (parent / "layouts").is_dir() \
            else Path.cwd()
    project = Project(root)
    kit = load_kit(kit_path, root, diags)
    if kit is None:
        raise BuildError(diags.items)
    jobs = _filter_jobs(kit, project, materials=materials, sizes=sizes, languages=languages,
                        profiles=profiles, diags=diags)
    if diags.has_errors():
        raise BuildError(diags.items)
    built: list[BuiltPiece] = []
    for job in jobs:
        piece = build_job(project, kit.pack, job, diags, kit_dir=kit_path.resolve().parent)
        if piece is not None and all(piece.file_name != other.file_name for other in built):
            built.append(piece)
    if diags.has_errors():
        raise BuildError(diags.items)
    planned = tuple(piece.file_name for piece in built)
    if dry_run:
        return BuildReport(out_dir, (), planned, tuple(diags.items), dry_run=True)
    outputs = []
    for piece in built:
        target = out_dir / piece.file_name
        _atomic_write(target, piece.pdf)
        outputs.append(target)
    _atomic_write(out_dir / "manifest.json", _manifest(kit, built))
    return BuildReport(out_dir, tuple(outputs), planned, tuple(diags.items))


def _manifest(kit: Kit, built: list[BuiltPiece]) -> bytes:
    files = []
    for piece in built:
        document = piece.document
        entry: dict[str, object] = {
            "file": piece.file_name,
            "sha256": hashlib.sha256(piece.pdf).hexdigest(),
            "bytes": len(piece.pdf),
            "material": document.material,
            "size": document.size,
        }
        if document.pages:
            first = document.pages[0]
            entry["trim_mm"] = [round(to_mm(first.width), 2), round(to_mm(first.height), 2)]
            entry["bleed_mm"] = round(to_mm(first.bleed), 2)
        entry.update({
            "profile": document.profile,
            "color_space": document.color_space,
            "languages": [document.language],
            "pages": len(document.pages),
            "qr_payloads": sorted({qr.data for _, qr in document.qr_items()}),
        })
        entry.update(piece.manifest)
        files.append(entry)
    manifest = {"kit": kit.name, "generator": f"outreach {__version__}", "files": files}
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# --- wallet cards (issue 3) ----------------------------------------------------------------


def _qr_choice(options: CardOptions) -> QrChoice | None:
    if options.qr is None:
        return None
    scheme, key = options.qr.split(":", 1)
    return QrChoice("https" if scheme == "link" else scheme, key, options.tracking)


def build_card_job(project: Project, pack_name: str, job: Job, diags: Diagnostics,
                   kit_dir: Path) -> BuiltPiece | None:
    """Build a wallet-card job: single cards, an imposed sheet or run, or the alignment test.

    A print run for a site list is checked site by site before anything is drawn, then
    its sheets are streamed into the PDF (issue 3).
    """
    options = job.card or CardOptions()
    profile = project.profiles(diags).get(job.profile)
    if profile is None:
        diags.error("build.unknown-profile", f"profile `{job.profile}` does not exist",
                    Location("layouts/profiles.yaml"),
                    hints=choice_hints(job.profile, project.profiles(diags)))
        return None
    file = layout_file(project.layouts_dir, job.material)
    pack = project.pack(pack_name, diags)
    spec = load_layout(file, project.root, job.size, diags)
    card_spec = load_card_spec(file, project.root, diags)
    sites = load_sites(kit_dir / options.sites, project.root, diags) if options.sites else None
    if pack is None or spec is None or card_spec is None or (options.sites and sites is None):
        return None
    piece = project.piece(pack, job.language, diags)
    if piece is None:
        return None
    before = len(diags.errors)
    qr = _qr_choice(options)
    varying = bool(sites and qr and qr.tracking and any(s.campaign for s in sites.sites))
    layouter = CardLayouter(piece, spec, card_spec, profile, project.fonts, diags, qr=qr,
                            varying_qr=varying, cut_guide=options.cut_guide)
    resolved = replace(job, size=spec.size_name)
    offered = layout_sizes(file, project.root, diags)
    name = resolved.file_name(spec.size_name, offered[1] if offered else None)
    if options.sheet is None:
        document = layouter.document()
        if len(diags.errors) > before:
            return None
        return BuiltPiece(resolved, spec.size_name, name, document,
                          render_pdf(document, project.fonts))
    plan = plan_sheet(card_spec, spec, profile, sheet=options.sheet,
                      imposition=options.imposition, duplex=options.duplex, order=options.order,
                      diags=diags)
    if plan is None:
        return None
    sheet_info: dict[str, object] = {
        "card_size": spec.size_name,
        "card_trim_mm": [round(to_mm(spec.width), 2), round(to_mm(spec.height), 2)],
        "card_bleed_mm": round(to_mm(plan.bleed), 2),
        "sheet_mm": [round(to_mm(plan.width), 2), round(to_mm(plan.height), 2)],
        "imposition": plan.imposition.name,
        "cards_per_sheet": plan.per_sheet,
        "duplex": plan.duplex,
    }
    if options.alignment_test:
        document = alignment_document(plan, profile, project.fonts, job=name.removesuffix(".pdf"),
                                      material=spec.material, size=spec.size_name)
        return BuiltPiece(resolved, spec.size_name, name, document,
                          render_pdf(document, project.fonts), sheet_info)
    run = CardRun(layouter, plan, sites, job=name.removesuffix(".pdf"), diags=diags)
    if len(diags.errors) > before:
        return None
    pdf = render_pdf(run.document, project.fonts, run.pages())
    shared = list(run.shared_payloads)
    sheet_info.update({
        "order": plan.order,
        "sheets": run.sheets,
        "pages": 2 * run.sheets,
        "cards": run.total,
        "qr_payloads": sorted(set(shared) | {p for s in run.sites for p in s.payloads}),
    })
    if sites is not None:
        sheet_info["site_list"] = sites.path
        sheet_info["sites"] = [
            {
                "id": entry.site.id,
                "name": entry.site.name,
                "cards": entry.site.quantity,
                "first_card": entry.first + 1,
                "local_contact": entry.site.local_contact,
                "qr_payloads": sorted(set(shared) | set(entry.payloads)),
            }
            for entry in run.sites
        ]
    return BuiltPiece(resolved, spec.size_name, name, run.document, pdf, sheet_info)
