"""Printer's marks: crop marks outside the bleed, the slug line and the review note.

Input: a page's trim size, the profile and the page's other items. Output: `LineItem`s,
and the slug's `TextItem`, placed outside the bleed so that nothing of them survives the
cut, wrapped between the bottom crop marks (issue 20); on office prints, the review note
of a draft translation at least 6 mm inside the paper's edge, where no item is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from outreach.core.diagnostics import Location
from outreach.core.document import (
    GroupItem,
    ImageItem,
    Item,
    LineItem,
    QrItem,
    Rect,
    RectItem,
    TextItem,
)
from outreach.core.layout_specs import LayoutSpec, PageSpec, Profile
from outreach.core.model import Piece
from outreach.core.text_lines import Paint, TextLine, TextRun
from outreach.core.units import POINTS_PER, to_mm
from outreach.fonts import FontBook
from outreach.layout.folds import fold_marks
from outreach.layout.paint import black_for, registration_for
from outreach.layout.roles import FAMILY

MARK_WIDTH = 0.25  # pt; the thinnest line print shops accept
SLUG_SIZE = 6.0
REVIEW_NOTE = "translation not yet reviewed"
# Marks and notes on office files stay this far inside the paper's edge: most desktop
# printers cannot print closer (issue 20).
OFFICE_EDGE = 6.0 * POINTS_PER["mm"]
SEPARATOR = " | "
MARK_GAP = 3.0  # pt between a slug and the crop marks beside it


def crop_marks(
    width: float, height: float, bleed: float, slug: float, paint: Paint
) -> list[LineItem]:
    """Eight crop marks at the trim corners, starting just outside the bleed."""
    offset = bleed + 2.0  # start 2 pt beyond the bleed edge so the mark never prints on the piece
    length = max(slug - 4.0, 6.0)
    marks = []
    for x in (0.0, width):
        for y in (0.0, height):
            dx = -1 if x == 0.0 else 1
            dy = -1 if y == 0.0 else 1
            marks.append(
                LineItem(
                    "crop-mark",
                    x + dx * offset,
                    y,
                    x + dx * (offset + length),
                    y,
                    MARK_WIDTH,
                    paint,
                )
            )
            marks.append(
                LineItem(
                    "crop-mark",
                    x,
                    y + dy * offset,
                    x,
                    y + dy * (offset + length),
                    MARK_WIDTH,
                    paint,
                )
            )
    return marks


def page_marks(
    page: PageSpec,
    spec: LayoutSpec,
    profile: Profile,
    fonts: FontBook,
    pieces: tuple[Piece, ...],
    items: Sequence[Item] = (),
) -> list[Item]:
    """Crop marks and the slug line (press), and the review note if it prints a draft.

    A draft translation is labelled so nobody mistakes it for a checked one: in the slug
    outside the trim on press files, on office prints in the bottom margin, or on a page
    without one (a card) where none of the page's `items` is, 6 mm inside the edge.
    """
    black = black_for(profile)
    language = pieces[0].language
    # Only the entries this material prints count: a piece made of reviewed entries prints
    # no note while other entries of its language are still drafts (issue 18).
    # A card's site slots (`site.*`) print only in a site print run, whose shared card
    # form is marked here; they are not counted.
    drafts = any(p.drafts_among(spec.content_keys(i, skip="site.")) for i, p in enumerate(pieces))
    review = REVIEW_NOTE if drafts else ""
    if not profile.crop_marks:
        if not review:
            return []
        return [review_note(review, spec, profile, fonts, language, black, items)]
    marks: list[Item] = list(
        crop_marks(spec.width, spec.height, profile.bleed, profile.slug, registration_for(profile))
    )
    if spec.fold_marks:
        marks.extend(fold_marks(page, spec.height, profile.bleed, profile.slug, black))
    text = (
        f"{spec.material} {spec.size_name} {language} "
        f"{profile.name} | page {page.name} | trim {to_mm(spec.width):.1f} x "
        f"{to_mm(spec.height):.1f} mm | bleed {to_mm(profile.bleed):.2f} mm"
    )
    if spec.duplex:
        text += f" | print two-sided, flip on {spec.duplex.replace('-', ' ')}"
        if page.rotation:
            text += f"; this side is turned {page.rotation} degrees"
    if review:
        text += f" | {review}"
    marks.append(_slug(text, spec, profile, fonts, language, black))
    return marks


def wrap_slug(text: str, room: float, measure: Callable[[str], float]) -> list[str]:
    """The slug's lines, each at most `room` wide: broken after a ` | `, else between words.

    A word wider than `room` (a file name) is broken after a hyphen. Every fact stays:
    joining the lines with ` | ` (or a space, or nothing after a hyphen) gives `text`.
    """
    lines: list[str] = []
    current = ""
    for segment in text.split(SEPARATOR):
        joined = f"{current}{SEPARATOR}{segment}" if current else segment
        if measure(joined) <= room:
            current = joined
            continue
        if current:
            lines.append(current)
        current = ""
        for word in segment.split(" "):
            joined = f"{current} {word}" if current else word
            if measure(joined) <= room:
                current = joined
                continue
            if current:
                lines.append(current)
            current = ""
            for part in re.findall(r"[^-]*-|[^-]+$", word):  # a long file name, after hyphens
                if current and measure(current + part) > room:
                    lines.append(current)
                    current = ""
                current += part
    if current:
        lines.append(current)
    return lines


def _slug(
    text: str, spec: LayoutSpec, profile: Profile, fonts: FontBook, language: str, paint: Paint
) -> TextItem:
    """The slug in the bottom slug margin, between the crop marks at the trim's corners.

    A slug wider than the trim (a wallet card's) is wrapped, and set smaller only if its
    lines do not fit the margin's height (issue 20: it ran off the sheet and under the
    bottom-right crop mark).
    """
    font = fonts.font_name(FAMILY, "regular")
    x = profile.bleed + 12.0
    room = spec.width - MARK_GAP - x
    size = SLUG_SIZE
    while True:
        lines = wrap_slug(text, room, lambda t: fonts.measure(t, font, size))  # noqa: B023
        block = 1.3 * size + 1.2 * size * (len(lines) - 1)
        if block <= profile.slug - 2.0 or size <= 4.0:
            break
        size -= 0.25
    if len(lines) == 1:
        baseline = spec.height + profile.bleed + profile.slug * 0.6
    else:
        baseline = spec.height + profile.bleed + (profile.slug - block) / 2 + size
    return text_block(
        "slug", lines, x, baseline, size, paint, fonts, Location(spec.path, key="slug"), language
    )


def text_block(
    slot: str,
    lines: Sequence[str],
    x: float,
    baseline: float,
    size: float,
    paint: Paint,
    fonts: FontBook,
    source: Location,
    language: str,
    requested: float = SLUG_SIZE,
) -> TextItem:
    """Lines of small marks text, left-aligned at `x`, the first on `baseline`."""
    font = fonts.font_name(FAMILY, "regular")
    placed = []
    for index, line in enumerate(lines):
        width = fonts.measure(line, font, size)
        y = baseline + 1.2 * size * index
        placed.append(TextLine(x, y, width, (TextRun(line, font, size, x, width, paint),)))
    width = max((line.width for line in placed), default=0.0)
    height = 1.3 * size + 1.2 * size * (len(placed) - 1)
    return TextItem(
        slot,
        Rect(x, baseline - size, width, height),
        tuple(placed),
        size,
        requested,
        language,
        source,
        artifact=slot == "slug",
    )


def _obstacles(items: Sequence[Item], width: float, height: float) -> list[Rect]:
    """What the review note must not touch: every line of text, code, rule and picture.

    A rectangle covering half the page or more is a background, not an obstacle.
    """
    found: list[Rect] = []
    for item in items:
        if isinstance(item, TextItem):
            found.extend(
                Rect(
                    line.x,
                    line.baseline - max(r.size for r in line.runs),
                    line.width,
                    1.3 * max(r.size for r in line.runs),
                )
                for line in item.lines
                if line.runs
            )
        elif isinstance(item, RectItem):
            if item.rect.w * item.rect.h < 0.5 * width * height:
                found.append(item.rect)
        elif isinstance(item, QrItem | ImageItem):
            found.append(item.rect)
        elif isinstance(item, GroupItem):
            found.append(item.rect)
        elif isinstance(item, LineItem):
            found.append(
                Rect(
                    min(item.x1, item.x2),
                    min(item.y1, item.y2),
                    abs(item.x2 - item.x1),
                    abs(item.y2 - item.y1),
                )
            )
    return found


def _touches(a: Rect, b: Rect, gap: float = 1.0) -> bool:
    return (
        a.x < b.right + gap
        and b.x < a.right + gap
        and a.y < b.bottom + gap
        and b.y < a.bottom + gap
    )


def review_note(
    text: str,
    spec: LayoutSpec,
    profile: Profile,
    fonts: FontBook,
    language: str,
    paint: Paint,
    items: Sequence[Item],
) -> TextItem:
    """The office review note: 6 mm or more inside the paper's edge, clear of every item.

    On a poster or brochure it sits in the bottom margin (0.25 in or more), 0.5 in from
    the left. A card has no margin: the note goes to the lowest place, left or right, at
    least 6 mm inside the edge, where no line of the card's text, code or rule is
    (issue 20: it was printed 0.2 mm from the card's edge).
    """
    font = fonts.font_name(FAMILY, "regular")
    edge = max(profile.min_margin, OFFICE_EDGE)
    obstacles = _obstacles(items, spec.width, spec.height)
    lowest = spec.height - edge - 0.3 * SLUG_SIZE - 0.5
    widths = {size: fonts.measure(text, font, size) for size in (SLUG_SIZE, 5.0)}
    where = Location(spec.path, key="review-note")
    # First a row of its own, so the note never reads as part of a line of the piece;
    # then beside the piece's lines.
    rows = [Rect(0.0, r.y, spec.width, r.h) for r in obstacles]
    for avoid in (rows, obstacles):
        baseline = lowest
        while baseline - SLUG_SIZE >= edge:  # lowest first; 5 pt rather than higher up
            for size, width in widths.items():
                for x in (0.5 * 72, edge, spec.width - edge - width):
                    if x < edge or x + width > spec.width - edge:
                        continue
                    box = Rect(x, baseline - size, width, 1.3 * size)
                    if not any(_touches(box, other) for other in avoid):
                        return text_block(
                            "review-note", [text], x, baseline, size, paint, fonts, where, language
                        )
            baseline -= 0.5
    # Nowhere free: the bottom margin anyway (checks/marks.py reports what it touches).
    return text_block(
        "review-note", [text], 0.5 * 72, lowest, SLUG_SIZE, paint, fonts, where, language
    )
