"""Read a pack's `sections:`: titled blocks of its own content, in reading order (issue 15).

Input: the `sections` node of pack.yaml and what the pack declares (content keys, lists,
statistics, contacts, links). Output: `model.PackSection`s, each reference checked, with
a located diagnostic for every problem (an unknown kind or key, an empty list, a statistic
or link the pack does not have). Sections name content keys, so the PO catalogs, keyed by
content key, need no new entries.
"""

from __future__ import annotations

from outreach.content.yamlfile import Node, check_keys, type_name
from outreach.core.diagnostics import Diagnostics, choice_hints, did_you_mean
from outreach.core.model import ChartEntry, PackSection, SectionCode, SectionText

SECTION_KINDS = ("paragraphs", "list", "statistics", "resources", "callout")
TEXT_KINDS = ("text", "subheading", "list", "source")  # how a `text:` entry is written
CHARTS = ("bars", "waffles")
MAX_SECTIONS = 40
# The keys each kind takes beyond `id`, `kind`, `title`, `text`, `after`, `optional`.
_KIND_KEYS = {
    "paragraphs": ((), ()),
    "callout": ((), ()),
    "list": (("items",), ()),
    "statistics": (("chart", "statistics", "source"), ("headline",)),
    "resources": (("codes",), ()),
}


class _Known:
    """What section entries may name: the pack's content keys, statistics and facts."""

    def __init__(
        self,
        texts: set[str],
        lists: dict[str, tuple[str, ...]],
        statistics: set[str],
        contacts: dict[str, str],
        links: set[str],
        content_path: str,
    ) -> None:
        self.texts, self.lists, self.statistics = texts, lists, statistics
        self.contacts, self.links, self.content_path = contacts, links, content_path


def read_sections(
    node: Node | None,
    texts: set[str],
    lists: dict[str, tuple[str, ...]],
    statistics: set[str],
    contacts: dict[str, str],
    links: set[str],
    content_path: str,
    diags: Diagnostics,
) -> tuple[PackSection, ...]:
    """The pack's sections, in order; a section with a problem is reported and left out.

    `statistics`, `contacts` (name -> kind) and `links` are what pack.yaml declares, so a
    section naming an entry that has an error of its own adds no second error.
    """
    if node is None:
        return ()
    if not node.is_list() or not node.value:
        diags.error(
            "content.type",
            f"`sections` must be a list of sections, got {type_name(node.value)}",
            node.location,
            hints=(
                "write e.g. `sections: [{id: about, kind: paragraphs, title: about.title, "
                "text: [about.body]}]` (docs/content-packs.md)",
            ),
        )
        return ()
    if len(node.value) > MAX_SECTIONS:
        diags.error(
            "content.bad-value",
            f"a pack has at most {MAX_SECTIONS} sections, this one {len(node.value)}",
            node.location,
        )
        return ()
    known = _Known(texts, lists, statistics, contacts, links, content_path)
    sections: list[PackSection] = []
    seen: set[str] = set()
    for entry in node.value:
        section = _section(entry, known, diags)
        if section is None:
            continue
        if section.id in seen:
            diags.error(
                "content.duplicate-section",
                f"section id `{section.id}` is used twice",
                section.location,
                hints=("give every section its own `id`",),
            )
            continue
        seen.add(section.id)
        sections.append(section)
    return tuple(sections)


def _section(node: Node, known: _Known, diags: Diagnostics) -> PackSection | None:
    # Which keys a section may have depends on its kind: check those once it is known.
    if not check_keys(
        node,
        diags,
        required=("id", "kind", "title"),
        optional=tuple(node.value) if node.is_mapping() else (),
        what="section",
    ):
        return None
    before = diags.error_count
    id_node, kind_node, title_node = node.get("id"), node.get("kind"), node.get("title")
    assert id_node is not None and kind_node is not None and title_node is not None
    section_id = str(id_node.value)
    kind = str(kind_node.value)
    if kind not in SECTION_KINDS:
        diags.error(
            "content.unknown-kind",
            f"section `{section_id}` has kind `{kind}`, which is not a kind of section",
            kind_node.location,
            hints=(*choice_hints(kind, SECTION_KINDS), "kinds: " + ", ".join(SECTION_KINDS)),
        )
        return None
    required, optional = _KIND_KEYS[kind]
    what = f"section `{section_id}` ({kind})"
    if not check_keys(
        node,
        diags,
        required=("id", "kind", "title", *required),
        optional=("text", "after", "optional", *optional),
        what=what,
    ):
        return None
    title = _text_key(title_node, known, diags, what)
    text = _texts(node.get("text"), known, diags, what)
    after = _texts(node.get("after"), known, diags, what)
    if kind in ("paragraphs", "callout") and not text:
        diags.error(
            "content.empty-section",
            f"{what} has no text",
            node.location,
            hints=(
                f"add `text: [...]`: the content keys of its paragraphs, in {known.content_path}",
            ),
        )
    items = None
    if kind == "list":
        items_node = node.get("items")
        assert items_node is not None
        key = _text_key(items_node, known, diags, what)
        if key is not None and key not in known.lists:
            diags.error(
                "content.type",
                f"{what}: `items` must name a list of {known.content_path}; `{key}` is one text",
                items_node.location,
                hints=("write the items as a YAML list under that key",),
            )
        elif key is not None and not known.lists[key]:
            diags.error(
                "content.empty-section",
                f"{what}: the list `{key}` is empty",
                items_node.location,
                hints=(f"give `{key}` at least one item in {known.content_path}",),
            )
        elif key is not None:
            items = SectionText(key, "list", items_node.location)
    chart, headline, source = "", None, None
    statistics: tuple[ChartEntry, ...] = ()
    if kind == "statistics":
        chart, headline, statistics, source = _statistics(node, known, diags, what)
    codes = _codes(node.get("codes"), known, diags, what) if kind == "resources" else ()
    optional_node = node.get("optional")
    if optional_node is not None and not isinstance(optional_node.value, bool):
        diags.error("content.type", "`optional` must be true or false", optional_node.location)
    if diags.error_count > before or title is None:
        return None
    return PackSection(
        id=section_id,
        kind=kind,
        title=title,
        location=node.location,
        text=text,
        items=items,
        chart=chart,
        headline=headline,
        statistics=statistics,
        source=source,
        codes=codes,
        after=after,
        optional=bool(optional_node.value) if optional_node is not None else False,
    )


def _text_key(node: Node, known: _Known, diags: Diagnostics, what: str) -> str | None:
    """A content key of content.yaml (a text or a list), or None with a located error."""
    key = node.value
    if not isinstance(key, str) or not key:
        diags.error(
            "content.type",
            f"{what}: expected a content key such as `about.title`, got {type_name(key)}",
            node.location,
        )
        return None
    if key in known.texts or key in known.lists:
        return key
    near = did_you_mean(key, [*known.texts, *known.lists])
    diags.error(
        "content.unknown-text",
        f"{what} names content key `{key}`, which {known.content_path} does not have",
        node.location,
        hints=((f"did you mean `{near}`?",) if near else ())
        + (f"add `{key}` to {known.content_path}",),
    )
    return None


def _texts(
    node: Node | None, known: _Known, diags: Diagnostics, what: str
) -> tuple[SectionText, ...]:
    """`text:` or `after:`: content keys, or `{subheading|list|source|text: key}` entries."""
    if node is None:
        return ()
    if not node.is_list():
        diags.error(
            "content.type",
            f"{what}: `{node.key}` must be a list of content keys",
            node.location,
            hints=("write e.g. `text: [about.definition, {subheading: about.help}]`",),
        )
        return ()
    found: list[SectionText] = []
    for entry in node.value:
        if not entry.is_mapping():
            key = _text_key(entry, known, diags, what)
            if key is not None:
                found.append(SectionText(key, "paragraph", entry.location))
            continue
        kinds = [name for name in TEXT_KINDS if name in entry.value]
        if len(kinds) != 1:
            diags.error(
                "content.type",
                f"{what}: a text entry names one of " + ", ".join(f"`{k}`" for k in TEXT_KINDS),
                entry.location,
                hints=("write e.g. `{list: red_flags.items}` or `{text: x.body, optional: true}`",),
            )
            continue
        if not check_keys(entry, diags, required=(kinds[0],), optional=("optional",), what=what):
            continue
        child = entry.get(kinds[0])
        assert child is not None
        key = _text_key(child, known, diags, what)
        if key is None:
            continue
        if kinds[0] == "list" and key not in known.lists:
            diags.error(
                "content.type",
                f"{what}: `{key}` is one text, not a list of {known.content_path}",
                child.location,
                hints=("write it as a paragraph, or make it a YAML list",),
            )
            continue
        optional = entry.get("optional")
        found.append(
            SectionText(
                key,
                "paragraph" if kinds[0] == "text" else kinds[0],
                entry.location,
                optional=bool(optional.value) if optional is not None else False,
            )
        )
    return tuple(found)


def _statistics(
    node: Node, known: _Known, diags: Diagnostics, what: str
) -> tuple[str, ChartEntry | None, tuple[ChartEntry, ...], str | None]:
    chart_node, stats_node = node.get("chart"), node.get("statistics")
    source_node, headline_node = node.get("source"), node.get("headline")
    assert chart_node is not None and stats_node is not None and source_node is not None
    chart = str(chart_node.value)
    if chart not in CHARTS:
        diags.error(
            "content.unknown-kind",
            f"{what}: chart `{chart}` is not a kind of chart",
            chart_node.location,
            hints=choice_hints(chart, CHARTS) or ("charts: " + ", ".join(CHARTS),),
        )
    if not stats_node.is_list() or not stats_node.value:
        diags.error(
            "content.empty-section",
            f"{what} shows no statistics",
            stats_node.location,
            hints=("list them: `statistics: [{stat: KEY, label: content.key}]`",),
        )
        entries: tuple[ChartEntry, ...] = ()
    else:
        entries = tuple(
            e for e in (_entry(n, known, diags, what) for n in stats_node.value) if e is not None
        )
    headline = _entry(headline_node, known, diags, what) if headline_node else None
    if headline_node is not None and chart == "bars":
        diags.error(
            "content.bad-value",
            f"{what}: a bar chart has no `headline`",
            headline_node.location,
            hints=("use `chart: waffles` for a headline figure, or list it in `statistics`",),
        )
    # Every statistic carries its source: the line under the chart names it.
    source = _text_key(source_node, known, diags, what)
    return chart, headline, entries, source


def _entry(node: Node, known: _Known, diags: Diagnostics, what: str) -> ChartEntry | None:
    if not check_keys(node, diags, required=("stat", "label"), what=f"{what} statistic"):
        return None
    stat_node, label_node = node.get("stat"), node.get("label")
    assert stat_node is not None and label_node is not None
    stat = str(stat_node.value)
    label = _text_key(label_node, known, diags, what)
    if stat not in known.statistics:
        near = did_you_mean(stat, sorted(known.statistics))
        diags.error(
            "content.unknown-statistic",
            f"{what} shows statistic `{stat}`, which pack.yaml does not have",
            stat_node.location,
            hints=((f"did you mean `{near}`?",) if near else ())
            + ("add it under `statistics:`, with its value, unit and source",),
        )
        return None
    return ChartEntry(stat, label, node.location) if label is not None else None


def _codes(
    node: Node | None, known: _Known, diags: Diagnostics, what: str
) -> tuple[SectionCode, ...]:
    assert node is not None
    if not node.is_list() or not node.value:
        diags.error(
            "content.empty-section",
            f"{what} has no QR codes",
            node.location,
            hints=("list them: `codes: [{link: KEY, caption: content.key}]`",),
        )
        return ()
    codes: list[SectionCode] = []
    for entry in node.value:
        if not check_keys(
            entry,
            diags,
            required=("caption",),
            optional=("link", "contact", "scheme"),
            what=f"{what} code",
        ):
            continue
        caption_node = entry.get("caption")
        assert caption_node is not None
        caption = _text_key(caption_node, known, diags, what)
        code = _target(entry, known, diags, what)
        if caption is not None and code is not None:
            contact, link, scheme = code
            codes.append(SectionCode(contact, link, scheme, caption, entry.location))
    return tuple(codes)


def _target(
    entry: Node, known: _Known, diags: Diagnostics, what: str
) -> tuple[str | None, str | None, str] | None:
    link_node, contact_node, scheme_node = (
        entry.get("link"),
        entry.get("contact"),
        entry.get("scheme"),
    )
    if (link_node is None) == (contact_node is None):
        diags.error(
            "content.type",
            f"{what}: a code names either `link` or `contact`",
            entry.location,
            hints=("write e.g. `{link: hotline_site, caption: ...}`",),
        )
        return None
    if link_node is not None:
        link = str(link_node.value)
        if link not in known.links:
            diags.error(
                "content.unknown-link",
                f"{what}: link `{link}` is not in `links:` of pack.yaml",
                link_node.location,
                hints=choice_hints(link, sorted(known.links)),
            )
            return None
        return None, link, "https"
    assert contact_node is not None
    contact = str(contact_node.value)
    if contact not in known.contacts:
        diags.error(
            "content.unknown-contact",
            f"{what}: contact `{contact}` is not in `contacts:` of pack.yaml",
            contact_node.location,
            hints=choice_hints(contact, sorted(known.contacts)),
        )
        return None
    default = "sms" if known.contacts[contact] == "sms" else "tel"
    scheme = str(scheme_node.value) if scheme_node is not None else default
    if scheme not in ("tel", "sms"):
        diags.error(
            "content.bad-value",
            f"{what}: `scheme` is `tel` or `sms`, not `{scheme}`",
            scheme_node.location if scheme_node is not None else entry.location,
        )
        return None
    return contact, None, scheme
