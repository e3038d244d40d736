"""The bundled default kit: every material, 14 languages, both profiles, clean and checked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from outreach import build, cli
from tests.conftest import PACK_LANGUAGES

SAMPLE = re.compile(r"-(en|fa|zh-Hant|km)(\+[A-Za-z-]+)*-(office|press)")


@pytest.fixture(scope="module")
def default_kit(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("default-kit")
    return out, build(out_dir=out, workers=2)


def test_default_kit_builds_every_material_in_every_language(default_kit: tuple) -> None:
    out, report = default_kit
    # The tl and ru letter brochures leave out the optional H.E.A.R.T. Team paragraph (the
    # back cover carries the team) so that their body text holds 9 pt (issue 16).
    codes = {d.code for d in report.diagnostics}
    # Reversed small type on the cards' and the brochure cover's teal is the layouts' to
    # fix (issue 20's ink check found it).
    assert codes == {
        "i18n.needs-review",
        "layout.dropped-block",
        "check.size-mismatch",
        "check.reversed-small-text",
    }
    # What still differs by more than 1 pt across a set (issue 16): the Tagalog poster's
    # lists, and the odd long line; each names the language to shorten.
    mismatched = [d.message for d in report.diagnostics if d.code == "check.size-mismatch"]
    assert not [m for m in mismatched if "slot `call-label`" in m]
    assert not [m for m in mismatched if "slot `headline`" in m and "legal poster" not in m]
    dropped = sorted(d.message for d in report.diagnostics if d.code == "layout.dropped-block")
    assert len(dropped) == 2  # reported once for office and press
    assert all("heart_team.body" in m for m in dropped)
    assert sum("in `tl`" in m for m in dropped) == sum("in `ru`" in m for m in dropped) == 1
    manifest = json.loads((out / "manifest.json").read_text())
    seen = {(f["material"], tuple(f["languages"]), f["profile"]) for f in manifest["files"]}
    languages = PACK_LANGUAGES
    for material in (
        "poster",
        "brochure",
        "wallet-card",
        "wallet-card-discreet",
        "wallet-card-sheet",
        "wallet-card-discreet-sheet",
    ):
        for language in languages:
            for profile in ("office", "press"):
                assert (material, (language,), profile) in seen, (material, language, profile)
    assert ("notice", ("en", "es", "zh-Hant"), "press") in seen
    assert ("poster-bilingual", ("en", "fa"), "press") in seen
    assert ("poster-trilingual", ("en", "es", "zh-Hant"), "press") in seen


def test_default_kit_passes_outreach_check(
    default_kit: tuple, capsys: pytest.CaptureFixture[str]
) -> None:
    out, _ = default_kit
    sample = sorted(p for p in out.glob("*.pdf") if SAMPLE.search(p.name))
    assert len(sample) > 60
    status = cli.main(["check", *map(str, sample), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["checked"] == len(sample)
    assert report["diagnostics"] == []
    assert status == 0
