"""Icons in the calls to action (issue 16, item 4): bundled Tabler SVGs, drawn as vectors,
not read aloud, in one ink on press; an unknown icon is a located error."""

from __future__ import annotations

import io
from pathlib import Path

import numpy
import pikepdf
import pytest

from outreach import build_material
from outreach.core.diagnostics import Diagnostics
from outreach.core.document import ImageItem, QrItem
from outreach.jobs.job import Job
from outreach.jobs.piece import build_job
from outreach.jobs.project import Project
from outreach.layout.icons import ICON_DIR, ICONS
from tests import pdfread
from tests.conftest import copy_project
from tests.test_tagged_pdf import _structure

PLACED = [
    ("poster", "letter", "emergency-icon"),
    ("poster", "tabloid", "emergency-icon"),
    ("wallet-card", "cr80", "hotline-icon"),
]


def test_the_bundled_icons_carry_their_licence() -> None:
    licence = (ICON_DIR / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    assert "Paweł Kuna" in licence
    assert sorted(p.stem for p in ICON_DIR.glob("*.svg")) == sorted(ICONS)
    for name in ICONS:
        svg = (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")
        assert 'viewBox="0 0 24 24"' in svg
        assert "<script" not in svg
        assert "href" not in svg


@pytest.mark.parametrize(("material", "size", "slot"), PLACED)
def test_icons_are_vectors_in_black_ink_and_not_read_aloud(
    material: str, size: str, slot: str
) -> None:
    built = build_material(material, size=size, profile="press")
    page = 1 if material == "wallet-card" else 0
    (icon,) = [i for i in built.document.pages[page].items if i.slot == slot]
    assert isinstance(icon, ImageItem)
    assert icon.format == "svg"
    assert icon.tint is not None
    assert icon.tint.is_pure_black()  # fine lines in one ink: nothing to misregister
    with pikepdf.open(io.BytesIO(bytes(built.pdf))) as pdf:
        for pdf_page in pdf.pages:
            xobjects = pdf_page.Resources.get("/XObject", {})
            for name in xobjects.keys():
                assert xobjects[name].get("/Subtype") != "/Image"  # no raster anywhere
    # Not in the structure tree: the figures there are the QR codes and the pack's
    # pictures with alternate text (the logo), one each; an icon has none.
    figures = [e for e in _structure(bytes(built.pdf)) if e.get("/S") == "/Figure"]
    items = [i for p in built.document.pages for i in p.items]
    codes = [i for i in items if isinstance(i, QrItem)]
    pictures = [i for i in items if isinstance(i, ImageItem) and i.alt]
    assert icon.alt == ""
    assert icon not in pictures
    assert len(figures) == len(codes) + len(pictures)
    # Drawn: the icon's box has dark strokes on the rasterized page.
    image = pdfread.render(built.pdf, page, dpi=150)
    box = built.document.pages[page]
    scale = 150 / 72
    offset = box.bleed + box.slug
    r = icon.rect
    crop = image.convert("L").crop(
        (
            round((r.x + offset) * scale),
            round((r.y + offset) * scale),
            round((r.x + r.w + offset) * scale),
            round((r.y + r.h + offset) * scale),
        )
    )
    assert int(numpy.asarray(crop).min()) < 80


def test_an_unknown_icon_is_a_located_error(tmp_path: Path, project: Project) -> None:
    root = copy_project(tmp_path)
    layout = root / "layouts" / "poster.yaml"
    text = layout.read_text(encoding="utf-8")
    layout.write_text(text.replace('"icon:urgent"', '"icon:siren"'), encoding="utf-8")
    diags = Diagnostics()
    built = build_job(Project(root), "alameda-heart", Job("poster", "letter", "en", "press"), diags)
    assert built is None
    (error,) = diags.errors
    assert error.code == "layout.unknown-image"
    assert "`icon:siren`" in error.message
    assert error.location is not None
    assert error.location.path.endswith("poster.yaml")
    assert "icon:urgent" in error.hints[0]
