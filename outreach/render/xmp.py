"""One XMP metadata packet per PDF, whatever it declares: PDF/X, PDF/UA, or both.

Input: the Document's metadata and what the file conforms to. Output: an uncompressed
/Metadata stream. A press file is both PDF/X (issue 20) and tagged (issue 19): the catalog
has one /Metadata, so both identifications must be in one packet.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFObject

from outreach.core.document import Metadata
from outreach.core.values import value_methods

INVARIANT_DATE = "2000-01-01T00:00:00+00:00"
_NAMESPACE = bytes.fromhex("5f0c3d1e2b7a5d0e9a416f7574726561")  # outreach's own UUID


def escape(text: str) -> str:
    """Text as XML character data: `&`, `<` and `>` escaped, as `xml.sax.saxutils` does.

    Written here because `xml.sax.saxutils` imports `urllib.request` (and with it
    `http.client`, `ssl` and `email`): 10 ms of a fresh poster (issue 14).
    """
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def name_uuid(key: str) -> str:
    """The RFC 4122 version-5 UUID of `key` in outreach's namespace, as `uuid.uuid5` makes it.

    Written here because `uuid` imports `platform` on Linux (issue 14).
    """
    digest = bytearray(hashlib.sha1(_NAMESPACE + key.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class PdfXIdentification:
    """What the PDF/X part of the packet says: its version, and X-1a's conformance."""

    version: str  # e.g. "PDF/X-4"
    conformance: str | None = None  # e.g. "PDF/X-1a:2003"


def xmp_packet(
    metadata: Metadata,
    key: str,
    *,
    language: str | None = None,
    pdfx: PdfXIdentification | None = None,
    pdfua: bool = False,
) -> str:
    """The XMP packet: title (and its language), dates and ids, and what the file conforms to.

    The dates are fixed and the ids derive from `key`, so identical inputs give identical
    files; they match the Info dictionary that ReportLab writes with `invariant=1`.
    """
    document_id = name_uuid(key)
    title = escape(metadata.title)
    titles = f'<rdf:li xml:lang="x-default">{title}</rdf:li>'
    if language:
        titles += f'<rdf:li xml:lang="{escape(language)}">{title}</rdf:li>'
    lines = [
        "<dc:format>application/pdf</dc:format>",
        f"<dc:title><rdf:Alt>{titles}</rdf:Alt></dc:title>",
        f"<dc:creator><rdf:Seq><rdf:li>{escape(metadata.author)}</rdf:li></rdf:Seq></dc:creator>",
        "<dc:description><rdf:Alt>"
        f'<rdf:li xml:lang="x-default">{escape(metadata.subject)}</rdf:li>'
        "</rdf:Alt></dc:description>",
    ]
    if language:
        lines.append(
            f"<dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag></dc:language>"
        )
    lines += [
        f"<pdf:Keywords>{escape(', '.join(metadata.keywords))}</pdf:Keywords>",
        "<pdf:Producer>outreach (ReportLab)</pdf:Producer>",
        "<pdf:Trapped>False</pdf:Trapped>",
        f"<xmp:CreatorTool>{escape(metadata.creator)}</xmp:CreatorTool>",
        f"<xmp:CreateDate>{INVARIANT_DATE}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{INVARIANT_DATE}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{INVARIANT_DATE}</xmp:MetadataDate>",
        f"<xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>",
        f"<xmpMM:InstanceID>uuid:{document_id}</xmpMM:InstanceID>",
        "<xmpMM:VersionID>1</xmpMM:VersionID>",
        "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>",
    ]
    if pdfx is not None and pdfx.conformance is None:
        lines.append(f"<pdfxid:GTS_PDFXVersion>{pdfx.version}</pdfxid:GTS_PDFXVersion>")
    elif pdfx is not None:
        lines.append(f"<pdfx:GTS_PDFXVersion>{pdfx.version}</pdfx:GTS_PDFXVersion>")
        lines.append(f"<pdfx:GTS_PDFXConformance>{pdfx.conformance}</pdfx:GTS_PDFXConformance>")
    if pdfua:
        lines.append("<pdfuaid:part>1</pdfuaid:part>")
    body = "\n   ".join(lines)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   {body}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


class XmpStream(PDFObject):  # type: ignore[misc]
    """The XMP packet as an uncompressed stream.

    ReportLab writes `/Filter []` for a stream it is told not to compress, which validators
    refuse; this writes the dictionary itself.
    """

    __RefOnly__ = 1

    def __init__(self, packet: str) -> None:
        self.content = packet.encode("utf-8")

    def format(self, document: Any) -> bytes:
        """The stream as it is written into the file."""
        head = f"<< /Length {len(self.content)} /Subtype /XML /Type /Metadata >>\nstream\n"
        return head.encode("ascii") + self.content + b"\nendstream"
