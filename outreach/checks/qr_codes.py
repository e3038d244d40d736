"""QR codes read back from a PDF: each decodes to its payload, near and from a distance.

Input: pdfium pages (or a built PDF's `Document` items) and the payloads expected. Output:
`qr.*` and `check.printed-mismatch` diagnostics. zxing-cpp decodes, and Pillow blurs the
image for the poster's distance test; both load only when a PDF is checked.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from outreach.checks.manifest import FileExpectation
from outreach.checks.pdf_pages import numbered_pages
from outreach.core.diagnostics import Diagnostics, Location

QR_CHECK_DPI = 150  # a realistic office-printer / phone-camera resolution
DISTANCE_DPI = 72  # about what a phone camera (4,000 px across a 1.2 m field) resolves at 1.5 m


def decode_qr(image: Any) -> set[str]:
    """The payloads of every QR code zxing-cpp finds in an image."""
    import zxingcpp

    # Looking for QR codes only is five times faster than for every format (8 ms against
    # 42 ms on a letter sheet at 150 dpi).
    only_qr = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    found = zxingcpp.read_barcodes(image, formats=only_qr)
    return {r.text for r in found if r.format == zxingcpp.BarcodeFormat.QRCode}


# Smallest QR module a material may print (docs/print-production.md): about 1 mm for a poster read
# from a step or two away, 0.4 mm for pieces held in the hand.
MIN_QR_MODULE_MM = {"poster": 1.0, "notice": 1.0}
HANDHELD_QR_MODULE_MM = 0.4


def check_module_size(expect: FileExpectation, shown: str, diags: Diagnostics) -> None:
    """The smallest QR module is large enough for the material (`MIN_QR_MODULE_MM`)."""
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


def check_qr(document: Any, shown: str, expected: tuple[str, ...], diags: Diagnostics) -> None:
    """Every code the manifest lists decodes from the pages, and no other code does."""
    found: set[str] = set()
    for _, page in numbered_pages(document, None):
        found |= _codes_on_page(page)
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


RUN_QR_PAGES = 2  # a print run's first sheet, front and back: 0.1 s of rendering
BAND = 360.0  # points: 5 in of a card sheet rendered at a time
BAND_OVERLAP = 108.0  # more than the tallest code on a card, with its quiet zone


def _codes_on_page(page: Any, band: float | None = None) -> set[str]:
    """Every QR code on a page, decoded in grey at `QR_CHECK_DPI`.

    With `band`, the page is drawn that many points at a time, each band overlapping the
    next by more than a wallet card's code is tall: a letter sheet at 150 dpi would take
    8 MB to draw in colour and more to decode. Without, the page is drawn whole, for
    codes of any size (posters).
    """
    found: set[str] = set()
    height = page.get_height()
    step = height if band is None else band
    top = 0.0
    while True:
        bottom = min(height, top + step)
        crop = (0.0, height - bottom, 0.0, top)  # left, bottom, right, top margins
        image = page.render(scale=QR_CHECK_DPI / 72, crop=crop, grayscale=True).to_pil()
        found |= decode_qr(image)
        if bottom >= height:
            return found
        top = bottom - BAND_OVERLAP


def check_run_codes(
    rendered: Any, indices: list[int], shown: str, expected: set[str], diags: Diagnostics
) -> None:
    """The codes on a print run's first sheet decode, each to one of the run's payloads."""
    found: set[str] = set()
    for _, page in numbered_pages(rendered, indices):
        found |= _codes_on_page(page, BAND)
    if not found:
        diags.error(
            "qr.unreadable",
            f"no QR code on the first sheet of the run decodes at {QR_CHECK_DPI} dpi",
            Location(shown),
            hints=("make the code larger or give it its quiet zone",),
        )
    for payload in sorted(found - expected):
        diags.error(
            "qr.unexpected",
            f"a QR code on the first sheet of the run decodes to `{payload}`, "
            "which is none of the run's payloads",
            Location(shown),
        )


def printed_form(payload: str) -> str:
    """What a reader must find printed beside a code: digits for tel/sms, the host for URLs."""
    if payload.lower().startswith("tel:"):
        return _digits(payload)[-10:]
    if payload.upper().startswith("SMSTO:") or payload.lower().startswith("sms:"):
        return _digits(payload.split(":")[1].split("?")[0])
    return urlsplit(payload).hostname or payload


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def check_printed_beside(
    page_pdf: Any, page: Any, qr: Any, index: int, shown: str, diags: Diagnostics
) -> None:
    """Check that the number or address encoded is printed within reach of the code.

    docs/print-production.md: never a QR code alone. Read from the PDF's text within two
    code-widths of it, or 70 mm, whichever is more (on a wallet card that is the whole card).
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


def check_at_distance(
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
