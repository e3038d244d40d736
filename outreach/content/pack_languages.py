"""Read the languages a pack adds and its own fonts: `languages:` and `fonts:` in pack.yaml.

Input: the `languages` and `fonts` nodes of pack.yaml. Output: `AddedLanguage`s (the
language's own name, its English name, direction and script) and `FontOverride`s (a
language's TrueType files per weight), each checked, with a located diagnostic for every
problem and a warning for a font that cannot print bold (issue 15, item 5):

```yaml
languages:
  hmn: {name: Hmoob, english: Hmong, script: Latn}
  lo:
    name: ພາສາລາວ
    english: Lao
    direction: ltr
    script: Laoo
    fonts: {regular: fonts/NotoSansLao-Regular.ttf, bold: fonts/NotoSansLao-Bold.ttf}
fonts:
  fa: {regular: fonts/Vazirmatn-Regular.ttf, bold: fonts/Vazirmatn-Bold.ttf}
```
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from outreach.content.pack_fields import _string
from outreach.content.yamlfile import Node, check_keys
from outreach.core.diagnostics import Diagnostics
from outreach.core.model import AddedLanguage, FontOverride
from outreach.fonts import family_for, inspect_font_file, weight_axis
from outreach.text.scripts import declare_direction

# BCP 47 as packs use it: a 2-3 letter language, then script, region or variant subtags.
_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_SCRIPT = re.compile(r"^[A-Z][a-z]{3}$")  # ISO 15924: `Latn`, `Laoo`


def fonts_snippet(language: str) -> str:
    """The `fonts:` entry for a language, as one line of YAML that parses (for hints)."""
    files = "{regular: fonts/MyFont-Regular.ttf, bold: fonts/MyFont-Bold.ttf}"
    return "fonts: {" + language + ": " + files + "}"


def read_added_languages(
    node: Node | None, pack_dir: Path, diags: Diagnostics
) -> tuple[dict[str, AddedLanguage], dict[str, FontOverride]]:
    """The languages a pack declares, and the fonts declared with them."""
    languages: dict[str, AddedLanguage] = {}
    fonts: dict[str, FontOverride] = {}
    if node is None:
        return languages, fonts
    if not node.is_mapping():
        diags.error(
            "content.type",
            "`languages` must map language tags to their names, direction, script and fonts",
            node.location,
            hints=("write e.g. `languages: {hmn: {name: Hmoob, english: Hmong, script: Latn}}`",),
        )
        return languages, fonts
    for tag, entry in node.value.items():
        tag = str(tag)
        if not check_keys(
            entry,
            diags,
            required=("name", "english"),
            optional=("direction", "script", "fonts"),
            what=f"language `{tag}`",
        ):
            continue
        if not _TAG.match(tag):
            diags.error(
                "content.bad-value",
                f"`{tag}` is not a language tag",
                (node.key_locations or {}).get(tag, entry.location),
                hints=("write a BCP 47 tag such as `hmn`, `lo` or `sr-Latn`",),
            )
            continue
        name = _string(entry.get("name"), diags, "the language's name in its own script")
        english = _string(entry.get("english"), diags, "its English name")
        direction = _choice(entry.get("direction"), ("ltr", "rtl"), "ltr", diags)
        script = _script(entry.get("script"), diags)
        font_node = entry.get("fonts")
        override = _override(tag, font_node, pack_dir, diags) if font_node is not None else None
        if name is None or english is None or direction is None or script == "":
            continue
        languages[tag] = AddedLanguage(tag, name, english, direction, script or "", entry.location)
        declare_direction(tag, rtl=direction == "rtl")
        if override is not None:
            fonts[tag] = override
    return languages, fonts


def _choice(
    node: Node | None, choices: tuple[str, ...], default: str, diags: Diagnostics
) -> str | None:
    if node is None:
        return default
    if node.value not in choices:
        diags.error(
            "content.bad-value",
            f"`{node.key}` must be one of {', '.join(choices)}, got `{node.value}`",
            node.location,
        )
        return None
    return str(node.value)


def _script(node: Node | None, diags: Diagnostics) -> str | None:
    """The ISO 15924 code, None when not given, "" when wrong (reported)."""
    if node is None:
        return None
    if not isinstance(node.value, str) or not _SCRIPT.match(node.value):
        diags.error(
            "content.bad-value",
            f"`{node.key}` must be an ISO 15924 script code, got `{node.value}`",
            node.location,
            hints=("write e.g. `script: Latn` (Latin) or `script: Laoo` (Lao)",),
        )
        return ""
    return node.value


def read_fonts(node: Node | None, pack_dir: Path, diags: Diagnostics) -> dict[str, FontOverride]:
    """Read a pack's `fonts:`: TrueType files that replace a language's bundled font.

    `fonts: {fa: {regular: fonts/X-Regular.ttf, bold: fonts/X-Bold.ttf}}`, or just a path;
    the files live in the pack folder.
    """
    fonts: dict[str, FontOverride] = {}
    if node is None:
        return fonts
    if not node.is_mapping():
        diags.error(
            "content.type",
            "`fonts` must map language tags to font files",
            node.location,
            hints=("write e.g. `fonts: {fa: {regular: fonts/Vazirmatn-Regular.ttf}}`",),
        )
        return fonts
    for language, entry in node.value.items():
        override = _override(str(language), entry, pack_dir, diags)
        if override is not None:
            fonts[str(language)] = override
    return fonts


def _override(
    language: str, entry: Node, pack_dir: Path, diags: Diagnostics
) -> FontOverride | None:
    """One language's font files: a path, or `{regular: ..., bold: ...}`."""
    regular_node: Node | None
    bold_node: Node | None
    if isinstance(entry.value, str):
        regular_node, bold_node = entry, None
    elif check_keys(
        entry, diags, required=("regular",), optional=("bold",), what=f"fonts for `{language}`"
    ):
        regular_node, bold_node = entry.get("regular"), entry.get("bold")
    else:
        return None
    assert regular_node is not None
    regular = _font_file(regular_node, pack_dir, diags)
    bold = _font_file(bold_node, pack_dir, diags) if bold_node is not None else None
    if regular is None or (bold_node is not None and bold is None):
        return None
    return FontOverride(language, regular, bold, entry.location)


def _font_file(node: Node, pack_dir: Path, diags: Diagnostics) -> Path | None:
    name = _string(node, diags, "a path to a .ttf file in the pack folder")
    if name is None:
        return None
    path = (pack_dir / name).resolve()
    if not path.is_relative_to(pack_dir.resolve()):
        diags.error(
            "font.outside-pack",
            f"font file `{name}` is outside the pack folder",
            node.location,
            hints=("copy the font into the pack, e.g. into `fonts/`",),
        )
        return None
    if not path.is_file():
        diags.error(
            "font.missing-file",
            f"font file `{name}` does not exist",
            node.location,
            hints=(f"put the file at {path.as_posix()} or correct the path",),
        )
        return None
    _name, problem = inspect_font_file(path)
    if problem is not None:
        diags.error(problem.code, problem.message, node.location, hints=(problem.hint,))
        return None
    axis = weight_axis(path)
    if axis is not None:
        low, default, high = axis
        diags.warning(
            "font.variable-weight",
            f"font file `{name}` is a variable font whose weight axis (wght {low:g}-{high:g}) "
            f"is not instanced: it prints at its default weight, {default:g}, whatever the "
            "text asks for",
            node.location,
            hints=(
                "make static instances first, e.g. `fonttools varLib.instancer "
                f"{Path(name).name} wght=400` and `wght=700`, and name both files",
            ),
        )
    return path


def merge_fonts(
    fonts: dict[str, FontOverride],
    added: dict[str, AddedLanguage],
    added_fonts: dict[str, FontOverride],
    diags: Diagnostics,
) -> dict[str, FontOverride]:
    """All of a pack's fonts by language, each warned about once if it has no bold of its own.

    A bold that falls back to the regular file prints bold text at the regular weight; for
    a language not written in Latin, Latin text (numbers' words, names, `911`) keeps the
    bundled Noto Sans Bold instead (`latin_bold`), so the piece does not lose all bold.
    """
    merged = dict(fonts)
    for language, override in added_fonts.items():
        if language in merged:
            diags.error(
                "content.bad-value",
                f"fonts for `{language}` are named twice, under `fonts` and under "
                f"`languages.{language}`",
                override.location,
                hints=(f"keep one of them, e.g. `languages.{language}.fonts`",),
            )
            continue
        merged[language] = override
    result: dict[str, FontOverride] = {}
    for language, override in merged.items():
        if override.bold is not None and override.bold != override.regular:
            result[language] = override
            continue
        declared = added.get(language)
        latin = (
            declared.script in ("", "Latn")
            if declared is not None
            else family_for(language) == "NotoSans"
        )
        diags.warning(
            "font.no-bold",
            f"the fonts for `{language}` have no bold: bold text in `{language}` is set in "
            f"`{override.regular.name}`, at the regular weight"
            + ("" if latin else "; Latin text keeps Noto Sans Bold"),
            override.location,
            hints=(f"name a bold file too: `{fonts_snippet(language)}`",),
        )
        result[language] = replace(override, bold=None, latin_bold=not latin)
    return result
