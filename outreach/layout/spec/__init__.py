"""Load layout files: `layouts/<material>.yaml` and `layouts/profiles.yaml`.

Input: YAML layout definitions (lengths as "3mm", "0.125in", "9pt" or "8%" of the page).
Output: `model.LayoutSpec` for one page size, all in points, and `model.Profile`s.
Problems become diagnostics with file:line:col; nothing is raised for a user's mistake.
This module is the package's public face; each submodule reads one part of a layout.
"""

from __future__ import annotations

from outreach.layout.spec.charts import CHART_TYPES
from outreach.layout.spec.fields import check_keys_in_layout, read_length
from outreach.layout.spec.files import (
    LayoutFolders,
    available_materials,
    folders_of,
    layout_file,
    layout_sizes,
    profiles_file,
)
from outreach.layout.spec.folds import DUPLEX_MODES
from outreach.layout.spec.pages import EDGES, SLOT_KINDS
from outreach.layout.spec.profiles import load_profiles
from outreach.layout.spec.spec import load_layout
from outreach.layout.spec.styles import MAX_TYPE, MIN_TYPE

__all__ = [
    "CHART_TYPES",
    "DUPLEX_MODES",
    "EDGES",
    "MAX_TYPE",
    "MIN_TYPE",
    "SLOT_KINDS",
    "LayoutFolders",
    "available_materials",
    "check_keys_in_layout",
    "folders_of",
    "layout_file",
    "layout_sizes",
    "load_layout",
    "load_profiles",
    "profiles_file",
    "read_length",
]
