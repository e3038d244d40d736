"""The font book: bundled static fonts, user fonts, their metrics and their glyph coverage.

Input: font files shipped in `outreach/fonts/files/` (and TrueType files a pack names under
`fonts:`). Output: font names registered with ReportLab, the family each language is set
in, text widths for layout, the characters a font cannot draw (ReportLab would silently
print nothing for them), and the glyph strings render.py draws for shaped text, each
glyph under a character code whose ToUnicode entry is the text it stands for.

`families.py` names the families, `registry.py` registers and inspects font files,
`glyph_codes.py` writes what each shaped glyph stands for, and `book.py` answers layout.
"""

from outreach.fonts.book import FontBook, FontMetrics, is_ignorable
from outreach.fonts.families import BUNDLED_FAMILIES, bundled_font_names, family_for
from outreach.fonts.registry import (
    FONT_DIR,
    FontError,
    FontFileProblem,
    inspect_font_file,
    weight_axis,
)

__all__ = [
    "BUNDLED_FAMILIES",
    "FONT_DIR",
    "FontBook",
    "FontError",
    "FontFileProblem",
    "FontMetrics",
    "bundled_font_names",
    "family_for",
    "inspect_font_file",
    "is_ignorable",
    "weight_axis",
]
