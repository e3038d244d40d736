"""The print-shop package: one zip with the press PDFs, proofs, manifest and print order (txt, csv).

Input: a kit (and a profile: `press` for a print shop, or `office` for the office's own
printer). Output: `<kit>-print-package.zip` in the output folder, byte-identical for
identical inputs (fixed timestamps, sorted entries).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from outreach.core.diagnostics import BuildError, Diagnostic, Location, Severity
from outreach.jobs.job import Job
from outreach.jobs.names import one_line
from outreach.jobs.preview import write_contact_sheets, write_previews
from outreach.jobs.run import BuildReport, build

_FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def press_folder(out_dir: Path, profile: str = "press") -> Path:
    """Where a package's files are built: `<out>/<profile>`, kept for incremental builds."""
    return out_dir / profile


def package_kit(
    kit_path: Path | None,
    out_dir: Path,
    *,
    workers: int | None = None,
    progress: Callable[[int, int, Job], None] | None = None,
    announce: Callable[[str], None] | None = None,
    profile: str = "press",
) -> Path:
    """Build the kit's files of one profile into `out_dir/<profile>`, render proofs, zip it all.

    `progress` is the build's per-job callback; `announce` hears each later step (proofs,
    contact sheets, the zip), so a long package run is never silent (issue 21).
    """
    say = announce or (lambda _message: None)
    press_dir = press_folder(out_dir, profile)
    report: BuildReport = build(
        kit_path, out_dir=press_dir, profiles=[profile], workers=workers, progress=progress
    )
    unchanged = f" ({len(report.skipped)} unchanged)" if report.skipped else ""
    say(f"{profile} PDFs: {len(report.entries)} in {press_dir}{unchanged}")
    listed = [press_dir / entry["file"] for entry in report.entries]
    say(f"rendering proofs of {len(listed)} PDFs into {press_dir / 'proofs'}")
    proofs = write_previews(listed, press_dir / "proofs")
    kit_name = report.kit
    sheets = write_contact_sheets(
        proofs, press_dir / "proofs", title=f"{kit_name}: {profile} proofs"
    )
    say(f"wrote {len(proofs)} proofs and {len(sheets)} contact sheets")
    extras = [
        press_dir / extra["file"] for entry in report.entries for extra in entry.get("extras", [])
    ]
    members = [
        *listed,
        *extras,
        *(p.png for p in proofs),
        *sheets,
        press_dir / "manifest.json",
        press_dir / "print-order.txt",
        press_dir / "print-order.csv",
    ]
    target = out_dir / f"{kit_name}-print-package.zip"
    if target.resolve().parent != out_dir.resolve():  # kits check names; this is the last gate
        raise BuildError(
            [
                Diagnostic(
                    Severity.ERROR,
                    "package.path-outside",
                    f"kit name `{one_line(kit_name)}` would put the package outside `{out_dir}`",
                    Location(str(kit_path or "default kit"), key="[kit] name"),
                    ("use letters, digits, `-` and `_` in the kit's name",),
                )
            ]
        )
    say(f"zipping {len(set(members))} files into {target}")
    temporary = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member in sorted(set(members)):
            info = zipfile.ZipInfo(member.relative_to(press_dir).as_posix(), _FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, member.read_bytes())
    temporary.replace(target)
    return target
