"""Collisions on the laid-out Document: text ink boxes and QR codes in, `check.collision` out.

Input: a `Document` (or a print run's streamed sheet pages) and the font book. Output: a
located error for every pair of slots whose ink comes closer than `MIN_GAP`, naming both.
Ink is what the glyphs' outlines cover (ascenders, descenders, Khmer nikahit and coeng
stacks, Arabic dots), read from the fonts through HarfBuzz, not the line boxes: two
headlines whose line boxes are apart can still touch (issue 16). A QR code's box holds its
quiet zone, which must stay clear of ink altogether.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import Document, Form, GroupItem, Item, Page, QrItem, Rect, TextItem
from outreach.core.text_lines import TextLine
from outreach.core.values import value_methods
from outreach.fonts import FontBook
from outreach.text.shaping import glyph_extents

# Ink of two slots closer than this reads as one block, or touches when the press spreads
# a little: 2 pt is about a third of a line of 6.5 pt card text. Large type needs more air
# for the eye to part the blocks: 8% of the larger type's size (3.5 pt under a 44 pt
# headline, where Persian dots came within 3.3 pt of the subhead: issue 16).
MIN_GAP = 2.0
RELATIVE_GAP = 0.08
# The printer's marks lie outside the trim, in the slug: not part of the design.
MARKS = ("slug", "crop-mark")


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Ink:
    """The ink of one slot: one box per line of text, or a QR code with its quiet zone."""

    slot: str
    boxes: tuple[Rect, ...]
    source: Location | None
    qr: bool = False
    size: float = 0.0  # the largest type size of the slot's lines


def needed_gap(first: Ink, second: Ink) -> float:
    """The least distance between two slots' ink: none beyond a QR code's quiet zone."""
    if first.qr or second.qr:
        return 0.0
    return max(MIN_GAP, RELATIVE_GAP * max(first.size, second.size))


def line_ink(line: TextLine, fonts: FontBook) -> Rect | None:
    """The box the glyphs of one line cover, in page points (None: nothing is drawn)."""
    left = top = float("inf")
    right = bottom = float("-inf")
    for run in line.runs:
        path = fonts.font_path(run.font)
        x = run.x
        placed: list[tuple[int, float, float]] = []  # glyph id, origin x, origin y (down)
        if run.pieces:
            for piece in run.pieces:
                for group in piece.groups:
                    for pdf_glyph in group:
                        if not pdf_glyph.invisible:
                            placed.append(
                                (pdf_glyph.id, x + pdf_glyph.dx, line.baseline - pdf_glyph.dy)
                            )
                        x += pdf_glyph.advance
        else:
            glyphs = run.glyphs or fonts.cmap_glyphs(run.font, run.text, run.size) or ()
            for glyph in glyphs:
                placed.append((glyph.id, x + glyph.dx, line.baseline - glyph.dy))
                x += glyph.advance
        for glyph_id, gx, gy in placed:
            g_left, g_bottom, g_right, g_top = glyph_extents(path, glyph_id)
            if g_right <= g_left or g_top <= g_bottom:
                continue  # a space or a mark drawn as nothing
            left = min(left, gx + g_left * run.size)
            right = max(right, gx + g_right * run.size)
            top = min(top, gy - g_top * run.size)
            bottom = max(bottom, gy - g_bottom * run.size)
    if left == float("inf"):
        return None
    return Rect(left, top, right - left, bottom - top)


def text_ink(item: TextItem, fonts: FontBook, dx: float = 0.0, dy: float = 0.0) -> Ink:
    """The ink of a text item, line by line, moved by (dx, dy)."""
    boxes = []
    for line in item.lines:
        box = line_ink(line, fonts)
        if box is not None:
            boxes.append(Rect(box.x + dx, box.y + dy, box.w, box.h))
    size = max((run.size for line in item.lines for run in line.runs), default=0.0)
    return Ink(item.slot, tuple(boxes), item.source, size=size)


def _inks(items: Iterable[Item], fonts: FontBook, dx: float = 0.0, dy: float = 0.0) -> list[Ink]:
    found = []
    for item in items:
        if isinstance(item, TextItem) and not item.slot.startswith(MARKS):
            found.append(text_ink(item, fonts, dx, dy))
        elif isinstance(item, QrItem):
            r = item.rect
            found.append(Ink(item.slot, (Rect(r.x + dx, r.y + dy, r.w, r.h),), item.source, True))
    return found


def _distance(a: Rect, b: Rect) -> float:
    """How far apart two boxes are (negative: they overlap by that much in both axes)."""
    horizontal = max(b.x - a.right, a.x - b.right)
    vertical = max(b.y - a.bottom, a.y - b.bottom)
    return max(horizontal, vertical)


def collisions(inks: list[Ink]) -> Iterator[tuple[Ink, Ink, float, float]]:
    """Pairs of slots whose ink comes closer than `needed_gap`, with their distance and it.

    Yields each pair once, with the smallest distance between them.
    """
    for i, first in enumerate(inks):
        for second in inks[i + 1 :]:
            if first.qr and second.qr:
                continue  # codes are placed on the grid, never set; their boxes are apart
            if first.slot == second.slot:
                continue
            needed = needed_gap(first, second)
            closest = min(
                (_distance(a, b) for a in first.boxes for b in second.boxes), default=None
            )
            if closest is not None and closest < needed - 1e-6:
                yield first, second, closest, needed


def _report(
    inks: list[Ink], where: str, fallback: Location, diags: Diagnostics, seen: set[str]
) -> None:
    for first, second, distance, needed in collisions(inks):
        key = f"{first.slot}|{second.slot}"
        if key in seen:
            continue
        seen.add(key)
        if first.qr:
            first, second = second, first
        what = "the QR code (quiet zone included)" if second.qr else "text"
        state = (
            f"overlap by {-distance:.1f} pt"
            if distance < 0
            else f"are only {distance:.1f} pt apart"
        )
        least = "must not touch it" if second.qr else f"need at least {needed:.1f} pt"
        diags.error(
            "check.collision",
            f"text in slot `{first.slot}` and {what} in slot `{second.slot}` {where} "
            f"{state}; they {least}",
            first.source or second.source or fallback,
            hints=(
                f"move slot `{first.slot}` or `{second.slot}` apart in the layout file, "
                "or give them room for the script's marks above and below the line",
            ),
        )


def check_collisions(document: Document, fonts: FontBook, diags: Diagnostics) -> None:
    """Report every pair of slots of a Document whose ink collides (`check.collision`)."""
    fallback = Location(piece_name(document))
    forms = {form.name: form for form in document.forms}
    for form in document.forms:
        where = f"of the card `{form.name}` ({piece_name(document)})"
        _report(_inks(form.items, fonts), where, fallback, diags, set())
    for number, page in enumerate(document.pages, start=1):
        check_page_collisions(page, number, document, forms, fonts, diags, set())


def piece_name(document: Document) -> str:
    """`poster-bilingual letter en+km office`: which piece a diagnostic is about."""
    return f"{document.material} {document.size} {document.language} {document.profile}"


def check_page_collisions(
    page: Page,
    number: int,
    document: Document,
    forms: dict[str, Form],
    fonts: FontBook,
    diags: Diagnostics,
    checked: set[tuple[str | None, str | None]],
    form_inks: dict[str, list[Ink]] | None = None,
) -> None:
    """Collisions on one page, and in each card it places (each form and site once).

    `form_inks` keeps each shared card form's ink, measured once for the whole run: only
    a site's own items are new on its cards.
    """
    form_inks = {} if form_inks is None else form_inks
    seen: set[str] = set()
    name = piece_name(document)
    fallback = Location(name)
    _report(_inks(page.items, fonts), f"on page {number} of {name}", fallback, diags, seen)
    for item in page.items:
        if not isinstance(item, GroupItem) or (item.form, item.site) in checked:
            continue
        checked.add((item.form, item.site))
        form = forms.get(item.form) if item.form else None
        shared: list[Ink] = []
        if form is not None:
            if form.name not in form_inks:
                form_inks[form.name] = _inks(form.items, fonts)
            shared = form_inks[form.name]
        whose = f" for site `{item.site}`" if item.site else ""
        _report(
            [*shared, *_inks(item.items, fonts)],
            f"on the card{whose} on sheet page {number} of {name}",
            fallback,
            diags,
            seen,
        )


def collision_checked_pages(
    pages: Iterable[Page], document: Document, fonts: FontBook, diags: Diagnostics
) -> Iterator[Page]:
    """Pass a print run's streamed pages through, checking each card design once."""
    forms = {form.name: form for form in document.forms}
    checked: set[tuple[str | None, str | None]] = set()
    form_inks: dict[str, list[Ink]] = {}
    for number, page in enumerate(pages, start=1):
        check_page_collisions(page, number, document, forms, fonts, diags, checked, form_inks)
        yield page
