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
    return [alt for alt, _, _ in _figure_elements(pdf)]


def _figure_elements(pdf: bytes) -> list[tuple[str, list[float], str]]:
    """(/Alt, /BBox of its layout attributes, /Lang) of every Figure, in reading order."""
    found: list[tuple[str, list[float], str]] = []

    def walk(element: pikepdf.Object) -> None:
        if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") != "/StructElem":
            return
        if element.S == "/Figure":
            attributes = element.get("/A", pikepdf.Dictionary())
            assert attributes.get("/O") == "/Layout"
            box = [float(v) for v in attributes.BBox]
            found.append((str(element.get("/Alt", "")), box, str(element.get("/Lang", ""))))
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


@pytest.mark.parametrize(("language", "profile"), [("en", "office"), ("fa", "press")])
def test_charts_are_figures_that_give_every_value_and_its_source(
    language: str, profile: str
) -> None:
    from outreach.content.templating import format_statistic

    built = build_material("brochure", size="letter", language=language, profile=profile)
    figures = _figure_elements(built.pdf)
    with pikepdf.open(io.BytesIO(built.pdf)) as doc:
        media = [[float(v) for v in page.MediaBox] for page in doc.pages]
    for _, box, _ in figures:  # every figure's box lies on its sheet
        assert box[0] < box[2]
        assert box[1] < box[3]
        assert any(0 <= box[0] and box[2] <= m[2] and 0 <= box[1] and box[3] <= m[3] for m in media)
    statistics = _pack_statistics()
    charts = {
        "safetynet": [alt for alt, _, _ in figures if "SafetyNet" in alt],
        "ilo": [alt for alt, _, _ in figures if "International Labour Organization" in alt],
    }
    for source, alts in charts.items():
        assert len(alts) == 1, source
        for stat in (s for s in statistics.values() if s.source == source):
            if stat.key in _CHARTED:
                assert format_statistic(stat, language) in alts[0], stat.key


_CHARTED = {
    "pregnant_or_parenting",
    "mental_health",
    "chronic_absenteeism",
    "runaway_history",
    "prior_victimization",
    "global_victims",
    "global_forced_labor",
    "global_children",
    "global_women_and_girls",
}


def _pack_statistics() -> dict[str, object]:
    from outreach.core.diagnostics import Diagnostics
    from outreach.core.resources import bundled_root
    from outreach.jobs.project import Project

    pack = Project(bundled_root()).pack("alameda-heart", Diagnostics())
    assert pack is not None
    return dict(pack.statistics)


def test_a_chart_is_read_once_as_its_figure_not_as_loose_labels() -> None:
    """The chart's labels are the Figure's content: no P element reads `64%` on its own."""
    built = build_material("brochure", size="letter", language="en", profile="office")
    texts: list[str] = []
    with pikepdf.open(io.BytesIO(built.pdf)) as doc:

        def walk(element: pikepdf.Object, inside: bool) -> None:
            if not isinstance(element, pikepdf.Dictionary):
                return
            if element.get("/Type") != "/StructElem":
                return
            figure = inside or element.S == "/Figure"
            if figure and element.S != "/Figure":
                texts.append(str(element.S))
            for kid in element.get("/K", []):
                walk(kid, figure)

        walk(doc.Root.StructTreeRoot.K, False)
    assert texts == []  # figures hold marked content only, no child elements
    chart_items = [i for _, i in built.document.text_items() if "/chart-" in i.slot]
    assert chart_items  # the labels are still real text on the page (and checked as such)


def test_the_packs_pictures_are_figures_with_the_packs_alt_text_in_its_language() -> None:
    built = build_material("poster", size="letter", language="fa", profile="office")
    logo = "Alameda County District Attorney's Office"
    found = [(alt, lang) for alt, _, lang in _figure_elements(built.pdf) if alt == logo]
    assert found == [(logo, "en")]  # the pack writes alt text once, in English


def test_a_number_in_alternate_text_must_be_a_contact_of_the_pack() -> None:
    """A screen reader's sentence is held to the printed text's rule (checks/contacts.py)."""
    from dataclasses import replace

    from outreach.checks.contacts import check_printed_contacts, directory_of
    from outreach.core.diagnostics import Diagnostics
    from outreach.core.document import QrItem

    built = build_material("poster", size="letter", language="es", profile="office")
    document = built.document
    pack = _pack()
    diags = Diagnostics()
    check_printed_contacts(document, directory_of(pack), diags)
    assert not diags.has_errors()
    first = document.pages[0]
    items = tuple(
        replace(item, alt="Código QR: llamar al 1-800-555-0199")
        if isinstance(item, QrItem)
        else item
        for item in first.items
    )
    wrong = replace(document, pages=(replace(first, items=items), *document.pages[1:]))
    check_printed_contacts(wrong, directory_of(pack), diags)
    assert {d.code for d in diags.items} == {"check.unknown-number"}
    assert "screen reader" in diags.items[0].message


def _pack() -> object:
    from outreach.core.diagnostics import Diagnostics
    from outreach.core.resources import bundled_root
    from outreach.jobs.project import Project

    pack = Project(bundled_root()).pack("alameda-heart", Diagnostics())
    assert pack is not None
    return pack
