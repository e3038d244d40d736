"""Issue 15's "Done when": another organization's project, complete, through the CLI.

The Riverbend test project (`tests/fixtures/riverbend/`) has its own name, an SVG logo and
a PNG one, five sections of its own, its own statistics and links, and two languages the
project does not bundle: Hmong (`hmn`, Latin script) and Lao (`lo`, with its own Noto Sans
Lao fonts). Its PO catalogs are written here, as tests/test_pack_languages.py does: each
entry is the English with a marker before it, so numbers and facts stay the pack's own.
The kit `riverbend-languages.toml` builds posters, a card, a brochure, bilingual posters
and a per-site card run; the build's preflight and `outreach check` pass.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from pathlib import Path

import pikepdf
import pytest

from outreach.cli import main
from outreach.core.diagnostics import Diagnostics
from outreach.jobs.project import Project
from tests import pdfread
from tests.conftest import ROOT
from tests.marked_catalogs import write_marked_catalog

FIXTURE = Path(__file__).parent / "fixtures" / "riverbend"
LAO_MARK = "ພາສາລາວ"  # "Lao language", the pack's name for Lao: the fixture's marker
HMONG_MARK = "Hmoob:"
ORGANIZATION = "Riverbend Community Health Coalition"
MATERIALS = {
    "hmn": ["poster", "poster-bilingual", "brochure"],
    "lo": ["poster", "poster-bilingual", "wallet-card"],
}


def _translate(project: Path, language: str, materials: list[str], mark: str) -> None:
    """Write the fixture PO file: the entries the materials print, each marked."""
    diags = Diagnostics()
    pack = Project(project).pack("riverbend", diags)
    assert pack is not None, [d.short() for d in diags]
    write_marked_catalog(project, pack, language, materials, mark)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Riverbend project with its catalogs, its language kit built through the CLI."""
    root = tmp_path_factory.mktemp("riverbend")
    project = root / "riverbend"
    shutil.copytree(FIXTURE, project)
    _translate(project, "hmn", MATERIALS["hmn"], HMONG_MARK)
    _translate(project, "lo", MATERIALS["lo"], LAO_MARK)
    out = root / "out"
    kit = project / "kits" / "riverbend-languages.toml"
    code = main(["build", str(kit), "--out", str(out), "--quiet", "--jobs", "1", "--strict"])
    assert code == 0
    return out


def _lines(pdf: bytes) -> list[str]:
    return [
        line for page in range(len(pdfread.boxes(pdf))) for line in pdfread.text_lines(pdf, page)
    ]


def _images(pdf: bytes) -> list[tuple[int, str]]:
    """Every image XObject in the file (width, colour space family), pages and forms alike."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        found = []
        for obj in document.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Image:
                space = obj.get("/ColorSpace")
                family = space[0] if isinstance(space, pikepdf.Array) else space
                found.append((int(obj.Width), str(family)))
        return found


def test_the_kit_passes_the_preflight_through_the_cli(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["check", str(built)]) == 0
    err = capsys.readouterr().err
    assert "error[" not in err
    assert "warning[" not in err  # no check.unexpected-font for the pack's own font
    names = {path.name for path in built.glob("*.pdf")}
    for name in (
        "poster-letter-hmn-office.pdf",
        "poster-letter-lo-office.pdf",
        "poster-bilingual-letter-en+hmn-office.pdf",
        "poster-bilingual-letter-en+lo-office.pdf",
        "wallet-card-cr80-lo-press.pdf",
        "brochure-letter-hmn-office.pdf",
    ):
        assert name in names, sorted(names)


def test_each_language_prints_its_own_text(built: Path) -> None:
    hmong = _lines((built / "poster-letter-hmn-office.pdf").read_bytes())
    assert any(line.startswith(HMONG_MARK) for line in hmong)
    assert any("1-888-373-7888" in line for line in hmong)  # the fact, unchanged
    brochure = " ".join(pdfread.text((built / "brochure-letter-hmn-office.pdf").read_bytes()))
    assert f"{HMONG_MARK} Understanding trafficking" in " ".join(brochure.split())
    assert "27.6" in brochure
    for alameda in ("SafetyNet", "H.E.A.R.T.", "Alameda"):
        assert alameda not in brochure
    for name in ("poster-letter-lo-office.pdf", "wallet-card-cr80-lo-press.pdf"):
        data = (built / name).read_bytes()
        assert any(LAO_MARK in line for line in _lines(data)), name
        fonts = {f.name.split("+")[-1] for f in pdfread.fonts(data)}
        assert "NotoSansLao-Regular" in fonts, fonts
        assert all(f.embedded for f in pdfread.fonts(data))


def test_bilingual_posters_are_headed_by_the_packs_names(built: Path) -> None:
    hmong = _lines((built / "poster-bilingual-letter-en+hmn-office.pdf").read_bytes())
    assert {"English", "Hmoob"} <= set(hmong)
    assert "hmn" not in hmong
    assert any(line.startswith(HMONG_MARK) for line in hmong)
    assert any(line.startswith("Is someone forcing you to work?") for line in hmong)
    data = (built / "poster-bilingual-letter-en+lo-office.pdf").read_bytes()
    lao = _lines(data)
    assert LAO_MARK in lao  # its column heading
    fonts = {f.name.split("+")[-1] for f in pdfread.fonts(data)}
    assert {"NotoSansLao-Regular", "NotoSansLao-Bold"} <= fonts


def test_qr_codes_decode_to_the_packs_contacts(built: Path) -> None:
    for name in ("poster-letter-lo-office.pdf", "poster-bilingual-letter-en+hmn-office.pdf"):
        codes = set(pdfread.decode_qr_codes(pdfread.render((built / name).read_bytes(), 0)))
        assert "tel:+18883737888" in codes, (name, codes)
    brochure = (built / "brochure-letter-hmn-office.pdf").read_bytes()
    codes = set(pdfread.decode_qr_codes(pdfread.render(brochure, 0)))
    assert {"https://humantraffickinghotline.org", "https://polarisproject.org"} <= codes


def test_the_svg_logo_stays_vector(built: Path) -> None:
    for name in ("poster-letter-hmn-office.pdf", "wallet-card-cr80-lo-press.pdf"):
        data = (built / name).read_bytes()
        assert _images(data) == [], name  # the logo (and every QR code) is drawn, not placed


def test_a_per_site_card_run_prints_each_sites_local_line(built: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    sheets = [e for e in manifest["files"] if e["file"].startswith("wallet-card-sheet-")]
    assert sheets, [e["file"] for e in manifest["files"]]
    sheet = built / sheets[0]["file"]
    data = sheet.read_bytes()
    flat = " ".join(" ".join(pdfread.text(data)).split())
    assert flat.count("HSI tip line 1-866-347-2423") == 8  # the clinic's cards only
    sites = json.dumps(manifest)
    assert "river-clinic" in sites
    assert "east-library" in sites


def test_a_png_logo_prints_as_an_image(tmp_path: Path) -> None:
    """The same project with its PNG as the logo: placed as an image, CMYK on press."""
    project = tmp_path / "riverbend"
    shutil.copytree(FIXTURE, project)
    pack = project / "content" / "riverbend" / "pack.yaml"
    text = pack.read_text(encoding="utf-8")
    assert "file: images/logo.svg" in text
    pack.write_text(text.replace("file: images/logo.svg", "file: images/logo.png", 1), "utf-8")
    out = tmp_path / "out"
    kit = project / "kits" / "riverbend.toml"
    assert main(["build", str(kit), "--out", str(out), "--quiet", "--jobs", "1", "--strict"]) == 0
    for name in ("poster-letter-en-press.pdf", "wallet-card-cr80-en-office.pdf"):
        sizes = _images((out / name).read_bytes())
        assert len(sizes) == 1, (name, sizes)
        width, space = sizes[0]
        assert width == 960  # the PNG, whole
        if "press" in name:
            assert space in ("/DeviceCMYK", "/ICCBased"), space  # converted to CMYK


def test_no_file_is_copied_from_the_bundled_project() -> None:
    """The fixture is its own: no file has the bytes of one the project bundles."""
    bundled = {
        hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in ("content", "layouts", "kits")
        for path in (ROOT / folder).rglob("*")
        if path.is_file()
    }
    own = [path for path in FIXTURE.rglob("*") if path.is_file()]
    assert len(own) >= 10
    for path in own:
        assert hashlib.sha256(path.read_bytes()).hexdigest() not in bundled, path
