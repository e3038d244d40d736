"""Issue 21: every file that cites the print-production facts cites the copy in this repository."""

from __future__ import annotations

import re

from tests.conftest import ROOT

CITING = ("content", "layouts", "kits", "outreach", "tests", "README.md", ".pre-commit-config.yaml")


def _files() -> list[str]:
    found = []
    for name in CITING:
        base = ROOT / name
        paths = [base] if base.is_file() else sorted(base.rglob("*"))
        for path in paths:
            if path.is_file() and path.suffix in {".py", ".yaml", ".toml", ".md", ".txt", ""}:
                found.append(path.relative_to(ROOT).as_posix())
    return found


def test_issue_21_print_production_is_in_the_repository() -> None:
    facts = (ROOT / "docs" / "print-production.md").read_text(encoding="utf-8")
    for source in ("humantraffickinghotline.org", "polarisproject.org", "da.alamedacountyca.gov"):
        assert source in facts
    for fact in ("3.6875", "0.4 mm", "16 point", "0.125 in", "1-888-539-2373", "40.3 million"):
        assert fact in facts


def test_issue_21_every_citation_points_to_docs_print_production() -> None:
    wrong = []
    for name in _files():
        if name == "tests/test_print_production_citations.py":
            continue
        text = (ROOT / name).read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            if re.search(r"(?<!docs/)print-production\.md", line) or "../" + "shared" in line:
                wrong.append(f"{name}:{number}: {line.strip()}")
    assert wrong == []
