"""The call to action on a grid (issue 16): one row of codes, captions in every language."""

from __future__ import annotations

import pytest

from outreach import build_material
from outreach.core.document import QrItem, RectItem, TextItem


@pytest.mark.parametrize(
    ("material", "size", "languages"),
    [
        ("poster", "letter", "en"),
        ("poster", "tabloid", "fa"),
        ("poster-bilingual", "letter", "en+es"),
        ("poster-bilingual", "letter", "en+km"),
        ("poster-trilingual", "tabloid", "en+es+zh-Hant"),
    ],
)
def test_codes_are_one_size_on_one_baseline(material: str, size: str, languages: str) -> None:
    page = build_material(material, language=languages, size=size, check=False).document.pages[0]
    codes = page.qr_items()
    assert len(codes) == 2
    assert len({round(code.rect.w, 2) for code in codes}) == 1
    assert len({round(code.rect.bottom, 2) for code in codes}) == 1


@pytest.mark.parametrize(
    ("material", "size", "languages", "labels"),
    [
        ("poster-bilingual", "letter", "en+es", ("Scan to call", "Escanee")),
        ("poster-trilingual", "tabloid", "en+es+zh-Hant", ("Scan to call", "Escanee", "掃描")),
    ],
)
def test_every_caption_speaks_every_language_of_the_piece(
    material: str, size: str, languages: str, labels: tuple[str, ...]
) -> None:
    """No caption mixes languages with its neighbour's; the trilingual one has Chinese."""
    page = build_material(material, language=languages, size=size, check=False).document.pages[0]
    call = page.item("qr-call-caption")
    site = page.item("qr-site-caption")
    assert isinstance(call, TextItem)
    assert isinstance(site, TextItem)
    for label in labels:
        assert label in call.text, call.text
    assert len(site.lines) >= len(labels) + 1  # a label per language, then the address
    assert site.text.endswith("humantraffickinghotline.org")


def test_the_letter_posters_right_column_has_one_left_edge() -> None:
    page = build_material("poster", language="en", check=False).document.pages[0]
    who, heart, box = page.item("who"), page.item("heart"), page.item("emergency-box")
    assert isinstance(who, TextItem)
    assert isinstance(heart, TextItem)
    assert isinstance(box, RectItem)
    edges = {round(who.rect.x, 1), round(heart.rect.x, 1), round(box.rect.x, 1)}
    assert len(edges) == 1, edges
    assert not isinstance(page.item("qr-call"), TextItem | RectItem)
    assert all(isinstance(i, QrItem) for i in page.qr_items())
