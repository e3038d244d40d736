"""Read how a folded piece folds: its panel widths, each side's panels, duplex and fold marks.

Input: the layout's `panels`, `panel_margin`, `duplex` and `fold_marks`, and each page's
`panels`. Output: a `Fold` for one page size and `model.PanelSpec`s (issue 4).
"""

from __future__ import annotations

from dataclasses import dataclass

from outreach.content.yamlfile import Node
from outreach.core.diagnostics import Diagnostics, choice_hints
from outreach.core.layout_specs import PageSpec, PanelSpec
from outreach.core.units import to_mm
from outreach.core.values import value_methods
from outreach.layout.spec.fields import check_keys_in_layout, read_length

DUPLEX_MODES = ("long-edge", "short-edge")


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Fold:
    """Panel widths and folding settings of a folded layout, resolved for one size."""

    widths: dict[str, float]  # "wide" and "narrow", in points
    margin: float
    duplex: str | None
    marks: bool
    landscape: bool

    def rotation(self, index: int) -> int:
        """How far side `index` is turned in the file so that it backs up when duplexed.

        Turning a sheet over on its long edge keeps a portrait page's head at the top but
        puts a landscape page's head at the bottom; the short edge does the opposite. So
        the back of a landscape sheet duplexed on the long edge is drawn turned 180 degrees.
        """
        if index % 2 == 0 or self.duplex is None:
            return 0
        return 180 if (self.duplex == "long-edge") == self.landscape else 0


def read_fold(
    node: Node, size: str, width: float, height: float, diags: Diagnostics
) -> Fold | None:
    """The panel widths for `size` and the folding settings, or None for a flat material."""
    panels_node = node.get("panels")
    if panels_node is None:
        for key in ("panel_margin", "duplex", "fold_marks"):
            if node.get(key) is not None:
                diags.error(
                    "layout.missing-key",
                    f"`{key}` is only for folded layouts, and this one has no `panels`",
                    node.location,
                    hints=("add `panels:` with the panel widths of each size",),
                )
        return None
    if not panels_node.is_mapping():
        diags.error(
            "layout.type",
            "`panels` must map each size to its panel widths",
            panels_node.location,
            hints=("write e.g. `letter: {wide: 3.6875in, narrow: 3.625in}`",),
        )
        return None
    entry = panels_node.get(size)
    if entry is None:
        diags.error(
            "layout.missing-key",
            f"size `{size}` has no panel widths in `panels`",
            panels_node.location,
            hints=(f"add `{size}: {{wide: ..., narrow: ...}}` under `panels`",),
        )
        return None
    if not check_keys_in_layout(
        entry, diags, required=("wide", "narrow"), what=f"panel widths of `{size}`"
    ):
        return None
    wide, narrow = read_length(entry.get("wide"), diags), read_length(entry.get("narrow"), diags)
    margin_node, duplex_node = node.get("panel_margin"), node.get("duplex")
    margin = read_length(margin_node, diags) if margin_node else 0.0
    duplex = str(duplex_node.value) if duplex_node else None
    if duplex is not None and duplex not in DUPLEX_MODES:
        assert duplex_node is not None
        diags.error(
            "layout.bad-value",
            f"duplex `{duplex}` must be `long-edge` or `short-edge`",
            duplex_node.location,
            hints=choice_hints(duplex, DUPLEX_MODES),
        )
        return None
    marks_node = node.get("fold_marks")
    if marks_node is not None and not isinstance(marks_node.value, bool):
        diags.error("layout.type", "`fold_marks` must be true or false", marks_node.location)
        return None
    if wide is None or narrow is None or margin is None:
        return None
    return Fold(
        widths={"wide": wide, "narrow": narrow},
        margin=margin,
        duplex=duplex,
        marks=bool(marks_node.value) if marks_node else False,
        landscape=width > height,
    )


def read_panels(
    page_node: Node, fold: Fold | None, width: float, diags: Diagnostics
) -> list[PanelSpec]:
    """A side's panels, left to right, from `{name: wide|narrow}`; they must fill the page."""
    node = page_node.get("panels")
    if node is None:
        return []
    if fold is None:
        diags.error(
            "layout.missing-key",
            "a page with `panels` needs the layout's `panels` widths",
            node.location,
            hints=("add `panels:` at the top of the layout with the widths of each size",),
        )
        return []
    if not node.is_mapping() or not node.value:
        diags.error(
            "layout.type",
            "`panels` of a page must map panel names to `wide` or `narrow`, left to right",
            node.location,
            hints=("write e.g. `panels: {flap: narrow, back: wide, front: wide}`",),
        )
        return []
    panels: list[PanelSpec] = []
    x = 0.0
    for name, kind_node in node.value.items():
        kind = str(kind_node.value)
        if kind not in fold.widths:
            diags.error(
                "layout.bad-value",
                f"panel `{name}` must be `wide` or `narrow`, got `{kind}`",
                kind_node.location,
                hints=choice_hints(kind, fold.widths),
            )
            return []
        panels.append(PanelSpec(str(name), x, fold.widths[kind]))
        x += fold.widths[kind]
    if abs(x - width) > 0.01:
        diags.error(
            "layout.bad-panels",
            f"the panels of this page add up to {to_mm(x):.2f} mm, but the page is "
            f"{to_mm(width):.2f} mm wide",
            node.location,
            hints=("make the panel widths of this size add up to the page width",),
        )
        return []
    return panels


def check_backing(pages: tuple[PageSpec, ...], pages_node: Node | None, diags: Diagnostics) -> None:
    """Each panel of a back side must be as wide as the front panel it is printed behind.

    Turned over, a sheet's left edge becomes its right, so the inside is the outside's
    mirror: the panel behind the outside's leftmost panel is the inside's rightmost one.
    """
    if pages_node is None or not pages_node.is_list() or len(pages_node.value) != len(pages):
        return
    for index in range(0, len(pages) - 1, 2):
        front, back = pages[index], pages[index + 1]
        if not front.panels or not back.panels:
            continue
        panels_node = pages_node.value[index + 1].get("panels")
        location = panels_node.location if panels_node else pages_node.location
        behind = list(reversed(front.panels))
        if len(behind) != len(back.panels):
            diags.error(
                "layout.bad-panels",
                f"page `{back.name}` has {len(back.panels)} panels, page `{front.name}` has "
                f"{len(front.panels)}",
                location,
            )
            continue
        for inner, outer in zip(back.panels, behind, strict=True):
            if abs(inner.w - outer.w) > 0.01:
                diags.error(
                    "layout.bad-panels",
                    f"panel `{inner.name}` ({to_mm(inner.w):.2f} mm) is printed behind panel "
                    f"`{outer.name}` ({to_mm(outer.w):.2f} mm); the sides would not fold "
                    "together",
                    location,
                    hints=(
                        f"list page `{back.name}`'s panels as the mirror of page "
                        f"`{front.name}`'s: the narrow fold-in panel is at the other end",
                    ),
                )
                break


def panel_named(node: Node, panels: list[PanelSpec] | None, diags: Diagnostics) -> PanelSpec | None:
    """The panel a slot or frame names, or a `layout.unknown-panel` listing the page's."""
    names = {panel.name: panel for panel in panels or ()}
    found = names.get(str(node.value))
    if found is None:
        diags.error(
            "layout.unknown-panel",
            f"unknown panel `{node.value}`" + ("" if names else "; this page has no `panels`"),
            node.location,
            hints=choice_hints(str(node.value), names) if names else (),
        )
    return found
