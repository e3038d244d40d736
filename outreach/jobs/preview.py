"""Proofs: PNG previews of built PDFs and one contact sheet per folder.

Input: PDF files (or output folders). Output: `<name>-p<N>.png` per page at proof
resolution and contact sheets (`contact-sheet-01.png`, ...), so a reviewer can see a whole
campaign in a few pictures. Rasterized with pypdfium2 (a wheel: no Ghostscript or poppler
needed). Each sheet is at most `SHEET_MAX` pixels a side: one sheet of 2898 x 43320 px for
the default kit was refused by Pillow as a decompression bomb (issue 21).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from outreach.core.diagnostics import BuildError, Diagnostics, Location
from outreach.core.values import value_methods
from outreach.fonts import FONT_DIR

PREVIEW_DPI = 50
THUMB_HEIGHT = 260  # pixels of each page on the contact sheet
THUMB_MAX_WIDTH = 640  # a wide page is scaled down further, so a column always fits
LABEL_HEIGHT = 34
SHEET_MAX = 4000  # pixels a side: image viewers open it, Pillow's bomb check passes
MARGIN = 24
HEADER = 48
_SHEET_NAME = re.compile(r"contact-sheet(-\d+)?\.png")


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Proof:
    """One rendered page."""

    pdf: Path
    page: int
    png: Path


def _pdfs(paths: list[Path], diags: Diagnostics) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.glob("*.pdf")))
        elif path.suffix.lower() == ".pdf":
            found.append(path)
        else:
            diags.error(
                "preview.not-a-pdf",
                f"`{path.name}` is not a PDF",
                Location(path.as_posix()),
                hints=("name PDF files or output folders",),
            )
    return found


def write_previews(
    paths: list[Path],
    out_dir: Path,
    *,
    dpi: int = PREVIEW_DPI,
    diags: Diagnostics | None = None,
) -> list[Proof]:
    """Render every page of every PDF to a PNG in `out_dir`.

    A file that is not a PDF (or cannot be read) is a `preview.not-a-pdf` error in `diags`
    and is skipped; without `diags`, the errors are raised as a `BuildError`.
    """
    import pypdfium2

    own = diags if diags is not None else Diagnostics()
    proofs = []
    for pdf in _pdfs(paths, own):
        try:
            document = pypdfium2.PdfDocument(pdf)
        except (pypdfium2.PdfiumError, OSError) as exc:
            own.error(
                "preview.not-a-pdf",
                f"`{pdf.name}` cannot be read as a PDF: {exc}",
                Location(pdf.as_posix()),
                hints=("preview only the PDFs that `outreach build` wrote",),
            )
            continue
        out_dir.mkdir(parents=True, exist_ok=True)
        for index, page in enumerate(document, start=1):
            png = out_dir / f"{pdf.stem}-p{index}.png"
            page.render(scale=dpi / 72).to_pil().convert("RGB").save(png, optimize=True)
            proofs.append(Proof(pdf, index, png))
        document.close()
    if diags is None and own.has_errors():
        raise BuildError(own.items)
    return proofs


def write_contact_sheets(proofs: list[Proof], folder: Path, *, title: str = "") -> list[Path]:
    """The proofs on numbered sheets (`contact-sheet-01.png`, ...) in a grid, each labelled.

    Sheets are at most `SHEET_MAX` pixels a side; sheets a previous run left in `folder`
    under these names are removed, so the folder holds only this run's.
    """
    from PIL import Image, ImageDraw, ImageFont

    thumbs = []
    for proof in proofs:
        with Image.open(proof.png) as image:
            scale = min(THUMB_HEIGHT / image.height, THUMB_MAX_WIDTH / image.width)
            size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
            thumbs.append((proof, image.convert("RGB").resize(size)))
    cell_w = THUMB_MAX_WIDTH + MARGIN
    if thumbs:
        cell_w = max(t.width for _, t in thumbs) + MARGIN
    cell_h = THUMB_HEIGHT + LABEL_HEIGHT + MARGIN
    header = HEADER if title else 0
    columns = max(1, (SHEET_MAX - MARGIN) // cell_w)
    rows = max(1, (SHEET_MAX - MARGIN - header) // cell_h)
    per_sheet = columns * rows
    pages = [thumbs[i : i + per_sheet] for i in range(0, len(thumbs), per_sheet)] or [[]]
    font = ImageFont.truetype(str(FONT_DIR / "NotoSans-Regular.ttf"), 13)
    big = ImageFont.truetype(str(FONT_DIR / "NotoSans-Bold.ttf"), 22)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if _SHEET_NAME.fullmatch(old.name):
            old.unlink()
    written = []
    for number, page in enumerate(pages, start=1):
        used_columns = min(columns, max(1, len(page)))
        used_rows = max(1, -(-len(page) // columns))
        sheet = Image.new(
            "RGB",
            (used_columns * cell_w + MARGIN, used_rows * cell_h + header + MARGIN),
            "#e9eef0",
        )
        draw = ImageDraw.Draw(sheet)
        if title:
            label = title if len(pages) == 1 else f"{title} ({number}/{len(pages)})"
            draw.text((MARGIN, 12), label, fill="#0f4c5c", font=big)
        for index, (proof, thumb) in enumerate(page):
            x = MARGIN + (index % columns) * cell_w
            y = header + MARGIN + (index // columns) * cell_h
            sheet.paste(thumb, (x, y))
            draw.rectangle((x - 1, y - 1, x + thumb.width, y + thumb.height), outline="#9aa9ad")
            label = f"{proof.pdf.stem} p{proof.page}"
            draw.text((x, y + THUMB_HEIGHT + 6), label[:48], fill="#1b1b1b", font=font)
        target = folder / f"contact-sheet-{number:02d}.png"
        sheet.save(target, optimize=True)
        written.append(target)
    return written


def render_pages(
    pdf: bytes, *, dpi: int = PREVIEW_DPI, only: int | None = None, compress_level: int = 6
) -> list[bytes]:
    """Every page of a PDF in memory (or page `only`, from 0), rendered to PNG bytes.

    The same pdfium rendering as `write_previews`, without touching the disk: the web
    app's previews, which ask for zlib level 1 (PNG encoding is most of a preview's
    time; level 1 is 40% faster and 1% larger on a poster).

    Raises:
        BuildError: `preview.not-a-pdf`, if the bytes cannot be read as a PDF.
    """
    import io

    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError as exc:
        diags = Diagnostics()
        diags.error(
            "preview.not-a-pdf",
            f"the PDF cannot be read: {exc}",
            Location("<memory>"),
            hints=("preview only PDFs that outreach built",),
        )
        raise BuildError(diags.items) from None
    pngs = []
    try:
        for index, page in enumerate(document):
            if only is not None and index != only:
                continue
            buffer = io.BytesIO()
            image = page.render(scale=dpi / 72).to_pil().convert("RGB")
            image.save(buffer, "PNG", compress_level=compress_level)
            pngs.append(buffer.getvalue())
    finally:
        document.close()
    return pngs


def count_pages(pdf: bytes) -> int:
    """How many pages a PDF in memory has (0 if it cannot be read)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError:
        return 0
    try:
        return len(document)
    finally:
        document.close()
