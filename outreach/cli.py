"""The command line: parse arguments, call the library, print diagnostics, return a status.

Input: argv. Output: an exit status (0 ok, 1 build or check errors, 2 usage errors).
This is the only module that writes to the terminal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from outreach import __version__
from outreach.build import build
from outreach.diagnostics import BuildError, Diagnostic

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
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
    b.add_argument("kit", nargs="?", type=Path, metavar="KIT.toml",
                   help="kit file describing the print run (default: the bundled default kit)")
    b.add_argument("--material", type=_csv, help=f"only these materials ({', '.join(MATERIALS)})")
    b.add_argument("--size", type=_csv, help="page sizes, e.g. letter,a4")
    b.add_argument("--lang", type=_csv, help="language tags, e.g. en,es")
    b.add_argument("--profile", type=_csv, help="office, press, or both")
    b.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output)")
    b.add_argument("--jobs", type=int, default=None, help="parallel jobs (default: all cores)")
    b.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
    b.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--quiet", action="store_true", help="print only diagnostics")
    b.add_argument("--diagnostic-format", choices=("human", "short"), default="human")

    s = commands.add_parser("specimen", help="typeset the glyph-test specimen, one page per "
                            "language")
    s.add_argument("--lang", type=_csv, help="language tags, e.g. fa,km (default: all)")
    s.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: "
                   "output)")
    s.add_argument("--diagnostic-format", choices=("human", "short"), default="human")
    return parser


def _emit(diagnostics: Iterable[Diagnostic], fmt: str) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.short() if fmt == "short" else diagnostic.human(), file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    if args.profile:
        unknown = [p for p in args.profile if p not in PROFILES]
        if unknown:
            print(f"outreach build: error: unknown profile `{unknown[0]}` "
                  f"(choose from {', '.join(PROFILES)})", file=sys.stderr)
            return EXIT_USAGE
    if args.jobs is not None and args.jobs < 1:
        print("outreach build: error: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = build(
            args.kit, out_dir=args.out, materials=args.material, sizes=args.size,
            languages=args.lang, profiles=args.profile, dry_run=args.dry_run,
        )
    except BuildError as exc:
        _emit(exc.diagnostics, args.diagnostic_format)
        print(f"build failed: {exc.summary} (nothing written)", file=sys.stderr)
        return EXIT_FAILED
    _emit(report.diagnostics, args.diagnostic_format)
    if report.dry_run:
        for name in report.planned:
            print(f"would write {args.out / name}")
        print(f"{len(report.planned)} PDFs planned, nothing written", file=sys.stderr)
    elif not args.quiet:
        for path in report.outputs:
            print(f"wrote {path}")
        print(f"built {len(report.outputs)} PDFs into {args.out}, "
              f"{report.warning_count} warnings", file=sys.stderr)
    if args.strict and report.warning_count:
        return EXIT_FAILED
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
    parser.print_usage(sys.stderr)
    return EXIT_USAGE


def main_entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
