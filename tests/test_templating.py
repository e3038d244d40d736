"""Templates are read without Jinja2 when they are plainly text and `{{ a.b.c }}` (issue 14).

The plain reading must split every string exactly as Jinja2's lexer does, and refuse
nothing itself: a string it does not recognise goes to the lexer, with the same result.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from outreach.content import templating
from outreach.content.templating import Parts, TemplateRefusedError, parse_template

PIECES = st.sampled_from(
    [
        "{", "}", "{{", "}}", "{%", "%}", "{#", "#}", " ", "  ", "\t", "\n", "\r", ".", "_",
        "-", "|", "(", "+", "~", "'", "a", "b.c", "x1", "1", "é", "文", "contacts.hotline",
        "{{ a.b }}", "{{contacts.hotline}}", "{{ stats.x }}", "Call ",
    ]
)  # fmt: skip


def _result(text: str) -> tuple[str, Parts | str]:
    try:
        return "parts", parse_template(text)
    except TemplateRefusedError as exc:
        return exc.code, exc.message


@settings(max_examples=2000, deadline=None)
@given(text=st.lists(PIECES, min_size=1, max_size=12).map("".join))
def test_the_plain_reading_agrees_with_jinjas_lexer(text: str) -> None:
    plain = _result(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(templating, "_parse_plain", lambda _text: None)
        assert _result(text) == plain, repr(text)


def test_plain_templates_take_the_plain_reading() -> None:
    text = "Call {{ contacts.hotline.display }} or text {{contacts.text}}."
    assert templating._parse_plain(text) == parse_template(text)
    assert templating._parse_plain("{{ a | upper }}") is None  # left to Jinja2's lexer
