"""Make a ReportLab document a PDF/X file: output intent, ICC profile, XMP and Info keys.

Input: the `OutputIntent` a press Document carries and its `Metadata`. Output: the
catalog's /OutputIntents (GTS_PDFX, the registered characterization, the embedded CMYK
profile from `render/icc/`), an uncompressed XMP /Metadata stream with the PDF/X
identification, and /GTS_PDFXVersion in the Info dictionary, all written by ReportLab
itself (nothing is patched afterwards). Dates are ReportLab's invariant date, IDs are
derived from the Document, so a build stays byte-identical (docs/print-production.md, "PDF/X").
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFCatalog,
    PDFDictionary,
    PDFInfo,
    PDFName,
    PDFStream,
    PDFString,
    PDFZCompress,
)

from outreach.core.document import Metadata, OutputIntent
from outreach.render.xmp import PdfXIdentification, XmpStream, xmp_packet

ICC_DIR = Path(__file__).resolve().parent / "icc"
REGISTRY = "http://www.color.org"
# ReportLab's invariant date (`invariant=1`), as Info's CreationDate and ModDate have it;
# the XMP dates must be the same instant (ISO 15930-7, 6.7.2).


def pdf_version(intent: OutputIntent | None) -> tuple[int, int]:
    """PDF 1.6 for PDF/X-4, 1.4 for PDF/X-1a:2003 and for every other file."""
    return (1, 6) if intent is not None and intent.standard == "PDF/X-4" else (1, 4)


@cache
def icc_profile(name: str) -> bytes:
    """A bundled CMYK output profile (docs/icc-profiles.md)."""
    return (ICC_DIR / name).read_bytes()


class _PdfxInfo(PDFInfo):  # type: ignore[misc]  # ReportLab is untyped
    """ReportLab's Info dictionary plus the PDF/X identification keys."""

    def __init__(self, previous: Any, extra: dict[str, str]) -> None:
        super().__init__()
        self.__dict__.update(previous.__dict__)
        self.extra = extra

    def format(self, document: Any) -> bytes:
        formatted: bytes = super().format(document)
        extra = PDFDictionary({key: PDFString(value) for key, value in self.extra.items()})
        body: bytes = extra.format(document)
        # Both are "<< ... >>": the extra keys go in before the closing brackets.
        return formatted.rstrip()[:-2] + body.strip()[2:]


def make_pdf_x(doc: Any, intent: OutputIntent, metadata: Metadata, key: str) -> None:
    """Give ReportLab's document `doc` the output intent, XMP and Info keys of `intent`.

    Call before the first page is drawn. `key` names the file among a kit's files (its
    material, size, languages and profile): the XMP document ID is derived from it.
    """
    if intent.standard == "PDF/X-4":
        info_keys = {"GTS_PDFXVersion": "PDF/X-4"}
    else:
        info_keys = {"GTS_PDFXVersion": "PDF/X-1:2001", "GTS_PDFXConformance": "PDF/X-1a:2003"}
    doc.info = _PdfxInfo(doc.info, info_keys)
    profile = PDFStream(
        dictionary=PDFDictionary({"N": 4}),
        content=icc_profile(intent.profile),
        filters=[PDFZCompress],
    )
    output_intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFX"),
            "OutputConditionIdentifier": PDFString(intent.condition),
            "OutputCondition": PDFString(intent.description),
            "RegistryName": PDFString(REGISTRY),
            "Info": PDFString(intent.description),
            "DestOutputProfile": doc.Reference(profile, "outreachOutputProfile"),
        }
    )
    catalog = doc.Catalog
    catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, "OutputIntents"]
    catalog.OutputIntents = PDFArray([output_intent])
    # Untagged (a streamed print run), the PDF/X identification is the whole XMP; a tagged
    # file's tree writes one packet with both (render/tagging.py).
    identification = PdfXIdentification(
        info_keys["GTS_PDFXVersion"], info_keys.get("GTS_PDFXConformance")
    )
    doc.outreach_pdfx = identification
    catalog.Metadata = XmpStream(xmp_packet(metadata, key, pdfx=identification))
