"""Imposed wallet-card sheets and per-site print runs (issue 3), checked on the PDFs.

Expected positions are computed here from first principles (card and sheet sizes, the
grid, centring) and compared with what the PDF says: where each card's form is placed,
where the crop marks are, what each card's QR code decodes to at 150 dpi, what text
each card carries, and in which order the cards come out after cut-and-stack.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader

from outreach.jobs.run import build
from tests import pdfread
from tests.conftest import FIXTURES, ROOT, job_kit, write_kit

MM = 72 / 25.4
TOLERANCE = 0.1 * MM
SHEETS = {"letter": (8.5 * 72, 11 * 72), "a4": (210 * MM, 297 * MM)}
CARDS = {"cr80": (85.6 * MM, 53.98 * MM), "business": (3.5 * 72, 2 * 72)}
BLEED = 0.125 * 72  # the press profile's bleed
# imposition -> (columns, rows, gutter across, gutter down, has bleed)
GRIDS = {"10-up": (2, 5, 0.0, 0.0, False), "8-up": (2, 4, 0.5 * 72, 0.5 * 72, True)}
HOTLINE_SITE = "https://humantraffickinghotline.org"
RUN = ["alpha"] * 7 + ["beta"] * 5 + ["gamma"] * 8  # tests/fixtures/sites-three.csv


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF points, bottom-left origin."""

    left: float
    bottom: float
    right: float
    top: float


def expected_cards(sheet: str, card: str, imposition: str) -> list[Box]:
    """Trim boxes of the front positions, row by row from the top, centred on the sheet."""
    width, height = SHEETS[sheet]
    w, h = CARDS[card]
    columns, rows, gx, gy, _ = GRIDS[imposition]
    left = (width - (columns * w + (columns - 1) * gx)) / 2
    top = (height - (rows * h + (rows - 1) * gy)) / 2
    boxes = []
    for row in range(rows):
        for column in range(columns):
            x = left + column * (w + gx)
            y_top = height - (top + row * (h + gy))
            boxes.append(Box(x, y_top - h, x + w, y_top))
    return boxes


def mirrored(box: Box, sheet: str, duplex: str) -> Box:
    """Where the back of a card lands on the back page after the flip."""
    width, height = SHEETS[sheet]
    if duplex == "long-edge":
        return Box(width - box.right, box.bottom, width - box.left, box.top)
    return Box(box.left, height - box.top, box.right, height - box.bottom)


# a sheet's card forms are drawn as artifacts (tagged sheets, issue 19)
PLACEMENT = re.compile(
    r"1 0 0 1 (-?[\d.]+) (-?[\d.]+) cm\s*(?:/Artifact BMC\s*)?/FormXob\.([\w-]+) Do"
)
LINE = re.compile(r"n (-?[\d.]+) (-?[\d.]+) m (-?[\d.]+) (-?[\d.]+) l S")


def placements(pdf: bytes, page: int) -> list[tuple[str, float, float]]:
    """Forms drawn on a page, in drawing order: (form name, x, y of its origin)."""
    stream = pdfread.content_streams(pdf)[page]
    return [(m.group(3), float(m.group(1)), float(m.group(2))) for m in PLACEMENT.finditer(stream)]


def card_boxes(pdf: bytes, page: int, card: str) -> list[Box]:
    """Trim boxes of the cards on a page: a card form's origin is its trim's top-left."""
    w, h = CARDS[card]
    return [
        Box(x, y - h, x + w, y) for name, x, y in placements(pdf, page) if name.startswith("card-")
    ]


def crop_marks(pdf: bytes, page: int) -> list[tuple[float, float, float, float]]:
    """Line segments of the page's marks form (marks are the same on every sheet side)."""
    reader = PdfReader(io.BytesIO(pdf))
    xobjects = reader.pages[page]["/Resources"]["/XObject"]
    found = [(n, x, y) for n, x, y in placements(pdf, page) if n.startswith("marks-")]
    assert len(found) == 1
    name, dx, dy = found[0]
    data = xobjects[f"/FormXob.{name}"].get_object().get_data().decode("latin-1")
    return [
        (float(a) + dx, float(b) + dy, float(c) + dx, float(d) + dy)
        for a, b, c, d in (m.groups() for m in LINE.finditer(data))
    ]


def near(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE


def assert_same_boxes(found: list[Box], expected: list[Box]) -> None:
    assert len(found) == len(expected)
    for got, want in zip(found, expected, strict=True):
        assert near(got.left, want.left), (got, want)
        assert near(got.bottom, want.bottom), (got, want)
        assert near(got.right, want.right), (got, want)
        assert near(got.top, want.top), (got, want)


def check_marks(
    marks: list[tuple[float, float, float, float]],
    cards: list[Box],
    bleed: float,
    sheet: tuple[float, float] | None = None,
) -> None:
    """Every mark lies on a cut line, outside every card's bleed; every cut line is marked.

    On an office `sheet` (width, height), a cut line closer than 6 mm to the paper's
    edge is not marked: a desktop printer cannot print there (issue 20).
    """
    assert marks
    edges_x = {round(v, 1) for c in cards for v in (c.left, c.right)}
    edges_y = {round(v, 1) for c in cards for v in (c.bottom, c.top)}
    for x1, y1, x2, y2 in marks:
        if near(y1, y2):
            assert any(near(y1, e) for e in edges_y), (x1, y1, x2, y2)
        else:
            assert near(x1, x2)
            assert any(near(x1, e) for e in edges_x), (x1, y1, x2, y2)
        for card in cards:  # no mark touches a card or its bleed
            lo_x, hi_x = sorted((x1, x2))
            lo_y, hi_y = sorted((y1, y2))
            inside = (
                hi_x > card.left - bleed + 0.01
                and lo_x < card.right + bleed - 0.01
                and hi_y > card.bottom - bleed + 0.01
                and lo_y < card.top + bleed - 0.01
            )
            assert not inside, ((x1, y1, x2, y2), card)
    edge = 6 * MM
    for card in cards:
        for x in (card.left, card.right):
            if sheet and not edge <= x <= sheet[0] - edge:
                assert not any(near(m[0], x) and near(m[2], x) for m in marks), card
                continue
            assert any(near(m[0], x) and near(m[2], x) for m in marks), card
        for y in (card.bottom, card.top):
            if sheet and not edge <= y <= sheet[1] - edge:
                assert not any(near(m[1], y) and near(m[3], y) for m in marks), card
                continue
            assert any(near(m[1], y) and near(m[3], y) for m in marks), card


def build_kit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **job: object) -> Path:
    """Build a one-job kit: CR80 wallet cards on letter sheets, unless `job` says otherwise."""
    monkeypatch.chdir(ROOT)
    job = {"material": "wallet-card", "sizes": ["cr80"], "sheets": ["letter"], **job}
    out = tmp_path / "out"
    build(write_kit(tmp_path, job_kit(**job), "test.toml"), out_dir=out)
    return out


def decode_cards(pdf: bytes, page: int, boxes: list[Box], dpi: float = 150) -> list[list[str]]:
    """The QR codes found inside each card's trim box, rasterised at `dpi`."""
    image = pdfread.render(pdf, page, dpi=dpi)
    scale = dpi / 72
    height = image.height
    found = []
    for box in boxes:
        crop = image.crop(
            (
                int(box.left * scale),
                int(height - box.top * scale),
                int(box.right * scale),
                int(height - box.bottom * scale),
            )
        )
        found.append(sorted(r.text for r in zxingcpp.read_barcodes(crop)))
    return found


def card_text(pdf: bytes, page: int, box: Box) -> str:
    document = pdfium.PdfDocument(pdf)
    text = document[page].get_textpage().get_text_bounded(box.left, box.bottom, box.right, box.top)
    return " ".join(text.split())


# --- geometry ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sheet", "profile", "imposition"),
    [
        ("letter", "office", "10-up"),
        ("a4", "office", "10-up"),
        ("letter", "press", "8-up"),
        ("a4", "press", "8-up"),
    ],
)
def test_sheet_boxes_card_positions_and_crop_marks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sheet: str, profile: str, imposition: str
) -> None:
    out = build_kit(tmp_path, monkeypatch, sheets=[sheet], profiles=[profile])
    pdf = (out / f"wallet-card-sheet-{sheet}-en-{profile}.pdf").read_bytes()
    width, height = SHEETS[sheet]
    for page_boxes in pdfread.boxes(pdf):
        for name in ("MediaBox", "TrimBox", "BleedBox"):
            assert page_boxes[name] == pytest.approx((0, 0, width, height), abs=0.01)
    assert len(pdfread.boxes(pdf)) == 2  # one sheet: front, then back
    front = expected_cards(sheet, "cr80", imposition)
    bleed = BLEED if GRIDS[imposition][4] else 0.0
    assert_same_boxes(card_boxes(pdf, 0, "cr80"), front)
    assert_same_boxes(card_boxes(pdf, 1, "cr80"), [mirrored(b, sheet, "long-edge") for b in front])
    office = (width, height) if profile == "office" else None
    check_marks(crop_marks(pdf, 0), front, bleed, office)
    check_marks(crop_marks(pdf, 1), [mirrored(b, sheet, "long-edge") for b in front], bleed, office)
    # the card forms are clipped at the bleed: their bounding box is trim plus bleed
    reader = PdfReader(io.BytesIO(pdf))
    form = reader.pages[0]["/Resources"]["/XObject"]["/FormXob.card-front"].get_object()
    w, h = CARDS["cr80"]
    assert [float(v) for v in form["/BBox"]] == pytest.approx(
        [-bleed, -h - bleed, w + bleed, bleed], abs=0.01
    )


def test_business_cards_and_short_edge_duplex(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = build_kit(
        tmp_path, monkeypatch, sizes=["business"], profiles=["press"], duplex="short-edge"
    )
    pdf = (out / "wallet-card-business-sheet-letter-en-press.pdf").read_bytes()
    front = expected_cards("letter", "business", "8-up")
    assert_same_boxes(card_boxes(pdf, 0, "business"), front)
    back = [mirrored(b, "letter", "short-edge") for b in front]
    assert_same_boxes(card_boxes(pdf, 1, "business"), back)
    check_marks(crop_marks(pdf, 1), back, BLEED)


def test_slug_line_is_outside_every_card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = build_kit(tmp_path, monkeypatch, profiles=["press"])
    pdf = (out / "wallet-card-sheet-letter-en-press.pdf").read_bytes()
    document = pdfium.PdfDocument(pdf)
    for page, side in ((0, "front"), (1, "back")):
        textpage = document[page].get_textpage()
        text = textpage.get_text_range()
        slug = f"wallet-card-sheet-letter-en-press | {side} | sheet 1 of 1"
        assert slug in text
        start = text.index(slug)
        left, bottom, right, top = textpage.get_charbox(start)
        for card in card_boxes(pdf, page, "cr80"):
            assert (
                top < card.bottom - BLEED
                or bottom > card.top + BLEED
                or right < card.left - BLEED
                or left > card.right + BLEED
            )


# --- print runs ---------------------------------------------------------------------------------


def site_payload(site: str) -> str:
    return f"{HOTLINE_SITE}/?src=spring-{site}"


@pytest.mark.parametrize(
    ("order", "profile", "imposition"),
    [
        ("cut-and-stack", "office", "10-up"),
        ("plain", "office", "10-up"),
        ("cut-and-stack", "press", "8-up"),
    ],
)
def test_three_site_run_order_codes_and_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, order: str, profile: str, imposition: str
) -> None:
    out = build_kit(
        tmp_path,
        monkeypatch,
        profiles=[profile],
        order=order,
        sites=str(FIXTURES / "sites-three.csv"),
        qr="link:hotline_site",
        tracking="src",
    )
    pdf = (out / f"wallet-card-sheet-letter-en-{profile}-sites-three.pdf").read_bytes()
    per_sheet = GRIDS[imposition][0] * GRIDS[imposition][1]
    sheets = -(-len(RUN) // per_sheet)
    assert len(pdfread.boxes(pdf)) == 2 * sheets
    front_all = expected_cards("letter", "cr80", imposition)
    # which site's card sits at each (sheet, position), read from the back pages' QR codes
    seen: dict[tuple[int, int], str] = {}
    for sheet in range(sheets):
        fronts = card_boxes(pdf, 2 * sheet, "cr80")
        backs = card_boxes(pdf, 2 * sheet + 1, "cr80")
        assert len(fronts) == len(backs)
        # the card drawn n-th on the front is drawn n-th on the back, at the mirrored place
        positions = []
        for front, back in zip(fronts, backs, strict=True):
            position = next(
                i
                for i, b in enumerate(front_all)
                if near(b.left, front.left) and near(b.top, front.top)
            )
            positions.append(position)
            want = mirrored(front_all[position], "letter", "long-edge")
            assert near(back.left, want.left)
            assert near(back.top, want.top)
        codes = decode_cards(pdf, 2 * sheet + 1, backs)  # every code on every sheet, 150 dpi
        for position, back, found in zip(positions, backs, codes, strict=True):
            assert len(found) == 1, found
            site = found[0].removeprefix(f"{HOTLINE_SITE}/?src=spring-")
            assert found == [site_payload(site)]
            seen[(sheet, position)] = site
            text = card_text(pdf, 2 * sheet + 1, back)
            assert "1-888-373-7888" in text
            assert "233733" in text
            assert "911" in text
            local = {"alpha": "(510) 555-0123", "gamma": "(510) 555-0188"}.get(site)
            if local:
                assert f"Local help {site.capitalize()}" in text
                assert local in text
            else:
                assert "Local help" not in text
        for front in fronts:
            assert "Are you free to leave your job?" in card_text(pdf, 2 * sheet, front)
    assert len(seen) == len(RUN)
    if order == "cut-and-stack":
        # cut the stack, then take each position's pile in order, sheets top to bottom
        piles = [seen[(s, p)] for p in range(per_sheet) for s in range(sheets) if (s, p) in seen]
    else:
        piles = [seen[(s, p)] for s in range(sheets) for p in range(per_sheet) if (s, p) in seen]
    assert piles == RUN
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["files"][0]
    assert entry["cards"] == len(RUN)
    assert entry["sheets"] == sheets
    assert [(s["id"], s["cards"], s["qr_payloads"]) for s in entry["sites"]] == [
        (site, RUN.count(site), [site_payload(site)]) for site in ("alpha", "beta", "gamma")
    ]


def test_tel_codes_never_carry_tracking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = build_kit(
        tmp_path,
        monkeypatch,
        profiles=["office"],
        sites=str(FIXTURES / "sites-three.yaml"),
        tracking="src",
    )
    pdf = (out / "wallet-card-sheet-letter-en-office-sites-three.pdf").read_bytes()
    codes = decode_cards(pdf, 1, card_boxes(pdf, 1, "cr80"))
    assert codes == [["tel:+18883737888"]] * 10
    entry = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"][0]
    assert entry["qr_payloads"] == ["tel:+18883737888"]
    assert all(s["qr_payloads"] == ["tel:+18883737888"] for s in entry["sites"])


def test_link_codes_carry_no_tracking_unless_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = build_kit(
        tmp_path,
        monkeypatch,
        profiles=["office"],
        qr="link:hotline_site",
        sites=str(FIXTURES / "sites-three.csv"),
    )
    pdf = (out / "wallet-card-sheet-letter-en-office-sites-three.pdf").read_bytes()
    codes = decode_cards(pdf, 1, card_boxes(pdf, 1, "cr80"))
    assert codes == [[HOTLINE_SITE]] * 10
    # the address a code opens is printed beside it, on every card
    assert pdfread.text(pdf)[1].count("humantraffickinghotline.org") == 10


# --- duplex alignment test sheet ----------------------------------------------------------------


@pytest.mark.parametrize("duplex", ["long-edge", "short-edge"])
def test_alignment_sheet_labels_mirror(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, duplex: str
) -> None:
    out = build_kit(tmp_path, monkeypatch, sheets=["a4"], profiles=["press"], duplex=duplex)
    pdf = (out / "wallet-card-alignment-a4-press.pdf").read_bytes()
    assert len(pdfread.boxes(pdf)) == 2
    front = expected_cards("a4", "cr80", "8-up")
    for position, box in enumerate(front):
        row, column = divmod(position, 2)
        label = f"row {row + 1}, column {column + 1}"
        assert f"front of {label}" in card_text(pdf, 0, box)
        assert f"back of {label}" in card_text(pdf, 1, mirrored(box, "a4", duplex))
    check_marks(crop_marks_alignment(pdf, 0), front, BLEED)


def crop_marks_alignment(pdf: bytes, page: int) -> list[tuple[float, float, float, float]]:
    """The alignment sheet draws its marks on the page itself, with 0.25 pt lines."""
    stream = pdfread.content_streams(pdf)[page]
    marks = []
    for match in re.finditer(
        r"\.25 w\s*n (-?[\d.]+) (-?[\d.]+) m (-?[\d.]+) (-?[\d.]+) l S", stream
    ):
        x1, y1, x2, y2 = (float(v) for v in match.groups())
        marks.append((x1, y1, x2, y2))
    # crop marks are at most 5 mm long; card outlines and crosses are longer
    return [m for m in marks if max(abs(m[0] - m[2]), abs(m[1] - m[3])) <= 5.01 * MM]
