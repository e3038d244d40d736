"""Which entries each material prints, and whether a language has translated them.

Input: a material's layout and the localized pieces of its languages. Output: the entries
a language must translate for that material, an `i18n.missing` error for each one still
untranslated, and the per-material rows of `outreach i18n status`. A language translates
the materials a kit builds in it, not every entry of the pack (issue 15, item 6).
"""

from __future__ import annotations

from collections.abc import Sequence

from outreach.content.localize import report_missing
from outreach.core.diagnostics import Diagnostics
from outreach.core.layout_specs import LayoutSpec
from outreach.core.model import Pack, Piece
from outreach.jobs.project import Project
from outreach.layout.page import LANGUAGE_NAME_KEY, LINK_KEY_PREFIX
from outreach.layout.sections import with_pack_sections
from outreach.layout.spec import available_materials, layout_file, load_layout


def needed_entries(spec: LayoutSpec, index: int, pack: Pack, *, sites: bool = False) -> list[str]:
    """The pack's entries a layout prints in its `index`-th language, in layout order.

    Text blocks, list items, QR captions (and the variants picked by suffix), chart labels
    and sources, flow sections' titles and texts; a card's site slots only in a print run
    with `sites`. Facts are not entries: the language's own name (`language.name`, from
    pack.yaml or CLDR) and printed links (`link.*`) are never asked for, even if
    content.yaml happens to define them.
    """
    spec = with_pack_sections(spec, pack, Diagnostics())  # a brochure's flows, the pack's
    keys = [
        key
        for key in spec.content_keys(index, skip=None if sites else "site.")
        if key != LANGUAGE_NAME_KEY and not key.startswith(LINK_KEY_PREFIX)
    ]
    return [key for key in pack.entries_behind(keys) if key != LANGUAGE_NAME_KEY]


def check_translated(
    spec: LayoutSpec, pieces: Sequence[Piece], diags: Diagnostics, *, sites: bool = False
) -> bool:
    """Report every entry the material prints that its language has not translated.

    Returns True when nothing is missing. Each missing key is named once, at its PO entry,
    so a translator knows exactly what the kit still needs; entries of materials the kit
    does not build in that language are not asked for.
    """
    complete = True
    for index, piece in enumerate(pieces):
        if not piece.missing:
            continue
        for key in needed_entries(spec, index, piece.pack, sites=sites):
            if key in piece.missing:
                complete = False
                report_missing(piece, key, diags)
    return complete


def coverage_rows(project: Project, pack: Pack, languages: list[str]) -> list[str]:
    """Lines for `outreach i18n status`: per material and language, what it still needs.

    `translated` counts the entries the material prints that the language has translated,
    `reviewed` those of them a reviewer has checked (a material is reviewed when all the
    entries it prints are, whatever the rest of the language); `missing` is what stops the
    material from building in that language. The notice is left out: its texts are the
    notice file's, with their own `official` flags.
    """
    diags = Diagnostics()
    lines = [f"{'material':22} {'language':10} {'translated':>10} {'reviewed':>9}"]
    for material in available_materials(project.layouts_dir):
        if material == "notice":
            continue
        spec = load_layout(layout_file(project.layouts_dir, material), project.root, None, diags)
        if spec is None:
            continue
        # Every language of a bilingual copy prints the same entries (the column's blocks).
        keys = [k for i in range(spec.languages) for k in needed_entries(spec, i, pack)]
        keys = list(dict.fromkeys(keys))
        for language in languages:
            if language == pack.source_language:
                continue
            piece = project.piece(pack, language, diags)
            if piece is None:
                continue
            done = [key for key in keys if key not in piece.missing]
            reviewed = len(done) - len(piece.drafts_among(done))
            needed = len(keys)
            if len(done) < needed:
                mark = f"  missing {needed - len(done)}"
            else:
                mark = "  reviewed" if reviewed == needed else ""
            lines.append(
                f"{material:22} {language:10} {len(done):>5}/{needed:<4} "
                f"{reviewed:>4}/{needed:<4}{mark}".rstrip()
            )
    return lines
