"""outreach: print-ready anti-human-trafficking materials from trusted content.

The one obvious call is `build_material(...)` for a single PDF in memory, or `build(...)`
for a whole kit written to a folder. `layout_piece` and `render_pdf` are the two-step path
for inspecting the laid-out Document before it is drawn.

`import outreach` loads only the diagnostic types; each stage and its libraries load when
a name below is first used (PEP 562), so a script pays only for what it runs (issue 14).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from outreach.core.diagnostics import BuildError, Diagnostic, OutreachError, Severity
from outreach.core.version import __version__

if TYPE_CHECKING:
    from outreach.jobs.piece import build_material
    from outreach.jobs.project import BuiltPiece
    from outreach.jobs.run import BuildReport, build
    from outreach.layout import layout_piece
    from outreach.render.draw import render_pdf

__all__ = [
    "BuildError",
    "BuildReport",
    "BuiltPiece",
    "Diagnostic",
    "OutreachError",
    "Severity",
    "__version__",
    "build",
    "build_material",
    "layout_piece",
    "render_pdf",
]


_HOMES = {  # public name -> the module it is loaded from on first use
    "build_material": "outreach.jobs.piece",
    "BuiltPiece": "outreach.jobs.project",
    "BuildReport": "outreach.jobs.run",
    "build": "outreach.jobs.run",
    "layout_piece": "outreach.layout",
    "render_pdf": "outreach.render.draw",
}


def __getattr__(name: str) -> Any:
    """Load a stage's public name on first use, and keep it in the package."""
    if name not in _HOMES:
        raise AttributeError(f"module 'outreach' has no attribute {name!r}")
    value = globals()[name] = getattr(importlib.import_module(_HOMES[name]), name)
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
