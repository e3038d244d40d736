"""Translation catalogs: PO files per language, read and written with Babel.

Input: a pack's English source text and `content/<pack>/locale/<lang>.po`. Output: the
PO template, merged catalogs (new strings empty, changed English marked fuzzy = stale),
per-language status, and the translations `localize` uses. Each entry's msgctxt is its
content key, so translators' tools (Poedit, Weblate, Crowdin) keep entries apart.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from outreach.diagnostics import Diagnostics, Location
from outreach.model import Pack

NEEDS_REVIEW = "needs-review"
TEMPLATE_NAME = "messages.pot"
# Fixed dates keep extracted files stable in version control.
_FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Translation:
    """One translated entry as read from a PO file."""

    key: str
    source: str
    text: str
    stale: bool
    needs_review: bool
    location: Location

    @property
    def missing(self) -> bool:
        """No usable translation: empty, or only spaces."""
        return not self.text.strip()

    def stale_for(self, english: str) -> bool:
        """Made for an older English text (marked fuzzy, or the English has changed)."""
        return self.stale or self.source != english


@dataclass(frozen=True, slots=True)
class LanguageStatus:
    """How complete one language's catalog is."""

    language: str
    total: int
    translated: int
    missing: int
    stale: int
    needs_review: int


def locale_dir(pack: Pack) -> Path:
    """Where a pack keeps its PO files."""
    return pack.root / "locale"


def catalog_languages(pack: Pack) -> list[str]:
    """Languages that have a PO file in the pack."""
    return sorted(p.stem for p in locale_dir(pack).glob("*.po"))


def _new_catalog(language: str | None) -> Catalog:
    catalog = Catalog(
        locale=None,
        project="outreach content",
        version="1",
        creation_date=_FIXED_DATE,
        revision_date=_FIXED_DATE,
        fuzzy=False,
    )
    if language:
        # BCP 47 tags such as `prs` are unknown to Babel's CLDR data; write the header anyway.
        catalog._locale_identifier = language
    return catalog


def _write(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=False, include_previous=True)
    text = buffer.getvalue().decode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def extract_template(pack: Pack) -> Path:
    """Write `locale/messages.pot` from the English source, in content order."""
    catalog = _new_catalog(None)
    for key, entry in pack.texts.items():
        line = entry.location.line or 0
        catalog.add(entry.text, "", context=key, locations=[("content.yaml", line)])
    path = locale_dir(pack) / TEMPLATE_NAME
    _write(catalog, path)
    return path


def _read(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, abort_invalid=True)


def update_catalog(pack: Pack, language: str) -> Path:
    """Merge the English source into `locale/<language>.po`.

    New strings come in empty; a translation whose English changed is kept but marked
    fuzzy (stale), with the old English as `#| msgid`; strings no longer in the source go.
    """
    path = locale_dir(pack) / f"{language}.po"
    old: dict[str, Message] = {}
    if path.exists():
        for message in _read(path):
            if message.id and message.context:
                old[message.context] = message
    catalog = _new_catalog(language)
    for key, entry in pack.texts.items():
        line = entry.location.line or 0
        previous = old.get(key)
        string, flags = "", []
        previous_id: tuple[str, ...] = ()
        if previous is not None and previous.string:
            string = str(previous.string)
            flags = sorted(previous.flags)
            if previous.id != entry.text:
                flags = sorted({*flags, "fuzzy"})
                previous_id = (str(previous.id),)
            elif previous.previous_id:
                previous_id = tuple(previous.previous_id)
        catalog.add(
            entry.text,
            string,
            context=key,
            locations=[("content.yaml", line)],
            flags=flags,
            previous_id=previous_id,
        )
    _write(catalog, path)
    return path


def read_translations(
    pack: Pack, language: str, display_root: str, diags: Diagnostics
) -> dict[str, Translation] | None:
    """Read a language's PO file; a file that does not parse is a diagnostic."""
    path = locale_dir(pack) / f"{language}.po"
    shown = f"{display_root}/locale/{language}.po"
    if not path.exists():
        return None
    try:
        catalog = _read(path)
    except Exception as exc:  # Babel raises several types for malformed PO files
        diags.error(
            "i18n.syntax",
            f"malformed PO file: {exc}",
            Location(shown),
            hints=("open it in a PO editor (Poedit) or run `outreach i18n update`",),
        )
        return {}
    result: dict[str, Translation] = {}
    for message in catalog:
        if not message.id or not message.context:
            continue
        if message.pluralizable:
            # Content strings have no plural forms; a plural entry would print as a tuple.
            diags.error(
                "i18n.plural",
                f"`{message.context}` is a plural entry (msgid_plural); content has none",
                Location(shown, message.lineno, 1, message.context),
                hints=("write one msgid and one msgstr, as `outreach i18n update` does",),
            )
            continue
        result[message.context] = Translation(
            key=message.context,
            source=str(message.id),
            text=str(message.string or ""),
            stale="fuzzy" in message.flags,
            needs_review=NEEDS_REVIEW in message.flags,
            location=Location(shown, message.lineno, 1, message.context),
        )
    return result


def language_status(pack: Pack, language: str, display_root: str) -> LanguageStatus:
    """Counts for `outreach i18n status`."""
    translations = read_translations(pack, language, display_root, Diagnostics()) or {}
    total = len(pack.texts)
    translated = missing = stale = review = 0
    for key, entry in pack.texts.items():
        found = translations.get(key)
        if found is None or found.missing:
            missing += 1
            continue
        translated += 1
        if found.stale_for(entry.text):
            stale += 1
        if found.needs_review:
            review += 1
    return LanguageStatus(language, total, translated, missing, stale, review)
