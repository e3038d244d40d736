"""Find layout files: where a material's layout lives, which exist, and the sizes each offers.

Input: the `layouts/` folder. Output: paths, material names and size names, for planning a
build and checking `--size` before any layout is loaded in full.
"""

from __future__ import annotations

from pathlib import Path

from outreach.content.yamlfile import load_yaml
from outreach.core.diagnostics import Diagnostics
from outreach.core.resources import display_path


def layout_file(layouts_dir: Path, material: str) -> Path:
    """Where a material's layout lives."""
    return layouts_dir / f"{material}.yaml"


def available_materials(layouts_dir: Path) -> list[str]:
    """Materials that have a layout file (profiles.yaml aside)."""
    return sorted(p.stem for p in layouts_dir.glob("*.yaml") if p.stem != "profiles")


def layout_sizes(file: Path, root: Path, diags: Diagnostics) -> tuple[list[str], str] | None:
    """The page sizes a layout offers and its default, for planning and `--size` checks."""
    node = load_yaml(file, display_path(file, root), diags)
    if node is None or not node.is_mapping():
        return None
    sizes_node, default_node = node.get("sizes"), node.get("default_size")
    if sizes_node is None or not sizes_node.is_mapping() or default_node is None:
        return None
    return list(sizes_node.value), str(default_node.value)
