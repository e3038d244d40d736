"""Layout files as frozen values: type roles, slots, flows, pages, a layout and a profile.

The layout-file reader (`layout/spec/`) makes them and the layouter reads them; they sit in
`core/` because jobs, checks and the web app name them too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from outreach.core.diagnostics import Location
from outreach.core.model import ChartEntry, Color
from outreach.core.values import value_methods


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class TypeRole:
    """A type style: font weight, size range, leading, colour and spacing."""

    name: str
    weight: str  # "regular" or "bold"
    size: float
    min_size: float
    leading: float  # multiple of the size
    color: str
    space_after: float = 0.0  # multiple of the size
    align: str = "left"  # "left", "center", "right"


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Box:
    """A slot's box: x, y, width, height in points from the trim's top-left corner."""

    x: float
    y: float
    w: float
    h: float


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class TextBlock:
    """One block inside a text slot: a content key set in a type role."""

    key: str
    role: str
    bullets: bool = False


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class QrSpec:
    """What a QR slot encodes: a contact (tel/sms) or a link, and its caption."""

    contact: str | None
    link: str | None
    scheme: str  # "tel", "sms" or "https"
    caption_key: str | None
    caption_role: str
    error_correction: str = "M"


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class SlotSpec:
    """A slot of a page: where it is and what fills it."""

    id: str
    kind: str  # "text", "rect", "qr", "rule"
    box: Box
    location: Location
    blocks: tuple[TextBlock, ...] = ()
    valign: str = "top"
    fill: str | None = None
    radius: float = 0.0
    bleed_edges: tuple[str, ...] = ()
    qr: QrSpec | None = None
    max_lines: int | None = None
    stroke_width: float = 0.0
    balance: bool = False  # even out line lengths (headlines): no one-word last line
    language: int = 0  # multilingual materials: which of the job's languages fills the slot
    panel: str | None = None  # folded materials: the panel the box is measured in
    frames: tuple[Box, ...] = ()  # flow: the boxes text runs through, in reading order
    frame_names: tuple[str, ...] = ()  # flow: the panels those boxes belong to
    sections: tuple[FlowSection, ...] = ()  # flow: what runs through the frames
    title_role: str = "heading"  # flow: the role of section titles
    section_gap: float = 0.0  # flow: extra space above a section that follows another
    chart: ChartSpec | None = None  # chart: what to draw in the box
    image: str | None = None  # image: `logo` (organization.logo) or a key of the pack's images
    # flow: `sections: pack` (the pack's sections but its resources) or `resources`; filled
    # from the pack by `layout/sections.py` before the flow is laid out.
    pack_sections: str | None = None
    section_style: SectionStyle | None = None
    align: str = "center"  # image: left, center or right inside the box


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class ChartSpec:
    """A figure drawn with our own shapes and type (no raster images).

    `bars`: a labelled bar per entry on a 0-100% scale. `waffles`: an optional headline
    number, then a 10 x 10 grid of cells per percentage. `pattern`: a field of dots with
    no data, for a cover.
    """

    type: str  # "bars", "waffles" or "pattern"
    location: Location
    entries: tuple[ChartEntry, ...] = ()
    headline: ChartEntry | None = None
    source_key: str | None = None
    height: float = 0.0  # the height a chart takes inside a flow
    label_role: str = "chart_label"
    value_role: str = "chart_value"
    number_role: str = "chart_number"
    source_role: str = "source"
    color: str = "teal"
    track: str = "tint"
    colors: tuple[str, ...] = ()  # pattern: the dot colours, in order
    accent: str | None = None  # pattern: the colour of the one dot that stands out
    rows: int = 0  # pattern: rows x columns of dots
    columns: int = 0


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class FlowBlock:
    """One block of a flow section: text (breakable between lines), a chart or QR codes."""

    kind: str  # "text", "chart" or "qr"
    location: Location
    text: TextBlock | None = None
    keep_with_next: bool = False
    chart: ChartSpec | None = None
    qrs: tuple[QrSpec, ...] = ()
    qr_size: float = 0.0
    optional: bool = False  # left out, with a warning, when the flow cannot fit otherwise


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class FlowSection:
    """A section that runs through a flow's frames: a title kept with its text, then blocks."""

    id: str
    location: Location
    title: str | None
    blocks: tuple[FlowBlock, ...]
    break_before: bool = False


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class SectionStyle:
    """How a flow sets a pack's sections (`section_style:`): roles, chart heights, codes."""

    roles: dict[str, str]  # what a section's text is (SectionText.kind, "callout") -> a role
    bar_height: float  # a bar chart's height per bar
    waffle_height: float  # a waffle chart's height
    qr_size: float
    qr_caption_role: str


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class PanelSpec:
    """A panel of a folded side: its name, left edge and width in points."""

    name: str
    x: float
    w: float


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class PageSpec:
    """One side of a material, with its slots in drawing order."""

    name: str
    slots: tuple[SlotSpec, ...]
    background: str | None = None
    panels: tuple[PanelSpec, ...] = ()  # folded materials: the panels, left to right
    rotation: int = 0  # degrees the side is turned in the file (long-edge duplex backs)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class LayoutSpec:
    """A material's layout resolved for one page size; all lengths in points."""

    material: str
    path: str
    size_name: str
    width: float
    height: float
    safe: float
    min_qr_module: float
    palette: dict[str, Color]
    roles: dict[str, TypeRole]
    pages: tuple[PageSpec, ...]
    panel_margin: float = 0.0  # folded materials: the margin inside each panel
    duplex: str | None = None  # two-sided materials: "long-edge" or "short-edge"
    fold_marks: bool = False  # draw fold marks outside the trim when the profile has marks
    languages: int = 1  # how many languages one copy carries (bilingual poster: 2)

    def content_keys(self, language: int = 0, *, skip: str | None = None) -> list[str]:
        """The content keys this layout prints in its `language`-th language, in order.

        Text blocks, QR captions, chart labels and sources, flow sections' texts and
        titles: what decides whether a material prints a draft translation (issue 18).
        A slot with a block whose key starts with `skip` is left out (a card's site slots,
        printed only in a print run with sites).
        """
        found: dict[str, None] = {}

        def chart_keys(chart: ChartSpec | None) -> None:
            if chart is None:
                return
            entries = (*chart.entries, *((chart.headline,) if chart.headline else ()))
            found.update(dict.fromkeys(entry.label_key for entry in entries))
            if chart.source_key:
                found[chart.source_key] = None

        for page in self.pages:
            for slot in page.slots:
                if slot.language != language or (
                    skip and any(block.key.startswith(skip) for block in slot.blocks)
                ):
                    continue
                found.update(dict.fromkeys(block.key for block in slot.blocks))
                if slot.qr is not None and slot.qr.caption_key:
                    found[slot.qr.caption_key] = None
                chart_keys(slot.chart)
                for section in slot.sections:
                    if section.title:
                        found[section.title] = None
                    for block in section.blocks:
                        if block.text is not None:
                            found[block.text.key] = None
                        chart_keys(block.chart)
                        found.update(
                            dict.fromkeys(q.caption_key for q in block.qrs if q.caption_key)
                        )
        return list(found)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Profile:
    """How a file is produced: office (RGB, no bleed) or press (CMYK, bleed, marks)."""

    name: str
    bleed: float
    slug: float  # space outside the bleed for crop marks and the slug line
    crop_marks: bool
    color_space: str  # "rgb" or "cmyk"
    min_margin: float
    min_line_width: float = 0.25
    notes: tuple[str, ...] = field(default=())
    pdf_x: str | None = None  # "PDF/X-4" or "PDF/X-1a:2003" (press files, issue 20)
    characterization: str | None = None  # None: chosen by the paper's region
    ink_limit: float = 300.0  # total area coverage, percent
    links: bool = True  # link annotations (never in press files: PDF/X)
    # objects packed into compressed object streams: smaller files for a website (digital)
    object_streams: bool = False
