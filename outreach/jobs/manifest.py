"""The manifest and the print order: what was built, for machines and for print shops.

Input: built pieces (or their cached entries). Output: `manifest.json` (sha256, pages, trim,
profile, languages, QR payloads of every file) and `print-order.txt`, a plain-text order a
print shop can follow (paper, sides and flip, colour, quantity, finishing). Both describe
the whole output folder: a narrowed build keeps the earlier builds' entries (issue 21).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from outreach.core.model import Pack
from outreach.core.units import to_mm
from outreach.core.version import __version__
from outreach.jobs.names import one_line
from outreach.jobs.project import BuiltPiece
from outreach.render.pdf_data import digest

FINISHING = {
    "poster": "trim to the TrimBox (crop marks on press files)",
    "notice": "trim to the TrimBox; post where the public can see it",
    "brochure": "print both sides (long-edge flip), then letter-fold (C-fold) with the narrow "
    "panel folding in first",
    "wallet-card": "cut along the crop marks",
}


def manifest_entry(piece: BuiltPiece) -> dict[str, Any]:
    """One file's entry: everything a later check or a print shop needs to know about it."""
    document = piece.document
    sha256, size = digest(piece.pdf)
    entry: dict[str, Any] = {
        "file": piece.file_name,
        "sha256": sha256,
        "bytes": size,
        "material": document.material,
        "size": document.size,
    }
    if document.pages:  # a card print run streams its pages; its details say the rest
        first = document.pages[0]
        entry["trim_mm"] = [round(to_mm(first.width), 2), round(to_mm(first.height), 2)]
        entry["bleed_mm"] = round(to_mm(first.bleed), 2)
    entry |= {
        "profile": document.profile,
        "color_space": document.color_space,
        "languages": document.language.split("+"),
        "pages": len(document.pages),
        "qr_payloads": sorted({qr.data for _, qr in document.qr_items()}),
        "qr_module_mm": min(
            (round(to_mm(qr.module_size), 3) for _, qr in document.qr_items()), default=None
        ),
        "quantity": piece.job.quantity,
        "finishing": list(document.notes) or [FINISHING.get(document.material, "trim")],
    }
    entry.update(piece.details)
    for name, data in piece.extras:
        entry.setdefault("extras", []).append(
            {"file": name, "sha256": hashlib.sha256(data).hexdigest()}
        )
    return entry


MANIFEST_NAME = "manifest.json"
# What the print order reads from an entry: an earlier entry without them is not kept.
_ENTRY_KEYS = frozenset(
    {"file", "sha256", "profile", "pages", "trim_mm", "bleed_mm", "color_space", "finishing"}
    | {"languages"}
)


def earlier_manifest(out_dir: Path) -> dict[str, Any]:
    """The manifest an earlier build left in `out_dir`; empty if missing or unreadable.

    A damaged manifest is replaced, not merged: `outreach check` then reports the PDFs it
    no longer lists.
    """
    try:
        data = json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def merge_entries(
    out_dir: Path, entries: list[dict[str, Any]], earlier: dict[str, Any]
) -> list[dict[str, Any]]:
    """This build's entries, then the earlier ones for files it did not make that still exist.

    So a narrowed build (`--material poster --lang es`) into a full folder lists every PDF
    in it, not just its own two.
    """
    made = {entry["file"] for entry in entries}
    files = earlier.get("files")
    kept = [
        entry
        for entry in (files if isinstance(files, list) else [])
        if isinstance(entry, dict)
        and _ENTRY_KEYS <= entry.keys()
        and isinstance(entry["file"], str)
        and entry["file"] not in made
        and Path(entry["file"]).name == entry["file"]  # a plain name in this folder
        and (out_dir / entry["file"]).is_file()
    ]
    return [*entries, *kept]


def manifest_data(
    kit_name: str,
    pack_name: str,
    entries: list[dict[str, Any]],
    pack: Pack | None,
    earlier_numbers: tuple[str, ...] = (),
) -> dict[str, Any]:
    """`manifest.json`: the files in plan order, and the numbers a build may print.

    `earlier_numbers` are those of the manifest it replaces, whose kept entries may print them.
    """
    numbers = sorted(
        {
            printed
            for contact in (pack.contacts.values() if pack else ())
            for printed in (contact.display, contact.alternate)
            if printed
        }
        | {number for number in earlier_numbers if isinstance(number, str)}
    )
    manifest = {
        "kit": kit_name,
        "pack": pack_name,
        "generator": f"outreach {__version__}",
        "printed_numbers": numbers,
        "files": entries,
    }
    return manifest


def _inches(mm: float) -> str:
    return f"{round(mm / 25.4, 2):g}"


def render_print_order(kit_name: str, entries: list[dict[str, Any]]) -> bytes:
    """`print-order.txt`: one block per press-ready file, in words a print shop uses.

    Every name is escaped onto one line (`names.one_line`): a name with a newline must
    never add a `File:` or `Quantity:` line of its own (issue 21).
    """
    lines = [
        f"PRINT ORDER - kit `{one_line(kit_name)}` (generated by outreach {__version__})",
        "",
        "Press files (profile `press`) carry 0.125 in bleed, crop marks, TrimBox and BleedBox,",
        "CMYK only, all fonts embedded. Office files are for desktop printers and are listed last.",
        "",
    ]
    ordered = sorted(entries, key=lambda e: (e["profile"] != "press", e["file"]))
    for entry in ordered:
        width, height = entry["trim_mm"]
        sides = (
            "2-sided, long-edge flip"
            if entry["pages"] == 2
            else (f"{entry['pages']} pages" if entry["pages"] > 2 else "1-sided")
        )
        quantity = entry.get("quantity")
        lines += [
            f"File:       {one_line(entry['file'])}",
            f"Trim size:  {_inches(width)} x {_inches(height)} in ({width:g} x {height:g} mm)"
            + (f", bleed {entry['bleed_mm']:g} mm" if entry["bleed_mm"] else ", no bleed"),
            f"Pages:      {entry['pages']} ({sides})",
            f"Colour:     {'CMYK' if entry['color_space'] == 'cmyk' else 'RGB (office printer)'}",
            f"Quantity:   {quantity if quantity else 'as ordered'}",
            f"Finishing:  {one_line('; '.join(entry['finishing']))}",
            f"Languages:  {one_line(', '.join(entry['languages']))}",
            f"sha256:     {entry['sha256']}",
            "",
        ]
    return "\n".join(lines).encode("utf-8")
