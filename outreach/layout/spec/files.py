"""Find layout files: where a material's layout lives, which exist, and the sizes each offers.

Input: the `layouts/` folders to look in, in order (a project's own, then the bundled ones).
Output: paths, material names and size names, for planning a build and checking `--size`
before any layout is loaded in full. A project's folder overrides the bundled layouts file
by file (issue 15): its own `poster.yaml` replaces the bundled poster only, and every other
material, and `profiles.yaml`, still comes from the bundled folder.
"""

from __future__ import annotations

from pathlib import Path

from outreach.content.yamlfile import load_yaml
from outreach.core.diagnostics import Diagnostics
from outreach.core.resources import display_path

# One folder, or several searched in order: the first that has a file wins.
LayoutFolders = Path | tuple[Path, ...]
PROFILES_FILE = "profiles.yaml"


def folders_of(layouts: LayoutFolders) -> tuple[Path, ...]:
    """The folders to search, in order."""
    return (layouts,) if isinstance(layouts, Path) else layouts


def layout_file(layouts: LayoutFolders, material: str) -> Path:
    """Where a material's layout lives: the first folder that has it (else the first folder)."""
    return _first(layouts, f"{material}.yaml")


def profiles_file(layouts: LayoutFolders) -> Path:
    """Where the office and press profiles live: the first folder that has them."""
    return _first(layouts, PROFILES_FILE)


def _first(layouts: LayoutFolders, name: str) -> Path:
    folders = folders_of(layouts)
    for folder in folders:
        if (folder / name).is_file():
            return folder / name
    return folders[0] / name


def available_materials(layouts: LayoutFolders) -> list[str]:
    """Materials that have a layout file in any of the folders (profiles.yaml aside)."""
    return sorted(
        {
            p.stem
            for folder in folders_of(layouts)
            for p in folder.glob("*.yaml")
            if p.stem != "profiles"
        }
    )


def layout_sizes(file: Path, root: Path, diags: Diagnostics) -> tuple[list[str], str] | None:
    """The page sizes a layout offers and its default, for planning and `--size` checks."""
    node = load_yaml(file, display_path(file, root), diags)
    if node is None or not node.is_mapping():
        return None
    sizes_node, default_node = node.get("sizes"), node.get("default_size")
    if sizes_node is None or not sizes_node.is_mapping() or default_node is None:
        return None
    return list(sizes_node.value), str(default_node.value)
