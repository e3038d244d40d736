"""Shared fixtures: the project under test, copies of it for tests to change, and kits."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# Test the source tree even when an installed copy exists; the wheel itself is checked
# by tests/test_packaging.py.
sys.path.insert(0, str(ROOT))

from outreach.jobs.project import Project  # noqa: E402

PACK = "alameda-heart"  # the default content pack
# The languages of the default pack (English and its drafted translations).
PACK_LANGUAGES: list[str] = yaml.safe_load(
    (ROOT / "content" / PACK / "pack.yaml").read_text(encoding="utf-8")
)["pack"]["languages"]


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-golden` rewrites reviewed golden files instead of comparing."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from current output instead of comparing",
    )


@pytest.fixture(scope="session", autouse=True)
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Recorded SVG drawings (render/svg_ops.py) go to the test run's folder, not the user's.

    Set in the environment, so the fresh interpreters of tests/test_startup.py use it too.
    """
    os.environ["OUTREACH_CACHE_DIR"] = str(tmp_path_factory.mktemp("outreach-cache"))


@pytest.fixture(scope="session")
def project() -> Project:
    """The repository itself as a project (its content, layouts and kits)."""
    return Project(ROOT)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether goldens should be rewritten."""
    return bool(request.config.getoption("--update-golden"))


def copy_project(target: Path, *, layouts: bool = True, catalogs: bool = True) -> Path:
    """Copy the default pack (and the layouts) into `target`, for a test to change.

    Without `catalogs` the pack has English only, as a new pack has before translation.
    Returns `target`, the project folder.
    """
    pack = target / "content" / PACK
    shutil.copytree(ROOT / "content" / PACK, pack)
    if not catalogs:
        for po in (pack / "locale").glob("*.po"):
            po.unlink()
    if layouts:
        shutil.copytree(ROOT / "layouts", target / "layouts")
    return target


def job_kit(*, kit_name: str = "test", **job: object) -> str:
    """A kit with one job for the default pack: `job_kit(material="poster", sizes=["a4"])`."""
    lines = ["[kit]", f'name = "{kit_name}"', f'pack = "{PACK}"', "", "[[jobs]]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in job.items()]  # JSON is TOML here
    return "\n".join(lines) + "\n"


def write_kit(project: Path, text: str, name: str = "k.toml") -> Path:
    """Write a kit file into `project/kits/` and return its path."""
    kit = project / "kits" / name
    kit.parent.mkdir(parents=True, exist_ok=True)
    kit.write_text(text, encoding="utf-8")
    return kit


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the default pack and the layouts in a temporary folder."""
    return copy_project(tmp_path)
