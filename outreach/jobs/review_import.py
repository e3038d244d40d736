"""A reviewer's decisions back into the PO file: every row checked, then all written or none.

Input: a filled review sheet (`.xlsx`) or XLIFF 2.0 file and the project it was made for.
Output: the language's PO file rewritten atomically (approve clears `needs-review` and
records who and when; change replaces the text, checked like any translation and by
building every material and size that prints it; question keeps the flag and the
comment), and the list of what changed; or diagnostics at the sheet's row and column,
and nothing written.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from outreach.checks.contacts import Directory, strangers
from outreach.content.catalogs import (
    MAX_ENTRY_CHARS,
    ReviewOutcome,
    Translation,
    apply_reviews,
    read_translations,
)
from outreach.content.review import APPROVE, CHANGE, DECISIONS, QUESTION, Decision, english_hash
from outreach.content.review_sheet import read_sheet
from outreach.content.review_xliff import read_xliff
from outreach.content.safety import describe_character, find_invisible_character
from outreach.content.templating import references, render_text, template_context
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.model import LocalizedText, Pack, Piece
from outreach.core.values import value_methods
from outreach.jobs.job import Job
from outreach.jobs.piece import build_job
from outreach.jobs.project import Project
from outreach.jobs.review_packet import materials_printing
from outreach.layout.spec import layout_file, layout_sizes, load_layout

XLIFF_SUFFIXES = (".xlf", ".xliff")
# Companions of the language under review on a multilingual poster, in order of preference.
_COMPANIONS = ("en", "es", "zh-Hant")


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class ImportReport:
    """What an import wrote: the PO file and each entry's outcome (old text for changes)."""

    path: Path
    language: str
    outcomes: tuple[ReviewOutcome, ...]
    old_texts: dict[str, str]

    def lines(self) -> list[str]:
        """What changed, one line per entry, then the file written: for the command line."""
        if not self.outcomes:
            return ["no decisions in the file: nothing to write"]
        lines = []
        for outcome in self.outcomes:
            if outcome.action == CHANGE:
                old = self.old_texts.get(outcome.key, "")
                lines.append(
                    f"changed   {outcome.key} ({outcome.reviewer}): {old!r} -> {outcome.text!r}"
                )
            elif outcome.action == APPROVE:
                lines.append(f"approved  {outcome.key} ({outcome.reviewer})")
            else:
                lines.append(f"question  {outcome.key}: {outcome.comment}")
        return [*lines, f"wrote {self.path}"]


def read_decisions(
    file: Path, shown: str, diags: Diagnostics, reviewer: str = ""
) -> tuple[str | None, str, list[Decision]] | None:
    """(pack id or None, language, decisions) of a sheet or XLIFF file, or None."""
    if not file.is_file():
        diags.error(
            "file.missing",
            f"`{shown}` does not exist" if not file.exists() else f"`{shown}` is not a file",
            Location(shown),
            hints=("give the .xlsx or .xlf file that `outreach i18n review` wrote",),
        )
        return None
    if file.suffix.lower() in XLIFF_SUFFIXES:
        found = read_xliff(file, shown, diags, reviewer)
        return None if found is None else (None, found[0], found[1])
    sheet = read_sheet(file, shown, diags)
    if sheet is None:
        return None
    pack_id, language, decisions = sheet
    if reviewer:
        decisions = [replace(d, reviewer=d.reviewer or reviewer) for d in decisions]
    return pack_id, language, decisions


def import_review(
    project: Project,
    pack: Pack,
    file: Path,
    diags: Diagnostics,
    *,
    reviewer: str = "",
    day: str | None = None,
) -> ImportReport | None:
    """Check every decision of a filled sheet, then write them all, or nothing.

    Args:
        project: the project the pack belongs to (its layouts are built for overflow).
        pack: the pack the sheet was made for.
        file: the filled `.xlsx`, or an XLIFF 2.0 file (`.xlf`).
        diags: receives a diagnostic per wrong row, at its row and column.
        reviewer: who reviewed, for rows (or XLIFF units) that do not say.
        day: the date recorded in the PO file (default: today, UTC).
    """
    shown = file.as_posix()
    found = read_decisions(file, shown, diags, reviewer)
    if found is None:
        return None
    pack_id, language, decisions = found
    if pack_id is not None and pack_id != pack.id:
        diags.error(
            "review.wrong-pack",
            f"the sheet was made for pack `{pack_id}`, not `{pack.id}`",
            Location(shown),
            hints=(f"import it into content/{pack_id}, e.g. `--pack content/{pack_id}`",),
        )
        return None
    before = diags.error_count
    translations = read_translations(pack, language, pack.display_root, diags)
    piece = project.piece(pack, language, diags) if translations else None
    if translations is None or piece is None or diags.error_count > before:
        if translations is None:
            diags.error(
                "i18n.unknown-language",
                f"the sheet is for `{language}`, which has no catalog in pack `{pack.id}`",
                Location(shown),
            )
        return None
    outcomes: list[ReviewOutcome] = []
    changed: dict[str, LocalizedText] = {}
    context = template_context(pack, language)
    directory = project.directory(pack)
    seen: set[str] = set()
    for decision in decisions:
        outcome = _checked(decision, pack, translations, seen, diags)
        if outcome is None:
            continue
        if outcome.action == CHANGE and outcome.text is not None:
            english = pack.texts[decision.key].text
            text = _rendered(outcome.text, english, decision, context, directory, diags)
            if text is None:
                continue
            changed[decision.key] = LocalizedText(
                decision.key, text, language, decision.text_location
            )
        outcomes.append(outcome)
    if diags.error_count > before:
        return None
    if changed:
        _check_fit(project, pack, piece, changed, outcomes, diags)
        if diags.error_count > before:
            return None
    old = {o.key: translations[o.key].text for o in outcomes if o.key in translations}
    if not outcomes:
        return ImportReport(Path(), language, (), {})
    path = apply_reviews(pack, language, outcomes, day or datetime.now(UTC).date().isoformat())
    return ImportReport(path, language, tuple(outcomes), old)


def _checked(
    decision: Decision,
    pack: Pack,
    translations: dict[str, Translation],
    seen: set[str],
    diags: Diagnostics,
) -> ReviewOutcome | None:
    """The row's outcome if it is well formed; None (with a diagnostic, or for no decision)."""
    key = decision.key
    if key not in pack.texts or key not in translations:
        diags.error(
            "review.unknown-key",
            f"the sheet names `{key or '(empty)'}`, which the pack has no entry for",
            decision.key_location,
            hints=("make a new packet with `outreach i18n review`; keep the hidden columns",),
        )
        return None
    if decision.english_hash != english_hash(pack.texts[key].text):
        diags.error(
            "review.stale",
            f"the English of `{key}` has changed since the packet was made",
            decision.key_location,
            hints=("make a new packet with `outreach i18n review` and review this entry again",),
        )
        return None
    if key in seen:
        diags.error(
            "review.duplicate",
            f"`{key}` has a second row; the sheet lists each entry once",
            decision.key_location,
        )
        return None
    seen.add(key)
    action = decision.decision
    if not action:
        if decision.new_text:
            diags.error(
                "review.bad-decision",
                f"`{key}` has new text but no decision",
                decision.location,
                hints=("choose `change` in the decision column to use the new text",),
            )
        return None
    if action not in DECISIONS:
        diags.error(
            "review.bad-decision",
            f"decision `{action}` for `{key}` is not one of {', '.join(DECISIONS)}",
            decision.location,
            hints=("pick a decision from the drop-down",),
        )
        return None
    if not decision.reviewer and action != QUESTION:
        diags.error(
            "review.no-reviewer",
            f"`{key}` is marked `{action}` but the row does not say who reviewed it",
            decision.location,
            hints=("write your name in the reviewer column (or `--reviewer NAME`)",),
        )
        return None
    if action == QUESTION and not decision.comment:
        diags.error(
            "review.no-comment",
            f"`{key}` is marked `question` but has no comment",
            decision.location,
            hints=("write the question in the comment column",),
        )
        return None
    if action == CHANGE and not decision.new_text.strip():
        diags.error(
            "review.no-text",
            f"`{key}` is marked `change` but has no new text",
            decision.text_location,
            hints=("write the corrected translation in the new-text column",),
        )
        return None
    if action == APPROVE:
        return ReviewOutcome(key, APPROVE, decision.reviewer)
    if action == QUESTION:
        return ReviewOutcome(key, QUESTION, decision.reviewer or "a reviewer", decision.comment)
    text = unicodedata.normalize("NFC", decision.new_text.strip())
    return ReviewOutcome(key, CHANGE, decision.reviewer, text=text)


def _rendered(
    text: str,
    english: str,
    decision: Decision,
    context: dict[str, Any],
    directory: Directory,
    diags: Diagnostics,
) -> str | None:
    """The new text as it prints, after the checks every translation gets; None if refused."""
    key, where = decision.key, decision.text_location
    if len(text) > MAX_ENTRY_CHARS:
        diags.error(
            "i18n.too-long",
            f"the new text of `{key}` is longer than {MAX_ENTRY_CHARS:,} characters",
            where,
        )
        return None
    found = find_invisible_character(text)
    if found is not None:
        diags.error(
            "content.invisible-character",
            f"the new text of `{key}` contains the invisible character "
            f"{describe_character(found[1])}",
            where,
            hints=("delete it: hidden and direction-changing characters are not allowed",),
        )
        return None
    theirs = references(text)
    ours = references(english)
    if theirs is not None and theirs != ours:
        diags.error(
            "i18n.placeholder",
            f"the new text of `{key}` has placeholders {theirs}, the English has {ours}",
            where,
            hints=("copy each `{{ ... }}` from the English exactly; never retype a number",),
        )
        return None
    rendered = render_text(text, context, where, diags)
    if rendered is None:
        return None
    rendered = unicodedata.normalize("NFC", " ".join(rendered.split()))
    for stranger in strangers(rendered, directory):
        code = "check.unknown-link" if stranger.kind == "link" else "check.unknown-number"
        diags.error(
            code,
            f"the new text of `{key}` prints {stranger.kind} `{stranger.text}`, which is not "
            f"one of the pack's: {stranger.why}",
            where,
            hints=("name numbers and links with `{{ contacts.KEY }}` or `{{ links.KEY }}`",),
        )
        return None
    return rendered


def _check_fit(
    project: Project,
    pack: Pack,
    piece: Piece,
    changed: dict[str, LocalizedText],
    outcomes: list[ReviewOutcome],
    diags: Diagnostics,
) -> None:
    """Build every material and size that prints a changed entry, with the new texts.

    Layout errors come back at the row and column of the new text, since the changed
    entries carry their sheet location.
    """
    reviewed = {o.key for o in outcomes if o.action in (APPROVE, CHANGE)}
    trial = Piece(
        pack=pack,
        language=piece.language,
        texts={**piece.texts, **changed},
        unreviewed=bool(piece.drafts - reviewed),
        drafts=piece.drafts - reviewed,
    )
    check = Project(project.root, check_pdf=False, fonts=project.fonts)
    check.use_piece(trial)
    where = materials_printing(check, trial, diags)
    materials = sorted({m for key in changed for m in where.get(key, ())})
    for material in materials:
        file = layout_file(check.layouts_dir, material)
        sizes = layout_sizes(file, check.root, diags)
        spec = load_layout(file, check.root, None, diags)
        if sizes is None or spec is None:
            continue
        companions = [tag for tag in _COMPANIONS if tag != piece.language]
        languages = "+".join([*companions[: spec.languages - 1], piece.language])
        for size in sizes[0]:
            build_job(check, pack.id, Job(material, size, languages, "office"), diags)
