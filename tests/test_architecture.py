"""The house's rooms: each third-party library has one home, and stages import downstream only.

docs/architecture.md, "Rules": one home per third-party library; layout decides, render draws.
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
    "reportlab": ("render/", "fonts/"),
    "jinja2": ("content/templating.py", "web/pages.py"),
    "qrcode": (),  # tests only: the reference for layout/qr_tables.py and the matrices
    # numpy: batches of QR codes, for print runs of cards (issue 14: not for a poster's two)
    "numpy": ("layout/qr_batch.py", "layout/imposition.py"),
    "phonenumbers": ("content/phones.py",),
    "ada_url": ("content/safety.py",),
    "uharfbuzz": ("text/",),
    "bidi": ("text/",),
    "uniseg": ("text/",),
    "pypdf": ("checks/pdf_pages.py",),
    "pypdfium2": (
        "checks/preflight.py",
        "checks/pdf_pages.py",
        "jobs/preview.py",
        "jobs/review_packet.py",
    ),
    "zxingcpp": ("checks/qr_codes.py",),
    # Pillow also reads a pack's pictures (content/images.py: size, mode, decompression
    # bombs) and converts press rasters to CMYK (render/images.py, ImageCms): issue 15
    "PIL": (
        "checks/qr_codes.py",
        "jobs/preview.py",
        "jobs/review_packet.py",
        "content/images.py",
        "render/images.py",
    ),
    "lxml": ("content/images.py",),  # an SVG parsed without entities or network (issue 15)
    "svglib": ("render/images.py",),  # SVG drawn as ReportLab vectors (issue 15)
    "openpyxl": ("content/review_sheet.py",),
    "translate": ("content/review_xliff.py",),
    "tqdm": ("cli.py",),
    # the web app (issue 17): its framework, server and form parser live in web/ alone;
    # its pages are Jinja2 templates (content/ uses only Jinja2's lexer)
    "starlette": ("web/",),
    "uvicorn": ("web/app.py",),
    "multipart": ("web/",),
    # qpdf's object streams make digital files smaller (issue 19); ReportLab has none
    "pikepdf": ("render/compact.py",),
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


# The pipeline's stages, in order: a module may import only from its own stage or earlier
# ones (issue 14). `web/` (issue 17) is an interface above `jobs`, beside `cli.py`; `cli.py`
# and the package's `__init__.py` sit above them all.
STAGES = ("core", "fonts", "text", "content", "layout", "render", "checks", "jobs", "web")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(("outreach", *parts)).removesuffix(".__init__")


def _stage(module: str) -> int:
    parts = module.split(".")
    if len(parts) < 2 or parts[1] not in STAGES:
        return len(STAGES)  # cli, __init__, __main__: the top
    return STAGES.index(parts[1])


def _outreach_imports(path: Path) -> set[str]:
    """Every outreach module a module imports, at any depth of its code (lazy ones too)."""
    found = set()
    for name in _imports(path):
        if name.startswith("outreach."):
            found.add(name)
    return found


def test_stage_packages_are_the_whole_top_level() -> None:
    entries = {p.name for p in PACKAGE.iterdir() if not p.name.startswith(("_", "."))}
    assert entries == {*STAGES, "cli.py"}, entries


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_no_module_imports_from_a_later_stage(path: Path) -> None:
    here = _stage(_module_name(path))
    for name in _outreach_imports(path):
        assert _stage(name) <= here, f"{_module_name(path)} imports {name}, a later stage"


def test_there_is_no_import_circle() -> None:
    modules = {_module_name(path): path for path in MODULES}
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = set()
        for name in _outreach_imports(path):
            # `from outreach.a.b import c` may name a module `outreach.a.b.c` or a value in b
            while name not in modules and "." in name:
                name = name.rsplit(".", 1)[0]
            if name in modules and name != module:
                targets.add(name)
        graph[module] = targets
    done: set[str] = set()

    def visit(module: str, trail: list[str]) -> None:
        if module in trail:
            circle = [*trail[trail.index(module) :], module]
            raise AssertionError("import circle: " + " -> ".join(circle))
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, [*trail, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    limit = 60 if path.name == "__init__.py" else 520
    where = path.relative_to(PACKAGE).as_posix()
    assert lines <= limit, f"{where} has {lines} lines (at most {limit})"
