"""Check the laid-out items of a page for missing glyphs, the safe area and the folds.

Input: the items of one page, its `model.PageSpec`, the layout and profile, or a localized
piece before layout. Output: none; `font.missing-glyph`, `layout.outside-safe-area` and
`layout.crosses-fold` errors go to the diagnostics collector, each pointing at the content
line of the item (or, for a piece, of the first entry a missing character appears in).
"""

from __future__ import annotations

from outreach.content.pack_languages import fonts_snippet
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import Item, QrItem, Rect, TextItem
from outreach.core.layout_specs import LayoutSpec, PageSpec, Profile
from outreach.core.model import LocalizedText, Piece
from outreach.core.units import to_mm
from outreach.fonts import FontBook, is_ignorable
from outreach.layout.folds import crossing_items
from outreach.layout.roles import typeface_for
from outreach.layout.text import MissingGlyph, find_missing_glyphs


def check_glyphs(items: list[Item], fonts: FontBook, diags: Diagnostics, pack_root: str) -> None:
    """Report every character of the page's text that its fonts cannot draw."""
    for item in items:
        if not isinstance(item, TextItem):
            continue
        for missing in find_missing_glyphs(item.lines, fonts):
            diags.error(
                "font.missing-glyph",
                missing.message(f"(slot `{item.slot}`) ", item.language),
                item.source,
                hints=MissingGlyph.hints(item.language, pack_root),
            )


def check_safe_area(
    items: list[Item], page: PageSpec, spec: LayoutSpec, profile: Profile, diags: Diagnostics
) -> None:
    """Report text and QR codes that reach into the safe margin, where the cut may fall."""
    margin = max(spec.safe, profile.min_margin)
    safe = Rect(margin, margin, spec.width - 2 * margin, spec.height - 2 * margin)
    for item in items:
        if isinstance(item, TextItem) and item.lines:
            area = item.ink_rect()
        elif isinstance(item, QrItem):
            inner = item.module_size * item.quiet_zone
            area = Rect(
                item.rect.x + inner,
                item.rect.y + inner,
                item.rect.w - 2 * inner,
                item.rect.h - 2 * inner,
            )
        else:
            continue
        if not safe.contains(area, tolerance=0.5):
            diags.error(
                "layout.outside-safe-area",
                f"slot `{item.slot}` on page `{page.name}` reaches into the "
                f"{to_mm(margin):.1f} mm safe margin",
                item.source,
                hints=(f"move slot `{item.slot}` inside the margin in {spec.path}",),
            )


def check_folds(items: list[Item], page: PageSpec, spec: LayoutSpec, diags: Diagnostics) -> None:
    """Only backgrounds may cross a fold: text or a code on one would be cut in two."""
    for item, fold in crossing_items(page, items):
        source = getattr(item, "source", None) or Location(spec.path)
        diags.error(
            "layout.crosses-fold",
            f"slot `{item.slot}` on page `{page.name}` crosses or touches the fold at "
            f"{to_mm(fold):.1f} mm",
            source,
            hints=(f"keep slot `{item.slot}` inside one panel in {spec.path}",),
        )


def check_piece_glyphs(piece: Piece, fonts: FontBook, diags: Diagnostics) -> bool:
    """Report the characters of a language's texts that no font can draw, once per font.

    Each text is set in the language's typeface (the pack's own font, else its bundled
    family) and falls back, character by character, to every bundled font at the same
    weight. What none of them has would print as nothing: one `font.missing-glyph` per
    language and font names those characters and the entries they appear in, whatever
    the material, so a script without a font (Lao) is one error, not one per character
    and slot. Returns False when something is missing.
    """
    face = typeface_for(fonts, piece)
    coverages: dict[str, frozenset[int]] = {}
    reported: set[str] = set()
    complete = True
    for weight in ("regular", "bold"):
        primary = face.font(weight)
        chain = fonts.fallback_chain(primary, piece.language, weight)
        missing: dict[str, list[LocalizedText]] = {}
        for entry in piece.texts.values():
            for char in sorted(set(entry.text)):
                if char in reported or char.isspace() or is_ignorable(char):
                    continue
                if not any(ord(char) in _coverage(fonts, name, coverages) for name in chain):
                    missing.setdefault(char, []).append(entry)
        if not missing:
            continue
        complete = False
        reported.update(missing)
        entries = list({e.key: e for found in missing.values() for e in found}.values())
        diags.error(
            "font.missing-glyph",
            _missing_message(piece.language, primary, sorted(missing), entries),
            entries[0].location,
            hints=(
                f"add a TrueType font that has them for `{piece.language}` in "
                f"{piece.pack.display_root}/pack.yaml: `{fonts_snippet(piece.language)}` "
                "(paths relative to the pack folder)",
                "or remove or replace the characters",
            ),
        )
    return complete


def _coverage(fonts: FontBook, name: str, cache: dict[str, frozenset[int]]) -> frozenset[int]:
    """A font's coverage, loaded only when a character gets that far down the chain."""
    if name not in cache:
        cache[name] = fonts.coverage(name)
    return cache[name]


def _missing_message(
    language: str, font: str, chars: list[str], entries: list[LocalizedText]
) -> str:
    """Which characters, and where: the first entries with the text around the first one."""
    shown = " ".join(chars[:_SHOWN_CHARS]) + (
        f" and {len(chars) - _SHOWN_CHARS} more" if len(chars) > _SHOWN_CHARS else ""
    )
    codes = ", ".join(f"U+{ord(c):04X}" for c in chars[:3]) + (", ..." if len(chars) > 3 else "")
    places = []
    for entry in entries[:_SHOWN_ENTRIES]:
        line = f":{entry.location.line}" if entry.location.line else ""
        places.append(
            f'`{entry.key}` ({entry.location.path}{line}: "{_around(entry.text, chars)}")'
        )
    more = len(entries) - _SHOWN_ENTRIES
    where = ", ".join(places) + (f" and {more} more entries" if more > 0 else "")
    count = f"{len(chars)} character{'s' if len(chars) > 1 else ''}"
    return (
        f"{count} of `{language}` text {'are' if len(chars) > 1 else 'is'} in no font "
        f"({codes}; tried `{font}` and every bundled font), so they would print as "
        f"nothing: {shown}; in {where}"
    )


def _around(text: str, chars: list[str], reach: int = 20) -> str:
    """The text around the first missing character of an entry."""
    index = min((text.find(c) for c in chars if c in text), default=0)
    start, end = max(0, index - reach), min(len(text), index + reach + 1)
    return ("..." if start else "") + text[start:end] + ("..." if end < len(text) else "")


_SHOWN_CHARS = 60
_SHOWN_ENTRIES = 5
