"""A few small reviewed images: the poster and a card back, as a person would see them.

Goldens live in tests/golden/ (36 dpi, 16 grey levels, a few kB). `pytest --update-golden`
rewrites them; review the new PNGs like code before committing. On a mismatch the actual,
expected and difference images are written to tests/.results/<test>/.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from outreach import build_material
from tests import pdfread
from tests.conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"
RESULTS = Path(__file__).parent / ".results"
DPI = 36
TOLERANCE = 24  # grey levels a pixel may move (anti-aliasing across FreeType/pdfium builds)
MAX_CHANGED = 0.003  # share of pixels allowed beyond the tolerance


CASES = [
    ("poster-letter-en-office.png", "poster", "letter", 0),
    ("wallet-card-cr80-en-office-back.png", "wallet-card", "cr80", 1),
]


@pytest.mark.visual
@pytest.mark.parametrize(("name", "material", "size", "page"), CASES, ids=[c[0] for c in CASES])
def test_rendered_page_matches_reviewed_golden(
    name: str,
    material: str,
    size: str,
    page: int,
    update_golden: bool,
    request: pytest.FixtureRequest,
) -> None:
    built = build_material(material, size=size, project_dir=ROOT, check=False)
    # 16 grey levels: small files, and blind to the last bit of anti-aliasing
    actual = (
        pdfread.render(built.pdf, page=page, dpi=DPI).convert("L").point(lambda v: (v // 16) * 17)
    )
    target = GOLDEN / name
    if update_golden or not target.exists():
        buffer = io.BytesIO()
        actual.save(buffer, format="PNG", optimize=True)
        assert len(buffer.getvalue()) <= 20_000, "goldens stay small: lower the dpi"
        target.write_bytes(buffer.getvalue())
        if not update_golden:
            pytest.fail(f"wrote a new golden {target.name}: review it, then run again")
        return
    expected = Image.open(target).convert("L")
    assert expected.size == actual.size, "the page size changed"
    difference = ImageChops.difference(actual, expected)
    changed = sum(difference.point(lambda v: 255 if v > TOLERANCE else 0).histogram()[255:])
    share = changed / (actual.width * actual.height)
    if share > MAX_CHANGED:
        folder = RESULTS / request.node.name.replace("/", "_")
        folder.mkdir(parents=True, exist_ok=True)
        actual.save(folder / "actual.png")
        expected.save(folder / "expected.png")
        difference.point(lambda v: min(255, v * 4)).save(folder / "diff.png")
        pytest.fail(f"{share:.2%} of pixels differ from {name}; see {folder}")
