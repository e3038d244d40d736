"""A ReportLab document that writes each finished page to the output at once.

ReportLab keeps every page object and its content stream until `save()`, then builds the
whole file in memory, then copies it out: a print run's memory grows with its length
(issue 3). `StreamingDocument` writes a page and its content stream as soon as the canvas
finishes it and forgets them, keeping only their file offsets (8 bytes an object) and
the page's object number for the page tree. What must wait for the last page (fonts,
whose subsets depend on every page, the page tree, the catalog) is written at `save()`.
PDF allows objects in any order: the cross-reference table says where each one is.
"""

from __future__ import annotations

from array import array
from typing import Any, BinaryIO

from reportlab.pdfbase.pdfdoc import (
    PDFDocument,
    PDFFile,
    PDFIndirectObject,
    PDFObjectReference,
    PDFTrailer,
)


class StreamingDocument(PDFDocument):  # type: ignore[misc]
    """A `PDFDocument` that writes pages to `out` as they come, then the rest at save."""

    def __init__(self, out: BinaryIO, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._out = out
        self._file: PDFFile | None = None
        self._header_version: tuple[int, int] | None = None
        self._offsets = array("Q", [0])  # by object number; 0: not written yet
        self._resources: dict[bytes, Any] = {}

    def addPage(self, page: Any) -> None:  # noqa: N802 (ReportLab's name)
        """Register the page as ReportLab does, then write it and its content at once."""
        page.Parent = self.Reference(self.Pages)
        self._share_resources(page)
        first_new = self.objectcounter + 1
        super().addPage(page)
        name = page.__InternalName__
        self._write_object(name, forget=True)
        # Formatting the page registered its content stream: write that too, and forget
        # both. The page tree keeps a reference to the page, by name. Anything else the
        # page registered may be shared with later pages: it is written but remembered.
        self.Pages.pages[-1] = PDFObjectReference(name)
        del self.numberToId[first_new]
        for number in range(first_new + 1, self.objectcounter + 1):
            oid = self.numberToId[number]
            own = self.idToObject[oid] is page.Contents
            self._write_object(oid, forget=own)
            if own:
                del self.idToObjectNumberAndVersion[oid]  # never referenced again
                del self.numberToId[number]

    def _share_resources(self, page: Any) -> None:
        """Pages that use the same fonts and forms share one resource dictionary.

        A run's pages then repeat only their content: smaller files, and less for a
        reader to parse on every page.
        """
        page.check_format(self)  # makes the page's Resources as ReportLab would
        key = page.Resources.format(self)
        shared = self._resources.get(key)
        if shared is None:
            shared = self._resources[key] = self.Reference(page.Resources)
        page.Resources = shared

    def _output(self) -> PDFFile:
        if self._file is None:
            self._header_version = self._pdfVersion
            self._file = PDFFile(self._pdfVersion)
            for piece in self._file.strings:
                self._out.write(piece)
            self._file.strings = []
            self._file.write = self._out.write
        return self._file

    def _write_object(self, oid: str, *, forget: bool = False) -> None:
        """Write one registered object and record its offset; `forget` lets it go."""
        number = self.idToObjectNumberAndVersion[oid][0]
        obj = self.idToObject.pop(oid) if forget else self.idToObject[oid]
        formatted = PDFIndirectObject(oid, obj).format(self)
        if len(self._offsets) <= number:
            self._offsets.extend([0] * (number + 1 - len(self._offsets)))
        self._offsets[number] = self._output().add(formatted)

    def format(self) -> bytes:
        """Write every object not yet written, the cross-reference table and the trailer.

        ReportLab's own `format` returns the whole file; here it is already in `out`, so
        this returns nothing for the canvas to append.
        """
        self.encrypt.prepare(self)
        catalog, info = self.Catalog, self.info
        self.Reference(catalog)
        self.Reference(info)
        output = self._output()
        if self._pdfVersion != self._header_version:
            raise RuntimeError(
                f"PDF version raised to {self._pdfVersion} after the header was written"
            )
        number = 1
        # Writing an object may register more (a font's widths, its file): keep going.
        while number <= self.objectcounter:
            if number >= len(self._offsets) or not self._offsets[number]:
                self._write_object(self.numberToId[number])
            number += 1
        count = self.objectcounter
        xref_offset = output.add(f"xref\n0 {count + 1}\n0000000000 65535 f \n")
        for start in range(1, count + 1, 1024):  # in pieces: a long run has many objects
            numbers = range(start, min(count, start + 1023) + 1)
            output.add("".join(f"{self._offsets[n]:010d} 00000 n \n" for n in numbers))
        trailer = PDFTrailer(
            startxref=xref_offset,
            Size=count + 1,
            Root=self.Reference(catalog),
            Info=self.Reference(info),
            ID=self.ID(),
        )
        output.add(trailer.format(self))
        return b""
