"""Turn each shaped glyph into a character code whose ToUnicode entry is the text it stands for.

Input: a TrueType file, and the glyphs shaped text draws with it. Output: a ReportLab font
that hands out character codes for (glyph, text, width) and writes a ToUnicode CMap with
that text into each subset, so copied text reads as what was drawn.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import TTFont

# Character codes for glyphs drawn under a text other than their own cmap character start
# here (Supplementary Private Use Area-A). They never reach the PDF: the subset font is
# addressed by byte codes, and the ToUnicode table is rewritten with the real text.
_PRIVATE_START = 0xF0000
_NOTHING = "\u200b"  # ZERO WIDTH SPACE: the ToUnicode entry of a glyph with no text of its own
_BFCHAR_BLOCK = 100  # entries per beginbfchar block (PDF 32000-1, 9.10.3)
_SYMBOLIC, _NONSYMBOLIC = 1 << 2, 1 << 5  # FontDescriptor flags (PDF 32000-1, 9.8.2)


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
        self.codes: dict[tuple[int, str, float | None], int] = {}
        self.next_code = _PRIVATE_START
        face = self.face
        hhea = face.get_table("hhea")
        self.long_metrics = int.from_bytes(hhea[34:36], "big")  # numberOfHMetrics

    def advance(self, gid: int) -> float:
        """Glyph `gid`'s advance in the font program (hmtx), in thousandths of an em.

        A validator checks each code's /Widths entry against this (PDF 32000-1, 9.6.2;
        ISO 14289-1, 7.21.5): glyphs past the long metrics share the last advance.
        """
        face = self.face
        raw = face.hmetrics[min(gid, self.long_metrics - 1)][0]
        return float(face._pdfScale(raw))

    def code_for(self, gid: int, text: str, width: float | None = None) -> int:
        """The character code that draws glyph `gid` and copies as `text`.

        The code's /Widths entry is the glyph's own advance in the font program: shaped
        positions and kerning are written as TJ adjustments (ReportLab's shaped strings),
        so drawing never depends on the widths. Only a glyph that is never rendered (text
        render mode 3, for readers only) may be given another `width`, in thousandths of
        an em: validators compare the widths of rendered glyphs (ISO 14289-1, 7.21.5).
        """
        face = self.face
        if width is None and len(text) == 1:
            own = ord(text)
            if face.charToGlyph.get(own) == gid and own in face.charWidths:
                return own
        key = (gid, text, width)
        code = self.codes.get(key)
        if code is None:
            while self.next_code in face.charToGlyph:
                self.next_code += 1
            code = self.next_code
            self.next_code += 1
            self.codes[key] = code
            # A glyph drawn for no text of its own (a mark or dot riding in a word, a
            # word's end marker) is always inside an /ActualText span, which readers take
            # instead; it still gets an entry, since validators require one for every code
            # drawn (ISO 14289-1, 7.21.7): a zero-width space, which reads as nothing.
            self.texts[code] = text or _NOTHING
            face.charToGlyph[code] = gid
            face.charWidths[code] = self.advance(gid) if width is None else width
        return code

    def addObjects(self, doc: Any) -> None:  # noqa: N802  # ReportLab's name
        """Write each subset as ReportLab does, under a tag derived from its contents.

        ReportLab names subsets `AAAAAA+`, `AAAAAB+`... by their number in the file, so
        one name stood for many different programs across a kit, and a RIP that trusts
        names can draw a glyph from the wrong subset when files are ganged or merged
        (issue 20). The six letters here are a hash of the subset font program, its
        widths and its ToUnicode text: the same subset gets the same name in every file
        and every build, different subsets different names (PDF 32000-1, 9.6.4).
        """
        state = self.state.get(doc)
        if state is None:
            return
        state.frozen = 1
        fonts = doc.idToObject["BasicFonts"].dict
        for number, subset in enumerate(state.subsets):
            internal = self.getSubsetInternalName(number, doc)[1:]
            program = self.face.makeSubset(subset)
            widths = [self.face.getCharWidth(code) for code in subset]
            texts = [self.texts.get(code, chr(code)) for code in subset]
            tag = subset_tag(self.face.name, program, widths, texts)
            base = (tag + b"+" + self.face.name + self.face.subfontNameX).decode("pdfdoc")
            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {number}"
            font.Name = internal
            font.BaseFont = base
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = pdfdoc.PDFArray(widths)
            cmap = pdfdoc.PDFStream()
            cmap.content = _to_unicode(base, texts)
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base)
            font.FontDescriptor = self._descriptor(doc, base, program)
            doc.Reference(font, internal)
            fonts[internal] = font
        del self.state[doc]

    def _descriptor(self, doc: Any, base: str, program: bytes) -> Any:
        """The FontDescriptor and embedded program of one subset (ReportLab's own keys)."""
        face = self.face
        stream = pdfdoc.PDFStream()
        stream.content = program
        stream.dictionary["Length1"] = len(program)
        if doc.compression:
            stream.filters = [pdfdoc.PDFZCompress]
        reference = doc.Reference(stream, f"fontFile:{face.filename}({base})")
        descriptor = pdfdoc.PDFDictionary(
            {
                "Type": "/FontDescriptor",
                "Ascent": face.ascent,
                "CapHeight": face.capHeight,
                "Descent": face.descent,
                "Flags": (face.flags & ~_NONSYMBOLIC) | _SYMBOLIC,
                "FontBBox": pdfdoc.PDFArray(face.bbox),
                "FontName": pdfdoc.PDFName(base),
                "ItalicAngle": face.italicAngle,
                "StemV": face.stemV,
                "FontFile2": reference,
                "MissingWidth": face.defaultWidth,
            }
        )
        return doc.Reference(descriptor, "fontDescriptor:" + base)


def subset_tag(name: bytes, program: bytes, widths: Sequence[int], texts: Sequence[str]) -> bytes:
    """Six capital letters from a hash of a subset's font, program, widths and text."""
    digest = hashlib.sha256()
    for part in (name, program, repr(list(widths)).encode(), "\0".join(texts).encode()):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    value = int.from_bytes(digest.digest()[:8], "big")
    letters = []
    for _ in range(6):
        value, letter = divmod(value, 26)
        letters.append(65 + letter)
    return bytes(letters)


def _to_unicode(name: str, texts: Sequence[str]) -> str:
    """A ToUnicode CMap mapping byte code i to texts[i].

    Codes with no text, and the codes ReportLab fills with .notdef (code 0 and unused codes
    below 32 of the first subset), are left out: a mapping to U+0000 is an error for PDF/UA
    validators (ISO 14289-1, 7.21.7), and those codes are never drawn.
    """
    entries = [
        f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>"
        for code, text in enumerate(texts)
        if text and "\0" not in text
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
