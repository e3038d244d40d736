"""The print order a coordinator sends: a summary first, a CSV beside it (issue 20)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from outreach import build
from outreach.jobs.names import csv_cell
from outreach.jobs.print_order import (
    render_print_order,
    render_print_order_csv,
    summary_items,
)
from tests.conftest import ROOT


def entry(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "file": "poster-letter-en-office.pdf",
        "material": "poster",
        "size": "letter",
        "trim_mm": [215.9, 279.4],
        "bleed_mm": 0.0,
        "pages": 1,
        "color_space": "rgb",
        "quantity": None,
        "finishing": [],
        "languages": ["en"],
        "sha256": "0" * 64,
        "profile": "office",
    }
    return base | fields


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


@pytest.fixture(scope="module")
def cards_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cards-example")
    build(ROOT / "kits" / "cards-example.toml", out_dir=out, workers=2)
    return out


def test_issue_20_a_per_site_run_says_cards_and_sheets(cards_example: Path) -> None:
    order = (cards_example / "print-order.txt").read_text(encoding="utf-8")
    summary = order.split("DETAIL")[0]
    press = next(line for line in summary.splitlines() if "sites-example.pdf" in line)
    assert "per-site run (4 sites from kits/sites-example.yaml)" in press
    assert "quantity: 600 cards on 75 sheets" in press
    assert "cut-and-stack" in press
    assert "Quantity:   600 cards on 75 sheets" in order
    assert "Quantity:   600 cards on 60 sheets" in order  # the office run, 10-up
    assert "as ordered" not in order
    assert "(150 pages)" not in order
    assert "Site:       Fremont library: 120 cards, from card 251" in order
    rows = csv_rows((cards_example / "print-order.csv").read_bytes())
    assert [r["files"] for r in rows] == [
        "wallet-card-alignment-letter-press.pdf",
        "wallet-card-sheet-letter-en-press-sites-example.pdf",
        "wallet-card-discreet-alignment-letter-office.pdf",
        "wallet-card-discreet-sheet-letter-en-office-sites-example.pdf",
    ]
    assert (rows[1]["pieces"], rows[1]["sheets"]) == ("600", "75")
    assert (rows[3]["pieces"], rows[3]["sheets"]) == ("600", "60")
    assert rows[3]["finishing"] == "cut along the crop marks; sheets are in card order"
    assert rows[0]["pieces"] == ""  # no quantity in the kit: not invented


def test_a_kit_quantity_counts_pieces_and_sheets() -> None:
    files = [
        entry(
            file=f"brochure-letter-{lang}-press.pdf",
            material="brochure",
            pages=2,
            profile="press",
            color_space="cmyk",
            bleed_mm=3.17,
            quantity=250,
            finishing=["print both sides (long-edge flip)", "trim to the crop marks (TrimBox)"],
            languages=[lang],
        )
        for lang in ("en", "es")
    ]
    (item,) = summary_items(files)
    assert (item.pieces, item.sheets) == (500, 500)
    assert item.quantity == "500 brochures on 500 sheets (250 per file x 2 files)"
    assert item.sides == "2-sided, long-edge flip"
    assert item.finishing == "trim to the crop marks (TrimBox)"


def test_a_press_package_is_not_told_about_office_files() -> None:
    press = entry(file="poster-letter-en-press.pdf", profile="press", color_space="cmyk")
    text = render_print_order("shop", [press]).decode("utf-8")
    assert "Office files" not in text
    assert "Press files" in text
    office = render_print_order("shop", [entry()]).decode("utf-8")
    assert "Press files" not in office
    assert "listed last" not in office


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1-888-373-7888", "'+1-888-373-7888"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("  =1+1", "'  =1+1"),
        ("poster\n=1", "poster\\u{000A}=1"),
        ("poster-letter-en-press.pdf", "poster-letter-en-press.pdf"),
    ],
)
def test_issue_20_csv_cells_never_start_a_formula(text: str, cell: str) -> None:
    assert csv_cell(text) == cell


def test_issue_20_a_hostile_file_name_is_text_in_the_csv() -> None:
    hostile = entry(file="=cmd|' /C calc'!A0.pdf", languages=["@en"])
    data = render_print_order_csv([hostile])
    (row,) = csv_rows(data)
    assert row["files"] == "'=cmd|' /C calc'!A0.pdf"
    assert row["languages"] == "'@en"
    for line in data.decode("utf-8").splitlines()[1:]:
        for field in next(csv.reader([line])):
            assert field[:1] not in "=+-@" or field == ""
        assert line.startswith("1,")  # numbers bare, every text cell quoted
        assert ',"' in line
