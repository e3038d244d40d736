"""Give a laid-out document's items their reading order by meaning and their roles' levels.

Input: the pages `layout/page.py` filled, the layout (its folded panels) and the languages
of the piece in order. Output: the same pages with each text, QR and link item's reading
order key set (a brochure reads cover, inside, flap, back; a multilingual piece one
language whole, then the next), heading levels that nest (the first heading is H1, none
skips a level), QR codes' alternate text and links' descriptions, in the piece's language.
`render/` writes the structure tree from these and decides nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

from outreach.core.document import (
    FigureItem,
    GroupItem,
    ImageItem,
    Item,
    LinkItem,
    Page,
    QrItem,
    TextItem,
)
from outreach.core.layout_specs import LayoutSpec, PageSpec
from outreach.core.model import Piece
from outreach.core.text_lines import HEADINGS
from outreach.text import is_rtl

# Reading order of a folded piece's panels by meaning, whatever their place on the sheet:
# the cover, then the inside (as its flows run), then the flap and the back.
PANEL_RANK = {"front": 0, "flap": 2, "back": 3}
INSIDE_RANK = 1


def assign_structure(
    pages: tuple[Page, ...],
    spec: LayoutSpec,
    languages: tuple[str, ...],
    pieces: tuple[Piece, ...] = (),
) -> tuple[Page, ...]:
    """The pages with reading order, heading levels, alt texts and link descriptions.

    `pieces` (by language) give QR codes their sentence (`qr_alt`); without them a code's
    alternate text is its caption and what it opens.
    """
    by_language = {piece.language: piece for piece in pieces}
    ordered = (
        tuple(
            _ordered_page(page, page_spec, languages, by_language)
            for page, page_spec in zip(pages, spec.pages, strict=False)
        )
        + pages[len(spec.pages) :]
    )
    return _nested_headings(ordered)


def reading_order(pages: tuple[Page, ...]) -> list[tuple[int, Item]]:
    """(page index, item) of every item in reading order: by key, then as drawn."""
    found = [
        (item_order(item), index, position, item)
        for index, page in enumerate(pages)
        for position, item in enumerate(page.items)
    ]
    found.sort(key=lambda entry: (entry[0], entry[1], entry[2]))
    return [(index, item) for _, index, _, item in found]


def item_order(item: Item) -> tuple[int, ...]:
    """An item's reading-order key (groups and forms read in drawing order)."""
    if isinstance(item, TextItem | QrItem | LinkItem | FigureItem | ImageItem):
        return item.order
    return ()


def _ordered_page(
    page: Page, page_spec: PageSpec, languages: tuple[str, ...], pieces: Mapping[str, Piece]
) -> Page:
    captions = {
        item.slot.removesuffix("-caption"): item
        for item in page.items
        if isinstance(item, TextItem) and item.slot.endswith("-caption")
    }
    alts: dict[str, tuple[str, str, tuple[int, ...]]] = {}
    items: list[Item] = []
    for item in page.items:
        order = _order(item, page, page_spec, languages)
        if isinstance(item, TextItem | FigureItem | ImageItem):
            items.append(replace(item, order=order))
        elif isinstance(item, QrItem):
            caption = captions.get(item.slot)
            language = item.language or (caption.language if caption else languages[0])
            if caption is not None:
                order = _order(caption, page, page_spec, languages)
            section = caption.keys[0].partition(".")[0] if caption and caption.keys else ""
            alt = qr_alt(item.data, pieces.get(language), section) or ""
            if not alt:
                described = " ".join(caption.text.split()) if caption else item.alt
                alt = f"QR: {described or _readable(item.data)}"
            alts[item.slot] = (alt, language, order)
            items.append(replace(item, alt=alt, language=language, order=order))
        else:
            items.append(item)
    for position, item in enumerate(items):
        if isinstance(item, LinkItem):
            alt, language, order = alts.get(
                item.slot.removesuffix("-link"),
                (_readable(item.url), item.language or languages[0], item.order),
            )
            items[position] = replace(item, contents=alt, language=language, order=order)
    return replace(page, items=tuple(items))


def _order(
    item: Item, page: Page, page_spec: PageSpec, languages: tuple[str, ...]
) -> tuple[int, ...]:
    rank = 0
    rtl = is_rtl(languages[0])
    if page_spec.panels:
        rank = INSIDE_RANK
        rect = getattr(item, "rect", None)
        if rect is not None and "front" in {panel.name for panel in page_spec.panels}:
            middle = rect.x + rect.w / 2
            for panel in page_spec.panels:
                # a right-to-left piece mirrors its sheet, panels and all
                left = page.width - panel.x - panel.w if rtl else panel.x
                if left <= middle < left + panel.w:
                    rank = PANEL_RANK.get(panel.name, INSIDE_RANK)
    language = getattr(item, "language", "")
    column = languages.index(language) if len(languages) > 1 and language in languages else 0
    return (rank, column)


# The text that titles a material's PDF (a viewer's title bar, the first thing a screen
# reader says), when it is not the pack's `accessibility.title`: the discreet card's is
# its front's, since it may be seen by someone who controls its holder.
TITLE_KEYS = {"wallet-card-discreet": "card_discreet.front_title"}


def document_title(piece: Piece, material: str, fallback: str) -> str:
    """The title of a material's PDF in the piece's language (`fallback` if the pack has none).

    XMP writes it as dc:title with the piece's language, which the catalog's /Lang names.
    """
    found = piece.texts.get(TITLE_KEYS.get(material, "accessibility.title"))
    return " ".join(found.text.replace("**", "").split()) if found is not None else fallback


def qr_alt(data: str, piece: Piece | None, section: str = "") -> str | None:
    """What a code does, as a sentence in the piece's language (None: no words for it).

    "QR code: call the National Human Trafficking Hotline, 1-888-373-7888": the pack's
    `accessibility.qr_call_<contact>` (or the caption's section's own, so the discreet
    card never says "trafficking"), else `accessibility.qr_call`, `qr_text` or `qr_opens`
    followed by the contact's number or the link's host as printed. Numbers and hosts
    come from the pack's contacts and links, never from the translation.
    """
    if piece is None:
        return None

    def text(key: str) -> str:
        found = piece.texts.get(key)
        return found.text if found is not None else ""

    pack = piece.pack
    for key, contact in pack.contacts.items():
        if data == contact.tel_uri():
            own = (section and text(f"{section}.qr_call_{key}")) or text(
                f"accessibility.qr_call_{key}"
            )
            prefix = text("accessibility.qr_call")
            return own or (f"{prefix} {contact.display}" if prefix else None)
        if data == contact.sms_uri():
            prefix = text("accessibility.qr_text")
            keyword = f" ({contact.keyword})" if contact.keyword else ""
            return f"{prefix} {contact.display}{keyword}" if prefix else None
    prefix = text("accessibility.qr_opens")
    for link in pack.links.values():
        if prefix and (data == link.url or data.startswith((link.url + "?", link.url + "/"))):
            return f"{prefix} {link.display}"
    return None


def _readable(data: str) -> str:
    """What a code or link opens, for a reader: `tel:+1888...` -> `+1888...`."""
    for prefix in ("tel:", "SMSTO:", "sms:", "mailto:"):
        if data.startswith(prefix):
            return data.removeprefix(prefix)
    return data


def _nested_headings(pages: tuple[Page, ...]) -> tuple[Page, ...]:
    """Headings renumbered in reading order: the first is H1, none skips a level."""
    previous = 0
    remap: dict[tuple[int, int], str] = {}  # (id of item, paragraph) -> new role
    for _, item in reading_order(pages):
        for text_item in _text_items(item):
            for line in text_item.lines:
                if line.role not in HEADINGS or (id(text_item), line.paragraph) in remap:
                    continue
                level = min(HEADINGS.index(line.role) + 1, previous + 1)
                previous = level
                remap[(id(text_item), line.paragraph)] = HEADINGS[level - 1]
    if not remap:
        return pages
    return tuple(
        replace(page, items=tuple(_renamed(item, remap) for item in page.items)) for page in pages
    )


def _text_items(item: Item) -> Iterator[TextItem]:
    if isinstance(item, TextItem):
        yield item
    elif isinstance(item, GroupItem):
        for inner in item.items:
            yield from _text_items(inner)


def _renamed(item: Item, remap: dict[tuple[int, int], str]) -> Item:
    if isinstance(item, TextItem):
        lines = tuple(
            replace(line, role=remap.get((id(item), line.paragraph), line.role))
            for line in item.lines
        )
        return replace(item, lines=lines)
    return item
