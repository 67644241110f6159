"""The door of the workshop server (textual-serve has none): an aiohttp
middleware in front of every route but the static files, and the passcode form.

* With a passcode, a browser without a valid signed access cookie gets the
  form instead of the page, and a 403 instead of a websocket, so no interview
  process is ever started for it.  Wrong passcodes are answered slowly and,
  repeated, lock the address out (see ``throttle``); they are logged on the
  facilitator's console with the address, never with what was typed.
* Websockets and the form must come from the server's own page (the Origin
  header), so another web site open in a participant's browser cannot drive
  an interview.
* Bound to this computer only, the server answers only to a loopback Host
  name, so a web page cannot reach it through DNS rebinding.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import math
from collections.abc import Awaitable, Callable

from aiohttp import web
from yarl import URL

from gvc_advisor.engine.i18n import _
from gvc_advisor.web import pages
from gvc_advisor.web.throttle import WRONG_ATTEMPT_DELAY, Throttle
from gvc_advisor.web.tokens import ACCESS_COOKIE, ACCESS_MAX_AGE, Credentials

log = logging.getLogger("gvc_advisor.web")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
OPEN_PREFIXES = ("/static/",)
HTML = "text/html"


def same_origin(request: web.Request) -> bool:
    """False when a browser says the request comes from a page of another site."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # not sent by a browser page (a script, a test client)
    try:
        return URL(origin).raw_authority.lower() == request.host.lower()
    except ValueError:
        return False


def loopback_host(request: web.Request) -> bool:
    try:
        host = URL(f"http://{request.host}").host or ""
    except ValueError:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Gate:
    def __init__(self, credentials: Credentials, loopback_only: bool, throttle: Throttle | None = None) -> None:
        self.credentials = credentials
        self.loopback_only = loopback_only
        self.throttle = throttle or Throttle()

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if self.loopback_only and not loopback_host(request):
            raise web.HTTPMisdirectedRequest(text=_("This server answers to localhost only.") + "\n")
        if request.path.startswith(OPEN_PREFIXES) or request.path == "/login":
            return await handler(request)
        if self.credentials.access_valid(request.cookies.get(ACCESS_COOKIE)):
            return await handler(request)
        if request.path == "/" and request.method == "GET":
            raise web.HTTPSeeOther("/login")
        raise web.HTTPForbidden(text=_("The workshop passcode is required: open the server's address and type it.")
                                 + "\n")

    def routes(self) -> list[web.RouteDef]:
        return [web.get("/login", self.login_form), web.post("/login", self.login)]

    async def login_form(self, request: web.Request) -> web.Response:
        if not self.credentials.required or self.credentials.access_valid(request.cookies.get(ACCESS_COOKIE)):
            raise web.HTTPSeeOther("/")
        return web.Response(text=pages.login_page(), content_type=HTML)

    async def login(self, request: web.Request) -> web.Response:
        if not same_origin(request):
            raise web.HTTPForbidden(text=_("The passcode form must be sent from this server's own page.") + "\n")
        client = request.remote or "unknown"
        wait = self.throttle.retry_after(client)
        if wait:
            return web.Response(status=429, text=pages.locked_out_page(math.ceil(wait / 60)), content_type=HTML,
                                headers={"Retry-After": str(math.ceil(wait))})
        form = await request.post()
        attempt = form.get("passcode")
        if isinstance(attempt, str) and self.credentials.passcode_matches(attempt):
            self.throttle.success(client)
            response = web.HTTPSeeOther("/")
            response.set_cookie(ACCESS_COOKIE, self.credentials.access_token(), max_age=ACCESS_MAX_AGE,
                                httponly=True, samesite="Lax", path="/")
            log.info("passcode accepted from %s", client)
            raise response
        self.throttle.failure(client)
        log.warning("wrong passcode from %s", client)
        await asyncio.sleep(WRONG_ATTEMPT_DELAY)
        return web.Response(status=401, text=pages.login_page(_("Wrong passcode. Please check it and try again.")),
                            content_type=HTML)
