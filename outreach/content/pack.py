"""Load a content pack: `pack.yaml` (facts) and `content.yaml` (English source text).

Input: a pack folder. Output: a validated `model.Pack`, plus diagnostics for every problem
found (all of them, each with file:line:col). Loading never raises for a user's mistake.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

from outreach.content.brand import read_brand
from outreach.content.contacts import _allowed_hosts, _contacts, _links
from outreach.content.images import read_image
from outreach.content.pack_fields import _clean, _entries, _string, _text_list
from outreach.content.pack_languages import merge_fonts, read_added_languages, read_fonts
from outreach.content.sections import read_sections
from outreach.content.unfilled import report_unfilled
from outreach.content.yamlfile import Node, check_keys, load_yaml, type_name
from outreach.core.diagnostics import Diagnostics
from outreach.core.model import ImageFile, Organization, Pack, Source, Statistic, TextEntry
from outreach.core.resources import display_path

STAT_UNITS = ("percent", "million", "count")
# Sane ranges for printed numbers (issue 21): infinity, NaN or 300 digits printed as "∞
# victims" or a traceback. No statistic we cite counts a trillion of anything.
MAX_STATISTIC = 1e12
YEARS = (1900, 2100)  # of a source's publication
MAX_PACK_LANGUAGES = 100


def load_pack(pack_dir: Path, project_root: Path, diags: Diagnostics) -> Pack | None:
    """Load and validate a pack; return None when it is too broken to use."""
    pack_file = pack_dir / "pack.yaml"
    content_file = pack_dir / "content.yaml"
    pack_path = display_path(pack_file, project_root)
    content_path = display_path(content_file, project_root)
    facts = load_yaml(pack_file, pack_path, diags)
    texts_node = load_yaml(content_file, content_path, diags)
    if facts is None or texts_node is None:
        return None
    # Places `outreach new` left to fill stop the load before anything reads them.
    unfilled = report_unfilled(facts, "pack.yaml", diags)
    if unfilled + report_unfilled(texts_node, "content.yaml", diags):
        return None
    errors_before = diags.error_count
    if not check_keys(
        facts,
        diags,
        required=("pack", "contacts", "links", "allowed_hosts"),
        optional=(
            "organization",
            "sources",
            "statistics",
            "fonts",
            "images",
            "brand",
            "languages",
            "sections",
        ),
        what="pack.yaml",
    ):
        return None
    header = _pack_header(facts.get("pack"), diags)
    hosts = _allowed_hosts(facts.get("allowed_hosts"), diags)
    links = _links(facts.get("links"), hosts, diags)
    contacts = _contacts(facts.get("contacts"), diags)
    declared_links = facts.get("links")
    link_names = (
        set(declared_links.value) if declared_links and declared_links.is_mapping() else set()
    )
    sources = _sources(facts.get("sources"), link_names, diags)
    statistics = _statistics(facts.get("statistics"), sources, diags)
    # A pack without `organization` (the bundled `national` pack) names no publisher: no
    # name, logo or local line; `{{ organization.* }}` is then undefined (templating).
    organization = (
        _organization(facts.get("organization"), link_names, diags)
        if facts.get("organization") is not None
        else Organization(name="", location=facts.location)
    )
    if organization is not None:
        logo_node = facts.get("organization")
        logo_node = logo_node.get("logo") if logo_node is not None else None
        if logo_node is not None:
            logo = read_image(logo_node, "logo", pack_dir, diags, credit_allowed=False)
            organization = replace(organization, logo=logo)
    images = _images(facts.get("images"), pack_dir, diags)
    brand = read_brand(facts.get("brand"), diags)
    if (
        organization is not None
        and organization.local_contact is not None
        and (organization.local_contact not in contacts)
    ):
        diags.error(
            "content.unknown-contact",
            f"organization names unknown contact `{organization.local_contact}`",
            organization.location,
            hints=(f"known contacts: {', '.join(sorted(contacts))}",),
        )
    texts, lists = _texts(texts_node, diags)
    # Sections may name what pack.yaml declares, even an entry with an error of its own:
    # that error is reported once, where it is.
    sections = read_sections(
        facts.get("sections"),
        set(texts),
        lists,
        _declared(facts.get("statistics")),
        _contact_kinds(facts.get("contacts")),
        link_names,
        content_path,
        diags,
    )
    added, added_fonts = read_added_languages(facts.get("languages"), pack_dir, diags)
    fonts = merge_fonts(read_fonts(facts.get("fonts"), pack_dir, diags), added, added_fonts, diags)
    if header is None or organization is None or diags.error_count > errors_before:
        return None
    pack_id, title, source_language, languages = header
    return Pack(
        id=pack_id,
        title=title,
        root=pack_dir,
        display_root=display_path(pack_dir, project_root),
        source_language=source_language,
        languages=languages,
        organization=organization,
        contacts=contacts,
        links=links,
        sources=sources,
        statistics=statistics,
        allowed_hosts=hosts,
        texts=texts,
        lists=lists,
        fonts=fonts,
        images=images,
        brand=brand,
        added_languages=added,
        sections=sections,
    )


def _declared(node: Node | None) -> set[str]:
    """The names a mapping of pack.yaml declares (`statistics:`, `contacts:`)."""
    return {str(k) for k in node.value} if node is not None and node.is_mapping() else set()


def _contact_kinds(node: Node | None) -> dict[str, str]:
    """Each contact pack.yaml declares, and its `kind` as written (a QR code's default)."""
    if node is None or not node.is_mapping():
        return {}
    kinds = {}
    for name, entry in node.value.items():
        kind = entry.get("kind") if isinstance(entry, Node) else None
        kinds[str(name)] = str(kind.value) if kind is not None else ""
    return kinds


def _pack_header(
    node: Node | None, diags: Diagnostics
) -> tuple[str, str, str, tuple[str, ...]] | None:
    if node is None or not check_keys(
        node,
        diags,
        required=("id", "title", "source_language"),
        optional=("languages",),
        what="`pack`",
    ):
        return None
    pack_id = _string(node.get("id"), diags, "the pack id")
    title = _string(node.get("title"), diags, "the pack title")
    source_language = _string(node.get("source_language"), diags, "a language tag such as `en`")
    languages: tuple[str, ...] = (source_language or "en",)
    languages_node = node.get("languages")
    if languages_node is not None:
        tags = _text_list(
            languages_node,
            diags,
            "pack.languages",
            ("language tags", "write e.g. `languages: [en, es]`"),
        )
        if tags is not None and len(tags) > MAX_PACK_LANGUAGES:
            diags.error(
                "content.bad-value",
                f"`pack.languages` lists {len(tags)} languages; "
                f"at most {MAX_PACK_LANGUAGES} are supported",
                languages_node.location,
                hints=("list the languages that have a PO file in `locale/`",),
            )
        elif tags is not None:
            languages = tuple(tags)
    if pack_id is None or title is None or source_language is None:
        return None
    return pack_id, title, source_language, languages


def _sources(node: Node | None, links: set[str], diags: Diagnostics) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for key, entry in _entries(
        node,
        diags,
        "source",
        "sources",
        required=("name", "short"),
        optional=("link", "year", "note"),
    ):
        name = _string(entry.get("name"), diags, "the source's name")
        short = _string(entry.get("short"), diags, "a short name")
        link_node = entry.get("link")
        link = _string(link_node, diags, "a link key") if link_node else None
        if link is not None and link not in links and link_node is not None:
            diags.error(
                "content.unknown-link",
                f"source `{key}` names unknown link `{link}`",
                link_node.location,
                hints=(f"known links: {', '.join(sorted(links))}",),
            )
        year_node = entry.get("year")
        year = None
        if year_node is not None and year_node.value is not None:
            value = year_node.value
            if isinstance(value, bool) or not isinstance(value, int | float):
                diags.error(
                    "content.type",
                    f"`{year_node.key}` must be a year such as 2023 or null",
                    year_node.location,
                )
            elif not isinstance(value, int) or not YEARS[0] <= value <= YEARS[1]:
                diags.error(
                    "content.bad-value",
                    f"year {_number(value)} of source `{key}` is not a year from "
                    f"{YEARS[0]} to {YEARS[1]}",
                    year_node.location,
                    hints=("write the year the source was published, e.g. 2023",),
                )
            else:
                year = value
        note_node = entry.get("note")
        note = _string(note_node, diags, "a note") if note_node else None
        if name and short:
            sources[key] = Source(key, name, short, entry.location, link, year, note)
    return sources


def _statistics(
    node: Node | None, sources: dict[str, Source], diags: Diagnostics
) -> dict[str, Statistic]:
    stats: dict[str, Statistic] = {}
    for key, entry in _entries(
        node, diags, "statistic", "statistics", required=("value", "unit", "source")
    ):
        value_node, unit_node, source_node = (
            entry.get("value"),
            entry.get("unit"),
            entry.get("source"),
        )
        assert value_node is not None and unit_node is not None and source_node is not None
        value = value_node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            diags.error(
                "content.type",
                f"`{value_node.key}` must be a number, got {type_name(value)}",
                value_node.location,
                hints=("write the number without a unit, e.g. `64`",),
            )
            continue
        if unit_node.value not in STAT_UNITS:
            diags.error(
                "content.bad-value",
                f"unit `{unit_node.value}` is not one of {', '.join(STAT_UNITS)}",
                unit_node.location,
            )
            continue
        if not math.isfinite(value):
            diags.error(
                "content.bad-value",
                f"value {_number(value)} of statistic `{key}` is not a finite number",
                value_node.location,
                hints=("write the number the source gives, e.g. `64`",),
            )
            continue
        if unit_node.value == "percent" and not 0 <= value <= 100:
            diags.error(
                "content.bad-value",
                f"percentage {_number(value)} of `{key}` is outside 0-100",
                value_node.location,
            )
            continue
        if not 0 <= value < MAX_STATISTIC:
            diags.error(
                "content.bad-value",
                f"{unit_node.value} {_number(value)} of `{key}` is outside 0 to "
                f"{MAX_STATISTIC:,.0f}",
                value_node.location,
                hints=("check the number against the source; write millions with `unit: million`",),
            )
            continue
        if not isinstance(source_node.value, str) or source_node.value not in sources:
            diags.error(
                "content.unknown-source",
                f"statistic `{key}` names unknown source `{source_node.value}`",
                source_node.location,
                hints=("every statistic must name a source listed under `sources`",),
            )
            continue
        stats[key] = Statistic(
            key, float(value), unit_node.value, source_node.value, entry.location
        )
    return stats


def _number(value: float) -> str:
    """A number for a message, short even when it has hundreds of digits."""
    return f"{value:.6g}" if isinstance(value, float) or abs(value) >= 1e15 else str(value)


def _organization(node: Node | None, links: set[str], diags: Diagnostics) -> Organization | None:
    if node is None or not check_keys(
        node,
        diags,
        required=("name",),
        optional=("team", "link", "local_contact", "logo"),
        what="organization",
    ):
        return None
    name = _string(node.get("name"), diags, "the organisation's name")
    team_node, link_node = node.get("team"), node.get("link")
    team = _string(team_node, diags, "the team's name") if team_node else None
    link = _string(link_node, diags, "a link key") if link_node else None
    if link is not None and link_node is not None and link not in links:
        diags.error(
            "content.unknown-link",
            f"organization names unknown link `{link}`",
            link_node.location,
            hints=(f"known links: {', '.join(sorted(links))}",),
        )
        return None
    local_node = node.get("local_contact")
    local = _string(local_node, diags, "a contact key") if local_node else None
    if name is None:
        return None
    return Organization(
        name=name, location=node.location, team=team, link=link, local_contact=local
    )


def _texts(
    root: Node, diags: Diagnostics
) -> tuple[dict[str, TextEntry], dict[str, tuple[str, ...]]]:
    texts: dict[str, TextEntry] = {}
    lists: dict[str, tuple[str, ...]] = {}

    def visit(node: Node) -> None:
        if isinstance(node.value, dict):
            for child in node.value.values():
                visit(child)
        elif isinstance(node.value, list):
            keys = []
            for item in node.value:
                if not isinstance(item.value, str):
                    diags.error(
                        "content.type",
                        f"list item `{item.key}` must be text, got {type_name(item.value)}",
                        item.location,
                        hints=("lists in content.yaml hold strings only",),
                    )
                    continue
                text = _clean(item.value, item, diags)
                if text is not None:
                    texts[item.key] = TextEntry(item.key, text, item.location)
                    keys.append(item.key)
            lists[node.key] = tuple(keys)
        elif isinstance(node.value, str):
            text = _clean(node.value, node, diags)
            if text is not None:
                texts[node.key] = TextEntry(node.key, text, node.location)
        else:
            diags.error(
                "content.type",
                f"`{node.key}` must be text or a list of text, got {type_name(node.value)}",
                node.location,
                hints=("quote the value",),
            )

    if not isinstance(root.value, dict):
        diags.error("content.type", "content.yaml must be a mapping of keys to text", root.location)
        return texts, lists
    visit(root)
    return texts, lists


def _images(node: Node | None, pack_dir: Path, diags: Diagnostics) -> dict[str, ImageFile]:
    """`images: {key: {file, alt, licence, credit}}`: photographs and illustrations."""
    images: dict[str, ImageFile] = {}
    if node is None:
        return images
    if not node.is_mapping():
        diags.error(
            "content.type",
            "`images` must map names to pictures",
            node.location,
            hints=(
                "write e.g. `images: {hands: {file: images/hands.jpg, alt: ..., licence: ...}}`",
            ),
        )
        return images
    for key, entry in node.value.items():
        if key == "logo":
            diags.error(
                "content.bad-value",
                "`logo` is the organization's: name it in `organization.logo`",
                entry.location,
            )
            continue
        image = read_image(entry, str(key), pack_dir, diags)
        if image is not None:
            images[str(key)] = image
    return images
