"""Write output files so that no reader ever sees half of one.

Every file goes to a temporary `.NAME.*.tmp` beside its target and is renamed into place
when whole. A PDF built into a folder is streamed into such a file as it is drawn
(`spool_file`), so a long print run is never held in memory (issue 3); a build killed
half-way leaves only temporaries, which the next build removes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

# A rendered PDF: its bytes, or the temporary file it was streamed into.
PdfData = bytes | Path

_CHUNK = 1 << 20


def remove_stale_temporaries(out_dir: Path) -> None:
    """Delete temporary files a killed build left behind (never a finished output)."""
    if out_dir.is_dir():
        for stale in out_dir.glob(".*.tmp"):
            stale.unlink(missing_ok=True)


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so no reader ever sees half a PDF."""
    atomic_write_with(path, lambda stream: stream.write(data))


def atomic_write_json(path: Path, data: object, **options: Any) -> None:
    """Write JSON as it is encoded, atomically.

    A print run's manifest lists every site and its codes: encoding it to one string
    first would hold it twice more at the end of the build (issue 3).
    """

    def write(stream: BinaryIO) -> None:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="\n")
        json.dump(data, text, **options)
        text.write("\n")
        text.flush()
        text.detach()

    atomic_write_with(path, write)


def atomic_write_with(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Let `write` fill a temporary file beside `path`, then rename it into place."""
    temporary = spool_file(path.parent, path.name, write)
    os.replace(temporary, path)


def spool_file(folder: Path, name: str, write: Callable[[BinaryIO], object]) -> Path:
    """A temporary file for `name` in `folder`, filled by `write` and synced to disk."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def place(data: PdfData, target: Path) -> None:
    """Put a rendered PDF at `target`: rename its temporary file, or write its bytes."""
    if isinstance(data, Path):
        os.replace(data, target)
    else:
        atomic_write(target, data)


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
