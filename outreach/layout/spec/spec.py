"""Load one layout file into a `model.LayoutSpec` resolved for one page size.

Input: `layouts/<material>.yaml` and a size name. Output: the spec, all in points, or None
with every problem reported as a diagnostic. The parts are read by the sibling modules.
"""

from __future__ import annotations

from pathlib import Path

from outreach.content.yamlfile import Node, load_yaml, type_name
from outreach.core.diagnostics import Diagnostics, Location, choice_hints
from outreach.core.layout_specs import LayoutSpec
from outreach.core.resources import display_path
from outreach.layout.spec.fields import check_keys_in_layout, read_length
from outreach.layout.spec.folds import check_backing, read_fold
from outreach.layout.spec.pages import read_pages
from outreach.layout.spec.styles import read_palette, read_roles


def load_layout(file: Path, root: Path, size: str | None, diags: Diagnostics) -> LayoutSpec | None:
    """Load a layout and resolve it for one page size (None: the layout's default size)."""
    path = display_path(file, root)
    node = load_yaml(file, path, diags)
    if node is None:
        return None
    before = diags.error_count
    if not check_keys_in_layout(
        node,
        diags,
        required=("material", "sizes", "default_size", "safe", "palette", "roles", "pages"),
        # `card` and `sheets` belong to wallet cards and are read by outreach/sheets.py;
        # `panels`, `panel_margin`, `duplex` and `fold_marks` describe folded pieces.
        optional=(
            "reference_size",
            "min_qr_module",
            "notes",
            "card",
            "sheets",
            "panels",
            "panel_margin",
            "duplex",
            "fold_marks",
            "languages",
        ),
        what=path,
    ):
        return None
    sizes = _sizes(node.get("sizes"), diags)
    default_node = node.get("default_size")
    assert default_node is not None
    chosen = size or str(default_node.value)
    if chosen not in sizes:
        diags.error(
            "layout.unknown-size",
            f"size `{chosen}` is not offered by {path}",
            default_node.location if size is None else Location(path),
            hints=choice_hints(chosen, sizes),
        )
        return None
    width, height = sizes[chosen]
    reference_node = node.get("reference_size")
    reference = str(reference_node.value) if reference_node else chosen
    ref_w, ref_h = sizes.get(reference, (width, height))
    scale = min(width / ref_w, height / ref_h)
    # Display roles (`display: true`) grow with the page's longer stretch: a tabloid
    # headline is set for the height it has, not for the width ratio (issue 16).
    display_scale = max(width / ref_w, height / ref_h)
    palette = read_palette(node.get("palette"), diags)
    roles = read_roles(node.get("roles"), palette, scale, diags, display_scale=display_scale)
    safe = read_length(node.get("safe"), diags)
    min_module_node = node.get("min_qr_module")
    min_module = read_length(min_module_node, diags) if min_module_node else 0.4 * 72 / 25.4
    fold = read_fold(node, chosen, width, height, diags)
    pages = read_pages(node.get("pages"), width, height, palette, roles, diags, fold)
    pages_node = node.get("pages")
    if not pages and pages_node is not None:
        diags.error(
            "layout.bad-value",
            "a layout needs at least one page",
            pages_node.location,
            hints=("add a page under `pages:` with a `name` and its `slots`",),
        )
    if fold is not None:
        check_backing(pages, node.get("pages"), diags)
    material_node = node.get("material")
    assert material_node is not None
    if diags.error_count > before or safe is None or min_module is None:
        return None
    return LayoutSpec(
        material=str(material_node.value),
        path=path,
        size_name=chosen,
        width=width,
        height=height,
        safe=safe,
        min_qr_module=min_module,
        palette=palette,
        roles=roles,
        pages=pages,
        panel_margin=fold.margin if fold else 0.0,
        duplex=fold.duplex if fold else None,
        fold_marks=fold.marks if fold else False,
        languages=_language_count(node.get("languages"), diags),
    )


def _language_count(node: Node | None, diags: Diagnostics) -> int:
    """`languages: 2` on a bilingual layout; one language when absent."""
    if node is None:
        return 1
    if isinstance(node.value, bool) or node.value not in (1, 2, 3):
        diags.error("layout.bad-value", "`languages` must be 1, 2 or 3", node.location)
        return 1
    return int(node.value)


def _sizes(node: Node | None, diags: Diagnostics) -> dict[str, tuple[float, float]]:
    sizes: dict[str, tuple[float, float]] = {}
    if node is None or not node.is_mapping():
        if node is not None:
            diags.error(
                "layout.type", "`sizes` must map size names to [width, height]", node.location
            )
        return sizes
    for name, entry in node.value.items():
        if not entry.is_list() or len(entry.value) != 2:
            diags.error(
                "layout.type",
                f"size `{name}` must be [width, height], got {type_name(entry.value)}",
                entry.location,
                hints=("write e.g. `letter: [8.5in, 11in]`",),
            )
            continue
        width, height = (read_length(v, diags) for v in entry.value)
        if width is None or height is None:
            continue
        if width <= 0 or height <= 0:
            diags.error(
                "layout.bad-value",
                f"size `{name}` needs a positive width and height",
                entry.location,
                hints=("write e.g. `letter: [8.5in, 11in]`",),
            )
            continue
        sizes[name] = (width, height)
    return sizes
