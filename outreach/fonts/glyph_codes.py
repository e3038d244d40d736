"""Turn each shaped glyph into a character code whose ToUnicode entry is the text it stands for.

Input: a TrueType file, and the glyphs shaped text draws with it. Output: a ReportLab font
that hands out character codes for (glyph, text, width) and writes a ToUnicode CMap with
that text into each subset, so copied text reads as what was drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

# Character codes for glyphs drawn under a text other than their own cmap character start
# here (Supplementary Private Use Area-A). They never reach the PDF: the subset font is
# addressed by byte codes, and the ToUnicode table is rewritten with the real text.
_PRIVATE_START = 0xF0000
_BFCHAR_BLOCK = 100  # entries per beginbfchar block (PDF 32000-1, 9.10.3)


class _Font(TTFont):  # type: ignore[misc]  # ReportLab is untyped
    """A ReportLab TrueType font whose ToUnicode table says what each drawn glyph stands for.

    ReportLab's subsetter writes, for every character code used, the code's own character
    as its ToUnicode entry. Shaped text draws glyphs that no character maps to (contextual
    forms, dots drawn apart, mirrored brackets) and glyphs that stand for other text than
    their cmap character, so such a glyph gets a code of its own for each (glyph, text,
    width) it is drawn with, and `addObjects` rewrites the subset's ToUnicode table with
    that text. Codes are handed out in order of first use in the process; they are never
    written to the PDF, so output stays byte-identical for identical input.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self.texts: dict[int, str] = {}
        self.codes: dict[tuple[int, str, int], int] = {}
        self.next_code = _PRIVATE_START

    def code_for(self, gid: int, text: str, width: int) -> int:
        """The character code that draws glyph `gid`, copies as `text` and is `width` wide."""
        face = self.face
        if len(text) == 1:
            own = ord(text)
            if face.charToGlyph.get(own) == gid and round(face.charWidths.get(own, -1)) == width:
                return own
        key = (gid, text, width)
        code = self.codes.get(key)
        if code is None:
            while self.next_code in face.charToGlyph:
                self.next_code += 1
            code = self.next_code
            self.next_code += 1
            self.codes[key] = code
            self.texts[code] = text
            face.charToGlyph[code] = gid
            face.charWidths[code] = width
        return code

    def addObjects(self, doc: Any) -> None:  # noqa: N802  # ReportLab's name
        """Write the subsets as ReportLab does, then the real text into their ToUnicode."""
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            if not any(code in self.texts for code in subset):
                continue
            name = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX))
            base = name.decode("pdfdoc")
            stream = doc.idToObject["toUnicodeCMap:" + base]
            stream.content = _to_unicode(base, [self.texts.get(code, chr(code)) for code in subset])


def _to_unicode(name: str, texts: Sequence[str]) -> str:
    """A ToUnicode CMap mapping byte code i to texts[i] (codes with no text are left out)."""
    entries = [
        f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>"
        for code, text in enumerate(texts)
        if text
    ]
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(texts) - 1:02X}>",
        "endcodespacerange",
    ]
    for start in range(0, len(entries), _BFCHAR_BLOCK):
        block = entries[start : start + _BFCHAR_BLOCK]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)
