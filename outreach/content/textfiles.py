"""Read a user's text file within bounds: a size limit, and UTF-8 errors located by line.

Input: a path and the largest size that makes sense for its kind of file. Output: its text,
or a located diagnostic (`file.missing`, `file.unreadable`, `file.too-large`,
`file.not-utf8`). Issue 21: a hostile or mistaken file must cost bounded memory and time,
and an editor needs line:column, not the byte offset a codec reports.
"""

from __future__ import annotations

from pathlib import Path

from outreach.core.diagnostics import Diagnostics, Location

MEGABYTE = 1024 * 1024
# Our own content files are 20-60 KB; 5 MB is a hundred times that, and still parses in well
# under a second.
MAX_YAML_BYTES = 5 * MEGABYTE
MAX_PO_BYTES = 5 * MEGABYTE
# 10,000 sites (the row cap in sites.py) of generous 400-byte rows.
MAX_CSV_BYTES = 4 * MEGABYTE


def read_text_file(
    file: Path,
    shown: str,
    diags: Diagnostics,
    *,
    limit: int,
    encoding: str = "utf-8",
    hints: tuple[str, ...] = ("save the file as UTF-8",),
) -> str | None:
    """The file's text, or None with a diagnostic; at most `limit` bytes are ever read."""
    data = read_file_bytes(file, shown, diags, limit=limit)
    if data is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        report_not_utf8(data, exc, shown, diags, hints)
        return None


def read_file_bytes(file: Path, shown: str, diags: Diagnostics, *, limit: int) -> bytes | None:
    """The file's bytes, or None with a diagnostic if it is missing, unreadable or too large.

    Reads through the open file rather than trusting its stated size, so that a device or
    a file that grows (`/dev/zero`, a pipe) is bounded too.
    """
    try:
        with file.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError:
        diags.error(
            "file.missing",
            f"file `{shown}` does not exist",
            Location(shown),
            hints=("create it, or check the path",),
        )
        return None
    except OSError as exc:
        diags.error(
            "file.unreadable",
            f"cannot read `{shown}`: {exc.strerror or exc}",
            Location(shown),
        )
        return None
    if len(data) > limit:
        diags.error(
            "file.too-large",
            f"`{shown}` is larger than {limit // MEGABYTE} MB",
            Location(shown),
            hints=("split the file, or check that it is the file you meant",),
        )
        return None
    return data


def report_not_utf8(
    data: bytes, exc: UnicodeDecodeError, shown: str, diags: Diagnostics, hints: tuple[str, ...]
) -> None:
    """A `file.not-utf8` error at the line and column of the first bad byte."""
    line, column = byte_position(data, exc.start)
    diags.error(
        "file.not-utf8",
        f"byte 0x{data[exc.start]:02x} at line {line}, column {column} is not UTF-8",
        Location(shown, line, column),
        hints=hints,
    )


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of a byte offset, as editors count them."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    before = data[line_start:offset].decode("utf-8", errors="replace")
    return line, len(before) + 1
