"""Shared fixtures: the project under test, built PDFs, and helpers to read them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
# Test the source tree even when an installed copy exists; the wheel itself is checked
# by tests/test_packaging.py.
sys.path.insert(0, str(ROOT))

from outreach.build import Project  # noqa: E402

# The languages of the default pack (English and its drafted translations).
PACK_LANGUAGES: list[str] = yaml.safe_load(
    (ROOT / "content" / "alameda-heart" / "pack.yaml").read_text(encoding="utf-8")
)["pack"]["languages"]


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-golden` rewrites reviewed golden files instead of comparing."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from current output instead of comparing",
    )


@pytest.fixture(scope="session")
def project() -> Project:
    """The repository itself as a project (its content, layouts and kits)."""
    return Project(ROOT)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether goldens should be rewritten."""
    return bool(request.config.getoption("--update-golden"))
