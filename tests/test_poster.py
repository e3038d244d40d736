"""The poster, checked from outside: boxes, fonts, text, QR codes, colour and determinism."""

from __future__ import annotations

import pytest

from outreach import build_material
from outreach.core.diagnostics import Diagnostics
from outreach.core.document import QrItem, TextItem
from outreach.jobs.project import BuiltPiece, Project
from tests import pdfread

MM = 72 / 25.4
SIZES_MM = {
    "letter": (215.9, 279.4),
    "legal": (215.9, 355.6),
    "tabloid": (279.4, 431.8),
    "11x14": (279.4, 355.6),
    "a4": (210.0, 297.0),
    "a3": (297.0, 420.0),
}
BLEED_MM = 3.175  # 0.125 in
SLUG_MM = 12.7  # 0.5 in


@pytest.fixture(scope="module")
def posters(project: Project) -> dict[tuple[str, str], BuiltPiece]:
    return {
        (size, profile): build_material(
            "poster", size=size, profile=profile, project_dir=project.root
        )
        for size in SIZES_MM
        for profile in ("office", "press")
    }


@pytest.mark.parametrize("size", SIZES_MM)
def test_office_page_is_the_trim_size(posters: dict, size: str) -> None:
    (page,) = pdfread.boxes(posters[size, "office"].pdf)
    width, height = SIZES_MM[size]
    assert page["MediaBox"][2] / MM == pytest.approx(width, abs=0.05)
    assert page["MediaBox"][3] / MM == pytest.approx(height, abs=0.05)
    assert page["TrimBox"] == page["MediaBox"]


@pytest.mark.parametrize("size", SIZES_MM)
def test_press_page_has_bleed_trim_and_marks_room(posters: dict, size: str) -> None:
    (page,) = pdfread.boxes(posters[size, "press"].pdf)
    width, height = SIZES_MM[size]
    trim = [v / MM for v in page["TrimBox"]]
    bleed = [v / MM for v in page["BleedBox"]]
    media = [v / MM for v in page["MediaBox"]]
    assert trim[2] - trim[0] == pytest.approx(width, abs=0.05)
    assert trim[3] - trim[1] == pytest.approx(height, abs=0.05)
    for side in (0, 1):
        assert trim[side] - bleed[side] == pytest.approx(BLEED_MM, abs=0.05)
        assert bleed[side] - media[side] == pytest.approx(SLUG_MM, abs=0.05)
    assert bleed[2] - trim[2] == pytest.approx(BLEED_MM, abs=0.05)


@pytest.mark.parametrize("profile", ["office", "press"])
def test_every_font_is_embedded_and_subset(posters: dict, profile: str) -> None:
    fonts = pdfread.fonts(posters["letter", profile].pdf)
    assert fonts, "no fonts found"
    for font in fonts:
        assert font.embedded, font
        assert "+" in font.name, f"{font.name} is not a subset"
        assert "Helvetica" not in font.name


def test_text_has_the_hotline_and_key_sentences(posters: dict) -> None:
    (text,) = pdfread.text(posters["letter", "office"].pdf)
    for expected in (
        "1-888-373-7888",
        "Are you being forced to work?",
        "Or text HELP to 233733 (English and Spanish)",
        "In an emergency, call 911.",
        "Are you free to leave your job?",
        "It is not your fault.",
        "humantraffickinghotline.org",
        "H.E.A.R.T. Team",
        "Alameda County District Attorney's Office",
    ):
        assert expected in text


@pytest.mark.parametrize("size", ["letter", "a4", "tabloid"])
@pytest.mark.parametrize("profile", ["office", "press"])
def test_every_qr_code_decodes_to_its_payload(posters: dict, size: str, profile: str) -> None:
    built = posters[size, profile]
    expected = sorted(qr.data for _, qr in built.document.qr_items())
    assert expected == ["https://humantraffickinghotline.org", "tel:+18883737888"]
    image = pdfread.render(built.pdf, dpi=150)
    assert pdfread.decode_qr_codes(image) == expected


def test_qr_codes_are_large_enough_for_a_poster(posters: dict) -> None:
    for (_size, _profile), built in posters.items():
        for _, qr in built.document.qr_items():
            assert qr.module_size / MM >= 1.0
            assert qr.quiet_zone == 4


def test_printed_number_sits_beside_each_code(posters: dict) -> None:
    page = posters["letter", "office"].document.pages[0]
    captions = {item.slot: item.text for item in page.items if isinstance(item, TextItem)}
    assert "1-888-373-7888" in captions["qr-call-caption"]
    assert "humantraffickinghotline.org" in captions["qr-site-caption"]


def test_press_file_has_no_rgb_and_black_is_pure_k(posters: dict) -> None:
    built = posters["letter", "press"]
    assert not pdfread.uses_rgb(built.pdf)
    assert pdfread.uses_rgb(posters["letter", "office"].pdf)
    for page in built.document.pages:
        for item in page.items:
            if isinstance(item, QrItem):
                assert item.paint.is_pure_black()
            if isinstance(item, TextItem) and item.size < 12:
                for line in item.lines:
                    for run in line.runs:
                        # small text is either pure K or knocked out (white on a panel)
                        assert (
                            run.paint.is_pure_black()
                            or run.paint.values[3] >= 0.85
                            or run.paint.values == (0.0, 0.0, 0.0, 0.0)
                        ), (item.slot, run.paint)


def test_two_builds_are_byte_identical(project: Project) -> None:
    first = build_material("poster", profile="press", project_dir=project.root).pdf
    second = build_material("poster", profile="press", project_dir=project.root).pdf
    assert first == second


def test_metadata_is_set(posters: dict) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(posters["letter", "office"].pdf))
    info = reader.metadata
    assert info is not None
    assert "Human trafficking" in str(info.title)
    assert info.author == "Alameda County District Attorney's Office"
    assert info.subject
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_text_shrinks_only_to_its_minimum(posters: dict) -> None:
    for built in posters.values():
        for _, item in built.document.text_items():
            assert item.size <= item.requested_size + 1e-6
            assert all(line.runs for line in item.lines)


def test_layout_keeps_text_inside_its_slots(posters: dict) -> None:
    for built in posters.values():
        for _, item in built.document.text_items():
            if item.slot == "slug" or item.slot.endswith("-caption"):
                continue
            for line in item.lines:
                assert line.x >= item.rect.x - 0.01
                assert line.x + line.width <= item.rect.right + 0.5, (item.slot, line.text)
                assert line.baseline <= item.rect.bottom + 0.01


def test_the_hotline_number_is_printed_large(posters: dict) -> None:
    page = posters["letter", "office"].document.pages[0]
    number = page.item("hotline")
    assert isinstance(number, TextItem)
    assert number.text == "1-888-373-7888"
    assert number.size >= 48


@pytest.mark.parametrize("language", ["en", "es", "fa", "zh-Hant", "km"])
def test_one_audience_per_poster(project: Project, language: str) -> None:
    """Issue 16: `poster` speaks to the person who may need help, `poster-signs` to the
    public; each prints its own wording and not the other's, and both carry the call."""
    diags = Diagnostics()
    pack = project.pack("alameda-heart", diags)
    assert pack is not None
    localized = project.piece(pack, language, diags)
    assert localized is not None
    piece = {key: text.text for key, text in localized.texts.items()}
    victim = build_material("poster", language=language, check=False)
    public = build_material("poster-signs", language=language, check=False)
    victim_text = _squash("".join(pdfread.text(victim.pdf)))
    public_text = _squash("".join(pdfread.text(public.pdf)))
    for key in ("card.front_title", "card.questions[0]", "card.front_footer"):
        assert _squash(piece[key]) in victim_text, key
        assert _squash(piece[key]) not in public_text, key
    for key in ("poster.signs_title", "poster.signs[3]", "red_flags.intro"):
        assert _squash(piece[key]) in public_text, key
        assert _squash(piece[key]) not in victim_text, key
    for text in (victim_text, public_text):
        for number in ("1-888-373-7888", "233733", "911"):
            assert number in text
    for built in (victim, public):
        payloads = sorted(qr.data for _, qr in built.document.qr_items())
        assert payloads == ["https://humantraffickinghotline.org", "tel:+18883737888"]


def _squash(text: str) -> str:
    """Text without whitespace, soft hyphens or direction marks: PDF lines break anywhere."""
    return "".join(c for c in text if not c.isspace() and c not in "\u00ad\u200b\u200e\u200f")
