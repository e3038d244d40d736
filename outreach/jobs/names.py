"""Names that become file names or lines of text: what makes one unsafe, and how to print one.

Input: a name from a kit or a site list (a kit name, a pack name, a site-list file name).
Output: why it may not be used, or the name escaped onto one line or into a CSV cell. A
name with a newline could write fake lines into print-order.txt, one starting with `=` a
formula into print-order.csv, and one with a separator or `..` could put a file outside
its folder (issues 20, 21).
"""

from __future__ import annotations

import re
import unicodedata

from outreach.content.safety import BIDI_CONTROLS, describe_character

# Letters that print as nothing although Unicode calls them letters or marks (issue 21):
# Hangul fillers, the combining grapheme joiner, Khmer inherent vowels, variation selectors.
_BLANK_LETTERS = frozenset(
    "\u115f\u1160\u3164\uffa0\u034f\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))
)
_SEPARATORS = frozenset("/\\:")
# The shape of a BCP 47 tag as this project writes them (`en`, `zh-Hant`, `prs`): a tag
# names a PO file in `locale/`, so nothing else may pass (issue 21).
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def is_language_tag(text: str) -> bool:
    """True for `en`, `zh-Hant`, `prs`; False for `../x`, `EN`, or a tag and a newline."""
    return LANGUAGE_TAG.fullmatch(text) is not None


def hidden_character(text: str) -> str | None:
    """The first character of `text` that is a control, a direction mark or prints as nothing."""
    for char in text:
        if char == " ":
            continue
        if char in BIDI_CONTROLS or char in _BLANK_LETTERS or not char.isprintable():
            return char
    return None


def name_problem(name: str) -> str | None:
    """Why `name` cannot become (part of) a file name, or None if it can.

    Refused: empty names, control, direction and invisible characters, path separators
    (slash, backslash, and `:` for Windows drives), `.` and `..`, and leading or trailing spaces.
    """
    if not name:
        return "is empty"
    char = hidden_character(name)
    if char is not None:
        return f"contains the character {describe_character(char)}"
    separator = next((c for c in name if c in _SEPARATORS), None)
    if separator is not None:
        return f"contains the path separator `{separator}`"
    if name in (".", ".."):
        return "is a relative folder name"
    if name != name.strip():
        return "starts or ends with a space"
    return None


def one_line(text: str) -> str:
    """`text` escaped so it cannot start a new line or reorder a line when printed.

    Controls, direction marks and invisible characters become escapes such as `u{000A}`
    after a backslash: a print shop sees that something odd is there, and no fake
    `Quantity:` line can follow it.
    """
    if hidden_character(text) is None and "\\" not in text:
        return text
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char != " " and (
            char in BIDI_CONTROLS or char in _BLANK_LETTERS or not char.isprintable()
        ):
            out.append(f"\\u{{{ord(char):04X}}}")
        else:
            out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
_FORMULA_START = frozenset("=+-@")


def csv_cell(text: str) -> str:
    """`text` for a CSV cell: on one line (`one_line`), never read as a formula.

    A cell whose first visible character is `=`, `+`, `-` or `@` is prefixed with an
    apostrophe, which spreadsheets show as text (CSV formula injection).
    """
    cell = one_line(text)
    if cell.lstrip()[:1] in _FORMULA_START:
        return "'" + cell
    return cell
