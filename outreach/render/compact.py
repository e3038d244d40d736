"""Pack a drawn PDF's objects into compressed object streams: a digital file, smaller.

Input: the bytes ReportLab wrote for a Document whose profile asks for object streams
(`digital`, issue 19). Output: the same PDF rewritten by qpdf (pikepdf): every object that
may live in an object stream does (the structure tree's many small dictionaries, font
descriptors, widths), with a cross-reference stream, PDF 1.5 or later. Streams keep their
compression; the XMP packet stays uncompressed, as qpdf leaves it. ReportLab cannot write
object streams itself. The file's /ID is derived from its content (qpdf's deterministic
id), so identical inputs still give identical bytes.
"""

from __future__ import annotations

import io
from typing import BinaryIO

import pikepdf


def compact_pdf(data: bytes, out: BinaryIO) -> None:
    """Write `data` into `out` with its objects in object streams."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(
            out,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
            deterministic_id=True,
            linearize=False,
        )
