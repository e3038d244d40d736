"""Fixture PO catalogs for a language a test pack adds: the English, marked, not invented.

Only the entries the given materials print are filled (a language translates what the kit
builds, issue 15); each is the English with a marker before it, so a test can tell the
language's text from the source's and no wording is made up. Shared by the tests of a
pack's added languages and of the Riverbend project.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from outreach.content.catalogs import update_catalog
from outreach.core.diagnostics import Diagnostics
from outreach.core.model import Pack
from outreach.jobs.coverage import needed_entries
from outreach.jobs.project import Project
from outreach.layout.spec import layout_file, load_layout


def write_marked_catalog(
    project: Path, pack: Pack, language: str, materials: list[str], mark: str
) -> list[str]:
    """Write `language`'s PO file: the entries the materials print, marked; the rest empty.

    Returns the translated keys.
    """
    keys: dict[str, None] = {}
    layouts = Project(project).layouts_dir
    for material in materials:
        spec = load_layout(layout_file(layouts, material), project, None, Diagnostics())
        assert spec is not None
        for index in range(spec.languages):
            keys.update(dict.fromkeys(needed_entries(spec, index, pack)))
    po = update_catalog(pack, language)
    with po.open("rb") as stream:
        catalog = read_po(stream)
    for message in catalog:
        if message.id and message.context in keys:
            words = re.sub(r"\{\{[^}]*\}\}", "", str(message.id))
            # A fact alone (the hotline's number) is printed as it is in every language.
            message.string = f"{mark} {message.id}" if re.search(r"\w", words) else message.id
    with po.open("wb") as stream:
        write_po(stream, catalog, width=0, sort_output=False)
    return list(keys)
