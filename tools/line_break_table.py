"""Write `outreach/text/line_break.txt`: the Line_Break property of every code point, as runs.

Input: uniseg's Unicode data (the installed uniseg). Output: one line per run of code points
that share a Line_Break value, `START VALUE` (hex start), in code point order, after a
header naming the Unicode version. `text/linebreak.py` reads it instead of importing
uniseg, whose package loads `importlib.metadata` and the `email` package on import
(about 12 ms of a fresh poster, issue 14). Run `python tools/line_break_table.py` after
upgrading uniseg; `tests/test_text_breaking.py` checks the file against uniseg for every
code point.
"""

from __future__ import annotations

import sys
from pathlib import Path

import uniseg
from uniseg.linebreak import line_break

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "outreach" / "text" / "line_break.txt"


def runs() -> list[tuple[int, str]]:
    """(first code point, Line_Break value) of each run of equal values."""
    found: list[tuple[int, str]] = []
    for code in range(sys.maxunicode + 1):
        value = str(line_break(chr(code)))
        if not found or found[-1][1] != value:
            found.append((code, value))
    return found


def main() -> int:
    """Write the table; the same uniseg writes the same file."""
    lines = [f"# Unicode {uniseg.unidata_version} Line_Break, from uniseg: START VALUE"]
    lines += [f"{code:04X} {value}" for code, value in runs()]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
