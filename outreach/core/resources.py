"""Where the bundled content packs, layouts and kits live.

Input: nothing. Output: the folder that holds `content/`, `layouts/` and `kits/`:
the source checkout when running from one, the copy inside the wheel otherwise.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the `outreach` package
FONT_DIR = PACKAGE_DIR / "fonts" / "files"


def bundled_root() -> Path:
    """The project folder with the default content, layouts and kits."""
    installed = PACKAGE_DIR / "_bundled"
    if (installed / "layouts").is_dir():
        return installed
    return PACKAGE_DIR.parent


def display_path(path: Path, root: Path) -> str:
    """A path as people see it in messages: relative to the project root when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
