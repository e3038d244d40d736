"""One role, one size across a set (issue 16): `check.size-mismatch` names what differs."""

from __future__ import annotations

from outreach.checks.type_sizes import check_type_sizes, role_sizes
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import Document, Metadata, Page, Rect, TextItem
from outreach.core.text_lines import Paint, TextLine, TextRun


def _document(language: str, size: float) -> Document:
    run = TextRun("Call", "NotoSans-Bold", size, 0.0, 30.0, Paint("rgb", (0.0, 0.0, 0.0)))
    line = TextLine(0.0, 20.0, 30.0, (run,))
    item = TextItem("call-label", Rect(0, 0, 100, 30), (line,), size, 15.0, language, Location("x"))
    page = Page("poster", 612, 792, 0, 0, (item,))
    meta = Metadata("t", "a", "s", language)
    return Document("poster", "letter", language, "office", "rgb", (page,), meta)


def test_a_role_more_than_a_point_smaller_than_english_is_a_warning() -> None:
    diags = Diagnostics()
    check_type_sizes([_document("en", 15.0), _document("es", 14.5), _document("ru", 12.5)], diags)
    assert [d.code for d in diags.items] == ["check.size-mismatch"]
    (found,) = diags.items
    assert found.severity.name == "WARNING"
    assert "`call-label`" in found.message
    assert "12.5 pt in `ru` but 15 pt in en" in found.message


def test_without_english_the_largest_size_is_the_reference() -> None:
    diags = Diagnostics()
    check_type_sizes([_document("es", 15.0), _document("ru", 13.0)], diags)
    assert ["13 pt in `ru` but 15 pt in the largest" in d.message for d in diags.items] == [True]


def test_role_sizes_keys_by_slot_and_asked_size() -> None:
    assert role_sizes(_document("en", 14.0)) == {(0, "call-label", 15.0): 14.0}
