"""Press files read back with pikepdf (issue 20): PDF/X, subset names, annotations, inks.

A representative sample of the default kit (every material, four scripts, both profiles)
is built once per session; each test reads it from the outside.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from pathlib import Path

import pikepdf
import pytest

from outreach import BuildError, build, build_material
from outreach.checks.inks import check_inks, coverage
from outreach.core.diagnostics import Diagnostics
from outreach.layout.output_intent import default_characterization
from outreach.render.pdfx import icc_profile
from tests.conftest import copy_project, job_kit, write_kit

SAMPLE_LANGUAGES = ["en", "fa", "zh-Hant", "km"]


@pytest.fixture(scope="session")
def sample_kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every material of the default kit in four scripts, office and press, built once."""
    out = tmp_path_factory.mktemp("press-sample")
    build(out_dir=out, languages=SAMPLE_LANGUAGES, workers=2)
    return out


def _press(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*-press.pdf"))
    assert files
    return files


def test_press_files_declare_pdf_x_4_with_output_intent_and_xmp(sample_kit: Path) -> None:
    for path in _press(sample_kit):
        with pikepdf.open(path) as pdf:
            assert pdf.pdf_version == "1.6", path.name
            assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-4", path.name
            assert str(pdf.docinfo["/Trapped"]) == "/False"
            assert str(pdf.docinfo["/Title"])
            intents = pdf.Root.OutputIntents
            assert len(intents) == 1
            intent = intents[0]
            assert intent.S == pikepdf.Name.GTS_PDFX
            size = path.name.split("-press")[0].split("-")
            expected = "FOGRA39" if any(re.fullmatch(r"a\d", part) for part in size) else None
            condition = str(intent.OutputConditionIdentifier)
            assert condition == (expected or "CGATS21-2-CRPC6"), path.name
            assert str(intent.RegistryName) == "http://www.color.org"
            profile = intent.DestOutputProfile
            assert int(profile.N) == 4
            data = profile.read_bytes()
            assert data[36:40] == b"acsp"
            assert data[12:20] == b"prtrCMYK"
            with pdf.open_metadata() as xmp:
                assert xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
                assert xmp["pdf:Trapped"] == "False"
                assert xmp["xmp:CreateDate"] == "2000-01-01T00:00:00+00:00"
                assert xmp["dc:title"] == str(pdf.docinfo["/Title"])
                assert xmp["pdf:Producer"] == str(pdf.docinfo["/Producer"])
            assert "/Filter" not in pdf.Root.Metadata  # readable by every preflight
            for page in pdf.pages:
                assert "/TrimBox" in page
                assert "/BleedBox" in page


def test_office_files_are_not_pdf_x(sample_kit: Path) -> None:
    for path in sorted(sample_kit.glob("poster-*-office.pdf")):
        with pikepdf.open(path) as pdf:
            assert pdf.pdf_version == "1.4"
            assert "/OutputIntents" not in pdf.Root
            assert "/GTS_PDFXVersion" not in pdf.docinfo


def test_no_annotation_in_press_files_and_links_in_office_files(sample_kit: Path) -> None:
    for path in _press(sample_kit):
        with pikepdf.open(path) as pdf:
            assert all("/Annots" not in page for page in pdf.pages), path.name
    with pikepdf.open(sample_kit / "poster-letter-en-office.pdf") as pdf:
        assert any("/Annots" in page for page in pdf.pages)


def test_no_two_different_subsets_share_a_name_across_the_kit(sample_kit: Path) -> None:
    programs: dict[str, set[str]] = defaultdict(set)
    for path in sorted(sample_kit.glob("*.pdf")):
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                    name = str(obj.FontName)
                    program = obj.FontFile2.read_bytes()
                    programs[name].add(hashlib.sha256(program).hexdigest())
    assert len(programs) > 50
    shared = {name: digests for name, digests in programs.items() if len(digests) > 1}
    assert not shared
    assert all(re.fullmatch(r"/[A-Z]{6}\+[A-Za-z0-9-]+", name) for name in programs)
    assert not any(name.startswith("/AAAAAA+") for name in programs)


def test_subset_names_are_stable_across_builds() -> None:
    first = build_material("poster", size="letter", language="km", profile="press").pdf
    second = build_material("poster", size="letter", language="km", profile="press").pdf
    assert first == second
    names = set(re.findall(rb"/BaseFont /([A-Z]{6}\+[\w-]+)", first))
    assert len(names) >= 2


def test_bundled_profiles_match_their_documentation() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "icc-profiles.md").read_text()
    for name, digest in re.findall(
        r"\| `([\w-]+\.icc)` \| [^|]+ \| \d+ \| `([0-9a-f]{64})` \|", doc
    ):
        assert hashlib.sha256(icc_profile(name)).hexdigest() == digest
    assert zlib.crc32(icc_profile("FOGRA39-outreach.icc"))  # present and readable


def test_paper_region_picks_the_characterization() -> None:
    assert default_characterization("a4") == "FOGRA39"
    assert default_characterization("letter") == "CGATS21-2-CRPC6"
    assert default_characterization("cr80") == "CGATS21-2-CRPC6"


def test_pdf_x_1a_and_a_chosen_characterization(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    profiles = project / "layouts" / "profiles.yaml"
    text = profiles.read_text().replace("pdf_x: PDF/X-4", "pdf_x: PDF/X-1a:2003")
    profiles.write_text(text + "  characterization: FOGRA51\n")
    kit = write_kit(project, job_kit(material="poster", sizes=["letter"], languages=["en"]))
    build(kit, out_dir=tmp_path / "out", profiles=["press"], workers=1)
    with pikepdf.open(tmp_path / "out" / "poster-letter-en-press.pdf") as pdf:
        assert pdf.pdf_version == "1.4"
        assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-1:2001"
        assert str(pdf.docinfo["/GTS_PDFXConformance"]) == "PDF/X-1a:2003"
        assert str(pdf.Root.OutputIntents[0].OutputConditionIdentifier) == "FOGRA51"
        with pdf.open_metadata() as xmp:
            assert xmp["pdfx:GTS_PDFXConformance"] == "PDF/X-1a:2003"


def test_the_default_kit_stays_under_the_ink_limit(sample_kit: Path) -> None:
    for material, size in (("poster", "letter"), ("brochure", "letter"), ("wallet-card", "cr80")):
        document = build_material(material, size=size, profile="press").document
        diags = Diagnostics()
        check_inks(document, diags)
        assert not [d for d in diags if d.code == "check.ink-limit"]
        for page in document.pages:
            if page.background is not None:
                assert coverage(page.background) <= 300


def test_issue_20_a_brand_colour_of_320_percent_fails_at_the_colour(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    layout = project / "layouts" / "poster.yaml"
    text = layout.read_text()
    teal = 'teal: {rgb: "#0f4c5c", cmyk: [90, 45, 35, 35]}'
    assert teal in text
    layout.write_text(text.replace(teal, 'teal: {rgb: "#0f4c5c", cmyk: [100, 80, 60, 80]}'))
    line = next(
        n for n, row in enumerate(text.splitlines(), start=1) if row.strip().startswith("teal:")
    )
    kit = write_kit(project, job_kit(material="poster", sizes=["letter"], languages=["en"]))
    with pytest.raises(BuildError) as failure:
        build(kit, out_dir=tmp_path / "out", profiles=["press"], workers=1)
    found = [d for d in failure.value.diagnostics if d.code == "check.ink-limit"]
    assert found, [d.code for d in failure.value.diagnostics]
    diagnostic = found[0]
    assert diagnostic.location.path.endswith("layouts/poster.yaml")
    assert diagnostic.location.line == line
    assert "320%" in diagnostic.message
    assert "`teal`" in diagnostic.message
    assert not (tmp_path / "out" / "poster-letter-en-press.pdf").exists()


def test_a_press_file_declares_pdf_x_and_pdf_ua_in_one_xmp_packet() -> None:
    """A press file is PDF/X and tagged: the catalog's one /Metadata must say both."""
    import io

    from outreach import build_material

    built = build_material("poster", size="letter", profile="press", language="fa")
    data = built.pdf if isinstance(built.pdf, bytes) else built.pdf.read_bytes()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        packet = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert "/StructTreeRoot" in pdf.Root
        assert "/OutputIntents" in pdf.Root
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in packet
    assert "<pdfuaid:part>1</pdfuaid:part>" in packet
    assert 'xml:lang="fa"' in packet
