"""Write `outreach/content/cldr_subset.json`: the CLDR facts a build reads, from Babel.

Input: Babel's CLDR data (the installed Babel). Output: for each CLDR locale a bundled
language maps to, the keys Babel's number formatting reads, and each bundled language's
name in its own script (`content/cldr_subset.py`), with the Babel version that wrote them.
Run `python tools/cldr_subset.py` after upgrading Babel or adding a language; until then
numbers and names come from Babel's full data, only slower (`tests/test_cldr_subset.py`
says the file is stale).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml
from babel import Locale, __version__

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from outreach.content.cldr_subset import DATA_FILE, encode  # noqa: E402
from outreach.content.languages import babel_native_name, cldr_locale  # noqa: E402


def bundled_tags() -> list[str]:
    """The language tags of every bundled pack, and English."""
    tags = {"en"}
    for pack in sorted((ROOT / "content").glob("*/pack.yaml")):
        tags.update(yaml.safe_load(pack.read_text(encoding="utf-8"))["pack"]["languages"])
    return sorted(tags)


def main() -> int:
    """Write the file, sorted, so that a rerun with the same Babel changes nothing."""
    tags = bundled_tags()
    locales = sorted({cldr_locale(tag) for tag in tags})
    table = {
        "babel": __version__,
        "number_formats": {name: encode(Locale.parse(name)) for name in locales},
        "own_names": {tag: babel_native_name(tag) for tag in tags},
    }
    text = json.dumps(table, ensure_ascii=True, indent=1)
    DATA_FILE.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
