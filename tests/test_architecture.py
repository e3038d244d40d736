"""The house's rooms: each third-party library has one home, and stages import downstream only.

DESIGN.md: "one home per third-party library"; house-style.md: layout decides, render draws.
Checked on the source's import statements, so a shortcut fails the build, not a review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "outreach"

# library -> the modules (paths below outreach/) that may import it
HOMES = {
    "reportlab.pdfgen": ("render/draw.py",),
    "reportlab.platypus": (),
    "reportlab": ("render/", "fonts/__init__.py"),
    "jinja2": ("content/templating.py",),
    "qrcode": ("layout/qr.py",),
    "phonenumbers": ("content/phones.py",),
    "ada_url": ("content/safety.py",),
    "uharfbuzz": ("text/",),
    "bidi": ("text/",),
    "uniseg": ("text/",),
    "pypdf": ("checks/preflight.py",),
    "pypdfium2": ("checks/preflight.py", "jobs/preview.py"),
    "zxingcpp": ("checks/preflight.py",),
    "PIL": ("checks/preflight.py", "jobs/preview.py"),
    "tqdm": ("cli.py",),
}
# stage -> outreach modules it must never import (downstream stages only)
FORBIDDEN = {
    "layout/": ("outreach.render", "outreach.jobs", "outreach.cli", "outreach.checks"),
    "text/": ("outreach.layout", "outreach.render", "outreach.jobs"),
    "content/": ("outreach.layout", "outreach.render", "outreach.jobs"),
    "render/": ("outreach.layout", "outreach.content", "outreach.jobs"),
    "core/": ("outreach.layout", "outreach.render", "outreach.content"),
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_libraries_are_imported_only_in_their_home(path: Path) -> None:
    where = path.relative_to(PACKAGE).as_posix()
    for name in _imports(path):
        for library, homes in sorted(HOMES.items(), key=lambda item: -len(item[0])):
            if name == library or name.startswith(library + "."):
                assert any(where.startswith(home) for home in homes), (
                    f"{where} imports {name}; its home is {homes or 'nowhere'}"
                )
                break


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_stages_import_downstream_only(path: Path) -> None:
    where = path.relative_to(PACKAGE).as_posix()
    for stage, forbidden in FORBIDDEN.items():
        if where.startswith(stage):
            for name in _imports(path):
                assert not name.startswith(forbidden), f"{where} imports {name}"
