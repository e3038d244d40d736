"""Checks on the laid-out Document: contrast, type size, press colour, number order, reading level.

Input: a `Document` (and, for reading level, the English texts it was made from). Output:
diagnostics with stable `check.*` codes. These run on every build before anything is
written; `checks.py` proves the same things again from the PDF where that is possible.
"""

from __future__ import annotations

import re

from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import Document, Page, RectItem, TextItem
from outreach.core.text_lines import Paint, TextLine
from outreach.text.bidi import NUMBER

# Smallest type a material may print. The notice's 16 pt is the statute's (docs/statute.md);
# the others are this project's own floors (issue 8), not a standard's: cards are read in the
# hand, posters from a step away, and 8 pt is the smallest reversed text (docs/print-production.md).
MIN_TEXT_SIZE = {
    "wallet-card": 6.5,
    "poster": 8.0,
    "poster-signs": 8.0,
    "brochure": 7.0,
    "notice": 16.0,
}
MIN_BODY_SIZE = {"poster": 10.0}
EXEMPT_SLOTS = ("slug", "review-note", "translation-status", "crop-mark")
LARGE_TEXT_PT = 18.0  # WCAG "large text": 18 pt, or 14 pt bold
AA_NORMAL, AA_LARGE = 4.5, 3.0
MAX_GRADE = 6.0  # victim-facing English: grade 5-6 reading level
# A link as printed: with its scheme or www., or a name ending in a common top-level domain.
_LINK = re.compile(
    r"(?:https?://|www\.)\S+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:org|gov|com|net|edu|us)\b\S*"
)


def rgb_of(paint: Paint) -> tuple[float, float, float]:
    """An approximate screen colour of a paint, for contrast (naive CMYK conversion)."""
    if paint.space == "rgb":
        r, g, b = paint.values
        return r, g, b
    c, m, y, k = paint.values
    return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Paint, b: Paint) -> float:
    """WCAG 2 contrast ratio between two paints (1 to 21)."""
    la, lb = _luminance(rgb_of(a)), _luminance(rgb_of(b))
    light, dark = max(la, lb), min(la, lb)
    return (light + 0.05) / (dark + 0.05)


def _background_at(page: Page, x: float, y: float, before: int) -> Paint:
    """The paint under a point: the last rectangle drawn there before the text, else the page."""
    found = page.background or Paint("rgb", (1.0, 1.0, 1.0))
    for item in page.items[:before]:
        if isinstance(item, RectItem):
            r = item.rect
            if r.x <= x <= r.right and r.y <= y <= r.bottom:
                found = item.paint
    return found


def check_document(document: Document, diags: Diagnostics) -> None:
    """Run every Document-level check (the safe margin is checked while laying out)."""
    minimum = MIN_TEXT_SIZE.get(document.material, 6.0)
    for page_index, page in enumerate(document.pages, start=1):
        for index, item in enumerate(page.items):
            if not isinstance(item, TextItem) or item.slot.startswith(EXEMPT_SLOTS):
                continue
            _check_text(document, page, page_index, index, item, minimum, diags)
            _check_number_order(page_index, item, diags)


def drawn_left_to_right(line: TextLine) -> str:
    """The line's characters as drawn, left to right: each run's, reversed if right to left."""
    return "".join(run.text if run.direction == "ltr" else run.text[::-1] for run in line.runs)


def _check_number_order(page_index: int, item: TextItem, diags: Diagnostics) -> None:
    """Every number and link in right-to-left text is drawn whole, left to right (issue 5).

    A phone number printed as `7888-373-888-1`, or with its groups or brackets moved, or a
    link as `org.humantraffickinghotline//:https`, is the worst error this tool can make;
    the text engine keeps them together, and this proves it for every line before
    anything is written.
    """
    for line in item.lines:
        if line.source_text is None:
            continue  # drawn in reading order
        drawn = drawn_left_to_right(line)
        found = [m.group() for m in NUMBER.finditer(line.text)]
        found += [m.group().rstrip(".,;:!?)") for m in _LINK.finditer(line.text)]
        for whole in found:
            if whole not in drawn:
                diags.error(
                    "check.number-order",
                    f"`{whole}` in slot `{item.slot}` on page {page_index} would be "
                    f"printed out of order (as drawn, left to right: `{drawn}`)",
                    item.source,
                    hints=(
                        "this is a text-engine bug: please report it with the text",
                        "a number on a line of its own prints in order",
                    ),
                )


def _check_text(
    document: Document,
    page: Page,
    page_index: int,
    index: int,
    item: TextItem,
    minimum: float,
    diags: Diagnostics,
) -> None:
    reported_size = reported_contrast = reported_k = False
    for line in item.lines:
        for run in line.runs:
            if run.size < minimum - 1e-6 and not reported_size:
                reported_size = True
                diags.error(
                    "check.text-too-small",
                    f"slot `{item.slot}` on page {page_index} prints {run.size:g} pt text; "
                    f"a {document.material} needs at least {minimum:g} pt",
                    item.source,
                    hints=("make the slot larger or the text shorter",),
                )
            background = _background_at(
                page, run.x + run.width / 2, line.baseline - run.size / 3, index
            )
            ratio = contrast_ratio(run.paint, background)
            bold = "Bold" in run.font
            needed = (
                AA_LARGE if run.size >= LARGE_TEXT_PT or (bold and run.size >= 14) else AA_NORMAL
            )
            if ratio < needed and not reported_contrast:
                reported_contrast = True
                diags.error(
                    "check.contrast",
                    f"text in slot `{item.slot}` on page {page_index} has contrast "
                    f"{ratio:.1f}:1 against its background; WCAG AA needs {needed:g}:1",
                    item.source,
                    hints=(
                        "darken the text or lighten the background",
                        *_pair(run.paint, background),
                    ),
                )
            if (
                document.color_space == "cmyk"
                and run.size < 12
                and not reported_k
                and not run.paint.is_pure_black()
                and run.paint.values != (0, 0, 0, 0)
                and not _is_single_ink(run.paint)
            ):
                reported_k = True
                diags.warning(
                    "check.rich-small-text",
                    f"small text in slot `{item.slot}` ({run.size:g} pt) is printed in "
                    "several inks; misregistration will blur it",
                    item.source,
                    hints=("use 100% K (or one ink) for text under 12 pt",),
                )


def _pair(text: Paint, background: Paint) -> tuple[str, ...]:
    """A hint naming the failing pair of palette colours, and where each is defined."""
    if text.color is None or background.color is None:
        return ()
    places = [
        f"`{paint.color}` at {paint.origin.short()}"
        for paint in (text, background)
        if paint.origin is not None
    ]
    return (
        f"the failing pair: `{text.color}` on `{background.color}`"
        + (f" ({'; '.join(places)})" if places else ""),
    )


def _is_single_ink(paint: Paint) -> bool:
    return sum(1 for value in paint.values if value > 0.001) <= 1


_SENTENCE = re.compile(r"[.!?]+")
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


def syllables(word: str) -> int:
    """A heuristic syllable count (vowel groups, silent final e), good enough for a grade."""
    word = word.lower()
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade level of English text."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len([s for s in _SENTENCE.split(text) if s.strip()]))
    syllable_count = sum(syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * syllable_count / len(words) - 15.59


def check_reading_level(texts: dict[str, tuple[str, Location]], diags: Diagnostics) -> None:
    """Warn when victim-facing English text reads above grade 6."""
    for key, (text, location) in texts.items():
        grade = reading_grade(text)
        if grade > MAX_GRADE and len(_WORD.findall(text)) >= 8:
            diags.warning(
                "check.reading-level",
                f"`{key}` reads at about grade {grade:.1f}; victim-facing text should be "
                f"grade {MAX_GRADE:g} or below",
                location,
                hints=("use shorter sentences and everyday words",),
            )
