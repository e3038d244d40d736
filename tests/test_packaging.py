"""The installed wheel ships what the package needs: content packs, layouts, kits and fonts."""

from __future__ import annotations

from importlib import metadata

import pytest

from tests.conftest import ROOT


def _installed_files() -> list[str]:
    try:
        files = metadata.files("outreach")
    except metadata.PackageNotFoundError:
        pytest.skip("outreach is not installed (run `pip install .` first)")
    paths = [str(f) for f in files or []]
    if not any(p.startswith("outreach/") and p.endswith(".py") for p in paths):
        pytest.skip("outreach is installed in editable mode; nothing to check")
    return paths


def test_wheel_ships_content_layouts_kits_and_fonts() -> None:
    files = _installed_files()
    expected = [
        "outreach/_bundled/content/alameda-heart/pack.yaml",
        "outreach/_bundled/content/alameda-heart/content.yaml",
        "outreach/_bundled/layouts/poster.yaml",
        "outreach/_bundled/layouts/profiles.yaml",
        "outreach/_bundled/kits/default.toml",
        # `outreach new` starts from the national pack and its kit (issue 15, item 7)
        "outreach/_bundled/content/national/pack.yaml",
        "outreach/_bundled/content/national/content.yaml",
        "outreach/_bundled/content/national/locale/es.po",
        "outreach/_bundled/kits/national.toml",
        "outreach/fonts/files/NotoSans-Regular.ttf",
        "outreach/fonts/files/NotoSans-Bold.ttf",
        "outreach/fonts/files/OFL.txt",
    ]
    for path in expected:
        assert path in files, path


def test_every_layout_in_the_repo_is_shipped() -> None:
    files = _installed_files()
    for layout in (ROOT / "layouts").glob("*.yaml"):
        assert f"outreach/_bundled/layouts/{layout.name}" in files
