"""The validated model of a content pack: frozen dataclasses for packs and pieces.

Input: values checked by `content/`. Output: immutable objects that the later stages
read. Layout files have theirs in `layout_specs.py`. Nothing here parses files or draws.
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
class SectionText:
    """One text of a pack section: a content key, and what it is (paragraph, list...)."""

    key: str
    kind: str  # "paragraph", "subheading", "list" (bulleted), "source" (a source line)
    location: Location
    optional: bool = False  # left out, with a warning, when the brochure cannot fit it


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class SectionCode:
    """A resource's QR code: a contact (tel or sms) or a link, and its caption's key."""

    contact: str | None
    link: str | None
    scheme: str  # "tel", "sms" or "https"
    caption_key: str
    location: Location


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class PackSection:
    """A titled block the pack declares (`sections:` in pack.yaml), in reading order.

    Layouts place sections by role (the brochure flows them in order), never by one pack's
    key names. Every field names content keys, statistics, contacts or links of the pack,
    so the translations (keyed by content key) are the pack's own.
    """

    id: str
    kind: str  # "paragraphs", "list", "statistics", "resources" or "callout"
    title: str  # a content key
    location: Location
    text: tuple[SectionText, ...] = ()  # before the kind's own part
    items: SectionText | None = None  # list: the content list printed with bullets
    chart: str = ""  # statistics: "bars" or "waffles"
    headline: ChartEntry | None = None  # statistics (waffles): the large figure
    statistics: tuple[ChartEntry, ...] = ()
    source: str | None = None  # statistics: the content key of the source line
    codes: tuple[SectionCode, ...] = ()  # resources: QR codes with captions
    after: tuple[SectionText, ...] = ()  # after the kind's own part
    optional: bool = False  # the whole section may be left out to fit


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
    sections: tuple[PackSection, ...] = ()  # `sections:`: what the brochure flows, in order
    # `languages:` in pack.yaml: languages the project does not bundle, with their names
    added_languages: dict[str, AddedLanguage] = field(default_factory=dict)

    def entries_behind(self, keys: Iterable[str]) -> list[str]:
        """The entries behind content keys a layout names: list keys become their items.

        A key also stands for the variants a layout picks by suffix (a card's
        `card.qr_caption` prints `card.qr_caption_tel` or `card.qr_caption_sms`).
        """
        found: dict[str, None] = {}
        for key in keys:
            for item in self.lists.get(key, (key,)):
                if item in self.texts:
                    found[item] = None
            for other in self.texts:
                if other.startswith(key + "_"):
                    found[other] = None
        return list(found)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class FontOverride:
    """A pack's own TrueType fonts for one language (`fonts:` in pack.yaml), checked on load."""

    language: str
    regular: Path
    bold: Path | None
    location: Location
    # No bold file of its own (or the regular named again) for a language not written in
    # Latin: Latin text keeps the bundled Latin bold instead of the regular file (issue 15).
    latin_bold: bool = False


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class AddedLanguage:
    """A language a pack declares itself (`languages:` in pack.yaml): its names, direction, script.

    So a bilingual poster heads its column with the language's own name even where CLDR
    has none (Hmong), and the text engine knows its direction.
    """

    tag: str
    name: str  # the autonym, in the language's own script: `Hmoob`, `ພາສາລາວ`
    english: str  # its English name: `Hmong`, `Lao`
    direction: str  # "ltr" or "rtl"
    script: str  # ISO 15924: `Latn`, `Laoo`
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
    # Entries with no translation yet, and where each belongs (its PO entry, or the file):
    # a material that prints none of them builds (issue 15, item 6).
    missing: dict[str, Location] = field(default_factory=dict)

    def printed_keys(self, keys: Iterable[str]) -> list[str]:
        """The entries behind content keys a layout names: list keys become their items.

        A key also stands for the variants a layout picks by suffix (a card's
        `card.qr_caption` prints `card.qr_caption_tel` or `card.qr_caption_sms`).
        """
        return self.pack.entries_behind(keys)

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
class ChartEntry:
    """One value of a chart: a statistic of pack.yaml and the content key of its label."""

    stat: str
    label_key: str
    location: Location
