"""Issue 21: names, paths and unreadable files met through the CLI, in-process.

Every case ends in a located diagnostic and exit 1 (2 for usage errors): no traceback, and
nothing written outside the output folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from outreach import cli
from outreach.jobs.print_order import render_print_order
from tests.conftest import ROOT, copy_project, write_kit

POSTER = '[[jobs]]\nmaterial = "poster"\nsizes = ["letter"]\nprofiles = ["office"]\n'


def _kit(name: str, pack: str = "alameda-heart", jobs: str = POSTER) -> str:
    return f'[kit]\nname = "{name}"\npack = "{pack}"\n\n{jobs}'


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = cli.main(argv)
    out, err = capsys.readouterr()
    text = out + err
    assert "Traceback" not in text
    return status, text


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


# --- item 1: control characters in names ---------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "x\\nFile:       evil.pdf\\nQuantity:   1000000",  # TOML escapes: a real newline
        "alameda\\u202Etxt.pdf",
        "ala\\u3164meda",
    ],
)
def test_issue_21_kit_name_with_hidden_characters_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    kit = write_kit(tmp_path, _kit(name))
    out = tmp_path / "out"
    status, text = _run(
        ["build", str(kit), "--out", str(out), "--diagnostic-format", "short"], capsys
    )
    assert status == 1
    assert "kits/k.toml:2:1: error[kit.bad-name]" in text
    assert not out.exists()


def test_issue_21_site_list_file_name_with_a_newline_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "kits").mkdir()
    (tmp_path / "kits" / "run\nQuantity: 1000000.csv").write_text(
        "id,name,quantity\na,A,10\n", encoding="utf-8"
    )
    jobs = (
        '[[jobs]]\nmaterial = "wallet-card"\nsizes = ["cr80"]\nsheets = ["letter"]\n'
        'sites = "run\\nQuantity: 1000000.csv"\n'
    )
    kit = write_kit(tmp_path, _kit("cards", jobs=jobs))
    out = tmp_path / "out"
    status, text = _run(
        ["build", str(kit), "--out", str(out), "--diagnostic-format", "short"], capsys
    )
    assert status == 1
    assert "kits/k.toml:9:1: error[kit.bad-name]" in text
    assert not out.exists()


def test_issue_21_print_order_names_never_start_a_line() -> None:
    entry = {
        "file": "poster\nQuantity:   1000000\u202e.pdf",
        "trim_mm": [215.9, 279.4],
        "bleed_mm": 0,
        "pages": 1,
        "color_space": "rgb",
        "quantity": 5,
        "finishing": ["trim\nFile: x.pdf"],
        "languages": ["en"],
        "sha256": "0" * 64,
        "profile": "office",
    }
    text = render_print_order("kit\nFile:       evil.pdf", [entry]).decode("utf-8")
    lines = text.splitlines()
    assert sum(line.startswith("File:") for line in lines) == 1
    assert sum(line.startswith("Quantity:") for line in lines) == 1
    assert "\u202e" not in text
    assert "\\u{000A}" in text


# --- item 2: paths --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../../escaped", "ABSOLUTE"])
def test_issue_21_package_refuses_a_kit_name_that_leaves_the_output_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    if name == "ABSOLUTE":
        name = str(tmp_path / "escaped")
    kit = write_kit(tmp_path / "p", _kit(name))
    out = tmp_path / "a" / "b" / "out"
    status, text = _run(["package", str(kit), "--out", str(out)], capsys)
    assert status == 1
    assert "error[kit.bad-name]" in text
    assert _files(tmp_path) == {"p", "p/kits", "p/kits/k.toml"}


def test_issue_21_i18n_update_refuses_a_language_that_is_a_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    copy_project(tmp_path, layouts=False, catalogs=False)
    pack = tmp_path / "content" / "alameda-heart"
    before = _files(tmp_path)
    status, text = _run(["i18n", "update", str(pack), "--lang", "../../../x"], capsys)
    assert status == 2
    assert "error[i18n.bad-language]: `../../../x` is not a language tag" in text
    assert _files(tmp_path) == before
    assert not (tmp_path.parent / "x.po").exists()


def test_issue_21_symlinked_site_list_outside_the_project_is_refused_unread(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "kits").mkdir()
    (tmp_path / "kits" / "sites.csv").symlink_to("/etc/passwd")
    jobs = (
        '[[jobs]]\nmaterial = "wallet-card"\nsizes = ["cr80"]\nsheets = ["letter"]\n'
        'sites = "sites.csv"\n'
    )
    kit = write_kit(tmp_path, _kit("cards", jobs=jobs))
    out = tmp_path / "out"
    status, text = _run(
        ["build", str(kit), "--out", str(out), "--diagnostic-format", "short"], capsys
    )
    assert status == 1
    assert "kits/k.toml:9:1: error[kit.path-outside]" in text
    assert "root:" not in text
    assert "/bin/" not in text
    assert not out.exists()


# --- item 3: tracebacks become diagnostics ---------------------------------------------------


def test_issue_21_kit_path_that_is_a_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, text = _run(["build", str(tmp_path), "--out", str(tmp_path / "out")], capsys)
    assert status == 1
    assert "error[file.is-folder]" in text


def test_issue_21_kit_that_is_not_utf8(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    kit = tmp_path / "kits" / "k.toml"
    kit.parent.mkdir()
    kit.write_bytes(b'[kit]\nname = "caf\xe9"\npack = "alameda-heart"\n')
    status, text = _run(
        ["build", str(kit), "--out", str(tmp_path / "out"), "--diagnostic-format", "short"],
        capsys,
    )
    assert status == 1
    assert "k.toml:2:12: error[kit.encoding]" in text


def test_issue_21_nul_in_a_pack_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    kit = write_kit(tmp_path, _kit("nul", pack="alameda\\u0000heart"))
    status, text = _run(
        ["build", str(kit), "--out", str(tmp_path / "out"), "--diagnostic-format", "short"],
        capsys,
    )
    assert status == 1
    assert "kits/k.toml:3:1: error[kit.bad-name]" in text


def test_issue_21_kit_errors_carry_line_and_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    jobs = POSTER + 'quantity = -4\nsize = ["a4"]\n'
    kit = write_kit(tmp_path, _kit("k", jobs=jobs))
    status, text = _run(
        ["build", str(kit), "--out", str(tmp_path / "out"), "--diagnostic-format", "short"],
        capsys,
    )
    assert status == 1
    assert "kits/k.toml:9:1: error[kit.bad-value]: `quantity` must be" in text
    assert "kits/k.toml:10:1: error[kit.unknown-key]: unknown key `size`" in text


def test_issue_21_preview_of_a_file_that_is_not_a_pdf(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fake = tmp_path / "poster.pdf"
    fake.write_text("not a PDF", encoding="utf-8")
    status, text = _run(["preview", str(fake), "--out", str(tmp_path / "proofs")], capsys)
    assert status == 1
    assert "error[preview.not-a-pdf]" in text
    assert _files(tmp_path) == {"poster.pdf"}


# --- item 5: long commands say what they do; contact sheets an image viewer opens -------------


def test_issue_21_contact_sheets_are_paginated(tmp_path: Path) -> None:
    from PIL import Image

    from outreach.jobs.preview import SHEET_MAX, Proof, write_contact_sheets

    page = tmp_path / "page.png"
    Image.new("RGB", (425, 550), "white").save(page)
    proofs = [Proof(tmp_path / f"poster-{n:03d}.pdf", 1, page) for n in range(300)]
    (tmp_path / "proofs").mkdir()
    (tmp_path / "proofs" / "contact-sheet-09.png").write_bytes(b"left by an older run")
    sheets = write_contact_sheets(proofs, tmp_path / "proofs", title="many")
    assert [s.name for s in sheets] == ["contact-sheet-01.png", "contact-sheet-02.png"]
    assert sorted(p.name for p in (tmp_path / "proofs").iterdir()) == [s.name for s in sheets]
    for sheet in sheets:
        with Image.open(sheet) as image:
            assert max(image.size) <= SHEET_MAX


def test_issue_21_package_says_what_it_builds_and_where(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    kit = write_kit(tmp_path, _kit("shop"))
    out = tmp_path / "out"
    status, text = _run(["package", str(kit), "--out", str(out), "--jobs", "1"], capsys)
    assert status == 0, text
    assert f"building its press PDFs into {out / 'press'}" in text
    assert "[1/1] poster letter en press" in text
    assert "contact sheets" in text
    assert f"wrote {out / 'shop-print-package.zip'}" in text


# --- item 4: options a material ignores; help lists what is valid -----------------------------


def test_issue_21_lang_for_the_notice_is_a_warning_naming_the_option(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    argv = ["build", "--material", "notice", "--lang", "es", "--out", str(out)]
    status, text = _run([*argv, "--strict", "--diagnostic-format", "short"], capsys)
    assert status == 1
    assert "warning[build.ignored-option]: `--lang` does not apply to material `notice`" in text
    assert not out.exists()


def test_issue_21_i18n_extract_says_lang_is_ignored(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    copy_project(tmp_path, layouts=False, catalogs=False)
    pack = tmp_path / "content" / "alameda-heart"
    status, text = _run(["i18n", "extract", str(pack), "--lang", "es"], capsys)
    assert status == 0
    assert "warning[i18n.ignored-option]: `--lang` does not apply" in text


def test_issue_21_build_help_lists_every_material_size_and_profile(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from outreach.core.resources import bundled_root
    from outreach.layout.spec import available_materials

    status, text = _run(["build", "--help"], capsys)
    assert status == 0
    flat = " ".join(text.split())
    materials = available_materials(bundled_root() / "layouts")
    assert len(materials) == 8  # poster-signs joined the poster (issue 16)
    for name in [*materials, "cr80", "business", "11x14", "a3", "office", "press"]:
        assert name in flat


# --- item 6: a project's builds go to its own output/; the quick start is true ----------------


def test_issue_21_a_project_kit_builds_into_the_projects_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project", layouts=False, catalogs=False)
    kit = write_kit(project, _kit("mine"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    status, text = _run(["build", str(kit), "--quiet", "--jobs", "1"], capsys)
    assert status == 0, text
    assert (project / "output" / "poster-letter-en-office.pdf").is_file()
    assert list(elsewhere.iterdir()) == []


def test_issue_21_the_default_kit_of_a_clone_builds_into_the_clone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from outreach.core.resources import PACKAGE_DIR
    from outreach.jobs.kits import default_output

    monkeypatch.chdir(tmp_path)
    if (PACKAGE_DIR / "_bundled").is_dir():
        assert default_output(None) == Path("output")  # an installed copy: never site-packages
    else:
        assert default_output(None) == ROOT / "output"


def test_issue_21_quick_start_is_two_commands_in_a_virtual_environment() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in section.strip().splitlines()]
    assert len(commands) == 2
    build, test = commands
    assert build.startswith("python3 -m venv ")
    assert "pip install -e . && outreach build" in build
    assert test.startswith("python3 -m venv ")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert test.endswith(ci)  # the command CI runs, in its own environment


def test_issue_21_build_lang_must_be_a_language_tag(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    status, text = _run(["build", "--lang", "en+../../x", "--out", str(out)], capsys)
    assert status == 2
    assert "error[i18n.bad-language]: `../../x` is not a language tag" in text
    assert not out.exists()


def test_issue_21_site_list_symlink_leaving_its_folder_is_not_read(tmp_path: Path) -> None:
    from outreach.content.sites import load_sites
    from outreach.core.diagnostics import Diagnostics

    secret = tmp_path / "secret.csv"
    secret.write_text("id,name,quantity\nhidden,Private Name,5\n", encoding="utf-8")
    project = tmp_path / "project"
    (project / "kits").mkdir(parents=True)
    link = project / "kits" / "sites.csv"
    link.symlink_to(secret)
    diags = Diagnostics()
    assert load_sites(link, project, diags) is None
    assert [d.code for d in diags] == ["sites.path-outside"]
    assert "Private" not in " ".join(d.message for d in diags)
