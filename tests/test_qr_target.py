"""What a QR code points at, and whether it scans: one rule for posters, flows and cards."""

from __future__ import annotations

from pathlib import Path

import pytest

from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.layout_specs import LayoutSpec
from outreach.core.model import Pack
from outreach.jobs.job import CardOptions, Job
from outreach.jobs.piece import build_job
from outreach.jobs.project import Project
from outreach.layout.qr_target import (
    check_module_size,
    find_qr_target,
    report_unknown_target,
)
from outreach.layout.spec import layout_file, load_layout
from tests.conftest import PACK, ROOT

WHERE = Location("layouts/test.yaml", 3)


@pytest.fixture(scope="module")
def pack() -> Pack:
    found = Project(ROOT).pack(PACK, Diagnostics())
    assert found is not None
    return found


@pytest.fixture(scope="module")
def poster() -> LayoutSpec:
    diags = Diagnostics()
    spec = load_layout(layout_file(ROOT / "layouts", "poster"), ROOT, "letter", diags)
    assert spec is not None, [d.short() for d in diags]
    return spec


def test_each_scheme_gives_its_payload_link_and_printed_text(pack: Pack) -> None:
    tel = find_qr_target(pack, "tel", "hotline")
    sms = find_qr_target(pack, "sms", "hotline_text")
    link = find_qr_target(pack, "https", "hotline_site")
    assert tel is not None
    assert sms is not None
    assert link is not None
    assert (tel.data, tel.url, tel.printed, tel.kind) == (
        "tel:+18883737888",
        "tel:+18883737888",
        "1-888-373-7888",
        "voice",
    )
    assert (sms.data, sms.url, sms.kind) == ("SMSTO:233733:HELP", "sms:233733", "sms")
    assert (link.data, link.printed, link.kind) == (
        "https://humantraffickinghotline.org",
        "humantraffickinghotline.org",
        "link",
    )
    assert find_qr_target(pack, "https", "hotline") is None  # a contact, not a link


def test_unknown_target_names_the_kind_and_suggests_a_near_match(pack: Pack) -> None:
    diags = Diagnostics()
    report_unknown_target(pack, "https", "hotline_sit", diags, subject="slot `qr`", location=WHERE)
    report_unknown_target(
        pack, "sms", "hotline_txt", diags, subject="slot `qr`", location=WHERE, code="kit.x"
    )
    first, second = diags.errors
    assert first.short() == (
        "layouts/test.yaml:3: error[layout.unknown-fact]: slot `qr` names unknown link "
        "`hotline_sit`"
    )
    assert first.hints[0] == "did you mean `hotline_site`?"
    assert first.hints[1].startswith("known: hotline_site, ")
    assert second.code == "kit.x"
    assert second.message == "slot `qr` names unknown contact `hotline_txt`"


def test_module_size_is_checked_against_the_layouts_minimum(poster: LayoutSpec) -> None:
    diags = Diagnostics()
    at_minimum = 29 * poster.min_qr_module
    check_module_size(at_minimum, 29, poster, diags, subject="QR code", location=WHERE, hints=())
    assert not diags.errors
    check_module_size(
        at_minimum * 0.5,
        29,
        poster,
        diags,
        subject="QR code `x`",
        location=WHERE,
        hints=("make it larger",),
        where=" in slot `qr`",
    )
    (error,) = diags.errors
    assert error.code == "qr.too-small"
    assert error.message == (
        "QR code `x` has 0.50 mm modules in slot `qr`; this material needs at least 1.00 mm "
        "to scan reliably"
    )
    assert error.hints == ("make it larger",)


def test_a_sections_unknown_link_is_reported_at_its_code(project_copy: Path) -> None:
    """The brochure's codes come from the pack's resources section (issue 15)."""
    pack = project_copy / "content" / PACK / "pack.yaml"
    text = pack.read_text(encoding="utf-8")
    pack.write_text(text.replace("{link: polaris,", "{link: polars,", 1), encoding="utf-8")
    diags = Diagnostics()
    built = build_job(Project(project_copy), PACK, Job("brochure", "letter", "en", "office"), diags)
    assert built is None
    (error,) = diags.errors
    assert error.code == "content.unknown-link"
    assert error.message == (
        "section `resources` (resources): link `polars` is not in `links:` of pack.yaml"
    )
    assert error.hints[0] == "did you mean `polaris`?"
    assert error.location.path == f"content/{PACK}/pack.yaml"
    line = pack.read_text(encoding="utf-8").splitlines()[(error.location.line or 0) - 1]
    assert "{link: polars," in line


def test_a_flows_unknown_link_is_reported_at_its_block(project_copy: Path) -> None:
    """A layout that lists its own flow sections: the code's link is checked at layout time."""
    layout = project_copy / "layouts" / "brochure.yaml"
    text = layout.read_text(encoding="utf-8")
    own = """        sections:
          - id: own
            title: resources.title
            blocks:
              - qr: [{link: polars, caption: resources.polaris_caption}]
                size: 0.8in
                caption_role: qr_caption
"""
    start = text.index("        sections: resources\n")
    end = text.index("\n", text.index("section_style:", start)) + 1
    layout.write_text(text[:start] + own + text[end:], encoding="utf-8")
    diags = Diagnostics()
    built = build_job(Project(project_copy), PACK, Job("brochure", "letter", "en", "office"), diags)
    assert built is None
    (error,) = diags.errors
    assert error.code == "layout.unknown-fact"
    assert error.message == "QR code `help/own/qr-0` names unknown link `polars`"
    assert error.hints[0] == "did you mean `polaris`?"
    assert error.location.path == "layouts/brochure.yaml"


def test_a_cards_unknown_contact_is_a_kit_error(project: Project) -> None:
    diags = Diagnostics()
    job = Job("wallet-card", "cr80", "en", "office", card=CardOptions(qr="tel:hotlin"))
    assert build_job(project, PACK, job, diags) is None
    assert [(d.code, d.message, d.hints[0]) for d in diags.errors] == [
        (
            "kit.unknown-fact",
            "the QR code of slot `qr` names unknown contact `hotlin`",
            "did you mean `hotline`?",
        )
    ]
