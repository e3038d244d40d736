"""Load the card-only parts of a wallet-card layout: corner radius and imposed sheets.

Input: the `card:` and `sheets:` sections of `layouts/wallet-card*.yaml` (lengths as
"3mm", "0.5in", "2pt"). Output: a `CardSpec` in points, or diagnostics with file:line:col.
The card's own design (pages, slots, roles) is read by `layouts/` like any material.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from outreach.content.yamlfile import Node, load_yaml, type_name
from outreach.core.diagnostics import Diagnostics, Location, choice_hints
from outreach.core.layout_specs import LayoutSpec
from outreach.core.resources import display_path
from outreach.core.values import value_methods
from outreach.layout.spec import check_keys_in_layout, read_length

ORDERS = ("cut-and-stack", "plain")
# A card in two languages prints this page as its back: both languages, where the calls
# to action are (issue 16); a one-language card leaves it out.
TWO_LANGUAGE_BACK = "back-two-languages"


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Imposition:
    """How cards sit on a sheet: a grid, the gutters between cards, and bleed or not."""

    name: str
    columns: int
    rows: int
    gutter_x: float
    gutter_y: float
    bleed: bool  # each card gets the profile's bleed (needs gutters); else cards abut
    location: Location

    @property
    def per_sheet(self) -> int:
        """Cards on one side of a sheet."""
        return self.columns * self.rows


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class MarkSpec:
    """Crop marks: their gap beyond the bleed, their length and line width."""

    offset: float
    length: float
    width: float


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class CardSpec:
    """Card-only settings of a wallet-card layout, all lengths in points."""

    path: str
    corner_radius: dict[str, float]  # card size -> radius of the die-cut corners
    sheet_sizes: dict[str, tuple[float, float]]
    impositions: dict[str, Imposition]
    default_imposition: dict[str, str]  # profile name -> imposition name
    marks: MarkSpec
    slug_size: float
    location: Location
    # Slots left out unless the kit's job asks for them (`organization = true`): the
    # discreet card names no agency by default (issue 16).
    organization_slots: tuple[str, ...] = ()


def has_card_section(file: Path) -> bool:
    """True if a layout file describes a card (it has a top-level `card:` section)."""
    try:
        text = file.read_text(encoding="utf-8")
    except OSError:
        return False
    return any(line.startswith("card:") for line in text.splitlines())


def load_card_spec(file: Path, root: Path, diags: Diagnostics) -> CardSpec | None:
    """Read `card:` and `sheets:` of a wallet-card layout; None (with diagnostics) if broken."""
    path = display_path(file, root)
    node = load_yaml(file, path, diags)
    if node is None or not node.is_mapping():
        return None
    before = len(diags.errors)
    card, sheets = node.get("card"), node.get("sheets")
    if card is None or sheets is None:
        diags.error(
            "layout.missing-key",
            f"{path} needs `card:` and `sheets:` sections",
            node.location,
            hints=("copy them from layouts/wallet-card.yaml",),
        )
        return None
    radius: dict[str, float] = {}
    on_request: tuple[str, ...] = ()
    if check_keys_in_layout(
        card, diags, optional=("corner_radius", "organization_slots"), what="`card`"
    ):
        on_request = _names(card.get("organization_slots"), diags)
        radius_node = card.get("corner_radius")
        if radius_node is not None and check_keys_in_layout(
            radius_node, diags, optional=tuple(radius_node.value or ()), what="`corner_radius`"
        ):
            for name, value in radius_node.value.items():
                length = read_length(value, diags)
                if length is not None:
                    radius[name] = length
    if not check_keys_in_layout(
        sheets,
        diags,
        required=("sizes", "impositions", "default_imposition", "marks", "slug_size"),
        what="`sheets`",
    ):
        return None
    sizes = _sheet_sizes(sheets.get("sizes"), diags)
    impositions = _impositions(sheets.get("impositions"), diags)
    defaults: dict[str, str] = {}
    default_node = sheets.get("default_imposition")
    if default_node is not None and check_keys_in_layout(
        default_node, diags, optional=tuple(default_node.value or ()), what="`default_imposition`"
    ):
        for profile, choice in default_node.value.items():
            if choice.value not in impositions:
                diags.error(
                    "layout.bad-value",
                    f"imposition `{choice.value}` is not defined",
                    choice.location,
                    hints=choice_hints(str(choice.value), impositions),
                )
                continue
            defaults[profile] = str(choice.value)
    marks = _marks(sheets.get("marks"), diags)
    slug_size = read_length(sheets.get("slug_size"), diags)
    if len(diags.errors) > before or marks is None or slug_size is None:
        return None
    return CardSpec(
        path=path,
        corner_radius=radius,
        sheet_sizes=sizes,
        impositions=impositions,
        default_imposition=defaults,
        marks=marks,
        slug_size=slug_size,
        location=sheets.location,
        organization_slots=on_request,
    )


def _names(node: Node | None, diags: Diagnostics) -> tuple[str, ...]:
    """A list of slot ids, or () with a located error."""
    if node is None:
        return ()
    if not node.is_list() or not all(isinstance(n.value, str) for n in node.value):
        diags.error(
            "layout.type",
            "`organization_slots` must be a list of slot ids",
            node.location,
            hints=("write e.g. `organization_slots: [organization]`",),
        )
        return ()
    return tuple(str(n.value) for n in node.value)


def _sheet_sizes(node: Node | None, diags: Diagnostics) -> dict[str, tuple[float, float]]:
    sizes: dict[str, tuple[float, float]] = {}
    if node is None or not check_keys_in_layout(
        node, diags, optional=tuple(node.value or ()), what="`sheets.sizes`"
    ):
        return sizes
    for name, entry in node.value.items():
        if not entry.is_list() or len(entry.value) != 2:
            diags.error(
                "layout.type",
                f"sheet size `{name}` must be [width, height], got {type_name(entry.plain())}",
                entry.location,
                hints=("write e.g. `letter: [8.5in, 11in]`",),
            )
            continue
        width, height = (read_length(part, diags) for part in entry.value)
        if width and height:
            sizes[name] = (width, height)
    return sizes


def _count(node: Node | None, what: str, diags: Diagnostics, where: Node) -> int | None:
    value = None if node is None else node.value
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        diags.error(
            "layout.type",
            f"`{what}` must be a whole number of at least 1",
            (node or where).location,
        )
        return None
    return value


def _impositions(node: Node | None, diags: Diagnostics) -> dict[str, Imposition]:
    result: dict[str, Imposition] = {}
    if node is None or not check_keys_in_layout(
        node, diags, optional=tuple(node.value or ()), what="`sheets.impositions`"
    ):
        return result
    for name, entry in node.value.items():
        if not check_keys_in_layout(
            entry,
            diags,
            required=("columns", "rows", "gutter", "bleed"),
            what=f"imposition `{name}`",
        ):
            continue
        columns = _count(entry.get("columns"), "columns", diags, entry)
        rows = _count(entry.get("rows"), "rows", diags, entry)
        gutter_node, bleed_node = entry.get("gutter"), entry.get("bleed")
        gutter: tuple[float | None, ...] = (None, None)
        if gutter_node is not None and gutter_node.is_list() and len(gutter_node.value) == 2:
            gutter = tuple(read_length(part, diags) for part in gutter_node.value)
        elif gutter_node is not None:
            diags.error(
                "layout.type",
                "`gutter` must be [across, down]",
                gutter_node.location,
                hints=("write e.g. `gutter: [0.5in, 0.5in]`",),
            )
        if bleed_node is not None and not isinstance(bleed_node.value, bool):
            diags.error("layout.type", "`bleed` must be true or false", bleed_node.location)
            continue
        gutter_x, gutter_y = gutter
        if columns is None or rows is None or gutter_x is None or gutter_y is None:
            continue
        assert bleed_node is not None
        result[name] = Imposition(
            name, columns, rows, gutter_x, gutter_y, bool(bleed_node.value), entry.location
        )
    return result


def _marks(node: Node | None, diags: Diagnostics) -> MarkSpec | None:
    if node is None or not check_keys_in_layout(
        node, diags, required=("offset", "length", "width"), what="`sheets.marks`"
    ):
        return None
    offset = read_length(node.get("offset"), diags)
    length = read_length(node.get("length"), diags)
    width = read_length(node.get("width"), diags)
    if offset is None or length is None or width is None:
        return None
    return MarkSpec(offset, length, width)


def card_design(
    spec: LayoutSpec, card: CardSpec, *, two_languages: bool, organization: bool
) -> LayoutSpec:
    """The pages one card job prints: its back for one or two languages, its slots.

    A layout's `back-two-languages` page replaces `back` (and takes its name, for slugs
    and tags) on a two-language card. `organization_slots` stay out unless the kit asks.
    """
    pages = []
    names = {page.name for page in spec.pages}
    for page in spec.pages:
        if page.name == TWO_LANGUAGE_BACK and not two_languages:
            continue
        if page.name == "back" and two_languages and TWO_LANGUAGE_BACK in names:
            continue
        if page.name == TWO_LANGUAGE_BACK:
            page = replace(page, name="back")
        if not organization and card.organization_slots:
            slots = tuple(s for s in page.slots if s.id not in card.organization_slots)
            page = replace(page, slots=slots)
        pages.append(page)
    return replace(spec, pages=tuple(pages))
