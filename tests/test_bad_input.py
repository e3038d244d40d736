"""Bad input gets a clear diagnostic with its location, exit status 1, and no file written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from outreach import cli
from tests.conftest import copy_project, job_kit, write_kit

KIT = job_kit(material="poster", profiles=["office", "press"])


@pytest.fixture
def broken_project(tmp_path: Path) -> Path:
    """A copy of the default pack and a kit, for tests to break."""
    write_kit(copy_project(tmp_path, layouts=False), KIT, "test.toml")
    return tmp_path


def edit(project: Path, name: str, change: Callable[[str], str]) -> None:
    path = project / "content" / "alameda-heart" / name
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, "the test's edit did not apply"
    path.write_text(after, encoding="utf-8")


def run_build(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, Path]:
    out = project / "output"
    status = cli.main(
        [
            "build",
            str(project / "kits" / "test.toml"),
            "--out",
            str(out),
            "--diagnostic-format",
            "short",
        ]
    )
    return status, capsys.readouterr().err, out


def replace(old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new, 1)


CASES = [
    pytest.param(
        "pack.yaml",
        replace("  hotline:\n", "  hotline:\n    colour: red\n"),
        "content/alameda-heart/pack.yaml:24:5: error[content.unknown-key]: "
        "unknown key `colour` in contact `hotline`",
        id="unknown-key",
    ),
    pytest.param(
        "pack.yaml",
        replace('    dial: "+18883737888"\n', ""),
        "content/alameda-heart/pack.yaml:24:5: error[content.missing-key]: "
        "missing key `dial` in contact `hotline`",
        id="missing-key",
    ),
    pytest.param(
        "pack.yaml",
        replace("{value: 64,", '{value: "sixty-four",'),
        "error[content.type]: `statistics.runaway_history.value` must be a number",
        id="wrong-type",
    ),
    pytest.param(
        "pack.yaml",
        replace('url: "https://polarisproject.org"', 'url: "http://polarisproject.org"'),
        "content/alameda-heart/pack.yaml:67:10: error[content.bad-link]: "
        "link `http://polarisproject.org` is not https",
        id="not-https",
    ),
    pytest.param(
        "pack.yaml",
        replace(
            'url: "https://polarisproject.org"', 'url: "https://polarisproject.org.evil.example"'
        ),
        "error[content.bad-link]: host `polarisproject.org.evil.example`",
        id="host-not-allowed",
    ),
    pytest.param(
        "pack.yaml",
        replace('dial: "+18883737888"', 'dial: "+1888373788"'),
        "content/alameda-heart/pack.yaml:27:11: error[content.bad-phone]: "
        "dial form `+1888373788` of contact `hotline` is not a valid number",
        id="bad-phone",
    ),
    pytest.param(
        "pack.yaml",
        replace('dial: "+18883737888"', 'dial: "call us"'),
        "error[content.bad-phone]: dial form `call us` of contact `hotline` does not parse",
        id="unparseable-phone",
    ),
    pytest.param(
        "pack.yaml",
        replace('display: "1-888-373-7888"', 'display: "1-888-373-7880"'),
        "error[content.phone-mismatch]: display form `1-888-373-7880` of contact "
        "`hotline` dials 18883737880",
        id="printed-number-differs",
    ),
    pytest.param(
        "content.yaml",
        replace("{{ contacts.hotline.display }}", "{{ contacts.hotlin.display }}"),
        "error[content.undefined-variable]: `contacts.hotlin` is not defined; "
        "did you mean `contacts.hotline`?",
        id="undefined-variable",
    ),
    pytest.param(
        "content.yaml",
        replace("{{ contacts.emergency.display }}", "{{ contacts.__class__.__mro__ }}"),
        "error[content.unsafe-template]: template is not allowed: `contacts.__class__.__mro__` "
        "names a private attribute",
        id="sandbox",
    ),
    pytest.param(
        "content.yaml",
        replace('headline: "Are you', 'headline: "Are\u202eyou'),
        "error[content.invisible-character]: `poster.headline` contains the invisible "
        "character U+202E (RIGHT-TO-LEFT OVERRIDE)",
        id="bidi-control",
    ),
    pytest.param(
        "content.yaml",
        replace('headline: "Are you', "headline: [Are you"),
        "content/alameda-heart/content.yaml:",
        id="malformed-yaml",
    ),
    pytest.param(
        "content.yaml",
        replace(
            'headline: "Are you being forced to work?"',
            'headline: "' + "Are you being forced to work? " * 6 + '"',
        ),
        "error[layout.overflow]: text does not fit slot `headline`",
        id="overflow",
    ),
    pytest.param(
        "content.yaml",
        replace('headline: "Are you', 'headline: "\U0001f600 Are you'),
        "error[font.missing-glyph]: 1 character of `en` text is in no font (U+1F600;",
        id="missing-glyph",
    ),
]


@pytest.mark.parametrize(("file", "change", "expected"), CASES)
def test_bad_input_is_reported_and_nothing_is_written(
    broken_project: Path,
    capsys: pytest.CaptureFixture[str],
    file: str,
    change: Callable[[str], str],
    expected: str,
) -> None:
    edit(broken_project, file, change)
    status, err, out = run_build(broken_project, capsys)
    assert status == 1, err
    assert expected in err
    assert "build failed" in err
    assert not out.exists() or not any(out.iterdir())


def test_all_problems_are_reported_in_one_run(
    broken_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        broken_project,
        "pack.yaml",
        replace('url: "https://polarisproject.org"', 'url: "javascript:alert(1)"'),
    )
    edit(broken_project, "pack.yaml", replace("{value: 64,", "{value: true,"))
    edit(broken_project, "pack.yaml", replace('display: "233733"', 'display: "23373"'))
    status, err, _ = run_build(broken_project, capsys)
    assert status == 1
    assert "content.bad-link" in err
    assert "content.type" in err
    assert "content.phone-mismatch" in err
    assert "3 errors" in err


def test_malformed_yaml_points_at_the_line(
    broken_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(broken_project, "pack.yaml", replace("  hotline:\n", "  hotline:\n   bad: [\n"))
    status, err, _ = run_build(broken_project, capsys)
    assert status == 1
    assert "content/alameda-heart/pack.yaml:26:5: error[yaml.syntax]" in err
    assert "error[yaml.syntax]: malformed YAML" in err


def test_a_failed_build_leaves_previous_outputs_intact(
    broken_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, out = run_build(broken_project, capsys)
    assert status == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    edit(
        broken_project,
        "content.yaml",
        replace("{{ contacts.hotline.display }}", "{{ contacts.nope }}"),
    )
    status, _, _ = run_build(broken_project, capsys)
    assert status == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_human_format_gives_location_and_hint(
    broken_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        broken_project,
        "content.yaml",
        replace("{{ contacts.hotline.display }}", "{{ contacts.hotlin.display }}"),
    )
    status = cli.main(
        [
            "build",
            str(broken_project / "kits" / "test.toml"),
            "--out",
            str(broken_project / "output"),
        ]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert "error[content.undefined-variable]" in err
    assert "  --> content/alameda-heart/content.yaml:" in err
    assert "= hint: did you mean `contacts.hotline`?" in err


def test_the_printable_ascii_shortcut_of_the_invisible_character_check_skips_nothing() -> None:
    # content/safety.py returns at once for printable ASCII (issue 14); no such character
    # is one the full check would report, and a control character still is.
    import unicodedata

    from outreach.content.safety import BIDI_CONTROLS, INVISIBLE_CHARACTERS
    from outreach.content.safety import find_invisible_character as find

    for char in map(chr, range(0x20, 0x7F)):
        assert char not in INVISIBLE_CHARACTERS | BIDI_CONTROLS
        assert unicodedata.category(char) not in ("Cf", "Cc", "Co", "Cs", "Cn", "Zl", "Zp")
    assert find("Call 1-888-373-7888 (24/7).") is None
    assert find("Call\x7f now") == (4, "\x7f")
    assert find("Call \u202enow") == (5, "\u202e")
