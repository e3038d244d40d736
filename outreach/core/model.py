"""The validated model: frozen dataclasses for content packs, layouts and profiles.

Input: values checked by `content.py` and `layouts/`. Output: immutable objects that
the later stages read. Nothing here parses files or draws.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from outreach.core.diagnostics import Location
from outreach.core.values import value_methods

# --- Content ----------------------------------------------------------------------------


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Contact:
    """A phone contact stated once in pack.yaml: how it is printed and how it is dialled."""

    key: str
    name: str
    kind: str  # "voice", "sms" or "short" (a short code such as 911 or 711)
    display: str
    dial: str  # E.164 (+18883737888) for voice numbers, digits for short codes
    location: Location
    alternate: str | None = None
    keyword: str | None = None
    hours: str | None = None
    source: str | None = None

    def tel_uri(self) -> str:
        """`tel:` URI for a QR code or a link annotation."""
        return f"tel:{self.dial}"

    def sms_uri(self) -> str:
        """`SMSTO:` payload with the keyword, understood by iOS and Android camera apps."""
        body = f":{self.keyword}" if self.keyword else ""
        return f"SMSTO:{self.dial}{body}"


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Link:
    """A first-party https link stated once in pack.yaml."""

    key: str
    url: str
    location: Location
    verify: str | None = None

    @property
    def display(self) -> str:
        """The link as printed: without the scheme and a trailing slash."""
        text = self.url.removeprefix("https://")
        return text.rstrip("/") if text.count("/") == 1 else text


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Source:
    """Where statistics come from; every printed statistic names one."""

    key: str
    name: str
    short: str
    location: Location
    link: str | None = None
    year: int | None = None
    note: str | None = None


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Statistic:
    """A number with its unit and its source key."""

    key: str
    value: float
    unit: str  # "percent", "million" or "count"
    source: str
    location: Location


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class ImageFile:
    """A picture a pack names (its logo or an entry of `images:`), read and checked on load.

    `format` is "png", "jpeg" or "svg". A raster has its size in pixels, its Pillow mode
    and whether it has transparency; an SVG its size in points (`width`, `height` from its
    viewBox or width and height). `data` is the file's bytes, `location` the pack entry.
    """

    key: str
    path: Path
    format: str
    data: bytes
    width: float
    height: float
    alt: str
    licence: str
    location: Location
    credit: str | None = None
    mode: str = ""  # raster only: Pillow's mode ("RGB", "RGBA", "CMYK", "L", "P"...)
    transparent: bool = False


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Organization:
    """The publishing organisation printed on every piece."""

    name: str
    location: Location
    team: str | None = None
    link: str | None = None
    local_contact: str | None = None  # a contact key: the publisher's own line, if it has one
    logo: ImageFile | None = None  # `organization.logo`: shown where a layout has a logo slot


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class TextEntry:
    """One translatable source string, keyed like `poster.headline` or `poster.signs[2]`."""

    key: str
    text: str
    location: Location


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Pack:
    """A content pack: facts from pack.yaml and English source text from content.yaml."""

    id: str
    title: str
    root: Path
    display_root: str
    source_language: str
    languages: tuple[str, ...]
    organization: Organization
    contacts: dict[str, Contact]
    links: dict[str, Link]
    sources: dict[str, Source]
    statistics: dict[str, Statistic]
    allowed_hosts: tuple[str, ...]
    texts: dict[str, TextEntry]  # leaf strings, list items as `key[i]`
    lists: dict[str, tuple[str, ...]]  # list key -> its item keys, in order
    fonts: dict[str, FontOverride] = field(default_factory=dict)  # language -> its fonts
    images: dict[str, ImageFile] = field(default_factory=dict)  # `images:` by key
    brand: dict[str, Color] = field(default_factory=dict)  # `brand.colors`: palette overrides


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class FontOverride:
    """A pack's own TrueType fonts for one language (`fonts:` in pack.yaml), checked on load."""

    language: str
    regular: Path
    bold: Path | None
    location: Location


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class LocalizedText:
    """A string ready to lay out: interpolated, NFC-normalised, in one language."""

    key: str
    text: str
    language: str
    location: Location


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Piece:
    """Everything a layout needs for one language: texts plus the pack's facts."""

    pack: Pack
    language: str
    texts: dict[str, LocalizedText]
    unreviewed: bool = False  # some translations still carry the needs-review flag
    # The keys whose translation is a draft (needs-review) or stale: a material that prints
    # none of them is reviewed, even while other entries of the language are drafts (issue 18).
    drafts: frozenset[str] = frozenset()

    def printed_keys(self, keys: Iterable[str]) -> list[str]:
        """The entries behind content keys a layout names: list keys become their items.

        A key also stands for the variants a layout picks by suffix (a card's
        `card.qr_caption` prints `card.qr_caption_tel` or `card.qr_caption_sms`).
        """
        found: dict[str, None] = {}
        for key in keys:
            for item in self.pack.lists.get(key, (key,)):
                if item in self.pack.texts:
                    found[item] = None
            for other in self.pack.texts:
                if other.startswith(key + "_"):
                    found[other] = None
        return list(found)

    def drafts_among(self, keys: Iterable[str]) -> list[str]:
        """Which of the entries behind `keys` are drafts, in order."""
        return [key for key in self.printed_keys(keys) if key in self.drafts]

    def text(self, key: str) -> LocalizedText:
        """The localized string for a key (layouts are checked against the pack first)."""
        return self.texts[key]

    def items(self, key: str) -> tuple[LocalizedText, ...]:
        """The localized items of a list key, in order."""
        return tuple(self.texts[k] for k in self.pack.lists[key])


# --- Layouts ----------------------------------------------------------------------------


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Color:
    """A colour in both spaces, chosen by a designer; the profile picks one."""

    name: str
    rgb: tuple[float, float, float]
    cmyk: tuple[float, float, float, float]
    location: Location | None = field(default=None, compare=False)  # its `cmyk` in the file
    rich_black: bool = False  # declared: allowed on large areas (checks/inks.py)


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
    align: str = "center"  # image: left, center or right inside the box


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class ChartEntry:
    """One value of a chart: a statistic of pack.yaml and the content key of its label."""

    stat: str
    label_key: str
    location: Location


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
