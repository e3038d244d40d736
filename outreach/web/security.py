"""Turn a request into a checked one: signed session, CSRF token, password gate, safe headers.

Input: an ASGI request and the operator's settings (bind address, password). Output: the
request's session (a signed cookie), a 403 for a form without its CSRF token, a redirect to
the login page when a password is set, a 413 for a body over the limit, and the headers
every response carries (Content-Security-Policy without unsafe-inline, nosniff,
frame-ancestors 'none', Referrer-Policy).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

COOKIE = "outreach_session"
SESSION_AGE = 12 * 3600  # seconds: a working day
MAX_BODY = 11 * 1024 * 1024  # the largest upload (site list, 10 MB) and its form fields
MAX_FIELDS = 200
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
OPEN_PATHS = ("/login", "/static/")  # reachable before the password is given

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def is_loopback(host: str) -> bool:
    """Whether an address to bind is this machine only (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_problem(host: str, password: str | None) -> str | None:
    """Why the app must not start on `host`, or None: another address needs a password."""
    if is_loopback(host) or password:
        return None
    return (
        f"refusing to listen on `{host}` without a password: anyone who can reach this "
        "machine could use the app; set a password in an environment variable and pass its "
        "name with --password-env, or listen on 127.0.0.1"
    )


@dataclass(slots=True)
class Settings:
    """What the operator decided when starting the app."""

    password: str | None = None
    secure_cookies: bool = False  # set when not on loopback: cookies only over HTTPS
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))


def _sign(secret: bytes, payload: bytes) -> str:
    return hmac.new(secret, payload, hashlib.sha256).hexdigest()


def read_session(settings: Settings, cookie: str | None) -> dict[str, Any]:
    """The session a cookie carries, or a new one when it is missing, forged or damaged."""
    if cookie and "." in cookie:
        body, signature = cookie.rsplit(".", 1)
        try:
            payload = base64.b64decode(body.encode("ascii"), altchars=b"-_", validate=True)
        except (ValueError, UnicodeEncodeError):  # binascii.Error is a ValueError
            payload = b""
        if payload and hmac.compare_digest(signature, _sign(settings.secret, payload)):
            try:
                data = json.loads(payload)
            except ValueError:
                data = None
            if isinstance(data, dict) and isinstance(data.get("csrf"), str):
                return data
    return {"csrf": secrets.token_urlsafe(24)}


def write_session(settings: Settings, session: dict[str, Any]) -> str:
    """The cookie value for a session: its JSON, base64, and an HMAC of it."""
    payload = json.dumps(session, sort_keys=True, separators=(",", ":")).encode()
    body = base64.urlsafe_b64encode(payload).decode("ascii")
    return f"{body}.{_sign(settings.secret, payload)}"


class CsrfError(Exception):
    """A form came without the session's CSRF token."""


async def checked_form(request: Request) -> FormData:
    """The request's form, once its CSRF token matched the session's.

    Raises:
        CsrfError: if the token is missing or wrong (the app answers 403).
    """
    form = await request.form(max_fields=MAX_FIELDS, max_files=2, max_part_size=MAX_BODY)
    token = form.get("csrf")
    expected = request.state.session.get("csrf", "")
    if not isinstance(token, str) or not hmac.compare_digest(token, expected):
        raise CsrfError
    return form


def password_matches(settings: Settings, given: str) -> bool:
    """Whether `given` is the operator's password (constant-time)."""
    if settings.password is None:
        return True
    return hmac.compare_digest(given.encode(), settings.password.encode())


class Guard:
    """ASGI middleware: body limit, session cookie, password gate and security headers."""

    def __init__(self, app: App, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the request, then pass it on with the session and the headers."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        length = request.headers.get("content-length", "0")
        if not length.isdigit() or int(length) > MAX_BODY:
            await self._send(_too_large(), scope, receive, send, None)
            return
        session = read_session(self.settings, request.cookies.get(COOKIE))
        scope.setdefault("state", {})["session"] = session
        path = scope["path"]
        if (
            self.settings.password is not None
            and not session.get("auth")
            and not path.startswith(OPEN_PATHS)
        ):
            await self._send(RedirectResponse("/login", 303), scope, receive, send, session)
            return
        await self._send(self.app, scope, _limited(receive), send, session)

    async def _send(
        self, app: App, scope: Scope, receive: Receive, send: Send, session: dict[str, Any] | None
    ) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # made now, so what the handler put in the session (language, login) is kept
                cookie = self._cookie(session) if session is not None else None
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.decode("latin-1").lower() not in HEADERS
                ]
                headers.extend((k.encode(), v.encode()) for k, v in HEADERS.items())
                if cookie is not None:
                    headers.append((b"set-cookie", cookie.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        await app(scope, receive, send_with_headers)

    def _cookie(self, session: dict[str, Any]) -> str:
        attributes = f"Path=/; HttpOnly; SameSite=Strict; Max-Age={SESSION_AGE}"
        if self.settings.secure_cookies:
            attributes += "; Secure"
        return f"{COOKIE}={write_session(self.settings, session)}; {attributes}"


def _too_large() -> Response:
    return PlainTextResponse(
        f"the request is larger than {MAX_BODY // (1024 * 1024)} MB; upload a smaller file",
        status_code=413,
    )


class BodyTooLargeError(Exception):
    """A request body (sent without a Content-Length) grew past the limit."""


def _limited(receive: Receive) -> Receive:
    """A `receive` that stops a chunked body at `MAX_BODY` bytes."""
    seen = 0

    async def limited() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > MAX_BODY:
                raise BodyTooLargeError
        return message

    return limited
