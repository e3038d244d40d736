"""Preflight: prove a built PDF is print-ready and says what it encodes, from the file itself.

Input: PDF files and the `manifest.json` written beside them. Output: diagnostics (stable
`check.*` and `qr.*` codes). Everything is read back from the PDF (pypdfium2 for fonts,
boxes, text and rasters, pypdf for a press file's content streams, zxing-cpp to decode QR
codes), never from our own model, so a rendering bug cannot hide behind the layout that
intended the right thing. The checks themselves live beside this module by what they
read: `manifest` (the folder), `pdf_pages` (fonts, boxes, colour, numbers), `qr_codes`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from outreach.checks.manifest import FileExpectation, check_listed, not_listed, read_manifest
from outreach.checks.pdf_pages import (
    LoadedPages,
    check_boxes,
    check_fonts,
    check_no_rgb,
    check_numbers,
)
from outreach.checks.qr_codes import (
    QR_CHECK_DPI,
    RUN_QR_PAGES,
    check_at_distance,
    check_module_size,
    check_printed_beside,
    check_qr,
    check_run_codes,
    decode_qr,
)
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import Document
from outreach.render.pdf_data import PdfData


def check_file(expect: FileExpectation, diags: Diagnostics) -> None:
    """Run every preflight check on one PDF."""
    import pypdfium2

    shown = expect.path.as_posix()
    try:
        document = pypdfium2.PdfDocument(expect.path)  # read from the file as needed
    except Exception as exc:  # a file that is not a PDF at all
        diags.error("check.unreadable", f"cannot read `{shown}` as a PDF: {exc}", Location(shown))
        return
    check_fonts(document, expect.path, shown, diags, expected=frozenset(expect.fonts))
    check_boxes(document, shown, expect.profile, diags, page_bleed=not expect.imposed)
    if expect.profile == "press":
        check_no_rgb(expect.path, shown, diags)
    check_qr(document, shown, expect.qr_payloads, diags)
    check_module_size(expect, shown, diags)
    check_numbers(document, shown, expect.printed_numbers, diags)
    document.close()


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
        listed = read_manifest(manifest, diags)
        if listed is None:
            continue
        if path.is_dir():
            names = {e.path.name for e in listed}
            for pdf in sorted(path.glob("*.pdf")):
                if pdf.name not in names:
                    not_listed(pdf, manifest, diags)
            expectations.extend(listed)
        else:
            matching = [e for e in listed if e.path.name == path.name]
            if not matching:
                not_listed(path, manifest, diags)
            expectations.extend(matching)
    checked = 0
    for expect in expectations:
        if check_listed(expect, diags):
            check_file(expect, diags)
            checked += 1
    return checked


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

    rendered = LoadedPages(pypdfium2.PdfDocument(pdf))
    # A long print run is sampled: its first sheets (see `_sample_pages`).
    sampled = _sample_pages(len(rendered), page_limit)
    check_fonts(rendered, pdf, shown, diags, sampled, document.font_names())
    imposed = document.material.endswith(("-sheet", "-alignment"))  # cards carry the bleed
    check_boxes(rendered, shown, document.profile, diags, page_bleed=not imposed, only=sampled)
    if document.color_space == "cmyk":
        check_no_rgb(pdf, shown, diags, sampled)
    if not document.pages and run_payloads:
        check_run_codes(rendered, sampled[:RUN_QR_PAGES], shown, set(run_payloads), diags)
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
            check_printed_beside(rendered[index], page, qr, index, shown, diags)
            if document.material.startswith("poster") and qr.data in found:
                check_at_distance(
                    rendered[index], (left, bottom, right, top), qr, index, shown, diags
                )
    rendered.close()
