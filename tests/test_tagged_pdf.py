"""Tagged PDFs (issue 19): the structure tree's reading order and languages, and what the
two PDF/UA checkers (page-validation, pdfua) say about a sample of every material."""

from __future__ import annotations

import io
from collections import Counter
from itertools import pairwise

import page
import pdfua
import pikepdf
import pytest

from outreach import build_material
from outreach.core.document import TextItem
from outreach.core.text_lines import HEADINGS

SAMPLE = [
    ("poster", "letter", "en", "office"),
    ("poster", "a4", "fa", "press"),
    ("brochure", "letter", "en", "press"),
    ("brochure", "letter", "ar", "office"),
    ("wallet-card", "cr80", "km", "office"),
    ("wallet-card-discreet", "business", "es", "press"),
    ("poster-bilingual", "letter", "en+fa", "office"),
    ("poster-trilingual", "tabloid", "en+es+vi", "press"),
]


def _structure(pdf: bytes) -> list[pikepdf.Dictionary]:
    """Every structure element below the root, depth first (reading order)."""
    found: list[pikepdf.Dictionary] = []

    def walk(element: pikepdf.Object) -> None:
        if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") != "/StructElem":
            return
        found.append(element)
        for kid in element.get("/K", []):
            walk(kid)

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        walk(doc.Root.StructTreeRoot.K)
        return [pikepdf.Dictionary(dict(e.items())) for e in found]


@pytest.mark.parametrize(("material", "size", "language", "profile"), SAMPLE)
def test_sample_passes_page_validations_pdfua_profile(
    material: str, size: str, language: str, profile: str
) -> None:
    pdf = build_material(material, size=size, language=language, profile=profile).pdf
    failed = Counter(f.rule_id for f in page.validate_pdf_bytes(pdf, profile="ua1").failures)
    assert not failed, failed


def test_sample_has_no_pdfua_findings(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    for material, size, language, profile in SAMPLE:
        pdf = build_material(material, size=size, language=language, profile=profile).pdf
        path = folder / f"{material}-{language}-{profile}.pdf"
        path.write_bytes(pdf)
        assert [f.rule_id for f in pdfua.validate(str(path)).findings] == [], path.name


@pytest.mark.parametrize("language", ["en", "fa"])
def test_brochure_headings_read_in_the_packs_section_order(language: str) -> None:
    built = build_material("brochure", size="letter", language=language, profile="office")
    roles = [str(e.S)[1:] for e in _structure(built.pdf)]
    headings = [role for role in roles if role in HEADINGS]
    texts = {
        key: item.text
        for _, item in built.document.text_items()
        for key in item.keys
        if key.endswith(".title")
    }
    sections = ["about", "red_flags", "csec", "risk_factors", "global_facts", "heart_team"]
    assert all(f"{s}.title" in texts for s in sections)
    # the cover's title first, then the inside's sections, then the flap and the back
    assert headings[0] == "H1"
    assert "H1" not in headings[1:]
    levels = [int(h[1]) for h in headings]
    assert all(b <= a + 1 for a, b in pairwise(levels))
    titles = {f"{s}.title" for s in sections}
    read = [
        item.keys[0].split(".")[0]
        for _, item in _document_reading_order(built)
        if item.keys and item.keys[0] in titles
    ]
    # a title split between two frames reads as two pieces, one after the other
    assert [s for i, s in enumerate(read) if i == 0 or read[i - 1] != s] == sections


def _document_reading_order(built: object) -> list[tuple[int, TextItem]]:
    from outreach.layout.structure import reading_order

    document = built.document  # type: ignore[attr-defined]
    return [(i, item) for i, item in reading_order(document.pages) if isinstance(item, TextItem)]


def test_bilingual_poster_sections_carry_their_language() -> None:
    built = build_material("poster-bilingual", size="letter", language="en+fa", profile="office")
    elements = _structure(built.pdf)
    with pikepdf.open(io.BytesIO(built.pdf)) as doc:
        assert str(doc.Root.Lang) == "en"
        assert doc.Root.MarkInfo.Marked is True
    langs = [str(e.get("/Lang", "")) for e in elements if str(e.S) != "/Document"]
    persian = [i for i, lang in enumerate(langs) if lang == "fa"]
    assert persian, "no element is marked /Lang fa"
    # one language whole, then the other: no English element after the first Persian one
    first = persian[0]
    assert all(lang in ("fa", "") for lang in langs[first:] if lang)


def _elements_with_text(pdf: bytes) -> list[tuple[str, int, str]]:
    """(role, number of marked-content kids, "") of each element holding content."""
    found: list[tuple[str, int, str]] = []

    def walk(element: pikepdf.Object) -> None:
        if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") != "/StructElem":
            return
        kids = list(element.get("/K", []))
        content = [k for k in kids if isinstance(k, int) or k.get("/Type") == "/MCR"]
        if content:
            found.append((str(element.S)[1:], len(content), ""))
        for kid in kids:
            walk(kid)

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        walk(doc.Root.StructTreeRoot.K)
    return found


def test_a_paragraph_split_between_two_frames_is_one_element() -> None:
    """The zh-Hant letter brochure's `csec.safetynet` runs on in the next frame."""
    built = build_material("brochure", size="letter", language="zh-Hant", profile="office")
    halves = [item for _, item in built.document.text_items() if item.keys == ("csec.safetynet",)]
    assert [item.continued for item in halves] == [False, True]
    paragraphs = sum(
        len({line.paragraph for line in item.lines})
        for _, item in built.document.text_items()
        if not item.artifact and "/chart-" not in item.slot  # a chart's labels: its figure's
    )
    elements = _elements_with_text(built.pdf)
    # every paragraph of the Document is one element, except the continuation's first
    continued = sum(item.continued for _, item in built.document.text_items())
    text_elements = [e for e in elements if e[0] not in ("Figure", "Link", "Lbl")]
    assert continued == 1
    assert len(text_elements) == paragraphs - continued


def test_a_title_split_between_two_frames_is_one_heading() -> None:
    """A two-line title drawn as two items (as a flow splits it) is still one H2."""
    from dataclasses import replace

    from outreach.core.resources import bundled_root
    from outreach.jobs.project import Project
    from outreach.render.draw import render_pdf

    built = build_material("brochure", size="letter", language="en", profile="office")
    document = built.document
    pages = list(document.pages)
    items = list(pages[1].items)
    index = next(i for i, item in enumerate(items) if getattr(item, "keys", ()) == ("csec.title",))
    title = items[index]
    assert isinstance(title, TextItem)
    assert len(title.lines) == 2
    items[index : index + 1] = [
        replace(title, lines=title.lines[:1]),
        replace(title, lines=title.lines[1:], continued=True),
    ]
    pages[1] = replace(pages[1], items=tuple(items))
    pdf = render_pdf(replace(document, pages=tuple(pages)), Project(bundled_root()).fonts)
    headings = [(role, kids) for role, kids, _ in _elements_with_text(pdf) if role in HEADINGS]
    original = [
        (role, kids) for role, kids, _ in _elements_with_text(built.pdf) if role in HEADINGS
    ]
    assert len(headings) == len(original)  # no second heading for the title's second line
    assert sorted(kids for _, kids in headings) == sorted(kids for _, kids in original)
