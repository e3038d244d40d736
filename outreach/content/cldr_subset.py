"""The few CLDR facts a build reads, without loading CLDR: number formats, languages' names.

Input: a CLDR locale (`en`, `fa_AF`) or a language tag. Output: a Babel `Locale` for
`format_percent`, `format_decimal` and `format_compact_decimal` (or the locale's name when
it is not here), and a language's name in its own script (or None). Babel reads both from
a locale's whole CLDR data: the first statistic or name of a fresh process unpickles and
merges root, the global data and the language (about 40 ms, issue 14) for a few keys.
`cldr_subset.json` holds those keys for the bundled languages, written from Babel itself by
`tools/cldr_subset.py`, and is read only when the installed Babel wrote it. Babel's own
code still formats the numbers; `tests/test_cldr_subset.py` holds every result equal to
Babel's from its full data.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from babel import Locale, __version__
from babel.localedata import LocaleDataDict
from babel.numbers import parse_pattern
from babel.plural import PluralRule

from outreach.core.resources import PACKAGE_DIR

DATA_FILE = PACKAGE_DIR / "content" / "cldr_subset.json"


class NumberLocale(Locale):
    """A Babel `Locale` whose data is its number formats alone (`_data` is Babel's hook)."""

    def __init__(self, identifier: str, data: dict[str | int | None, Any]) -> None:
        parsed = Locale.parse(identifier)
        super().__init__(parsed.language, parsed.territory, parsed.script, parsed.variant)
        self._numbers = LocaleDataDict(data)

    @property
    def _data(self) -> LocaleDataDict:
        return self._numbers


def encode(locale: Locale) -> dict[str, Any]:
    """The number formats of a locale as JSON: patterns as their strings."""
    compact = locale.compact_decimal_formats
    return {
        "number_symbols": {"latn": dict(locale.number_symbols["latn"])},
        "decimal_formats": locale.decimal_formats[None].pattern,
        "percent_formats": locale.percent_formats[None].pattern,
        "compact_decimal_formats": {
            kind: {
                plural: {magnitude: pattern.pattern for magnitude, pattern in by_size.items()}
                for plural, by_size in compact[kind].items()
            }
            for kind in ("short", "long")
        },
        "plural_form": dict(locale.plural_form.rules),
    }


def _decode(entry: dict[str, Any]) -> dict[str | int | None, Any]:
    """Babel's form of the data `encode` wrote: parsed patterns and the plural rule."""
    return {
        "number_symbols": entry["number_symbols"],
        "decimal_formats": {None: parse_pattern(entry["decimal_formats"])},
        "percent_formats": {None: parse_pattern(entry["percent_formats"])},
        "compact_decimal_formats": {
            kind: {
                plural: {magnitude: parse_pattern(p) for magnitude, p in by_size.items()}
                for plural, by_size in by_plural.items()
            }
            for kind, by_plural in entry["compact_decimal_formats"].items()
        },
        "plural_form": PluralRule(entry["plural_form"]),
    }


@cache
def _table(part: str) -> dict[str, Any]:
    """One part of `cldr_subset.json`; empty if another Babel wrote it (or none did)."""
    try:
        table = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(table, dict) or table.get("babel") != __version__:
        return {}
    found = table.get(part)
    return found if isinstance(found, dict) else {}


@cache
def number_locale(identifier: str) -> Locale | str:
    """The locale Babel should format numbers with: ours if we hold it, else its name."""
    entry = _table("number_formats").get(identifier)
    if entry is None:
        return identifier
    return NumberLocale(identifier, _decode(entry))


def own_name(tag: str) -> str | None:
    """A bundled language's name in its own script, as Babel gives it; None if not held."""
    name = _table("own_names").get(tag)
    return name if isinstance(name, str) else None
