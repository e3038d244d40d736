"""Localize a pack: pick each string's text for a language and interpolate its facts.

Input: `model.Pack` and a language tag. Output: `model.Piece` (every translated string
ready to lay out, NFC-normalised, each with the location of the line it came from:
content.yaml for English, `locale/<lang>.po` for a translation, and the entries still
untranslated), or diagnostics.
"""

from __future__ import annotations

import unicodedata

from outreach.content.catalogs import Translation, catalog_languages, read_translations
from outreach.content.safety import describe_character, find_invisible_character
from outreach.content.templating import references, render_text, template_context
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.model import LocalizedText, Pack, Piece, TextEntry


def _translated(
    pack: Pack, language: str, diags: Diagnostics, *, require_reviewed: bool
) -> tuple[dict[str, TextEntry], frozenset[str], dict[str, Location]] | None:
    """The source entries replaced by their translations, after checking every entry."""
    po_path = f"{pack.display_root}/locale/{language}.po"
    errors_before = diags.error_count
    translations = read_translations(pack, language, pack.display_root, diags)
    if diags.error_count > errors_before:
        return None  # the PO file itself is broken: its diagnostics say where, nothing more
    if translations is None:
        diags.error(
            "i18n.unknown-language",
            f"language `{language}` has no translation in pack `{pack.id}`",
            Location(po_path),
            hints=(
                f"languages with a catalog: {', '.join(catalog_languages(pack)) or 'none'}",
                f"start one with `outreach i18n update --lang {language}`",
            ),
        )
        return None
    entries: dict[str, TextEntry] = {}
    failed = False
    stale = unreviewed = 0
    drafts: set[str] = set()
    missing: dict[str, Location] = {}
    # An untranslated entry is recorded, not reported: a material that prints it does not
    # build (`i18n.missing`, jobs/coverage.py), one that does not print it builds (issue 15).
    for key, source in pack.texts.items():
        found: Translation | None = translations.get(key)
        if found is None or found.missing:
            missing[key] = found.location if found else Location(po_path, key=key)
            continue
        theirs, ours = references(found.text), references(source.text)
        if theirs is not None and theirs != ours:
            diags.error(
                "i18n.placeholder",
                f"translation of `{key}` has placeholders {theirs}, the English has {ours}",
                found.location,
                hints=("copy each `{{ ... }}` from the English exactly; never retype a number",),
            )
            failed = True
            continue
        if found.stale_for(source.text):
            stale += 1
            drafts.add(key)
            diags.warning(
                "i18n.stale",
                f"translation of `{key}` was made for an older English text",
                found.location,
                hints=("update the translation, then clear `fuzzy`",),
            )
        if found.needs_review:
            unreviewed += 1
            drafts.add(key)
        entries[key] = TextEntry(key, found.text, found.location)
    if unreviewed:
        report = diags.error if require_reviewed else diags.warning
        report(
            "i18n.needs-review",
            f"{unreviewed} {language} translations are drafts that no reviewer has checked",
            Location(po_path),
            hints=("have a native speaker review them and remove the `needs-review` flags",),
        )
        failed = failed or require_reviewed
    if failed:
        return None
    return entries, frozenset(drafts), missing


def localize(
    pack: Pack, language: str, diags: Diagnostics, *, require_reviewed: bool = False
) -> Piece | None:
    """Resolve every string of the pack in one language; None if any string failed."""
    entries = pack.texts
    drafts: frozenset[str] = frozenset()
    missing: dict[str, Location] = {}
    if language != pack.source_language:
        translated = _translated(pack, language, diags, require_reviewed=require_reviewed)
        if translated is None:
            return None
        entries, drafts, missing = translated
    context = template_context(pack, language)
    texts: dict[str, LocalizedText] = {}
    failed = False
    for key, entry in entries.items():
        found = find_invisible_character(entry.text)
        if found is not None:
            diags.error(
                "content.invisible-character",
                f"`{key}` contains the invisible character {describe_character(found[1])}",
                entry.location,
                hints=("delete it: hidden and direction-changing characters are not allowed",),
            )
            failed = True
            continue
        rendered = render_text(entry.text, context, entry.location, diags)
        if rendered is None:
            failed = True
            continue
        rendered = unicodedata.normalize("NFC", " ".join(rendered.split()))
        found = find_invisible_character(rendered)
        if found is not None:
            diags.error(
                "content.invisible-character",
                f"`{key}` renders the invisible character {describe_character(found[1])}",
                entry.location,
                hints=("check the facts this text refers to",),
            )
            failed = True
            continue
        texts[key] = LocalizedText(key, rendered, language, entry.location)
    if failed:
        return None
    return Piece(
        pack=pack,
        language=language,
        texts=texts,
        unreviewed=bool(drafts),
        drafts=drafts,
        missing=missing,
    )


def report_missing(piece: Piece, key: str, diags: Diagnostics) -> None:
    """`i18n.missing` for an entry a material prints that its language has not translated.

    The same words wherever it is found (jobs/coverage.py before layout, layout/page.py as
    a last guard), so a key is named once however many materials and sizes print it.
    """
    po_path = f"{piece.pack.display_root}/locale/{piece.language}.po"
    diags.error(
        "i18n.missing",
        f"`{key}` has no {piece.language} translation",
        piece.missing[key],
        hints=(
            f"translate it in {po_path}, or run `outreach i18n update`",
            f"or build no material that prints it in `{piece.language}`",
        ),
    )
