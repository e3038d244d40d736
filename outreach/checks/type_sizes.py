"""Type sizes across a set: the Documents of one build in, `check.size-mismatch` warnings out.

A material printed in several languages is one set: a reader who sees the Spanish and the
Russian posters side by side should see the same hierarchy. A slot's role (its slot and
the size the layout asked for) is set at one size in every language of a material, size
and profile, within `TOLERANCE`, or the build warns, naming the languages and the sizes
(issue 16). English is the reference when the set has it, else the largest size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import Document

TOLERANCE = 1.0  # points: sizes of one role may differ this much across a set's languages
REFERENCE = "en"
# The printer's marks and notes are not part of the design.
EXEMPT = ("slug", "crop-mark", "review-note", "translation-status")

Role = tuple[int, str, float]  # page index, slot (a flow's name), size asked for


def role_sizes(document: Document) -> dict[Role, float]:
    """The smallest size each role of a Document is set at."""
    found: dict[Role, float] = {}
    for page, item in document.text_items():
        if item.slot.startswith(EXEMPT) or not item.lines:
            continue
        role = (page, item.slot.split("/", 1)[0], round(item.requested_size, 2))
        found[role] = min(found.get(role, item.size), item.size)
    return found


def check_type_sizes(documents: Iterable[Document], diags: Diagnostics) -> None:
    """Warn when one role is set at sizes more than `TOLERANCE` apart across a set."""
    sets: dict[tuple[str, str, str], dict[str, dict[Role, float]]] = defaultdict(dict)
    for document in documents:
        if not document.pages:
            continue  # a print run's sheets are streamed; its single cards are checked
        key = (document.material, document.size, document.profile)
        sets[key][document.language] = role_sizes(document)
    reported: set[tuple[str, str, str, float, str]] = set()
    for (material, size, _profile), languages in sorted(sets.items()):
        if len(languages) < 2:
            continue
        roles = sorted({role for sizes in languages.values() for role in sizes})
        for role in roles:
            by_language = {lang: sizes[role] for lang, sizes in languages.items() if role in sizes}
            if len(by_language) < 2:
                continue
            reference = by_language.get(REFERENCE, max(by_language.values()))
            name = REFERENCE if REFERENCE in by_language else "the largest"
            off = sorted(
                (lang, value)
                for lang, value in by_language.items()
                if abs(value - reference) > TOLERANCE + 1e-6
            )
            _, slot, asked = role
            for lang, value in off:
                if (material, size, slot, asked, lang) in reported:
                    continue  # office and press say the same
                reported.add((material, size, slot, asked, lang))
                diags.warning(
                    "check.size-mismatch",
                    f"slot `{slot}` ({asked:g} pt asked) of the {size} {material} is set at "
                    f"{value:g} pt in `{lang}` but {reference:g} pt in {name}; one role "
                    f"should differ by at most {TOLERANCE:g} pt across a set's languages",
                    Location(f"layouts/{material}.yaml", key=slot),
                    hints=(
                        f"shorten the `{lang}` text of slot `{slot}`, or give the slot "
                        "room for its longest language",
                    ),
                )
