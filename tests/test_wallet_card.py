"""Single wallet cards (issue 3): sizes, sides, wording, QR payloads, press rules."""

from __future__ import annotations

import pytest

from outreach.core.diagnostics import Diagnostics
from outreach.core.document import QrItem
from outreach.jobs.job import CardOptions, Job
from outreach.jobs.piece import build_job, build_material
from outreach.jobs.project import Project
from tests import pdfread

MM = 72 / 25.4
TRIMS = {"cr80": (85.6 * MM, 53.98 * MM), "business": (3.5 * 72, 2 * 72)}
BLEED, SLUG = 0.125 * 72, 0.5 * 72


@pytest.mark.parametrize("material", ["wallet-card", "wallet-card-discreet"])
@pytest.mark.parametrize("size", ["cr80", "business"])
@pytest.mark.parametrize("profile", ["office", "press"])
def test_one_trim_size_page_per_side(material: str, size: str, profile: str) -> None:
    built = build_material(material, size=size, profile=profile)
    assert built.file_name == f"{material}-{size}-en-{profile}.pdf"
    width, height = TRIMS[size]
    pages = pdfread.boxes(built.pdf)
    assert len(pages) == 2  # front, back
    for boxes in pages:
        outer = (BLEED + SLUG) if profile == "press" else 0.0
        assert boxes["MediaBox"] == pytest.approx(
            (0, 0, width + 2 * outer, height + 2 * outer), abs=0.01
        )
        assert boxes["TrimBox"] == pytest.approx(
            (outer, outer, outer + width, outer + height), abs=0.01
        )
        if profile == "press":
            assert boxes["BleedBox"] == pytest.approx(
                (SLUG, SLUG, SLUG + width + 2 * BLEED, SLUG + height + 2 * BLEED), abs=0.01
            )
    assert pdfread.uses_rgb(built.pdf) is (profile == "office")
    assert all(font.embedded for font in pdfread.fonts(built.pdf))
    assert [p.name for p in built.document.pages] == ["front", "back"]


def test_front_asks_questions_and_back_gives_the_hotline() -> None:
    built = build_material("wallet-card")
    front, back = pdfread.text(built.pdf)
    assert "Are you free to leave your job?" in front
    assert front.count("?") >= 4
    assert "National Human Trafficking Hotline" in back
    assert "1-888-373-7888" in back
    assert "Text HELP to 233733 (English or Spanish)" in back
    assert "In an emergency, call 911." in back
    assert "Alameda County District Attorney's Office" in back
    # the number is the largest type on the card
    sizes = {item.slot: item.size for item in built.document.pages[1].text_items()}
    assert sizes["hotline"] == max(sizes.values())
    assert sizes["hotline"] >= 17


def test_discreet_front_never_says_trafficking() -> None:
    built = build_material("wallet-card-discreet")
    front, back = pdfread.text(built.pdf)
    assert "traffick" not in front.lower()
    assert "Are you free to leave your job?" in front
    assert "1-888-373-7888" in back
    assert "In an emergency, call 911." in back


@pytest.mark.parametrize("profile", ["office", "press"])
def test_qr_code_dials_the_hotline(profile: str) -> None:
    built = build_material("wallet-card", profile=profile)
    assert pdfread.decode_qr_codes(pdfread.render(built.pdf, 1, dpi=150)) == ["tel:+18883737888"]
    (qr,) = built.document.pages[1].qr_items()
    assert isinstance(qr, QrItem)
    assert qr.module_size >= 0.4 * MM
    if profile == "press":
        assert qr.paint.is_pure_black()


@pytest.mark.parametrize(
    ("choice", "payload", "caption"),
    [
        ("sms:hotline_text", "SMSTO:233733:HELP", "Scan to text"),
        ("link:hotline_site", "https://humantraffickinghotline.org", "humantraffickinghotline.org"),
        ("tel:hotline", "tel:+18883737888", "Scan to call"),
    ],
)
def test_qr_payload_is_configurable(
    project: Project, choice: str, payload: str, caption: str
) -> None:
    diags = Diagnostics()
    job = Job("wallet-card", "cr80", "en", "office", card=CardOptions(qr=choice))
    built = build_job(project, "alameda-heart", job, diags)
    assert built is not None, [d.short() for d in diags]
    assert pdfread.decode_qr_codes(pdfread.render(built.pdf, 1, dpi=150)) == [payload]
    assert caption in pdfread.text(built.pdf)[1]


def test_wrong_kind_of_contact_for_a_code_is_reported(project: Project) -> None:
    diags = Diagnostics()
    job = Job("wallet-card", "cr80", "en", "office", card=CardOptions(qr="tel:hotline_text"))
    assert build_job(project, "alameda-heart", job, diags) is None
    assert [d.code for d in diags.errors] == ["kit.bad-qr"]


def test_rounded_cut_guide_is_optional(project: Project) -> None:
    diags = Diagnostics()
    plain = build_job(project, "alameda-heart", Job("wallet-card", "cr80", "en", "office"), diags)
    job = Job("wallet-card", "cr80", "en", "office", card=CardOptions(cut_guide=True))
    guided = build_job(project, "alameda-heart", job, diags)
    assert plain is not None
    assert guided is not None
    assert not any(i.slot == "cut-guide" for p in plain.document.pages for i in p.items)
    guides = [i for p in guided.document.pages for i in p.items if i.slot == "cut-guide"]
    assert len(guides) == 2
    assert all(g.radius == pytest.approx(3.18 * MM) for g in guides)  # type: ignore[union-attr]
