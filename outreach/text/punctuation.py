"""Full-width punctuation in a row: which marks give up their blank half.

Input: a paragraph's text and the font of each unshaped character. Output: the marks to
set at half their advance. A full-width closing bracket before a full-width comma would
otherwise leave a whole em of white between them (issue 16); Chinese and Japanese
typesetting (CLREQ, JIS X 4051) give up the first mark's blank half. The caller ends the
mark's run there, so the next run starts half an em earlier while the mark's own glyph is
drawn as it is. Only a mark whose ink lies in the left half of its em is compressed: the
Traditional Chinese comma and full stop are centred, and keep their width.
"""

from __future__ import annotations

import re
import unicodedata

from outreach.fonts import FontBook
from outreach.text import shaping

# Two full-width punctuation marks in a row (CJK Symbols and Punctuation, Halfwidth and
# Fullwidth Forms): the only place punctuation is compressed.
FULLWIDTH_PAIR = re.compile("[\u3000-\u303f\uff00-\uff65]{2,}")


def _is_fullwidth_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "P" and unicodedata.east_asian_width(char) in "WF"


def half_width_marks(text: str, fonts_at: dict[int, str], fonts: FontBook) -> dict[int, float]:
    """Index -> advance (per unit of size) of each mark set at half its width.

    `fonts_at` names the font of each character that is drawn unshaped; shaped text
    (HarfBuzz positions its own glyphs) is left alone.
    """
    halves: dict[int, float] = {}
    for match in FULLWIDTH_PAIR.finditer(text):
        for index in range(match.start(), match.end() - 1):
            font = fonts_at.get(index)
            if font is None or not (
                _is_fullwidth_mark(text[index]) and _is_fullwidth_mark(text[index + 1])
            ):
                continue
            glyphs = fonts.cmap_glyphs(font, text[index], 1.0)
            if not glyphs:
                continue
            _, _, right, _ = shaping.glyph_extents(fonts.font_path(font), glyphs[0].id)
            if 0.0 < right <= glyphs[0].advance / 2 + 0.02:
                halves[index] = glyphs[0].advance / 2
    return halves
