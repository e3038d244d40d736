"""The web app in a real browser (issue 17): Playwright driving Debian's Chromium.

The app runs with uvicorn on a free loopback port in a thread. Skipped, with the reason,
where /usr/bin/chromium or the playwright package is missing (`.ci/run` installs both).
"""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's /usr/bin/chromium is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
uvicorn = pytest.importorskip("uvicorn")

from outreach.web.app import create_app  # noqa: E402
from tests.pdfread import decode_qr_codes  # noqa: E402

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PROJECT: list[Path] = []  # the served project folder, for the command line to build in
LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50">'
    b'<rect width="200" height="50" rx="8" fill="#5b2a6e"/>'
    b'<circle cx="25" cy="25" r="15" fill="#ffffff"/></svg>\n'
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser-project")
    PROJECT.append(root)
    port = _free_port()
    config = uvicorn.Config(create_app(root), host="127.0.0.1", port=port, log_level="warning")
    app_server = uvicorn.Server(config)
    thread = threading.Thread(target=app_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not app_server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    app_server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def _pdf_pages_decode(pdf: bytes) -> set[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    found: set[str] = set()
    for pdf_page in document:
        found.update(decode_qr_codes(pdf_page.render(scale=150 / 72).to_pil()))
    document.close()
    return found


def test_make_a_spanish_poster_and_download_it(server: str, page: Any) -> None:
    page.goto(server + "/piece")
    page.select_option("#material", "poster")
    letter = page.query_selector("#size optgroup[data-material=poster] option[value=letter]")
    page.select_option("#size", element=letter)  # each material's sizes are their own group
    page.select_option("#language", "es")
    page.click("button:has-text('Show the pages')")
    page.wait_for_selector("ol.pages img")
    assert page.locator(".draft").count() == 1  # the Spanish draft is flagged
    assert page.evaluate("document.querySelector('ol.pages img').naturalWidth") > 100
    with page.expect_download() as info:
        page.click("text=Download the PDF")
    download = info.value
    assert download.suggested_filename == "poster-letter-es-office.pdf"
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    codes = _pdf_pages_decode(pdf)
    assert "tel:+18883737888" in codes
    assert any(code.startswith("https://") for code in codes)


def test_upload_a_site_list_with_a_bad_row(server: str, page: Any, tmp_path: Path) -> None:
    sites = tmp_path / "sites.csv"
    sites.write_text("id,name,quantity\noakland,Oakland clinic,20\nberkeley,Berkeley,lots\n")
    page.goto(server + "/sites")
    page.set_input_files("#sites", str(sites))
    page.click("button:has-text('Check the list')")
    problem = page.locator(".diagnostic").first
    assert "sites.bad-quantity" in problem.inner_text()
    assert ".csv:3" in problem.inner_text()  # the row, as the command line reports it


def test_run_a_small_kit_and_download_its_zip(server: str, page: Any) -> None:
    page.goto(server + "/runs")
    page.select_option("#kit", "cards-example")
    page.click('button:has-text("Show the kit\'s plan")')
    page.wait_for_selector("table tbody tr")
    page.click("button:has-text('Make the run')")
    page.wait_for_selector("text=Download the package (zip)", timeout=120_000)
    with page.expect_download() as info:
        page.click("text=Download the package (zip)")
    names = zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes())).namelist()
    assert "print-order.txt" in names
    assert "manifest.json" in names
    assert any(name.endswith(".pdf") for name in names)


def test_make_a_piece_with_the_keyboard_alone(server: str, page: Any) -> None:
    page.goto(server + "/piece")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip"
    page.focus("#material")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "size"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "language"
    page.keyboard.press("ArrowDown")  # the next language (ar? es): any works
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "BUTTON":
            break
    page.keyboard.press("Enter")
    page.wait_for_selector("ol.pages img")
    assert page.locator("text=Download the PDF").count() == 1


@pytest.mark.parametrize(
    "path", ["/", "/piece", "/runs", "/sites", "/translations", "/translations/fa", "/adapt"]
)
def test_pages_pass_axe(server: str, browser: Any, path: str) -> None:
    # axe is injected as an inline script, which the app's own CSP rightly refuses
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(server + path)
    if path == "/piece":
        page.click("button:has-text('Show the pages')")
        page.wait_for_selector("ol.pages img")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    context.close()
    assert not violations, violations


def test_adapt_with_a_logo_and_local_line_and_get_the_cli_file(
    server: str, page: Any, tmp_path: Path
) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_bytes(LOGO)
    page.goto(server + "/adapt")
    page.fill("#pack_id", "browser-clinic")
    page.fill("#name", "Browser Clinic")
    page.fill("#team", "Outreach team")
    page.fill("#local_name", "Browser Clinic")
    page.fill("#local_number", "(510) 272-6222")
    page.set_input_files("#logo", str(logo))
    page.fill("#logo_alt", "Browser Clinic logo")
    page.fill("#logo_licence", "our own logo")
    page.fill("input[name=color1_rgb]", "#5b2a6e")
    page.click("button:has-text('Save the pack')")
    page.wait_for_selector(".saved", timeout=120_000)
    page.goto(server + "/piece")
    page.select_option("#pack", "browser-clinic")
    page.click("button:has-text('Show the pages')")
    page.wait_for_selector("ol.pages img")
    shown = page.evaluate(
        "(() => { const img = document.querySelector('ol.pages img');"
        " return [img.naturalWidth, img.getBoundingClientRect().width]; })()"
    )
    assert shown[0] >= 2 * shown[1] - 2  # drawn at twice the CSS size: crisp on HiDPI
    assert shown[1] >= 480  # a letter page is large on a desktop
    with page.expect_download() as info:
        page.click("text=Download the PDF")
    pdf = Path(info.value.path()).read_bytes()
    from tests.pdfread import text

    assert "Browser Clinic, (510) 272-6222" in text(pdf)[0]
    out = tmp_path / "cli"
    command = [sys.executable, "-m", "outreach", "build", "kits/browser-clinic.toml"]
    command += ["--material", "poster", "--size", "letter", "--lang", "en", "--profile", "office"]
    finished = subprocess.run(
        [*command, "--out", str(out), "--jobs", "1", "--quiet"],
        cwd=PROJECT[0],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert (out / "poster-letter-en-office.pdf").read_bytes() == pdf


def test_the_form_with_a_saved_logo_passes_axe_and_keeps_it(
    server: str, browser: Any, tmp_path: Path
) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_bytes(LOGO)
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(server + "/adapt")
    page.fill("#pack_id", "kept-logo-clinic")
    page.fill("#name", "Kept Logo Clinic")
    page.fill("#team", "Outreach team")
    page.set_input_files("#logo", str(logo))
    page.fill("#logo_alt", "Kept Logo Clinic logo")
    page.fill("#logo_licence", "our own logo")
    page.click("button:has-text('Save the pack')")
    page.wait_for_selector("#kept-logo", timeout=120_000)
    # the page as shown after saving: save again, only the name changed, no file chosen
    page.fill("#name", "Kept Logo Health Clinic")
    page.click("button:has-text('Save the pack')")
    page.wait_for_selector(".saved", timeout=120_000)
    assert page.locator("#kept-logo").count() == 1
    assert page.locator("input[name=remove_logo]").is_checked() is False
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    context.close()
    assert not violations, violations
    written = (PROJECT[0] / "content/kept-logo-clinic/pack.yaml").read_text("utf-8")
    assert "Kept Logo Health Clinic" in written
    assert "file: images/logo.svg" in written
