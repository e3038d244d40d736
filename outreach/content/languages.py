"""Facts about languages: names in their own script, CLDR locales, writing direction.

Direction is the text engine's (re-exported here); names and number formats come from
Babel's CLDR data.

Input: a BCP 47 tag (`en`, `zh-Hant`, `prs`). Output: what layout needs to know about it.
Names come from Babel's CLDR data, not a hand-written table.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.model import AddedLanguage, Pack
from outreach.text import is_rtl

# Tags Babel's CLDR data spells differently: Dari is the Persian of Afghanistan.
_CLDR_TAG = {
    "prs": "fa_AF",
    "zh-Hant": "zh_Hant",
    "zh-Hans": "zh_Hans",
    "tl": "fil",
    "pa": "pa_Guru",
}


@cache
def cldr_locale(tag: str) -> str:
    """The CLDR locale Babel knows a language by (`zh-Hant` -> `zh_Hant`, `prs` -> `fa_AF`)."""
    from babel import Locale, UnknownLocaleError  # CLDR data loads only when a tag is looked up

    candidate = _CLDR_TAG.get(tag, tag.replace("-", "_"))
    try:
        Locale.parse(candidate)
    except (UnknownLocaleError, ValueError):
        return "en"
    return candidate


@cache
def cldr_name(tag: str) -> str | None:
    """The language's name in its own language and script from CLDR, or None if it has none.

    CLDR names most languages (`Español`, `中文 (繁體)`, `دری`, `ລາວ`) but not all: Hmong
    (`hmn`) has no locale, so its name must come from the pack. A bundled language's name
    is read from `cldr_subset.json` (no CLDR load, issue 14).
    """
    from outreach.content.cldr_subset import own_name

    return own_name(tag) or babel_cldr_name(tag)


def babel_native_name(tag: str) -> str:
    """The language's own name from Babel's full CLDR data, else its tag."""
    return babel_cldr_name(tag) or tag


def babel_cldr_name(tag: str) -> str | None:
    """`cldr_name` from Babel's full CLDR data."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(_CLDR_TAG.get(tag, tag.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        return None
    if tag == "prs":
        name = locale.languages.get("fa_AF") or locale.get_display_name(locale)
    else:
        name = locale.get_display_name(locale)
    if not name:
        return None
    return name[:1].upper() + name[1:]


def native_name(tag: str, added: Mapping[str, AddedLanguage] | None = None) -> str:
    """The language's own name: the pack's (`languages:`), else CLDR's, else its tag.

    For metadata and messages; a printed heading uses `language_name`, which never falls
    back to the code.
    """
    return language_name(tag, added) or tag


def language_name(tag: str, added: Mapping[str, AddedLanguage] | None = None) -> str | None:
    """The name a reader knows the language by: the pack's declared autonym wins over CLDR's."""
    declared = (added or {}).get(tag)
    return declared.name if declared is not None else cldr_name(tag)


def heading_name(pack: Pack, language: str, slot: str, diags: Diagnostics) -> str | None:
    """The name a multilingual piece heads a language's column with; never its code.

    None, with an `i18n.unnamed-language` warning, for a language neither the pack nor
    CLDR names (Hmong): the column then has no heading rather than `hmn`.
    """
    name = language_name(language, pack.added_languages)
    if name is None:
        diags.warning(
            "i18n.unnamed-language",
            f"CLDR has no name for language `{language}`, so slot `{slot}` prints no "
            "heading for it",
            Location(f"{pack.display_root}/pack.yaml"),
            hints=(
                f"name it in its own language in pack.yaml: `languages: {{{language}: "
                f"{{name: ..., english: ...}}}}`",
            ),
        )
    return name


__all__ = [
    "cldr_locale",
    "cldr_name",
    "heading_name",
    "is_rtl",
    "language_name",
    "native_name",
]
