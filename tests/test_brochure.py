"""The tri-fold brochure, checked from outside: panels, folds, duplex, text, charts, codes."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import ImageChops
from pypdf import PdfReader

from outreach import build_material, cli, render_pdf
from outreach.core.diagnostics import Diagnostics
from outreach.core.document import Document, LineItem, QrItem, RectItem, TextItem
from outreach.core.layout_specs import LayoutSpec
from outreach.jobs.job import Job
from outreach.jobs.piece import build_job
from outreach.jobs.project import BuiltPiece, Project
from outreach.layout.spec import layout_file, load_layout
from tests import pdfread
from tests.conftest import ROOT

MM = 72 / 25.4
INCH = 72.0
# docs/print-production.md: letter tri-fold panels 3.6875 / 3.6875 / 3.625 in; A4 100 / 100 / 97 mm.
# Outside, left to right: fold-in flap, back cover, front cover. Inside: left, middle, right,
# where the narrow right panel is the back of the flap.
PANELS = {
    "letter": {
        "outside": [("flap", 3.625 * INCH), ("back", 3.6875 * INCH), ("front", 3.6875 * INCH)],
        "inside": [("left", 3.6875 * INCH), ("middle", 3.6875 * INCH), ("right", 3.625 * INCH)],
    },
    "a4": {
        "outside": [("flap", 97 * MM), ("back", 100 * MM), ("front", 100 * MM)],
        "inside": [("left", 100 * MM), ("middle", 100 * MM), ("right", 97 * MM)],
    },
}
TRIM = {"letter": (11 * INCH, 8.5 * INCH), "a4": (297 * MM, 210 * MM)}
SIDES = ("outside", "inside")
# One sentence (or heading) from each part of the DA's page on human trafficking, and the
# panel it belongs on.
KEY_SENTENCES = {
    ("outside", "flap"): [
        "Where to get help",
        "Text HELP to 233733.",
        "Hotline website humantraffickinghotline.org",
        "Polaris polarisproject.org",
        "da.alamedacountyca.gov",
    ],
    ("outside", "back"): [
        "Call the National Human Trafficking Hotline.",
        "1-888-373-7888",
        "Help in more than 200 languages.",
        "Scan to call 1-888-373-7888",
        "Or text HELP to 233733 (English and Spanish)",
        "In an emergency, call 911.",
        "The H.E.A.R.T. Team of the Alameda County District Attorney's Office",
    ],
    ("outside", "front"): [
        "Human trafficking",
        "It happens here in Alameda County",
        "Alameda County District Attorney's Office",
    ],
    ("inside", "left"): [
        "What is human trafficking?",
        "is a crime that involves compelling or coercing a person to provide labor or services",
        "There is no single profile of a trafficking victim.",
        "Red flags",
        "Fearful of law enforcement",
    ],
    ("inside", "middle"): [
        "Commercial sexual exploitation of children (CSEC)",
        "SafetyNet meetings provide an immediate response",
        "Of SafetyNet youth, 80% have a juvenile arrest history, but only 27% re-offend",
        "Source: Alameda County DA, SafetyNet",
        "Local risk factors",
        "Pregnant or parenting",
        "Prior victimization",
    ],
    ("inside", "right"): [
        "Global trafficking facts",
        "40.3 million",
        "are trapped in forced labor",
        "Source: International Labour Organization",
        "The H.E.A.R.T. Team",
        "prosecutors, inspectors and advocates",
    ],
}
VARIANTS = [(size, profile) for size in ("letter", "a4") for profile in ("office", "press")]


@pytest.fixture(scope="module")
def brochures(project: Project) -> dict[tuple[str, str], BuiltPiece]:
    return {
        (size, profile): build_material(
            "brochure", size=size, profile=profile, project_dir=project.root
        )
        for size, profile in VARIANTS
    }


def origin(built: BuiltPiece) -> float:
    """Where the trim's left edge lies on the PDF page (bleed and slug on press files)."""
    first = built.document.pages[0]
    return first.bleed + first.slug


def panel_ranges(size: str, side: str, offset: float) -> dict[str, tuple[float, float]]:
    ranges = {}
    x = offset
    for name, width in PANELS[size][side]:
        ranges[name] = (x, x + width)
        x += width
    return ranges


def words(text: str) -> str:
    """Whitespace collapsed, bullets dropped (pdfium may read a bullet after its line)."""
    return " ".join(text.replace("\u2022", " ").split())


# --- geometry ------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "profile"), VARIANTS)
def test_two_landscape_sides_at_the_trim_size(brochures: dict, size: str, profile: str) -> None:
    built = brochures[size, profile]
    pages = pdfread.boxes(built.pdf)
    assert len(pages) == 2
    width, height = TRIM[size]
    for page in pages:
        trim = page["TrimBox"]
        assert trim[2] - trim[0] == pytest.approx(width, abs=0.05)
        assert trim[3] - trim[1] == pytest.approx(height, abs=0.05)
        if profile == "office":
            assert page["MediaBox"] == trim
        else:
            assert trim[0] - page["BleedBox"][0] == pytest.approx(0.125 * INCH, abs=0.05)
    assert built.file_name == f"brochure-{size}-en-{profile}.pdf"


@pytest.mark.parametrize("size", ["letter", "a4"])
def test_panel_widths_and_order_follow_the_fold(project: Project, size: str) -> None:
    spec = load_layout(
        layout_file(project.layouts_dir, "brochure"), project.root, size, Diagnostics()
    )
    assert isinstance(spec, LayoutSpec)
    for page, side in zip(spec.pages, SIDES, strict=True):
        assert page.name == side
        got = [(panel.name, panel.w) for panel in page.panels]
        assert [name for name, _ in got] == [name for name, _ in PANELS[size][side]]
        for (_, width), (_, expected) in zip(got, PANELS[size][side], strict=True):
            assert width == pytest.approx(expected, abs=0.01)
    # The narrow panel folds in: the flap outside, its back on the inside's right.
    outside, inside = spec.pages
    assert outside.panels[0].w < outside.panels[1].w
    assert inside.panels[2].w < inside.panels[1].w


@pytest.mark.parametrize(("size", "profile"), VARIANTS)
def test_each_section_lies_inside_its_panel_on_the_right_side(
    brochures: dict, size: str, profile: str
) -> None:
    built = brochures[size, profile]
    pdf = pdfium.PdfDocument(built.pdf)
    height = pdf[0].get_size()[1]
    for index, side in enumerate(SIDES):
        textpage = pdf[index].get_textpage()
        ranges = panel_ranges(size, side, origin(built))
        for name, (left, right) in ranges.items():
            panel_text = words(
                textpage.get_text_bounded(left=left, bottom=0, right=right, top=height)
            )
            for sentence in KEY_SENTENCES[side, name]:
                assert sentence in panel_text, (size, side, name, sentence)


@pytest.mark.parametrize(("size", "profile"), VARIANTS)
def test_no_character_straddles_a_fold(brochures: dict, size: str, profile: str) -> None:
    built = brochures[size, profile]
    pdf = pdfium.PdfDocument(built.pdf)
    for index, side in enumerate(SIDES):
        textpage = pdf[index].get_textpage()
        ranges = list(panel_ranges(size, side, origin(built)).values())
        trim_left, trim_right = ranges[0][0], ranges[-1][1]
        for char in range(textpage.count_chars()):
            left, bottom, right, top = textpage.get_charbox(char)
            outside_trim = top < origin(built) or bottom > origin(built) + TRIM[size][1]
            if outside_trim or right < trim_left or left > trim_right or right - left <= 0:
                continue  # the slug line outside the trim, or a space
            assert any(lo - 0.01 <= left and right <= hi + 0.01 for lo, hi in ranges), (
                side,
                textpage.get_text_range(char, 1),
                left,
            )


@pytest.mark.parametrize("size", ["letter", "a4"])
def test_front_cover_is_on_the_front_when_folded_and_printed_long_edge(
    brochures: dict, size: str
) -> None:
    """Fold it: which inside panel is printed behind each outside panel?

    Duplexed on the long edge, a landscape sheet turns top over bottom, so a point at x on
    the outside is backed by the point at x of the inside as printed; the file turns the
    inside 180 degrees (/Rotate), so as drawn that is the point at width - x.
    """
    built = brochures[size, "office"]
    reader = PdfReader(io.BytesIO(built.pdf))
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/DuplexFlipLongEdge"
    assert reader.pages[0].get("/Rotate", 0) == 0
    assert reader.pages[1].get("/Rotate", 0) == 180
    width = TRIM[size][0]
    outside = panel_ranges(size, "outside", 0.0)
    inside = panel_ranges(size, "inside", 0.0)
    behind = {}
    for name, (left, right) in outside.items():
        mirrored = (width - right, width - left)
        matches = [n for n, r in inside.items() if r == pytest.approx(mirrored, abs=0.01)]
        assert len(matches) == 1, (name, mirrored)
        behind[name] = matches[0]
    assert behind == {"flap": "right", "back": "middle", "front": "left"}
    # The front cover is the outside's rightmost panel, and carries the title.
    pdf = pdfium.PdfDocument(built.pdf)
    left, right = outside["front"]
    cover = words(
        pdf[0].get_textpage().get_text_bounded(left=left, bottom=0, right=right, top=TRIM[size][1])
    )
    assert cover.startswith("Human trafficking It happens here in Alameda County")


@pytest.mark.parametrize("size", ["letter", "a4"])
def test_press_has_fold_marks_outside_the_trim_and_says_how_to_duplex(
    brochures: dict, size: str
) -> None:
    built = brochures[size, "press"]
    for page, side in zip(built.document.pages, SIDES, strict=True):
        ranges = list(panel_ranges(size, side, 0.0).values())
        folds = sorted(hi for _, hi in ranges[:-1])
        marks = [i for i in page.items if isinstance(i, LineItem) and i.slot == "fold-mark"]
        assert sorted({round(m.x1, 2) for m in marks}) == pytest.approx(folds, abs=0.01)
        for mark in marks:
            assert mark.x1 == mark.x2
            outside_top = max(mark.y1, mark.y2) < -page.bleed
            outside_bottom = min(mark.y1, mark.y2) > page.height + page.bleed
            assert outside_top or outside_bottom
    slugs = [words(text) for text in pdfread.text(built.pdf)]
    assert "print two-sided, flip on long edge" in slugs[0]
    assert "this side is turned 180 degrees" in slugs[1]
    office = brochures[size, "office"].document
    assert not [
        i
        for p in office.pages
        for i in p.items
        if isinstance(i, LineItem) and i.slot == "fold-mark"
    ]


def _backgrounds_only(document: Document, spec: LayoutSpec) -> Document:
    """The document with nothing but its deliberate backgrounds (the `rect` slots)."""
    pages = []
    for page, page_spec in zip(document.pages, spec.pages, strict=True):
        keep = {slot.id for slot in page_spec.slots if slot.kind == "rect"}
        items = tuple(i for i in page.items if isinstance(i, RectItem) and i.slot in keep)
        pages.append(replace(page, items=items, rotation=0))
    return replace(document, pages=tuple(pages))


@pytest.mark.parametrize(("size", "profile"), [("letter", "office"), ("a4", "press")])
def test_pixels_on_the_folds_are_only_background(
    brochures: dict, project: Project, size: str, profile: str
) -> None:
    """Rasterize each side, then again with only its backgrounds: the folds must match."""
    built = brochures[size, profile]
    spec = load_layout(
        layout_file(project.layouts_dir, "brochure"), project.root, size, Diagnostics()
    )
    assert spec is not None
    upright = replace(
        built.document, pages=tuple(replace(p, rotation=0) for p in built.document.pages)
    )
    full = render_pdf(upright, project.fonts)
    bare = render_pdf(_backgrounds_only(built.document, spec), project.fonts)
    dpi = 100
    scale = dpi / 72
    offset = origin(built)
    for index, side in enumerate(SIDES):
        with_text = pdfread.render(full, page=index, dpi=dpi)
        without = pdfread.render(bare, page=index, dpi=dpi)
        top = round(offset * scale)
        bottom = round((offset + TRIM[size][1]) * scale)
        for _, fold in list(panel_ranges(size, side, offset).values())[:-1]:
            x0, x1 = round((fold - 1.5 * MM) * scale), round((fold + 1.5 * MM) * scale)
            box = (x0, top, x1, bottom)
            diff = ImageChops.difference(with_text.crop(box), without.crop(box))
            assert max(high for _, high in diff.getextrema()) <= 8, (side, fold / MM)
        # ...and the check has teeth: the sides do have ink that is not background.
        assert ImageChops.difference(with_text, without).getbbox() is not None


# --- content ---------------------------------------------------------------------------------


def test_every_statistic_shows_its_source(brochures: dict, project: Project) -> None:
    """Each flow section or chart that prints a figure also prints that figure's source."""
    built = brochures["letter", "office"]
    pack = project.pack("alameda-heart", Diagnostics())
    assert pack is not None
    texts: dict[str, str] = {}
    for _, item in built.document.text_items():
        group = item.slot.split("/")[1] if "/" in item.slot else item.slot
        texts[group] = texts.get(group, "") + " " + words(item.text)
    by_display: dict[str, set[str]] = {}
    for stat in pack.statistics.values():
        display = f"{stat.value:g}%" if stat.unit == "percent" else f"{stat.value:g} million"
        by_display.setdefault(display, set()).add(pack.sources[stat.source].short)
    shown = 0
    for group, text in texts.items():
        for display, sources in by_display.items():
            if group != "slug" and display in text:
                # Equal figures (25%) may come from different sources: one must be named.
                assert any(f"Source: {source}" in text for source in sources), (group, display)
                shown += 1
    assert shown >= len(by_display)


def test_chart_labels_are_text_and_values_come_from_the_pack(brochures: dict) -> None:
    built = brochures["letter", "office"]
    inside = built.document.pages[1]
    bars = {i.slot: i for i in inside.items if isinstance(i, RectItem) and "/chart-" in i.slot}
    expected = {
        "pregnant_or_parenting": 15,
        "mental_health": 25,
        "chronic_absenteeism": 41,
        "runaway_history": 64,
        "prior_victimization": 74,
    }
    labels = [i for i in inside.text_items() if "/chart-label-" in i.slot]
    assert [words(i.text) for i in labels[:5]] == [
        "Pregnant or parenting",
        "Mental health challenges",
        "Chronic absenteeism",
        "Runaway history",
        "Prior victimization",
    ]
    risk = "story/risk_factors/chart"
    for index, value in enumerate(expected.values()):
        track, bar = bars[f"{risk}-track-{index}"], bars[f"{risk}-bar-{index}"]
        assert bar.rect.w / track.rect.w == pytest.approx(value / 100, abs=0.001)
    waffle = "story/global_facts/chart"
    for index, value in enumerate((81, 25, 75)):
        dots = [
            i
            for i in inside.items
            if isinstance(i, RectItem) and i.slot.startswith(f"{waffle}-dot-{index}-")
        ]
        assert len(dots) == 100
        assert sum(1 for d in dots if d.paint == dots[0].paint) == value
    (text,) = pdfread.text(built.pdf)[1:]
    for label in (
        "Pregnant or parenting",
        "15%",
        "Mental health challenges",
        "25%",
        "Chronic absenteeism",
        "41%",
        "Runaway history",
        "64%",
        "Prior victimization",
        "74%",
        "40.3 million",
        "victims worldwide",
        "81%",
        "are trapped in forced labor",
        "are children",
        "75%",
        "are women and girls",
    ):
        assert label in text
    # Vector drawing only: no image XObjects on any page.
    for page in PdfReader(io.BytesIO(built.pdf)).pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        assert not [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]


@pytest.mark.parametrize(("size", "profile"), VARIANTS)
def test_every_qr_code_decodes_to_its_link(brochures: dict, size: str, profile: str) -> None:
    built = brochures[size, profile]
    expected = sorted(qr.data for _, qr in built.document.qr_items())
    assert expected == sorted(
        [
            "https://humantraffickinghotline.org",
            "https://polarisproject.org",
            "https://da.alamedacountyca.gov",
            "tel:+18883737888",
        ]
    )
    found = []
    for page in range(2):
        found.extend(pdfread.decode_qr_codes(pdfread.render(built.pdf, page=page, dpi=150)))
    assert sorted(found) == expected


def test_codes_are_big_enough_to_scan_in_the_hand(brochures: dict) -> None:
    for built in brochures.values():
        for _, qr in built.document.qr_items():
            assert qr.module_size / MM >= 0.4
            assert qr.quiet_zone == 4


def test_press_file_is_cmyk_and_small_text_is_pure_k(brochures: dict) -> None:
    built = brochures["letter", "press"]
    assert not pdfread.uses_rgb(built.pdf)
    for page in built.document.pages:
        for item in page.items:
            if isinstance(item, QrItem):
                assert item.paint.is_pure_black()
            if isinstance(item, TextItem) and item.size < 9:
                for line in item.lines:
                    for run in line.runs:
                        white = run.paint.values == (0.0, 0.0, 0.0, 0.0)
                        assert run.paint.is_pure_black() or white, (item.slot, run.paint)


def test_every_font_is_embedded(brochures: dict) -> None:
    for font in pdfread.fonts(brochures["a4", "press"].pdf):
        assert font.embedded, font
        assert "Helvetica" not in font.name


def test_builds_are_byte_identical(project: Project) -> None:
    first = build_material("brochure", size="a4", profile="press", project_dir=project.root)
    second = build_material("brochure", size="a4", profile="press", project_dir=project.root)
    assert first.pdf == second.pdf


def test_type_stays_at_or_above_its_minimum(brochures: dict, project: Project) -> None:
    for built in brochures.values():
        for _, item in built.document.text_items():
            assert item.size <= item.requested_size + 1e-6
            assert item.size >= 6.0


def test_the_default_kit_builds_brochures_with_the_agreed_names(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status = cli.main(["build", "--material", "brochure", "--out", str(tmp_path)])
    assert status == 0, capsys.readouterr().err
    names = {p.name for p in tmp_path.glob("*.pdf")}
    assert {
        "brochure-a4-en-office.pdf",
        "brochure-a4-en-press.pdf",
        "brochure-letter-en-office.pdf",
        "brochure-letter-en-press.pdf",
        "brochure-letter-zh-Hant-press.pdf",
        "brochure-a4-ar-office.pdf",
        "brochure-letter-fa-digital.pdf",  # for the website (issue 19): letter only
    } <= names
    assert len(names) == 2 * 2 * 14 + 14  # sizes x print profiles x languages, + digital
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    for entry in manifest["files"]:
        assert entry["pages"] == 2
        assert "https://polarisproject.org" in entry["qr_payloads"]


@pytest.mark.parametrize(("size", "profile"), VARIANTS)
def test_builds_without_any_diagnostic(project: Project, size: str, profile: str) -> None:
    """A clean run: no errors and no warnings (type size, contrast, inks) either."""
    diags = Diagnostics()
    built = build_job(project, "alameda-heart", Job("brochure", size, "en", profile), diags)
    assert built is not None
    assert not diags.items, [d.short() for d in diags.items]


LANGUAGES = sorted(p.stem for p in (ROOT / "content" / "alameda-heart" / "locale").glob("*.po"))


# Languages whose letter brochure leaves out its optional block (the H.E.A.R.T. Team
# paragraph, which the back cover also carries) to keep body text at 9 pt (issue 16).
DROPS_OPTIONAL = {("tl", "letter"), ("ru", "letter")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_translated_brochures_build(project: Project, language: str) -> None:
    """Every drafted translation lays out: longer text adapts, then shrinks, never spills.

    Body text holds its size in every language (issue 16): 9 pt on letter, and the same
    scaled size as English on A4.
    """
    for size in ("letter", "a4"):
        diags = Diagnostics()
        built = build_job(project, "alameda-heart", Job("brochure", size, language, "press"), diags)
        assert built is not None, [d.short() for d in diags.errors]
        dropped = {"layout.dropped-block"} if (language, size) in DROPS_OPTIONAL else set()
        # No small type reversed out of the cover's teal (issue 20's ink check).
        assert {d.code for d in diags.items} - {"i18n.needs-review"} == dropped
        english = build_job(project, "alameda-heart", Job("brochure", size, "en", "press"), diags)
        assert english is not None
        assert _body_sizes(built.document) == _body_sizes(english.document)


def _body_sizes(document: Document) -> set[float]:
    """Type sizes of the story's running text (its most common size).

    The type size the role is set at, line by line: Arabic-script and Khmer glyphs are
    drawn larger than it, at their optical size (tests/test_text_typography.py).
    """
    sizes = [
        item.size
        for _, item in document.text_items()
        if item.slot.startswith("story/") and "/chart" not in item.slot
        for line in item.lines
    ]
    common = max(set(sizes), key=sizes.count)
    return {common}


def test_right_to_left_brochures_read_from_the_right(project: Project) -> None:
    built = build_material("brochure", language="ar", project_dir=project.root)
    inside = built.document.pages[1]
    right_panel = (2 * 3.6875 * INCH, 11 * INCH)
    first = next(i for i in inside.text_items() if i.slot == "story/about")
    assert right_panel[0] <= first.rect.x < right_panel[1]
    # Bars grow from the right edge of their track; the first waffle stands at the right.
    risk = "story/risk_factors/chart"
    track = inside.item(f"{risk}-track-0")
    bar = inside.item(f"{risk}-bar-0")
    assert isinstance(track, RectItem)
    assert isinstance(bar, RectItem)
    assert bar.rect.right == pytest.approx(track.rect.right)
    assert bar.rect.x > track.rect.x + track.rect.w / 2  # 15%: a short bar on the right
    waffle = "story/global_facts/chart"
    first_cell = inside.item(f"{waffle}-dot-0-0")
    last_column = inside.item(f"{waffle}-dot-2-0")
    assert isinstance(first_cell, RectItem)
    assert isinstance(last_column, RectItem)
    assert first_cell.rect.x > last_column.rect.x


def test_right_to_left_sheets_mirror_as_a_whole_and_still_fold(project: Project) -> None:
    """Arabic: the front cover is the outside's left panel and opens the other way.

    Both sides mirror, so each panel still backs its partner, and the fold marks follow.
    """
    built = build_material("brochure", language="ar", profile="press", project_dir=project.root)
    outside, inside = built.document.pages
    width = 11 * INCH
    cover = outside.item("front-bg")
    assert isinstance(cover, RectItem)
    assert cover.rect.x < 0  # bleeds off the left edge
    assert cover.rect.right == pytest.approx(3.6875 * INCH)
    for page, folds in ((outside, [3.6875, 7.375]), (inside, [3.625, 7.3125])):
        marks = {
            round(i.x1, 2) for i in page.items if isinstance(i, LineItem) and i.slot == "fold-mark"
        }
        assert sorted(marks) == pytest.approx([f * INCH for f in folds], abs=0.01)
    # Behind the cover (outside x in [0, 3.6875 in]) is, after the long-edge turn, the inside
    # at [width - 3.6875 in, width]: where the Arabic text begins.
    first = next(i for i in inside.text_items() if i.slot == "story/about")
    assert width - 3.6875 * INCH <= first.rect.x < width
    found = []
    for page in range(2):
        found.extend(pdfread.decode_qr_codes(pdfread.render(built.pdf, page=page, dpi=150)))
    assert len(found) == 4


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_right_to_left_figures_and_links_line_up_from_the_right(
    project: Project, language: str
) -> None:
    """Facts set in the piece's language: `40.3 میلیون` reads from the right, bar values
    sit at the end of the line (the left), and each link lines up under its caption's
    right edge (a script reader's review of the Persian and Arabic brochures)."""
    built = build_material("brochure", language=language, project_dir=project.root)
    outside, inside = built.document.pages
    waffle = "story/global_facts/chart"
    headline = inside.item(f"{waffle}-headline")
    assert isinstance(headline, TextItem)
    (line,) = headline.lines
    number = next(run for run in line.runs if "40" in run.text)
    unit = next(run for run in line.runs if run.direction == "rtl" and run.text.strip())
    assert number.x > unit.x  # read first, so drawn right of the word
    assert line.x + line.width == pytest.approx(headline.rect.right, abs=0.5)
    risk = "story/risk_factors/chart"
    value, label = inside.item(f"{risk}-value-0"), inside.item(f"{risk}-label-0")
    assert isinstance(value, TextItem)
    assert isinstance(label, TextItem)
    assert value.lines[0].x + value.lines[0].width < label.lines[0].x
    for index in range(3):
        caption = outside.item(f"help/resources/qr-{index}-caption")
        assert isinstance(caption, TextItem)
        rights = {round(line.x + line.width, 1) for line in caption.lines}
        assert len(rights) == 1, caption.text  # label and link share the right edge
