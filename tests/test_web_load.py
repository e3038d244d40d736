"""Load on the web app over loopback, the quick version (issue 17).

20 users preview at once (a new piece each, PDF and every page PNG) while a 1,000-card
office print run is made from the print-run form; every request is answered, the run
ends done, within a generous bound. `benchmarks/bench_web_load.py` runs the full load
(a 10,000-card run) and prints the latencies.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("uvicorn")

from benchmarks.web_load import run_load

BOUND = 240.0  # seconds: generous for two shared cores; measured figures are in the README


def test_twenty_users_preview_while_a_card_run_is_made(tmp_path: Path) -> None:
    result = run_load(tmp_path, users=20, each=1, cards=1_000, run_timeout=BOUND)
    assert not result.failures, result.failures[:5]
    assert len(result.previews) == 20
    assert max(result.previews) < BOUND
    assert result.run_state == "done"
    assert result.run_seconds is not None
    assert result.run_seconds < BOUND
    assert result.run_pages == 200  # 1,000 cards, 10-up, fronts and backs
    zips = list((tmp_path / "output" / "web").glob("*/bench-print-package.zip"))
    assert len(zips) == 1


def test_a_print_run_for_the_office_printer_is_planned_and_saved_as_a_kit(tmp_path: Path) -> None:
    import re

    from starlette.testclient import TestClient

    from outreach.web.app import create_app

    client = TestClient(create_app(tmp_path), raise_server_exceptions=False)
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/runs").text)
    assert csrf
    form = {"csrf": csrf[1], "materials": "poster", "sizes": "letter", "quantity": "50"}
    response = client.post(
        "/runs/plan", data={**form, "languages": ["en", "es"], "profile": "office"}
    )
    assert response.status_code == 200, response.text[-2000:]
    assert "poster-letter-en-office.pdf" in response.text
    assert "poster-letter-es-office.pdf" in response.text
    assert "-press.pdf" not in response.text
    assert '<input type="hidden" name="profile" value="office">' in response.text
    (kit,) = (tmp_path / "kits").glob("web-*.toml")
    assert 'profiles = ["office"]' in kit.read_text(encoding="utf-8")
    wrong = client.post("/runs/plan", data={**form, "languages": "en", "profile": "screen"})
    assert wrong.status_code == 400
    assert "the printer must be" in wrong.text
