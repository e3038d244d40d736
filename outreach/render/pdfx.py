"""Make a ReportLab document a PDF/X file: output intent, ICC profile, XMP and Info keys.

Input: the `OutputIntent` a press Document carries and its `Metadata`. Output: the
catalog's /OutputIntents (GTS_PDFX, the registered characterization, the embedded CMYK
profile from `render/icc/`), an uncompressed XMP /Metadata stream with the PDF/X
identification, and /GTS_PDFXVersion in the Info dictionary, all written by ReportLab
itself (nothing is patched afterwards). Dates are ReportLab's invariant date, IDs are
derived from the Document, so a build stays byte-identical (docs/print-facts.md, "PDF/X").
"""

from __future__ import annotations

import uuid
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

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

ICC_DIR = Path(__file__).resolve().parent / "icc"
REGISTRY = "http://www.color.org"
# ReportLab's invariant date (`invariant=1`), as Info's CreationDate and ModDate have it;
# the XMP dates must be the same instant (ISO 15930-7, 6.7.2).
INVARIANT_DATE = "2000-01-01T00:00:00+00:00"
_NAMESPACE = uuid.UUID("5f0c3d1e-2b7a-5d0e-9a41-6f7574726561")  # outreach's own


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
    catalog.Metadata = _xmp_stream(intent, metadata, key, info_keys)


def _xmp_stream(
    intent: OutputIntent, metadata: Metadata, key: str, info_keys: dict[str, str]
) -> PDFStream:
    """The XMP packet, uncompressed so that preflights and people can read it."""
    stream = PDFStream(
        dictionary=PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        content=xmp_packet(intent, metadata, key, info_keys).encode("utf-8"),
        filters=[],
    )
    stream.filters = []  # never compressed, whatever the document's default
    return stream


def xmp_packet(
    intent: OutputIntent, metadata: Metadata, key: str, info_keys: dict[str, str]
) -> str:
    """The XMP metadata of a PDF/X file, matching its Info dictionary."""
    document_id = uuid.uuid5(_NAMESPACE, key)
    if intent.standard == "PDF/X-4":
        pdfx = f"<pdfxid:GTS_PDFXVersion>{info_keys['GTS_PDFXVersion']}</pdfxid:GTS_PDFXVersion>"
    else:
        pdfx = (
            f"<pdfx:GTS_PDFXVersion>{info_keys['GTS_PDFXVersion']}</pdfx:GTS_PDFXVersion>\n"
            f"   <pdfx:GTS_PDFXConformance>{info_keys['GTS_PDFXConformance']}"
            "</pdfx:GTS_PDFXConformance>"
        )
    keywords = escape(", ".join(metadata.keywords))
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(metadata.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(metadata.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(metadata.subject)}</rdf:li></rdf:Alt></dc:description>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdf:Producer>outreach (ReportLab)</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmp:CreatorTool>{escape(metadata.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{INVARIANT_DATE}</xmp:CreateDate>
   <xmp:ModifyDate>{INVARIANT_DATE}</xmp:ModifyDate>
   <xmp:MetadataDate>{INVARIANT_DATE}</xmp:MetadataDate>
   <xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{document_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   {pdfx}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""  # noqa: E501  # one element a line reads best
