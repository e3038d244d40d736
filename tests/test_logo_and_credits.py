"""The logo in the 52.6 notice's footer, and image credit lines (issue 15).

Read from the PDFs themselves: the notice draws the pack's SVG logo as vector paths at
the footer's right end, below the statutory text; a picture's `credit:` is printed under
it as text that copies out and that the tag tree reads.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
from PIL import Image

from outreach import build_material
from outreach.core.diagnostics import Diagnostics
from outreach.core.document import ImageItem, TextItem
from outreach.jobs.job import Job
from outreach.jobs.piece import build_job
from outreach.jobs.project import Project
from tests.conftest import ROOT, copy_project
from tests.pdfread import text

FIXTURE = Path(__file__).parent / "fixtures" / "riverbend"
CREDIT = "Photo: Riverbend Community Health Coalition, CC0"


def _notice(project: Path) -> bytes:
    diags = Diagnostics()
    built = build_job(
        Project(project),
        "alameda-heart",
        Job("notice", "11x14", "", "press", county="alameda"),
        diags,
    )
    assert built is not None, [d.short() for d in diags.errors]
    return built.pdf


def _svg_paths_in_footer(pdf: bytes) -> tuple[int, list[str]]:
    """Image XObjects on the page, and the form XObjects' names (svglib draws into forms)."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        resources = doc.pages[0].Resources
        xobjects = resources.get("/XObject", {})
        images = [k for k, v in xobjects.items() if v.get("/Subtype") == "/Image"]
        forms = [k for k, v in xobjects.items() if v.get("/Subtype") == "/Form"]
        return len(images), forms


def test_the_notice_prints_the_packs_logo_in_its_footer() -> None:
    diags = Diagnostics()
    project = Project(ROOT)
    built = build_job(
        project, "alameda-heart", Job("notice", "11x14", "", "press", county="alameda"), diags
    )
    assert built is not None, [d.short() for d in diags.errors]
    page = built.document.pages[0]
    logos = [item for item in page.items if isinstance(item, ImageItem)]
    assert len(logos) == 1
    logo = logos[0]
    assert logo.format == "svg"
    assert logo.alt == "Alameda County District Attorney's Office"
    texts = [item for item in page.items if isinstance(item, TextItem)]
    statute = [item for item in texts if item.slot.startswith("notice-")]
    footer = next(item for item in texts if item.slot == "translation-status")
    # Below every line of the statutory text, at the right, clear of the footer's labels.
    assert logo.rect.y >= max(item.rect.y + item.rect.h for item in statute)
    assert logo.rect.x + logo.rect.w <= page.width - 0.5 * 72 + 0.01
    footer_right = max(line.x + line.width for line in footer.lines)
    assert footer_right <= logo.rect.x
    # Vector in the PDF: no image XObject, and the wordmark's outlines are drawn.
    images, _forms = _svg_paths_in_footer(built.pdf)
    assert images == 0
    rendered = pdfium.PdfDocument(built.pdf)[0].render(scale=1).to_pil().convert("L")
    x0 = int(logo.rect.x + built.document.pages[0].bleed + built.document.pages[0].slug)
    y0 = int(logo.rect.y + built.document.pages[0].bleed + built.document.pages[0].slug)
    crop = rendered.crop((x0, y0, x0 + int(logo.rect.w), y0 + int(logo.rect.h)))
    assert crop.getextrema()[0] < 128  # ink where the logo is


def test_a_pack_without_a_logo_leaves_the_footer_as_it_was(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    pack = project / "content" / "alameda-heart" / "pack.yaml"
    text_ = pack.read_text(encoding="utf-8")
    start = text_.index("  # A wordmark drawn")
    end = text_.index("\ncontacts:")
    pack.write_text(text_[:start] + text_[end:], encoding="utf-8")
    pdf = _notice(project)
    assert _svg_paths_in_footer(pdf) == (0, [])  # nothing drawn from a picture
    built = build_job(
        Project(project),
        "alameda-heart",
        Job("notice", "11x14", "", "press", county="alameda"),
        Diagnostics(),
    )
    assert built is not None
    assert not [i for i in built.document.pages[0].items if isinstance(i, ImageItem)]


# --- credit lines -----------------------------------------------------------------------------

FLYER = """material: flyer
sizes:
  letter: [8.5in, 11in]
default_size: letter
safe: 0.5in
min_qr_module: 1mm
palette:
  ink: {rgb: "#1b1b1b", cmyk: [0, 0, 0, 100]}
  paper: {rgb: "#ffffff", cmyk: [0, 0, 0, 0]}
roles:
  headline: {weight: bold, size: 30pt, min_size: 24pt, leading: 1.1, color: ink}
  small: {weight: regular, size: 8pt, min_size: 8pt, leading: 1.2, color: ink}
pages:
  - name: front
    background: paper
    slots:
      - {id: headline, kind: text, box: [10%, 8%, 80%, 12%], text: poster.headline,
         role: headline}
      - {id: photo, kind: image, image: street, box: [10%, 25%, 80%, 45%]}
"""


def _flyer_project(tmp_path: Path, credit: str | None) -> Path:
    project = tmp_path / "riverbend"
    shutil.copytree(FIXTURE, project)
    pack = project / "content" / "riverbend"
    # A plain picture, 300 ppi at the slot's size, made here rather than stored.
    Image.new("RGB", (2040, 1490), (40, 90, 110)).save(pack / "images" / "street.png")
    entry = (
        '  street: {file: images/street.png, alt: "A street at dusk", licence: "CC0"'
        + (f', credit: "{credit}"' if credit else "")
        + "}\n"
    )
    pack_yaml = pack / "pack.yaml"
    text_ = pack_yaml.read_text(encoding="utf-8")
    pack_yaml.write_text(
        text_.replace("\ncontacts:\n", "\nimages:\n" + entry + "\ncontacts:\n", 1),
        encoding="utf-8",
    )
    (project / "layouts").mkdir()
    (project / "layouts" / "flyer.yaml").write_text(FLYER, encoding="utf-8")
    return project


def _paragraphs(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        found = 0
        stack = [doc.Root.StructTreeRoot.K]
        while stack:
            element = stack.pop()
            if isinstance(element, pikepdf.Array):
                stack.extend(element)
                continue
            if not isinstance(element, pikepdf.Dictionary):
                continue
            if element.get("/Type") == "/StructElem" and element.get("/S") == "/P":
                found += 1
            kids = element.get("/K")
            if kids is not None:
                stack.append(kids)
        return found


def test_an_images_credit_is_printed_under_it_and_read_as_text(tmp_path: Path) -> None:
    with_credit = build_material(
        "flyer", pack="riverbend", project_dir=_flyer_project(tmp_path / "a", CREDIT)
    )
    without = build_material(
        "flyer", pack="riverbend", project_dir=_flyer_project(tmp_path / "b", None)
    )
    assert CREDIT in " ".join(text(with_credit.pdf)[0].split())
    assert "Photo:" not in text(without.pdf)[0]
    items = with_credit.document.pages[0].items
    photo = next(i for i in items if isinstance(i, ImageItem))
    credit = next(i for i in items if isinstance(i, TextItem) and i.slot == "photo/credit")
    assert not credit.artifact
    assert credit.rect.y >= photo.rect.y + photo.rect.h  # under the picture
    assert credit.rect.y + credit.rect.h <= (0.25 + 0.45) * 11 * 72 + 0.01  # inside its box
    assert credit.size == 8.0  # the layout's smallest role: never below its minimum
    # In the tag tree: one paragraph more than the same flyer without a credit.
    assert _paragraphs(with_credit.pdf) == _paragraphs(without.pdf) + 1
