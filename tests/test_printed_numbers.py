"""The printed number is the pack's, whatever a translator writes (issue 21).

A translation can no longer hide, change or compute the hotline: templates are data (only
`{{ a.b.c }}` references), and every number and link in a Document's text must be a contact
or link of the pack before anything is written. Checked through the CLI on real PO files,
on the functions that read numbers, and by a property test over hostile PO entries.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from outreach import cli
from outreach.checks.contacts import directory_of, strangers, unknown_target
from outreach.content.phones import dials, find_phone_numbers
from outreach.content.templating import parse_template, references, render_text, template_context
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.model import Pack
from outreach.jobs.project import Project
from tests.conftest import ROOT, copy_project, job_kit, write_kit

PACK = "alameda-heart"
HOTLINE = "{{ contacts.hotline.display }}"


def _set_msgstr(po: Path, key: str, text: str) -> None:
    """Replace the translation of one entry (`msgctxt key`) in a PO file."""
    source = po.read_text(encoding="utf-8")
    pattern = re.compile(
        rf'(msgctxt "{re.escape(key)}"\nmsgid "(?:[^"\\]|\\.)*"\n(?:"(?:[^"\\]|\\.)*"\n)*)'
        r'msgstr "(?:[^"\\]|\\.)*"\n(?:"(?:[^"\\]|\\.)*"\n)*'
    )
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    changed, count = pattern.subn(lambda m: m.group(1) + f'msgstr "{escaped}"\n', source)
    assert count == 1, key
    po.write_text(changed, encoding="utf-8")


@pytest.mark.parametrize(
    ("translation", "expect"),
    [
        pytest.param(
            "{# " + HOTLINE + " #}1 (900) 555-0199",
            "error[content.template-not-allowed]: template uses a comment",
            id="comment-hides-placeholder",
        ),
        pytest.param(
            "{% if false %}" + HOTLINE + "{% endif %}1 (900) 555-0199",
            "error[content.template-not-allowed]: template uses a statement",
            id="if-false",
        ),
        pytest.param(
            "{% filter replace('373','555') %}" + HOTLINE + "{% endfilter %}",
            "error[content.template-not-allowed]: template uses a statement",
            id="filter-block",
        ),
        pytest.param(
            "{{ contacts.hotline.display | replace('373', '555') }}",
            "error[content.template-not-allowed]: template uses a filter",
            id="filter",
        ),
        pytest.param(
            "{% set _ = contacts.update(hotline=contacts.hsi_tip) %}" + HOTLINE,
            "error[content.template-not-allowed]: template uses a statement",
            id="set-update",
        ),
        pytest.param(
            "{% include '/etc/passwd' %}" + HOTLINE,
            "error[content.template-not-allowed]",
            id="include",
        ),
        pytest.param(
            "{{ 10**5000 }}" + HOTLINE,
            "error[content.template-not-allowed]: template uses a number",
            id="big-power",
        ),
        pytest.param(
            "{{ contacts.hotline.display.ljust(10**10) }}",
            "error[content.template-not-allowed]: template uses a call",
            id="ljust",
        ),
        pytest.param(
            "Llame al 1 (900) 555-0199.",
            "error[check.unknown-number]: slot `call-label` on page 1 prints number "
            "`1 (900) 555-0199`, which dials 19005550199",
            id="second-number-beside-the-placeholder",
        ),
        pytest.param(
            "Llame al \u06f1-\u06f9\u06f0\u06f0-\u06f5\u06f5\u06f5-\u06f0\u06f1\u06f9\u06f9",
            "error[check.unknown-number]",
            id="persian-digits",
        ),
        pytest.param(
            "Llame al 1-900-CALL-NOW.",
            "prints number `1-900-CALL-NOW`, which dials 19002255669",
            id="vanity",
        ),
        pytest.param(
            "Vea https://x.co\\.humantraffickinghotline.org",
            "error[check.unknown-link]",
            id="backslash-link",
        ),
    ],
)
def test_a_translation_cannot_print_another_number(
    translation: str, expect: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path)
    kit = write_kit(project, job_kit(material="poster", languages=["es"]))
    key = "poster.hotline_number" if "{" in translation else "poster.call_label"
    _set_msgstr(project / "content" / PACK / "locale" / "es.po", key, translation)
    out = tmp_path / "out"
    status = cli.main(["build", str(kit), "--out", str(out), "--diagnostic-format", "short"])
    err = capsys.readouterr().err
    assert status == 1, err
    assert expect in err
    assert "locale/es.po:" in err or "check.unknown" in err  # located in the PO file
    assert "Traceback" not in err
    assert not out.exists()


def test_the_bundled_translations_print_only_the_packs_numbers(project: Project) -> None:
    diags = Diagnostics()
    pack = project.pack(PACK, diags)
    assert pack is not None
    directory = directory_of(pack)
    for language in pack.languages:
        piece = project.piece(pack, language, diags)
        assert piece is not None, language
        for key, text in piece.texts.items():
            assert strangers(text.text, directory) == [], (language, key, text.text)


def test_numbers_are_found_in_any_grouping_and_script() -> None:
    found = {
        m.raw: m.digits
        for text in (
            "Call 1 (900) 555-0199 now",
            "or 1.900.555.0199.",
            "\u06f1-\u06f8\u06f8\u06f8-\u06f3\u06f7\u06f3-\u06f7\u06f8\u06f8\u06f8",
            "Text 1-900-CALL-NOW",
            "+44 20 7946 0958",
        )
        for m in find_phone_numbers(text, "US")
    }
    assert found == {
        "1 (900) 555-0199": "19005550199",
        "1.900.555.0199": "19005550199",
        "1-888-373-7888": "18883737888",
        "1-900-CALL-NOW": "19002255669",
        "+44 20 7946 0958": "442079460958",
    }
    assert find_phone_numbers("64% of 40.3 million, since 2023, 24/7", "US") == []


def test_a_printed_form_is_one_number() -> None:
    assert dials("1-888-KEY-2-FREE", "+18885392373".lstrip("+"))
    assert dials("1-888-KEY-2-FRE(EDOM)", "18885392373")
    assert not dials("1-888-539-2373 or 1-900-555-0199", "18885392373")
    assert not dials("1-888-539-23739", "18885392373")  # a digit past the number is dialled
    assert not dials("1-888-539-2373 1", "18885392373")


def test_link_areas_open_only_the_packs_links(project: Project) -> None:
    pack = project.pack(PACK, Diagnostics())
    assert pack is not None
    directory = directory_of(pack)
    assert unknown_target("https://humantraffickinghotline.org", directory) is None
    assert unknown_target("https://humantraffickinghotline.org/?utm_source=a", directory) is None
    assert unknown_target("tel:+18883737888", directory) is None
    assert unknown_target("SMSTO:233733:HELP", directory) is None
    assert unknown_target("tel:+19005550199", directory) is not None
    assert unknown_target("http://humantraffickinghotline.org", directory) is not None
    assert unknown_target("https://x.co\\.humantraffickinghotline.org", directory) is not None


def test_templates_are_data() -> None:
    assert references("Call {{ contacts.hotline.display }} or {{contacts.cast}}") == [
        "contacts.cast",
        "contacts.hotline.display",
    ]
    for program in (
        "{{ contacts['hotline'] }}",
        "{{ contacts.hotline ~ '1' }}",
        "{{ -1 }}",
        "{% raw %}x{% endraw %}",
        "{{ contacts.hotline.display }",
        "{{ contacts..hotline }}",
        "{{ }}",
    ):
        assert references(program) is None, program
    assert parse_template("a { b } c") == ("a { b } c",)


# --- property: whatever a translator writes, the printed numbers are the pack's -----------

_FRAGMENTS = st.sampled_from(
    [
        HOTLINE,
        "{{ contacts.cast.display }}",
        "{{ contacts.cast.alternate }}",
        "{{ contacts.hotline_text.display }}",
        "{{ stats.global_victims }}",
        "{{ contacts.hotline.dial }}",
        "{#",
        "#}",
        "{%",
        "%}",
        "{{",
        "}}",
        "|replace('3','5')",
        " if false ",
        "(",
        ")",
        "-",
        ".",
        " ",
        "+1",
        "1",
        "900",
        "555",
        "0199",
        "373",
        "7888",
        "CALL",
        "NOW",
        "\u06f9",
        "Llame al ",
        "https://",
        "evil.example",
        ".org",
        "\\",
    ]
)


def _digit_runs(text: str) -> list[str]:
    """Digits a reader would dial: runs of digits joined by phone separators, 7 or more."""
    # Hyphens and dots join digits; a closing bracket joins only with a separator after it
    # (`(510) 555-0123`, not `7888)40`); a bare space does not (`7888 24` is a number and a
    # word); an opening bracket right after a digit starts another number (`7888(1-888`).
    digit = r"[\d\u06f0-\u06f9]"
    joint = r"(?:[.\-]|\)[ .\-])\(?"
    runs = re.findall(rf"\+?{digit}(?:{digit}|{joint}(?=[ ().\-]*{digit}))*", text)
    folded = ("".join(str(int(c)) for c in run if c.isdecimal()) for run in runs)
    return [digits for digits in folded if len(digits) >= 7]


@lru_cache(maxsize=1)
def _pack() -> Pack:
    pack = Project(ROOT).pack(PACK, Diagnostics())
    assert pack is not None
    return pack


@settings(max_examples=150, deadline=None)
@example(translation="+1{{ contacts.hotline.display }}")  # prints +11-888-373-7888
@example(translation="{{ contacts.hotline.display }}-{{ stats.global_victims }}")
@given(translation=st.lists(_FRAGMENTS, min_size=1, max_size=12).map("".join))
def test_any_translation_either_fails_or_prints_only_contacts(translation: str) -> None:
    diags = Diagnostics()
    pack = _pack()
    rendered = render_text(translation, template_context(pack, "es"), Location("es.po"), diags)
    if rendered is None:
        assert diags.has_errors()
        return
    if strangers(rendered, directory_of(pack)):
        return  # the Document check stops the build
    numbers = {c.dial.lstrip("+") for c in pack.contacts.values()}
    numbers |= {n[1:] for n in numbers if len(n) == 11 and n.startswith("1")}
    for contact in pack.contacts.values():  # keypad spellings read as what they dial
        if any(c.isalpha() for c in contact.display):
            rendered = rendered.replace(contact.display, contact.dial.lstrip("+"))
    for digits in _digit_runs(rendered):
        assert _made_of(digits, numbers), (translation, rendered, digits)


def _made_of(digits: str, numbers: set[str]) -> bool:
    """Whether a run of digits is the pack's numbers written one after another."""
    ends = {0}
    for end in range(1, len(digits) + 1):
        if any(end - len(n) in ends and digits[end - len(n) : end] == n for n in numbers):
            ends.add(end)
    return len(digits) in ends


def test_the_readme_names_the_new_codes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in (
        "check.unknown-number",
        "check.unknown-link",
        "content.template-not-allowed",
        "content.premium-number",
    ):
        assert f"`{code}`" in readme, code


def test_a_plural_entry_is_refused_not_printed_as_a_tuple(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path)
    kit = write_kit(project, job_kit(material="poster", languages=["es"]))
    po = project / "content" / PACK / "locale" / "es.po"
    source = po.read_text(encoding="utf-8")
    head = 'msgctxt "poster.call_label"\nmsgid "Call the National Human Trafficking Hotline.'
    start = source.index(head)
    end = source.index("\n\n", start)
    entry = source[start:end].split("\nmsgstr", 1)[0]
    plural = f'{entry}\nmsgid_plural "Calls"\nmsgstr[0] "Uno"\nmsgstr[1] "Dos"'
    po.write_text(source[:start] + plural + source[end:], encoding="utf-8")
    status = cli.main(
        ["build", str(kit), "--out", str(tmp_path / "o"), "--diagnostic-format", "short"]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert "error[i18n.plural]: `poster.call_label` is a plural entry" in err
    assert "('Uno'" not in err


def test_addresses_and_printers_marks_are_not_short_codes() -> None:
    directory = directory_of(_pack())
    assert strangers("1225 Fallon Street, Oakland, CA 94612-1234", directory) == []
    assert strangers("sheet 411 of 1250 | cards 9880-9887", directory, marks_only=True) == []
    # a mark is still read for phone numbers and links
    assert strangers("job call-1-900-555-0199", directory, marks_only=True) != []
    assert [s.text for s in strangers("text HELP to 94612", directory)] == ["94612"]
