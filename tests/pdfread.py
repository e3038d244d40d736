"""Read built PDFs from the outside: boxes, fonts, text, colours, rasters and QR codes."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import zxingcpp
from PIL import Image
from pypdf import PdfReader

MM = 72 / 25.4


def boxes(pdf: bytes) -> list[dict[str, tuple[float, float, float, float]]]:
    """MediaBox, TrimBox and BleedBox of every page, in points."""
    reader = PdfReader(io.BytesIO(pdf))
    result = []
    for page in reader.pages:
        entry = {}
        for name in ("/MediaBox", "/TrimBox", "/BleedBox"):
            if name in page:
                entry[name[1:]] = tuple(float(v) for v in page[name])
        result.append(entry)
    return result


@dataclass
class FontInfo:
    """A font resource as written in the PDF."""

    name: str
    subtype: str
    embedded: bool


def fonts(pdf: bytes) -> list[FontInfo]:
    """Every font referenced by any page."""
    reader = PdfReader(io.BytesIO(pdf))
    found: dict[str, FontInfo] = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = bool(descriptor) and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            name = str(font.get("/BaseFont"))
            found[name] = FontInfo(name, str(font.get("/Subtype")), embedded)
    return list(found.values())


def text(pdf: bytes) -> list[str]:
    """Extracted text of every page (pdfium), whitespace collapsed."""
    document = pdfium.PdfDocument(pdf)
    pages = []
    for page in document:
        pages.append(" ".join(page.get_textpage().get_text_range().split()))
    return pages


def text_lines(pdf: bytes, page: int) -> list[str]:
    """Extracted text of one page (pdfium), as its non-empty lines."""
    text = pdfium.PdfDocument(pdf)[page].get_textpage().get_text_range()
    return [line for line in text.split("\r\n") if line.strip()]


def pdftotext_lines(pdf: bytes, page: int) -> list[str] | None:
    """Extracted text of one page (poppler's pdftotext), its non-empty lines.

    None if pdftotext is not installed. poppler's bidi embedding controls are left out.
    """
    if shutil.which("pdftotext") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(
            [
                "pdftotext",
                "-f",
                str(page + 1),
                "-l",
                str(page + 1),
                "-enc",
                "UTF-8",
                str(path),
                "-",
            ],
            capture_output=True,
            check=True,
            text=True,
        )
    text = re.sub("[\u202a-\u202e]", "", result.stdout)
    return [line for line in text.splitlines() if line.strip()]


def content_streams(pdf: bytes) -> list[str]:
    """Decoded content streams of every page, as text."""
    reader = PdfReader(io.BytesIO(pdf))
    return [page.get_contents().get_data().decode("latin-1") for page in reader.pages]


RGB_OPERATORS = re.compile(r"(?<![\w.])(?:-?[\d.]+\s+){3}(rg|RG)\b")


def uses_rgb(pdf: bytes) -> bool:
    """True if any page sets an RGB colour (rg/RG) or a DeviceRGB colour space."""
    raw = pdf.decode("latin-1")
    if "/DeviceRGB" in raw:
        return True
    return any(RGB_OPERATORS.search(stream) for stream in content_streams(pdf))


def render(pdf: bytes, page: int = 0, dpi: float = 150) -> Image.Image:
    """Rasterize one page (the whole MediaBox) with pdfium."""
    document = pdfium.PdfDocument(pdf)
    return document[page].render(scale=dpi / 72).to_pil().convert("RGB")


def decode_qr_codes(image: Image.Image) -> list[str]:
    """Every QR code zxing-cpp finds in an image."""
    return sorted(
        result.text
        for result in zxingcpp.read_barcodes(image)
        if result.format == zxingcpp.BarcodeFormat.QRCode
    )
