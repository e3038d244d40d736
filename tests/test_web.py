"""The web app in-process (issue 17): same bytes as the CLI, errors shown, the guard holds.

Starlette's TestClient drives the app without a server; the browser tests are in
tests/web/. Every page must answer without a traceback, every form must carry a CSRF token,
and a piece made in the browser is byte-identical to the same piece from `outreach build`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient

from outreach.jobs.run import build
from outreach.web.app import ROUTES, create_app
from outreach.web.security import Settings, bind_problem, read_session, write_session
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

PAGES = ["/", "/piece", "/runs", "/sites", "/translations", "/translations/es", "/adapt"]
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    root = tmp_path_factory.mktemp("web-project")
    return TestClient(create_app(root), raise_server_exceptions=False)


def _csrf(client: TestClient) -> str:
    found = CSRF.search(client.get("/piece").text)
    assert found
    return found[1]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_with_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]
    csp = response.headers["content-security-policy"]
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    assert "Secure" not in cookie
    for form in re.findall(r"<form.*?</form>", response.text, re.S):
        assert 'name="csrf"' in form, form[:200]
    assert "<script>" not in response.text
    assert " style=" not in response.text


def test_a_piece_from_the_browser_is_the_file_outreach_build_writes(
    client: TestClient, tmp_path: Path
) -> None:
    form = {"csrf": _csrf(client), "material": "poster", "size": "letter", "language": "es"}
    response = client.post("/piece", data={**form, "profile": "office", "pack": "alameda-heart"})
    assert response.status_code == 200
    assert "Draft translation" in response.text  # the Spanish catalog is a draft
    link = re.search(r'href="([^"]+/file)"', response.text)
    assert link
    pdf = client.get(link[1])
    assert (
        pdf.headers["content-disposition"] == 'attachment; filename="poster-letter-es-office.pdf"'
    )
    report = build(
        ROOT / "kits" / "default.toml",
        out_dir=tmp_path,
        materials=["poster"],
        sizes=["letter"],
        languages=["es"],
        profiles=["office"],
        workers=1,
    )
    assert report.outputs
    assert (tmp_path / "poster-letter-es-office.pdf").read_bytes() == pdf.content
    png = client.get(re.findall(r'src="([^"]+\.png)"', response.text)[0])
    assert png.headers["content-type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")


def test_a_piece_that_cannot_be_made_shows_its_diagnostics(client: TestClient) -> None:
    form = {"csrf": _csrf(client), "material": "poster-bilingual", "size": "letter"}
    response = client.post("/piece", data={**form, "language": "es", "profile": "office"})
    assert response.status_code == 422
    assert "build.language-count" in response.text
    assert "What to do" in response.text
    assert "Traceback" not in response.text


def test_forms_without_the_csrf_token_are_refused(client: TestClient) -> None:
    for path in ("/piece", "/runs/plan", "/runs/start", "/sites", "/adapt", "/ui-language"):
        response = client.post(path, data={"material": "poster"})
        assert response.status_code == 403, path
        assert "reload the page" in response.text


def test_no_traceback_reaches_a_page(client: TestClient) -> None:
    assert client.get("/piece/alameda-heart/poster/letter/xx/office/file").status_code == 404
    response = client.get("/runs/../../etc/passwd")
    assert response.status_code == 404
    assert "Traceback" not in response.text


def test_a_site_list_is_judged_by_its_content_and_checked_by_row(client: TestClient) -> None:
    csrf = _csrf(client)
    png = ("sites.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "text/csv")
    response = client.post("/sites", data={"csrf": csrf}, files={"sites": png})
    assert response.status_code == 422
    assert "not text" in response.text
    bad = b"id,name,quantity\noakland,Oakland clinic,200\nberkeley,Berkeley,lots\n"
    response = client.post(
        "/sites", data={"csrf": csrf}, files={"sites": ("../../evil.csv", bad, "text/csv")}
    )
    assert response.status_code == 422
    assert "sites.bad-quantity" in response.text
    assert re.search(r"sites-[0-9a-f]{16}\.csv:3", response.text)
    assert "quantity" in response.text
    uploads = list((client.app.state.web.root / "uploads").iterdir())  # type: ignore[attr-defined]
    assert all(re.fullmatch(r"sites-[0-9a-f]{16}\.csv", p.name) for p in uploads)


def test_a_run_too_large_is_refused_with_a_clear_message(client: TestClient) -> None:
    response = client.post("/runs/plan", data={"csrf": _csrf(client), "kit": "default"})
    assert response.status_code == 422
    assert "the web app makes at most 40 at once" in response.text


def test_the_organization_form_checks_the_number_and_writes_the_pack(
    client: TestClient,
) -> None:
    base = {"csrf": _csrf(client), "pack_id": "oakland-clinic", "name": "Oakland Clinic"}
    base["team"] = "Outreach team"
    bad = client.post("/adapt", data={**base, "local_number": "555", "languages": ["en"]})
    assert bad.status_code == 422
    assert "is not one valid phone number" in bad.text
    good = client.post(
        "/adapt", data={**base, "local_number": "(510) 272-6222", "languages": ["en", "es"]}
    )
    assert good.status_code == 200, good.text[-2000:]
    root: Path = client.app.state.web.root  # type: ignore[attr-defined]
    pack = (root / "content" / "oakland-clinic" / "pack.yaml").read_text(encoding="utf-8")
    assert 'dial: "+15102726222"' in pack
    assert "local_contact: local" in pack
    assert "languages: [en, es]" in pack
    assert (root / "kits" / "oakland-clinic.toml").is_file()


def test_binding_beyond_loopback_needs_a_password() -> None:
    assert bind_problem("127.0.0.1", None) is None
    assert bind_problem("::1", None) is None
    assert "refusing" in str(bind_problem("0.0.0.0", None))
    assert bind_problem("0.0.0.0", "s3cret") is None


def test_cli_refuses_another_address_without_a_password(capsys: pytest.CaptureFixture[str]) -> None:
    from outreach.cli import main

    assert main(["serve", "--host", "0.0.0.0"]) == 2
    assert "refusing to listen" in capsys.readouterr().err


def test_a_password_gates_every_page(tmp_path: Path) -> None:
    app = create_app(tmp_path, Settings(password="s3cret", secure_cookies=True))
    client = TestClient(app, base_url="https://testserver")
    response = client.get("/piece", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    assert "Secure" in response.headers["set-cookie"]
    login = client.get("/login")
    token = CSRF.search(login.text)
    assert token
    assert client.post("/login", data={"csrf": token[1], "password": "no"}).status_code == 401
    client.post("/login", data={"csrf": token[1], "password": "s3cret"})
    assert client.get("/piece").status_code == 200


def test_a_forged_session_is_replaced() -> None:
    settings = Settings()
    cookie = write_session(settings, {"csrf": "abc", "auth": True})
    assert read_session(settings, cookie)["auth"] is True
    assert "auth" not in read_session(Settings(), cookie)  # another secret
    assert "auth" not in read_session(settings, cookie.replace(".", "x.", 1))


def test_the_interface_speaks_spanish(client: TestClient) -> None:
    response = client.get("/piece", headers={"accept-language": "es-MX,es;q=0.9"})
    assert "Hacer una pieza" in response.text
    assert '<html lang="es">' in response.text


def test_every_ui_string_is_translated() -> None:
    import web_messages

    from outreach.web.ui_text import gettext_for

    spanish = gettext_for("es")
    untranslated = [
        m
        for m in web_messages.ui_messages()
        if spanish(m) == m and m not in {"Error", "Plan", "Material"}
    ]
    assert not untranslated


def test_every_route_is_known() -> None:
    paths = {getattr(route, "path", "") for route in ROUTES}
    assert {"/piece", "/runs", "/sites", "/translations", "/adapt", "/login"} <= paths
