"""A rendered PDF, in memory or in the temporary file it was streamed into, read in chunks.

Input: what `render` produced. Output: its digest, the matches of a pattern in it, or its
removal. A print run's PDF is never read whole into memory (issue 3); checks and the
manifest read it through these.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

# A rendered PDF: its bytes, or the temporary file it was streamed into.
PdfData = bytes | Path

_CHUNK = 1 << 20


def discard(data: PdfData) -> None:
    """Remove a PDF's temporary file when its build fails."""
    if isinstance(data, Path):
        data.unlink(missing_ok=True)


def digest(data: PdfData) -> tuple[str, int]:
    """The sha256 and the size of a rendered PDF, read in chunks when it is a file."""
    if not isinstance(data, Path):
        return hashlib.sha256(data).hexdigest(), len(data)
    with data.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest(), data.stat().st_size


def scan(data: PdfData, pattern: re.Pattern[bytes], overlap: int = 256) -> set[bytes]:
    """Every match of `pattern` (its group, if it has one) in a PDF, a file read in chunks.

    `overlap` must be longer than any match, so that a match across two chunks is seen
    whole in one of them.
    """
    if not isinstance(data, Path):
        return set(pattern.findall(data))
    found: set[bytes] = set()
    tail = b""
    with data.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            found.update(pattern.findall(window))
            tail = window[-overlap:]
    return found
