"""`outreach new` and the bundled `national` pack (issue 15, item 7), through the CLI.

A new project refuses to build until its marked places are filled, one located error per
place; filled (a PNG logo, a local line that is a real national number), its kit builds
and passes the preflight. The national pack builds every material but the notice and the
brochure in English and Spanish, with no organization and no logo.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from outreach import build, cli
from outreach.content.pack import load_pack
from outreach.core.diagnostics import Diagnostics
from outreach.jobs.run import BuildReport
from tests import pdfread
from tests.conftest import ROOT

FIXTURE_LOGO = ROOT / "tests" / "fixtures" / "logo-starter.png"
NATIONAL = ROOT / "content" / "national"
# The hotline's own number: the local line of the test, a real number the pack has.
HOTLINE_DISPLAY, HOTLINE_DIAL = "1-888-373-7888", "+18883737888"
UNFILLED = re.compile(r"^(\S+?):(\d+):(\d+): error\[content\.unfilled\]: `([^`]+)`", re.M)


def _image_count(pdf_path: Path) -> int:
    with pikepdf.open(pdf_path) as pdf:
        return sum(len(page.get_images()) for page in pdf.pages)


# --- the national pack -------------------------------------------------------------------


@pytest.fixture(scope="module")
def national_build(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    return build(ROOT / "kits" / "national.toml", out_dir=tmp_path_factory.mktemp("national"))


@pytest.fixture
def national_output(national_build: BuildReport) -> Path:
    return national_build.out_dir


def test_the_national_kit_warns_only_of_drafts_and_known_reversed_type(
    national_build: BuildReport,
) -> None:
    # No warning about the empty logo place, no overflow, collision or unknown number;
    # the reversed card titles are the Alameda pack's too (issue 20, another branch).
    codes = {d.code for d in national_build.diagnostics}
    assert codes <= {"i18n.needs-review", "check.reversed-small-text"}


def test_the_national_kit_builds_every_material_but_the_notice(
    national_output: Path,
) -> None:
    names = {p.name for p in national_output.glob("*.pdf")}
    for size in ("letter", "legal", "tabloid", "11x14", "a4", "a3"):
        for lang in ("en", "es"):
            assert f"poster-{size}-{lang}-press.pdf" in names
    assert "poster-bilingual-letter-en+es-office.pdf" in names
    for lang in ("en", "es"):
        assert f"wallet-card-cr80-{lang}-press.pdf" in names
        assert f"wallet-card-discreet-business-{lang}-office.pdf" in names
        assert f"wallet-card-sheet-letter-{lang}-press.pdf" in names
        assert f"wallet-card-discreet-sheet-a4-{lang}-office.pdf" in names
        # the brochure flows the pack's own sections (none of them Alameda's)
        assert f"brochure-letter-{lang}-press.pdf" in names
    assert not [n for n in names if n.startswith("notice")]
    assert cli.main(["check", str(national_output)]) == 0


def test_the_national_brochure_reads_its_own_sections(national_output: Path) -> None:
    pdf = (national_output / "brochure-letter-en-office.pdf").read_bytes()
    text = " ".join(pdfread.text(pdf))
    for title in (
        "Where to get help",
        "Signs someone may need help",
        "Who can call",
        "What happens when you call",
        "Human trafficking",
    ):
        assert title in text
    for local in ("Alameda", "H.E.A.R.T", "CAST", "SafetyNet", "1-866"):
        assert local not in text


def test_the_national_pieces_print_the_national_facts_and_nothing_local(
    national_output: Path,
) -> None:
    poster = (national_output / "poster-letter-en-office.pdf").read_bytes()
    text = " ".join(pdfread.text(poster))
    for fact in ("1-888-373-7888", "233733", "HELP", "TTY: 711", "911"):
        assert fact in text
    assert "humantraffickinghotline.org" in text
    assert "(English and Spanish)" in text  # the text line's limit, as the sources say
    for local in ("Alameda", "H.E.A.R.T", "CAST", "1-866"):
        assert local not in text
    codes = pdfread.decode_qr_codes(pdfread.render(poster))
    assert sorted(codes) == ["https://humantraffickinghotline.org", "tel:+18883737888"]
    card = (national_output / "wallet-card-cr80-es-office.pdf").read_bytes()
    assert "TTY: 711" in pdfread.text_lines(card, 1)
    # no logo: the logo's place stays empty, with no picture and no warning
    assert _image_count(national_output / "poster-letter-en-press.pdf") == 0


def _catalog(path: Path) -> list[Message]:
    with path.open("rb") as stream:
        return [m for m in read_po(stream) if m.id]


def test_the_national_spanish_is_the_alameda_pack_s_where_the_english_is() -> None:
    alameda = {m.context: m for m in _catalog(ROOT / "content/alameda-heart/locale/es.po")}
    national = _catalog(NATIONAL / "locale/es.po")
    same = [m for m in national if m.context in alameda and alameda[m.context].id == m.id]
    assert len(same) >= 50
    for message in same:
        assert message.string == alameda[message.context].string, message.context
        assert message.flags == alameda[message.context].flags, message.context
    assert all("needs-review" in m.flags for m in national)  # drafts stay flagged


def test_the_national_pack_names_no_organization() -> None:
    diags = Diagnostics()
    pack = load_pack(NATIONAL, ROOT, diags)
    assert pack is not None
    assert not diags.has_errors()
    assert pack.organization.name == ""
    assert pack.organization.logo is None
    assert {"who_can_call.body", "when_you_call.title", "poster.signs[0]"} <= set(pack.texts)


# --- outreach new --------------------------------------------------------------------------


def _unfilled(err: str) -> list[tuple[str, int, str]]:
    return [(m[0], int(m[1]), m[3]) for m in UNFILLED.findall(err)]


def _fill(path: Path, marker_start: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    marked = re.search(rf'"FILL IN: {re.escape(marker_start)}[^"]*"', text)
    assert marked is not None, marker_start
    path.write_text(text.replace(marked[0], f'"{value}"'), encoding="utf-8")


@pytest.mark.parametrize(
    ("org", "places"),
    [
        ("Riverside Task Force", ["organization.logo", "contacts.local"]),
        (None, ["organization.name", "organization.logo", "contacts.local"]),
    ],
)
def test_a_new_project_refuses_to_build_once_per_unfilled_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], org: str | None, places: list[str]
) -> None:
    folder = tmp_path / "riverside"
    assert cli.main(["new", str(folder), *(["--org", org] if org else [])]) == 0
    pack_id = "riverside-task-force" if org else "riverside"
    kit = folder / "kits" / f"{pack_id}.toml"
    assert kit.is_file()
    assert (folder / "README.md").is_file()
    capsys.readouterr()
    status = cli.main(["build", str(kit), "--quiet", "--diagnostic-format", "short"])
    err = capsys.readouterr().err
    assert status == 1
    found = _unfilled(err)
    assert [place for _path, _line, place in found] == places
    assert err.count("error[") == len(places)  # nothing but the places: no cascade
    for path, line, _place in found:
        assert path == f"content/{pack_id}/pack.yaml"
        assert "FILL IN" in (folder / path).read_text(encoding="utf-8").splitlines()[line - 1]
    assert not (folder / "output").exists() or not list((folder / "output").glob("*.pdf"))


def test_filled_in_the_new_project_builds_and_passes_the_preflight(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "riverside"
    assert cli.main(["new", str(folder)]) == 0
    pack_yaml = folder / "content" / "riverside" / "pack.yaml"
    _fill(pack_yaml, "your organization's name", "Riverside Task Force")
    shutil.copyfile(FIXTURE_LOGO, folder / "content" / "riverside" / "images" / "logo.png")
    _fill(pack_yaml, "your logo file", "images/logo.png")
    _fill(pack_yaml, "what your logo shows", "Riverside Task Force")
    _fill(pack_yaml, "who owns the logo", "Riverside Task Force, its own logo")
    _fill(pack_yaml, "your local line", HOTLINE_DISPLAY)
    _fill(pack_yaml, "the same number", HOTLINE_DIAL)
    assert '"FILL IN' not in pack_yaml.read_text(encoding="utf-8")
    capsys.readouterr()
    status = cli.main(["build", str(folder / "kits" / "riverside.toml"), "--quiet"])
    assert status == 0, capsys.readouterr().err
    output = folder / "output"
    assert len(list(output.glob("*.pdf"))) == 72
    assert cli.main(["check", str(output)]) == 0
    poster = output / "poster-letter-en-press.pdf"
    assert "Riverside Task Force" in " ".join(pdfread.text(poster.read_bytes()))
    assert _image_count(poster) == 1  # the PNG logo
    card = (output / "wallet-card-cr80-es-office.pdf").read_bytes()
    assert f"Riverside Task Force: {HOTLINE_DISPLAY}" in pdfread.text_lines(card, 1)
    discreet = " ".join(
        pdfread.text((output / "wallet-card-discreet-cr80-en-office.pdf").read_bytes())
    )
    assert "Riverside" not in discreet
    # the local number alone: the discreet card never names its publisher unasked
    assert "Local help" in discreet
    assert discreet.count(HOTLINE_DISPLAY) == 2  # the hotline's line, and the local line


def test_new_never_writes_into_a_folder_that_holds_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    assert cli.main(["new", str(folder), "--org", "Riverside Task Force"]) == 1
    assert "error[new.folder-not-empty]" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ours"]  # no temporary left


def test_new_writes_into_an_empty_folder_and_refuses_a_bad_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli.main(["new", str(empty), "--org", "Fundación Esperanza"]) == 0
    assert (empty / "kits" / "fundacion-esperanza.toml").is_file()
    assert '"Fundación Esperanza"' in (
        empty / "content" / "fundacion-esperanza" / "pack.yaml"
    ).read_text(encoding="utf-8")
    capsys.readouterr()
    for bad in ("x" * 121, "Riverside\u202eTask Force", " "):
        assert cli.main(["new", str(tmp_path / "bad"), "--org", bad]) == 1
        assert "error[new.bad-name]" in capsys.readouterr().err
        assert not (tmp_path / "bad").exists()


def test_a_marker_in_content_yaml_is_refused_at_its_line(tmp_path: Path) -> None:
    pack = tmp_path / "content" / "national"
    shutil.copytree(NATIONAL, pack)
    content = pack / "content.yaml"
    text = content.read_text(encoding="utf-8")
    content.write_text(
        text.replace('headline: "Are you being forced to work?"', 'headline: "FILL IN: a title"'),
        encoding="utf-8",
    )
    line = 1 + content.read_text(encoding="utf-8").splitlines().index(
        '  headline: "FILL IN: a title"'
    )
    diags = Diagnostics()
    assert load_pack(pack, tmp_path, diags) is None
    [error] = diags.errors
    assert error.code == "content.unfilled"
    assert (error.location.path, error.location.line) == ("content/national/content.yaml", line)
    assert error.hints[0] == "a title"
