"""Extract the web app's own strings into outreach/web/locale/messages.pot and merge each PO.

Run after changing a template: `python tools/web_messages.py`. New strings arrive empty in
`es.po` (edit them in Poedit or by hand); strings no longer used are dropped. The test
`tests/test_web.py::test_every_ui_string_is_translated` fails until each has a translation.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "outreach" / "web"
LOCALE = WEB / "locale"
CALL = re.compile(r"""\b_\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\)""")


def ui_messages() -> list[str]:
    """Every UI string: `_("...")` in templates, the navigation and the error messages."""
    found: dict[str, None] = {}
    for template in sorted((WEB / "templates").glob("*.html")):
        for match in CALL.finditer(template.read_text(encoding="utf-8")):
            found[match.group(1) if match.group(1) is not None else match.group(2)] = None
    sys.path.insert(0, str(ROOT))
    from outreach.web.app import _MESSAGES
    from outreach.web.branding import BRAND_NAMES
    from outreach.web.pages import NAV

    for _, label in NAV:
        found[label] = None
    for message in _MESSAGES.values():
        found[message] = None
    for what in BRAND_NAMES.values():
        found[what] = None
    for why in ("missing", "stale", "needs review"):
        found[why] = None
    return list(found)


def main() -> int:
    messages = ui_messages()
    template = Catalog(project="outreach web app", fuzzy=False)
    for message in messages:
        template.add(message)
    with (LOCALE / "messages.pot").open("wb") as handle:
        write_po(handle, template, width=100, omit_header=False, no_location=True)
    for po in sorted(LOCALE.glob("*.po")):
        with po.open("rb") as handle:
            old = read_po(handle, locale=po.stem)
        catalog = Catalog(locale=po.stem, project="outreach web app", fuzzy=False)
        for message in messages:
            previous = old.get(message)
            catalog.add(message, previous.string if previous is not None else "")
        with po.open("wb") as handle:
            write_po(handle, catalog, width=100, no_location=True)
        untranslated = [m for m in messages if not catalog.get(m) or not catalog.get(m).string]
        print(f"{po.name}: {len(messages)} strings, {len(untranslated)} untranslated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
