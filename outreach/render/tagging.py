"""Write a Document's structure into its PDF: marked content, the structure tree and XMP.

Input: the items `render/draw.py` draws, with the roles, reading order, alternate texts and
languages layout gave them (`layout/structure.py`). Output: BDC/EMC operators with MCIDs
around real content and `/Artifact` around the rest in the page streams, then, at save,
the StructTreeRoot (a Document element whose children are in reading order), its
ParentTree, MarkInfo, /StructParents and /Tabs /S on pages, /StructParent and /Contents on
link annotations, and an XMP packet with dc:title and pdfuaid:part 1 (PDF 32000-1, 14.7
and 14.8; ISO 14289-1). ReportLab has no tagging API: these are its low-level objects.
Everything is numbered in drawing order, so output stays byte-identical.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFString,
)

from outreach.core.document import LIST_ITEM, Document, LinkItem, QrItem, TextItem, TextLine
from outreach.render.pdf_stream import StreamingDocument
from outreach.render.xmp import XmpStream, xmp_packet


def pdf_text(text: str) -> str:
    """A PDF text string in UTF-16BE with a byte-order mark, written as hex."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


@dataclass(slots=True)
class _Element:
    """A structure element: its type, reading-order key, and its content on one page."""

    role: str
    key: tuple[Any, ...]
    page: int = -1
    mcids: list[int] = field(default_factory=list)
    kids: list[_Element] = field(default_factory=list)
    lang: str | None = None
    alt: str | None = None
    annotation: tuple[str, int] | None = None  # (annotation's name, its StructParent key)


class Tagger:
    """Collects marked content while a document is drawn, and writes the tree at save."""

    def __init__(self, document: Document) -> None:
        self.language = document.metadata.language
        self.title = document.metadata.title
        self.metadata = document.metadata
        # The same key as the PDF/X part's, so a press file's XMP ids are those of its Info.
        self.key = f"{document.material}|{document.size}|{document.language}|{document.profile}"
        self.top: list[_Element] = []
        self.page = -1
        self.parent_keys: list[list[_Element | None]] = []  # by StructParents key
        self.page_key = 0
        self.annotations = 0
        self.sequence = 0

    # drawing ---------------------------------------------------------------------------

    def start_page(self) -> int:
        """A new page begins; returns its /StructParents key."""
        self.page += 1
        self.page_key = len(self.parent_keys)
        self.parent_keys.append([])
        return self.page_key

    def _key(self, order: tuple[int, ...]) -> tuple[Any, ...]:
        self.sequence += 1
        return (order, self.page, self.sequence)

    @contextmanager
    def artifact(self, canvas: Any) -> Iterator[None]:
        """Content a reader skips: marks, slug, decoration, backgrounds."""
        canvas.addLiteral("/Artifact BMC")
        yield
        canvas.addLiteral("EMC")

    @contextmanager
    def marked(self, canvas: Any, element: _Element, tag: str | None = None) -> Iterator[None]:
        """Content of `element`, under a new MCID on this page."""
        mcids = self.parent_keys[self.page_key]
        mcid = len(mcids)
        mcids.append(element)
        element.page = self.page
        element.mcids.append(mcid)
        canvas.addLiteral(f"/{tag or element.role} <</MCID {mcid}>> BDC")
        yield
        canvas.addLiteral("EMC")

    def text_item(self, item: TextItem) -> dict[int, tuple[_Element, _Element | None]]:
        """Elements for a text item's paragraphs: paragraph index -> (element, label)."""
        lang = item.language if item.language != self.language else None
        key = self._key(item.order)
        found: dict[int, tuple[_Element, _Element | None]] = {}
        current_list: _Element | None = None
        for line in item.lines:
            if line.paragraph in found:
                continue
            if line.role == LIST_ITEM:
                if current_list is None:
                    current_list = _Element("L", key, lang=lang)
                    self.top.append(current_list)
                label = _Element("Lbl", key)
                body = _Element("LBody", key)
                current_list.kids.append(_Element(LIST_ITEM, key, kids=[label, body]))
                found[line.paragraph] = (body, label)
            else:
                current_list = None
                element = _Element(line.role, key, lang=lang)
                self.top.append(element)
                found[line.paragraph] = (element, None)
        return found

    def figure(self, item: QrItem) -> _Element:
        """A QR code's Figure element, with its alternate text."""
        lang = item.language if item.language and item.language != self.language else None
        element = _Element("Figure", self._key(item.order), lang=lang, alt=item.alt)
        self.top.append(element)
        return element

    def link(self, item: LinkItem, annotation_name: str) -> dict[str, Any]:
        """A Link element for an annotation; returns the annotation's extra entries."""
        key = len(self.parent_keys)
        self.parent_keys.append([])
        lang = item.language if item.language and item.language != self.language else None
        element = _Element("Link", self._key(item.order), lang=lang, alt=item.contents or None)
        element.page = self.page
        element.annotation = (annotation_name, key)
        self.parent_keys[key] = [element]
        self.top.append(element)
        return {"StructParent": key, "Contents": PDFString(item.contents or item.url)}

    # writing ---------------------------------------------------------------------------

    def write(self, doc: Any, pages: list[str]) -> None:
        """Register the tree, the parent tree and XMP with `doc`, and point the catalog at them."""
        root_name = "StructTreeRoot"
        top_level = sorted((e for e in self.top if _has_content(e)), key=lambda e: e.key)
        document = _Element("Document", (), kids=top_level)
        refs: dict[int, PDFObjectReference] = {}
        counter = 0

        def register(element: _Element, parent: str) -> str:
            nonlocal counter
            counter += 1
            name = f"StructElem{counter}"
            refs[id(element)] = PDFObjectReference(name)
            entries: dict[str, Any] = {
                "Type": PDFName("StructElem"),
                "S": PDFName(element.role),
                "P": PDFObjectReference(parent),
            }
            if element.page >= 0:
                entries["Pg"] = PDFObjectReference(pages[element.page])
            if element.lang:
                entries["Lang"] = PDFString(element.lang)
            if element.alt:
                entries["Alt"] = _Raw(pdf_text(element.alt))
            obj = PDFDictionary(entries)
            doc.Reference(obj, name)
            kids: list[Any] = [int(m) for m in element.mcids]
            for kid in element.kids:
                if _has_content(kid):
                    kids.append(PDFObjectReference(register(kid, name)))
            if element.annotation is not None:
                annotation = doc.refAnnotation(element.annotation[0])
                kids.append(PDFDictionary({"Type": PDFName("OBJR"), "Obj": annotation}))
            obj["K"] = PDFArray(kids)
            return name

        top = register(document, root_name)
        nums: list[Any] = []
        for key, elements in enumerate(self.parent_keys):
            nums.append(key)
            if len(elements) == 1 and elements[0] is not None and elements[0].annotation:
                nums.append(refs[id(elements[0])])
            else:
                nums.append(PDFArray([refs[id(e)] for e in elements if e is not None]))
        parent_tree = PDFDictionary({"Nums": PDFArray(nums)})
        doc.Reference(parent_tree, "ParentTree")
        root = PDFDictionary(
            {
                "Type": PDFName("StructTreeRoot"),
                "K": PDFObjectReference(top),
                "ParentTree": PDFObjectReference("ParentTree"),
                "ParentTreeNextKey": len(self.parent_keys),
            }
        )
        doc.Reference(root, root_name)
        catalog = doc.Catalog
        catalog.StructTreeRoot = PDFObjectReference(root_name)
        catalog.MarkInfo = PDFDictionary({"Marked": _Raw("true")})
        # One packet says everything the file conforms to: PDF/UA, and PDF/X when a press
        # file's output intent was given (render/pdfx.py keeps its identification on `doc`).
        pdfx = getattr(doc, "outreach_pdfx", None)
        catalog.Metadata = XmpStream(
            xmp_packet(self.metadata, self.key, language=self.language, pdfx=pdfx, pdfua=True)
        )


def _has_content(element: _Element) -> bool:
    """False for an element with nothing drawn (a list item's label that was not drawn)."""
    return bool(element.mcids or element.annotation or any(map(_has_content, element.kids)))


class _Raw(PDFObject):  # type: ignore[misc]
    """A PDF token written as it is (`true`, a hex string)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def format(self, document: Any) -> bytes:
        return self.text.encode("latin-1")


class TaggedDocument(StreamingDocument):
    """A streaming document whose pages carry /StructParents and /Tabs /S."""

    def __init__(self, out: BinaryIO, tagger: Tagger | None, **kwargs: Any) -> None:
        super().__init__(out, **kwargs)
        self.tagger = tagger
        self.page_names: list[str] = []

    def addPage(self, page: Any) -> None:  # noqa: N802 (ReportLab's name)
        """Add the page's structure entries, then write it as `StreamingDocument` does."""
        if self.tagger is not None:
            page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
            page.StructParents = self.tagger.page_key
            if page.Annots:
                page.Tabs = PDFName("S")
        super().addPage(page)
        self.page_names.append(page.__InternalName__)

    def format(self) -> bytes:
        """Write the structure tree, then everything else."""
        if self.tagger is not None:
            self.tagger.write(self, self.page_names)
        return super().format()


def line_label(line: TextLine) -> bool:
    """True if the line starts a list item whose bullet is drawn as a label."""
    return any(run.label for run in line.runs)
