"""Load a print run's distribution sites from a CSV or YAML list.

Input: `sites.csv` (a header row, then one site a row) or `sites.yaml` (a list of
mappings, or `sites:` holding one). Columns: `id`, `name`, `quantity`, and optionally
`local_contact` (a line with a phone number, printed on the card's back) and `campaign`
(a tag added to URL codes when the kit asks for it). Output: a `SiteList`, or diagnostics
that name the file and row. Every row is checked; a list with any error is not used.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from outreach.content.phones import find_numbers
from outreach.content.safety import describe_character, find_invisible_character
from outreach.content.textfiles import MAX_CSV_BYTES, read_text_file
from outreach.content.yamlfile import Node, load_yaml, type_name
from outreach.core.diagnostics import Diagnostics, Location, choice_hints
from outreach.core.resources import display_path
from outreach.core.values import value_methods

REQUIRED_COLUMNS = ("id", "name", "quantity")
OPTIONAL_COLUMNS = ("local_contact", "campaign")
DEFAULT_REGION = "US"  # how numbers without a country code are read (the pack's country)
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_CAMPAIGN = re.compile(r"^[A-Za-z0-9._~-]+$")  # unreserved URI characters: no escaping needed
MAX_QUANTITY = 1_000_000
# A county's run is a few hundred sites; the card pipeline is measured up to 10,000. Past
# that a list is a mistake, and reading on would cost seconds and hundreds of MB (issue 21).
MAX_SITES = 10_000


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Site:
    """A place where cards are handed out, and what its cards carry."""

    id: str
    name: str
    quantity: int
    location: Location  # the site's row, for diagnostics about its cards
    local_contact: str | None = None
    local_dial: str | None = None  # E.164 form of the number found in `local_contact`
    campaign: str | None = None


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class SiteList:
    """The sites of a print run, in the order their cards come out of the cutter."""

    path: str
    sites: tuple[Site, ...]

    @property
    def total(self) -> int:
        """Cards in the whole run."""
        return sum(site.quantity for site in self.sites)

    @property
    def name(self) -> str:
        """The run's name: the site file's stem (`sites-example`)."""
        return Path(self.path).stem


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class _Row:
    values: dict[str, str]
    location: Location
    columns: tuple[str, ...] | dict[str, Location]  # CSV: the header; YAML: each field's place

    def where(self, name: str) -> Location:
        """Where field `name` is: its own line and column in YAML, row and column in CSV.

        CSV locations are made only when a diagnostic needs one: a run of 10,000 sites
        would otherwise hold 50,000 of them (issue 3).
        """
        if isinstance(self.columns, dict):
            return self.columns.get(name, self.location)
        if name in self.columns:
            return Location(self.location.path, self.location.line, key=name)
        return self.location


def load_sites(
    file: Path, root: Path, diags: Diagnostics, region: str = DEFAULT_REGION
) -> SiteList | None:
    """Read and check a site list; None (with diagnostics) if any row has an error."""
    path = display_path(file, root)
    before = len(diags.errors)
    if not _inside_its_folder(file, root):
        diags.error(
            "sites.path-outside",
            f"site list `{path}` leads outside its folder and the project",
            Location(path),
            hints=("keep the site list in the project; a symlink to a file elsewhere is refused",),
        )
        return None
    if file.suffix.lower() in (".yaml", ".yml"):
        rows = _yaml_rows(file, path, diags)
    elif file.suffix.lower() == ".csv":
        rows = _csv_rows(file, path, diags)
    else:
        diags.error(
            "sites.format",
            f"site list `{path}` must be a .csv or .yaml file",
            Location(path),
            hints=("save the list as CSV with a header row",),
        )
        return None
    sites: list[Site] = []
    first_row: dict[str, Location] = {}
    seen_rows = 0
    # Rows are checked as they are read, so the file's rows are never all in memory.
    for row in rows:
        seen_rows += 1
        if seen_rows > MAX_SITES:
            diags.error(
                "sites.too-many",
                f"site list `{path}` has more than {MAX_SITES:,} sites",
                row.location,
                hints=("split the run into several kits, one site list each",),
            )
            break
        site = _site(row, region, diags)
        if site is None:
            continue
        if site.id in first_row:
            earlier = first_row[site.id]
            diags.error(
                "sites.duplicate-id",
                f"site id `{site.id}` is used twice",
                row.where("id"),
                hints=(f"the first use is on line {earlier.line}; give each site its own id",),
            )
            continue
        first_row[site.id] = site.location
        sites.append(site)
    if len(diags.errors) > before:
        return None
    if not seen_rows:
        diags.error(
            "sites.empty",
            f"site list `{path}` has no sites",
            Location(path, 1),
            hints=("add one row per distribution site",),
        )
        return None
    return SiteList(path, tuple(sites))


def _inside_its_folder(file: Path, root: Path) -> bool:
    """True when `file`, symlinks resolved, is in its own folder or the project (issue 21)."""
    try:
        resolved = file.resolve()
        folders = (file.absolute().parent.resolve(), root.resolve())
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL in the name
        return False
    return any(resolved.is_relative_to(folder) for folder in folders)


def _csv_rows(file: Path, path: str, diags: Diagnostics) -> Iterator[_Row]:
    if not file.exists():
        diags.error(
            "file.missing",
            f"site list `{path}` does not exist",
            Location(path),
            hints=("check the `sites` path in the kit; it is relative to the kit file",),
        )
        return
    # Spreadsheets often write a byte-order mark: utf-8-sig drops it.
    hints = ("save the file as UTF-8 CSV",)
    text = read_text_file(file, path, diags, limit=MAX_CSV_BYTES, encoding="utf-8-sig", hints=hints)
    if text is None:
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        diags.error(
            "sites.empty",
            f"site list `{path}` is empty",
            Location(path, 1),
            hints=("start with a header row: id,name,quantity,local_contact,campaign",),
        )
        return
    columns = [name.strip() for name in header]
    if not _check_columns(columns, path, Location(path, 1), diags):
        return
    header_names = tuple(columns)
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # blank lines between blocks of sites are harmless
            location = Location(path, line)
            if len(cells) > len(columns):
                diags.error(
                    "sites.extra-cells",
                    f"row has {len(cells)} cells but the header names {len(columns)} columns",
                    location,
                    hints=("quote cells that contain commas",),
                )
                continue
            values = {name: cell.strip() for name, cell in zip(columns, cells, strict=False)}
            yield _Row(values, location, header_names)
    except csv.Error as exc:
        diags.error(
            "sites.syntax",
            f"malformed CSV: {exc}",
            Location(path, reader.line_num),
            hints=("check quotes on this line",),
        )
        return


def _yaml_rows(file: Path, path: str, diags: Diagnostics) -> Iterator[_Row]:
    node = load_yaml(file, path, diags)
    if node is None:
        return
    if node.is_mapping() and node.get("sites") is not None:
        inner = node.get("sites")
        assert inner is not None
        node = inner
    if not node.is_list():
        diags.error(
            "sites.type",
            f"site list must be a list of sites, got {type_name(node.plain())}",
            node.location,
            hints=("write `- {id: ..., name: ..., quantity: ...}` lines",),
        )
        return
    seen_columns: set[str] = set()
    for entry in node.value:
        if not entry.is_mapping():
            diags.error(
                "sites.type",
                f"each site must be a mapping, got {type_name(entry.plain())}",
                entry.location,
            )
            continue
        values: dict[str, str] = {}
        keyed: dict[str, Location] = {}
        for name, child in entry.value.items():
            keyed[name] = Location(path, child.location.line, child.location.column, name)
            if child.value is None:
                continue
            if isinstance(child.value, dict | list):
                diags.error("sites.type", f"`{name}` must be a single value", child.location)
                continue
            values[name] = _yaml_scalar(child)
        unknown = sorted(set(entry.value) - set(REQUIRED_COLUMNS) - set(OPTIONAL_COLUMNS))
        for name in unknown:
            if name not in seen_columns:
                diags.error(
                    "sites.unknown-column",
                    f"unknown field `{name}`",
                    keyed[name],
                    hints=choice_hints(name, REQUIRED_COLUMNS + OPTIONAL_COLUMNS),
                )
            seen_columns.add(name)
        location = Location(path, entry.location.line, entry.location.column)
        missing = [name for name in REQUIRED_COLUMNS if name not in entry.value]
        for name in missing:
            diags.error(
                "sites.missing-column",
                f"site has no `{name}`",
                location,
                hints=(f"add `{name}:` to this site",),
            )
        if unknown or missing:
            continue
        yield _Row(values, location, keyed)


def _yaml_scalar(node: Node) -> str:
    value = node.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return repr(value)  # keep `3.0` visible as a non-integer quantity
    return str(value).strip()


def _check_columns(columns: list[str], path: str, header: Location, diags: Diagnostics) -> bool:
    ok = True
    allowed = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    for name in columns:
        if name not in allowed:
            diags.error(
                "sites.unknown-column",
                f"unknown column `{name}`",
                header,
                hints=choice_hints(name, allowed),
            )
            ok = False
    for name in REQUIRED_COLUMNS:
        if name not in columns:
            diags.error(
                "sites.missing-column",
                f"site list `{path}` has no `{name}` column",
                header,
                hints=("the header row needs: " + ", ".join(REQUIRED_COLUMNS),),
            )
            ok = False
    duplicates = sorted({name for name in columns if columns.count(name) > 1})
    for name in duplicates:
        diags.error("sites.duplicate-column", f"column `{name}` appears twice", header)
        ok = False
    return ok


def _site(row: _Row, region: str, diags: Diagnostics) -> Site | None:
    values, where = row.values, row.where
    ok = True
    for name, text in values.items():
        found = find_invisible_character(text)
        if found is not None:
            diags.error(
                "sites.invisible-character",
                f"`{name}` contains the invisible character {describe_character(found[1])}",
                where(name),
                hints=("delete it: hidden and direction-changing characters are not allowed",),
            )
            ok = False
    site_id = values.get("id", "")
    if not site_id:
        diags.error(
            "sites.missing-value",
            "site has no id",
            where("id"),
            hints=("give every site a short id such as `fremont-clinic`",),
        )
        ok = False
    elif not _ID.match(site_id):
        diags.error(
            "sites.bad-id",
            f"site id `{site_id}` may only use letters, digits, `-`, `_` and `.`",
            where("id"),
        )
        ok = False
    name = values.get("name", "")
    if not name:
        diags.error("sites.missing-value", f"site `{site_id}` has no name", where("name"))
        ok = False
    quantity = _quantity(values.get("quantity", ""), site_id, where("quantity"), diags)
    contact = values.get("local_contact") or None
    dial = _local_dial(contact, site_id, region, where("local_contact"), diags) if contact else None
    campaign = values.get("campaign") or None
    if campaign is not None and not _CAMPAIGN.match(campaign):
        diags.error(
            "sites.bad-campaign",
            f"campaign tag `{campaign}` of site `{site_id}` may "
            "only use letters, digits, `-`, `_`, `.` and `~`",
            where("campaign"),
            hints=("campaign tags go into URLs unescaped",),
        )
        ok = False
    if not ok or quantity is None or (contact is not None and dial is None):
        return None
    return Site(
        id=site_id,
        name=name,
        quantity=quantity,
        location=row.location,
        local_contact=contact,
        local_dial=dial,
        campaign=campaign,
    )


def _quantity(text: str, site_id: str, location: Location, diags: Diagnostics) -> int | None:
    if text.isascii() and text.isdigit() and 0 < int(text) <= MAX_QUANTITY:
        return int(text)
    shown = text or "(empty)"
    diags.error(
        "sites.bad-quantity",
        f"quantity `{shown}` of site `{site_id}` is not a positive whole number",
        location,
        hints=(f"write a number of cards from 1 to {MAX_QUANTITY:,}",),
    )
    return None


def _local_dial(
    text: str, site_id: str, region: str, location: Location, diags: Diagnostics
) -> str | None:
    """The E.164 form of the one valid phone number in a local contact line."""
    found = find_numbers(text, region)
    matches = found.raw
    if len(matches) == 1 and len(found.valid_e164) == 1:
        return found.valid_e164[0]
    if len(matches) > 1:
        message = f"local contact of site `{site_id}` has {len(matches)} phone numbers: `{text}`"
        hints: tuple[str, ...] = ("give one number per site",)
    elif matches:
        message = (
            f"`{matches[0]}` in the local contact of site `{site_id}` is not a valid phone number"
        )
        hints = ("check every digit against the source; write the area code",)
    else:
        message = f"local contact of site `{site_id}` has no valid phone number: `{text}`"
        hints = (
            "write the number in digits with its area code, e.g. `(510) 555-0123`",
            "letters such as 1-888-KEY-2-FREE are not read; write the digits",
        )
    diags.error("sites.bad-phone", message, location, hints=hints)
    return None
