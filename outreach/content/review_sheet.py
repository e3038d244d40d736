"""The review spreadsheet: `ReviewEntry`s out to an XLSX file, a reviewer's `Decision`s back in.

Input: a language's review entries, or a filled sheet. Output: `<lang>-review.xlsx`
(openpyxl): one row per entry, the English and the draft protected, the decision a
drop-down (approve / change / question), then new text, reviewer and comment; hidden
columns hold each row's content key and the fingerprint of its English, so sorting the
rows keeps them together and a sheet made for older English is caught. Reading gives
`Decision`s located at their row and column, or diagnostics.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from outreach.content.review import DECISIONS, PRIORITIES, Decision, ReviewEntry
from outreach.core.diagnostics import Diagnostics, Location

SHEET, META = "review", "outreach"
FORMAT = "outreach review sheet 1"
COLUMNS = (
    ("#", 5),
    ("priority", 14),
    ("printed on", 18),
    ("room left (characters)", 10),
    ("English", 50),
    ("draft", 50),
    ("decision", 12),
    ("new text (for change)", 50),
    ("reviewer", 16),
    ("comment (for question)", 30),
    ("key", 10),
    ("english-sha256", 10),
)
(
    COL_NUMBER,
    COL_PRIORITY,
    COL_MATERIALS,
    COL_ROOM,
    COL_ENGLISH,
    COL_DRAFT,
    COL_DECISION,
    COL_TEXT,
    COL_REVIEWER,
    COL_COMMENT,
    COL_KEY,
    COL_HASH,
) = range(1, len(COLUMNS) + 1)
_EDITABLE = (COL_DECISION, COL_TEXT, COL_REVIEWER, COL_COMMENT)
_MAX_ROWS = 5_000  # a pack has a few hundred entries; more rows is not our sheet


def write_sheet(entries: list[ReviewEntry], pack_id: str, language: str, path: Path) -> Path:
    """Write the sheet a reviewer fills in; only the decision columns can be edited."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    bold = Font(bold=True)
    for column, (title, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=column, value=title)
        cell.font = bold
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    wrap = Alignment(wrap_text=True, vertical="top")
    editable = PatternFill("solid", fgColor="FFF6D5")
    for row, entry in enumerate(entries, start=2):
        values: tuple[Any, ...] = (
            entry.number,
            PRIORITIES[entry.priority],
            ", ".join(entry.materials),
            entry.room,
            entry.english,
            entry.draft,
            "",
            "",
            "",
            "",
            entry.key,
            entry.english_hash,
        )
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.alignment = wrap
            if column in _EDITABLE:
                cell.protection = Protection(locked=False)
                cell.fill = editable
    last = len(entries) + 1
    choices = DataValidation(
        type="list",
        formula1='"' + ",".join(DECISIONS) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="decision",
        error="choose approve, change or question",
    )
    sheet.add_data_validation(choices)
    choices.add(f"{get_column_letter(COL_DECISION)}2:{get_column_letter(COL_DECISION)}{last}")
    for column in (COL_KEY, COL_HASH):
        sheet.column_dimensions[get_column_letter(column)].hidden = True
    # Protection without a password: it keeps a slip of the mouse out of the English and
    # the draft; the hidden fingerprints catch anything else.
    sheet.protection.sheet = True
    sheet.protection.formatRows = False
    sheet.protection.formatColumns = False
    sheet.protection.sort = False
    sheet.protection.autoFilter = False
    meta = book.create_sheet(META)
    for row, (name, value) in enumerate(
        (("format", FORMAT), ("pack", pack_id), ("language", language)), start=1
    ):
        meta.cell(row=row, column=1, value=name)
        meta.cell(row=row, column=2, value=value)
    meta.sheet_state = "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def read_sheet(
    path: Path, shown: str, diags: Diagnostics
) -> tuple[str, str, list[Decision]] | None:
    """(pack, language, decisions) of a filled sheet; None (with a diagnostic) if unreadable."""
    try:
        book = load_workbook(path, read_only=False, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and its own errors for non-sheets
        diags.error(
            "review.not-a-sheet",
            f"`{path.name}` is not an XLSX review sheet ({type(exc).__name__})",
            Location(shown),
            hints=("give the .xlsx or .xlf file that `outreach i18n review` wrote",),
        )
        return None
    meta = _meta(book)
    if SHEET not in book.sheetnames or meta.get("format") != FORMAT:
        diags.error(
            "review.not-a-sheet",
            f"`{path.name}` is a spreadsheet, but not a review sheet written by outreach",
            Location(shown),
            hints=("fill in the sheet that `outreach i18n review` wrote; keep its hidden parts",),
        )
        return None
    sheet = book[SHEET]
    decisions: list[Decision] = []
    for row in range(2, min(sheet.max_row, _MAX_ROWS) + 1):

        def cell(column: int, row: int = row) -> str:
            value = sheet.cell(row=row, column=column).value
            return "" if value is None else str(value).strip()

        key = cell(COL_KEY)
        if not key and not any(cell(c) for c in _EDITABLE):
            continue

        def at(column: int, row: int = row, key: str = key) -> Location:
            return Location(shown, row, column, f"{get_column_letter(column)}{row} `{key}`")

        decisions.append(
            Decision(
                key=key,
                english_hash=cell(COL_HASH),
                decision=cell(COL_DECISION).lower(),
                new_text=str(sheet.cell(row=row, column=COL_TEXT).value or "").strip(),
                reviewer=cell(COL_REVIEWER),
                comment=cell(COL_COMMENT),
                location=at(COL_DECISION),
                text_location=at(COL_TEXT),
                key_location=at(COL_KEY),
            )
        )
    return meta.get("pack", ""), meta.get("language", ""), decisions


def _meta(book: Any) -> dict[str, str]:
    if META not in book.sheetnames:
        return {}
    sheet = book[META]
    found: dict[str, str] = {}
    for row in range(1, min(sheet.max_row, 20) + 1):
        name, value = sheet.cell(row=row, column=1).value, sheet.cell(row=row, column=2).value
        if name is not None and value is not None:
            found[str(name)] = str(value)
    return found
