"""Interpolate facts into text: `{{ contacts.hotline.display }}` -> `1-888-373-7888`.

Input: a source string and the pack's facts. Output: plain text, or a diagnostic.
Jinja2 runs sandboxed with StrictUndefined and no autoescape: it produces plain text,
which is never read as markup later (the renderer draws strings, not ReportLab markup).
"""

from __future__ import annotations

from typing import Any, NoReturn

import jinja2
from babel.numbers import format_compact_decimal, format_decimal, format_percent
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from outreach.diagnostics import Diagnostics, Location, did_you_mean
from outreach.languages import cldr_locale
from outreach.model import Contact, Link, Pack, Source, Statistic


class Namespace(dict[str, Any]):
    """A named mapping (`contacts`, `stats`) so that errors can say `contacts.hotlin`."""

    def __init__(self, name: str, values: dict[str, Any]) -> None:
        super().__init__(values)
        self._ns_name = name


class UnknownNameError(Exception):
    """Raised by `ReportingUndefined` with the full dotted name and a suggestion."""

    def __init__(self, name: str, suggestion: str | None) -> None:
        super().__init__(name)
        self.name = name
        self.suggestion = suggestion


class ReportingUndefined(jinja2.StrictUndefined):
    """StrictUndefined that knows which namespace it came from, for "did you mean"."""

    def _fail_with_undefined_error(self, *args: object, **kwargs: object) -> NoReturn:
        owner = self._undefined_obj
        name = str(self._undefined_name)
        if isinstance(owner, Namespace):
            near = did_you_mean(name, owner.keys())
            raise UnknownNameError(
                f"{owner._ns_name}.{name}", f"{owner._ns_name}.{near}" if near else None
            )
        if isinstance(owner, _Fact):
            near = did_you_mean(name, owner.public_names())
            path = owner._path
            raise UnknownNameError(f"{path}.{name}", f"{path}.{near}" if near else None)
        raise UnknownNameError(name, None)

    __str__ = _fail_with_undefined_error
    __iter__ = _fail_with_undefined_error
    __len__ = _fail_with_undefined_error


class _Fact:
    """Base for the read-only views of facts that templates may print."""

    _path = ""

    def public_names(self) -> list[str]:
        return [n for n in dir(self) if not n.startswith("_") and n != "public_names"]


class ContactView(_Fact):
    """`{{ contacts.hotline }}` prints the display form; `.dial`, `.name` and others too."""

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

    def __init__(self, link: Link) -> None:
        self._path = f"links.{link.key}"
        self.url = link.url
        self.display = link.display

    def __str__(self) -> str:
        return self.display


class StatView(_Fact):
    """`{{ stats.runaway_history }}` prints `64%`; `.source` names where it comes from."""

    def __init__(self, stat: Statistic, source: Source, formatted: str) -> None:
        self._path = f"stats.{stat.key}"
        self.value = stat.value
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
    locale = cldr_locale(language)
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
    organization = Namespace(
        "organization", {"name": org.name, "team": org.team or "", "link": org.link or ""}
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


def make_environment() -> SandboxedEnvironment:
    """The one Jinja2 environment: sandboxed, strict, plain text, no filters beyond the safe few."""
    env = SandboxedEnvironment(
        undefined=ReportingUndefined, autoescape=False, keep_trailing_newline=False
    )
    allowed_filters = {"upper", "lower", "title", "capitalize", "trim", "default", "replace"}
    env.filters = {k: v for k, v in env.filters.items() if k in allowed_filters}
    env.tests = {}
    env.globals = {}
    return env


def render_text(
    env: SandboxedEnvironment,
    text: str,
    context: dict[str, Any],
    location: Location,
    diags: Diagnostics,
) -> str | None:
    """Interpolate one string; every failure becomes a diagnostic at the string's location."""
    if "{{" not in text and "{%" not in text and "{#" not in text:
        return text

    def report(code: str, message: str, hints: tuple[str, ...]) -> None:
        diags.error(code, message, location, hints)

    try:
        return env.from_string(text).render(context)
    except UnknownNameError as exc:
        hints = (f"did you mean `{exc.suggestion}`?",) if exc.suggestion else ()
        message = f"`{exc.name}` is not defined"
        if exc.suggestion:
            message += f"; did you mean `{exc.suggestion}`?"
        report("content.undefined-variable", message, (*hints, "names come from pack.yaml"))
    except SecurityError as exc:
        report(
            "content.unsafe-template",
            f"template is not allowed: {exc}",
            ("templates may only print facts such as `{{ contacts.hotline }}`",),
        )
    except jinja2.TemplateSyntaxError as exc:
        report(
            "content.template-syntax",
            f"template syntax error: {exc.message}",
            ("write placeholders as `{{ contacts.hotline.display }}`",),
        )
    except jinja2.TemplateError as exc:
        report(
            "content.template-error",
            f"template error: {exc}",
            ("templates may only print facts such as `{{ contacts.hotline }}`",),
        )
    return None
