"""A ReportLab document that writes each finished page to the output at once.

ReportLab keeps every page object and its content stream until `save()`, then builds the
whole file in memory, then copies it out: a print run's memory grows with its length
(issue 3). `StreamingDocument` writes a page and its content stream as soon as the canvas
finishes it, keeps only their object numbers and file offsets, and writes what must wait
for the last page (fonts, whose subsets depend on every page, the page tree, the catalog)
at `save()`. PDF allows objects in any order: the cross-reference table says where each
one is.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from reportlab.pdfbase.pdfdoc import (
    PDFCrossReferenceTable,
    PDFDocument,
    PDFFile,
    PDFIndirectObject,
    PDFObject,
    PDFTrailer,
)


class _Written(PDFObject):  # type: ignore[misc]
    """What stays in memory of an object already in the file: its name, for references."""

    def __init__(self, name: str) -> None:
        self.__InternalName__ = name

    def format(self, document: Any) -> bytes:
        raise RuntimeError(f"PDF object {self.__InternalName__} is already written")


class StreamingDocument(PDFDocument):  # type: ignore[misc]
    """A `PDFDocument` that writes pages to `out` as they come, then the rest at save."""

    def __init__(self, out: BinaryIO, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._out = out
        self._file: PDFFile | None = None
        self._header_version: tuple[int, int] | None = None

    def addPage(self, page: Any) -> None:  # noqa: N802 (ReportLab's name)
        """Register the page as ReportLab does, then write it and its content at once."""
        first_new = self.objectcounter + 1
        super().addPage(page)
        name = page.__InternalName__
        self._write_object(name)
        # Formatting the page registered its content stream (and, for the first page, the
        # page tree). Write what belongs to this page; the page tree waits for the last.
        number = first_new + 1
        while number in self.numberToId:
            oid = self.numberToId[number]
            if self.idToObject[oid] is not self.Pages and oid not in self.idToOffset:
                self._write_object(oid)
            number += 1
        self.Pages.pages[-1] = self.idToObject[name]

    def _output(self) -> PDFFile:
        if self._file is None:
            self._header_version = self._pdfVersion
            self._file = PDFFile(self._pdfVersion)
            for piece in self._file.strings:
                self._out.write(piece)
            self._file.strings = []
            self._file.write = self._out.write
        return self._file

    def _write_object(self, oid: str) -> None:
        """Write one registered object and forget it, keeping its number and offset."""
        output = self._output()
        formatted = PDFIndirectObject(oid, self.idToObject[oid]).format(self)
        self.idToOffset[oid] = output.add(formatted)
        self.idToObject[oid] = _Written(oid)

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
        while number in self.numberToId:
            oid = self.numberToId[number]
            if oid not in self.idToOffset:
                self._write_object(oid)
            number += 1
        ids = [self.numberToId[n] for n in range(1, number)]
        xref = PDFCrossReferenceTable()
        xref.addsection(0, ids)
        xref_offset = output.add(xref.format(self))
        trailer = PDFTrailer(
            startxref=xref_offset,
            Size=len(ids) + 1,
            Root=self.Reference(catalog),
            Info=self.Reference(info),
            ID=self.ID(),
        )
        output.add(trailer.format(self))
        return b""
