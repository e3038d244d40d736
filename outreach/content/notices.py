"""Load a legal posting, such as the California Civil Code 52.6 notice, from a pack.

Input: `content/<pack>/notice-52-6.yaml` and the pack's contacts. Output: a `Notice` whose
texts are verbatim (never templated) and whose phone numbers are proven to dial the pack's
contacts, or diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from outreach.content.phones import dial_digits, dials
from outreach.content.safety import clean_text
from outreach.content.yamlfile import Node, check_keys, load_yaml
from outreach.core.diagnostics import Diagnostics, Location, choice_hints
from outreach.core.model import Pack
from outreach.core.resources import display_path
from outreach.core.values import value_methods

NOTICE_FILE = "notice-52-6.yaml"


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class NoticeText:
    """The notice in one language: paragraphs, then a bulleted list, and whether it is official."""

    language: str
    paragraphs: tuple[str, ...]
    bullets: tuple[str, ...]
    official: bool
    location: Location
    # Where an official translation was published (issue 18): an authority's own text
    # replaces our draft and prints without the unofficial label, so it must say whence.
    source: str | None = None

    @property
    def plain(self) -> str:
        """The text as one string, for comparing with what a PDF prints."""
        return " ".join((*self.paragraphs, *self.bullets))


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Notice:
    """A statutory posting: its texts by language and the county language table."""

    statute: str
    path: str
    required: tuple[str, ...]
    counties: dict[str, str]  # county -> third language
    texts: dict[str, NoticeText]
    unofficial_label: str
    official_label: str

    def languages_for(self, county: str | None, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
        """Required languages plus the county's third language, then any extras, in order."""
        chosen = list(self.required)
        if county is not None:
            chosen.append(self.counties[county])
        for language in extra:
            if language not in chosen:
                chosen.append(language)
        return tuple(chosen)


def _strings(node: Node | None, what: str, diags: Diagnostics) -> tuple[str, ...]:
    if node is None:
        return ()
    if not node.is_list() or not all(isinstance(item.value, str) for item in node.value):
        diags.error("notice.type", f"`{node.key}` must be a list of {what}", node.location)
        return ()
    cleaned = (clean_text(item.value, item.key, item.location, diags) for item in node.value)
    return tuple(text for text in cleaned if text is not None)


def load_notice(pack: Pack, project_root: Path, diags: Diagnostics) -> Notice | None:
    """Load and verify the 52.6 notice of a pack."""
    file = pack.root / NOTICE_FILE
    path = display_path(file, project_root)
    node = load_yaml(file, path, diags)
    if node is None:
        return None
    before = diags.error_count
    if not check_keys(
        node,
        diags,
        required=("statute", "languages_required", "counties", "numbers", "texts", "labels"),
        what=path,
        area="notice",
    ):
        return None
    statute = str(node.value["statute"].value)
    required = _strings(node.get("languages_required"), "language tags", diags)
    numbers = _strings(node.get("numbers"), "printed phone numbers", diags)
    known = {c.dial.lstrip("+"): c for c in pack.contacts.values()}
    numbers_node = node.get("numbers")
    assert numbers_node is not None
    for number in numbers:
        digits = dial_digits(number)
        if not any(dials(number, dial) for dial in known):
            diags.error(
                "notice.unknown-number",
                f"number `{number}` in the notice dials {digits}, "
                "which is not one of the pack's contacts",
                numbers_node.location,
                hints=("every number printed must match a contact in pack.yaml",),
            )
    counties: dict[str, str] = {}
    counties_node = node.get("counties")
    if counties_node is not None and counties_node.is_mapping():
        for county, entry in counties_node.value.items():
            if check_keys(
                entry,
                diags,
                required=("third_language", "source"),
                what=f"county `{county}`",
                area="notice",
            ):
                counties[county] = str(entry.value["third_language"].value)
    texts: dict[str, NoticeText] = {}
    texts_node = node.get("texts")
    if texts_node is not None and texts_node.is_mapping():
        for language, entry in texts_node.value.items():
            if not check_keys(
                entry,
                diags,
                required=("official", "paragraphs", "bullets"),
                optional=("source",),
                what=f"notice text `{language}`",
                area="notice",
            ):
                continue
            is_official = bool(entry.value["official"].value)
            source_node = entry.get("source")
            source = str(source_node.value).strip() if source_node is not None else None
            if is_official and language != "en" and not source:
                diags.error(
                    "notice.missing-key",
                    f"the {language} notice text is marked official but does not name its source",
                    entry.location,
                    hints=(
                        "add `source:` with where the Attorney General published it (URL, date)",
                        "or set `official: false`: it then prints as an unofficial translation",
                    ),
                )
            paragraphs = _strings(entry.get("paragraphs"), "paragraphs", diags)
            bullets = _strings(entry.get("bullets"), "list items", diags)
            text = NoticeText(language, paragraphs, bullets, is_official, entry.location, source)
            for number in numbers:
                if number not in text.plain:
                    diags.error(
                        "notice.number-missing",
                        f"the {language} notice does not print `{number}` exactly",
                        entry.location,
                        hints=("copy every number from the English notice unchanged",),
                    )
            texts[language] = text
    labels = node.get("labels")
    unofficial = official = ""
    if labels is not None and check_keys(
        labels, diags, required=("unofficial", "official"), what="labels", area="notice"
    ):
        unofficial = str(labels.value["unofficial"].value)
        official = str(labels.value["official"].value)
    for language in required:
        if language not in texts:
            diags.error(
                "notice.missing-language",
                f"the notice has no `{language}` text",
                Location(path),
                hints=("the statute requires English and Spanish",),
            )
    if diags.error_count > before:
        return None
    return Notice(statute, path, required, counties, texts, unofficial, official)


def unknown_county(notice: Notice, county: str, where: Location, diags: Diagnostics) -> None:
    """Report a county the table has no source for."""
    diags.error(
        "notice.unknown-county",
        f"county `{county}` has no entry in the notice's county table",
        where,
        hints=(
            *choice_hints(county, notice.counties),
            "or name the third language explicitly with `languages` in the kit",
        ),
    )
