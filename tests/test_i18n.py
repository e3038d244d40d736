"""Translation catalogs: extract, update, status, stale entries, placeholders, review flags."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from outreach import BuildError, build_material, cli
from outreach.content.catalogs import language_status, update_catalog
from outreach.content.localize import localize
from outreach.content.pack import load_pack
from outreach.core.diagnostics import Diagnostics
from outreach.core.model import Pack
from outreach.jobs.project import Project
from tests import pdfread
from tests.conftest import copy_project


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    return copy_project(tmp_path, layouts=False, catalogs=False) / "content" / "alameda-heart"


def load(pack_dir: Path) -> Pack:
    diags = Diagnostics()
    pack = load_pack(pack_dir, pack_dir.parent.parent, diags)
    assert pack is not None, [d.short() for d in diags]
    return pack


def fill(po: Path, translate: dict[str, str] | None = None, *, flag: str | None = None) -> None:
    """Translate every entry (by default: the English text in brackets), like a translator."""
    with po.open("rb") as stream:
        catalog = read_po(stream)
    for message in catalog:
        if message.id and message.context:
            text = (translate or {}).get(message.context, f"[{message.id}]")
            message.string = text
            if flag:
                message.flags.add(flag)
    with po.open("wb") as stream:
        write_po(stream, catalog, width=0, sort_output=False)


def test_extract_update_status_round_trip(
    pack_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["i18n", "extract", str(pack_dir)]) == 0
    assert (pack_dir / "locale" / "messages.pot").is_file()
    assert cli.main(["i18n", "update", str(pack_dir), "--lang", "es"]) == 0
    po = pack_dir / "locale" / "es.po"
    assert 'msgctxt "poster.headline"' in po.read_text(encoding="utf-8")
    pack = load(pack_dir)
    status = language_status(pack, "es", pack.display_root)
    assert status.missing == status.total > 50
    fill(po, flag="needs-review")
    status = language_status(pack, "es", pack.display_root)
    assert (status.missing, status.translated, status.needs_review) == (
        0,
        status.total,
        status.total,
    )
    capsys.readouterr()
    assert cli.main(["i18n", "status", str(pack_dir)]) == 0
    assert "es" in capsys.readouterr().out


def test_changed_english_makes_the_translation_stale(pack_dir: Path) -> None:
    pack = load(pack_dir)
    po = update_catalog(pack, "es")
    fill(po)
    content = pack_dir / "content.yaml"
    content.write_text(
        content.read_text(encoding="utf-8").replace(
            "Are you being forced to work?", "Is someone forcing you to work?"
        ),
        encoding="utf-8",
    )
    pack = load(pack_dir)
    update_catalog(pack, "es")
    text = po.read_text(encoding="utf-8")
    assert '#| msgid "Are you being forced to work?"' in text
    assert language_status(pack, "es", pack.display_root).stale == 1
    diags = Diagnostics()
    piece = localize(pack, "es", diags)
    assert piece is not None
    stale = [d for d in diags if d.code == "i18n.stale"]
    assert len(stale) == 1
    assert stale[0].location.path.endswith("locale/es.po")
    assert stale[0].location.line


def test_broken_placeholder_is_an_error_with_the_po_line(pack_dir: Path) -> None:
    pack = load(pack_dir)
    po = update_catalog(pack, "es")
    fill(po, {"poster.hotline_number": "{{ contacts.hotline.dispaly }}"})
    diags = Diagnostics()
    assert localize(pack, "es", diags) is None
    (error,) = [d for d in diags if d.code == "i18n.placeholder"]
    assert error.location.key == "poster.hotline_number"
    assert error.location.path == "content/alameda-heart/locale/es.po"
    assert error.location.line is not None
    assert error.location.line > 1


def test_missing_entries_name_each_key(pack_dir: Path) -> None:
    pack = load(pack_dir)
    po = update_catalog(pack, "es")
    fill(po, {"poster.headline": ""})
    diags = Diagnostics()
    piece = localize(pack, "es", diags)
    assert piece is not None  # an untranslated entry stops only the materials that print it
    assert list(piece.missing) == ["poster.headline"]
    project = Project(pack_dir.parent.parent, check_pdf=False)
    with pytest.raises(BuildError) as caught:
        build_material("poster", language="es", project_dir=project.root, check=False)
    missing = [d for d in caught.value.diagnostics if d.code == "i18n.missing"]
    assert [d.location.key for d in missing] == ["poster.headline"]
    assert missing[0].location.path == "content/alameda-heart/locale/es.po"
    assert missing[0].location.line
    card = build_material("wallet-card", language="es", project_dir=project.root, check=False)
    assert "[Is someone controlling you?]" in " ".join(pdfread.text(card.pdf))


def test_drafts_warn_by_default_and_fail_when_review_is_required(pack_dir: Path) -> None:
    pack = load(pack_dir)
    fill(update_catalog(pack, "es"), flag="needs-review")
    diags = Diagnostics()
    piece = localize(pack, "es", diags)
    assert piece is not None
    assert piece.unreviewed
    assert [d.code for d in diags.warnings] == ["i18n.needs-review"]
    strict = Diagnostics()
    assert localize(pack, "es", strict, require_reviewed=True) is None
    assert [d.code for d in strict.errors] == ["i18n.needs-review"]


def test_unreviewed_poster_says_so_in_print(pack_dir: Path) -> None:
    pack = load(pack_dir)
    # The number as it is: in brackets, its 68 pt descenders would touch the text line
    # below (`check.collision`, issue 16).
    keep = {"poster.hotline_number": "{{ contacts.hotline.display }}"}
    fill(update_catalog(pack, "es"), keep, flag="needs-review")
    project = Project(pack_dir.parent.parent)
    from outreach.jobs.job import Job
    from outreach.jobs.piece import build_job

    for profile, slot in (("office", "review-note"), ("press", "slug")):
        diags = Diagnostics()
        built = build_job(project, "alameda-heart", Job("poster", "letter", "es", profile), diags)
        assert built is not None, [d.short() for d in diags]
        note = built.document.pages[0].item(slot)
        assert "translation not yet reviewed" in note.text  # type: ignore[union-attr]
