"""Hierarchy (issue 16): the headline grows with the sheet and holds its size across languages."""

from __future__ import annotations

import pytest

from outreach import build_material
from outreach.core.document import RectItem, TextItem


def _headline(language: str, size: str) -> float:
    page = build_material("poster", language=language, size=size, check=False).document.pages[0]
    item = page.item("headline")
    assert isinstance(item, TextItem)
    return item.size


@pytest.mark.parametrize("language", ["en", "es", "km", "ru", "ar"])
def test_the_tabloid_headline_is_half_again_the_letter_one(language: str) -> None:
    """53 pt on main; a `display` role grows with the sheet's height: 68 pt on 11x17."""
    assert _headline(language, "letter") == 44.0
    assert _headline(language, "tabloid") == 68.0


def test_the_lists_for_everyone_are_set_apart_from_the_call() -> None:
    """The call comes first; the tinted band below holds the questions and who it happens to."""
    page = build_material("poster", language="en", check=False).document.pages[0]
    band = page.item("others-band")
    assert isinstance(band, RectItem)
    for slot in ("questions", "who"):
        item = page.item(slot)
        assert isinstance(item, TextItem)
        assert band.rect.contains(item.ink_rect())
    for slot in ("headline", "hotline", "qr-call"):
        assert not band.rect.contains(page.item(slot).rect)  # type: ignore[union-attr]
