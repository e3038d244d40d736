"""Load on the web app over loopback: users previewing while one person makes a card print run.

Used by bench_web_load.py (20 users, a 10,000-card run) and by tests/test_web_load.py (a
quick version), so both drive the same thing. The app runs under uvicorn on a free
127.0.0.1 port in a thread of this process, as `outreach serve` runs it; each user is a
thread with its own session cookie that fetches the piece form (its CSRF token), asks for
pieces and fetches every page PNG, as a browser does. One more user starts a print run of
a kit of N wallet cards (10 sites, office profile) from the print-run form and polls its
status until it ends. Every request has a timeout: a user who gets no answer is recorded.
"""

from __future__ import annotations

import http.cookiejar
import re
import socket
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn

from benchmarks.card_run import write_card_run
from outreach.web.app import create_app

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
PNG = re.compile(r'src="(/piece/[^"]+\.png)"')
LANGUAGES = ("en", "es", "zh-Hant", "vi", "tl", "ko", "fa", "ar", "ru", "km")
SIZES = ("letter", "a4", "tabloid", "legal")
TIMEOUT = 600.0  # seconds any one request may take before the user gives up


@dataclass(slots=True)
class LoadResult:
    """What every user got: preview latencies, failures, and the print run's outcome."""

    previews: list[float] = field(default_factory=list)  # seconds: form post + every page PNG
    failures: list[str] = field(default_factory=list)
    run_seconds: float | None = None
    run_state: str = ""
    run_pages: int = 0

    @property
    def median(self) -> float:
        """Median preview latency."""
        return statistics.median(self.previews) if self.previews else float("nan")

    @property
    def p95(self) -> float:
        """95th-percentile preview latency."""
        if len(self.previews) < 2:
            return max(self.previews, default=float("nan"))
        return statistics.quantiles(self.previews, n=20, method="inclusive")[18]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def served(root: Path) -> Iterator[str]:
    """The app for a project folder, on a free loopback port, for the length of the block."""
    port = _free_port()
    config = uvicorn.Config(
        create_app(root), host="127.0.0.1", port=port, log_level="warning", timeout_keep_alive=30
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True, name="web-load-server")
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


class User:
    """One browser: its own cookies (session, CSRF token)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.csrf = ""

    def get(self, path: str) -> tuple[int, bytes]:
        """GET a path; (status, body)."""
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: dict[str, str]) -> tuple[int, bytes, str]:
        """POST a form with the session's CSRF token; (status, body, final URL)."""
        data = urllib.parse.urlencode({"csrf": self.csrf, **fields}).encode()
        request = urllib.request.Request(self.base + path, data=data, method="POST")
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                return response.status, response.read(), response.geturl()
        except urllib.error.HTTPError as error:
            return error.code, error.read(), path

    def start(self, path: str) -> None:
        """Open a page and keep its CSRF token."""
        status, body = self.get(path)
        found = CSRF.search(body.decode("utf-8", "replace"))
        if status != 200 or not found:
            raise RuntimeError(f"{path} answered {status} without a form")
        self.csrf = found[1]

    def _open(self, request: urllib.request.Request) -> tuple[int, bytes]:
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()


def choices(users: int, each: int) -> list[list[dict[str, str]]]:
    """Each user's pieces: posters of several sizes and languages, none asked twice."""
    combos = [
        {"material": "poster", "size": size, "language": language, "profile": "office"}
        for size in SIZES
        for language in LANGUAGES
    ]
    return [[combos[(u + users * k) % len(combos)] for k in range(each)] for u in range(users)]


def _previewer(base: str, pieces: list[dict[str, str]], result: LoadResult) -> None:
    user = User(base)
    try:
        user.start("/piece")
    except (OSError, RuntimeError) as error:
        result.failures.append(f"piece form: {error}")
        return
    for piece in pieces:
        began = time.perf_counter()
        try:
            status, body, _ = user.post("/piece", {**piece, "pack": "alameda-heart"})
            pngs = PNG.findall(body.decode("utf-8", "replace"))
            if status != 200 or not pngs:
                result.failures.append(f"{piece}: {status}")
                continue
            for png in pngs:
                png_status, data = user.get(png.replace("&amp;", "&"))
                if png_status != 200 or not data.startswith(b"\x89PNG"):
                    result.failures.append(f"{png}: {png_status}")
        except OSError as error:
            result.failures.append(f"{piece}: {error}")
            continue
        result.previews.append(time.perf_counter() - began)


def _print_run(base: str, result: LoadResult, deadline: float) -> None:
    user = User(base)
    began = time.perf_counter()
    try:
        user.start("/runs")
        status, body, url = user.post("/runs/start", {"kit_name": "bench", "profile": "office"})
        found = re.search(r"/runs/([0-9a-f]{16})", url)
        if status != 200 or not found:
            result.failures.append(f"print run refused: {status} {body[:300]!r}")
            return
        while time.perf_counter() < deadline:
            status, body = user.get(f"/runs/{found[1]}/status")
            state = re.search(rb'"state":\s*"(\w+)"', body)
            result.run_state = state[1].decode() if state else f"status {status}"
            if result.run_state in ("done", "failed"):
                break
            time.sleep(0.5)
        result.run_seconds = time.perf_counter() - began
    except OSError as error:
        result.failures.append(f"print run: {error}")


def run_load(
    root: Path, *, users: int, each: int, cards: int, run_timeout: float = 1800.0
) -> LoadResult:
    """`users` previewing `each` pieces at once while a run of `cards` cards is made."""
    write_card_run(root, cards, sites=10, profile="office")
    result = LoadResult()
    with served(root) as base:
        runner = threading.Thread(
            target=_print_run, args=(base, result, time.perf_counter() + run_timeout)
        )
        runner.start()
        time.sleep(1.0)  # the run has started: the previews compete with it
        threads = [
            threading.Thread(target=_previewer, args=(base, pieces, result))
            for pieces in choices(users, each)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        runner.join()
    manifest = root / "output" / "web"
    result.run_pages = sum(
        int(match)
        for path in manifest.glob("*/office/manifest.json")
        for match in re.findall(r'"pages":\s*(\d+)', path.read_text(encoding="utf-8"))
    )
    return result
