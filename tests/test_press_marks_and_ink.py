"""Press details (issue 16, item 6): text in 100% K, crop marks in registration colour.

Read from the PDFs' content streams: the fills and strokes as written.
"""

from __future__ import annotations

import re

import pytest

from outreach import build_material
from outreach.core.document import LineItem
from tests import pdfread

FILL = re.compile(r"([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) k\b")
STROKE = re.compile(r"([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) K\b")


@pytest.mark.parametrize(
    ("material", "size"), [("poster", "letter"), ("brochure", "letter"), ("wallet-card", "cr80")]
)
def test_crop_marks_are_in_registration_and_grey_text_is_solid_black(
    material: str, size: str
) -> None:
    built = build_material(material, size=size, profile="press")
    marks = [
        item
        for page in built.document.pages
        for item in page.items
        if isinstance(item, LineItem) and item.slot == "crop-mark"
    ]
    assert len(marks) == 8 * len(built.document.pages)
    assert {mark.paint.values for mark in marks} == {(1.0, 1.0, 1.0, 1.0)}
    streams = " ".join(pdfread.content_streams(built.pdf))
    strokes = {tuple(float(v) for v in m) for m in STROKE.findall(streams)}
    assert (1.0, 1.0, 1.0, 1.0) in strokes  # every plate shows where to cut
    # No tint of black anywhere: text and rules are 100% K or a declared colour, never
    # the screened 85% K the muted role used to print in.
    fills = {tuple(float(v) for v in m) for m in FILL.findall(streams)}
    greys = {f for f in fills | strokes if f[:3] == (0.0, 0.0, 0.0) and 0 < f[3] < 1}
    assert not greys


def test_office_files_have_no_registration_colour() -> None:
    built = build_material("poster", size="letter", profile="office")
    streams = " ".join(pdfread.content_streams(built.pdf))
    assert "1 1 1 1 K" not in streams
    assert pdfread.uses_rgb(built.pdf)
