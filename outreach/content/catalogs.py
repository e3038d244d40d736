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
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from outreach.content.textfiles import MAX_PO_BYTES, read_file_bytes, report_not_utf8
from outreach.core.diagnostics import BuildError, Diagnostics, Location
from outreach.core.model import Pack
from outreach.core.values import value_methods
from outreach.core.whole_files import atomic_write

if TYPE_CHECKING:  # Babel loads when a catalog is first read or written (issue 14)
    from collections.abc import Callable

    from babel.messages.catalog import Catalog, Message
    from babel.messages.pofile import PoFileParser

NEEDS_REVIEW = "needs-review"
TEMPLATE_NAME = "messages.pot"
# Fixed dates keep extracted files stable in version control.
_FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
# No slot holds more than this (the longest translation today has 525 characters); a longer
# entry is a mistake or an attack that would cost layout minutes and gigabytes (issue 21).
MAX_ENTRY_CHARS = 2_000
_MAX_SYNTAX_REPORTS = 10  # past this, the file is not a PO file: say so once
_PO_HINT = "open it in a PO editor (Poedit) or run `outreach i18n update`"


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
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


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class LanguageStatus:
    """How complete one language's catalog is."""

    language: str
    total: int
    translated: int
    missing: int
    stale: int
    needs_review: int
    errors: int = 0  # problems reading the PO file: a broken file is not "complete"

    def row(self) -> str:
        """One line of `outreach i18n status`, under STATUS_HEADER."""
        return (
            f"{self.language:10} {self.total:6} {self.translated:6} {self.missing:8} "
            f"{self.stale:6} {self.needs_review:7} {self.errors:7}"
        )


STATUS_HEADER = (
    f"{'language':10} {'total':>6} {'done':>6} {'missing':>8} {'stale':>6} {'review':>7} "
    f"{'errors':>7}"
)


def locale_dir(pack: Pack) -> Path:
    """Where a pack keeps its PO files."""
    return pack.root / "locale"


def catalog_languages(pack: Pack) -> list[str]:
    """Languages that have a PO file in the pack."""
    return sorted(p.stem for p in locale_dir(pack).glob("*.po"))


def _new_catalog(language: str | None) -> Catalog:
    from babel.messages.catalog import Catalog

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
    """Write a catalog whole: a crash or a full disk leaves the old file as it was.

    An existing catalog keeps its mode; a new one gets the umask's.
    """
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=False, include_previous=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else None
    atomic_write(path, buffer.getvalue(), mode)


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
    """The catalog in a PO file that `i18n update` will rewrite.

    Raises:
        BuildError: the file is too large, not UTF-8 or has a malformed line. Rewriting it
            would drop what could not be read, so it is left as it is.
    """
    diags = Diagnostics()
    shown = path.as_posix()
    text = _po_text(path, shown, diags)
    catalog = _parse(text, shown, diags) if text is not None else None
    if catalog is None or diags.has_errors():
        raise BuildError(diags.items)
    return catalog


@cache
def _lenient_parser() -> Callable[[Catalog, list[tuple[int, str]]], PoFileParser]:
    """Babel's PO parser, collecting syntax errors (1-based lines) instead of printing them.

    Parsing goes on past a bad line, so one typo costs one diagnostic, not a
    `i18n.missing` for every entry of the language (issue 21). The class is made on first
    use, so that Babel loads only when a catalog is read.
    """
    from babel.messages.pofile import PoFileParser

    class LenientParser(PoFileParser):
        def __init__(self, catalog: Catalog, problems: list[tuple[int, str]]) -> None:
            super().__init__(catalog, abort_invalid=False)
            self.problems = problems

        def _invalid_pofile(self, line: str, lineno: int, msg: str) -> None:
            self.problems.append((lineno + 1, msg.rstrip(".")))

    return LenientParser


def _parse(text: str, shown: str, diags: Diagnostics) -> Catalog | None:
    """The catalog in `text`, each syntax error reported at its line; None if Babel gives up."""
    from babel.messages.catalog import Catalog

    catalog = Catalog()
    problems: list[tuple[int, str]] = []
    parser = _lenient_parser()(catalog, problems)
    try:
        parser.parse(io.StringIO(text))
    except Exception as exc:  # Babel raises several types for malformed PO files
        diags.error("i18n.syntax", f"malformed PO file: {exc}", Location(shown), hints=(_PO_HINT,))
        return None
    for line, problem in problems[:_MAX_SYNTAX_REPORTS]:
        diags.error(
            "i18n.syntax",
            f"malformed PO file: {problem.lower()}",
            Location(shown, line, 1),
            hints=(_PO_HINT,),
        )
    if len(problems) > _MAX_SYNTAX_REPORTS:
        diags.error(
            "i18n.syntax",
            f"{len(problems) - _MAX_SYNTAX_REPORTS} more malformed lines",
            Location(shown, problems[_MAX_SYNTAX_REPORTS][0], 1),
            hints=("check that this is a PO file",),
        )
    return catalog


def _po_text(path: Path, shown: str, diags: Diagnostics) -> str | None:
    """The PO file's text; bytes that are not UTF-8 are reported at their line and replaced.

    Replacing keeps the other entries readable, so one bad byte is one diagnostic.
    """
    data = read_file_bytes(path, shown, diags, limit=MAX_PO_BYTES)
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        report_not_utf8(data, exc, shown, diags, ("save the file as UTF-8 (Poedit does)",))
        return data.decode("utf-8", errors="replace")


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
    """Read a language's PO file; each malformed line or over-long entry is a diagnostic.

    None when the language has no PO file, or the file is too large to read.
    """
    path = locale_dir(pack) / f"{language}.po"
    shown = f"{display_root}/locale/{language}.po"
    if not path.exists():
        return None
    text = _po_text(path, shown, diags)
    if text is None:
        return None
    catalog = _parse(text, shown, diags)
    if catalog is None:
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
        location = Location(shown, message.lineno, 1, message.context)
        translated = str(message.string or "")
        if len(translated) > MAX_ENTRY_CHARS or len(str(message.id)) > MAX_ENTRY_CHARS:
            diags.error(
                "i18n.too-long",
                f"entry `{message.context}` is longer than {MAX_ENTRY_CHARS:,} characters",
                location,
                hints=("no slot holds that much text; shorten the translation",),
            )
            translated = ""  # never laid out; the entry stays, so it is not reported twice
        result[message.context] = Translation(
            key=message.context,
            source=str(message.id)[:MAX_ENTRY_CHARS],
            text=translated,
            stale="fuzzy" in message.flags,
            needs_review=NEEDS_REVIEW in message.flags,
            location=location,
        )
    return result


def language_status(pack: Pack, language: str, display_root: str) -> LanguageStatus:
    """Counts for `outreach i18n status`."""
    problems = Diagnostics()
    translations = read_translations(pack, language, display_root, problems) or {}
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
    return LanguageStatus(language, total, translated, missing, stale, review, problems.error_count)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class ReviewOutcome:
    """A reviewer's checked decision on one entry, ready to write into its PO file."""

    key: str
    action: str  # "approve", "change" or "question"
    reviewer: str
    comment: str = ""
    text: str | None = None  # the new translation, for "change"


def apply_reviews(pack: Pack, language: str, outcomes: list[ReviewOutcome], day: str) -> Path:
    """Write reviewers' decisions into `locale/<language>.po`, atomically.

    Approve clears `needs-review` (and `fuzzy`) and records who and when in the entry's
    translator comments; change replaces the text too; question keeps the flag and keeps
    the comment for the next round. Every other entry is written as it was.

    Raises:
        BuildError: the PO file cannot be read; it is left as it is.
    """
    path = locale_dir(pack) / f"{language}.po"
    old = _read(path)
    by_key = {outcome.key: outcome for outcome in outcomes}
    catalog = _new_catalog(language)
    for message in old:
        if not message.id or not message.context:
            continue
        flags = set(message.flags)
        comments = list(message.user_comments)
        string = str(message.string or "")
        previous_id: tuple[str, ...] = tuple(message.previous_id or ())
        outcome = by_key.get(message.context)
        if outcome is not None:
            who = " ".join(outcome.reviewer.split())
            if outcome.action == "question":
                flags.add(NEEDS_REVIEW)
                comments.append(
                    f"question from {who} on {day}: {' '.join(outcome.comment.split())}"
                )
            else:
                if outcome.action == "change" and outcome.text is not None:
                    string = outcome.text
                flags -= {NEEDS_REVIEW, "fuzzy"}
                previous_id = ()
                done = "changed and reviewed" if outcome.action == "change" else "reviewed"
                comments.append(f"{done} by {who} on {day}")
        catalog.add(
            message.id,
            string,
            context=message.context,
            locations=message.locations,
            flags=sorted(flags),
            user_comments=comments,
            auto_comments=list(message.auto_comments),
            previous_id=previous_id,
        )
    _write(catalog, path)
    return path
