"""Check the laid-out items of a page for missing glyphs, the safe area and the folds.

Input: the items of one page, its `model.PageSpec`, the layout and profile. Output: none;
`font.missing-glyph`, `layout.outside-safe-area` and `layout.crosses-fold` errors go to
the diagnostics collector, each pointing at the content line of the item.
"""

from __future__ import annotations

from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import Item, QrItem, Rect, TextItem
from outreach.core.model import LayoutSpec, PageSpec, Profile
from outreach.core.units import to_mm
from outreach.fonts import FontBook
from outreach.layout.folds import crossing_items
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
