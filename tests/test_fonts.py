"""The font book: bundled fonts, the font of each language, and a pack's own fonts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import outreach
from outreach.content.pack import load_pack
from outreach.core.diagnostics import BuildError, Diagnostics
from outreach.fonts import (
    BUNDLED_FAMILIES,
    FONT_DIR,
    FontBook,
    bundled_font_names,
    family_for,
    inspect_font_file,
)
from outreach.jobs.job import Job
from outreach.jobs.piece import build_job
from outreach.jobs.project import Project
from tests import pdfread
from tests.conftest import FIXTURES, copy_project, job_kit, write_kit


@pytest.mark.parametrize(
    ("language", "family"),
    [
        ("en", "NotoSans"),
        ("es", "NotoSans"),
        ("vi", "NotoSans"),
        ("tl", "NotoSans"),
        ("ru", "NotoSans"),
        ("zh-Hans", "NotoSansSC"),
        ("zh-Hant", "NotoSansTC"),
        ("zh-Hant-TW", "NotoSansTC"),
        ("zh-TW", "NotoSansTC"),
        ("ja", "NotoSansJP"),
        ("ko", "NotoSansKR"),
        ("fa", "NotoSansArabic"),
        ("prs", "NotoSansArabic"),
        ("ps", "NotoSansArabic"),
        ("ar", "NotoSansArabic"),
        ("hi", "NotoSansDevanagari"),
        ("pa", "NotoSansGurmukhi"),
        ("km", "NotoSansKhmer"),
        ("hmn", "NotoSans"),
    ],
)
def test_language_font(language: str, family: str) -> None:
    assert family_for(language) == family


def test_every_bundled_font_loads_with_its_own_postscript_name() -> None:
    fonts = FontBook()
    for family in BUNDLED_FAMILIES:
        for weight in ("regular", "bold"):
            name = fonts.font_name(family, weight)
            assert fonts.font_path(name) == FONT_DIR / f"{name}.ttf"
            assert ord("0") in fonts.coverage(name) or family == "NotoSansGurmukhi"
    assert len(bundled_font_names()) == 18
    for name in ("OFL.txt", "OFL-CJK.txt", "FONTS.md"):
        assert (FONT_DIR / name).is_file()


def test_bold_is_heavier_than_regular_not_thin() -> None:
    """The CJK variable fonts default to Thin; the bundled static instances must not."""
    fonts = FontBook()
    for family in ("NotoSansSC", "NotoSansKR"):
        regular = fonts.measure("人", fonts.font_name(family, "regular"), 10)
        assert regular > 9  # a full-width ideograph, not a missing glyph
    from outreach.fonts.registry import _register

    regular, bold = _register("NotoSansSC-Regular"), _register("NotoSansSC-Bold")
    assert regular.font.face.stemV < bold.font.face.stemV


def test_cff_font_is_a_clear_diagnostic(tmp_path: Path) -> None:
    fake = tmp_path / "Fancy.otf"
    fake.write_bytes(b"OTTO" + b"\0" * 64)
    name, problem = inspect_font_file(fake)
    assert name is None
    assert problem is not None
    assert problem.code == "font.unsupported-format"
    assert "CFF" in problem.message
    assert "TrueType" in problem.hint


def _pack_with_fonts(tmp_path: Path, fonts_yaml: str, files: dict[str, Path | bytes]) -> Path:
    project = copy_project(tmp_path / "project", layouts=False)
    pack = project / "content" / "alameda-heart"
    (pack / "fonts").mkdir()
    for name, source in files.items():
        target = pack / "fonts" / name
        if isinstance(source, bytes):
            target.write_bytes(source)
        else:
            shutil.copy(source, target)
    with (pack / "pack.yaml").open("a", encoding="utf-8") as stream:
        stream.write("\n" + fonts_yaml + "\n")
    return project


def _pack_with_english_family(tmp_path: Path, family: str) -> Path:
    """A project whose pack sets English in `family` (Noto Sans renamed), both weights."""
    stem = family.replace(" ", "")
    files: dict[str, Path | bytes] = {
        f"{stem}-{weight}.ttf": _renamed_noto(tmp_path, family, weight)
        for weight in ("Regular", "Bold")
    }
    fonts_yaml = f"fonts:\n  en: {{regular: fonts/{stem}-Regular.ttf, bold: fonts/{stem}-Bold.ttf}}"
    return _pack_with_fonts(tmp_path, fonts_yaml, files)


def _load(project: Path) -> Diagnostics:
    diags = Diagnostics()
    load_pack(project / "content" / "alameda-heart", project, diags)
    return diags


def test_pack_font_errors_are_reported_on_load(tmp_path: Path) -> None:
    project = _pack_with_fonts(
        tmp_path,
        "fonts:\n  fa: fonts/Fancy.otf\n  ar: {regular: fonts/NotoSans-Regular.ttf}\n"
        "  km: fonts/Missing.ttf\n  hi: ../../../secret.ttf",
        {
            "Fancy.otf": b"OTTO" + b"\0" * 64,
            "NotoSans-Regular.ttf": FONT_DIR / "NotoSans-Regular.ttf",
        },
    )
    codes = sorted(d.code for d in _load(project).errors)
    assert codes == [
        "font.missing-file",
        "font.name-collision",
        "font.outside-pack",
        "font.unsupported-format",
    ]


def _renamed_noto(folder: Path, family: str, weight: str) -> Path:
    """Noto Sans under another name: a user's font that is surely not a bundled one.

    ReportLab registers fonts process-wide by PostScript name, so each test that adds a
    pack font names its own family.
    """
    ttlib = pytest.importorskip("fontTools.ttLib")
    font = ttlib.TTFont(str(FONT_DIR / f"NotoSans-{weight}.ttf"))
    postscript = f"{family.replace(' ', '')}-{weight}"
    names = {1: family, 4: f"{family} {weight}", 6: postscript, 16: family}
    for record in font["name"].names:
        if record.nameID in names:
            record.string = names[record.nameID]
    path = folder / f"{postscript}.ttf"
    font.save(str(path))
    return path


def test_pack_font_replaces_the_bundled_font_of_its_language(tmp_path: Path) -> None:
    source = _renamed_noto(tmp_path, "Outreach Test Sans", "Regular")
    project = _pack_with_fonts(
        tmp_path,
        "fonts:\n  en: fonts/OutreachTestSans-Regular.ttf",
        {"OutreachTestSans-Regular.ttf": source},
    )
    assert not _load(project).errors
    built = outreach.build_material("poster", project_dir=project)
    runs = {
        run.font
        for _, item in built.document.text_items()
        for line in item.lines
        for run in line.runs
        if item.slot != "slug"
    }
    assert runs == {"OutreachTestSans-Regular"}
    assert any("OutreachTestSans-Regular" in f.name for f in pdfread.fonts(built.pdf))


def test_pack_font_reaches_the_brochure_and_wallet_card_sheets(tmp_path: Path) -> None:
    """Charts, QR captions in flows and site lines on cards are set in the pack's font too."""
    project = _pack_with_english_family(tmp_path, "Outreach Pack Sans")
    ours = {"OutreachPackSans-Regular", "OutreachPackSans-Bold"}
    brochure = outreach.build_material("brochure", project_dir=project)
    assert {_base_name(f.name) for f in pdfread.fonts(brochure.pdf)} == ours
    kit = job_kit(
        material="wallet-card",
        sheets=["letter"],
        profiles=["office"],
        alignment=False,
        sites="sites-three.csv",  # a site list stays inside its project (issue 21)
    )
    (project / "kits").mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "sites-three.csv", project / "kits" / "sites-three.csv")
    (sheet,) = outreach.build(write_kit(project, kit), out_dir=tmp_path / "out", workers=1).outputs
    fonts = {_base_name(f.name) for f in pdfread.fonts(sheet.read_bytes())}
    assert fonts == {*ours, "NotoSans-Regular"}  # Noto Sans: the slug line, off the cards


def test_pack_font_reaches_the_civil_code_notice(tmp_path: Path) -> None:
    """The statute's English text and its label are set in the pack's English font; the
    other languages keep theirs, and the band and footer stay in Noto Sans."""
    project = _pack_with_english_family(tmp_path, "Outreach Notice Sans")
    diags = Diagnostics()
    notice = build_job(
        Project(project), "alameda-heart", Job("notice", "11x14", "en", "office", "alameda"), diags
    )
    assert notice is not None, [d.short() for d in diags]
    fonts = {_base_name(f.name) for f in pdfread.fonts(notice.pdf)}
    assert {"OutreachNoticeSans-Regular", "OutreachNoticeSans-Bold"} <= fonts
    body = {
        run.font
        for _, item in notice.document.text_items()
        if item.slot == "notice-en"
        for line in item.lines
        for run in line.runs
    }
    assert body
    assert body <= {"OutreachNoticeSans-Regular", "OutreachNoticeSans-Bold"}


def _base_name(name: str) -> str:
    """`/AAAAAA+NotoSans-Bold` -> `NotoSans-Bold`: the font without its subset tag."""
    return name.lstrip("/").split("+")[-1]


def test_poster_with_a_character_no_font_has_fails_with_the_diagnostic(tmp_path: Path) -> None:
    project = _pack_with_fonts(tmp_path, "", {})
    content = project / "content" / "alameda-heart" / "content.yaml"
    text = content.read_text(encoding="utf-8")
    content.write_text(
        text.replace("Are you being forced to work?", "Are you being forced to work? \U00013000"),
        encoding="utf-8",
    )
    with pytest.raises(BuildError) as raised:
        outreach.build_material("poster", project_dir=project)
    codes = [d.code for d in raised.value.diagnostics]
    assert "font.missing-glyph" in codes
    message = next(d for d in raised.value.diagnostics if d.code == "font.missing-glyph").message
    assert "U+13000" in message
    assert "forced to work" in message
