"""Languages a pack adds, and translating only what a kit builds (issue 15, items 5 and 6).

The fixture project is a copy of the default pack that declares two languages the
project does not bundle: Hmong (`hmn`, Latin script, no CLDR name, no font needed) and
Lao (`lo`, which brings Noto Sans Lao from tests/fixtures/fonts). Their PO files are
test fixtures written here: each translated entry is the English with a marker before it
(`Hmoob:` or Lao letters), so placeholders, numbers and facts stay the pack's own.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from outreach import build_material
from outreach.cli import main
from outreach.content.pack import load_pack
from outreach.core.diagnostics import Diagnostics
from outreach.core.model import Pack
from outreach.jobs.project import Project
from outreach.layout import layout_piece
from outreach.layout.spec import layout_file, load_layout
from outreach.text import is_rtl
from tests import pdfread
from tests.conftest import FIXTURES, PACK, copy_project, write_kit
from tests.marked_catalogs import write_marked_catalog

LAO_MARK = "ພາສາລາວ"  # "Lao language": the fixture's marker, in Lao script
HMONG_MARK = "Hmoob:"
LAO_FONTS = "fonts: {regular: fonts/NotoSansLao-Regular.ttf, bold: fonts/NotoSansLao-Bold.ttf}"


def _project(tmp_path: Path, lao_fonts: str | None = LAO_FONTS, *, hmn_name: bool = True) -> Path:
    """The default pack plus `languages:` for hmn and lo, with the Lao fonts in the pack."""
    project = copy_project(tmp_path / "project", layouts=False)
    pack = project / "content" / PACK
    (pack / "fonts").mkdir()
    for name in ("NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf"):
        shutil.copy(FIXTURES / "fonts" / name, pack / "fonts" / name)
    lines = ["", "languages:"]
    if hmn_name:
        lines.append("  hmn: {name: Hmoob, english: Hmong, script: Latn}")
    lines += ["  lo:", f"    name: {LAO_MARK}", "    english: Lao", "    script: Laoo"]
    if lao_fonts:
        lines.append(f"    {lao_fonts}")
    if len(lines) > 2:
        with (pack / "pack.yaml").open("a", encoding="utf-8") as stream:
            stream.write("\n".join(lines) + "\n")
    return project


def _pack(project: Path) -> Pack:
    diags = Diagnostics()
    pack = load_pack(project / "content" / PACK, project, diags)
    assert pack is not None, [d.short() for d in diags]
    return pack


def _translate(project: Path, language: str, materials: list[str], mark: str) -> list[str]:
    """Write the fixture PO file: the entries the materials print, each marked."""
    return write_marked_catalog(project, _pack(project), language, materials, mark)


def _kit(project: Path, *jobs: tuple[str, str]) -> Path:
    lines = ["[kit]", 'name = "langs"', f'pack = "{PACK}"']
    for material, language in jobs:
        lines += ["", "[[jobs]]", f'material = "{material}"', 'sizes = ["letter"]']
        lines += [f'languages = ["{language}"]', 'profiles = ["office"]']
    return write_kit(project, "\n".join(lines) + "\n")


def _build(kit: Path, out: Path, *extra: str) -> int:
    return main(["build", str(kit), "--out", str(out), "--quiet", "--jobs", "1", *extra])


def _lines(pdf: Path) -> list[str]:
    data = pdf.read_bytes()
    return [
        line for page in range(len(pdfread.boxes(data))) for line in pdfread.text_lines(data, page)
    ]


# --- item 6: a language translates what the kit builds --------------------------------


def test_a_language_translates_only_the_materials_the_kit_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path)
    poster_keys = _translate(project, "hmn", ["poster"], HMONG_MARK)
    pack = _pack(project)
    assert 0 < len(poster_keys) < len(pack.texts) / 3  # a small part of the pack's entries
    out = tmp_path / "out"
    assert _build(_kit(project, ("poster", "hmn")), out, "--strict") == 0
    assert any(line.startswith(HMONG_MARK) for line in _lines(out / "poster-letter-hmn-office.pdf"))
    capsys.readouterr()
    # The brochure asks for its own entries, each named at its PO entry, and no others.
    short = ("--diagnostic-format", "short")
    assert _build(_kit(project, ("brochure", "hmn")), tmp_path / "b", *short) == 1
    err = capsys.readouterr().err
    missing = re.findall(r"hmn\.po:(\d+):\d+: error\[i18n\.missing\]: `([^`]+)`", err)
    assert missing
    assert not {key for _, key in missing} & set(poster_keys)
    assert len(missing) < len(pack.texts) - len(poster_keys)  # not every other entry
    assert "error[" not in err.replace("error[i18n.missing]", "")
    # `i18n status` shows it per material: the poster complete, the brochure not.
    assert main(["i18n", "status", str(project / "content" / PACK), "--lang", "hmn"]) == 0
    rows = {tuple(line.split()[:2]): line.split() for line in capsys.readouterr().out.splitlines()}
    done = f"{len(poster_keys)}/{len(poster_keys)}"
    assert rows[("poster", "hmn")][2] == done
    brochure = rows[("brochure", "hmn")]
    assert brochure[-2:] == ["missing", str(len(missing))]


def test_language_name_in_content_is_never_asked_for(tmp_path: Path) -> None:
    """A pack that defines `language.name` in content.yaml builds without translating it."""
    project = _project(tmp_path)
    content = project / "content" / PACK / "content.yaml"
    with content.open("a", encoding="utf-8") as stream:
        stream.write('\nlanguage:\n  name: "English"\n')
    keys = _translate(project, "hmn", ["poster-bilingual"], HMONG_MARK)
    assert "language.name" not in keys
    out = tmp_path / "out"
    assert _build(_kit(project, ("poster-bilingual", "en+hmn")), out, "--no-check") == 0
    assert "Hmoob" in _lines(out / "poster-bilingual-letter-en+hmn-office.pdf")


# --- item 5: languages a pack adds ----------------------------------------------------


def test_a_language_cldr_cannot_name_is_headed_by_the_packs_name(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _translate(project, "hmn", ["poster-bilingual"], HMONG_MARK)
    out = tmp_path / "out"
    assert _build(_kit(project, ("poster-bilingual", "en+hmn")), out, "--strict") == 0
    lines = _lines(out / "poster-bilingual-letter-en+hmn-office.pdf")
    assert "Hmoob" in lines
    assert "hmn" not in lines
    assert "English" in lines


def test_an_unnamed_language_warns_and_never_prints_its_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path, hmn_name=False)
    _translate(project, "hmn", ["poster-bilingual"], HMONG_MARK)
    out = tmp_path / "out"
    assert _build(_kit(project, ("poster-bilingual", "en+hmn")), out, "--no-check") == 0
    err = capsys.readouterr().err
    assert "warning[i18n.unnamed-language]: CLDR has no name for language `hmn`" in err
    lines = _lines(out / "poster-bilingual-letter-en+hmn-office.pdf")
    assert "hmn" not in lines
    assert "English" in lines


def test_a_language_that_brings_its_own_font_passes_the_preflight(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path)
    _translate(project, "lo", ["poster", "poster-bilingual"], LAO_MARK)
    out = tmp_path / "out"
    kit = _kit(project, ("poster", "lo"), ("poster-bilingual", "en+lo"))
    assert _build(kit, out, "--strict") == 0  # no check.unexpected-font, no warning at all
    for name in ("poster-letter-lo-office.pdf", "poster-bilingual-letter-en+lo-office.pdf"):
        data = (out / name).read_bytes()
        fonts = {f.name.split("+")[-1] for f in pdfread.fonts(data)}
        assert {"NotoSansLao-Regular", "NotoSansLao-Bold"} <= fonts
        assert all(f.embedded for f in pdfread.fonts(data))
        assert any(LAO_MARK in line for line in _lines(out / name))
    assert LAO_MARK in _lines(out / "poster-bilingual-letter-en+lo-office.pdf")  # its heading
    capsys.readouterr()
    assert main(["check", str(out)]) == 0  # the manifest names the pack's fonts
    assert "unexpected-font" not in capsys.readouterr().err


def test_a_script_without_a_font_is_one_error_whose_hint_parses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path, lao_fonts=None)
    _translate(project, "lo", ["poster"], LAO_MARK)
    assert _build(_kit(project, ("poster", "lo")), tmp_path / "out", "--no-check") == 1
    err = capsys.readouterr().err
    errors = re.findall(r"error\[([a-z0-9.-]+)\]", err)
    assert errors == ["font.missing-glyph"]
    assert "lo.po:" in err  # located at the first entry that has the characters
    for char in sorted(set(LAO_MARK)):
        assert char in err
    (hint,) = [line for line in err.splitlines() if "hint: add a TrueType font" in line]
    (snippet,) = re.findall(r"`([^`]*)`", hint.split("pack.yaml:", 1)[1])
    fonts = yaml.safe_load(snippet)["fonts"]
    assert set(fonts["lo"]) == {"regular", "bold"}


def test_a_missing_bold_warns_and_latin_text_stays_bold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path, lao_fonts="fonts: fonts/NotoSansLao-Regular.ttf")
    _translate(project, "lo", ["poster"], LAO_MARK)
    out = tmp_path / "out"
    assert _build(_kit(project, ("poster", "lo")), out, "--no-check") == 0
    err = capsys.readouterr().err
    assert "warning[font.no-bold]" in err
    assert "`NotoSansLao-Regular.ttf`" in err
    data = (out / "poster-letter-lo-office.pdf").read_bytes()
    fonts = {f.name.split("+")[-1] for f in pdfread.fonts(data)}
    assert "NotoSans-Bold" in fonts  # the bold headline's English words
    assert "NotoSansLao-Regular" in fonts
    assert "NotoSansLao-Bold" not in fonts
    assert _build(_kit(project, ("poster", "lo")), tmp_path / "strict", "--strict") == 1


def test_bold_digits_between_latin_words_stay_bold_in_a_lao_line(tmp_path: Path) -> None:
    """The text line's `**233733**` is bold, though Noto Sans Lao has no digits."""
    project = _project(tmp_path)
    _translate(project, "lo", ["poster"], LAO_MARK)
    built = build_material("poster", language="lo", project_dir=project, check=False)
    runs = {
        run.text: run.font
        for _, item in built.document.text_items()
        for line in item.lines
        for run in line.runs
        if "233733" in line.text
    }
    assert runs["233733"] == "NotoSans-Bold"
    assert runs["HELP"] == "NotoSans-Bold"
    assert runs[f"{LAO_MARK} "] == "NotoSansLao-Regular"


def test_a_variable_font_is_a_warning_that_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ttlib = pytest.importorskip("fontTools.ttLib")
    fvar = pytest.importorskip("fontTools.ttLib.tables._f_v_a_r")
    project = _project(tmp_path, lao_fonts=None)
    font = ttlib.TTFont(str(FIXTURES / "fonts" / "NotoSansLao-Bold.ttf"))
    axis = fvar.Axis()
    axis.axisTag, axis.minValue, axis.defaultValue, axis.maxValue = "wght", 100, 400, 900
    table = fvar.table__f_v_a_r()
    table.axes, table.instances = [axis], []
    font["fvar"] = table
    for record in font["name"].names:
        if record.nameID == 6:
            record.string = "OutreachLaoVF-Bold"
    font.save(str(project / "content" / PACK / "fonts" / "LaoVF.ttf"))
    with (project / "content" / PACK / "pack.yaml").open("a", encoding="utf-8") as stream:
        stream.write("    fonts: {regular: fonts/NotoSansLao-Regular.ttf, bold: fonts/LaoVF.ttf}\n")
    diags = Diagnostics()
    assert load_pack(project / "content" / PACK, project, diags) is not None
    (warning,) = [d for d in diags.warnings if d.code == "font.variable-weight"]
    assert "`fonts/LaoVF.ttf`" in warning.message
    assert "wght 100-900" in warning.message
    assert warning.location.path.endswith("pack.yaml")
    assert warning.location.line


def test_a_declared_direction_reaches_the_text_engine(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert not is_rtl("rhg")  # Rohingya: no built-in direction for the tag
    with (project / "content" / PACK / "pack.yaml").open("a", encoding="utf-8") as stream:
        stream.write("  rhg: {name: Rohingya, english: Rohingya, direction: rtl, script: Rohg}\n")
    pack = _pack(project)
    assert pack.added_languages["rhg"].direction == "rtl"
    assert is_rtl("rhg")


def test_bad_language_declarations_are_located(tmp_path: Path) -> None:
    project = _project(tmp_path, lao_fonts=None)
    with (project / "content" / PACK / "pack.yaml").open("a", encoding="utf-8") as stream:
        stream.write(
            "    direction: sideways\n"
            "  Not A Tag: {name: X, english: X}\n"
            "  mww: {name: Hmoob Dawb, english: White Hmong, script: latin}\n"
            "  hnj: {name: Hmoob Ntsuab}\n"
        )
    diags = Diagnostics()
    assert load_pack(project / "content" / PACK, project, diags) is None
    found = sorted((d.code, d.location.line is not None, d.message) for d in diags.errors)
    assert [code for code, _, _ in found] == [
        "content.bad-value",
        "content.bad-value",
        "content.bad-value",
        "content.missing-key",
    ]
    assert all(located for _, located, _ in found)
    messages = " ".join(message for _, _, message in found)
    assert "sideways" in messages
    assert "`Not A Tag` is not a language tag" in messages
    assert "ISO 15924" in messages


def test_layout_itself_refuses_an_untranslated_entry(tmp_path: Path) -> None:
    """A caller that skips the coverage check gets `i18n.missing`, never a KeyError."""
    project = _project(tmp_path)
    poster_keys = _translate(project, "hmn", ["poster"], HMONG_MARK)
    workshop = Project(project)
    diags = Diagnostics()
    piece = workshop.piece(_pack(project), "hmn", diags)
    assert piece is not None
    assert not set(poster_keys) & set(piece.missing)
    spec = load_layout(layout_file(workshop.layouts_dir, "brochure"), project, None, diags)
    profile = workshop.profile("office", diags)
    assert spec is not None
    assert profile is not None
    layout_piece(piece, spec, profile, workshop.fonts, diags)
    missing = [d for d in diags.errors if d.code == "i18n.missing"]
    assert missing
    assert all(d.location.path.endswith("locale/hmn.po") for d in missing)
    assert {d.code for d in diags.errors} == {"i18n.missing"}


def test_a_review_packet_is_set_in_the_packs_font(tmp_path: Path) -> None:
    project = _project(tmp_path)
    materials = ["poster", "poster-signs", "poster-bilingual", "poster-trilingual", "wallet-card"]
    _translate(project, "lo", [*materials, "wallet-card-discreet", "brochure"], LAO_MARK)
    out = tmp_path / "review"
    assert (
        main(["i18n", "review", str(project / "content" / PACK), "--lang", "lo", "--out", str(out)])
        == 0
    )
    data = (out / "lo-review.pdf").read_bytes()
    fonts = {f.name.split("+")[-1] for f in pdfread.fonts(data)}
    assert "NotoSansLao-Regular" in fonts
    assert any(LAO_MARK in line for line in pdfread.text(data))
