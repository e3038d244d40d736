"""Turn a layout's type role and a piece's fonts into a `Paragraph` ready to set.

Input: text, a `model.TypeRole`, a `Typeface` (a pack's own fonts for the language, or a
bundled family) and a paint. Output: `layout.text.Paragraph`. Every slot, flow, chart,
card and notice builds its paragraphs here, so a pack's `fonts:` entry reaches all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from outreach.core.layout_specs import TypeRole
from outreach.core.model import FontOverride, Piece
from outreach.core.text_lines import PARAGRAPH, Paint
from outreach.core.values import value_methods
from outreach.fonts import FontBook, family_for
from outreach.layout.text import Paragraph, parse_spans

FAMILY = "NotoSans"  # the bundled family of facts, marks and small print

# The structure role (heading level) of text set in a type role of the layout files; any
# other role is a paragraph. `layout/structure.py` makes the levels nest per document.
HEADING_ROLES = {
    "headline": "H1",
    "cover_title": "H1",
    "title": "H1",
    "heading": "H2",
    "back_heading": "H2",
    "subheading": "H3",
}


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Typeface:
    """The fonts a text is set in: a pack's override, else a bundled family.

    Fonts are registered only when a weight is asked for, so a bold-only role never loads
    the regular face.
    """

    fonts: FontBook
    family: str
    override: FontOverride | None = None

    def font(self, weight: str) -> str:
        """The registered font name for `regular` or `bold` (bold falls back to regular)."""
        if self.override is not None:
            bold = self.override.bold
            if weight == "bold" and bold:
                return self.fonts.add_font(bold)
            name = self.fonts.add_font(self.override.regular)
            if weight == "bold" and self.override.latin_bold:
                self.fonts.keep_latin_bold(name)  # Latin text keeps Noto Sans Bold
            return name
        return self.fonts.font_name(self.family, weight)


def typeface_for(fonts: FontBook, piece: Piece, *, family: str | None = None) -> Typeface:
    """The typeface of a piece's text: the pack's `fonts:` entry for its language wins.

    Without one, text is set in `family` when given (Noto Sans for facts such as numbers
    and links, which read the same in every language), else in the language's own family.
    """
    return Typeface(
        fonts, family or family_for(piece.language), piece.pack.fonts.get(piece.language)
    )


def role_paragraph(
    text: str,
    role: TypeRole,
    face: Typeface,
    paint: Paint,
    *,
    language: str,
    bold: bool | None = None,
    size: float | None = None,
    min_size: float | None = None,
    space_after: float | None = None,
    align: str | None = None,
    bullet: Paint | None = None,
) -> Paragraph:
    """A paragraph of `text` styled by a type role; keywords override the role's values.

    Args:
        text: content with `**bold**` runs.
        role: weight, size range, leading, spacing and alignment.
        face: where the fonts come from; the role's weight picks one, `**bold**` the other.
        paint: the text colour in the profile's colour space.
        language: BCP 47 tag: direction, alignment, line breaking and fallback fonts;
            required, since text set as English in a right-to-left piece reads wrong.
        bold: set the whole text bold (default: when the role is bold).
        size: the starting size, if not the role's (the notice scales all roles together).
        min_size: the smallest size, if not the role's (equal to `size`: never shrinks).
        space_after: space after the paragraph as a multiple of its size.
        align: `left`, `center` or `right` (logical), if not the role's.
        bullet: hang a bullet in this paint before the paragraph.
    """
    return Paragraph(
        spans=parse_spans(text, bold=role.weight == "bold" if bold is None else bold),
        size=role.size if size is None else size,
        min_size=role.min_size if min_size is None else min_size,
        leading=role.leading,
        space_after=role.space_after if space_after is None else space_after,
        regular_font=face.font(role.weight),
        bold_font=face.font("bold"),
        paint=paint,
        align=role.align if align is None else align,
        bullet=bullet is not None,
        bullet_paint=bullet,
        language=language,
        structure=HEADING_ROLES.get(role.name, PARAGRAPH),
    )
