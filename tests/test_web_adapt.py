"""The organization form with a logo and brand colours, and an adapted pack's pieces (issue 17).

Starlette's TestClient drives the app in-process. A pack adapted through the form is the
YAML a person would write; a piece made from it in the app is byte-identical to the same
piece from `outreach build` on the saved project (a real `outreach` process); its poster
and wallet card print the local line and the logo in the brand colour; a hostile SVG, a
logo too large or not an image, and a brand colour too faint to read are refused with the
library's diagnostics, and nothing is written.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
import yaml

pytest.importorskip("starlette")
from starlette.testclient import TestClient

from outreach.web.app import create_app
from outreach.web.branding import MAX_LOGO, naive_cmyk
from tests.pdfread import render, text

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
PURPLE = "#5b2a6e"
LOGO = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50">'
    b'<rect width="200" height="50" rx="8" fill="#5b2a6e"/>'
    b'<circle cx="25" cy="25" r="15" fill="#ffffff"/></svg>\n'
)
HOSTILE = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'viewBox="0 0 10 10"><image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>'
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    root = tmp_path_factory.mktemp("adapt-project")
    return TestClient(create_app(root), raise_server_exceptions=False)


def _root(client: TestClient) -> Path:
    root: Path = client.app.state.web.root  # type: ignore[attr-defined]
    return root


def _form(client: TestClient, pack_id: str, **extra: str) -> dict[str, object]:
    found = CSRF.search(client.get("/adapt").text)
    assert found
    return {
        "csrf": found[1],
        "pack_id": pack_id,
        "name": "Oakland Clinic",
        "team": "Outreach team",
        "local_name": "Oakland Clinic",
        "local_number": "(510) 272-6222",
        "languages": ["en", "es"],
        "logo_alt": "Oakland Clinic logo",
        "logo_licence": "our own logo",
        **extra,
    }


@pytest.fixture(scope="module")
def adapted(client: TestClient) -> Path:
    """The pack saved through the form: logo, local line, a purple brand colour."""
    form = _form(client, "oakland-clinic", color1_name="teal", color1_rgb=PURPLE)
    # the browser's name and type for the file are ignored: its content says SVG
    response = client.post("/adapt", data=form, files={"logo": ("logo.png", LOGO, "image/png")})
    assert response.status_code == 200, response.text[-3000:]
    assert "outreach build kits/oakland-clinic.toml" in response.text
    return _root(client) / "content" / "oakland-clinic"


def test_the_form_saves_the_yaml_a_person_would_write(adapted: Path) -> None:
    written = (adapted / "pack.yaml").read_text(encoding="utf-8")
    pack = yaml.safe_load(written)
    assert pack["organization"]["logo"] == {
        "file": "images/logo.svg",  # our name, by content, never the upload's
        "alt": "Oakland Clinic logo",
        "licence": "our own logo",
    }
    assert pack["organization"]["local_contact"] == "local"
    assert pack["contacts"]["local"]["dial"] == "+15102726222"
    cmyk = [float(v) for v in naive_cmyk(PURPLE)]
    assert pack["brand"]["colors"] == {"teal": {"rgb": PURPLE, "cmyk": cmyk}}
    assert "CMYK derived from the RGB" in written  # said where it was not given
    assert "wordmark" not in written  # the bundled organization's logo comment is gone
    assert (adapted / "images" / "logo.svg").read_bytes() == LOGO
    assert "Alameda County District Attorney's Office\n" not in written


def _piece(
    client: TestClient, material: str, size: str, language: str, pack: str = "oakland-clinic"
) -> bytes:
    found = CSRF.search(client.get("/piece").text)
    assert found
    form = {"csrf": found[1], "material": material, "size": size, "language": language}
    response = client.post("/piece", data={**form, "profile": "office", "pack": pack})
    assert response.status_code == 200, response.text[-2000:]
    link = re.search(r'href="([^"]+/file)"', response.text)
    assert link
    pdf = client.get(link[1])
    assert pdf.status_code == 200
    return pdf.content


def test_a_piece_of_the_adapted_pack_is_the_file_outreach_build_writes(
    client: TestClient, adapted: Path, tmp_path: Path
) -> None:
    from_app = _piece(client, "poster", "letter", "en")
    root = _root(client)
    out = tmp_path / "cli"
    command = [sys.executable, "-m", "outreach", "build", "kits/oakland-clinic.toml"]
    command += ["--material", "poster", "--size", "letter", "--lang", "en", "--profile", "office"]
    finished = subprocess.run(
        [*command, "--out", str(out), "--jobs", "1", "--quiet"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert (out / "poster-letter-en-office.pdf").read_bytes() == from_app


def test_the_adapted_poster_and_card_print_the_local_line_logo_and_colour(
    client: TestClient, adapted: Path
) -> None:
    poster = _piece(client, "poster", "letter", "es")
    assert any("Oakland Clinic, (510) 272-6222" in page for page in text(poster))
    image = render(poster, dpi=36).convert("RGB")
    band = image.getpixel((image.width // 2, 3))  # the top band, in the brand colour
    assert band == tuple(int(PURPLE[i : i + 2], 16) for i in (1, 3, 5))
    # the logo (purple, with a white dot) sits in the bottom right of the poster
    corner = image.crop(
        (int(image.width * 0.59), int(image.height * 0.92), image.width, image.height)
    )
    colours = [colour for _, colour in corner.getcolors(1_000_000) or []]
    assert any(abs(r - 0x5B) < 8 and abs(g - 0x2A) < 8 and abs(b - 0x6E) < 8 for r, g, b in colours)
    card = _piece(client, "wallet-card", "cr80", "en")
    back = text(card)[1]
    assert "Local help" in back
    assert "Oakland Clinic, (510) 272-6222" in back


def test_the_bundled_pack_prints_no_local_line() -> None:
    from outreach import build_material

    poster = build_material("poster", size="letter", profile="office")
    assert not any(item.slot == "local" for item in poster.document.pages[0].items)


def _refused(client: TestClient, pack_id: str, logo: bytes, **extra: str) -> str:
    form = _form(client, pack_id, **extra)
    response = client.post("/adapt", data=form, files={"logo": ("logo.svg", logo, "image/svg+xml")})
    assert response.status_code == 422, response.text[-2000:]
    assert not (_root(client) / "content" / pack_id).exists()  # nothing written
    assert not list((_root(client) / "content").glob(f".{pack_id}.tmp-*"))
    assert "Traceback" not in response.text
    return response.text


def test_a_hostile_svg_is_refused_with_the_librarys_diagnostic(client: TestClient) -> None:
    page = _refused(client, "hostile-svg", HOSTILE)
    assert "image.hostile" in page
    assert "outside the file" in page
    assert "content/hostile-svg/pack.yaml" in page  # the pack as it would be, not a temporary


def test_a_logo_too_large_or_not_an_image_is_refused(client: TestClient) -> None:
    large = b"\x89PNG\r\n\x1a\n" + b"\x00" * MAX_LOGO
    assert "image.too-large" in _refused(client, "large-logo", large)
    page = _refused(client, "not-an-image", b"%PDF-1.7 a PDF is not a logo")
    assert "image.unsupported-format" in page
    assert "judged by its content" in page
    no_alt = _refused(client, "no-alt", LOGO, logo_alt="")
    assert "image.missing-alt" in no_alt


def test_a_brand_colour_too_faint_is_refused_naming_the_pair(client: TestClient) -> None:
    page = _refused(client, "faint-brand", LOGO, color1_name="teal", color1_rgb="#c8e0f0")
    assert "check.contrast" in page
    assert "the failing pair: <code>paper</code> on <code>teal</code>" in page
    assert "content/faint-brand/pack.yaml" in page  # where `teal` is defined
    bad = _refused(client, "bad-colour", LOGO, color1_name="teal", color1_rgb="purple")
    assert "content.bad-color" in bad


def _png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_previews_are_drawn_at_twice_the_size_they_are_shown(client: TestClient) -> None:
    found = CSRF.search(client.get("/sites").text)
    assert found
    sites = b"id,name,quantity\noakland,Oakland clinic,20\n"
    response = client.post("/sites", data={"csrf": found[1]}, files={"sites": ("s.csv", sites)})
    link = re.search(r'href="(/sites/[0-9a-f]{16}/sheet/1)"', response.text)
    assert link
    sheet = client.get(link[1]).text
    image = re.search(r'<img class="sheet" width="(\d+)" height="(\d+)" src="([^"]+)"', sheet)
    assert image
    assert (int(image[1]), int(image[2])) == (510, 660)  # letter at 60 CSS px an inch
    assert _png_size(client.get(image[3]).content) == (1020, 1320)
    form = {"csrf": found[1], "material": "poster", "size": "tabloid", "language": "en"}
    made = client.post("/piece", data={**form, "profile": "office", "pack": "alameda-heart"})
    page = re.search(r'src="([^"]+page-1\.png)" width="(\d+)" height="(\d+)"', made.text)
    assert page
    width, height = _png_size(client.get(page[1]).content)
    assert 1290 <= height <= 1320  # a tabloid's longer side: held to 1,320 px, as a letter's
    assert (int(page[2]), int(page[3])) == (width // 2, height // 2)


def _figure_alts(pdf: bytes) -> list[str]:
    """The /Alt of every Figure in the PDF's structure tree."""
    found: list[str] = []

    def walk(element: pikepdf.Object) -> None:
        if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") != "/StructElem":
            return
        if element.S == "/Figure":
            found.append(str(element.get("/Alt", "")))
        for kid in element.get("/K", []):
            walk(kid)

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        walk(doc.Root.StructTreeRoot.K)
    return found


def _pack(client: TestClient, pack_id: str) -> dict[str, object]:
    written = (_root(client) / "content" / pack_id / "pack.yaml").read_text(encoding="utf-8")
    pack: dict[str, object] = yaml.safe_load(written)
    return pack


def test_saving_again_without_an_upload_keeps_the_logo(client: TestClient) -> None:
    form = _form(client, "resaved-clinic")
    first = client.post("/adapt", data=form, files={"logo": ("logo.svg", LOGO, "image/svg+xml")})
    assert first.status_code == 200, first.text[-2000:]
    assert "images/logo.svg" in first.text  # the form says a logo is saved and kept
    # the form as the page shows it again: only the name changed, no file chosen
    again = {**_form(client, "resaved-clinic"), "name": "Oakland Health Clinic"}
    second = client.post("/adapt", data=again)
    assert second.status_code == 200, second.text[-2000:]
    organization = _pack(client, "resaved-clinic")["organization"]
    assert isinstance(organization, dict)
    assert organization["name"] == "Oakland Health Clinic"
    assert organization["logo"] == {
        "file": "images/logo.svg",
        "alt": "Oakland Clinic logo",
        "licence": "our own logo",
    }
    assert (_root(client) / "content/resaved-clinic/images/logo.svg").read_bytes() == LOGO
    poster = _piece(client, "poster", "letter", "en", pack="resaved-clinic")
    assert "Oakland Clinic logo" in _figure_alts(poster)  # printed, tagged with its alt text
    # a third save, alt text left empty on the form: the saved alt text and licence stay
    third = client.post("/adapt", data={**again, "logo_alt": "", "logo_licence": ""})
    assert third.status_code == 200, third.text[-2000:]
    organization = _pack(client, "resaved-clinic")["organization"]
    assert isinstance(organization, dict)
    assert organization["logo"]["alt"] == "Oakland Clinic logo"


def test_the_saved_logo_is_removed_only_when_asked(client: TestClient) -> None:
    form = _form(client, "removed-logo")
    first = client.post("/adapt", data=form, files={"logo": ("logo.svg", LOGO, "image/svg+xml")})
    assert first.status_code == 200, first.text[-2000:]
    removed = client.post("/adapt", data={**_form(client, "removed-logo"), "remove_logo": "yes"})
    assert removed.status_code == 200, removed.text[-2000:]
    organization = _pack(client, "removed-logo")["organization"]
    assert isinstance(organization, dict)
    assert "logo" not in organization
    assert not (_root(client) / "content/removed-logo/images").exists()
    assert "Remove the saved logo" not in removed.text  # nothing left to keep or remove


def test_the_pack_title_names_the_organization_not_alameda(client: TestClient) -> None:
    saved = client.post("/adapt", data=_form(client, "titled-clinic"))
    assert saved.status_code == 200, saved.text[-2000:]
    title = _pack(client, "titled-clinic")["pack"]
    assert isinstance(title, dict)
    assert title["title"] == "Human trafficking: where to get help (Oakland Clinic)"
    assert "Alameda" not in title["title"]
    edited = {**_form(client, "titled-clinic"), "title": "Oakland: help with trafficking"}
    assert client.post("/adapt", data=edited).status_code == 200
    title = _pack(client, "titled-clinic")["pack"]
    assert isinstance(title, dict)
    assert title["title"] == "Oakland: help with trafficking"
    long = {**_form(client, "titled-clinic"), "title": "x" * 200}
    refused = client.post("/adapt", data=long)
    assert refused.status_code == 422
    assert "<code>title</code> is longer than 120 characters" in refused.text


LOCAL_LINE = "Oakland Clinic, (510) 272-6222"


def test_bilingual_posters_and_the_brochure_print_the_local_line(
    client: TestClient, adapted: Path
) -> None:
    bilingual = _piece(client, "poster-bilingual", "letter", "en+es")
    assert LOCAL_LINE in text(bilingual)[0]
    brochure = _piece(client, "brochure", "letter", "es")
    outside = text(brochure)[0]  # the back panel, under 911
    assert LOCAL_LINE in outside
    saved = client.post(
        "/adapt", data={**_form(client, "three-languages"), "languages": ["en", "es", "zh-Hant"]}
    )
    assert saved.status_code == 200, saved.text[-2000:]
    trilingual = _piece(client, "poster-trilingual", "tabloid", "en+es+zh-Hant", "three-languages")
    assert LOCAL_LINE in text(trilingual)[0]


def test_the_discreet_card_prints_the_local_number_never_the_name(
    client: TestClient, adapted: Path
) -> None:
    for language in ("en", "es+en"):
        card = _piece(client, "wallet-card-discreet", "cr80", language)
        back = text(card)[1]
        assert "(510) 272-6222" in back
        assert not any("Oakland" in page for page in text(card))


def test_the_bundled_pack_has_no_local_line_on_any_layout() -> None:
    from outreach import build_material

    for material, language, size in (
        ("poster-bilingual", "en+es", "letter"),
        ("poster-trilingual", "en+es+zh-Hant", "tabloid"),
        ("brochure", "en", "letter"),
    ):
        built = build_material(material, language=language, size=size, check=False)
        slots = {item.slot for page in built.document.pages for item in page.items}
        assert not slots & {"local", "back-local"}, material
