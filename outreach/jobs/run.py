"""Chain the stages: kit -> jobs -> load -> localize -> layout -> render -> files.

Input: a kit file (or the bundled default kit) and optional filters. Output: PDFs and a
`manifest.json` written atomically into the output folder, or a `BuildError` carrying
every diagnostic. A build with any error (any warning, when strict) writes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from outreach.checks.type_sizes import check_type_sizes
from outreach.core.diagnostics import (
    BuildError,
    Diagnostic,
    Diagnostics,
    Location,
    Severity,
)
from outreach.core.resources import bundled_root
from outreach.core.values import value_methods
from outreach.jobs.incremental import CACHE_NAME, BuildCache, job_fingerprint
from outreach.jobs.job import Job, Kit
from outreach.jobs.kits import load_kit
from outreach.jobs.manifest import (
    MANIFEST_NAME,
    earlier_manifest,
    manifest_data,
    manifest_entry,
    merge_entries,
)
from outreach.jobs.output_files import (
    FolderBusyError,
    Staging,
    lock_folder,
    remove_stale_temporaries,
    write_json,
)
from outreach.jobs.piece import build_job
from outreach.jobs.plan import plan_jobs
from outreach.jobs.pool import start_pool, stop_pool
from outreach.jobs.print_order import render_print_order, render_print_order_csv
from outreach.jobs.project import BuiltPiece, Project
from outreach.render.pdf_data import discard

DEFAULT_KIT = "default.toml"


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
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


def _job_inputs(job: Job) -> tuple[Path, ...]:
    """Files a job reads beyond its pack and layout: a card run's site list."""
    return (Path(job.card.sites),) if job.card is not None and job.card.sites else ()


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
    while it writes there; `manifest.json` and `print-order.txt` (and `.csv`) keep the entries of
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
    jobs = plan_jobs(
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
        # One role, one size in every language of a set (issue 16): the pieces built now.
        check_type_sizes((piece.document for piece, _ in results if piece is not None), diags)
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
            staging.add("print-order.csv", render_print_order_csv(listed))
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
