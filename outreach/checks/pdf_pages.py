"""Fonts, page boxes, colour and printed numbers, read from a PDF's pages.

Input: a pdfium document and the PDF's bytes or path. Output: `check.*` diagnostics.
pdfium reads fonts, boxes and text; pypdf reads a press file's content streams for RGB.
Both load only when a PDF is checked.
"""

from __future__ import annotations

import ctypes
import io
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from outreach.core.diagnostics import Diagnostics, Location
from outreach.render.pdf_data import PdfData, scan

_SUBSET_FONT = re.compile(rb"/BaseFont\s*/[A-Z]{6}\+([^\s/<>\[\]()]+)")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm")
_DEVICE_RGB = re.compile(rb"/DeviceRGB")
_RGB = re.compile(rb"(?<![\w.])(?:-?[\d.]+\s+){3}(?:rg|RG)\b")
_PHONE = re.compile(r"\b1-\d{3}-[0-9A-Z]{3}-[0-9A-Z]{4}\b")


class LoadedPages:
    """A pdfium document whose pages are each loaded once, and closed with it.

    pdfium parses a page again on every `document[index]` (about 3 ms for a poster's page),
    and the build's preflight visits each page up to five times: fonts, boxes, and three
    times for each QR code (issue 14). Only the sampled pages are ever loaded (at most 12).
    """

    def __init__(self, document: Any) -> None:
        self.document = document
        self._pages: dict[int, Any] = {}

    def __len__(self) -> int:
        return len(self.document)

    def __getitem__(self, index: int) -> Any:
        if index not in self._pages:
            self._pages[index] = self.document[index]
        return self._pages[index]

    def close(self) -> None:
        """Close every loaded page, then the document."""
        for page in self._pages.values():
            page.close()
        self._pages.clear()
        self.document.close()


def numbered_pages(document: Any, only: list[int] | None) -> Iterator[tuple[int, Any]]:
    """(1-based number, pdfium page) of every page, or of the sampled page indices `only`."""
    indices = range(len(document)) if only is None else only
    for index in indices:
        page = document[index]
        yield index + 1, page
        if not isinstance(document, LoadedPages):  # those stay open until the document closes
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
    dictionaries in the file's bytes; a digital file packs them into compressed object
    streams (render/compact.py), so there pypdf reads them (a few pages, never a run).
    """
    if not scan(data, _OBJECT_STREAM):
        return frozenset(name.decode("latin-1") for name in scan(data, _SUBSET_FONT))
    from pypdf import PdfReader

    found: set[str] = set()
    with data.open("rb") if isinstance(data, Path) else io.BytesIO(data) as stream:
        for page in PdfReader(stream).pages:
            fonts = page.get("/Resources", {}).get_object().get("/Font", {}).get_object()
            for font in fonts.values():
                match = _SUBSET_FONT.search(
                    b"/BaseFont " + str(font.get_object()["/BaseFont"]).encode()
                )
                if match:
                    found.add(match.group(1).decode("latin-1"))
    return frozenset(found)


def check_fonts(
    document: Any,
    data: PdfData,
    shown: str,
    diags: Diagnostics,
    only: list[int] | None = None,
    expected: frozenset[str] = frozenset(),
) -> None:
    """Every font on the pages is embedded, subset and a bundled font or an `expected` one.

    `expected` names the pack's own fonts the piece was set in (issue 15).
    """
    subsets = _subset_names(data)
    for number, page in numbered_pages(document, only):
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
            if name not in _known_fonts() and name not in expected:
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


def check_boxes(
    document: Any,
    shown: str,
    profile: str,
    diags: Diagnostics,
    *,
    page_bleed: bool = True,
    only: list[int] | None = None,
) -> None:
    """TrimBox inside BleedBox inside MediaBox, and a press file's 9 pt of bleed."""
    for number, page in numbered_pages(document, only):
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


def check_no_rgb(
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


def check_numbers(document: Any, shown: str, allowed: tuple[str, ...], diags: Diagnostics) -> None:
    """Every phone number in the pages' text is one the manifest allows."""
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
