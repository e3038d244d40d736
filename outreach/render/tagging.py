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

from array import array
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

from outreach.core.document import Document, FigureItem, ImageItem, LinkItem, QrItem, TextItem
from outreach.core.text_lines import LIST_ITEM, TextLine
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
    elsewhere: list[tuple[int, int]] = field(default_factory=list)  # (page, MCID), other pages
    kids: list[_Element] = field(default_factory=list)
    lang: str | None = None
    alt: str | None = None
    annotation: tuple[str, int] | None = None  # (annotation's name, its StructParent key)
    bbox: tuple[float, float, float, float] | None = None  # a Figure's, in user space


class Tagger:
    """Collects marked content while a document is drawn, and writes the tree at save."""

    def __init__(self, document: Document, *, streamed: bool = False) -> None:
        """Start collecting; `streamed`: pages are written as they come (a print run).

        Streamed, each page's elements are written with it, under a Part of their own, and
        only two numbers per page and structure parent are kept (`flush_page`).
        """
        self.streamed = streamed
        self.key_base = 0  # StructParents keys before this one were written with their page
        self.parts = array("Q")  # object numbers of the pages' Part elements (streamed)
        self.nums = array("Q")  # ParentTree: key, object number, key, ... (streamed)
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
        # the element of each text item's last paragraph, by content key: where the rest of
        # a paragraph split between two frames goes on
        self.last_paragraph: dict[str, _Element] = {}

    # drawing ---------------------------------------------------------------------------

    def start_page(self) -> int:
        """A new page begins; returns its /StructParents key."""
        self.page += 1
        self.page_key = self.key_base + len(self.parent_keys)
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
        mcids = self.parent_keys[self.page_key - self.key_base]
        mcid = len(mcids)
        mcids.append(element)
        if 0 <= element.page != self.page and not self.streamed:
            element.elsewhere.append((self.page, mcid))  # a paragraph that goes on overleaf
        else:
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
        going_on = self.last_paragraph.get(item.keys[0]) if item.continued and item.keys else None
        if going_on is not None and going_on.role != LIST_ITEM and item.lines:
            found[item.lines[0].paragraph] = (going_on, None)
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
        if item.keys and item.lines:
            self.last_paragraph[item.keys[-1]] = found[item.lines[-1].paragraph][0]
        return found

    def figure(
        self, item: QrItem | FigureItem | ImageItem, bbox: tuple[float, float, float, float]
    ) -> _Element:
        """A Figure element (a QR code, a chart, a picture): alternate text and /BBox."""
        lang = item.language if item.language and item.language != self.language else None
        element = _Element("Figure", self._key(item.order), lang=lang, alt=item.alt, bbox=bbox)
        self.top.append(element)
        return element

    def link(self, item: LinkItem, annotation_name: str) -> dict[str, Any]:
        """A Link element for an annotation; returns the annotation's extra entries."""
        key = self.key_base + len(self.parent_keys)
        lang = item.language if item.language and item.language != self.language else None
        element = _Element("Link", self._key(item.order), lang=lang, alt=item.contents or None)
        element.page = self.page
        element.annotation = (annotation_name, key)
        self.parent_keys.append([element])
        self.top.append(element)
        return {"StructParent": key, "Contents": PDFString(item.contents or item.url)}

    # writing ---------------------------------------------------------------------------

    def flush_page(self, doc: Any, page_name: str) -> None:
        """Write the page just written's elements, under a Part, and forget them (streamed).

        A print run's structure is page by page: each sheet's elements, in their reading
        order, form one Part of the Document. They are written as soon as their page is,
        with the arrays of the page's ParentTree entries; what stays is the Part's object
        number and, per structure parent key, the number of its entry, so memory stays
        flat however long the run (issue 19; `tests/test_pdf_stream.py`).
        """
        if _DOCUMENT not in doc.idToObjectNumberAndVersion:
            doc.Reference(PDFDictionary({}), _DOCUMENT)
        top = sorted((e for e in self.top if _has_content(e)), key=lambda e: e.key)
        part = _Element("Part", (), kids=top)
        refs: dict[int, PDFObjectReference] = {}
        names: list[str] = []
        self._register(doc, part, _DOCUMENT, [page_name], refs, names, prefix=f"S{self.page}.")
        entries: list[tuple[int, str]] = []
        for index, elements in enumerate(self.parent_keys):
            key = self.key_base + index
            if len(elements) == 1 and elements[0] is not None and elements[0].annotation:
                entries.append((key, refs[id(elements[0])].name))
            else:
                name = f"PT{key}"
                doc.Reference(PDFArray([refs[id(e)] for e in elements if e is not None]), name)
                names.append(name)
                entries.append((key, name))
        for name in names:
            doc._write_object(name, forget=True)
        numbers = {name: doc.idToObjectNumberAndVersion[name][0] for name in names}
        self.parts.append(numbers[names[0]])
        for key, name in entries:
            self.nums.extend((key, numbers[name]))
        for name in names:
            del doc.numberToId[numbers[name]]
            del doc.idToObjectNumberAndVersion[name]
        self.key_base += len(self.parent_keys)
        self.parent_keys = []
        self.top = []

    def _register(
        self,
        doc: Any,
        element: _Element,
        parent: str,
        pages: list[str],
        refs: dict[int, PDFObjectReference],
        names: list[str],
        prefix: str = "",
    ) -> str:
        """Register `element` and its kids with `doc` under new names; return its name."""
        name = f"StructElem{prefix}{len(names) + 1}"
        names.append(name)
        refs[id(element)] = PDFObjectReference(name)
        entries: dict[str, Any] = {
            "Type": PDFName("StructElem"),
            "S": PDFName(element.role),
            "P": PDFObjectReference(parent),
        }
        if element.page >= 0:
            entries["Pg"] = PDFObjectReference(pages[0 if self.streamed else element.page])
        if element.lang:
            entries["Lang"] = PDFString(element.lang)
        if element.alt:
            entries["Alt"] = _Raw(pdf_text(element.alt))
        if element.bbox is not None:
            box = PDFArray([round(value, 2) for value in element.bbox])
            entries["A"] = PDFDictionary({"O": PDFName("Layout"), "BBox": box})
        obj = PDFDictionary(entries)
        doc.Reference(obj, name)
        kids: list[Any] = [int(m) for m in element.mcids]
        kids += [
            PDFDictionary(
                {"Type": PDFName("MCR"), "Pg": PDFObjectReference(pages[page]), "MCID": mcid}
            )
            for page, mcid in element.elsewhere
        ]
        for kid in element.kids:
            if _has_content(kid):
                kids.append(
                    PDFObjectReference(self._register(doc, kid, name, pages, refs, names, prefix))
                )
        if element.annotation is not None:
            annotation = doc.refAnnotation(element.annotation[0])
            kids.append(PDFDictionary({"Type": PDFName("OBJR"), "Obj": annotation}))
        obj["K"] = PDFArray(kids)
        return name

    def write(self, doc: Any, pages: list[str]) -> None:
        """Register the tree, the parent tree and XMP with `doc`, and point the catalog at them."""
        root_name = "StructTreeRoot"
        if self.streamed:
            self._write_streamed(doc, root_name)
            return
        top_level = sorted((e for e in self.top if _has_content(e)), key=lambda e: e.key)
        document = _Element("Document", (), kids=top_level)
        refs: dict[int, PDFObjectReference] = {}
        top = self._register(doc, document, root_name, pages, refs, [])
        nums: list[Any] = []
        for key, elements in enumerate(self.parent_keys):
            nums.append(key)
            if len(elements) == 1 and elements[0] is not None and elements[0].annotation:
                nums.append(refs[id(elements[0])])
            else:
                nums.append(PDFArray([refs[id(e)] for e in elements if e is not None]))
        self._finish(doc, root_name, top, PDFArray(nums), len(self.parent_keys))

    def _write_streamed(self, doc: Any, root_name: str) -> None:
        """The Document element over the pages' Parts, and the ParentTree from the records."""
        if _DOCUMENT not in doc.idToObjectNumberAndVersion:  # a run of no page
            doc.Reference(PDFDictionary({}), _DOCUMENT)
        document = doc.idToObject[_DOCUMENT]
        document["Type"] = PDFName("StructElem")
        document["S"] = PDFName("Document")
        document["P"] = PDFObjectReference(root_name)
        document["K"] = _Raw("[" + " ".join(f"{n} 0 R" for n in self.parts) + "]")
        nums = _Raw(
            "["
            + " ".join(
                f"{self.nums[i]} {self.nums[i + 1]} 0 R" for i in range(0, len(self.nums), 2)
            )
            + "]"
        )
        self._finish(doc, root_name, _DOCUMENT, nums, self.key_base)

    def _finish(self, doc: Any, root_name: str, top: str, nums: Any, next_key: int) -> None:
        parent_tree = PDFDictionary({"Nums": nums})
        doc.Reference(parent_tree, "ParentTree")
        root = PDFDictionary(
            {
                "Type": PDFName("StructTreeRoot"),
                "K": PDFObjectReference(top),
                "ParentTree": PDFObjectReference("ParentTree"),
                "ParentTreeNextKey": next_key,
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


_DOCUMENT = "StructDocument"  # a streamed file's Document element, written at save


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
        if self.tagger is not None and self.tagger.streamed:
            self.tagger.flush_page(self, page.__InternalName__)
        else:
            self.page_names.append(page.__InternalName__)

    def format(self) -> bytes:
        """Write the structure tree, then everything else."""
        if self.tagger is not None:
            self.tagger.write(self, self.page_names)
        return super().format()


def line_label(line: TextLine) -> bool:
    """True if the line starts a list item whose bullet is drawn as a label."""
    return any(run.label for run in line.runs)
