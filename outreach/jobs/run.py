"""Chain the stages: kit -> jobs -> load -> localize -> layout -> render -> files.

Input: a kit file (or the bundled default kit) and optional filters. Output: PDFs and a
`manifest.json` written atomically into the output folder, or a `BuildError` carrying
every diagnostic. A build with any error (any warning, when strict) writes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from outreach.checks.contacts import Directory, check_printed_contacts, directory_of
from outreach.checks.document import check_document, check_reading_level
from outreach.checks.preflight import check_built_pdf
from outreach.content.localize import localize
from outreach.content.pack import load_pack
from outreach.core.diagnostics import (
    BuildError,
    Diagnostic,
    Diagnostics,
    Location,
    Severity,
    choice_hints,
)
from outreach.core.document import Document, Page
from outreach.core.model import Pack, Piece, Profile
from outreach.core.resources import bundled_root, display_path
from outreach.fonts import FontBook
from outreach.jobs.incremental import CACHE_NAME, BuildCache, job_fingerprint
from outreach.jobs.kits import Job, Kit, load_kit
from outreach.jobs.manifest import (
    MANIFEST_NAME,
    earlier_manifest,
    manifest_data,
    manifest_entry,
    merge_entries,
    render_print_order,
)
from outreach.jobs.output_files import (
    FolderBusyError,
    PdfData,
    Staging,
    discard,
    lock_folder,
    remove_stale_temporaries,
    spool_file,
    write_json,
)
from outreach.jobs.pool import start_pool, stop_pool
from outreach.layout import layout_piece
from outreach.layout.spec import (
    available_materials,
    layout_file,
    layout_sizes,
    load_layout,
    load_profiles,
)
from outreach.layout.spec.sheets import has_card_section
from outreach.render.draw import render_pdf, render_pdf_to

DEFAULT_KIT = "default.toml"
DEFAULT_PACK = "alameda-heart"


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build wrote, and the warnings it met on the way."""

    out_dir: Path
    outputs: tuple[Path, ...]
    planned: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    dry_run: bool = False
    skipped: tuple[str, ...] = ()  # files whose inputs had not changed
    entries: tuple[dict[str, Any], ...] = ()  # the manifest entries, in plan order
    kit: str = ""  # the kit's name

    @property
    def warning_count(self) -> int:
        """How many warnings the build produced (errors stop a build instead)."""
        return len(self.diagnostics)


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
    def layouts_dir(self) -> Path:
        """Layouts of this project, or the bundled ones if it has none."""
        own = self.root / "layouts"
        return own if own.is_dir() else bundled_root() / "layouts"

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
        """Localize a pack (cached per language)."""
        key = (pack.id, language)
        if key not in self._pieces:
            self._pieces[key] = localize(
                pack, language, diags, require_reviewed=self.require_reviewed
            )
        return self._pieces[key]

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
            self._profiles = load_profiles(self.layouts_dir / "profiles.yaml", self.root, diags)
        return self._profiles


def _job_inputs(job: Job) -> tuple[Path, ...]:
    """Files a job reads beyond its pack and layout: a card run's site list."""
    return (Path(job.card.sites),) if job.card is not None and job.card.sites else ()


def build_job(project: Project, pack_name: str, job: Job, diags: Diagnostics) -> BuiltPiece | None:
    """Lay out, check and render one job; None (with diagnostics) if anything is wrong.

    The Document checks (type size, contrast, small text in one ink) run on every job; an
    error among them stops the build like any other.
    """
    built = _make_piece(project, pack_name, job, diags)
    if built is None:
        return None
    before = diags.error_count
    check_document(built.document, diags)
    pack = project.pack(pack_name, diags)
    if pack is not None:
        check_printed_contacts(built.document, project.directory(pack), diags)
    if project.check_pdf:
        check_built_pdf(
            built.pdf, built.document, built.file_name, diags, run_payloads=built.run_payloads
        )
    if built.document.language == "en":
        piece = project.piece(pack, "en", diags) if pack else None
        sections = VICTIM_FACING.get(job.material, ())
        if piece is not None and sections:
            check_reading_level(
                {
                    key: (text.text, text.location)
                    for key, text in piece.texts.items()
                    if key.split(".", 1)[0] in sections
                },
                diags,
            )
    if diags.error_count > before:
        discard(built.pdf)
        return None
    return built


# Content sections a material prints to the people it is for (read at grade 5-6).
VICTIM_FACING = {
    "poster": ("poster",),
    "wallet-card": ("card",),
    "wallet-card-discreet": ("card_discreet",),
}


def _make_piece(
    project: Project, pack_name: str, job: Job, diags: Diagnostics
) -> BuiltPiece | None:
    # Material-specific builders load on first use: a poster never imports card code.
    if job.material == "notice":
        from outreach.jobs.notice import build_notice

        return build_notice(project, pack_name, job, diags)
    materials = available_materials(project.layouts_dir)
    if job.material not in materials:
        diags.error(
            "build.unknown-material",
            f"material `{job.material}` has no layout",
            Location(display_path(project.layouts_dir, project.root)),
            hints=choice_hints(job.material, materials),
        )
        return None
    if job.card is not None or has_card_section(layout_file(project.layouts_dir, job.material)):
        from outreach.jobs.cards import build_card_job

        return build_card_job(project, pack_name, job, diags)
    profile = project.profile(job.profile, diags)
    if profile is None:
        return None
    pack = project.pack(pack_name, diags)
    spec = load_layout(
        layout_file(project.layouts_dir, job.material), project.root, job.size, diags
    )
    if pack is None or spec is None:
        return None
    languages = job.language.split("+")
    if len(languages) != spec.languages:
        diags.error(
            "build.language-count",
            f"material `{job.material}` carries {spec.languages} language(s) per copy, "
            f"but the job names {len(languages)} (`{job.language}`)",
            Location(spec.path),
            hints=(
                'write the languages joined by "+", e.g. `languages = ["en+fa"]`'
                if spec.languages > 1
                else "give one language per job; bilingual pieces have their own layouts",
            ),
        )
        return None
    pieces = [project.piece(pack, language, diags) for language in languages]
    if any(p is None for p in pieces):
        return None
    piece, *others = (p for p in pieces if p is not None)
    before = diags.error_count
    document = layout_piece(piece, spec, profile, project.fonts, diags, tuple(others))
    if diags.error_count > before:
        return None
    resolved = replace(job, size=spec.size_name)
    name = resolved.file_name(spec.size_name)
    return BuiltPiece(resolved, spec.size_name, name, document, project.render(document, name))


def build_material(
    material: str = "poster",
    *,
    language: str = "en",
    size: str | None = None,
    profile: str = "office",
    pack: str = DEFAULT_PACK,
    project_dir: Path | None = None,
    check: bool = True,
) -> BuiltPiece:
    """Build one material to bytes: the one obvious call for scripts.

    Raises:
        BuildError: with every diagnostic, if the content or layout has errors.
    """
    project = Project(project_dir or bundled_root(), check_pdf=check)
    diags = Diagnostics()
    built = build_job(project, pack, Job(material, size, language, profile), diags)
    if built is None or diags.has_errors():
        raise BuildError(diags.items)
    return built


def _job_languages(job: Job, requested: Sequence[str] | None) -> list[str]:
    """The languages a job is built in under `--lang`.

    A single-language job takes each requested language. A multilingual copy (`en+es`) is
    kept when it carries a requested language, or replaced by requested copies of the
    same size (`--lang en+fa`). A notice's languages come from its county, and the duplex
    alignment sheet has none: both are kept as they are.
    """
    if not requested or job.material == "notice" or (job.card and job.card.alignment_test):
        return [job.language]
    carried = job.language.split("+")
    if len(carried) == 1:
        return [tag for tag in requested if "+" not in tag]
    same_size = [tag for tag in requested if len(tag.split("+")) == len(carried)]
    if same_size:
        return same_size
    return [job.language] if set(carried) & set(requested) else []


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
    seen: set[Job] = set()  # a kit of thousands of languages plans in linear time
    for job in kit.jobs:
        if materials and job.material not in materials:
            continue
        job_sizes: Sequence[str | None] = sizes or [job.size]
        for language in _job_languages(job, languages):
            for profile in profiles or [job.profile]:
                for size in job_sizes:
                    candidate = replace(job, size=size, language=language, profile=profile)
                    if candidate not in seen:
                        seen.add(candidate)
                        jobs.append(candidate)
    if materials:
        known = set(available_materials(project.layouts_dir))
        for material in materials:
            if material not in known:
                diags.error(
                    "build.unknown-material",
                    f"material `{material}` has no layout",
                    Location(kit.path),
                    hints=choice_hints(material, known),
                )
            elif not any(job.material == material for job in kit.jobs):
                extra_sizes: Sequence[str | None] = sizes or [None]
                jobs.extend(
                    Job(material, size, language, profile)
                    for language in languages or ["en"]
                    for profile in profiles or ["office"]
                    for size in extra_sizes
                )
    if sizes:
        for material in {job.material for job in jobs}:
            offered = layout_sizes(layout_file(project.layouts_dir, material), project.root, diags)
            if offered is None:
                continue
            for size in sizes:
                if size not in offered[0]:
                    diags.error(
                        "build.unknown-size",
                        f"material `{material}` has no size `{size}`",
                        Location(
                            display_path(layout_file(project.layouts_dir, material), project.root)
                        ),
                        hints=choice_hints(size, offered[0]),
                    )
    return jobs


def _run_one(
    root: Path,
    require_reviewed: bool,
    check_pdf: bool,
    spool_dir: Path | None,
    pack_name: str,
    job: Job,
) -> tuple[BuiltPiece | None, list[Diagnostic]]:
    """One job in a worker process; diagnostics (and a spooled PDF's path) travel back."""
    project = _worker_project(root, require_reviewed, check_pdf, spool_dir)
    diags = Diagnostics()
    return build_job(project, pack_name, job, diags), diags.items


@lru_cache(maxsize=4)
def _worker_project(
    root: Path, require_reviewed: bool, check_pdf: bool, spool_dir: Path | None
) -> Project:
    # One Project per worker process, so fonts and packs load once per process.
    return Project(
        root, require_reviewed=require_reviewed, check_pdf=check_pdf, spool_dir=spool_dir
    )


def _write_error(exc: OSError, where: Path | None) -> Diagnostic:
    """`build.cannot-write`, naming the path and the system's reason (disk full, read-only).

    An error on a file outside the output folder `where` (or in a dry run, which writes
    nothing: `where` is None) is a file that could not be read.
    """
    named = isinstance(exc.filename, str) and exc.filename
    path = Path(exc.filename) if named else where or Path(".")
    reason = exc.strerror or str(exc)
    if where is not None and path.resolve().is_relative_to(where.resolve()):
        return Diagnostic(
            Severity.ERROR,
            "build.cannot-write",
            f"cannot write `{path}`: {reason}",
            Location(str(where)),
            hints=("choose another output folder with --out, or make room on the disk",),
        )
    return Diagnostic(
        Severity.ERROR, "file.unreadable", f"cannot read `{path}`: {reason}", Location(str(path))
    )


def _run_jobs(
    project: Project,
    pack_name: str,
    jobs: list[Job],
    workers: int,
    diags: Diagnostics,
    progress: Callable[[int, int, Job], None] | None,
) -> list[tuple[BuiltPiece | None, list[Diagnostic]]]:
    """Build jobs in a process pool (in this process when there are few), keeping job order.

    Each result carries the diagnostics its job reported, so warnings can be remembered
    with the job and repeated when a later build skips it. A job that cannot write its
    temporary file (disk full) stops the build with `build.cannot-write`, returning fewer
    results than jobs. On Ctrl-C or any other exception the pool stops at once: jobs not
    started are cancelled, workers ended.
    """
    where = project.spool_dir
    results: list[tuple[BuiltPiece | None, list[Diagnostic]]] = []
    if workers <= 1 or len(jobs) <= 2:
        for index, job in enumerate(jobs):
            own = Diagnostics()
            try:
                piece = build_job(project, pack_name, job, own)
            except OSError as exc:
                diags.extend([_write_error(exc, where)])
                return results  # nothing will be written: the other jobs need not run
            results.append((piece, own.items))
            diags.extend(own.items)
            if progress:
                progress(index + 1, len(jobs), job)
        return results
    pool = start_pool(workers)
    try:
        futures = [
            pool.submit(
                _run_one,
                project.root,
                project.require_reviewed,
                project.check_pdf,
                project.spool_dir,
                pack_name,
                job,
            )
            for job in jobs
        ]
        for index, (job, future) in enumerate(zip(jobs, futures, strict=True)):
            try:
                piece, found = future.result()
            except OSError as exc:
                diags.extend([_write_error(exc, where)])
                stop_pool(pool)  # nothing will be written: the other jobs need not run
                return results
            diags.extend(found)
            results.append((piece, found))
            if progress:
                progress(index + 1, len(jobs), job)
    except BaseException:
        stop_pool(pool)
        raise
    pool.shutdown()
    return results


def build(
    kit_path: Path | None = None,
    *,
    out_dir: Path = Path("output"),
    materials: Sequence[str] | None = None,
    sizes: Sequence[str] | None = None,
    languages: Sequence[str] | None = None,
    profiles: Sequence[str] | None = None,
    dry_run: bool = False,
    require_reviewed: bool = False,
    force: bool = False,
    workers: int | None = None,
    progress: Callable[[int, int, Job], None] | None = None,
    check: bool = True,
    strict: bool = False,
) -> BuildReport:
    """Build a kit (the bundled default kit if none is given) into `out_dir`.

    Jobs whose inputs are unchanged since the last build into `out_dir` are skipped (unless
    `force`); the others run in a process pool. Every job is laid out and rendered before
    anything is written; if any job has an error (with `strict`, any warning), nothing is
    written and `BuildError` carries all diagnostics. A build holds a lock on `out_dir`
    while it writes there; `manifest.json` and `print-order.txt` keep the entries of
    earlier builds for files this one did not make.

    Raises:
        BuildError: with every diagnostic, if any job has an error, if the folder is busy
            with another build or cannot be written.
        KeyboardInterrupt: after stopping the workers and removing every temporary.
    """
    diags = Diagnostics()
    if kit_path is None:
        root = bundled_root()
        kit_path = root / "kits" / DEFAULT_KIT
    else:
        parent = kit_path.resolve().parent.parent
        root = (
            parent if (parent / "content").is_dir() or (parent / "layouts").is_dir() else Path.cwd()
        )
    project = Project(
        root,
        require_reviewed=require_reviewed,
        check_pdf=check,
        spool_dir=None if dry_run else out_dir,
    )
    kit = load_kit(kit_path, root, diags)
    if kit is None:
        raise BuildError(diags.items)
    jobs = _filter_jobs(
        kit,
        project,
        materials=materials,
        sizes=sizes,
        languages=languages,
        profiles=profiles,
        diags=diags,
    )
    if diags.has_errors():
        raise BuildError(diags.items)
    plan = _Plan(project, kit, jobs, out_dir, force=force, strict=strict)
    if dry_run:
        return plan.run(diags, workers, progress, write=False)
    out_existed = out_dir.exists()
    try:
        with lock_folder(out_dir):
            try:
                return plan.run(diags, workers, progress, write=True)
            except BaseException:
                remove_stale_temporaries(out_dir)  # ours: the lock keeps other builds out
                raise
    except FolderBusyError:
        diags.error(
            "build.folder-busy",
            f"another build is writing into `{out_dir}`",
            Location(str(out_dir)),
            hints=("wait for it to finish, or build into another folder with --out",),
        )
        raise BuildError(diags.items) from None
    except OSError as exc:
        diags.extend([_write_error(exc, out_dir)])
        raise BuildError(diags.items) from None
    finally:
        if not out_existed and out_dir.is_dir() and not any(out_dir.iterdir()):
            out_dir.rmdir()  # a failed build leaves no trace, not even its folder


@dataclass(slots=True)
class _Plan:
    """The jobs of one build and how to run them: skip the unchanged, write the rest."""

    project: Project
    kit: Kit
    jobs: list[Job]
    out_dir: Path
    force: bool
    strict: bool

    def run(
        self,
        diags: Diagnostics,
        workers: int | None,
        progress: Callable[[int, int, Job], None] | None,
        *,
        write: bool,
    ) -> BuildReport:
        """Run the jobs not skipped; write their files (if `write`) once all have passed."""
        project, kit, jobs, out_dir = self.project, self.kit, self.jobs, self.out_dir
        pack_dir = project.pack_dir(kit.pack)
        # A forced build still remembers the other jobs of the folder.
        cache = BuildCache.load(out_dir)
        fingerprints = {
            job: job_fingerprint(job, pack_dir, project.layouts_dir, _job_inputs(job))
            for job in jobs
        }
        fresh = {job: None if self.force else cache.fresh(job, fingerprints[job]) for job in jobs}
        for job in jobs:
            if fresh[job] is not None:
                diags.extend(cache.warnings(job))  # a skipped job still says what it said
        to_run = [job for job in jobs if fresh[job] is None]
        if write:
            remove_stale_temporaries(out_dir)  # what a killed build left; ours are made next
        results = _run_jobs(
            project, kit.pack, to_run, workers or os.cpu_count() or 1, diags, progress
        )
        if diags.has_errors() or (self.strict and len(diags)):
            for piece, _ in results:
                if piece is not None:
                    discard(piece.pdf)
            raise BuildError(diags.items)
        built = {job: piece for job, (piece, _) in zip(to_run, results, strict=True) if piece}
        # one manifest entry per built file: it hashes the PDF, so it is made once
        made = {job: manifest_entry(piece) for job, piece in built.items()}
        job_warnings = {job: found for job, (_, found) in zip(to_run, results, strict=True)}
        entries: list[dict[str, Any]] = []
        for job in jobs:
            if job in built:
                entries.append(made[job])
            else:
                entries.extend(fresh[job] or [])
        planned = tuple(entry["file"] for entry in entries)
        skipped = tuple(entry["file"] for job in jobs if fresh[job] for entry in fresh[job] or [])
        report = BuildReport(
            out_dir,
            (),
            planned,
            tuple(diags.items),
            dry_run=not write,
            skipped=skipped,
            entries=tuple(entries),
            kit=kit.name,
        )
        if not write:
            return report
        for job in built:
            cache.record(job, fingerprints[job], [made[job]], job_warnings.get(job, []))
        outputs = self._write(built, entries, cache, diags)
        return replace(report, outputs=tuple(outputs))

    def _write(
        self,
        built: dict[Job, BuiltPiece],
        entries: list[dict[str, Any]],
        cache: BuildCache,
        diags: Diagnostics,
    ) -> list[Path]:
        """Stage every file, then rename them into place with the manifest last."""
        kit, out_dir = self.kit, self.out_dir
        earlier = earlier_manifest(out_dir)
        listed = merge_entries(out_dir, entries, earlier)
        numbers = earlier.get("printed_numbers", []) if len(listed) > len(entries) else []
        pack = self.project.pack(kit.pack, diags)
        manifest = manifest_data(
            kit.name, kit.pack, listed, pack, tuple(numbers if isinstance(numbers, list) else ())
        )
        staging = Staging(out_dir)
        try:
            for piece in built.values():
                staging.add(piece.file_name, piece.pdf)
                for name, data in piece.extras:
                    staging.add(name, data)
            staging.add("print-order.txt", render_print_order(kit.name, listed))
            staging.add_with(
                CACHE_NAME,
                lambda stream: write_json(stream, cache.data(), indent=1, sort_keys=True),
            )
            staging.add_with(
                MANIFEST_NAME,
                lambda stream: write_json(stream, manifest, indent=2, ensure_ascii=False),
            )
            written = staging.commit()
        except BaseException:
            staging.discard()
            raise
        pdfs = {out_dir / piece.file_name for piece in built.values()}
        return [path for path in written if path in pdfs]
