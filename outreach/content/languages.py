"""Facts about languages: names in their own script, CLDR locales, writing direction.

Direction is the text engine's (re-exported here); names and number formats come from
Babel's CLDR data.

Input: a BCP 47 tag (`en`, `zh-Hant`, `prs`). Output: what layout needs to know about it.
Names come from Babel's CLDR data, not a hand-written table.
"""

from __future__ import annotations

from functools import cache

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
def native_name(tag: str) -> str:
    """The language's name in its own language and script: `Español`, `中文 (繁體)`, `دری`.

    A bundled language's name is read from `cldr_subset.json` (no CLDR load, issue 14).
    """
    from outreach.content.cldr_subset import own_name

    return own_name(tag) or babel_native_name(tag)


def babel_native_name(tag: str) -> str:
    """`native_name` from Babel's full CLDR data."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(_CLDR_TAG.get(tag, tag.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        return tag
    if tag == "prs":
        name = locale.languages.get("fa_AF") or locale.get_display_name(locale)
    else:
        name = locale.get_display_name(locale)
    name = name or tag
    return name[:1].upper() + name[1:]


__all__ = ["cldr_locale", "is_rtl", "native_name"]
