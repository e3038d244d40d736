"""Turn a template name and values into an HTML page in the person's UI language.

Input: a request (its session: CSRF token, chosen UI language), a template of
`web/templates/` and its values. Output: an `HTMLResponse`, escaped by Jinja2's
autoescape, with `_` bound to the UI catalog and every diagnostic ready to show.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from outreach.web.ui_text import UI_LANGUAGES, choose_language, gettext_for

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_CODE = re.compile(r"`([^`]+)`")


def as_code(text: str) -> Markup:
    """A UI string whose `backticked` commands are shown as code, never as literal backticks.

    The text is escaped first, so a catalog's text can never inject markup.
    """
    return Markup(_CODE.sub(r"<code>\1</code>", str(escape(text))))


ENV.filters["code"] = as_code

# (path, label): the navigation, in the order a person works
NAV = (
    ("/piece", "Make a piece"),
    ("/runs", "Print run"),
    ("/sites", "Site cards"),
    ("/translations", "Translations"),
    ("/adapt", "Your organization"),
)


def ui_language(request: Request) -> str:
    """The request's UI language: chosen on the page, else the browser's preference."""
    return choose_language(
        request.state.session.get("ui"), request.headers.get("accept-language", "")
    )


def page(request: Request, template: str, status_code: int = 200, **values: Any) -> HTMLResponse:
    """Render a page of the app."""
    language = ui_language(request)
    html = ENV.get_template(template).render(
        _=gettext_for(language),
        ui=language,
        ui_languages=UI_LANGUAGES,
        csrf=request.state.session.get("csrf", ""),
        here=request.url.path,
        nav=NAV,
        signed_in=bool(request.state.session.get("auth")),
        **values,
    )
    return HTMLResponse(html, status_code=status_code)
