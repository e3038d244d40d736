"""Localize a pack: pick each string's text for a language and interpolate its facts.

Input: `model.Pack` and a language tag. Output: `model.Piece` (every string ready to lay
out, NFC-normalised, each with the location of the line it came from), or diagnostics.
"""

from __future__ import annotations

import unicodedata

from outreach.diagnostics import Diagnostics, Location
from outreach.model import LocalizedText, Pack, Piece
from outreach.safety import describe_character, find_invisible_character
from outreach.templating import make_environment, render_text, template_context


def localize(pack: Pack, language: str, diags: Diagnostics) -> Piece | None:
    """Resolve every string of the pack in one language; None if any string failed."""
    if language != pack.source_language:
        diags.error(
            "i18n.unknown-language",
            f"language `{language}` has no translation in pack `{pack.id}`",
            Location(f"{pack.display_root}/locale/{language}.po"),
            hints=(f"finished languages: {', '.join(pack.languages)}",),
        )
        return None
    env = make_environment()
    context = template_context(pack, language)
    texts: dict[str, LocalizedText] = {}
    failed = False
    for key, entry in pack.texts.items():
        rendered = render_text(env, entry.text, context, entry.location, diags)
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
    return Piece(pack=pack, language=language, texts=texts)
