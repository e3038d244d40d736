"""What the command line may ask for, and what it asks for in vain.

Input: the bundled layouts and profiles, and the options given. Output: the materials,
sizes and profiles that help texts list (read from the same files the build validates
against), and diagnostics for options that cannot be right or do not apply. Nothing here
prints: `cli.py` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from outreach.core.diagnostics import Diagnostic, Diagnostics, Location, Severity
from outreach.core.resources import bundled_root
from outreach.jobs.kits import kit_project, load_kit
from outreach.jobs.names import one_line
from outreach.layout.spec import available_materials, layout_file, layout_sizes, load_profiles


def bundled_layouts() -> Path:
    """The bundled `layouts/` folder."""
    return bundled_root() / "layouts"


@lru_cache(maxsize=1)
def bundled_profiles() -> tuple[str, ...]:
    """The profiles `--profile` accepts, read from the file the build reads them from."""
    return tuple(load_profiles(bundled_layouts() / "profiles.yaml", bundled_root(), Diagnostics()))


@lru_cache(maxsize=1)
def material_sizes() -> dict[str, list[str]]:
    """Each material the build knows and its sizes, from the layouts the build validates with."""
    offered: dict[str, list[str]] = {}
    for material in available_materials(bundled_layouts()):
        sizes = layout_sizes(
            layout_file(bundled_layouts(), material), bundled_root(), Diagnostics()
        )
        offered[material] = sizes[0] if sizes else []
    return offered


def size_help() -> str:
    """`--size` help: the sizes each material offers."""
    by_size: dict[tuple[str, ...], list[str]] = {}
    for material, sizes in material_sizes().items():
        by_size.setdefault(tuple(sizes), []).append(material)
    groups = "; ".join(
        f"{', '.join(materials)}: {', '.join(sizes)}" for sizes, materials in by_size.items()
    )
    return f"page sizes, e.g. letter,a4 ({groups})"


def bad_language(tag: str) -> Diagnostic:
    """`--lang` names a file in `locale/`: only a language tag's shape may pass (issue 21)."""
    return Diagnostic(
        Severity.ERROR,
        "i18n.bad-language",
        f"`{one_line(tag)}` is not a language tag",
        Location("command line", key="--lang"),
        ("write BCP 47 tags such as `es`, `zh-Hant` or `prs`",),
    )


def ignored_options(
    kit_path: Path | None, materials: Sequence[str] | None, languages: Sequence[str] | None
) -> list[Diagnostic]:
    """A warning for each option the chosen materials do not use (issue 21).

    `--lang` does not change a notice: Civil Code 52.6 fixes its languages (English,
    Spanish and the county's), so a notice built under `--lang es` still carries them.
    """
    if not languages:
        return []
    kit = load_kit(
        kit_path or bundled_root() / "kits" / "default.toml", kit_project(kit_path), Diagnostics()
    )
    if kit is None:
        return []  # the build reports the kit's errors
    chosen = materials or {job.material for job in kit.jobs}
    if "notice" not in chosen:
        return []
    return [
        Diagnostic(
            Severity.WARNING,
            "build.ignored-option",
            "`--lang` does not apply to material `notice`: a notice carries English, Spanish "
            "and its county's language",
            Location(kit.path, key="--lang"),
            ("list extra notice languages in the kit's notice job, or leave out `--lang`",),
        )
    ]
