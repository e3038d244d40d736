"""Preflight: prove a built PDF is print-ready and says what it encodes, from the file itself.

Input: PDF files and the `manifest.json` written beside them. Output: diagnostics (stable
`check.*` and `qr.*` codes). Everything is read back from the PDF (pypdfium2 for fonts,
boxes, text and rasters, pypdf for a press file's content streams, zxing-cpp to decode QR
codes), never from our own model, so a rendering bug cannot hide behind the layout that
intended the right thing.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import Document
from outreach.render.pdf_data import PdfData, scan

QR_CHECK_DPI = 150  # a realistic office-printer / phone-camera resolution
DISTANCE_DPI = 72  # about what a phone camera (4,000 px across a 1.2 m field) resolves at 1.5 m
_SUBSET_FONT = re.compile(rb"/BaseFont\s*/[A-Z]{6}\+([^\s/<>\[\]()]+)")
_DEVICE_RGB = re.compile(rb"/DeviceRGB")
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
    sha256: str | None = None  # as built: a file replaced or half-moved since differs


def expectations_from_manifest(manifest: Path) -> list[FileExpectation]:
    """Read `manifest.json`: which files, in which profile, encoding which payloads.

    Raises:
        ValueError: the manifest is not JSON or not shaped as `outreach build` writes it.
        OSError: it cannot be read.
    """
    data = json.loads(manifest.read_text(encoding="utf-8"))
    files = data.get("files", []) if isinstance(data, dict) else None
    if not isinstance(files, list):
        raise ValueError("expected an object with a `files` list")
    allowed = tuple(str(n) for n in data.get("printed_numbers", ()) if isinstance(n, str))
    expectations = []
    for index, entry in enumerate(files):
        name = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(name, str) or Path(name).name != name or name in ("", ".", ".."):
            raise ValueError(f"`files[{index}]` has no plain `file` name")
        module = entry.get("qr_module_mm")
        sha256 = entry.get("sha256")
        expectations.append(
            FileExpectation(
                manifest.parent / name,
                str(entry.get("profile", "")),
                tuple(str(p) for p in entry.get("qr_payloads", ()) if isinstance(p, str)),
                allowed,
                "imposition" in entry,
                str(entry.get("material", "")),
                float(module) if isinstance(module, int | float) else None,
                sha256 if isinstance(sha256, str) else None,
            )
        )
    return expectations


def decode_qr(image: Any) -> set[str]:
    """The payloads of every QR code zxing-cpp finds in an image."""
    import zxingcpp

    # Looking for QR codes only is five times faster than for every format (8 ms against
    # 42 ms on a letter sheet at 150 dpi).
    only_qr = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    found = zxingcpp.read_barcodes(image, formats=only_qr)
    return {r.text for r in found if r.format == zxingcpp.BarcodeFormat.QRCode}


def check_file(expect: FileExpectation, diags: Diagnostics) -> None:
    """Run every preflight check on one PDF."""
    import pypdfium2

    shown = expect.path.as_posix()
    try:
        document = pypdfium2.PdfDocument(expect.path)  # read from the file as needed
    except Exception as exc:  # a file that is not a PDF at all
        diags.error("check.unreadable", f"cannot read `{shown}` as a PDF: {exc}", Location(shown))
        return
    _check_fonts(document, expect.path, shown, diags)
    _check_boxes(document, shown, expect.profile, diags, page_bleed=not expect.imposed)
    if expect.profile == "press":
        _check_no_rgb(expect.path, shown, diags)
    _check_qr(document, shown, expect.qr_payloads, diags)
    _check_module_size(expect, shown, diags)
    _check_numbers(document, shown, expect.printed_numbers, diags)
    document.close()


# Smallest QR module a material may print (docs/print-facts.md): about 1 mm for a poster read
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


def _numbered_pages(document: Any, only: list[int] | None) -> Iterator[tuple[int, Any]]:
    """(1-based number, pdfium page) of every page, or of the sampled page indices `only`."""
    indices = range(len(document)) if only is None else only
    for index in indices:
        page = document[index]
        yield index + 1, page
        page.close()


def _page_fonts(page: Any) -> dict[str, bool]:
    """The fonts the page's text is drawn in, forms included: base font name -> embedded."""
    import pypdfium2.raw as pdfium_c

    found: dict[str, bool] = {}
    for text in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,)):
        font = pdfium_c.FPDFTextObj_GetFont(text.raw)
        length = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
        buffer = ctypes.create_string_buffer(length)
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, length)
        name = buffer.value.decode("utf-8", "replace")
        found[name] = pdfium_c.FPDFFont_GetIsEmbedded(font) == 1
    return found


def _subset_names(data: PdfData) -> frozenset[str]:
    """Fonts whose dictionary names a subset (`/BaseFont /ABCDEF+Name`).

    pdfium reports base names without the subset tag, so the tag is read from the font
    dictionaries in the file's bytes (our writer never hides them in object streams).
    """
    return frozenset(name.decode("latin-1") for name in scan(data, _SUBSET_FONT))


def _check_fonts(
    document: Any, data: PdfData, shown: str, diags: Diagnostics, only: list[int] | None = None
) -> None:
    subsets = _subset_names(data)
    for number, page in _numbered_pages(document, only):
        for name, embedded in sorted(_page_fonts(page).items()):
            if not embedded:
                diags.error(
                    "check.font-not-embedded",
                    f"font `{name}` on page {number} is not "
                    "embedded; the printer would substitute it",
                    Location(shown),
                    hints=("use only the bundled fonts",),
                )
            elif name not in subsets:
                diags.warning(
                    "check.font-not-subset", f"font `{name}` is embedded whole", Location(shown)
                )
            if name not in _known_fonts():
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


def _check_boxes(
    document: Any,
    shown: str,
    profile: str,
    diags: Diagnostics,
    *,
    page_bleed: bool = True,
    only: list[int] | None = None,
) -> None:
    for number, page in _numbered_pages(document, only):
        media = page.get_mediabox()
        trim = page.get_trimbox(fallback_ok=False)
        bleed = page.get_bleedbox(fallback_ok=False)
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
    data: PdfData, shown: str, diags: Diagnostics, only: list[int] | None = None
) -> None:
    """No RGB in a press file: neither the colour space nor the `rg`/`RG` operators.

    pdfium reports every colour as RGB, so the page content streams are read with pypdf,
    which is imported only here: it costs 12 MB and 0.09 s, and office files skip it.
    """
    if scan(data, _DEVICE_RGB):
        diags.error(
            "check.rgb-in-press",
            "the press file uses the DeviceRGB colour space",
            Location(shown),
            hints=("press files must be CMYK only",),
        )
        return
    from pypdf import PdfReader

    # An open file, not a path: given a path, pypdf reads the whole file into memory.
    with data.open("rb") if isinstance(data, Path) else io.BytesIO(data) as stream:
        reader = PdfReader(stream)
        indices = range(_page_count(reader)) if only is None else only
        for index in indices:
            if _RGB.search(_page_at(reader, index).get_contents().get_data()):
                diags.error(
                    "check.rgb-in-press",
                    f"page {index + 1} sets an RGB colour",
                    Location(shown),
                    hints=("press files must be CMYK only",),
                )


def _page_count(reader: Any) -> int:
    return int(reader.trailer["/Root"]["/Pages"]["/Count"])


def _page_at(reader: Any, index: int) -> Any:
    """Page `index`, parsing only that page when the page tree is flat (ours always is).

    pypdf's `reader.pages` parses every page first: 20 MB for a print run of 2,000
    sheet pages, more than the run itself (issue 3). Other trees take that way.
    """
    from pypdf import PageObject

    tree = reader.trailer["/Root"]["/Pages"]
    kids = tree.get("/Kids") or []
    if tree.get("/Count") == len(kids):
        node = kids[index].get_object()
        if node.get("/Type") == "/Page":
            page = PageObject(reader, kids[index])
            page.update(node)
            return page
    return reader.pages[index]


def _check_qr(document: Any, shown: str, expected: tuple[str, ...], diags: Diagnostics) -> None:
    found: set[str] = set()
    for _, page in _numbered_pages(document, None):
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
    """Check PDFs or output folders (with their manifest); returns how many files were checked.

    A folder's check covers the folder, not only the manifest: a PDF it does not list is an
    error, and so is a listed file that is missing or whose sha256 differs (issue 21).
    """
    expectations: list[FileExpectation] = []
    for path in paths:
        if not path.exists():
            diags.error("check.no-such-file", f"`{path}` does not exist", Location(str(path)))
            continue
        manifest = path / "manifest.json" if path.is_dir() else path.parent / "manifest.json"
        if not manifest.is_file():
            diags.error(
                "check.no-manifest",
                f"no manifest.json beside `{path}`",
                Location(str(path)),
                hints=("check files inside an output folder written by `outreach build`",),
            )
            continue
        listed = _read_manifest(manifest, diags)
        if listed is None:
            continue
        if path.is_dir():
            names = {e.path.name for e in listed}
            for pdf in sorted(path.glob("*.pdf")):
                if pdf.name not in names:
                    _not_listed(pdf, manifest, diags)
            expectations.extend(listed)
        else:
            matching = [e for e in listed if e.path.name == path.name]
            if not matching:
                _not_listed(path, manifest, diags)
            expectations.extend(matching)
    checked = 0
    for expect in expectations:
        if _check_listed(expect, diags):
            check_file(expect, diags)
            checked += 1
    return checked


def _read_manifest(manifest: Path, diags: Diagnostics) -> list[FileExpectation] | None:
    """The manifest's files, or None with `check.bad-manifest` at the place it goes wrong."""
    try:
        return expectations_from_manifest(manifest)
    except json.JSONDecodeError as exc:
        where = Location(str(manifest), exc.lineno, exc.colno)
        reason = f"not valid JSON: {exc.msg}"
    except (OSError, ValueError) as exc:
        where, reason = Location(str(manifest)), str(exc)
    diags.error(
        "check.bad-manifest",
        f"cannot read `{manifest}`: {reason}",
        where,
        hints=("build into the folder again to write a new manifest",),
    )
    return None


def _not_listed(pdf: Path, manifest: Path, diags: Diagnostics) -> None:
    diags.error(
        "check.not-in-manifest",
        f"`{pdf.name}` is not listed in {manifest}",
        Location(str(pdf)),
        hints=("build into the folder again, or remove files it did not make",),
    )


def _check_listed(expect: FileExpectation, diags: Diagnostics) -> bool:
    """Whether a listed file is there to check; a sha256 other than the manifest's is an error."""
    shown = expect.path.as_posix()
    if not expect.path.is_file():
        diags.error(
            "check.missing-file",
            f"`{shown}` is listed in the manifest but does not exist",
            Location(shown),
        )
        return False
    if expect.sha256 is not None:
        with expect.path.open("rb") as stream:
            found = hashlib.file_digest(stream, "sha256").hexdigest()
        if found != expect.sha256:
            diags.error(
                "check.sha256-mismatch",
                f"`{shown}` is not the file the manifest lists (sha256 {found[:12]}..., "
                f"listed {expect.sha256[:12]}...)",
                Location(shown),
                hints=("a build was cut short or the file was replaced: build again",),
            )
    return True


def _sample_pages(count: int, limit: int) -> list[int]:
    """Every page of a short document; the first `limit` pages of a long one.

    pdfium reads every page dictionary up to the page it opens (about 2 KB each): opening
    the last page of a 40,000-card run would cost 17 MB, the first pages cost the same at
    any length (issue 3). A long document is a card run, whose sheets are drawn alike and
    share one resource dictionary, so its first sheets stand for the rest; `outreach
    check` reads every page.
    """
    return list(range(min(count, limit)))


def check_built_pdf(
    pdf: PdfData,
    document: Document,
    shown: str,
    diags: Diagnostics,
    *,
    page_limit: int = 12,
    run_payloads: Sequence[str] = (),
) -> None:
    """Preflight a freshly rendered PDF against the Document it was drawn from.

    Runs inside every build (unless turned off): fonts embedded and subset, page boxes, no
    RGB in press files, and every QR code on the checked pages decodes to the payload the
    layout put there. Long documents (card runs) are sampled: their first sheets. A card
    run streams its pages, so its Document has none to compare with: the codes on its
    first sheet must decode, each to one of the `run_payloads`.
    """
    import pypdfium2

    rendered = pypdfium2.PdfDocument(pdf)
    # A long print run is sampled: its first sheets (see `_sample_pages`).
    sampled = _sample_pages(len(rendered), page_limit)
    _check_fonts(rendered, pdf, shown, diags, sampled)
    imposed = document.material.endswith(("-sheet", "-alignment"))  # cards carry the bleed
    _check_boxes(rendered, shown, document.profile, diags, page_bleed=not imposed, only=sampled)
    if document.color_space == "cmyk":
        _check_no_rgb(pdf, shown, diags, sampled)
    if not document.pages and run_payloads:
        _check_run_codes(rendered, sampled[:RUN_QR_PAGES], shown, set(run_payloads), diags)
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


def _check_run_codes(
    rendered: Any, indices: list[int], shown: str, expected: set[str], diags: Diagnostics
) -> None:
    found: set[str] = set()
    for _, page in _numbered_pages(rendered, indices):
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


def _check_printed_beside(
    page_pdf: Any, page: Any, qr: Any, index: int, shown: str, diags: Diagnostics
) -> None:
    """Check that the number or address encoded is printed within reach of the code.

    docs/print-facts.md: never a QR code alone. Read from the PDF's text within two code-widths of
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
