"""Place a localized piece onto the pages of a layout.

Input: `model.Piece`, `model.LayoutSpec`, `model.Profile`, `fonts.FontBook`.
Output: `document.Document`. Every decision about position, line breaks, font size and
colour is made here; `render.py` only draws what it is given. Problems (overflow, missing
glyphs, QR codes too small to scan) are reported to the diagnostics collector.

`piece.py` lays out a piece and `page.py` fills the slots of its pages; each module
beside them does one job for those two, or for the card and notice layouters.
"""

from outreach.layout.piece import layout_piece

__all__ = ["layout_piece"]
