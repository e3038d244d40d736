"""Preflight: prove a built PDF is print-ready and says what it encodes, from the file itself.

Input: PDF files and the `manifest.json` written beside them. Output: diagnostics (stable
`check.*` and `qr.*` codes). Everything is read back from the PDF (pypdf for structure,
pypdfium2 to rasterize and extract text, zxing-cpp to decode QR codes), never from our
own model, so a rendering bug cannot hide behind the layout that intended the right thing.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from outreach.diagnostics import Diagnostics, Location
from outreach.document import Document

QR_CHECK_DPI = 150  # a realistic office-printer / phone-camera resolution
DISTANCE_DPI = 72  # about what a phone camera (4,000 px across a 1.2 m field) resolves at 1.5 m
_RGB = re.compile(rb"(?<![\w.])(?:-?[\d.]+\s+){3}(?:rg|RG)\b")
_PHONE = re.compile(r"\b1-\d{3}-[0-9A-Z]{3}-[0-9A-Z]{4}\b")


@dataclass(frozen=True, slots=True)
class FileExpectation:
    """What the manifest says about a file."""

    path: Path
    profile: str
    qr_payloads: tuple[str, ...]
    printed_numbers: tuple[str, ...]
    imposed: bool = False  # a sheet of cards: each card has its bleed, the page has none
    material: str = ""
    qr_module_mm: float | None = None  # the smallest QR module in the file, as built


def expectations_from_manifest(manifest: Path) -> list[FileExpectation]:
    """Read `manifest.json`: which files, in which profile, encoding which payloads."""
    data: dict[str, Any] = json.loads(manifest.read_text(encoding="utf-8"))
    allowed = tuple(data.get("printed_numbers", ()))
    return [
        FileExpectation(
            manifest.parent / entry["file"],
            entry["profile"],
            tuple(entry.get("qr_payloads", ())),
            allowed,
            "imposition" in entry,
            entry.get("material", ""),
            entry.get("qr_module_mm"),
        )
        for entry in data.get("files", [])
    ]


def decode_qr(image: Any) -> set[str]:
    """The payloads of every QR code zxing-cpp finds in an image."""
    import zxingcpp

    return {
        r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode
    }


def check_file(expect: FileExpectation, diags: Diagnostics) -> None:
    """Run every preflight check on one PDF."""
    import pypdfium2
    from pypdf import PdfReader

    shown = expect.path.as_posix()
    try:
        data = expect.path.read_bytes()
        reader = PdfReader(io.BytesIO(data))
        document = pypdfium2.PdfDocument(data)
    except Exception as exc:  # a file that is not a PDF at all
        diags.error("check.unreadable", f"cannot read `{shown}` as a PDF: {exc}", Location(shown))
        return
    _check_fonts(reader, shown, diags)
    _check_boxes(reader, shown, expect.profile, diags, page_bleed=not expect.imposed)
    if expect.profile == "press":
        _check_no_rgb(reader, data, shown, diags)
    _check_qr(document, shown, expect.qr_payloads, diags)
    _check_module_size(expect, shown, diags)
    _check_numbers(document, shown, expect.printed_numbers, diags)
    document.close()


# Smallest QR module a material may print (print-facts.md): about 1 mm for a poster read
# from a step or two away, 0.4 mm for pieces held in the hand.
MIN_QR_MODULE_MM = {"poster": 1.0, "notice": 1.0}
HANDHELD_QR_MODULE_MM = 0.4


def _check_module_size(expect: FileExpectation, shown: str, diags: Diagnostics) -> None:
    if expect.qr_module_mm is None:
        return
    minimum = next(
        (size for prefix, size in MIN_QR_MODULE_MM.items() if expect.material.startswith(prefix)),
        HANDHELD_QR_MODULE_MM,
    )
    if expect.qr_module_mm < minimum - 1e-6:
        diags.error(
            "qr.too-small",
            f"the smallest QR module in `{shown}` is "
            f"{expect.qr_module_mm:.2f} mm; a {expect.material} needs {minimum:g} mm",
            Location(shown),
            hints=("make the code larger in its layout",),
        )


def _numbered_pages(reader: Any, only: list[int] | None) -> Iterator[tuple[int, Any]]:
    """(1-based number, page) of every page, or of the sampled page indices `only`."""
    indices = range(len(reader.pages)) if only is None else only
    for index in indices:
        yield index + 1, reader.pages[index]


def _check_fonts(
    reader: Any, shown: str, diags: Diagnostics, only: list[int] | None = None
) -> None:
    for number, page in _numbered_pages(reader, only):
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for font in fonts.values():
            font = font.get_object()
            name = str(font.get("/BaseFont"))
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            if not embedded:
                diags.error(
                    "check.font-not-embedded",
                    f"font `{name}` on page {number} is not "
                    "embedded; the printer would substitute it",
                    Location(shown),
                    hints=("use only the bundled fonts",),
                )
            elif "+" not in name:
                diags.warning(
                    "check.font-not-subset", f"font `{name}` is embedded whole", Location(shown)
                )
            if name.lstrip("/").split("+")[-1] not in _known_fonts():
                diags.warning(
                    "check.unexpected-font",
                    f"font `{name}` on page {number} is not one of the bundled fonts",
                    Location(shown),
                    hints=("expected only Noto fonts, or a font the pack adds for a language",),
                )


@cache
def _known_fonts() -> frozenset[str]:
    from outreach.fonts import bundled_font_names

    return bundled_font_names()


def _box(page: Any, name: str) -> tuple[float, ...] | None:
    if name not in page:
        return None
    return tuple(float(v) for v in page[name])


def _check_boxes(
    reader: Any,
    shown: str,
    profile: str,
    diags: Diagnostics,
    *,
    page_bleed: bool = True,
    only: list[int] | None = None,
) -> None:
    for number, page in _numbered_pages(reader, only):
        media, trim, bleed = (_box(page, n) for n in ("/MediaBox", "/TrimBox", "/BleedBox"))
        if trim is None or bleed is None or media is None:
            if profile == "press":
                diags.error(
                    "check.boxes",
                    f"page {number} has no TrimBox or BleedBox",
                    Location(shown),
                    hints=("press files need both",),
                )
            continue
        if not _inside(trim, bleed) or not _inside(bleed, media):
            diags.error(
                "check.boxes",
                f"page {number}: TrimBox must lie in BleedBox, BleedBox in MediaBox",
                Location(shown),
            )
        if profile == "press" and page_bleed and abs((trim[0] - bleed[0]) - 9.0) > 0.5:
            diags.error(
                "check.bleed",
                f"page {number} has {trim[0] - bleed[0]:.2f} pt of bleed, expected 9 pt (0.125 in)",
                Location(shown),
            )


def _inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    return (
        inner[0] >= outer[0] - 0.01
        and inner[1] >= outer[1] - 0.01
        and inner[2] <= outer[2] + 0.01
        and inner[3] <= outer[3] + 0.01
    )


def _check_no_rgb(
    reader: Any, data: bytes, shown: str, diags: Diagnostics, only: list[int] | None = None
) -> None:
    if b"/DeviceRGB" in data:
        diags.error(
            "check.rgb-in-press",
            "the press file uses the DeviceRGB colour space",
            Location(shown),
            hints=("press files must be CMYK only",),
        )
        return
    for number, page in _numbered_pages(reader, only):
        if _RGB.search(page.get_contents().get_data()):
            diags.error(
                "check.rgb-in-press",
                f"page {number} sets an RGB colour",
                Location(shown),
                hints=("press files must be CMYK only",),
            )


def _check_qr(document: Any, shown: str, expected: tuple[str, ...], diags: Diagnostics) -> None:
    found: set[str] = set()
    for page in document:
        found.update(decode_qr(page.render(scale=QR_CHECK_DPI / 72).to_pil()))
    for payload in sorted(set(expected) - found):
        diags.error(
            "qr.unreadable",
            f"QR code `{payload}` does not decode at {QR_CHECK_DPI} dpi",
            Location(shown),
            hints=("make the code larger or give it its quiet zone",),
        )
    for payload in sorted(found - set(expected)):
        diags.error(
            "qr.unexpected",
            f"the file contains a QR code for `{payload}`, which the manifest does not list",
            Location(shown),
        )


def _check_numbers(document: Any, shown: str, allowed: tuple[str, ...], diags: Diagnostics) -> None:
    if not allowed:
        return
    for number, page in enumerate(document, start=1):
        text = page.get_textpage().get_text_range()
        for printed in sorted(set(_PHONE.findall(text))):
            if printed not in allowed:
                diags.error(
                    "check.unknown-number",
                    f"page {number} prints `{printed}`, which is not one of the pack's contacts",
                    Location(shown),
                    hints=("every number printed must come from pack.yaml",),
                )


def check_paths(paths: list[Path], diags: Diagnostics) -> int:
    """Check PDFs or output folders (with their manifest); returns how many files were checked."""
    expectations: list[FileExpectation] = []
    for path in paths:
        manifest = path / "manifest.json" if path.is_dir() else path.parent / "manifest.json"
        if not manifest.is_file():
            diags.error(
                "check.no-manifest",
                f"no manifest.json beside `{path}`",
                Location(str(path)),
                hints=("check files inside an output folder written by `outreach build`",),
            )
            continue
        listed = expectations_from_manifest(manifest)
        if path.is_dir():
            expectations.extend(listed)
        else:
            matching = [e for e in listed if e.path.name == path.name]
            if not matching:
                diags.error(
                    "check.not-in-manifest",
                    f"`{path.name}` is not listed in {manifest}",
                    Location(str(path)),
                )
            expectations.extend(matching)
    for expect in expectations:
        check_file(expect, diags)
    return len(expectations)


def _sample_pages(count: int, limit: int) -> list[int]:
    """Every page of a short document; first, middle and last pages of a long one."""
    if count <= limit:
        return list(range(count))
    return sorted({0, count // 2, count - 1})


def check_built_pdf(
    pdf: bytes, document: Document, shown: str, diags: Diagnostics, *, page_limit: int = 12
) -> None:
    """Preflight a freshly rendered PDF against the Document it was drawn from.

    Runs inside every build (unless turned off): fonts embedded and subset, page boxes, no
    RGB in press files, and every QR code on the checked pages decodes to the payload the
    layout put there. Long documents (card sheets) are sampled: first, middle, last page.
    """
    import pypdfium2
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    # A long print run is sampled like its QR codes: first, middle and last pages.
    sampled = _sample_pages(len(reader.pages), page_limit)
    _check_fonts(reader, shown, diags, sampled)
    imposed = document.material.endswith(("-sheet", "-alignment"))  # cards carry the bleed
    _check_boxes(reader, shown, document.profile, diags, page_bleed=not imposed, only=sampled)
    if document.color_space == "cmyk":
        _check_no_rgb(reader, pdf, shown, diags, sampled)
    rendered = pypdfium2.PdfDocument(pdf)
    for index in _sample_pages(len(document.pages), page_limit):
        page = document.pages[index]
        offset = page.bleed + page.slug
        for qr in page.qr_items():
            # Render only the code and a margin around it: fast enough to run on every build.
            pad = qr.rect.w * 0.15
            left = max(0.0, offset + qr.rect.x - pad)
            top = max(0.0, offset + qr.rect.y - pad)
            right = max(0.0, page.media_width - (offset + qr.rect.right + pad))
            bottom = max(0.0, page.media_height - (offset + qr.rect.bottom + pad))
            image = (
                rendered[index]
                .render(scale=QR_CHECK_DPI / 72, crop=(left, bottom, right, top))
                .to_pil()
            )
            found = decode_qr(image)
            if qr.data not in found:
                diags.error(
                    "qr.unreadable",
                    f"QR code `{qr.data}` (slot `{qr.slot}`, page "
                    f"{index + 1}) does not decode at {QR_CHECK_DPI} dpi",
                    Location(shown),
                    hints=("make the code larger or give it its quiet zone",),
                )
            for payload in sorted(found - {qr.data}):
                diags.error(
                    "qr.unexpected",
                    f"the QR code in slot `{qr.slot}` on page "
                    f"{index + 1} decodes to `{payload}`, not `{qr.data}`",
                    Location(shown),
                )
            _check_printed_beside(rendered[index], page, qr, index, shown, diags)
            if document.material.startswith("poster") and qr.data in found:
                _check_at_distance(
                    rendered[index], (left, bottom, right, top), qr, index, shown, diags
                )
    rendered.close()


def printed_form(payload: str) -> str:
    """What a reader must find printed beside a code: digits for tel/sms, the host for URLs."""
    if payload.lower().startswith("tel:"):
        return _digits(payload)[-10:]
    if payload.upper().startswith("SMSTO:") or payload.lower().startswith("sms:"):
        return _digits(payload.split(":")[1].split("?")[0])
    return urlsplit(payload).hostname or payload


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _check_printed_beside(
    page_pdf: Any, page: Any, qr: Any, index: int, shown: str, diags: Diagnostics
) -> None:
    """Check that the number or address encoded is printed within reach of the code.

    print-facts.md: never a QR code alone. Read from the PDF's text within two code-widths of
    it, or 70 mm, whichever is more (on a wallet card that is the whole card).
    """
    offset = page.bleed + page.slug
    reach = max(qr.rect.w * 2, 70 * 72 / 25.4)
    left = offset + qr.rect.x - reach
    right = offset + qr.rect.right + reach
    top = page.media_height - (offset + qr.rect.y - reach)
    bottom = page.media_height - (offset + qr.rect.bottom + reach)
    text = page_pdf.get_textpage().get_text_bounded(left=left, bottom=bottom, right=right, top=top)
    wanted = printed_form(qr.data)
    haystack = _digits(text) if wanted.isdigit() else text.replace("\r", "").replace("\n", "")
    if wanted not in haystack:
        diags.error(
            "check.printed-mismatch",
            f"QR code `{qr.data}` on page {index + 1} has no `{wanted}` printed beside it",
            Location(shown),
            hints=("print the number or address the code encodes next to it, in large type",),
        )


def _check_at_distance(
    page_pdf: Any,
    crop: tuple[float, float, float, float],
    qr: Any,
    index: int,
    shown: str,
    diags: Diagnostics,
) -> None:
    """Decode a poster's code as seen from a step or two away.

    A blurred, low-resolution image (about what a phone camera resolves at 1.5 m); a code
    lost there is a warning.
    """
    from PIL import ImageFilter

    image = page_pdf.render(scale=DISTANCE_DPI / 72, crop=crop).to_pil()
    image = image.convert("L").filter(ImageFilter.GaussianBlur(radius=1.0))
    if qr.data not in decode_qr(image):
        diags.warning(
            "qr.unreadable-at-distance",
            f"QR code `{qr.data}` on page {index + 1} does not decode at {DISTANCE_DPI} dpi "
            "with blur (a phone at about 1.5 m)",
            Location(shown),
            hints=("make the code larger: scan distance is about ten times its width",),
        )
