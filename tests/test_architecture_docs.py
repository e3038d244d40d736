"""The docs match the tree: every module is in the README's table and docs/architecture.md.

Issue 14: a split or a rename that forgets the docs fails here, and so does a doc that names
a module which no longer exists. No file of the repository may point outside it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "outreach"
ENTRY_POINTS = {"__init__.py", "__main__.py"}
CELL_PATH = re.compile(r"`([A-Za-z0-9_./]+)`")
MODULE = re.compile(r"`([A-Za-z0-9_./]+\.py)`")


def _modules() -> set[str]:
    """Every module below `outreach/`, as `stage/module.py`, entry points left out."""
    return {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.name not in ENTRY_POINTS
    }


def _section(text: str, heading: str) -> str:
    """The text of a `## heading` section, up to the next heading of its level."""
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def _rows(text: str) -> list[list[str]]:
    """The cells of every table row in a Markdown text, header and rule rows included."""
    return [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("|")
    ]


def readme_modules() -> set[str]:
    """Modules named in the README's module table: the package cell, then its modules."""
    text = _section((ROOT / "README.md").read_text(encoding="utf-8"), "## How it works")
    named: set[str] = set()
    for cells in _rows(text):
        package = CELL_PATH.fullmatch(cells[0])
        if package is None:
            continue
        if package.group(1).endswith(".py"):
            named.add(package.group(1))
            continue
        base = package.group(1).rstrip("/") + "/"
        named.update(base + name for name in MODULE.findall(" ".join(cells[1:])))
    return named


def architecture_modules() -> set[str]:
    """Modules named in the first cell of a row of docs/architecture.md's module table."""
    text = _section((ROOT / "docs" / "architecture.md").read_text(encoding="utf-8"), "## Modules")
    named: set[str] = set()
    for cells in _rows(text):
        found = MODULE.fullmatch(cells[0])
        if found is not None:
            named.add(found.group(1))
    return named


def architecture_paths() -> set[str]:
    """Every module docs/architecture.md names anywhere, and every folder it names in code."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = re.findall(r"(?<![\w/.-])((?:[a-z_]+/)*[a-z_]+\.py)\b", text)
    folders = re.findall(r"`((?:[a-z_]+/)+)`", text)
    return {*modules, *folders}


def test_there_are_modules_to_document() -> None:
    modules = _modules()
    assert "cli.py" in modules
    assert "content/pack.py" in modules
    assert len(modules) > 50


@pytest.mark.parametrize("where", ["README.md", "docs/architecture.md"])
def test_every_module_is_documented(where: str) -> None:
    named = readme_modules() if where == "README.md" else architecture_modules()
    missing = sorted(_modules() - named)
    assert not missing, f"add these modules to the module table of {where}: {missing}"


@pytest.mark.parametrize("where", ["README.md", "docs/architecture.md"])
def test_every_documented_module_exists(where: str) -> None:
    named = readme_modules() if where == "README.md" else architecture_modules()
    gone = sorted(name for name in named if not (PACKAGE / name).is_file())
    assert not gone, f"the module table of {where} names modules that do not exist: {gone}"


def test_every_path_in_the_architecture_page_exists() -> None:
    """Paths in the diagram and the prose too: `jobs/run.py`, `layout/spec/`, `layouts/`."""
    missing = []
    for path in sorted(architecture_paths()):
        if not ((PACKAGE / path).exists() or (ROOT / path).exists()):
            missing.append(path)
    assert not missing, f"docs/architecture.md names paths that do not exist: {missing}"


def _tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [ROOT / name for name in listed.split("\0") if name]


def test_no_file_points_outside_the_repository() -> None:
    """Issue 14: everything a file cites is in the repository; nothing names a folder beside it."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    outside = ("../" + "shared", "shared" + "/docs")  # spelt in two, so this file passes
    searchers = {"tests/test_print_production_citations.py"}  # looks for the same string
    wrong = []
    for path in _tracked_files():
        if not path.is_file() or path.relative_to(ROOT).as_posix() in searchers:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            if any(mark in line for mark in outside):
                wrong.append(f"{path.relative_to(ROOT).as_posix()}:{number}: {line.strip()}")
    assert not wrong, "files that point outside the repository:\n" + "\n".join(wrong)


def test_every_cited_document_is_in_the_repository() -> None:
    """A comment or doc that cites a document of ours finds it in the repository (issue 14)."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    cited = re.compile(r"\b(docs/[\w./-]+\.md|research/[\w./-]+\.md|DESIGN\.md|house-style\.md)")
    wrong = []
    for path in _tracked_files():
        if not path.is_file() or path.suffix not in (".py", ".md", ".yaml", ".toml", ".txt"):
            continue
        if path.name == "CHANGELOG.md":
            continue  # history names what was there then
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            for match in cited.finditer(line):
                if not (ROOT / match.group(1)).is_file():
                    wrong.append(f"{path.relative_to(ROOT).as_posix()}:{number}: {match.group(1)}")
    assert not wrong, "citations of files that are not in the repository:\n" + "\n".join(wrong)
