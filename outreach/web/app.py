"""Assemble the web app: a project folder and the operator's settings in; an ASGI app out.

Input: the project to serve and `Settings` (password, secure cookies). Output: a
Starlette app whose routes are in `routes.py` and `run_routes.py`, wrapped in `Guard`
(session, password, headers, body limit), with every error shown as a plain page: a
catch-all handler logs the exception and never sends a traceback. `serve` runs it with
uvicorn after refusing an address other than loopback without a password.
"""

from __future__ import annotations

import logging
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from outreach.web import routes
from outreach.web import run_routes as runs
from outreach.web.pages import STATIC, page
from outreach.web.security import BodyTooLargeError, CsrfError, Guard, Settings, bind_problem
from outreach.web.state import WebState

LOG = logging.getLogger("outreach.web")
_PIECE = "/piece/{pack}/{material}/{size}/{language}/{profile}"

ROUTES = [
    Route("/", routes.home),
    Route("/piece", routes.piece_form, methods=["GET"]),
    Route("/piece", routes.piece_make, methods=["POST"]),
    Route(_PIECE + "/page-{number:int}.png", routes.piece_page_png),
    Route(_PIECE + "/file", routes.piece_download),
    Route("/runs", runs.runs_form, methods=["GET"]),
    Route("/runs/plan", runs.runs_plan, methods=["POST"]),
    Route("/runs/start", runs.runs_start, methods=["POST"]),
    Route("/runs/{run}", runs.run_page),
    Route("/runs/{run}/status", runs.run_status),
    Route("/runs/{run}/package.zip", runs.run_zip),
    Route("/runs/{run}/print-order.txt", runs.run_order),
    Route("/sites", runs.sites_form, methods=["GET"]),
    Route("/sites", runs.sites_upload, methods=["POST"]),
    Route("/sites/{token}/sheet/{number:int}", runs.sites_sheet),
    Route("/sites/{token}/sheet-{number:int}.png", runs.sites_sheet_png),
    Route("/translations", routes.translations),
    Route("/translations/{language}", routes.translation),
    Route("/adapt", routes.adapt_form, methods=["GET"]),
    Route("/adapt", routes.adapt_save, methods=["POST"]),
    Route("/login", routes.login_form, methods=["GET"]),
    Route("/login", routes.login, methods=["POST"]),
    Route("/ui-language", routes.ui_language, methods=["POST"]),
    Mount("/static", StaticFiles(directory=STATIC), name="static"),
]

_MESSAGES = {
    400: "the request was not understood",
    403: "the form had expired or came from another site; reload the page and try again",
    404: "there is nothing at this address",
    405: "this address does not take that kind of request",
    413: "the upload is too large",
}


def _plain(request: Request, status: int, message: str) -> Response:
    if "state" not in request.scope or "session" not in request.scope["state"]:
        return PlainTextResponse(message, status_code=status)
    return page(request, "error.html", status_code=status, message=message)


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    message = _MESSAGES.get(status, "the request could not be answered")
    if isinstance(exc, HTTPException) and status == 400 and exc.detail:
        message = str(exc.detail)
    return _plain(request, status, message)


async def _csrf_error(request: Request, exc: Exception) -> Response:
    return _plain(request, 403, _MESSAGES[403])


async def _too_large(request: Request, exc: Exception) -> Response:
    return PlainTextResponse(_MESSAGES[413], status_code=413)


async def _unexpected(request: Request, exc: Exception) -> Response:
    LOG.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return PlainTextResponse(
        "something went wrong on our side; the error is in the server's log. "
        "Nothing was written. Go back and try again.",
        status_code=500,
    )


def create_app(root: Path, settings: Settings | None = None) -> Starlette:
    """The web app for a project folder."""
    settings = settings or Settings()
    app = Starlette(
        routes=ROUTES,
        middleware=[Middleware(Guard, settings=settings)],
        exception_handlers={
            HTTPException: _http_error,
            CsrfError: _csrf_error,
            BodyTooLargeError: _too_large,
            Exception: _unexpected,
        },
    )
    app.state.web = WebState.open(root.resolve(), settings)
    return app


def serve(root: Path, host: str, port: int, password: str | None) -> str | None:
    """Run the app until interrupted; a message instead when it must not start."""
    problem = bind_problem(host, password)
    if problem is not None:
        return problem
    import uvicorn

    from outreach.web.security import is_loopback

    settings = Settings(password=password, secure_cookies=not is_loopback(host))
    app = create_app(root, settings)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
    return None
