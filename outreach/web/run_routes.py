"""The pages for print runs and per-site card runs: forms in; plans, progress and files out.

Input: HTTP requests (forms carry the session's CSRF token; a site list comes as an
upload). Output: the run's plan, a progress page that polls `/runs/<id>/status`, the zip
and print order, and a site list's problems or its sheets one by one.
"""

from __future__ import annotations

import re
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response

from outreach.core.diagnostics import Diagnostics, Location
from outreach.jobs.project import DEFAULT_PACK
from outreach.web.pages import page
from outreach.web.runs import (
    MAX_PIECES,
    MAX_QUANTITY,
    PROFILES,
    Run,
    RunChoice,
    kits_of,
    plan_run,
    write_run_kit,
)
from outreach.web.security import checked_form
from outreach.web.sites import MAX_UPLOAD, SHEET_CSS, check_sites, content_problem, store_upload
from outreach.web.state import state_of

RUN_ID = re.compile(r"^[0-9a-f]{16}$")


async def runs_form(request: Request) -> Response:
    """Pick materials x sizes x languages, or a kit."""
    state = state_of(request)
    choices = await run_in_threadpool(state.workshop.choices)
    return page(
        request,
        "runs.html",
        choices=choices,
        kits=sorted(kits_of(state.root)),
        plan=None,
        limit=MAX_PIECES,
        diagnostics=(),
        picked={},
        profile="press",
    )


def _run_choice(form: dict[str, list[str]], offered: dict[str, list[str]]) -> RunChoice | str:
    materials = tuple(m for m in form.get("materials", []) if m in offered)
    all_sizes = {size for sizes in offered.values() for size in sizes}
    sizes = tuple(s for s in form.get("sizes", []) if s in all_sizes)
    languages = tuple(t for t in form.get("languages", []) if re.fullmatch(r"[A-Za-z+-]+", t))
    quantity_text = (form.get("quantity") or ["100"])[0]
    if not materials or not sizes or not languages:
        return "pick at least one material, one size and one language"
    if not quantity_text.isdigit() or not 1 <= int(quantity_text) <= MAX_QUANTITY:
        return f"the quantity must be a whole number from 1 to {MAX_QUANTITY:,}"
    return RunChoice(DEFAULT_PACK, materials, sizes, languages, int(quantity_text), _profile(form))


def _profile(form: dict[str, list[str]]) -> str:
    """The printer the form picked: press (the default) or office."""
    picked = (form.get("profile") or ["press"])[0]
    if picked not in PROFILES:
        raise HTTPException(400, "the printer must be `press` or `office`")
    return picked


async def runs_plan(request: Request) -> Response:
    """Show what the run would make (`build(..., dry_run=True)`), or why it is refused."""
    state = state_of(request)
    form = await checked_form(request)
    lists = {key: [str(v) for v in form.getlist(key)] for key in form}
    choices = await run_in_threadpool(state.workshop.choices)
    kit_name = (lists.get("kit") or [""])[0]
    diagnostics: tuple[object, ...] = ()
    kit: Path | None = None
    if kit_name:
        kit = kits_of(state.root).get(kit_name)
        if kit is None:
            raise HTTPException(400, "no such kit")
    else:
        picked = _run_choice(lists, choices.sizes)
        if isinstance(picked, str):
            diags = Diagnostics()
            diags.error(
                "web.bad-choice",
                picked,
                Location("form"),
                hints=("tick the boxes of what to print",),
            )
            diagnostics = tuple(diags.items)
        else:
            kit = await run_in_threadpool(write_run_kit, state.root, picked)
    profile = _profile(lists)
    plan = await run_in_threadpool(plan_run, kit, profile) if kit is not None else None
    return page(
        request,
        "runs.html",
        status_code=200 if plan is not None and plan.entries and not plan.refusal else 422,
        choices=choices,
        kits=sorted(kits_of(state.root)),
        plan=plan,
        limit=MAX_PIECES,
        diagnostics=diagnostics or (plan.diagnostics if plan else ()),
        picked=lists,
        profile=profile,
        kit_path=kit.relative_to(state.root).as_posix()
        if kit is not None and kit.is_relative_to(state.root)
        else (kit.name if kit else ""),
    )


async def runs_start(request: Request) -> Response:
    """Start a planned run in the background worker; refuse one too large or too many."""
    state = state_of(request)
    form = await checked_form(request)
    name = str(form.get("kit_name") or "")
    kits = {**kits_of(state.root)}
    written = state.root / "kits" / f"{name}.toml"
    if re.fullmatch(r"web-[0-9a-f]{10}", name) and written.is_file():
        kits[name] = written
    kit = kits.get(name)
    if kit is None:
        raise HTTPException(400, "no such kit")
    profile = _profile({"profile": [str(form.get("profile") or "press")]})
    plan = await run_in_threadpool(plan_run, kit, profile)
    if plan.refusal or not plan.entries:
        return page(
            request,
            "refused.html",
            status_code=422,
            message=plan.refusal or "this run makes nothing",
            diagnostics=plan.diagnostics,
        )
    started = state.runs.start(kit, profile)
    if isinstance(started, str):
        return page(request, "refused.html", status_code=429, message=started, diagnostics=())
    return RedirectResponse(f"/runs/{started.id}", 303)


def _run(request: Request) -> Run:
    run_id = request.path_params["run"]
    run = state_of(request).runs.runs.get(run_id) if RUN_ID.fullmatch(run_id) else None
    if run is None:
        raise HTTPException(404)
    return run


async def run_page(request: Request) -> Response:
    """The run's progress (the page polls its status) and, when done, its files."""
    return page(request, "run.html", run=_run(request))


async def run_status(request: Request) -> Response:
    """The run's progress as JSON, for the progress bar."""
    run = _run(request)
    return JSONResponse(run.as_json(), headers={"cache-control": "no-store"})


async def run_zip(request: Request) -> Response:
    """The print-shop package."""
    run = _run(request)
    if run.zip_path is None:
        raise HTTPException(404)
    path: Path = run.zip_path
    return FileResponse(path, media_type="application/zip", filename=path.name)


async def run_order(request: Request) -> Response:
    """The print order, as text."""
    run = _run(request)
    path: Path = run.print_order
    if run.state != "done" or not path.is_file():
        raise HTTPException(404)
    return FileResponse(path, media_type="text/plain; charset=utf-8", filename="print-order.txt")


async def sites_form(request: Request) -> Response:
    """The site-list upload form."""
    return page(request, "sites.html", checked=None, problem=None, limit=MAX_UPLOAD)


async def sites_upload(request: Request) -> Response:
    """Store the upload under a new name and check it as the command line does."""
    root = state_of(request).root
    form = await checked_form(request)
    upload = form.get("sites")
    data = b""
    try:
        if isinstance(upload, UploadFile):
            data = await upload.read(MAX_UPLOAD + 1)
    finally:
        await form.close()  # the upload's spooled temporary file
    problem = content_problem(data) if data else "choose a CSV file to upload"
    if problem is not None:
        return page(
            request, "sites.html", status_code=422, checked=None, problem=problem, limit=MAX_UPLOAD
        )
    token = await run_in_threadpool(store_upload, root, data)
    checked = await run_in_threadpool(check_sites, root, token)
    return page(
        request,
        "sites.html",
        status_code=200 if checked.sites is not None else 422,
        checked=checked,
        problem=None,
        limit=MAX_UPLOAD,
    )


async def sites_sheet(request: Request) -> Response:
    """One sheet of a site list's run, with the way to the others."""
    state = state_of(request)
    token = request.path_params["token"]
    number = int(request.path_params["number"])
    run = await run_in_threadpool(state.sheets.run, token, "en")
    if run.pdf is None and not run.diagnostics:
        raise HTTPException(404)
    if run.pdf is not None and not 1 <= number <= run.pages:
        raise HTTPException(404)
    width, height = SHEET_CSS
    return page(
        request,
        "sheet.html",
        token=token,
        number=number,
        run=run,
        sheet_width=width,
        sheet_height=height,
    )


async def sites_sheet_png(request: Request) -> Response:
    """One sheet as PNG."""
    state = state_of(request)
    token = request.path_params["token"]
    number = int(request.path_params["number"])
    png = await run_in_threadpool(state.sheets.sheet_png, token, "en", number - 1)
    if png is None:
        raise HTTPException(404)
    return Response(png, media_type="image/png", headers={"cache-control": "no-store"})
