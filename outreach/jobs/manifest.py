"""The manifest: what was built, for machines (the print order reads it: `print_order.py`).

Input: built pieces (or their cached entries). Output: `manifest.json` (sha256, pages, trim,
profile, languages, QR payloads, quantities and finishing of every file). It describes the
whole output folder: a narrowed build keeps the earlier builds' entries (issue 21).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from outreach.content.phones import find_numbers, region_of
from outreach.content.sites import DEFAULT_REGION
from outreach.core.model import Pack
from outreach.core.units import to_mm
from outreach.core.version import __version__
from outreach.fonts import bundled_font_names
from outreach.jobs.print_order import finishing
from outreach.jobs.project import BuiltPiece
from outreach.render.pdf_data import digest


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
        "finishing": list(document.notes) or finishing(document.material, document.profile),
    }
    own_fonts = sorted(document.font_names() - bundled_font_names())
    if own_fonts:  # a pack's own fonts: `outreach check` expects them in this file
        entry["fonts"] = own_fonts
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


def _site_numbers(entries: list[dict[str, Any]], pack: Pack | None) -> set[str]:
    """The numbers of a run's local lines: its cards print them, so `outreach check` allows them."""
    contacts = pack.contacts.values() if pack else ()
    voice = next((c.dial for c in contacts if c.kind == "voice"), "")
    region = (region_of(voice) if voice else None) or DEFAULT_REGION
    return {
        number
        for entry in entries
        for site in entry.get("sites") or ()
        if isinstance(site, dict) and isinstance(site.get("local_contact"), str)
        for number in find_numbers(site["local_contact"], region).raw
    }


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
        | _site_numbers(entries, pack)
    )
    manifest = {
        "kit": kit_name,
        "pack": pack_name,
        "generator": f"outreach {__version__}",
        "printed_numbers": numbers,
        "files": entries,
    }
    return manifest
