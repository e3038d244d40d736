"""The `digital` profile (issue 19): every material for a website, read back from its PDF.

RGB, no bleed, marks or slug, clickable tel:/sms:/https: links described in the piece's
language, fonts subset and embedded, every stream compressed and the objects packed into
object streams, tagged with the PDF/UA identification and no PDF/X, smaller than office;
and both PDF/UA checkers find nothing.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import page
import pdfua
import pikepdf
import pytest

from outreach.core.diagnostics import Diagnostics
from outreach.core.resources import bundled_root
from outreach.jobs.job import Job
from outreach.jobs.piece import build_job
from outreach.jobs.project import BuiltPiece, Project

MATERIALS = [
    ("poster", "letter", "en"),
    ("poster", "a4", "fa"),
    ("poster-bilingual", "letter", "en+zh-Hant"),
    ("poster-trilingual", "tabloid", "en+es+vi"),
    ("wallet-card", "cr80", "km"),
    ("wallet-card-discreet", "business", "es"),
    ("brochure", "letter", "ar"),
    ("notice", "11x14", "en"),
]
LINK_SCHEMES = ("tel:", "sms:", "https:")


@pytest.fixture(scope="module")
def project() -> Project:
    return Project(bundled_root())


def _build(project: Project, material: str, size: str, language: str, profile: str) -> BuiltPiece:
    county = "alameda" if material == "notice" else None
    diags = Diagnostics()
    built = build_job(
        project, "alameda-heart", Job(material, size, language, profile, county), diags
    )
    assert not diags.has_errors(), diags.items
    assert built is not None
    return built


@pytest.fixture(scope="module")
def built(project: Project) -> dict[tuple[str, str, str], tuple[bytes, bytes]]:
    """(digital PDF, office PDF) of each material."""
    return {
        key: (_build(project, *key, "digital").pdf, _build(project, *key, "office").pdf)
        for key in MATERIALS
    }


@pytest.mark.parametrize("key", MATERIALS, ids=["-".join(k) for k in MATERIALS])
def test_a_digital_file_is_rgb_unmarked_linked_tagged_and_compact(
    key: tuple[str, str, str], built: dict[tuple[str, str, str], tuple[bytes, bytes]]
) -> None:
    digital, office = built[key]
    assert len(digital) < len(office)
    assert digital.startswith(b"%PDF-1.5")
    assert b"/Type /ObjStm" in digital  # objects packed into object streams
    assert b"/Type /XRef" in digital
    with pikepdf.open(io.BytesIO(digital)) as pdf:
        root = pdf.Root
        # tagged, PDF/UA, never PDF/X
        assert "/StructTreeRoot" in root
        assert bool(root.MarkInfo.Marked)
        assert "/OutputIntents" not in root
        assert str(root.Lang) == key[2].split("+")[0]
        xmp = root.Metadata.read_bytes().decode()
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
        assert "GTS_PDFX" not in xmp
        # objects packed into object streams, every other stream compressed
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Type") != "/Metadata":
                assert "/Filter" in obj, obj.get("/Type")
        links = 0
        for number, pdf_page in enumerate(pdf.pages):
            # no bleed, no slug: the sheet is the trim
            media = [float(v) for v in pdf_page.MediaBox]
            assert [float(v) for v in pdf_page.get("/TrimBox", pdf_page.MediaBox)] == media
            # RGB only: no CMYK operator or colour space in the page
            operators = {str(op) for _, op in pikepdf.parse_content_stream(pdf_page)}
            assert not operators & {"k", "K"}, number
            for font in pdf_page.Resources.get("/Font", {}).values():
                assert re.fullmatch(r"/[A-Z]{6}\+.+", str(font.BaseFont)), font.BaseFont
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = descendant.FontDescriptor
                assert any(f in descriptor for f in ("/FontFile", "/FontFile2", "/FontFile3"))
            for annotation in pdf_page.get("/Annots", []):
                assert annotation.Subtype == "/Link"
                assert str(annotation.A.URI).startswith(LINK_SCHEMES)
                assert str(annotation.Contents).strip()
                assert "/StructParent" in annotation
                links += 1
            assert "/Tabs" in pdf_page or "/Annots" not in pdf_page
        if key[0] != "notice":
            assert links, "a digital piece's QR codes are clickable"
    text = _text(digital)
    assert "| page " not in text
    assert "trim " not in text


def _text(data: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(
            document[index].get_textpage().get_text_range() for index in range(len(document))
        )
    finally:
        document.close()


def test_every_digital_file_passes_both_pdfua_checkers(
    built: dict[tuple[str, str, str], tuple[bytes, bytes]], tmp_path: Path
) -> None:
    for key, (digital, _) in built.items():
        failed = Counter(
            f.rule_id for f in page.validate_pdf_bytes(digital, profile="ua1").failures
        )
        assert not failed, (key, failed)
        path = tmp_path / ("-".join(key) + ".pdf")
        path.write_bytes(digital)
        assert [f.rule_id for f in pdfua.validate(str(path)).findings] == [], key


def test_a_digital_file_is_byte_identical_when_built_again(project: Project) -> None:
    first = _build(project, "poster", "letter", "es", "digital").pdf
    assert _build(project, "poster", "letter", "es", "digital").pdf == first


@pytest.mark.parametrize("key", MATERIALS[:3], ids=["-".join(k) for k in MATERIALS[:3]])
def test_the_preflight_finds_nothing_in_a_digital_file(
    project: Project, key: tuple[str, str, str]
) -> None:
    """Fonts packed into object streams are still read: subset, embedded, known."""
    county = "alameda" if key[0] == "notice" else None
    diags = Diagnostics()
    build_job(project, "alameda-heart", Job(*key, "digital", county), diags)
    assert [d.code for d in diags.items if d.code.startswith("check.")] == []
