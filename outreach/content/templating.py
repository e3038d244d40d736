"""Interpolate facts into text: `{{ contacts.hotline.display }}` -> `1-888-373-7888`.

Input: a source string and the pack's facts. Output: plain text, or a diagnostic.
Content and translations come from many hands, so a template here is data, not a program:
the only thing it may hold besides text is a reference to a fact, `{{ a.b.c }}`. Jinja2's
lexer reads any string that is not plainly that; any other token (a statement, a comment,
a filter, a call, an index, arithmetic, a literal) is refused with a located diagnostic,
and the references are resolved here, against read-only views of the facts, without
running a template at all. A translator can therefore neither hide the pack's number nor
compute another one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from outreach.content.languages import cldr_locale
from outreach.core.diagnostics import Diagnostics, Location, did_you_mean
from outreach.core.model import Contact, Link, Pack, Source, Statistic
from outreach.core.values import value_methods

if TYPE_CHECKING:
    import jinja2

# What may stand between `{{` and `}}`: names joined by dots, and spaces.
_REFERENCE_TOKENS = frozenset({"name", "whitespace"})
# A readable name for each token a template may not use.
_REFUSED = {
    "block_begin": "a statement (`{%`)",
    "line_statement_begin": "a statement",
    "comment_begin": "a comment (`{#`)",
    "line_comment_begin": "a comment",
    "raw_begin": "a raw block (`{% raw %}`)",
    "integer": "a number",
    "float": "a number",
    "string": "a quoted string",
}
_OPERATORS = {
    "|": "a filter (`|`)",
    "(": "a call (`(`)",
    "[": "an index (`[`)",
    "~": "a concatenation (`~`)",
}
_HINT = "a template may only name a fact, such as `{{ contacts.hotline.display }}`"


class TemplateRefusedError(Exception):
    """A template that is not text and fact references, with a message for the user."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Reference:
    """One `{{ a.b.c }}` in a template: the dotted path it names."""

    path: tuple[str, ...]

    @property
    def dotted(self) -> str:
        """`contacts.hotline.display`."""
        return ".".join(self.path)


# A parsed template: its literal text and references, in order.
Parts = tuple[str | Reference, ...]

# `{{ a.b.c }}` as content writes it: ASCII names, spaces only (see `_parse_plain`).
_PLAIN_REFERENCE = re.compile(r"\{\{ *([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*) *\}\}", re.ASCII)


@cache
def _lexer() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(keep_trailing_newline=True, autoescape=False)


def _parse_plain(text: str) -> Parts | None:
    """The parts of a string that is only text and plain `{{ a.b.c }}` references, else None.

    Jinja2's lexer would split such a string the same way (text around the references is
    free of `{`, and of the carriage returns it rewrites); anything else is left to it.
    Every string of the bundled packs takes this way, so a build need not import Jinja2
    (0.04 s, issue 14).
    """
    if "\r" in text:
        return None
    parts: list[str | Reference] = []
    end = 0
    for match in _PLAIN_REFERENCE.finditer(text):
        literal = text[end : match.start()]
        if "{" in literal:
            return None
        if literal:
            parts.append(literal)
        parts.append(Reference(tuple(match.group(1).split("."))))
        end = match.end()
    if "{" in text[end:]:
        return None
    if text[end:]:
        parts.append(text[end:])
    return tuple(parts)


def parse_template(text: str) -> Parts:
    """Split a string into literal text and fact references, refusing anything else.

    Raises:
        TemplateRefusedError: naming the first construct that is not a fact reference.
    """
    if "{" not in text:
        return (text,)
    plain = _parse_plain(text)
    if plain is not None:
        return plain
    import jinja2

    try:
        tokens = list(_lexer().lex(text))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateRefusedError(
            "content.template-syntax", f"template syntax error: {exc.message}"
        ) from None
    parts: list[str | Reference] = []
    path: list[str] | None = None
    expect_name = True
    for _line, kind, value in tokens:
        if path is None:
            if kind == "data":
                parts.append(value)
            elif kind == "variable_begin":
                path, expect_name = [], True
            else:
                raise _refusal(kind, value)
            continue
        if kind == "variable_end":
            if not path or expect_name:
                raise TemplateRefusedError(
                    "content.template-syntax", "template syntax error: `{{ }}` names no fact"
                )
            parts.append(Reference(tuple(path)))
            path = None
        elif kind == "whitespace":
            continue
        elif kind == "name" and expect_name:
            path.append(value)
            expect_name = False
        elif kind == "operator" and value == "." and not expect_name:
            expect_name = True
        elif kind in _REFERENCE_TOKENS or (kind == "operator" and value == "."):
            raise TemplateRefusedError(
                "content.template-syntax",
                f"template syntax error: unexpected `{value}` in `{{{{ {'.'.join(path)} }}}}`",
            )
        else:
            raise _refusal(kind, value)
    if path is not None:
        raise TemplateRefusedError(
            "content.template-syntax", "template syntax error: a `{{` is never closed by `}}`"
        )
    return tuple(parts)


def _refusal(kind: str, value: str) -> TemplateRefusedError:
    what = _REFUSED.get(kind) or _OPERATORS.get(value) or f"`{value}`"
    if kind == "operator" and value not in _OPERATORS:
        what = f"arithmetic or an operator (`{value}`)"
    return TemplateRefusedError(
        "content.template-not-allowed",
        f"template uses {what}; only references to facts are allowed",
    )


def references(text: str) -> list[str] | None:
    """The dotted facts a string names, sorted; None if it is not a valid template."""
    try:
        parts = parse_template(text)
    except TemplateRefusedError:
        return None
    return sorted(part.dotted for part in parts if isinstance(part, Reference))


class Namespace(dict[str, Any]):
    """A named mapping (`contacts`, `stats`) so that errors can say `contacts.hotlin`."""

    def __init__(self, name: str, values: dict[str, Any]) -> None:
        super().__init__(values)
        self._ns_name = name


class UnknownNameError(Exception):
    """A reference to a fact that does not exist, with the full dotted name and a suggestion."""

    def __init__(self, name: str, suggestion: str | None) -> None:
        super().__init__(name)
        self.name = name
        self.suggestion = suggestion


class _Fact:
    """Base for the read-only views of facts that templates may print: text fields only."""

    _path = ""
    _fields: tuple[str, ...] = ()

    def public_names(self) -> list[str]:
        """The fields a template may name after this fact."""
        return list(self._fields)

    def field(self, name: str) -> str | None:
        """One field's text, or None if the fact has no such field."""
        return str(getattr(self, name)) if name in self._fields else None


class ContactView(_Fact):
    """`{{ contacts.hotline }}` prints the display form; `.dial`, `.name` and others too."""

    _fields = ("display", "dial", "name", "alternate", "keyword", "hours")

    def __init__(self, contact: Contact) -> None:
        self._path = f"contacts.{contact.key}"
        self.display = contact.display
        self.dial = contact.dial
        self.name = contact.name
        self.alternate = contact.alternate or ""
        self.keyword = contact.keyword or ""
        self.hours = contact.hours or ""

    def __str__(self) -> str:
        return self.display


class LinkView(_Fact):
    """`{{ links.polaris }}` prints the link without its scheme; `.url` is the full URL."""

    _fields = ("url", "display")

    def __init__(self, link: Link) -> None:
        self._path = f"links.{link.key}"
        self.url = link.url
        self.display = link.display

    def __str__(self) -> str:
        return self.display


class StatView(_Fact):
    """`{{ stats.runaway_history }}` prints `64%`; `.source` names where it comes from."""

    _fields = ("display", "source")

    def __init__(self, stat: Statistic, source: Source, formatted: str) -> None:
        self._path = f"stats.{stat.key}"
        self.display = formatted
        self.source = source.short

    def __str__(self) -> str:
        return self.display


def format_statistic(stat: Statistic, language: str) -> str:
    """A statistic as its readers write numbers: `64%`, `64 %`, `40,3 millones`, `4030萬`.

    Babel's CLDR data gives each language its decimal mark, percent sign and words for large
    numbers. Up to three decimals are kept so that no figure is rounded away (40.3 million
    is 4.03 crore in Hindi, never "4 crore"); digits stay Western, like the phone numbers.
    """
    # Babel loads here, when a number is first formatted: 0.05 s that a build without
    # statistics, or `import outreach`, does not pay (issue 14). Its locale carries only the
    # number formats (`cldr_subset.py`), so no CLDR file is unpickled for a statistic.
    from babel.numbers import format_compact_decimal, format_decimal, format_percent

    from outreach.content.cldr_subset import number_locale

    locale = number_locale(cldr_locale(language))
    if stat.unit == "percent":
        return format_percent(
            stat.value / 100, locale=locale, decimal_quantization=False, numbering_system="latn"
        )
    if stat.unit == "million":
        return format_compact_decimal(
            stat.value * 1_000_000,
            format_type="long",
            locale=locale,
            fraction_digits=3,
            numbering_system="latn",
        )
    return format_decimal(
        stat.value, locale=locale, decimal_quantization=False, numbering_system="latn"
    )


def template_context(pack: Pack, language: str) -> dict[str, Any]:
    """The names a content string may use."""
    org = pack.organization
    # A pack that names no organization (`national`) offers no `organization.*` to print.
    organization = Namespace(
        "organization",
        {"name": org.name, "team": org.team or "", "link": org.link or ""} if org.name else {},
    )
    return {
        "contacts": Namespace("contacts", {k: ContactView(c) for k, c in pack.contacts.items()}),
        "links": Namespace("links", {k: LinkView(v) for k, v in pack.links.items()}),
        "stats": Namespace(
            "stats",
            {
                k: StatView(s, pack.sources[s.source], format_statistic(s, language))
                for k, s in pack.statistics.items()
            },
        ),
        "organization": organization,
    }


def resolve(reference: Reference, context: dict[str, Any]) -> str:
    """The text a reference prints: a fact's field, or the fact's own printed form.

    Raises:
        UnknownNameError: the reference names no fact, with the nearest name if one is close.
        TemplateRefusedError: the reference reaches for a private name.
    """
    if any(name.startswith("_") for name in reference.path):
        raise TemplateRefusedError(
            "content.unsafe-template",
            f"template is not allowed: `{reference.dotted}` names a private attribute",
        )
    head, *rest = reference.path
    if head not in context:
        near = did_you_mean(head, context.keys())
        raise UnknownNameError(head, near)
    value: Any = context[head]
    walked = head
    for name in rest:
        if isinstance(value, Namespace):
            if name not in value:
                near = did_you_mean(name, value.keys())
                raise UnknownNameError(f"{walked}.{name}", f"{walked}.{near}" if near else None)
            value = value[name]
        elif isinstance(value, _Fact):
            found = value.field(name)
            if found is None:
                near = did_you_mean(name, value.public_names())
                raise UnknownNameError(f"{walked}.{name}", f"{walked}.{near}" if near else None)
            value = found
        else:
            raise UnknownNameError(f"{walked}.{name}", None)
        walked = f"{walked}.{name}"
    if isinstance(value, Namespace):
        raise TemplateRefusedError(
            "content.template-not-allowed",
            f"`{reference.dotted}` is a group of facts; name one of them, "
            f"e.g. `{reference.dotted}.{next(iter(sorted(value)), 'name')}`",
        )
    return str(value)


def render_text(
    text: str,
    context: dict[str, Any],
    location: Location,
    diags: Diagnostics,
) -> str | None:
    """Interpolate one string; every failure becomes a diagnostic at the string's location."""
    try:
        parts = parse_template(text)
        return "".join(part if isinstance(part, str) else resolve(part, context) for part in parts)
    except UnknownNameError as exc:
        hints = (f"did you mean `{exc.suggestion}`?",) if exc.suggestion else ()
        message = f"`{exc.name}` is not defined"
        if exc.suggestion:
            message += f"; did you mean `{exc.suggestion}`?"
        diags.error(
            "content.undefined-variable", message, location, (*hints, "names come from pack.yaml")
        )
    except TemplateRefusedError as exc:
        diags.error(exc.code, exc.message, location, (_HINT,))
    return None
