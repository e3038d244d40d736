"""The README stays true: every diagnostic code the library can emit is documented."""

from __future__ import annotations

import re

from tests.conftest import ROOT

CALL = re.compile(r"(?:error|warning|report)\(\s*f?\"([a-z0-9]+\.[a-z0-9-]+)\"")
QUOTED = re.compile(
    r"\"((?:yaml|content|layout|font|qr|kit|build|i18n|check|notice|sites|sheet|specimen|file|web)"
    r"\.[a-z0-9-]+)\""
)
FILE_NAMES = {"content.yaml", "specimen.yaml", "sheet.html", "sites.html"}  # web templates


def emitted_codes() -> set[str]:
    codes: set[str] = set()
    for path in (ROOT / "outreach").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes.update(CALL.findall(text))
        codes.update(QUOTED.findall(text))
        if 'f"{area}.' in text:  # yamlfile.check_keys: one code per area
            for area in ("content", "layout", "notice"):
                codes.update({f"{area}.unknown-key", f"{area}.missing-key", f"{area}.type"})
    return codes - FILE_NAMES


def test_every_diagnostic_code_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = sorted(code for code in emitted_codes() if f"`{code}`" not in readme)
    assert not missing, f"document these codes in README.md: {missing}"
