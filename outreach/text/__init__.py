"""The multilingual text engine: NFC, script and font runs, bidi, shaping, line breaking.

Input: a paragraph's text, its language and the fonts to try. Output: lines of positioned
`document.TextRun`s in visual order, shaped where the script needs it, each shaped run
with the pieces that write its glyphs so that copying gives the source text
(`extraction.py`). `layout/text.py` fits paragraphs into boxes with it; every
material sets its text through that one path. uharfbuzz and python-bidi live here only.
"""

from __future__ import annotations

from outreach.text.scripts import is_rtl

__all__ = ["is_rtl"]
