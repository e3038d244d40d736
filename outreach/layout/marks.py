"""Printer's marks: crop marks outside the bleed, the slug line and the review note.

Input: a page's trim size and the profile. Output: `LineItem`s, and the slug's `TextItem`,
placed outside the bleed so that nothing of them survives the cut; on office prints, the
review note of a draft translation in the bottom margin.
"""

from __future__ import annotations

from outreach.core.diagnostics import Location
from outreach.core.document import Item, LineItem, Paint, Rect, TextItem, TextLine, TextRun
from outreach.core.model import LayoutSpec, PageSpec, Piece, Profile
from outreach.core.units import to_mm
from outreach.fonts import FontBook
from outreach.layout.folds import fold_marks
from outreach.layout.paint import black_for
from outreach.layout.roles import FAMILY

MARK_WIDTH = 0.25  # pt; the thinnest line print shops accept
SLUG_SIZE = 6.0
REVIEW_NOTE = "translation not yet reviewed"


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
    page: PageSpec, spec: LayoutSpec, profile: Profile, fonts: FontBook, pieces: tuple[Piece, ...]
) -> list[Item]:
    """Crop marks and the slug line (press), and the review note if it prints a draft.

    A draft translation is labelled so nobody mistakes it for a checked one: in the slug
    outside the trim on press files, in the bottom margin on office prints (issue 6).
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
        # In the bottom margin, inside what a desktop printer can print (>= 0.25 in); on a
        # card (no page margin), below its safe area. Descenders stay inside the page.
        baseline = spec.height - profile.min_margin - 0.3 * SLUG_SIZE - 0.5
        return [
            _small_line("review-note", review, 0.5 * 72, baseline, black, spec, fonts, language)
        ]
    marks: list[Item] = list(
        crop_marks(spec.width, spec.height, profile.bleed, profile.slug, black)
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
    baseline = spec.height + profile.bleed + profile.slug * 0.6
    x = profile.bleed + 12.0
    marks.append(_small_line("slug", text, x, baseline, black, spec, fonts, language))
    return marks


def _small_line(
    slot: str,
    text: str,
    x: float,
    baseline: float,
    paint: Paint,
    spec: LayoutSpec,
    fonts: FontBook,
    language: str,
) -> TextItem:
    font = fonts.font_name(FAMILY, "regular")
    width = fonts.measure(text, font, SLUG_SIZE)
    return TextItem(
        slot,
        Rect(x, baseline - SLUG_SIZE, width, SLUG_SIZE * 1.3),
        (TextLine(x, baseline, width, (TextRun(text, font, SLUG_SIZE, x, width, paint),)),),
        SLUG_SIZE,
        SLUG_SIZE,
        language,
        Location(spec.path, key=slot),
        artifact=slot == "slug",
    )
