"""What a screen reader is told (issue 19), read back from the PDFs: QR codes' sentences
in the piece's language, with the number from the pack's contact; the title (XMP dc:title
with the piece's language, which the catalog's /Lang names)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest
from babel.messages.pofile import read_po

from outreach import build_material

LOCALE = Path(__file__).resolve().parent.parent / "content" / "alameda-heart" / "locale"
HOTLINE = "1-888-373-7888"


def _catalog(language: str) -> dict[str, str]:
    with (LOCALE / f"{language}.po").open("rb") as file:
        return {m.context: m.string for m in read_po(file) if m.context}


def _figures(pdf: bytes) -> list[str]:
    """The /Alt of every Figure element, in reading order."""
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


def _link_contents(pdf: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return [str(a.Contents) for page in doc.pages for a in page.get("/Annots", [])]


def test_english_poster_codes_say_what_they_do() -> None:
    pdf = build_material("poster", size="letter", language="en", profile="digital").pdf
    sentences = [
        f"QR code: call the National Human Trafficking Hotline, {HOTLINE}",
        "QR code: opens humantraffickinghotline.org",
    ]
    assert _figures(pdf)[:2] == sentences
    assert _link_contents(pdf) == sentences  # the annotations say the same


@pytest.mark.parametrize("language", ["es", "fa", "zh-Hant", "km"])
def test_a_translated_poster_speaks_the_catalogs_sentence_with_the_packs_number(
    language: str,
) -> None:
    catalog = _catalog(language)
    call = catalog["accessibility.qr_call_hotline"]
    assert "{{ contacts.hotline.display }}" in call  # the number is never typed in
    pdf = build_material("poster", size="letter", language=language, profile="office").pdf
    figures = _figures(pdf)
    assert call.replace("{{ contacts.hotline.display }}", HOTLINE) in figures
    assert f"{catalog['accessibility.qr_opens']} humantraffickinghotline.org" in figures
    assert not any(alt.startswith("QR code") for alt in figures)  # nothing left in English


def test_the_discreet_card_never_says_trafficking_to_a_screen_reader() -> None:
    for language in ("en", "es"):
        built = build_material(
            "wallet-card-discreet", size="cr80", language=language, profile="digital"
        )
        figures = _figures(built.pdf)
        assert figures
        assert all(HOTLINE in alt for alt in figures)
        text = " ".join(figures + _link_contents(built.pdf)).lower()
        assert "trafficking" not in text
        assert "trata" not in text
        assert "trafficking" not in built.document.metadata.title.lower()


@pytest.mark.parametrize(
    ("material", "language"), [("poster", "fa"), ("brochure", "es"), ("wallet-card", "ko")]
)
def test_the_title_is_in_the_pieces_language(material: str, language: str) -> None:
    size = "cr80" if material == "wallet-card" else "letter"
    built = build_material(material, size=size, language=language, profile="digital")
    title = _catalog(language)["accessibility.title"].replace(
        "{{ organization.name }}", "Alameda County District Attorney's Office"
    )
    with pikepdf.open(io.BytesIO(built.pdf)) as doc:
        assert str(doc.Root.Lang) == language
        assert str(doc.docinfo["/Title"]) == title
        xmp = doc.Root.Metadata.read_bytes().decode()
    titles = re.search(r"<dc:title><rdf:Alt>(.*?)</rdf:Alt></dc:title>", xmp)
    assert titles is not None
    assert f'<rdf:li xml:lang="{language}">{title}</rdf:li>' in titles.group(1)
