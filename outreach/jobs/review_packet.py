"""A language's review packet: its entries, where each prints, and the files a reviewer reads.

Input: a `Project`, a pack and a language. Output: `ReviewEntry`s ordered by what matters
most (numbers and safety wording, headlines, body), each with the materials that print it,
the room left in its tightest slot and a crop of the built piece around it; written as
`<lang>-review.pdf` (set by the project's own text engine, in the reviewer's script),
`<lang>-review.xlsx` (the sheet to fill in) and `<lang>-review.xlf` (XLIFF 2.0).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from outreach.content.catalogs import read_translations
from outreach.content.review import PRIORITIES, ReviewEntry, priority_of, review_order
from outreach.content.review_sheet import write_sheet
from outreach.content.review_xliff import write_xliff
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import (
    Document,
    ImageItem,
    Item,
    LineItem,
    Metadata,
    Page,
    Rect,
    TextItem,
)
from outreach.core.model import Pack, Piece
from outreach.core.text_lines import Paint
from outreach.fonts import family_for
from outreach.jobs.job import Job
from outreach.jobs.piece import build_job
from outreach.jobs.project import BuiltPiece, Project
from outreach.layout.roles import FAMILY, Typeface
from outreach.layout.sections import with_pack_sections
from outreach.layout.spec import available_materials, layout_file, load_layout
from outreach.layout.text import Paragraph, parse_spans, set_paragraphs
from outreach.render.draw import render_pdf

CROP_DPI = 110
CROP_MARGIN = 14.0  # points of the piece shown around the entry's slot
MAX_CROP_HEIGHT = 190.0  # points on the packet page
PAGE_W, PAGE_H, MARGIN = 612.0, 792.0, 40.0  # US letter, 0.55 in margins
_INK = Paint("rgb", (0.1, 0.1, 0.1))
_GREY = Paint("rgb", (0.4, 0.4, 0.4))
_RULE = Paint("rgb", (0.75, 0.75, 0.75))


@dataclass(slots=True)
class _Sighting:
    """Where an entry prints: the material, its built piece, the page and the item."""

    material: str
    built: BuiltPiece
    page: int
    item: TextItem


@dataclass(slots=True)
class Packet:
    """A language's review entries, and for each key where it was seen in a built piece."""

    language: str
    entries: list[ReviewEntry]
    sightings: dict[str, list[_Sighting]] = field(default_factory=dict)
    # key -> (English, draft) as printed: facts filled in, for reading
    printed: dict[str, tuple[str, str]] = field(default_factory=dict)


def single_materials(project: Project, diags: Diagnostics) -> list[str]:
    """Materials with one language per copy whose text comes from the PO files."""
    found = []
    for material in available_materials(project.layouts_dir):
        if material == "notice":  # its texts are the notice file's, not the catalogs'
            continue
        spec = load_layout(layout_file(project.layouts_dir, material), project.root, None, diags)
        if spec is not None and spec.languages == 1:
            found.append(material)
    return found


def materials_printing(project: Project, piece: Piece, diags: Diagnostics) -> dict[str, list[str]]:
    """Key -> the materials whose layouts print it (multilingual posters included)."""
    found: dict[str, list[str]] = {}
    for material in available_materials(project.layouts_dir):
        if material == "notice":
            continue
        spec = load_layout(layout_file(project.layouts_dir, material), project.root, None, diags)
        if spec is None:
            continue
        spec = with_pack_sections(spec, piece.pack, Diagnostics())  # the pack's sections
        for index in range(spec.languages):
            for key in piece.printed_keys(spec.content_keys(index)):
                if material not in found.setdefault(key, []):
                    found[key].append(material)
    return found


def room_left(item: TextItem) -> int | None:
    """About how many more characters the item's slot holds at its current type size.

    An estimate from the set lines (mean advance per character, lines the box has room
    for); the import builds every material again, so nothing relies on it. None for a
    flow's section, whose room is shared with the sections after it.
    """
    if "/" in item.slot or not item.lines:
        return None
    chars = sum(len(line.text) for line in item.lines)
    width = sum(line.width for line in item.lines)
    if chars == 0 or width <= 0:
        return None
    pitch = (
        item.lines[1].baseline - item.lines[0].baseline if len(item.lines) > 1 else item.size * 1.2
    )
    rows = max(len(item.lines), int((item.rect.h + 0.01) // max(pitch, 1.0)))
    capacity = rows * item.rect.w / (width / chars)
    return int(capacity * 0.9) - chars  # 10% lost where lines break between words


def collect_packet(
    project: Project, pack: Pack, language: str, diags: Diagnostics
) -> Packet | None:
    """Build every single-language material in `language` and list the entries to review."""
    translations = read_translations(pack, language, pack.display_root, diags)
    piece = project.piece(pack, language, diags)
    if translations is None or piece is None:
        return None
    where = materials_printing(project, piece, diags)
    sightings: dict[str, list[_Sighting]] = {}
    for material in single_materials(project, diags):
        built = build_job(project, pack.id, Job(material, None, language, "office"), diags)
        if built is None:
            return None
        for page_index, page in enumerate(built.document.pages):
            for item in page.text_items():
                if item.language != language:
                    continue
                for key in piece.printed_keys(k for k in item.keys if k):
                    sightings.setdefault(key, []).append(
                        _Sighting(material, built, page_index, item)
                    )
    entries = []
    for key, source in pack.texts.items():
        found = translations.get(key)
        rooms = [r for s in sightings.get(key, []) if (r := room_left(s.item)) is not None]
        entries.append(
            ReviewEntry(
                0,
                key,
                source.text,
                found.text if found else "",
                found is not None and not found.needs_review and not found.stale,
                priority_of(key, source.text),
                tuple(where.get(key, ())),
                min(rooms) if rooms else None,
            )
        )
    english = project.piece(pack, pack.source_language, diags)
    printed = {
        key: (english.texts[key].text if english else text.text, text.text)
        for key, text in piece.texts.items()
    }
    return Packet(language, review_order(entries), sightings, printed)


def _squash(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def entry_rect(item: TextItem, printed: str) -> Rect:
    """The part of an item that prints one entry: a list item among its list's lines.

    Lines whose letters all occur, in order, in the entry's printed text are its lines;
    without any, the whole item.
    """
    target = _squash(printed)
    lines = [line for line in item.lines if _squash(line.text) and _squash(line.text) in target]
    if not lines or len(lines) == len(item.lines):
        return item.rect
    top = min(line.baseline - max(run.size for run in line.runs) for line in lines if line.runs)
    bottom = max(line.baseline + 0.35 * max(run.size for run in line.runs) for line in lines)
    return Rect(item.rect.x, top, item.rect.w, bottom - top)


def crop_png(built: BuiltPiece, page: int, rect: Rect) -> tuple[bytes, float, float]:
    """The built piece around `rect`, rendered by pdfium: PNG bytes and its size in points.

    The slot is outlined in red, so the reviewer sees which text the entry is.
    """
    import pypdfium2
    from PIL import ImageDraw

    data = built.pdf if isinstance(built.pdf, bytes) else built.pdf.read_bytes()
    document = pypdfium2.PdfDocument(data)
    try:
        pdf_page = document[page]
        scale = CROP_DPI / 72
        ox = oy = built.document.pages[page].bleed + built.document.pages[page].slug
        # A turned side (a long-edge duplex back) is shown as it was laid out: the item's
        # rect is in the unturned page's coordinates.
        turn = (360 - built.document.pages[page].rotation) % 360
        image = pdf_page.render(scale=scale, rotation=turn).to_pil().convert("RGB")
    finally:
        document.close()
    page_w, page_h = image.size[0] / scale, image.size[1] / scale
    left = max(0.0, ox + rect.x - CROP_MARGIN)
    top = max(0.0, oy + rect.y - CROP_MARGIN)
    right = min(page_w, ox + rect.right + CROP_MARGIN)
    bottom = min(page_h, oy + rect.bottom + CROP_MARGIN, top + MAX_CROP_HEIGHT * 1.6)
    draw = ImageDraw.Draw(image)
    draw.rectangle(
        [
            (ox + rect.x) * scale,
            (oy + rect.y) * scale,
            (ox + rect.right) * scale,
            (oy + rect.bottom) * scale,
        ],
        outline=(220, 30, 30),
        width=2,
    )
    box = (int(left * scale), int(top * scale), int(right * scale), int(bottom * scale))
    crop = image.crop(box)
    out = io.BytesIO()
    crop.save(out, format="PNG", optimize=True)
    return out.getvalue(), right - left, bottom - top


class _PacketWriter:
    """Sets the packet's entries down US-letter pages with the project's text engine."""

    def __init__(self, project: Project, pack: Pack, language: str) -> None:
        self.fonts = project.fonts
        self.pack = pack
        self.language = language
        self.pages: list[Page] = []
        self.items: list[Item] = []
        self.y = MARGIN

    def paragraph(self, text: str, language: str, size: float, paint: Paint = _INK) -> Paragraph:
        family = FAMILY if language == "en" else family_for(language)
        face = Typeface(self.fonts, family, self.pack.fonts.get(language))  # a pack's own font
        return Paragraph(
            spans=parse_spans(text),
            size=size,
            min_size=size,
            leading=1.35,
            space_after=0.35,
            regular_font=face.font("regular"),
            bold_font=face.font("bold"),
            paint=paint,
            language=language,
        )

    def text(self, slot: str, paragraphs: list[Paragraph], key: str) -> None:
        width = PAGE_W - 2 * MARGIN
        result = set_paragraphs(paragraphs, width, 10_000.0, self.fonts)
        if self.y + result.height > PAGE_H - MARGIN:
            self.new_page()
        rect = Rect(MARGIN, self.y, width, result.height)
        self.items.append(
            TextItem(
                slot,
                rect,
                result.placed(MARGIN, self.y),
                paragraphs[0].size,
                paragraphs[0].size,
                paragraphs[0].language,
                Location(f"{self.pack.display_root}/locale/{self.language}.po", key=key),
                (key,),
            )
        )
        self.y += result.height

    def image(self, slot: str, png: bytes, width: float, height: float) -> None:
        fit = min(1.0, (PAGE_W - 2 * MARGIN) / width, MAX_CROP_HEIGHT / height)
        w, h = width * fit, height * fit
        if self.y + h > PAGE_H - MARGIN:
            self.new_page()
        self.y += 4
        self.items.append(ImageItem(slot, Rect(MARGIN, self.y, w, h), png))
        self.y += h + 6

    def rule(self) -> None:
        self.y += 4
        self.items.append(LineItem("rule", MARGIN, self.y, PAGE_W - MARGIN, self.y, 0.5, _RULE))
        self.y += 8

    def new_page(self) -> None:
        self.pages.append(
            Page(str(len(self.pages) + 1), PAGE_W, PAGE_H, 0.0, 0.0, tuple(self.items))
        )
        self.items = []
        self.y = MARGIN

    def document(self) -> Document:
        if self.items:
            self.new_page()
        return Document(
            material="review-packet",
            size="letter",
            language=self.language,
            profile="office",
            color_space="rgb",
            pages=tuple(self.pages),
            metadata=Metadata(
                title=f"{self.pack.title}: {self.language} translation review",
                author=self.pack.organization.name,
                subject="entries to review, with where each one prints",
                language=self.language,
            ),
        )


def packet_document(project: Project, pack: Pack, packet: Packet) -> Document:
    """The packet as a Document: a cover note, then each entry with its crop."""
    writer = _PacketWriter(project, pack, packet.language)
    language = packet.language
    drafts = sum(1 for e in packet.entries if not e.reviewed)
    writer.text(
        "title",
        [
            writer.paragraph(f"**{pack.title}: review of the {language} translation**", "en", 14),
            writer.paragraph(
                f"{len(packet.entries)} entries, {drafts} not yet reviewed. For each: the "
                "English, the draft, the materials that print it, about how many characters "
                "its slot has left, and the built piece around it (outlined in red). Write "
                f"your decisions in {language}-review.xlsx: approve, change (with the new "
                "text; keep every {{ ... }} exactly) or question (with a comment).",
                "en",
                9.5,
                _GREY,
            ),
        ],
        "",
    )
    writer.rule()
    for entry in packet.entries:
        room = (
            "room left: unknown (flowing text)"
            if entry.room is None
            else (f"room left: about {entry.room} characters")
        )
        state = "reviewed" if entry.reviewed else "draft"
        english, draft = packet.printed.get(entry.key, (entry.english, entry.draft))
        writer.text(
            f"entry-{entry.number}",
            [
                writer.paragraph(
                    f"**{entry.number}. {PRIORITIES[entry.priority]}** | {state} | "
                    f"{', '.join(entry.materials) or 'printed by no material'} | {room}",
                    "en",
                    8.5,
                    _GREY,
                ),
                writer.paragraph(english, "en", 10),
                writer.paragraph(draft or "(no translation)", language, 12),
            ],
            entry.key,
        )
        seen = packet.sightings.get(entry.key, [])
        if seen:
            # The sighting that holds the entry's own lines (a list item's chunk of a flow).
            rects = [(s, entry_rect(s.item, draft) if draft else s.item.rect) for s in seen]
            first, rect = next(
                ((s, r) for s, r in rects if r != s.item.rect or len(s.item.keys) == 1),
                rects[0],
            )
            png, width, height = crop_png(first.built, first.page, rect)
            writer.image(f"crop-{entry.number}", png, width, height)
        writer.rule()
    return writer.document()


def write_packet(
    project: Project, pack: Pack, language: str, out_dir: Path, diags: Diagnostics
) -> list[Path] | None:
    """Write `<lang>-review.pdf`, `.xlsx` and `.xlf` into `out_dir`; None on errors."""
    packet = collect_packet(project, pack, language, diags)
    if packet is None or diags.has_errors():
        return None
    document = packet_document(project, pack, packet)
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / f"{language}-review.pdf"
    pdf.write_bytes(render_pdf(document, project.fonts))
    sheet = write_sheet(packet.entries, pack.id, language, out_dir / f"{language}-review.xlsx")
    xliff = write_xliff(packet.entries, language, out_dir / f"{language}-review.xlf")
    return [pdf, sheet, xliff]
