"""Proofs: PNG previews of built PDFs and one contact sheet per folder.

Input: PDF files (or output folders). Output: `<name>-p<N>.png` per page at proof
resolution and `contact-sheet.png`, so a reviewer can see a whole campaign in one picture.
Rasterized with pypdfium2 (a wheel: no Ghostscript or poppler needed).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from outreach.fonts import FONT_DIR

PREVIEW_DPI = 50
THUMB_HEIGHT = 260  # pixels of each page on the contact sheet
LABEL_HEIGHT = 34


@dataclass(frozen=True, slots=True)
class Proof:
    """One rendered page."""

    pdf: Path
    page: int
    png: Path


def _pdfs(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.glob("*.pdf")))
        elif path.suffix.lower() == ".pdf":
            found.append(path)
    return found


def write_previews(paths: list[Path], out_dir: Path, *, dpi: int = PREVIEW_DPI) -> list[Proof]:
    """Render every page of every PDF to a PNG in `out_dir`."""
    import pypdfium2

    out_dir.mkdir(parents=True, exist_ok=True)
    proofs = []
    for pdf in _pdfs(paths):
        document = pypdfium2.PdfDocument(pdf)
        for index, page in enumerate(document, start=1):
            png = out_dir / f"{pdf.stem}-p{index}.png"
            page.render(scale=dpi / 72).to_pil().convert("RGB").save(png, optimize=True)
            proofs.append(Proof(pdf, index, png))
        document.close()
    return proofs


def write_contact_sheet(proofs: list[Proof], target: Path, *, title: str = "") -> Path:
    """All proofs on one sheet, in a grid, each labelled with its file and page."""
    from PIL import Image, ImageDraw, ImageFont

    thumbs = []
    for proof in proofs:
        with Image.open(proof.png) as image:
            scale = THUMB_HEIGHT / image.height
            thumbs.append(
                (
                    proof,
                    image.convert("RGB").resize((max(1, round(image.width * scale)), THUMB_HEIGHT)),
                )
            )
    columns = max(1, min(6, math.ceil(math.sqrt(len(thumbs) or 1) * 1.5)))
    cell_w = max((t.width for _, t in thumbs), default=200) + 24
    cell_h = THUMB_HEIGHT + LABEL_HEIGHT + 24
    rows = max(1, math.ceil(len(thumbs) / columns))
    header = 48 if title else 0
    sheet = Image.new("RGB", (columns * cell_w + 24, rows * cell_h + header + 24), "#e9eef0")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(str(FONT_DIR / "NotoSans-Regular.ttf"), 13)
    if title:
        big = ImageFont.truetype(str(FONT_DIR / "NotoSans-Bold.ttf"), 22)
        draw.text((24, 12), title, fill="#0f4c5c", font=big)
    for index, (proof, thumb) in enumerate(thumbs):
        x = 24 + (index % columns) * cell_w
        y = header + 24 + (index // columns) * cell_h
        sheet.paste(thumb, (x, y))
        draw.rectangle((x - 1, y - 1, x + thumb.width, y + thumb.height), outline="#9aa9ad")
        label = f"{proof.pdf.stem} p{proof.page}"
        draw.text((x, y + THUMB_HEIGHT + 6), label[:48], fill="#1b1b1b", font=font)
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(target, optimize=True)
    return target
