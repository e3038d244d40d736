"""The CLDR subset (issue 14): statistics and language names as Babel's full data gives them.

`content/cldr_subset.json` holds the number formats and own-script names of the bundled
languages, so that a fresh process formats a statistic without unpickling CLDR. Babel
still does the formatting; these tests hold every result equal to Babel's from its full
data, and the file equal to what `tools/cldr_subset.py` writes from the installed Babel.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from outreach.content import cldr_subset
from outreach.content.cldr_subset import NumberLocale, number_locale, own_name
from outreach.content.languages import babel_native_name, native_name
from tests.conftest import ROOT

TABLE = json.loads(cldr_subset.DATA_FILE.read_text(encoding="utf-8"))
LOCALES = sorted(TABLE["number_formats"])
PERCENTS = [0, 0.5, 1, 2, 2.5, 3.75, 10, 12.345, 15, 33.3, 50, 64, 80, 99.9, 100, 150, 1234.5]
MILLIONS = [0.001, 0.25, 0.5, 1, 1.5, 2, 3, 4.03, 5, 11, 21, 40.3, 100, 999.9995, 1000, 1500, 25e3]
DECIMALS = [0, 1, 2.5, 7, 21, 1234, 12345.678, 40.3, 1e6, 123456789]


def _tool() -> object:
    spec = importlib.util.spec_from_file_location("cldr_subset_tool", ROOT / "tools/cldr_subset.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_file_is_what_the_tool_writes_from_the_installed_babel(tmp_path: Path) -> None:
    tool = _tool()
    written = tmp_path / "cldr_subset.json"
    tool.DATA_FILE = written  # type: ignore[attr-defined]
    assert tool.main() == 0  # type: ignore[attr-defined]
    assert written.read_text(encoding="utf-8") == cldr_subset.DATA_FILE.read_text(
        encoding="utf-8"
    ), "run `python tools/cldr_subset.py`"


@pytest.mark.parametrize("name", LOCALES)
def test_numbers_format_as_babel_formats_them_from_its_full_data(name: str) -> None:
    ours = number_locale(name)
    assert isinstance(ours, NumberLocale)
    for value in PERCENTS:
        options = {"decimal_quantization": False, "numbering_system": "latn"}
        assert format_percent(value / 100, locale=ours, **options) == format_percent(
            value / 100, locale=name, **options
        ), (name, value)
    for value in MILLIONS:
        options = {"format_type": "long", "fraction_digits": 3, "numbering_system": "latn"}
        assert format_compact_decimal(
            value * 1_000_000, locale=ours, **options
        ) == format_compact_decimal(value * 1_000_000, locale=name, **options), (name, value)
    for value in DECIMALS:
        options = {"decimal_quantization": False, "numbering_system": "latn"}
        assert format_decimal(value, locale=ours, **options) == format_decimal(
            value, locale=name, **options
        ), (name, value)


@pytest.mark.parametrize("tag", sorted(TABLE["own_names"]))
def test_own_names_are_babels(tag: str) -> None:
    assert own_name(tag) == native_name(tag) == babel_native_name(tag)


def test_a_file_another_babel_wrote_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = tmp_path / "cldr_subset.json"
    stale.write_text(json.dumps({**TABLE, "babel": "0.0.0"}), encoding="utf-8")
    monkeypatch.setattr(cldr_subset, "DATA_FILE", stale)
    for cached in (cldr_subset._table, cldr_subset.number_locale):
        cached.cache_clear()
    try:
        assert number_locale("es") == "es"  # Babel's full data, by name
        assert own_name("es") is None
    finally:
        for cached in (cldr_subset._table, cldr_subset.number_locale):
            cached.cache_clear()


def test_a_poster_loads_no_cldr_file() -> None:
    code = (
        "from outreach import build_material\n"
        "built = build_material('poster', size='letter', check=False)\n"
        "import babel.localedata, babel.core\n"
        "print(sorted(babel.localedata._cache), babel.core._global_data is None)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.split("\n")[-2] == "[] True"
