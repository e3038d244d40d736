"""Load a kit file: a print run described as materials x sizes x languages x profiles.

Input: `kits/<name>.toml`. Output: a `Kit` with the planned jobs, or diagnostics.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from outreach.diagnostics import Diagnostics, Location, choice_hints
from outreach.resources import display_path

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True, slots=True)
class Job:
    """One PDF to make."""

    material: str
    size: str | None
    language: str
    profile: str
    county: str | None = None  # notice: picks the third required language
    extra_languages: tuple[str, ...] = ()  # notice: languages printed after the required ones
    quantity: int | None = None  # copies to print, for the print order

    def file_name(self, size: str) -> str:
        """`poster-letter-en-office.pdf`: material, size, language tag, profile."""
        return f"{self.material}-{size}-{self.language}-{self.profile}.pdf"


@dataclass(frozen=True, slots=True)
class Kit:
    """A named print run: the pack it uses and its jobs."""

    name: str
    pack: str
    path: str
    jobs: tuple[Job, ...]


def _strings(value: Any, key: str, location: Location, diags: Diagnostics) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or not value:
        diags.error(
            "kit.type",
            f"`{key}` must be a non-empty list of names",
            location,
            hints=(f'write e.g. `{key} = ["en", "es"]`',),
        )
        return []
    for item in value:
        if not _SAFE_NAME.match(item):
            diags.error(
                "kit.bad-value",
                f"`{item}` in `{key}` is not a valid name",
                location,
                hints=("use letters, digits, `-`, `_` and `.` only",),
            )
            return []
    return list(value)


def load_kit(file: Path, root: Path, diags: Diagnostics) -> Kit | None:
    """Read and expand a kit file into jobs; every problem becomes a diagnostic."""
    path = display_path(file, root)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        diags.error(
            "file.missing",
            f"kit file `{path}` does not exist",
            Location(path),
            hints=("check the path, or run `outreach build` for the default kit",),
        )
        return None
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+), column (\d+)", str(exc))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (None, None)
        diags.error(
            "kit.syntax",
            f"malformed TOML: {str(exc).split(' (at')[0].lower()}",
            Location(path, line, column),
            hints=("check quotes, brackets and `=` signs",),
        )
        return None
    before = diags.error_count
    unknown = set(data) - {"kit", "jobs"}
    for key in sorted(unknown):
        diags.error(
            "kit.unknown-key",
            f"unknown table `{key}`",
            Location(path, key=key),
            hints=choice_hints(key, ("kit", "jobs")),
        )
    header = data.get("kit")
    if not isinstance(header, dict) or "pack" not in header:
        diags.error(
            "kit.missing-key",
            "missing `[kit]` table with `pack`",
            Location(path),
            hints=('add `[kit]` with `name = "..."` and `pack = "alameda-heart"`',),
        )
        return None
    for key in sorted(set(header) - {"name", "pack"}):
        diags.error(
            "kit.unknown-key",
            f"unknown key `{key}` in [kit]",
            Location(path, key=f"kit.{key}"),
            hints=choice_hints(key, ("name", "pack")),
        )
    jobs: list[Job] = []
    entries = data.get("jobs", [])
    if not isinstance(entries, list) or not entries:
        diags.error(
            "kit.missing-key",
            "the kit has no `[[jobs]]`",
            Location(path),
            hints=('add `[[jobs]]` with `material = "poster"`',),
        )
        return None
    allowed = {"material", "sizes", "languages", "profiles", "county", "quantity"}
    for index, entry in enumerate(entries):
        location = Location(path, key=f"jobs[{index}]")
        for key in sorted(set(entry) - allowed):
            diags.error(
                "kit.unknown-key",
                f"unknown key `{key}` in jobs[{index}]",
                location,
                hints=choice_hints(key, allowed),
            )
        materials = _strings(entry.get("material"), "material", location, diags)
        sizes: list[str | None] = (
            list(_strings(entry["sizes"], "sizes", location, diags)) if "sizes" in entry else [None]
        )
        languages = _strings(entry.get("languages", ["en"]), "languages", location, diags)
        profiles = _strings(entry.get("profiles", ["office"]), "profiles", location, diags)
        quantity = entry.get("quantity")
        if quantity is not None and (
            isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1
        ):
            diags.error(
                "kit.bad-value",
                f"`quantity` must be a positive whole number, got `{quantity}`",
                location,
                hints=("write e.g. `quantity = 500`",),
            )
            quantity = None
        county = entry.get("county")
        if county is not None and (not isinstance(county, str) or not _SAFE_NAME.match(county)):
            diags.error(
                "kit.bad-value", "`county` must be a county name such as `alameda`", location
            )
            county = None
        for material in materials:
            if material == "notice":
                # One notice carries all its languages: required + county + listed extras.
                for size in sizes:
                    for profile in profiles:
                        extras = tuple(lang for lang in languages if lang != "en")
                        jobs.append(Job(material, size, "en", profile, county, extras, quantity))
                continue
            for size in sizes:
                for language in languages:
                    for profile in profiles:
                        jobs.append(Job(material, size, language, profile, quantity=quantity))
    if diags.error_count > before:
        return None
    name = str(header.get("name", file.stem))
    return Kit(name=name, pack=str(header["pack"]), path=path, jobs=tuple(jobs))
