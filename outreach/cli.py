"""The command line: parse arguments, call the library, print diagnostics, return a status.

Input: argv. Output: an exit status (0 ok, 1 build or check errors, 2 usage errors, 130
interrupted).
This is the only module that writes to the terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from outreach.checks.preflight import check_paths
from outreach.content.catalogs import (
    STATUS_HEADER,
    catalog_languages,
    extract_template,
    language_status,
    update_catalog,
)
from outreach.content.pack import load_pack
from outreach.core.diagnostics import BuildError, Diagnostic, Diagnostics, Location, Severity
from outreach.core.model import Pack
from outreach.core.resources import PACKAGE_DIR, bundled_root
from outreach.core.version import __version__
from outreach.jobs.coverage import coverage_rows
from outreach.jobs.job import Job
from outreach.jobs.kits import default_output, kit_project
from outreach.jobs.names import is_language_tag
from outreach.jobs.options import (
    bad_language,
    bundled_profiles,
    ignored_options,
    material_sizes,
    size_help,
)
from outreach.jobs.package import package_kit, press_folder
from outreach.jobs.preview import write_contact_sheets, write_previews
from outreach.jobs.project import DEFAULT_PACK, Project
from outreach.jobs.run import build

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C


OUT_HELP = (
    "output folder (default: the kit's project's output/; for the bundled default kit, "
    "the clone's output/ in an editable install, else ./output)"
)


def _csv(value: str) -> list[str]:
    items = [part.strip() for part in value.split(",") if part.strip()]
    if not items:
        raise argparse.ArgumentTypeError("expected a comma-separated list, e.g. `en,es`")
    return items


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="outreach",
        description="Print-ready anti-human-trafficking posters, cards and brochures.",
    )
    parser.add_argument("--version", action="version", version=f"outreach {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    b = commands.add_parser("build", help="build a kit (the bundled default kit if none given)")
    b.add_argument(
        "kit",
        nargs="?",
        type=Path,
        metavar="KIT.toml",
        help="kit file describing the print run (default: the bundled default kit)",
    )
    b.add_argument(
        "--material",
        type=_csv,
        help=f"only these materials ({', '.join(material_sizes())})",
    )
    b.add_argument("--size", type=_csv, help=size_help())
    b.add_argument(
        "--lang",
        type=_csv,
        help="language tags, e.g. en,es or en+fa for a bilingual copy (not for the notice: "
        "its county sets its languages)",
    )
    b.add_argument("--profile", type=_csv, help=f"profiles ({', '.join(bundled_profiles())})")
    b.add_argument("--out", type=Path, default=None, help=OUT_HELP)
    b.add_argument("--jobs", type=int, default=None, help="parallel jobs (default: all cores)")
    b.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
    b.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument(
        "--no-check",
        action="store_true",
        help="skip the preflight of each PDF (QR decoding, fonts, boxes)",
    )
    b.add_argument("--quiet", action="store_true", help="print only diagnostics")
    b.add_argument(
        "--require-reviewed",
        action="store_true",
        help="fail on translations that no reviewer has checked yet",
    )
    b.add_argument("--diagnostic-format", choices=("human", "short"), default="human")

    c = commands.add_parser("check", help="preflight built PDFs (or output folders)")
    c.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    c.add_argument("--format", choices=("human", "json"), default="human")

    p = commands.add_parser("preview", help="PNG proofs and a contact sheet of built PDFs")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder for the PNGs (default: a `proofs` folder beside the first PDF)",
    )

    k = commands.add_parser(
        "package",
        help="build a kit's press PDFs into OUT/press, then zip them with proofs and print order",
    )
    k.add_argument(
        "kit",
        type=Path,
        metavar="KIT.toml",
        nargs="?",
        help="kit file (default: the bundled default kit)",
    )
    k.add_argument("--out", type=Path, default=None, help=OUT_HELP)
    k.add_argument("--jobs", type=int, default=None, help="parallel jobs (default: all cores)")
    k.add_argument(
        "--profile",
        choices=("press", "office"),
        default="press",
        help="press: a print shop's files (default); office: the office printer's",
    )
    k.add_argument("--quiet", action="store_true", help="print only diagnostics and the zip")
    k.add_argument("--diagnostic-format", choices=("human", "short"), default="human")

    i = commands.add_parser("i18n", help="translation catalogs, review packets and decisions")
    i.add_argument("action", choices=("extract", "update", "status", "review", "import"))
    i.add_argument("pack", nargs="?", type=Path, help="pack folder; for import, the filled file")
    i.add_argument("--lang", type=_csv, help="languages to update (default: every catalog)")
    i.add_argument("--out", type=Path, default=None, help="review: where the packet goes")
    i.add_argument("--pack", dest="pack_dir", type=Path, help="import: pack folder")
    i.add_argument("--reviewer", default="", help="import: who reviewed, where a row is silent")
    i.add_argument("--diagnostic-format", choices=("human", "short"), default="human")

    s = commands.add_parser(
        "specimen", help="typeset the glyph-test specimen, one page per language"
    )
    s.add_argument("--lang", type=_csv, help="language tags, e.g. fa,km (default: all)")
    s.add_argument("--out", type=Path, default=None, help=OUT_HELP)
    s.add_argument("--diagnostic-format", choices=("human", "short"), default="human")

    n = commands.add_parser("new", help="a project for a new organization, to fill in and build")
    n.add_argument("folder", type=Path, help="the project folder to create (new or empty)")
    n.add_argument("--org", help='the organization\'s name as printed, e.g. "Riverside Task Force"')

    w = commands.add_parser("serve", help="the web app, on 127.0.0.1:8000 unless told")
    w.add_argument("project", nargs="?", type=Path, default=None, help="project folder (.)")
    w.add_argument("--host", default="127.0.0.1")
    w.add_argument("--port", type=int, default=8000)
    w.add_argument("--password-env", help="environment variable holding the password")
    return parser


def _serve(args: argparse.Namespace) -> int:
    """Start the web app; refuse another address than loopback without a password."""
    import os

    password = os.environ.get(args.password_env) if args.password_env else None
    if args.password_env and not password:
        print(f"error: environment variable `{args.password_env}` is not set", file=sys.stderr)
        return EXIT_USAGE
    from outreach.web.app import serve

    problem = serve(args.project or Path.cwd(), args.host, args.port, password)
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    """Write a new organization's project and say what to fill, then how to build."""
    from outreach.jobs.starter import new_project

    try:
        made = new_project(args.folder, args.org)
    except BuildError as exc:
        _emit(exc.diagnostics, "human")
        print(f"new failed: {exc.summary} (nothing written)", file=sys.stderr)
        return EXIT_FAILED
    for name in made.files:
        print(f"wrote {made.root / name}")
    print(
        f"next: fill in {' and '.join(f'the {place}' for place in made.unfilled)} in "
        f"{made.root / 'content' / made.pack_id / 'pack.yaml'} (README.md says how), then\n"
        f"  cd {made.root} && outreach build kits/{made.pack_id}.toml"
    )
    return EXIT_OK


def _emit(diagnostics: Iterable[Diagnostic], fmt: str) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.short() if fmt == "short" else diagnostic.human(), file=sys.stderr)


class _Progress:
    """A progress bar (tqdm) on a terminal; plain lines in CI logs, which keep every step."""

    def __init__(self) -> None:
        self._bar: Any = None

    def __call__(self, done: int, total: int, job: Job) -> None:
        what = f"{job.material} {job.size or ''} {job.language} {job.profile}".replace("  ", " ")
        if not sys.stderr.isatty():
            print(f"[{done}/{total}] {what}", file=sys.stderr)
            return
        if self._bar is None:
            from tqdm import tqdm  # only on a terminal: CI and scripts never import it

            self._bar = tqdm(total=total, file=sys.stderr, unit="job", dynamic_ncols=True)
        self._bar.set_postfix_str(what, refresh=False)
        self._bar.update(done - self._bar.n)
        if done == total:
            self._bar.close()


def _build(args: argparse.Namespace) -> int:
    if args.profile:
        unknown = [p for p in args.profile if p not in bundled_profiles()]
        if unknown:
            print(
                f"outreach build: error: unknown profile `{unknown[0]}` "
                f"(choose from {', '.join(bundled_profiles())})",
                file=sys.stderr,
            )
            return EXIT_USAGE
    if args.jobs is not None and args.jobs < 1:
        print("outreach build: error: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = build(
            args.kit,
            out_dir=args.out,
            materials=args.material,
            sizes=args.size,
            languages=args.lang,
            profiles=args.profile,
            dry_run=args.dry_run,
            require_reviewed=args.require_reviewed,
            force=args.force,
            workers=args.jobs,
            progress=None if args.quiet or args.dry_run else _Progress(),
            check=not args.no_check,
            strict=args.strict,
        )
    except BuildError as exc:
        _emit(exc.diagnostics, args.diagnostic_format)
        only_warnings = all(d.severity is Severity.WARNING for d in exc.diagnostics)
        strict = " (--strict: warnings count as errors)" if args.strict and only_warnings else ""
        print(f"build failed: {exc.summary}{strict} (nothing written)", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("build interrupted (nothing written)", file=sys.stderr)
        return EXIT_INTERRUPTED
    _emit(report.diagnostics, args.diagnostic_format)
    if report.dry_run:
        for entry in report.entries:
            cards = f", {entry['cards']} cards" if entry.get("cards") else ""
            unchanged = " (unchanged)" if entry["file"] in report.skipped else ""
            print(
                f"would write {args.out / entry['file']}: {entry['pages']} pages, "
                f"{entry['size']} {entry['profile']}{cards}{unchanged}"
            )
        print(f"{len(report.planned)} PDFs planned, nothing written", file=sys.stderr)
    elif not args.quiet:
        for path in report.outputs:
            print(f"wrote {path}")
        unchanged = f", {len(report.skipped)} unchanged" if report.skipped else ""
        print(
            f"built {len(report.outputs)} PDFs into {args.out}{unchanged}, "
            f"{report.warning_count} warnings",
            file=sys.stderr,
        )
    return EXIT_OK


def _specimen(args: argparse.Namespace) -> int:
    from outreach.jobs.specimen import build_specimen, specimen_file_name

    try:
        built = build_specimen(args.lang)
    except BuildError as exc:
        _emit(exc.diagnostics, args.diagnostic_format)
        print(f"specimen failed: {exc.summary} (nothing written)", file=sys.stderr)
        return EXIT_FAILED
    target = args.out / specimen_file_name(args.lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(built.pdf)
    print(f"wrote {target} ({len(built.document.pages)} pages)")
    return EXIT_OK


def _preview(args: argparse.Namespace) -> int:
    paths: list[Path] = list(args.paths)
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"outreach preview: error: `{missing[0]}` does not exist", file=sys.stderr)
        return EXIT_USAGE
    first = paths[0] if paths[0].is_dir() else paths[0].parent
    out = args.out or first / "proofs"
    diags = Diagnostics()
    proofs = write_previews(paths, out, diags=diags)
    _emit(diags, "human")
    if diags.has_errors():
        print(f"preview failed: {len(diags.errors)} errors", file=sys.stderr)
        return EXIT_FAILED
    if not proofs:
        print("outreach preview: error: no PDF found in the given paths", file=sys.stderr)
        return EXIT_USAGE
    sheets = write_contact_sheets(proofs, out, title=first.name)
    print(f"wrote {len(proofs)} page proofs and {len(sheets)} contact sheets into {out}")
    return EXIT_OK


def _package(args: argparse.Namespace) -> int:
    kit = args.kit or bundled_root() / "kits" / "default.toml"
    print(
        f"packaging {kit}: building its {args.profile} PDFs into "
        f"{press_folder(args.out, args.profile)}, "
        f"then proofs, contact sheets and a zip in {args.out}",
        file=sys.stderr,
    )
    try:
        target = package_kit(
            args.kit,
            args.out,
            workers=args.jobs,
            progress=None if args.quiet else _Progress(),
            announce=None if args.quiet else lambda message: print(message, file=sys.stderr),
            profile=args.profile,
        )
    except BuildError as exc:
        _emit(exc.diagnostics, args.diagnostic_format)
        print(f"package failed: {exc.summary} (nothing written)", file=sys.stderr)
        return EXIT_FAILED
    print(f"wrote {target}")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    diags = Diagnostics()
    checked = check_paths(list(args.paths), diags)
    if args.format == "json":
        report = {"checked": checked, "diagnostics": [d.as_dict() for d in diags]}
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _emit(diags, "human")
        print(
            f"checked {checked} PDFs: {len(diags.errors)} errors, {len(diags.warnings)} warnings",
            file=sys.stderr,
        )
    return EXIT_FAILED if diags.has_errors() else EXIT_OK


def _i18n(args: argparse.Namespace) -> int:
    diags = Diagnostics()
    if args.action == "import":  # the positional is the filled file; --pack the pack
        args.review_file, args.pack = args.pack or Path("-"), args.pack_dir
    folder = args.pack or Path("content") / DEFAULT_PACK
    if not folder.is_dir():
        folder = bundled_root() / "content" / DEFAULT_PACK if args.pack is None else folder
    root = folder.resolve().parent.parent
    pack = load_pack(folder, root, diags)
    if pack is None:
        _emit(diags, "human")
        print(f"i18n {args.action} failed: the pack has errors", file=sys.stderr)
        return EXIT_FAILED
    if args.action == "extract":
        if args.lang:
            warning = Diagnostic(
                Severity.WARNING,
                "i18n.ignored-option",
                "`--lang` does not apply to `i18n extract`: the template holds the English only",
                Location("command line", key="--lang"),
                ("run `outreach i18n update --lang ...` to update those languages",),
            )
            _emit([warning], "human")
        print(f"wrote {extract_template(pack)}")
        return EXIT_OK
    bad = [tag for tag in args.lang or () if not is_language_tag(tag)]
    if bad:
        _emit([bad_language(tag) for tag in bad], "human")
        return EXIT_USAGE
    if args.action in ("review", "import"):
        return _i18n_review(args, root, pack)
    languages = args.lang or catalog_languages(pack)
    if args.action == "update":
        for language in languages:
            try:
                print(f"updated {update_catalog(pack, language)}")
            except BuildError as exc:
                _emit(exc.diagnostics, "human")
                print(
                    f"i18n update failed for `{language}` (its file is unchanged)", file=sys.stderr
                )
                return EXIT_FAILED
        return EXIT_OK
    print(STATUS_HEADER)
    broken = False
    for language in languages:
        status = language_status(pack, language, pack.display_root)
        broken = broken or status.errors > 0
        print(status.row())
    if not broken:  # and per material: what it prints, translated and reviewed
        print("\n".join(coverage_rows(Project(root, check_pdf=False), pack, languages)))
    if broken:
        print("some PO files have errors: `outreach build` names each line", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _i18n_review(args: argparse.Namespace, root: Path, pack: Pack) -> int:
    """`i18n review --lang xx` writes the packets; `i18n import FILE` reads one back."""
    from outreach.jobs.review_import import import_review  # openpyxl, translate-toolkit
    from outreach.jobs.review_packet import write_packet

    diags, project = Diagnostics(), Project(root, check_pdf=False)
    if args.action == "import":
        report = import_review(project, pack, args.review_file, diags, reviewer=args.reviewer)
        _emit(diags, args.diagnostic_format)
        lines = report.lines() if report else ["i18n import failed: nothing written"]
        print("\n".join(lines), file=sys.stdout if report else sys.stderr)
        return EXIT_OK if report else EXIT_FAILED
    for language in args.lang or ():
        written = write_packet(project, pack, language, args.out or Path("review"), diags)
        _emit(diags.items, args.diagnostic_format)
        diags.items.clear()
        if written is None:
            print(f"i18n review failed for `{language}`: nothing written", file=sys.stderr)
            return EXIT_FAILED
        print("\n".join(f"wrote {path}" for path in written))
    if not args.lang:
        print("outreach i18n review: name the language, e.g. `--lang fa`", file=sys.stderr)
    return EXIT_OK if args.lang else EXIT_USAGE


def _before_build(args: argparse.Namespace) -> int | None:
    """Refuse what cannot be a language tag; warn about options a material ignores."""
    tags = [part for tag in args.lang or () for part in tag.split("+")]
    bad = [tag for tag in tags if not is_language_tag(tag)]
    if bad:
        _emit([bad_language(tag) for tag in bad], args.diagnostic_format)
        return EXIT_USAGE
    ignored = ignored_options(args.kit, args.material, args.lang)
    _emit(ignored, args.diagnostic_format)
    if ignored and args.strict:
        print(
            f"build failed: {len(ignored)} warnings with --strict (nothing written)",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if args.kit is None and kit_project(None) != PACKAGE_DIR.parent and not args.quiet:
        print(
            f"note: building the installed copy of the default kit ({bundled_root()}); "
            "to build a clone, name its kit or install it with `pip install -e .`",
            file=sys.stderr,
        )
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status instead of exiting (testable in-process)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 for --help
        return int(exc.code or 0)
    if args.command in ("build", "package", "specimen") and args.out is None:
        args.out = default_output(getattr(args, "kit", None))
    if args.command == "build":
        refused = _before_build(args)
        return refused if refused is not None else _build(args)
    if args.command == "specimen":
        return _specimen(args)
    if args.command == "i18n":
        return _i18n(args)
    if args.command == "check":
        return _check(args)
    if args.command == "preview":
        return _preview(args)
    if args.command == "package":
        return _package(args)
    if args.command == "serve":
        return _serve(args)
    if args.command == "new":
        return _new(args)
    parser.print_usage(sys.stderr)
    return EXIT_USAGE


def main_entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
