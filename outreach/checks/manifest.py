"""The manifest beside built PDFs: which files a folder holds, and whether each is there.

Input: `manifest.json`, as `outreach build` writes it, and the files it lists. Output: a
`FileExpectation` per file (its profile, QR payloads, printed numbers, sha256), and
`check.*` diagnostics for a manifest that cannot be read, a file it does not list, and a
listed file that is missing or not the one built (issue 21).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.values import value_methods


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class FileExpectation:
    """What the manifest says about a file."""

    path: Path
    profile: str
    qr_payloads: tuple[str, ...]
    printed_numbers: tuple[str, ...]
    imposed: bool = False  # a sheet of cards: each card has its bleed, the page has none
    material: str = ""
    qr_module_mm: float | None = None  # the smallest QR module in the file, as built
    sha256: str | None = None  # as built: a file replaced or half-moved since differs
    fonts: tuple[str, ...] = ()  # the pack's own fonts it was set in (bundled ones aside)


def expectations_from_manifest(manifest: Path) -> list[FileExpectation]:
    """Read `manifest.json`: which files, in which profile, encoding which payloads.

    Raises:
        ValueError: the manifest is not JSON or not shaped as `outreach build` writes it.
        OSError: it cannot be read.
    """
    data = json.loads(manifest.read_text(encoding="utf-8"))
    files = data.get("files", []) if isinstance(data, dict) else None
    if not isinstance(files, list):
        raise ValueError("expected an object with a `files` list")
    allowed = tuple(str(n) for n in data.get("printed_numbers", ()) if isinstance(n, str))
    expectations = []
    for index, entry in enumerate(files):
        name = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(name, str) or Path(name).name != name or name in ("", ".", ".."):
            raise ValueError(f"`files[{index}]` has no plain `file` name")
        module = entry.get("qr_module_mm")
        sha256 = entry.get("sha256")
        expectations.append(
            FileExpectation(
                manifest.parent / name,
                str(entry.get("profile", "")),
                tuple(str(p) for p in entry.get("qr_payloads", ()) if isinstance(p, str)),
                allowed,
                "imposition" in entry,
                str(entry.get("material", "")),
                float(module) if isinstance(module, int | float) else None,
                sha256 if isinstance(sha256, str) else None,
                tuple(str(f) for f in entry.get("fonts", ()) if isinstance(f, str)),
            )
        )
    return expectations


def read_manifest(manifest: Path, diags: Diagnostics) -> list[FileExpectation] | None:
    """The manifest's files, or None with `check.bad-manifest` at the place it goes wrong."""
    try:
        return expectations_from_manifest(manifest)
    except json.JSONDecodeError as exc:
        where = Location(str(manifest), exc.lineno, exc.colno)
        reason = f"not valid JSON: {exc.msg}"
    except (OSError, ValueError) as exc:
        where, reason = Location(str(manifest)), str(exc)
    diags.error(
        "check.bad-manifest",
        f"cannot read `{manifest}`: {reason}",
        where,
        hints=("build into the folder again to write a new manifest",),
    )
    return None


def not_listed(pdf: Path, manifest: Path, diags: Diagnostics) -> None:
    """Report a PDF in an output folder that its manifest does not list."""
    diags.error(
        "check.not-in-manifest",
        f"`{pdf.name}` is not listed in {manifest}",
        Location(str(pdf)),
        hints=("build into the folder again, or remove files it did not make",),
    )


def check_listed(expect: FileExpectation, diags: Diagnostics) -> bool:
    """Whether a listed file is there to check; a sha256 other than the manifest's is an error."""
    shown = expect.path.as_posix()
    if not expect.path.is_file():
        diags.error(
            "check.missing-file",
            f"`{shown}` is listed in the manifest but does not exist",
            Location(shown),
        )
        return False
    if expect.sha256 is not None:
        with expect.path.open("rb") as stream:
            found = hashlib.file_digest(stream, "sha256").hexdigest()
        if found != expect.sha256:
            diags.error(
                "check.sha256-mismatch",
                f"`{shown}` is not the file the manifest lists (sha256 {found[:12]}..., "
                f"listed {expect.sha256[:12]}...)",
                Location(shown),
                hints=("a build was cut short or the file was replaced: build again",),
            )
    return True
