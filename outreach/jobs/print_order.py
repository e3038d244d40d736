"""The print order: manifest entries in, `print-order.txt` and `print-order.csv` out.

A coordinator reads the summary first: one line per item to order (what, size, paper,
sides, colour, finishing, quantity in pieces and in sheets, file names), files of one
material, size and profile in one item; then one block per file. The CSV holds the same
summary rows for a shop to import. Quantities say what they count (cards, sheets), and
finishing is written only where it applies (issue 20).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from outreach.core.values import value_methods
from outreach.core.version import __version__
from outreach.jobs.names import csv_cell, one_line

# What a file is, in a coordinator's words, and what one piece of it is called.
_WHAT = {
    "poster": ("Poster", "poster"),
    "poster-signs": ("Signs poster", "poster"),
    "poster-bilingual": ("Bilingual poster", "poster"),
    "poster-trilingual": ("Trilingual poster", "poster"),
    "brochure": ("Tri-fold brochure", "brochure"),
    "notice": ("Civil Code 52.6 notice", "notice"),
    "wallet-card": ("Wallet card", "card"),
    "wallet-card-discreet": ("Discreet wallet card", "card"),
}
_FOLD = "letter-fold (C-fold) with the narrow panel folding in first"
_POST = "post where the public can see it"


# Profiles whose files are read on a screen, not printed: the print order leaves them out.
SCREEN_PROFILES = frozenset({"digital"})


def printed(entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries a print shop or a desktop printer prints (not a website's files)."""
    return [entry for entry in entries if entry["profile"] not in SCREEN_PROFILES]


def finishing(material: str, profile: str) -> list[str]:
    """What is done to a printed piece after printing; empty when nothing is.

    Office files are printed at their trim size, so nothing is trimmed; press files are
    trimmed at their crop marks (docs/print-production.md, "Print production"); digital
    files are not printed.
    """
    if profile in SCREEN_PROFILES:
        return []
    press = profile != "office"
    trim = ["trim to the crop marks (TrimBox)"] if press else []
    if material == "notice":
        return [*trim, _POST]
    if material == "brochure":
        return ["print both sides (long-edge flip)", *trim, _FOLD]
    if material.startswith("wallet-card"):
        if press:
            return ["cut along the crop marks"]
        return ["print at 100 % (no scaling), then cut out along the card's edge"]
    return trim


def _inches(mm: float) -> str:
    return f"{round(mm / 25.4, 2):g}"


def _size(width: float, height: float) -> str:
    return f"{_inches(width)} x {_inches(height)} in ({width:g} x {height:g} mm)"


def _plural(count: int, unit: str) -> str:
    return f"{count:,} {unit}" + ("" if count == 1 else "s")


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Item:
    """One line of the summary: files that are ordered the same way."""

    number: int
    what: str
    languages: str
    size: str
    paper: str
    sides: str
    colour: str
    finishing: str
    pieces: int | None  # None: the kit sets no quantity
    sheets: int | None
    quantity: str  # the same in words
    files: tuple[str, ...]

    def files_text(self) -> str:
        """The file names, languages folded into braces when the other parts agree."""
        return _fold_names(self.files)


def _fold_names(files: tuple[str, ...]) -> str:
    if len(files) == 1:
        return files[0]
    parts = [name.split("-") for name in files]
    head = 0
    while all(len(p) > head and p[head] == parts[0][head] for p in parts):
        head += 1
    tail = 0
    while all(len(p) - tail > head and p[-1 - tail] == parts[0][-1 - tail] for p in parts):
        tail += 1
    middles = ["-".join(p[head : len(p) - tail]) for p in parts]
    prefix = "-".join(parts[0][:head])
    suffix = "-".join(parts[0][len(parts[0]) - tail :])
    return (
        (f"{prefix}-" if prefix else "")
        + "{"
        + ",".join(middles)
        + "}"
        + (f"-{suffix}" if suffix else "")
    )


def _per_copy(entry: dict[str, Any]) -> tuple[int, int | None, str]:
    """Pieces and sheets in one copy of a file, and what a piece is called.

    A single card has no sheet of its own: the shop imposes it (or orders the sheets).
    """
    material = str(entry.get("material", ""))
    if isinstance(entry.get("cards"), int) and isinstance(entry.get("sheets"), int):
        return entry["cards"], entry["sheets"], "card"
    if material.endswith("-alignment"):
        return 1, 1, "test sheet"
    unit = _WHAT.get(material, ("", "piece"))[1]
    if unit == "card":
        return 1, None, unit
    return 1, max(1, math.ceil(entry["pages"] / 2)), unit


def _copies(entry: dict[str, Any]) -> int | None:
    quantity = entry.get("quantity")
    if isinstance(quantity, int):
        return quantity
    return 1 if entry.get("sites") else None  # a site run is ordered whole


def _what(entry: dict[str, Any]) -> str:
    material = str(entry.get("material", ""))
    if material.endswith("-alignment"):
        return f"Duplex alignment test sheet for {entry.get('imposition', '')} cards"
    if material.endswith("-sheet"):
        base = _WHAT.get(material.removesuffix("-sheet"), (material, ""))[0]
        what = f"{base}s, {entry.get('imposition', '')} on a sheet"
        sites = entry.get("sites")
        if sites:
            where = entry.get("site_list", "")
            return f"{what}, per-site run ({len(sites)} sites from {where})"
        return what
    return _WHAT.get(material, (material.replace("-", " ").capitalize(), ""))[0]


def _sides(entry: dict[str, Any]) -> str:
    pages = entry["pages"]
    if pages == 1:
        return "1-sided"
    duplex = entry.get("duplex") or ("long-edge" if entry.get("material") == "brochure" else "")
    flip = f", {duplex} flip" if duplex else ""
    if entry.get("sheets") and pages > 2:
        return f"2-sided{flip} (fronts on odd pages)"
    if _WHAT.get(str(entry.get("material")), ("", ""))[1] == "card":
        return "2-sided (front and back)"
    return f"2-sided{flip}" if pages == 2 else f"{pages} pages"


def _paper(entry: dict[str, Any]) -> str:
    width, height = entry["trim_mm"]
    if "sheet_mm" in entry:
        return f"{entry['size']} sheet, {_size(width, height)}"
    if entry["profile"] == "office":
        return "the trim size, desktop printer"
    return f"oversize, {entry['bleed_mm']:g} mm bleed, trimmed"


def _finished_size(entry: dict[str, Any]) -> str:
    if "card_trim_mm" in entry:
        width, height = entry["card_trim_mm"]
        return f"{entry.get('card_size', '')} card, {_size(width, height)}"
    width, height = entry["trim_mm"]
    return f"{entry.get('size', '')}, {_size(width, height)}"


def _quantity(entries: list[dict[str, Any]]) -> tuple[int | None, int | None, str]:
    """Pieces and sheets to print for these files, and the same in words."""
    pieces, sheets, unit = _per_copy(entries[0])
    copies = _copies(entries[0])
    count = len(entries)
    on = f" on {_plural(sheets, 'sheet')}" if sheets is not None else ""
    if copies is None:
        return None, None, f"copies not set in the kit (one copy: {_plural(pieces, unit)}{on})"
    total = copies * pieces * count
    total_sheets = None if sheets is None else copies * sheets * count
    text = _plural(total, unit)
    if total_sheets is not None:
        text += f" on {_plural(total_sheets, 'sheet')}"
    if count > 1:
        text += f" ({copies * pieces:,} per file x {count} files)"
    return total, total_sheets, text


def _key(entry: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(
        json_key(entry.get(name))
        for name in (
            "profile",
            "material",
            "size",
            "trim_mm",
            "bleed_mm",
            "pages",
            "color_space",
            "finishing",
            "quantity",
            "card_size",
            "imposition",
            "duplex",
            "cards",
            "sheets",
            "site_list",
        )
    )


def json_key(value: Any) -> Any:
    """A hashable stand-in for a manifest value (lists become tuples)."""
    if isinstance(value, list):
        return tuple(json_key(v) for v in value)
    return value


def _short_finishing(notes: list[str]) -> str:
    """Finishing in a few words: each note up to its colon; two-sided printing is a side."""
    short = [note.split(":")[0] for note in notes if not note.startswith("print both sides")]
    return "; ".join(short) or "none"


def _order(entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(entries, key=lambda e: (e["profile"] != "press", e["file"]))


def summary_items(entries: list[dict[str, Any]]) -> list[Item]:
    """The summary: files grouped by what is ordered the same way, press files first."""
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for entry in _order(entries):
        groups.setdefault(_key(entry), []).append(entry)
    items = []
    for number, group in enumerate(groups.values(), start=1):
        first = group[0]
        languages = ["+".join(e["languages"]) for e in group]
        pieces, sheets, quantity = _quantity(group)
        items.append(
            Item(
                number=number,
                what=_what(first),
                languages=", ".join(languages)
                if len(languages) <= 3
                else (f"{len(languages)} languages"),
                size=_finished_size(first),
                paper=_paper(first),
                sides=_sides(first),
                colour="CMYK" if first["color_space"] == "cmyk" else "RGB (office printer)",
                finishing=_short_finishing(first["finishing"]),
                pieces=pieces,
                sheets=sheets,
                quantity=quantity,
                files=tuple(e["file"] for e in group),
            )
        )
    return items


def render_print_order(kit_name: str, entries: list[dict[str, Any]]) -> bytes:
    """`print-order.txt`: the summary, one line per item, then one block per file.

    Every name is escaped onto one line (`names.one_line`): a name with a newline must
    never add a `File:` or `Quantity:` line of its own (issue 21). Digital files are for a
    website: they are counted in one line and left out.
    """
    screen = len(entries) - len(entries := printed(entries))
    items = summary_items(entries)
    profiles = {entry["profile"] for entry in entries}
    lines = [
        f"PRINT ORDER - kit `{one_line(kit_name)}` (generated by outreach {__version__})",
        "",
    ]
    if "press" in profiles:
        lines += [
            "Press files (profile `press`) carry 0.125 in bleed, crop marks, TrimBox and BleedBox,",
            "CMYK only, all fonts embedded (PDF/X).",
        ]
    if profiles - {"press"}:
        lines.append(
            "Office files are for desktop printers, at their trim size, and are listed last."
            if "press" in profiles
            else "Office files are for desktop printers, at their trim size."
        )
    if screen:
        lines.append(
            f"Files for a website (profile `digital`, {_plural(screen, 'file')})"
            " are not printed and not listed here."
        )
    lines += [
        "",
        f"SUMMARY: {_plural(len(items), 'item')}, {_plural(len(entries), 'file')}"
        " (the same rows are in print-order.csv; each file's detail follows)",
        "",
    ]
    for item in items:
        text = (
            f"{item.number}. {item.what}, {item.languages} | {item.size} | paper: {item.paper}"
            f" | {item.sides} | {item.colour} | finishing: {item.finishing}"
            f" | quantity: {item.quantity} | files: {item.files_text()}"
        )
        lines.append(one_line(text))
    lines += ["", "DETAIL, ONE BLOCK PER FILE", ""]
    for entry in _order(entries):
        lines += _detail(entry)
    return "\n".join(lines).encode("utf-8")


def _detail(entry: dict[str, Any]) -> list[str]:
    width, height = entry["trim_mm"]
    quantity = _quantity([entry])[2]
    lines = [
        f"File:       {one_line(entry['file'])}",
        f"What:       {one_line(_what(entry))}",
        f"Trim size:  {_size(width, height)}"
        + (f", bleed {entry['bleed_mm']:g} mm" if entry["bleed_mm"] else ", no bleed"),
    ]
    if "card_trim_mm" in entry:
        lines.append(f"Card size:  {one_line(_finished_size(entry))}")
    lines += [
        f"Pages:      {entry['pages']} ({_sides(entry)})",
        f"Colour:     {'CMYK' if entry['color_space'] == 'cmyk' else 'RGB (office printer)'}",
        f"Quantity:   {quantity}",
    ]
    if entry["finishing"]:
        lines.append(f"Finishing:  {one_line('; '.join(entry['finishing']))}")
    sites = entry.get("sites")
    if isinstance(sites, list):
        for site in sites:
            if isinstance(site, dict):
                lines.append(
                    f"Site:       {one_line(str(site.get('name', '')))}: "
                    f"{site.get('cards')} cards, from card {site.get('first_card')}"
                )
    lines += [
        f"Languages:  {one_line(', '.join(entry['languages']))}",
        f"sha256:     {entry['sha256']}",
        "",
    ]
    return lines


CSV_COLUMNS = (
    "item",
    "what",
    "languages",
    "size",
    "paper",
    "sides",
    "colour",
    "finishing",
    "pieces",
    "sheets",
    "quantity",
    "files",
)


def render_print_order_csv(entries: list[dict[str, Any]]) -> bytes:
    """`print-order.csv`: the summary rows, every name escaped (`names.csv_cell`).

    No text cell starts with `=`, `+`, `-` or `@` as a spreadsheet would read it: such a
    cell is prefixed with an apostrophe, and every text cell is quoted (CSV injection).
    """
    stream = io.StringIO()
    writer = csv.writer(stream, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in summary_items(printed(entries)):
        writer.writerow(
            [
                item.number,
                csv_cell(item.what),
                csv_cell(item.languages),
                csv_cell(item.size),
                csv_cell(item.paper),
                csv_cell(item.sides),
                csv_cell(item.colour),
                csv_cell(item.finishing),
                "" if item.pieces is None else item.pieces,
                "" if item.sheets is None else item.sheets,
                csv_cell(item.quantity),
                csv_cell("; ".join(item.files)),
            ]
        )
    return stream.getvalue().encode("utf-8")
