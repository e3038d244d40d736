"""Read a kit file into its text, and locate its tables and keys by line and column.

Input: the path of `kits/<name>.toml`. Output: its text (or a located diagnostic: missing,
a folder, not UTF-8), and a `_Locator` that gives the line and column of a `[table]`, the
n-th `[[jobs]]` or a `key =` in it, which tomllib does not keep.
"""

from __future__ import annotations

import re
from pathlib import Path

from outreach.core.diagnostics import Diagnostics, Location


def _read_kit(file: Path, path: str, diags: Diagnostics) -> str | None:
    """The kit's text, or None with a located diagnostic: missing, a folder, not UTF-8."""
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        diags.error(
            "file.missing",
            f"kit file `{path}` does not exist",
            Location(path),
            hints=("check the path, or run `outreach build` for the default kit",),
        )
        return None
    except IsADirectoryError:
        diags.error(
            "file.is-folder",
            f"kit path `{path}` is a folder, not a kit file",
            Location(path),
            hints=("name a `.toml` file, e.g. `kits/default.toml`",),
        )
        return None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        diags.error(
            "file.unreadable",
            f"cannot read kit file `{path}`: {getattr(exc, 'strerror', None) or exc}",
            Location(path),
        )
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.error(
            "kit.encoding",
            f"kit file is not UTF-8: byte 0x{data[exc.start]:02x} cannot be read",
            Location(path, line, column),
            hints=("save the kit as UTF-8 (TOML files are always UTF-8)",),
        )
        return None


class _Locator:
    """Lines and columns of tables and keys in a kit's text, which tomllib does not keep.

    Found by reading the lines: `[kit]`, the n-th `[[jobs]]`, then `key =` inside it. A
    key written some other way (an inline table) gets its table's line, or the file.
    """

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def _header(self, table: str, index: int | None) -> int | None:
        pattern = re.compile(
            rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]"
            if index is not None
            else rf"^\s*\[\s*{re.escape(table)}\s*\]"
        )
        seen = -1
        for number, line in enumerate(self.lines):
            if pattern.match(line):
                seen += 1
                if index is None or seen == index:
                    return number
        return None

    def table(self, table: str, index: int | None = None) -> Location:
        """Where a `[table]` (or the index-th `[[table]]`) starts."""
        number = self._header(table, index)
        if number is None:
            return Location(self.path, key=table)
        key = table if index is None else f"{table}[{index}]"
        return Location(self.path, number + 1, self.lines[number].index("[") + 1, key)

    def key(self, table: str, index: int | None, key: str | None) -> Location:
        """Where `key = ...` is inside a table; the table's header when not found."""
        start = self._header(table, index)
        label = table if index is None else f"{table}[{index}]"
        if key is None or start is None:
            return self.table(table, index) if start is not None else Location(self.path, key=label)
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        for number in range(start + 1, len(self.lines)):
            line = self.lines[number]
            if line.lstrip().startswith("["):
                break
            if pattern.match(line):
                return Location(self.path, number + 1, line.index(key[0]) + 1, f"{label}.{key}")
        return Location(self.path, start + 1, self.lines[start].index("[") + 1, f"{label}.{key}")
