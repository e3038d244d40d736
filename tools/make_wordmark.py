"""Write the Alameda pack's wordmark: its name set in Noto Sans, as SVG outlines -> logo.svg.

Input: the bundled Noto Sans fonts. Output: `content/alameda-heart/images/wordmark.svg`,
the organization's name in type, in the layouts' teal and gold (not the county seal: we
have no right to it). Glyphs are outlines, so the file needs no font and stays vector.
Run `python tools/make_wordmark.py` after changing it.
"""

from __future__ import annotations

from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "outreach" / "fonts" / "files"
OUT = ROOT / "content" / "alameda-heart" / "images" / "wordmark.svg"
TEAL, GOLD = "#0f4c5c", "#e9c46a"


def _line(font: TTFont, text: str, x: float, baseline: float, size: float) -> tuple[str, float]:
    """SVG path data of `text` at (x, baseline), `size` units tall; and its advance."""
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    scale = size / font["head"].unitsPerEm
    pen = SVGPathPen(glyphs, ntos=lambda v: f"{v:.2f}".rstrip("0").rstrip("."))
    for char in text:
        name = cmap[ord(char)]
        glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x, baseline)))
        x += glyphs[name].width * scale
    return pen.getCommands(), x


def main() -> None:
    bold = TTFont(FONTS / "NotoSans-Bold.ttf")
    regular = TTFont(FONTS / "NotoSans-Regular.ttf")
    first, end1 = _line(bold, "Alameda County", 30, 44, 40)
    second, end2 = _line(regular, "District Attorney\u2019s Office", 31, 80, 24.5)
    width = round(max(end1, end2) + 4)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 92" '
        f'width="{width}" height="92">\n'
        f'  <rect x="0" y="6" width="14" height="80" rx="3" fill="{GOLD}"/>\n'
        f'  <path fill="{TEAL}" d="{first}"/>\n'
        f'  <path fill="{TEAL}" d="{second}"/>\n'
        "</svg>\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
