"""Screenshots of each page of the web app at desktop and phone widths, into docs/web/.

Run: `python tools/web_screenshots.py` (needs Debian's /usr/bin/chromium and playwright).
The app runs on a free loopback port against an empty project folder (bundled content).
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from outreach.web.app import create_app  # noqa: E402

OUT = ROOT / "docs" / "web"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
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
MAX_HEIGHT = 2600  # pixels of a full-page shot: long tables are cut


def _piece_pages(page: Page, base: str, field: str, value: str) -> None:
    """The piece form with one choice made, and its page previews shown."""
    page.goto(base + "/piece")
    page.select_option(field, value)
    page.click("button[type=submit] >> text=Show the pages")
    page.wait_for_selector("ol.pages img")


def _piece(page: Page, base: str) -> None:
    _piece_pages(page, base, "#language", "fa")


def _runs(page: Page, base: str) -> None:
    page.goto(base + "/runs")
    page.select_option("#kit", "cards-example")
    page.click("text=Show the kit's plan")
    page.wait_for_selector("table")


def _sites(page: Page, base: str) -> None:
    folder = Path(tempfile.mkdtemp())
    sites = folder / "sites.csv"
    sites.write_text("id,name,quantity\noakland,Oakland clinic,20\nberkeley,Berkeley,lots\n")
    page.goto(base + "/sites")
    page.set_input_files("#sites", str(sites))
    page.click("text=Check the list")
    page.wait_for_selector(".diagnostic")


LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 60">'
    '<rect width="240" height="60" rx="10" fill="#5b2a6e"/>'
    '<circle cx="30" cy="30" r="18" fill="#ffffff"/>'
    '<rect x="60" y="22" width="160" height="16" rx="8" fill="#ffffff"/></svg>\n'
)


def _adapt(page: Page, base: str) -> None:
    logo = Path(tempfile.mkdtemp()) / "logo.svg"
    logo.write_text(LOGO, encoding="utf-8")
    page.goto(base + "/adapt")
    page.fill("#pack_id", "oakland-clinic")
    page.fill("#name", "Oakland Clinic")
    page.fill("#team", "Outreach team")
    page.fill("#local_name", "Oakland Clinic")
    page.fill("#local_number", "(510) 272-6222")
    page.set_input_files("#logo", str(logo))
    page.fill("#logo_alt", "Oakland Clinic logo")
    page.fill("#logo_licence", "our own logo")
    page.fill("input[name=color1_rgb]", "#5b2a6e")
    page.click("text=Save the pack")
    page.wait_for_selector(".saved", timeout=120_000)


def _adapted_piece(page: Page, base: str) -> None:
    _piece_pages(page, base, "#pack", "oakland-clinic")


def _spanish(page: Page, base: str) -> None:
    page.goto(base + "/")
    page.select_option("#ui-select", "es")
    page.click(".ui-language button")
    page.wait_for_selector("html[lang=es]")


PAGES = {
    "home": lambda page, base: page.goto(base + "/"),
    "piece-fa": _piece,
    "runs-plan": _runs,
    "sites-bad-row": _sites,
    "translations": lambda page, base: page.goto(base + "/translations"),
    "translation-fa": lambda page, base: page.goto(base + "/translations/fa"),
    "adapt-saved": _adapt,
    "piece-adapted": _adapted_piece,
    "home-es": _spanish,
}


def main() -> int:
    root = Path(tempfile.mkdtemp())
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(root), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        for width_name, (width, height) in WIDTHS.items():
            for name, visit in PAGES.items():
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                visit(page, base)
                full = page.evaluate("document.documentElement.scrollHeight")
                clip = {"x": 0, "y": 0, "width": width, "height": min(full, MAX_HEIGHT)}
                target = OUT / f"{name}-{width_name}.png"
                page.screenshot(path=str(target), full_page=True, clip=clip)
                print(target.relative_to(ROOT))
                context.close()
        browser.close()
    server.should_exit = True
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
