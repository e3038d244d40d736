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

from outreach import __version__
from outreach.build import DEFAULT_PACK, build
from outreach.catalogs import catalog_languages, extract_template, language_status, update_catalog
from outreach.checks import check_paths
from outreach.content import load_pack
from outreach.diagnostics import BuildError, Diagnostic, Diagnostics, Severity
from outreach.kits import Job
from outreach.package import package_kit
from outreach.preview import write_contact_sheet, write_previews
from outreach.resources import bundled_root

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C
MATERIALS = ("poster", "wallet-card", "brochure", "notice")
PROFILES = ("office", "press")


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
    b.add_argument("--material", type=_csv, help=f"only these materials ({', '.join(MATERIALS)})")
    b.add_argument("--size", type=_csv, help="page sizes, e.g. letter,a4")
    b.add_argument("--lang", type=_csv, help="language tags, e.g. en,es")
    b.add_argument("--profile", type=_csv, help="office, press, or both")
    b.add_argument(
        "--out", type=Path, default=Path("output"), help="output folder (default: output)"
    )
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

    k = commands.add_parser("package", help="zip a kit's press PDFs, proofs and print order")
    k.add_argument("kit", type=Path, metavar="KIT.toml", nargs="?")
    k.add_argument("--out", type=Path, default=Path("output"))
    k.add_argument("--jobs", type=int, default=None)
    k.add_argument("--diagnostic-format", choices=("human", "short"), default="human")

    i = commands.add_parser("i18n", help="translation catalogs: extract, update, status")
    i.add_argument("action", choices=("extract", "update", "status"))
    i.add_argument(
        "pack",
        nargs="?",
        type=Path,
        default=None,
        help="pack folder (default: content/alameda-heart)",
    )
    i.add_argument("--lang", type=_csv, help="languages to update (default: every catalog)")

    s = commands.add_parser(
        "specimen", help="typeset the glyph-test specimen, one page per language"
    )
    s.add_argument("--lang", type=_csv, help="language tags, e.g. fa,km (default: all)")
    s.add_argument(
        "--out", type=Path, default=Path("output"), help="output folder (default: output)"
    )
    s.add_argument("--diagnostic-format", choices=("human", "short"), default="human")
    return parser


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
        unknown = [p for p in args.profile if p not in PROFILES]
        if unknown:
            print(
                f"outreach build: error: unknown profile `{unknown[0]}` "
                f"(choose from {', '.join(PROFILES)})",
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
    from outreach.specimen import build_specimen, specimen_file_name

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
    proofs = write_previews(paths, out)
    if not proofs:
        print("outreach preview: error: no PDF found in the given paths", file=sys.stderr)
        return EXIT_USAGE
    sheet = write_contact_sheet(proofs, out / "contact-sheet.png", title=first.name)
    print(f"wrote {len(proofs)} page proofs and {sheet}")
    return EXIT_OK


def _package(args: argparse.Namespace) -> int:
    try:
        target = package_kit(args.kit, args.out, workers=args.jobs)
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
        print(f"wrote {extract_template(pack)}")
        return EXIT_OK
    languages = args.lang or catalog_languages(pack)
    if args.action == "update":
        for language in languages:
            print(f"updated {update_catalog(pack, language)}")
        return EXIT_OK
    print(f"{'language':10} {'total':>6} {'done':>6} {'missing':>8} {'stale':>6} {'review':>7}")
    for language in languages:
        status = language_status(pack, language, pack.display_root)
        print(
            f"{language:10} {status.total:6} {status.translated:6} {status.missing:8} "
            f"{status.stale:6} {status.needs_review:7}"
        )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status instead of exiting (testable in-process)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 for --help
        return int(exc.code or 0)
    if args.command == "build":
        return _build(args)
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
    parser.print_usage(sys.stderr)
    return EXIT_USAGE


def main_entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
