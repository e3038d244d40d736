"""outreach: print-ready anti-human-trafficking materials from trusted content.

The one obvious call is `build_material(...)` for a single PDF in memory, or `build(...)`
for a whole kit written to a folder. `layout_piece` and `render_pdf` are the two-step path
for inspecting the laid-out Document before it is drawn.
"""

from outreach.core.diagnostics import BuildError, Diagnostic, OutreachError, Severity
from outreach.core.version import __version__
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
