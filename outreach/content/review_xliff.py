"""XLIFF 2.0 for translators' CAT tools: `ReviewEntry`s out, `Decision`s back in.

Input: a language's review entries, or an XLIFF 2.0 file a CAT tool saved. Output:
`<lang>-review.xlf` through translate-toolkit (one `<unit id="<content key>">` per entry,
the draft as `<target>` with `state="translated"`, a unit note with the English's
fingerprint), or `Decision`s: a segment marked `reviewed` or `final` approves its target,
or changes the text when the target differs from the draft; a unit note of category
`question` asks a question. Each decision is located at its unit's line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from translate.storage.xliff2 import Xliff2File

from outreach.content.review import APPROVE, CHANGE, QUESTION, Decision, ReviewEntry
from outreach.core.diagnostics import Diagnostics, Location

NS = "urn:oasis:names:tc:xliff:document:2.0"
HASH_NOTE, REVIEWER_NOTE, QUESTION_NOTE, DRAFT_NOTE = (
    "english-sha256",
    "reviewer",
    "question",
    "draft",
)
_DONE = ("reviewed", "final")
_MAX_BYTES = 20 * 1024 * 1024


def _note(unit: Any, category: str, text: str) -> None:
    notes = unit.find(f"{{{NS}}}notes")
    if notes is None:
        notes = unit.makeelement(f"{{{NS}}}notes", {})
        unit.insert(0, notes)  # XLIFF 2.0: a unit's notes come before its segments
    note = notes.makeelement(f"{{{NS}}}note", {"category": category})
    note.text = text
    notes.append(note)


def _notes(unit: Any, category: str) -> str:
    found = [
        (note.text or "").strip()
        for note in unit.iter(f"{{{NS}}}note")
        if note.get("category") == category
    ]
    return "\n".join(text for text in found if text)


def write_xliff(entries: list[ReviewEntry], language: str, path: Path) -> Path:
    """Write the entries as an XLIFF 2.0 file (source English, target the draft)."""
    store = Xliff2File(sourcelanguage="en", targetlanguage=language)
    for entry in entries:
        unit = store.addsourceunit(entry.english)
        unit.target = entry.draft
        unit.setid(entry.key)
        segment = unit.xmlelement
        segment.set("state", "final" if entry.reviewed else "translated")
        _note(segment.getparent(), HASH_NOTE, entry.english_hash)
        _note(segment.getparent(), DRAFT_NOTE, entry.draft)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(store))
    return path


def read_xliff(
    path: Path, shown: str, diags: Diagnostics, reviewer: str = ""
) -> tuple[str, list[Decision]] | None:
    """(language, decisions) of an XLIFF 2.0 file; None (with a diagnostic) if unreadable."""
    try:
        data = path.read_bytes()[: _MAX_BYTES + 1]
        if len(data) > _MAX_BYTES:
            raise ValueError("larger than 20 MB")
        store = Xliff2File.parsestring(data)
    except Exception as exc:  # lxml and translate-toolkit raise several types
        diags.error(
            "review.not-a-sheet",
            f"`{path.name}` is not an XLIFF 2.0 file ({type(exc).__name__}: {exc})".rstrip(),
            Location(shown),
            hints=("give the .xlsx or .xlf file that `outreach i18n review` wrote",),
        )
        return None
    decisions: list[Decision] = []
    for unit in store.units:
        segment = unit.xmlelement
        element = segment.getparent()
        key = str(unit.getid() or "")
        where = Location(shown, element.sourceline, 1, f"unit `{key}`")
        target = str(unit.target or "").strip()
        draft = _notes(element, DRAFT_NOTE)
        question = _notes(element, QUESTION_NOTE)
        decision = ""
        if question:
            decision = QUESTION
        elif segment.get("state") in _DONE and draft:
            decision = APPROVE if target == draft.strip() else CHANGE
        decisions.append(
            Decision(
                key=key,
                english_hash=_notes(element, HASH_NOTE),
                decision=decision,
                new_text=target if decision == CHANGE else "",
                reviewer=_notes(element, REVIEWER_NOTE) or reviewer,
                comment=question,
                location=where,
                text_location=where,
                key_location=where,
            )
        )
    language = str(store.gettargetlanguage() or "")
    return language, decisions
