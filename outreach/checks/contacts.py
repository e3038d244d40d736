"""Every phone number and link a piece prints or opens is one of the pack's contacts.

Input: a laid-out `Document` (or a page of a streamed print run) and the `Directory` of
what its pack allows. Output: `check.unknown-number` / `check.unknown-link` errors.

This is the last guard of the promise the tool rests on. Templates can only name facts
(`templating.py`), but a number can still be typed into a translation, a content string,
a site list or a layout; whatever the route, the printed text is read here as a reader
would read it (libphonenumber's matcher, keypad spellings, any script's digits, links as
a browser parses them) before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field

from outreach.content.phones import (
    ascii_digits,
    dial_digits,
    dials,
    find_phone_numbers,
    parse_dial_form,
    region_of,
)
from outreach.content.safety import parse_link
from outreach.content.templating import format_statistic
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.document import (
    Document,
    FigureItem,
    GroupItem,
    ImageItem,
    Item,
    LinkItem,
    Page,
    QrItem,
    TextItem,
)
from outreach.core.model import Contact, Pack
from outreach.core.values import value_methods

DEFAULT_REGION = "US"
# Slots our own code fills with production marks: file name, sheet and page numbers.
PRINTERS_MARKS = ("slug", "crop-mark")
# US dialling codes that reach a service: 211 ... 911, and 988 (suicide and crisis line).
_SERVICE_CODE = re.compile(r"[2-9]11|988")
# Digits that continue a phone number, after it or before it: `7888-40`, `12-1-888...`.
_RUNS_ON = re.compile(r"[-.()]{0,3}\d")
_RUNS_INTO = re.compile(r"\d[-.()]{0,3}$")
# A Latin letter or digit right after a number: `1-888-KEY-2-FREE1L...` is not the number.
_LATIN_AFTER = re.compile(r"[0-9A-Za-z]")
# A US ZIP code after its state (`CA 94612`, `CA 94612-1234`): an address, not a short code.
_ZIP_CODE = re.compile(r"[A-Z]{2} \d{5}(?:-\d{4})?(?!\d)")
# A run of digits with the separators that join digits into one figure or number:
# `233-733`, `40.3`, `1,234,567`, `1-888-373-7888-40,3` (atomic: never a shorter part).
_DIGIT_RUN = re.compile(r"(?<!\d)(?>\d+(?:[-.,]\d+)*)")
# A link as printed: with a scheme, or a host name ending in a top-level domain.
_LINK = re.compile(
    r"(?i)\bhttps?://\S+|(?<![\w@.-])(?:[\w-]+\.)+(?:[a-z]{2}|org|gov|com|net|edu|info|biz|"
    r"app|help|link|site|online|xyz|top|io|ly|me|co|us)\b(?![.\w-]*@)(?:/\S*)?"
)
# Punctuation that ends a sentence or closes a bracket after a link, in any script.
_TRAILING = ".,;:!?)]}»\"'\u201d\u2019\u060c\u3002\u3001\uff09"


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Directory:
    """What a piece may print: the pack's phone contacts and links, read once."""

    region: str
    voice: dict[str, str]  # country code + national number -> contact key
    codes: dict[str, str]  # short codes and text lines (digits) -> contact key
    links: dict[str, str]  # host + path, lower case, no scheme or trailing slash -> link key
    figures: Container[str] = field(default=frozenset())  # digits of each statistic as printed
    national: frozenset[str] = field(default=frozenset())  # voice numbers without country code


class Figures:
    """The digits of each of a pack's statistics as printed in each of its languages.

    Formatted on first use: that loads Babel and its CLDR data for every language (0.1 s),
    and only a long run of digits that is none of the contacts needs them (issue 14).
    """

    __slots__ = ("_digits", "_pack")

    def __init__(self, pack: Pack) -> None:
        self._pack = pack
        self._digits: frozenset[str] | None = None

    def __contains__(self, digits: object) -> bool:
        if self._digits is None:
            pack = self._pack
            self._digits = frozenset(
                dial_digits(format_statistic(stat, language))
                for stat in pack.statistics.values()
                for language in {pack.source_language, *pack.languages}
            )
        return digits in self._digits


def directory_of(pack: Pack, extra: Iterable[Contact] = ()) -> Directory:
    """The directory of a pack, plus contacts a run adds (a site list's local lines)."""
    contacts = [*pack.contacts.values(), *extra]
    voice = {c.dial.lstrip("+"): c.key for c in contacts if c.kind == "voice"}
    codes = {c.dial: c.key for c in contacts if c.kind != "voice"}
    links: dict[str, str] = {}
    for link in pack.links.values():
        normal = _normal_link(link.url)
        if normal is not None:
            links[normal] = link.key
    first_voice = next((c.dial for c in contacts if c.kind == "voice"), None)
    region = (region_of(first_voice) if first_voice else None) or DEFAULT_REGION
    national = frozenset(
        found
        for c in contacts
        if c.kind == "voice" and (found := parse_dial_form(c.dial).national) is not None
    )
    return Directory(region, voice, codes, links, Figures(pack), national)


def _normal_link(text: str) -> str | None:
    """A link's host and path as a browser reads them, for comparison; None if not a link."""
    url = text if re.match(r"(?i)https?://", text) else f"https://{text}"
    parsed = parse_link(url)
    if parsed is None:
        return None
    host, path = parsed
    host = host.removeprefix("www.")
    return f"{host}{path}".rstrip("/")


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Stranger:
    """A number or link in printed text that is not one of the pack's."""

    kind: str  # "number" or "link"
    text: str
    why: str


def strangers(text: str, directory: Directory, *, marks_only: bool = False) -> list[Stranger]:
    """The numbers and links in a printed text that the pack does not know.

    `marks_only` is for printer's marks (the slug: file name, sheet 411 of 1250), which our
    own code writes: there phone numbers and links are still read, bare figures are not.
    """
    found: list[Stranger] = []
    folded = ascii_digits(text)
    taken: list[tuple[int, int]] = []
    for mention in find_phone_numbers(folded, directory.region):
        taken.append((mention.start, mention.end))
        if (
            _RUNS_ON.match(folded, mention.end)
            or _RUNS_INTO.search(folded, 0, mention.start)
            or _LATIN_AFTER.match(folded, mention.end)
        ):
            found.append(
                Stranger(
                    "number",
                    mention.raw,
                    "runs into other digits beside it, so a reader would dial another number",
                )
            )
            continue
        printed = dial_digits(mention.raw)  # what a person keys in, every digit as printed
        if printed in directory.voice or printed in directory.national:
            continue
        if any(
            dials(mention.raw, "+" + number) or dials(mention.raw, number)
            for number in directory.voice
            if len(printed) > len(number)
        ):
            continue
        found.append(
            Stranger(
                "number",
                mention.raw,
                f"dials {printed}, not one of the pack's contacts",
            )
        )
    for match in _DIGIT_RUN.finditer(folded):
        if any(start <= match.start() and match.end() <= end for start, end in taken):
            continue
        digits = dial_digits(match.group())
        contact = digits in directory.codes or digits in directory.voice
        joined = _RUNS_ON.match(folded, match.end()) or _RUNS_INTO.search(folded, 0, match.start())
        if contact and joined:
            found.append(
                Stranger(
                    "number",
                    match.group(),
                    "runs into other digits beside it, so a reader would dial another number",
                )
            )
            continue
        if contact:
            continue
        if not marks_only and _ZIP_CODE.match(folded, max(0, match.start() - 3)):
            continue
        if not marks_only and (
            (len(digits) == 3 and _SERVICE_CODE.fullmatch(digits)) or len(digits) >= 5
        ):
            if digits in directory.figures:  # asked last: the figures are formatted lazily
                continue
            found.append(
                Stranger(
                    "number",
                    match.group(),
                    "reads as a phone number, short code or service line, and is not one of "
                    "the pack's contacts or statistics",
                )
            )
    for match in _LINK.finditer(text):
        link = match.group().rstrip(_TRAILING)
        normal = _normal_link(link)
        if normal is None or normal not in directory.links:
            found.append(Stranger("link", link, "is not one of the pack's links"))
    return found


def unknown_target(url: str, directory: Directory) -> str | None:
    """Why a link annotation's target is not the pack's (None when it is)."""
    scheme, _, rest = url.partition(":")
    if scheme.lower() in ("tel", "sms", "smsto"):
        digits = dial_digits(rest.split(":", 1)[0].split("?", 1)[0])
        if digits in directory.voice or digits in directory.codes:
            return None
        return f"`{url}` dials {digits}, which is not one of the pack's contacts"
    normal = _normal_link(url.split("?", 1)[0].split("#", 1)[0])
    if normal is not None and normal in directory.links and url.lower().startswith("https://"):
        return None
    return f"`{url}` is not one of the pack's links"


def _items(items: Iterable[Item]) -> Iterator[Item]:
    for item in items:
        if isinstance(item, GroupItem):
            yield from _items(item.items)
        else:
            yield item


def check_items(
    items: Iterable[Item], where: str, source: Location, directory: Directory, diags: Diagnostics
) -> None:
    """Report every stranger in the items of one page (or of a shared card form)."""
    for item in _items(items):
        if isinstance(item, TextItem):
            text = " ".join(line.text for line in item.lines)
            marks = item.slot.startswith(PRINTERS_MARKS)
            for stranger in strangers(text, directory, marks_only=marks):
                diags.error(
                    f"check.unknown-{stranger.kind}",
                    f"slot `{item.slot}` {where} prints {stranger.kind} `{stranger.text}`, "
                    f"which {stranger.why}",
                    item.source,
                    hints=(
                        "every number and link printed must be a contact or link in pack.yaml, "
                        "named in the text as `{{ contacts.KEY.display }}` or `{{ links.KEY }}`",
                    ),
                )
        elif isinstance(item, QrItem | FigureItem | ImageItem) and item.alt:
            _check_spoken(item.alt, f"`{item.slot}` {where} says", source, directory, diags)
        if isinstance(item, LinkItem):
            if item.contents:
                said = f"link area `{item.slot}` {where} says"
                _check_spoken(item.contents, said, source, directory, diags)
            problem = unknown_target(item.url, directory)
            if problem is not None:
                diags.error(
                    "check.unknown-link",
                    f"link area `{item.slot}` {where} opens {problem}",
                    source,
                    hints=("a clickable area may open only the pack's links and contacts",),
                )


def _check_spoken(
    text: str, what: str, source: Location, directory: Directory, diags: Diagnostics
) -> None:
    """Alternate text a screen reader speaks is held to the printed text's rule (issue 19)."""
    for stranger in strangers(text, directory, marks_only=False):
        diags.error(
            f"check.unknown-{stranger.kind}",
            f"{what} {stranger.kind} `{stranger.text}` to a screen reader, which {stranger.why}",
            source,
            hints=("alternate text names numbers and links as `{{ contacts.KEY.display }}`",),
        )


def check_printed_contacts(document: Document, directory: Directory, diags: Diagnostics) -> None:
    """Every number and link printed or opened in a Document is one of the pack's."""
    source = Location(f"{document.material} {document.size} {document.language}")
    for index, page in enumerate(document.pages, start=1):
        check_items(page.items, f"on page {index}", source, directory, diags)
    for form in document.forms:
        check_items(form.items, f"of the shared card `{form.name}`", source, directory, diags)


def checked_pages(
    pages: Iterable[Page], document: Document, directory: Directory, diags: Diagnostics
) -> Iterator[Page]:
    """Pass a print run's streamed pages through, checking each as it goes by.

    A card's own items (a site's local line) are made from its site alone and are the same
    on every card of that site, so each site's items are read once, not once per card.
    """
    source = Location(f"{document.material} {document.size} {document.language}")
    checked: set[str | None] = set()  # site ids only: a run's pages are never all held
    for number, page in enumerate(pages, start=1):
        where = f"on sheet page {number}"
        for item in page.items:
            if not isinstance(item, GroupItem):
                check_items((item,), where, source, directory, diags)
            elif item.site not in checked:
                checked.add(item.site)
                check_items(item.items, where, source, directory, diags)
        yield page
