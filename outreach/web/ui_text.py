"""Translate the web app's own words: a UI language in, its gettext catalog's strings out.

Input: the app's PO catalogs (`web/locale/<lang>.po`, read with Babel, as translators'
tools write them) and a request's chosen or preferred language. Output: a `gettext`
function for the templates. Content (posters, cards) is translated by the pack's own
catalogs, never here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locale"
UI_LANGUAGES = {"en": "English", "es": "Español"}
DEFAULT_UI = "en"


@cache
def _catalog(language: str) -> dict[str, str]:
    """The translated strings of one UI language (empty and fuzzy entries left out)."""
    path = LOCALE_DIR / f"{language}.po"
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    return {
        str(message.id): str(message.string)
        for message in catalog
        if message.id and message.string and not message.fuzzy
    }


def gettext_for(language: str) -> Callable[[str], str]:
    """A `gettext` for a UI language: the English text when a string has no translation."""
    strings = _catalog(language) if language != DEFAULT_UI else {}

    def gettext(message: str) -> str:
        return strings.get(message, message)

    return gettext


def choose_language(chosen: object, accept_language: str) -> str:
    """The UI language: the one the person chose, else the first of Accept-Language we have."""
    if isinstance(chosen, str) and chosen in UI_LANGUAGES:
        return chosen
    for part in accept_language.split(","):
        tag = part.split(";", 1)[0].strip().lower()
        base = tag.split("-", 1)[0]
        if base in UI_LANGUAGES:
            return base
    return DEFAULT_UI
