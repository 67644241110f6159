"""The workshop server: textual-serve's ``Server`` with a door (``gate``), a
participant cookie that gives each browser its own sessions folder, a cap on
simultaneous interviews, and a shutdown that closes every interview in order.

We keep textual-serve's protocol, browser client, message loop and download
route, and replace the parts that assume one trusted user on one machine:
the page builds its websocket address from the request (so it works on any
address of a LAN), and the websocket starts an interview only for a browser
that passed the gate and only while a place is free.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, web
from aiohttp.web_runner import GracefulExit
from textual_serve.server import Server, to_int

from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.web import pages
from gvc_advisor.web.gate import Gate, same_origin
from gvc_advisor.web.interviews import InterviewProcess, Slots, interview_command, participant_folder
from gvc_advisor.web.tokens import PARTICIPANT_COOKIE, PARTICIPANT_MAX_AGE, Credentials, load_or_create_key

log = logging.getLogger("gvc_advisor.web")

TEMPLATES = Path(__file__).resolve().parent / "templates"
TITLE = N_("gvc-advisor workshop")
SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",  # no other site can frame the interview and steer clicks
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # no-referrer would make browsers send 'Origin: null' with the form
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class WorkshopSettings:
    folder: Path
    passcode: str | None
    max_sessions: int
    loopback_only: bool
    kb_dir: Path | None = None


class WorkshopServer(Server):
    def __init__(self, settings: WorkshopSettings) -> None:
        self.argv = interview_command(settings.kb_dir)
        super().__init__(" ".join(self.argv), title=_(TITLE), templates_path=TEMPLATES)
        self.settings = settings
        self.credentials = Credentials(load_or_create_key(settings.folder), settings.passcode)
        self.gate = Gate(self.credentials, settings.loopback_only)
        self.slots = Slots(settings.max_sessions)
        self.sockets: set[web.WebSocketResponse] = set()
        self.closing = False
        self.stop_requested = False
        self.closed_at_shutdown = 0

    # -- the aiohttp application ------------------------------------------------
    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.gate.middleware])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
            *self.gate.routes(),
        ])
        app.on_response_prepare.append(self._add_security_headers)
        app.on_startup.append(self._handle_stop_signals)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def _handle_stop_signals(self, app: web.Application) -> None:
        """Ctrl+C, SIGTERM and closing the facilitator's terminal window (SIGHUP: the
        interviews run in sessions of their own and would outlive it) all stop the
        server cleanly; a second Ctrl+C while it stops must not cut the shutdown short."""
        loop = asyncio.get_running_loop()

        def request_stop() -> None:
            if self.stop_requested:
                log.info("already stopping: closing the interviews")
                return
            self.stop_requested = True
            raise GracefulExit()

        for name in ("SIGINT", "SIGTERM", "SIGHUP"):
            with contextlib.suppress(NotImplementedError, AttributeError, ValueError):  # Windows
                loop.add_signal_handler(getattr(signal, name), request_stop)

    @staticmethod
    async def _add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)

    def run(self, sock: socket.socket) -> None:
        """Serve on ``sock`` until SIGINT or SIGTERM; returns after a clean shutdown.

        While the loop runs, a second Ctrl+C is only logged (see above).  Closing
        the loop puts Python's own handlers back, so a Ctrl+C pressed again in
        that last instant would raise KeyboardInterrupt with the shutdown already
        done: it is swallowed, and the signals are ignored until the process
        has printed its last line and exited."""
        try:
            web.run_app(self._make_app(), sock=sock, print=None, access_log=None, handle_signals=False,
                        shutdown_timeout=10)
        except KeyboardInterrupt:
            if not self.stop_requested:
                raise
        finally:
            if self.stop_requested:
                for name in ("SIGINT", "SIGTERM", "SIGHUP"):
                    with contextlib.suppress(AttributeError, ValueError, OSError):  # Windows, other threads
                        signal.signal(getattr(signal, name), signal.SIG_IGN)

    # -- the page ---------------------------------------------------------------
    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.slots.full:
            response = web.Response(status=503, text=pages.full_page(self.slots.capacity),
                                    content_type="text/html", headers={"Retry-After": "15"})
        else:
            scheme = "wss" if request.secure else "ws"
            context = {
                "font_size": max(8, min(40, to_int(request.query.get("fontsize", "16"), 16))),
                "app_websocket_url": f"{scheme}://{request.host}/ws",
                "config": {"static": {"url": "/static/"}},
                "application": {"name": _(TITLE)},
                **pages.index_texts(),
            }
            response = aiohttp_jinja2.render_template("app_index.html", request, context)
        self._keep_participant(request, response)
        return response

    def _keep_participant(self, request: web.Request, response: web.StreamResponse) -> None:
        """Give a new browser its participant id; set it again on every visit, so that
        the cookie outlives the workshop's last visit, not its first."""
        token = request.cookies.get(PARTICIPANT_COOKIE)
        if self.credentials.participant(token) is None:
            _, token = self.credentials.new_participant()
        response.set_cookie(PARTICIPANT_COOKIE, token, max_age=PARTICIPANT_MAX_AGE, httponly=True,
                            samesite="Lax", path="/")

    # -- one interview per websocket -----------------------------------------------
    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if not same_origin(request):
            raise web.HTTPForbidden(text=_("Interviews can only be opened from this server's own page.") + "\n")
        if self.closing:
            raise web.HTTPServiceUnavailable(text=_("The workshop server is stopping.") + "\n")
        participant = self.credentials.participant(request.cookies.get(PARTICIPANT_COOKIE))
        if participant is None:
            raise web.HTTPForbidden(text=_("Reload the page (the browser must accept this server's cookies).") + "\n")
        width = max(20, min(500, to_int(request.query.get("width", "80"), 80)))
        height = max(10, min(300, to_int(request.query.get("height", "24"), 24)))
        websocket = web.WebSocketResponse(heartbeat=15)
        reserved = self.slots.reserve()
        interview: InterviewProcess | None = None
        self.sockets.add(websocket)
        try:
            await websocket.prepare(request)
            if not reserved:
                log.warning("all %d places in use: participant %s told to wait", self.slots.capacity, participant)
                await websocket.send_bytes(pages.full_terminal(self.slots.capacity))
                async for _message in websocket:  # keep the message on screen until the tab goes
                    pass
                return websocket
            interview = InterviewProcess(
                self.argv, participant_folder(self.settings.folder, participant),
                write_bytes=websocket.send_bytes, write_str=websocket.send_str, close=websocket.close,
                download_manager=self.download_manager)
            self.slots.occupy(interview)
            await interview.start(width, height)
            if self.closing:  # the server began stopping while this interview started
                return websocket
            log.info("interview started for participant %s (process %s; %d of %d places in use)",
                     participant, interview.pid, self.slots.in_use, self.slots.capacity)
            await self._process_messages(websocket, interview)
        except Exception:
            log.exception("interview of participant %s failed", participant)
        finally:
            if reserved:
                self.slots.release(interview)
            if interview is not None:
                await interview.stop()
                log.info("interview closed for participant %s (%d of %d places in use)",
                         participant, self.slots.in_use, self.slots.capacity)
            self.sockets.discard(websocket)
            await websocket.close()
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab's connection and stop every interview (their answers are already saved)."""
        self.closing = True
        self.closed_at_shutdown = len(self.slots.running)
        closes = [ws.close(code=WSCloseCode.GOING_AWAY, message=b"The workshop server is stopping")
                  for ws in list(self.sockets)]
        await asyncio.gather(self.slots.stop_all(), *closes, return_exceptions=True)


def configure_logging() -> None:
    """Facilitator's console only: one line per event, with the time."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", datefmt="%H:%M:%S"))
    for name, level in (("gvc_advisor.web", logging.INFO), ("textual-serve", logging.WARNING),
                        ("aiohttp", logging.WARNING)):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False
