"""The Civil Code 52.6 notice: verbatim text, 16 pt floor, county languages, honest refusal."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest

from outreach import cli
from outreach.content.notices import load_notice
from outreach.core.diagnostics import Diagnostics
from outreach.jobs.job import Job
from outreach.jobs.piece import build_job
from outreach.jobs.project import Project
from tests.conftest import copy_project

STATUTE_EN = (
    "If you or someone you know is being forced to engage in any activity and cannot leave\u2014"
    "whether it is commercial sex, housework, farm work, construction, factory, retail, or "
    "restaurant work, or any other activity\u2014text 233-733 (Be Free) or call the National Human "
    "Trafficking Hotline at 1-888-373-7888 or the California Coalition to Abolish Slavery and "
    "Trafficking (CAST) at 1-888-KEY-2-FRE(EDOM) or 1-888-539-2373 to access help and services. "
    "Victims of slavery and human trafficking are protected under United States and California "
    "law. The hotlines are: Available 24 hours a day, 7 days a week. Toll-free. Operated by "
    "nonprofit, nongovernmental organizations. Anonymous and confidential. Accessible in more "
    "than 160 languages. Able to provide help, referral to services, training, and general "
    "information."
)


def squash(text: str) -> str:
    """Whitespace and bullets aside, and lines joined (a hyphen at a line end is the text's)."""
    text = text.replace("\u2022", " ").replace("\r", " ").replace("\x02", "")
    text = " ".join(text.split())
    # a line may end at a dash, or begin with one
    return text.replace("\u2014 ", "\u2014").replace(" \u2014", "\u2014")


@pytest.fixture(scope="module")
def en_es(project: Project) -> object:
    diags = Diagnostics()
    built = build_job(
        project, "alameda-heart", Job("notice", None, "en", "office", None, ("es",)), diags
    )
    assert built is not None, [d.short() for d in diags]
    return built


def chars_with_sizes(pdf: bytes) -> tuple[str, list[float]]:
    document = pypdfium2.PdfDocument(pdf)
    textpage = document[0].get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count)
    sizes = [pdfium_c.FPDFText_GetFontSize(textpage.raw, i) for i in range(count)]
    return text, sizes


def test_english_text_is_the_statute_verbatim(en_es: object) -> None:
    text, _ = chars_with_sizes(en_es.pdf)  # type: ignore[attr-defined]
    flat = squash(text)
    start = flat.index("If you or someone")
    end = flat.index("general information.") + len("general information.")
    assert flat[start:end] == STATUTE_EN


def test_every_notice_glyph_is_at_least_16pt_in_the_pdf(en_es: object) -> None:
    text, sizes = chars_with_sizes(en_es.pdf)  # type: ignore[attr-defined]
    start = text.index("English")
    end = text.index("información general.") + len("información general.")
    measured = [
        size
        for char, size in zip(text[start:end], sizes[start:end], strict=True)
        if not char.isspace()
    ]
    assert measured
    assert min(measured) >= 16.0 - 0.01


def test_translation_is_marked_unofficial(en_es: object) -> None:
    text, _ = chars_with_sizes(en_es.pdf)  # type: ignore[attr-defined]
    assert "Unofficial translation" in squash(text)
    assert "not the official text of the California Attorney General" in squash(text)


def test_two_languages_choose_the_smallest_paper_that_holds_them(en_es: object) -> None:
    assert en_es.size == "legal"  # type: ignore[attr-defined]
    assert en_es.file_name == "notice-legal-en+es-office.pdf"  # type: ignore[attr-defined]


def test_letter_refuses_instead_of_shrinking(project: Project) -> None:
    diags = Diagnostics()
    built = build_job(
        project, "alameda-heart", Job("notice", "letter", "en", "office", None, ("es",)), diags
    )
    assert built is None
    (error,) = diags.errors
    assert error.code == "notice.does-not-fit"
    assert "do not fit on letter at 16 pt" in error.message
    assert any("--size legal" in hint for hint in error.hints)


def test_compliance_summary_is_written_beside_the_pdf(tmp_path: Path) -> None:
    kit = tmp_path / "kits" / "n.toml"
    kit.parent.mkdir()
    kit.write_text(
        '[kit]\npack = "alameda-heart"\n[[jobs]]\nmaterial = "notice"\n'
        'languages = ["en", "es"]\nsizes = ["11x14"]\n'
    )
    assert cli.main(["build", str(kit), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    report = json.loads(
        (tmp_path / "out" / "notice-11x14-en+es-office.compliance.json").read_text()
    )
    assert all(check["ok"] for check in report["checks"])
    assert report["checks"][1]["smallest_pt"] >= 16


def test_unknown_county_is_refused(project: Project) -> None:
    diags = Diagnostics()
    assert (
        build_job(project, "alameda-heart", Job("notice", None, "en", "office", "alamda"), diags)
        is None
    )
    (error,) = diags.errors
    assert error.code == "notice.unknown-county"
    assert "did you mean `alameda`?" in error.hints


def test_county_table_drives_the_third_language(project: Project) -> None:
    diags = Diagnostics()
    pack = project.pack("alameda-heart", diags)
    assert pack is not None
    notice = load_notice(pack, project.root, diags)
    assert notice is not None
    assert notice.languages_for("alameda") == ("en", "es", "zh-Hant")
    assert notice.languages_for(None, ("es", "vi")) == ("en", "es", "vi")


def test_numbers_in_the_notice_are_the_packs_contacts(project: Project) -> None:
    diags = Diagnostics()
    pack = project.pack("alameda-heart", diags)
    notice = load_notice(pack, project.root, diags)  # type: ignore[arg-type]
    assert notice is not None
    for text in notice.texts.values():
        for number in ("233-733", "1-888-373-7888", "1-888-539-2373"):
            assert number in text.plain


def test_three_languages_refuse_letter_and_name_11x14(project: Project) -> None:
    diags = Diagnostics()
    built = build_job(
        project, "alameda-heart", Job("notice", "letter", "en", "office", "alameda"), diags
    )
    assert built is None
    (error,) = diags.errors
    assert error.code == "notice.does-not-fit"
    assert error.message.startswith("3 languages (en, es, zh-Hant) do not fit on letter at 16 pt")
    assert any("--size 11x14" in hint for hint in error.hints)


def test_three_languages_build_on_11x14_from_the_county_table(project: Project) -> None:
    diags = Diagnostics()
    built = build_job(
        project, "alameda-heart", Job("notice", "11x14", "en", "press", "alameda"), diags
    )
    assert built is not None, [d.short() for d in diags]
    assert built.file_name == "notice-11x14-en+es+zh-Hant-press.pdf"
    text, sizes = chars_with_sizes(built.pdf)
    flat = squash(text)
    assert "中文 (繁體)" in flat
    assert "請發送簡訊至 233-733" in flat
    start = text.index("English")
    end = text.index("一般資訊。") + len("一般資訊。")
    measured = [
        size
        for char, size in zip(text[start:end], sizes[start:end], strict=True)
        if not char.isspace()
    ]
    assert min(measured) >= 16.0 - 0.01
    statute = flat[flat.index("If you or someone") :]
    assert statute.startswith(STATUTE_EN)


def test_local_contact_is_a_separate_block_below_the_statute(tmp_path: Path) -> None:
    """A pack may name its own line; it prints apart from the verbatim text, never inside."""
    copy_project(tmp_path, layouts=False)
    pack = tmp_path / "content" / "alameda-heart" / "pack.yaml"
    text = pack.read_text(encoding="utf-8")
    text = text.replace("  link: da_site\n", "  link: da_site\n  local_contact: cast\n", 1)
    pack.write_text(text, encoding="utf-8")
    diags = Diagnostics()
    built = build_job(
        Project(tmp_path),
        "alameda-heart",
        Job("notice", "11x14", "en", "office", None, ("es",)),
        diags,
    )
    assert built is not None, [d.short() for d in diags]
    page = built.document.pages[0]
    local = page.item("local-contact")
    english = page.item("notice-en")
    spanish = page.item("notice-es")
    assert local.rect.y > max(english.rect.bottom, spanish.rect.bottom)  # type: ignore[union-attr]
    assert (
        "Local help: Coalition to Abolish Slavery & Trafficking (CAST), 1-888-KEY-2-FREE"
        in local.text
    )  # type: ignore[union-attr]
    text, _ = chars_with_sizes(built.pdf)
    flat = squash(text)
    assert flat[flat.index("If you or someone") :].startswith(STATUTE_EN)


@pytest.fixture(scope="module")
def county(project: Project) -> object:
    diags = Diagnostics()
    job = Job("notice", "11x14", "en", "press", "alameda")
    built = build_job(project, "alameda-heart", job, diags)
    assert built is not None, [d.short() for d in diags]
    return built


def _lines_at(pdf: bytes, smallest: float) -> list[str]:
    """The PDF's text lines whose every character is set at `smallest` pt or more."""
    text, sizes = chars_with_sizes(pdf)
    lines, line, ok = [], "", True
    for char, size in zip(text, sizes, strict=True):
        if char in "\r\n":
            if line.strip() and ok:
                lines.append(line.strip())
            line, ok = "", True
            continue
        line += char
        ok = ok and (char.isspace() or size >= smallest - 0.01)
    if line.strip() and ok:
        lines.append(line.strip())
    return lines


def test_the_posting_reads_in_short_lines_with_air_between_paragraphs(county: object) -> None:
    """Issue 16: at most about 75 characters a line, 1.3 leading, space between paragraphs."""
    lines = _lines_at(county.pdf, 16)  # type: ignore[attr-defined]
    assert len(lines) > 60
    assert max(len(line) for line in lines) <= 75
    document = county.document  # type: ignore[attr-defined]
    items = [i for i in document.pages[0].text_items() if i.slot.startswith("notice-")]
    columns = {round(item.rect.x) for item in items}
    assert len(columns) == 2  # 11 x 14 in: two columns
    paragraph_steps = 0
    for item in items:
        baselines = [line.baseline for line in item.lines]
        steps = [b - a for a, b in itertools.pairwise(baselines)]
        assert min(steps) >= 1.3 * item.size - 0.01
        # a paragraph's first line sits half a line lower than a line within a paragraph
        paragraph_steps += sum(step >= 1.75 * item.size for step in steps)
    # two per language (three paragraphs each), less the one at the top of column 2
    assert paragraph_steps >= 2 * 3 - 1
    assert min(i.size for i in items) >= 16


def test_status_notes_go_to_the_compliance_record_not_the_posting(
    county: object, tmp_path: Path
) -> None:
    text, _ = chars_with_sizes(county.pdf)  # type: ignore[attr-defined]
    assert "Unofficial translation" in squash(text)
    assert "verify" not in text.lower()
    (name, summary), *_ = county.extras  # type: ignore[attr-defined]
    assert name.endswith(".compliance.json")
    languages = json.loads(summary)["checks"][2]["languages"]
    notes = {entry["tag"]: entry.get("before_posting", "") for entry in languages}
    assert notes["en"] == ""
    assert "verify it against the Attorney General's published notice" in notes["es"]
    assert "verify it against the Attorney General's published notice" in notes["zh-Hant"]


def test_the_press_notice_marks_every_plate(county: object) -> None:
    """Crop marks in registration colour (issue 16): each separation shows where to cut."""
    marks = [i for i in county.document.pages[0].items if i.slot == "crop-mark"]  # type: ignore[attr-defined]
    assert len(marks) == 8
    assert {mark.paint.values for mark in marks} == {(1.0, 1.0, 1.0, 1.0)}
