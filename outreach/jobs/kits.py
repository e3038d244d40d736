"""Load a kit file: a print run described as materials x sizes x languages x profiles.

Input: `kits/<name>.toml`. Output: a `Kit` with the planned jobs, or diagnostics.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from outreach.content.safety import describe_character
from outreach.core.diagnostics import Diagnostics, Location, choice_hints
from outreach.core.resources import PACKAGE_DIR, bundled_root, display_path
from outreach.jobs.job import CardOptions, Job, Kit
from outreach.jobs.kit_file import _Locator, _read_kit
from outreach.jobs.names import hidden_character, name_problem, one_line

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# Languages of one multilingual copy are joined by "+": `en+fa`, `en+es+zh-Hant`.
_LANGUAGES = re.compile(
    r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*(?:\+[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*){0,2}$"
)


def kit_project(kit_path: Path | None) -> Path:
    """The project folder a kit builds from, by the rule `build` uses.

    The bundled default kit builds from the bundled folder: the source checkout when
    outreach runs from one (an editable install), the copy inside site-packages otherwise.
    A kit in `<project>/kits/` builds from `<project>` when it has `content/` or `layouts/`.
    """
    if kit_path is None:
        return bundled_root()
    parent = kit_path.resolve().parent.parent
    if (parent / "content").is_dir() or (parent / "layouts").is_dir():
        return parent
    return Path.cwd()


def default_output(kit_path: Path | None) -> Path:
    """Where a build goes without `--out`: its project's `output/` (issue 21).

    A kit outside any project, and the default kit of an installed (not editable) copy,
    build into `output/` in the current folder: nothing is written into site-packages.
    Shown relative to the current folder when it is inside it.
    """
    root = kit_project(kit_path)
    installed = kit_path is None and root != PACKAGE_DIR.parent
    if installed or root == Path.cwd():
        return Path("output")
    target = root / "output"
    try:
        return target.relative_to(Path.cwd())
    except ValueError:
        return target


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
        pattern = _LANGUAGES if key == "languages" else _SAFE_NAME
        if not pattern.fullmatch(item):  # fullmatch: `$` would let a final newline in
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
    text = _read_kit(file, path, diags)
    if text is None:
        return None
    try:
        data = tomllib.loads(text)
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
    at = _Locator(path, text)
    unknown = set(data) - {"kit", "jobs"}
    for key in sorted(unknown):
        diags.error(
            "kit.unknown-key",
            f"unknown table `{key}`",
            at.table(key),
            hints=choice_hints(key, ("kit", "jobs")),
        )
    header = data.get("kit")
    if not isinstance(header, dict) or "pack" not in header:
        diags.error(
            "kit.missing-key",
            "missing `[kit]` table with `pack`",
            at.table("kit"),
            hints=('add `[kit]` with `name = "..."` and `pack = "alameda-heart"`',),
        )
        return None
    for key in sorted(set(header) - {"name", "pack"}):
        diags.error(
            "kit.unknown-key",
            f"unknown key `{key}` in [kit]",
            at.key("kit", None, key),
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
    allowed = {"material", "sizes", "languages", "profiles", "county", "quantity", *CARD_KEYS}
    for index, entry in enumerate(entries):
        location = at.key("jobs", index, None)
        if not isinstance(entry, dict):
            diags.error("kit.type", f"jobs[{index}] must be a table", location)
            continue

        def where(key: str, index: int = index) -> Location:
            return at.key("jobs", index, key)

        for key in sorted(set(entry) - allowed):
            diags.error(
                "kit.unknown-key",
                f"unknown key `{key}` in jobs[{index}]",
                where(key),
                hints=choice_hints(key, allowed),
            )
        materials = _strings(entry.get("material"), "material", where("material"), diags)
        sizes: list[str | None] = (
            list(_strings(entry["sizes"], "sizes", where("sizes"), diags))
            if "sizes" in entry
            else [None]
        )
        languages = _strings(entry.get("languages", ["en"]), "languages", where("languages"), diags)
        profiles = _strings(entry.get("profiles", ["office"]), "profiles", where("profiles"), diags)
        quantity = entry.get("quantity")
        if quantity is not None and (
            isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1
        ):
            diags.error(
                "kit.bad-value",
                f"`quantity` must be a positive whole number, got `{quantity}`",
                where("quantity"),
                hints=("write e.g. `quantity = 500`",),
            )
            quantity = None
        county = entry.get("county")
        if county is not None and (not isinstance(county, str) or not _SAFE_NAME.fullmatch(county)):
            diags.error(
                "kit.bad-value", "`county` must be a county name such as `alameda`", where("county")
            )
            county = None
        cards = _card_options(entry, where, diags, file.resolve().parent, root)
        for material in materials:
            if material == "notice":
                # One notice carries all its languages: required + county + listed extras.
                for size in sizes:
                    for profile in profiles:
                        extras = tuple(lang for lang in languages if lang != "en")
                        jobs.append(Job(material, size, "en", profile, county, extras, quantity))
                continue
            for size in sizes:
                for card in cards:
                    if card is not None and card.alignment_test:
                        test = Job(
                            material,
                            size,
                            languages[0] if languages else "en",
                            profiles[0] if profiles else "office",
                            card=card,
                        )
                        for profile in profiles:
                            test = replace(test, profile=profile)
                            if test not in jobs:
                                jobs.append(test)
                        continue
                    for language in languages:
                        for profile in profiles:
                            jobs.append(
                                Job(material, size, language, profile, quantity=quantity, card=card)
                            )
    name = _name(header.get("name", file.stem), "name", at.key("kit", None, "name"), diags)
    pack = _name(header["pack"], "pack", at.key("kit", None, "pack"), diags)
    if pack is not None and not _SAFE_NAME.fullmatch(pack):
        diags.error(
            "kit.bad-name",
            f"pack `{pack}` is not a folder name in `content/`",
            at.key("kit", None, "pack"),
            hints=("use letters, digits, `-`, `_` and `.` only, e.g. `alameda-heart`",),
        )
    if diags.error_count > before or name is None or pack is None:
        return None
    return Kit(name=name, pack=pack, path=path, jobs=tuple(jobs))


def _name(value: Any, key: str, location: Location, diags: Diagnostics) -> str | None:
    """A name that becomes part of file names (`<kit>-print-package.zip`), or None."""
    if not isinstance(value, str):
        diags.error("kit.type", f"`{key}` must be a string", location)
        return None
    problem = name_problem(value)
    if problem is not None:
        diags.error(
            "kit.bad-name",
            f"kit {key} `{one_line(value[:80])}` {problem}",
            location,
            hints=("a name becomes part of file names: use letters, digits, `-` and `_`",),
        )
        return None
    return value


# --- wallet cards (issue 3) -----------------------------------------------------------------

CARD_KEYS = (
    "sheets",
    "imposition",
    "duplex",
    "order",
    "sites",
    "alignment",
    "cut_guide",
    "qr",
    "tracking",
    "organization",
)
_QR = re.compile(r"^(tel|sms|link):([A-Za-z0-9_]+)$")
_PARAMETER = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


def _card_options(
    entry: dict[str, Any],
    where: Callable[[str], Location],
    diags: Diagnostics,
    kit_dir: Path,
    root: Path,
) -> list[CardOptions | None]:
    """The card variants a `[[jobs]]` entry asks for: single cards, or one per sheet size."""
    if not any(key in entry for key in CARD_KEYS):
        return [None]
    ok = True

    def choice(key: str, choices: tuple[str, ...], default: str | None) -> str | None:
        nonlocal ok
        value = entry.get(key, default)
        if value is not None and value not in choices:
            diags.error(
                "kit.bad-value",
                f"`{key}` is `{value}`, not one of its choices",
                where(key),
                hints=choice_hints(str(value), choices),
            )
            ok = False
            return default
        return value

    def flag(key: str, default: bool) -> bool:
        nonlocal ok
        value = entry.get(key, default)
        if not isinstance(value, bool):
            diags.error("kit.type", f"`{key}` must be true or false", where(key))
            ok = False
            return default
        return value

    def text(key: str, pattern: re.Pattern[str], example: str) -> str | None:
        nonlocal ok
        value = entry.get(key)
        if value is not None and (not isinstance(value, str) or not pattern.fullmatch(value)):
            diags.error(
                "kit.bad-value",
                f"`{key}` is `{value}`, which is not valid here",
                where(key),
                hints=(f'write e.g. `{key} = "{example}"`',),
            )
            ok = False
            return None
        return value

    sheets: list[str | None] = [None]
    if "sheets" in entry:
        sheets = list(_strings(entry["sheets"], "sheets", where("sheets"), diags))
        ok = ok and bool(sheets)
    duplex = choice("duplex", ("long-edge", "short-edge"), "long-edge") or "long-edge"
    order = choice("order", ("cut-and-stack", "plain"), "cut-and-stack") or "cut-and-stack"
    imposition = entry.get("imposition")
    if imposition is not None and (
        not isinstance(imposition, str) or not _SAFE_NAME.fullmatch(imposition)
    ):
        diags.error(
            "kit.bad-value",
            f"`imposition` is `{imposition}`, not a name",
            where("imposition"),
            hints=('write e.g. `imposition = "8-up"`',),
        )
        ok = False
    sites = entry.get("sites")
    if sites is not None and (not isinstance(sites, str) or not sites.strip()):
        diags.error(
            "kit.type",
            "`sites` must be the path of a .csv or .yaml site list",
            where("sites"),
            hints=('write e.g. `sites = "sites-example.yaml"`',),
        )
        ok = False
    if isinstance(sites, str) and sites.strip():
        sites = _site_list_path(sites, kit_dir, root, where("sites"), diags)
        ok = ok and sites is not None
    qr = text("qr", _QR, "tel:hotline")
    tracking = text("tracking", _PARAMETER, "src")
    alignment = flag("alignment", True)
    cut_guide = flag("cut_guide", False)
    organization = flag("organization", False)
    for key in ("sites", "order", "duplex", "imposition", "alignment"):
        if key in entry and "sheets" not in entry:
            diags.error(
                "kit.missing-key",
                f"`{key}` needs `sheets`: it only applies to imposed sheets",
                where(key),
                hints=('add e.g. `sheets = ["letter"]`',),
            )
            ok = False
    if tracking is not None and not (qr or "").startswith("link:"):
        diags.warning(
            "kit.tracking-ignored",
            f"tracking parameter `{tracking}` is only added to link codes; it is never "
            "added to tel: or sms: codes",
            where("tracking"),
            hints=('set `qr = "link:..."`, or remove `tracking`',),
        )
    if not ok:
        return []
    options: list[CardOptions | None] = []
    for sheet in sheets:
        card = CardOptions(
            sheet=sheet,
            imposition=imposition,
            duplex=duplex,
            order=order,
            sites=sites,
            cut_guide=cut_guide,
            qr=qr,
            tracking=tracking,
            organization=organization,
        )
        options.append(card)
        if sheet is not None and alignment:
            options.append(replace(card, alignment_test=True, sites=None, qr=None, tracking=None))
    return options


def _site_list_path(
    sites: str, kit_dir: Path, root: Path, location: Location, diags: Diagnostics
) -> str | None:
    """The site list's resolved path, kept inside the kit's folder or the project (issue 21).

    Symlinks are resolved first, so a `sites.csv` linked to `/etc/passwd` is refused
    before a byte of it is read. Its file name becomes part of PDF names, so it must be a
    safe name too.
    """
    char = hidden_character(sites)
    if char is not None:
        diags.error(
            "kit.bad-name",
            f"`sites` path contains the character {describe_character(char)}",
            location,
            hints=("site-list names become part of PDF file names: use letters and digits",),
        )
        return None
    try:
        resolved = (kit_dir / sites).resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL
        resolved = None
    folders = (kit_dir.resolve(), root.resolve())
    if resolved is None or not any(resolved.is_relative_to(folder) for folder in folders):
        diags.error(
            "kit.path-outside",
            f"site list `{sites}` is outside the kit's folder and the project",
            location,
            hints=("keep the site list in the project; a symlink to a file elsewhere is refused",),
        )
        return None
    return str(resolved)  # workers need it whole
