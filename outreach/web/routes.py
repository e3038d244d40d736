"""The pages for one piece, translations, the organization, sign-in and the UI language.

Input: HTTP requests (forms carry the session's CSRF token; the organization form may
carry a logo upload). Output: pages rendered from
`web/templates/`, PNG previews and PDF downloads. Every build goes through `Workshop`
(`build_job`, the command line's own call); every problem is shown as a diagnostic.
"""

from __future__ import annotations

import re
import secrets

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from outreach.content.catalogs import language_status, read_translations
from outreach.content.languages import native_name
from outreach.core.diagnostics import Diagnostics
from outreach.jobs.project import DEFAULT_PACK
from outreach.web.adapt import (
    Organization,
    logo_on_file,
    offered_languages,
    save_organization,
)
from outreach.web.branding import BRAND_NAMES, MAX_COLORS, MAX_LOGO, Logo
from outreach.web.pages import page
from outreach.web.previews import PieceChoice
from outreach.web.security import checked_form, password_matches
from outreach.web.state import state_of
from outreach.web.ui_text import UI_LANGUAGES

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9+_-]{0,80}$")
MAX_REVIEW_ROWS = 60


async def home(request: Request) -> Response:
    """The start page: what the app does and where to begin."""
    return page(request, "home.html", project=str(state_of(request).root))


def _choice(values: dict[str, str], packs: list[str]) -> PieceChoice | None:
    """A piece choice from form or path values, or None when a value is not a name."""
    material, size, language, profile = (
        values.get(k, "") for k in ("material", "size", "language", "profile")
    )
    pack = values.get("pack", DEFAULT_PACK)
    if pack not in packs or not all(NAME.fullmatch(v) for v in (material, size, language, profile)):
        return None
    return PieceChoice(material, size, language, profile, pack=pack)


async def piece_form(request: Request) -> Response:
    """The piece form, filled from the query (or with a letter poster in English)."""
    workshop = state_of(request).workshop
    choices = await run_in_threadpool(workshop.choices)
    query = dict(request.query_params)
    defaults = {"material": "poster", "size": "letter", "language": "en", "profile": "office"}
    picked = {**defaults, **{k: v for k, v in query.items() if k in defaults}}
    pack = query.get("pack", DEFAULT_PACK)
    pack = pack if pack in choices.packs else DEFAULT_PACK
    return page(request, "piece.html", choices=choices, picked=picked, made=None, pack=pack)


async def piece_make(request: Request) -> Response:
    """Make the piece the form asks for and show every page, or every problem."""
    workshop = state_of(request).workshop
    form = await checked_form(request)
    values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    choices = await run_in_threadpool(workshop.choices)
    choice = _choice(values, choices.packs)
    if choice is None:
        raise HTTPException(400, "the form's values are not names of materials or sizes")
    made = await run_in_threadpool(workshop.make, choice)
    return page(
        request,
        "piece.html",
        status_code=200 if made.ok else 422,
        choices=choices,
        picked=values,
        made=made,
        pack=choice.pack,
        base=_piece_path(choice),
        language_names={t: native_name(t) for t in choice.language.split("+")},
    )


def _piece_path(choice: PieceChoice) -> str:
    return (
        f"/piece/{choice.pack}/{choice.material}/{choice.size}/{choice.language}/{choice.profile}"
    )


async def _made_from_path(request: Request) -> tuple[PieceChoice, bytes | None, tuple[bytes, ...]]:
    workshop = state_of(request).workshop
    choice = _choice(dict(request.path_params), workshop.packs())
    if choice is None:
        raise HTTPException(404)
    made = await run_in_threadpool(workshop.make, choice)
    if not made.ok:
        raise HTTPException(404)
    return choice, made.pdf, made.pages


async def piece_page_png(request: Request) -> Response:
    """One page of a made piece, as PNG."""
    _, _, pages = await _made_from_path(request)
    index = int(request.path_params["number"]) - 1
    if not 0 <= index < len(pages):
        raise HTTPException(404)
    return Response(pages[index], media_type="image/png", headers={"cache-control": "no-store"})


async def piece_download(request: Request) -> Response:
    """The made piece's PDF, under the name `outreach build` gives it."""
    workshop = state_of(request).workshop
    choice = _choice(dict(request.path_params), workshop.packs())
    if choice is None:
        raise HTTPException(404)
    made = await run_in_threadpool(workshop.make, choice)
    if made.pdf is None or made.file_name is None:
        raise HTTPException(404)
    return Response(
        made.pdf,
        media_type="application/pdf",
        headers={"content-disposition": f'attachment; filename="{made.file_name}"'},
    )


async def translations(request: Request) -> Response:
    """Every language of the pack: translated, missing, stale and needs-review counts."""
    project = state_of(request).workshop.project

    def statuses() -> list[tuple[str, str, object]]:
        diags = Diagnostics()
        pack = project.pack(DEFAULT_PACK, diags)
        if pack is None:
            return []
        return [
            (
                tag,
                native_name(tag, pack.added_languages),
                language_status(pack, tag, str(project.root)),
            )
            for tag in pack.languages
            if tag != pack.source_language
        ]

    rows = await run_in_threadpool(statuses)
    return page(request, "translations.html", rows=rows)


async def translation(request: Request) -> Response:
    """One language: its counts and the entries a reviewer should look at first."""
    tag = request.path_params["language"]
    project = state_of(request).workshop.project

    def entries() -> tuple[object, list[dict[str, object]], Diagnostics] | None:
        diags = Diagnostics()
        pack = project.pack(DEFAULT_PACK, diags)
        if pack is None or tag not in pack.languages or tag == pack.source_language:
            return None
        status = language_status(pack, tag, str(project.root))
        found = read_translations(pack, tag, str(project.root), diags) or {}
        rows: list[dict[str, object]] = []
        for key, english in pack.texts.items():
            entry = found.get(key)
            if entry is None or entry.missing:
                rows.append({"key": key, "why": "missing", "english": english.text, "text": ""})
            elif entry.stale_for(english.text) or entry.needs_review:
                why = "stale" if entry.stale_for(english.text) else "needs review"
                rows.append(
                    {
                        "key": key,
                        "why": why,
                        "english": english.text,
                        "text": entry.text,
                        "where": entry.location.short(),
                    }
                )
        order = {"missing": 0, "stale": 1, "needs review": 2}
        rows.sort(key=lambda row: (order[str(row["why"])], len(str(row["english"]))))
        return status, rows, diags

    found = await run_in_threadpool(entries)
    if found is None:
        raise HTTPException(404)
    status, rows, diags = found
    return page(
        request,
        "translation.html",
        tag=tag,
        name=native_name(tag),
        counts=status,
        rows=rows[:MAX_REVIEW_ROWS],
        more=max(0, len(rows) - MAX_REVIEW_ROWS),
        diagnostics=diags.items,
    )


async def adapt_form(request: Request) -> Response:
    """The organization form."""
    project = state_of(request).workshop.project
    return page(
        request,
        "adapt.html",
        offered=offered_languages(project),
        values={"languages": ["en", "es"]},
        diagnostics=(),
        saved=None,
        kept_logo=None,
        brand_names=BRAND_NAMES,
        color_rows=MAX_COLORS,
        logo_limit=MAX_LOGO,
    )


async def _logo(form: FormData) -> Logo | None:
    """The uploaded logo (read to one byte past the limit, so a larger one is refused)."""
    upload = form.get("logo")
    if not isinstance(upload, UploadFile):
        return None
    data = await upload.read(MAX_LOGO + 1)
    if not data:
        return None
    alt, licence = form.get("logo_alt"), form.get("logo_licence")
    return Logo(
        data,
        alt.strip() if isinstance(alt, str) else "",
        licence.strip() if isinstance(licence, str) else "",
    )


async def adapt_save(request: Request) -> Response:
    """Save the organization's pack (or show why not)."""
    state = state_of(request)
    form = await checked_form(request)
    try:
        logo = await _logo(form)
    finally:
        await form.close()  # the upload's spooled temporary file
    values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    languages = tuple(str(v) for v in form.getlist("languages"))
    colors = tuple(
        (
            values.get(f"color{i}_name", ""),
            values.get(f"color{i}_rgb", ""),
            values.get(f"color{i}_cmyk", ""),
        )
        for i in range(1, MAX_COLORS + 1)
    )
    org = Organization(
        pack_id=values.get("pack_id", "").strip(),
        name=values.get("name", "").strip(),
        team=values.get("team", "").strip(),
        local_name=values.get("local_name", "").strip(),
        local_number=values.get("local_number", "").strip(),
        languages=languages,
        logo=logo,
        colors=colors,
        title=values.get("title", "").strip(),
        remove_logo=values.get("remove_logo") == "yes",
        logo_alt=values.get("logo_alt", "").strip(),
        logo_licence=values.get("logo_licence", "").strip(),
    )

    def save() -> tuple[object, ...]:
        with state.workshop.lock:
            found = save_organization(state.workshop.project, org)
        if not any(d.severity.value == "error" for d in found):
            state.workshop.reload()
        return found

    diagnostics = await run_in_threadpool(save)
    failed = any(d.severity.value == "error" for d in diagnostics)  # type: ignore[attr-defined]
    return page(
        request,
        "adapt.html",
        status_code=422 if failed else 200,
        offered=offered_languages(state.workshop.project),
        values={**values, "languages": list(languages)},
        diagnostics=diagnostics,
        saved=None if failed else org,
        kept_logo=logo_on_file(state.workshop.project, org.pack_id),
        brand_names=BRAND_NAMES,
        color_rows=MAX_COLORS,
        logo_limit=MAX_LOGO,
    )


async def login_form(request: Request) -> Response:
    """The sign-in page (only when the operator set a password)."""
    return page(request, "login.html", failed=False)


async def login(request: Request) -> Response:
    """Check the password; a new CSRF token after signing in."""
    settings = state_of(request).settings
    form = await checked_form(request)
    given = form.get("password")
    if not isinstance(given, str) or not password_matches(settings, given):
        return page(request, "login.html", status_code=401, failed=True)
    request.state.session["auth"] = True
    request.state.session["csrf"] = secrets.token_urlsafe(24)
    return RedirectResponse("/", 303)


async def ui_language(request: Request) -> Response:
    """Switch the UI language, then go back where the person was."""
    form = await checked_form(request)
    chosen = form.get("ui")
    if isinstance(chosen, str) and chosen in UI_LANGUAGES:
        request.state.session["ui"] = chosen
    back = form.get("back")
    target = back if isinstance(back, str) and re.fullmatch(r"/[A-Za-z0-9/_-]*", back) else "/"
    return RedirectResponse(target, 303)
