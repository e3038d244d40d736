"""Fonts a validator accepts (issue 19, step 3): for every code drawn in the Arabic-script,
Devanagari, Gurmukhi and Khmer files of a sample, /Widths is the embedded font program's
advance, and every drawn code has a ToUnicode entry that is not U+0000."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest
from fontTools.ttLib import TTFont

from outreach import build_material

SAMPLE = [
    ("poster", "letter", "fa", "office"),
    ("poster", "a4", "ar", "press"),
    ("brochure", "letter", "hi", "office"),
    ("brochure", "letter", "pa", "press"),
    ("poster", "letter", "km", "office"),
    ("wallet-card", "cr80", "prs", "office"),
]

_ENTRY = re.compile(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4,})>")


def _program_advances(font: pikepdf.Dictionary) -> dict[int, float]:
    """Code -> advance (thousandths of an em) read from the embedded TrueType program."""
    program = TTFont(io.BytesIO(font.FontDescriptor.FontFile2.read_bytes()))
    scale = 1000 / program["head"].unitsPerEm
    hmtx = program["hmtx"]
    advances: dict[int, float] = {}
    for table in program["cmap"].tables:
        for code, name in table.cmap.items():
            advances[code & 0xFF] = hmtx[name][0] * scale
    return advances


@pytest.mark.parametrize(("material", "size", "language", "profile"), SAMPLE)
def test_widths_are_the_font_programs_advances(
    material: str, size: str, language: str, profile: str
) -> None:
    pdf = build_material(material, size=size, language=language, profile=profile).pdf
    checked = 0
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        fonts: dict[tuple[int, int], pikepdf.Dictionary] = {}
        drawn: dict[tuple[int, int], set[int]] = {}
        for pdf_page in doc.pages:
            resources = pdf_page.Resources.Font
            font = None
            mode = 0
            for operands, operator in pikepdf.parse_content_stream(pdf_page):
                op = str(operator)
                if op == "Tf":
                    font = resources[str(operands[0])]
                    fonts[font.objgen] = font
                elif op == "Tr":
                    mode = int(operands[0])
                elif op in ("Tj", "TJ") and font is not None and mode != 3:
                    strings = operands[0] if op == "TJ" else [operands[0]]
                    drawn.setdefault(font.objgen, set()).update(
                        c for s in strings if isinstance(s, pikepdf.String) for c in bytes(s)
                    )
        for key, codes in sorted(drawn.items()):
            font = fonts[key]
            advances = _program_advances(font)
            first = int(font.FirstChar)
            widths = [float(w) for w in font.Widths]
            mapped = {
                int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
                for code, text in _ENTRY.findall(font.ToUnicode.read_bytes())
            }
            for code in sorted(codes):
                assert abs(widths[code - first] - advances[code]) <= 1, (
                    f"{font.BaseFont} code {code}: /Widths {widths[code - first]}, "
                    f"font program {advances[code]}"
                )
                assert mapped.get(code, "\0") != "\0", f"{font.BaseFont} code {code}"
                checked += 1
    assert checked > 50
