"""Review entries and a reviewer's decisions: what a packet lists and what comes back.

Input: a pack's English entries and one language's translations. Output: `ReviewEntry`s in
the order a reviewer should read them (phone numbers and safety wording, then headlines,
then body text), and `Decision`s read back from a sheet or XLIFF file, each located at its
row and column. The file formats live in `review_sheet.py` and `review_xliff.py`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from outreach.content.templating import references
from outreach.core.diagnostics import Location
from outreach.core.values import value_methods

APPROVE, CHANGE, QUESTION = "approve", "change", "question"
DECISIONS = (APPROVE, CHANGE, QUESTION)
PRIORITIES = ("phone numbers and safety", "headline", "body text")
# Wording a reader acts on in danger: emergency numbers, and the promises that make a
# victim call (free, confidential, safe). A wrong word here costs most (issue 18).
_SAFETY = re.compile(
    r"\b911\b|emergency|free and confidential|confidential|anonymous|\bsafety\b",
    re.IGNORECASE,
)
_HEADLINE = re.compile(r"(^|_)(title|headline|heading|name|question)s?($|_)")


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class ReviewEntry:
    """One entry of a language to review: the English, the draft and where it prints."""

    number: int
    key: str
    english: str  # the source text, `{{ ... }}` references included
    draft: str  # the translation as it is in the PO file
    reviewed: bool
    priority: int  # an index of PRIORITIES
    materials: tuple[str, ...]  # the materials that print it
    room: int | None  # characters left in its tightest slot (negative: already shrunk)

    @property
    def english_hash(self) -> str:
        """The fingerprint of the English a decision was made against (stale check)."""
        return english_hash(self.english)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Decision:
    """One row of a filled sheet (or unit of an XLIFF file)."""

    key: str
    english_hash: str
    decision: str  # one of DECISIONS, or "" when the row was left alone
    new_text: str
    reviewer: str
    comment: str
    location: Location  # the decision's cell
    text_location: Location  # the new text's cell
    key_location: Location  # where the key and the English's fingerprint are


def english_hash(text: str) -> str:
    """A short sha256 of an English text: a sheet made for other English is stale."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def priority_of(key: str, english: str) -> int:
    """0 for numbers and safety wording, 1 for headlines, 2 for body text."""
    named = references(english) or []
    if any(name.startswith("contacts.") for name in named) or _SAFETY.search(english):
        return 0
    leaf = key.rsplit(".", 1)[-1].split("[", 1)[0]
    return 1 if _HEADLINE.search(leaf) else 2


def review_order(entries: list[ReviewEntry]) -> list[ReviewEntry]:
    """Entries by priority, then as the content file lists them; numbered from 1."""
    ordered = sorted(entries, key=lambda entry: entry.priority)
    return [
        ReviewEntry(
            index,
            e.key,
            e.english,
            e.draft,
            e.reviewed,
            e.priority,
            e.materials,
            e.room,
        )
        for index, e in enumerate(ordered, start=1)
    ]
