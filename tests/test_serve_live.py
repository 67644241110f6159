"""``gvc-advisor serve`` for real: the server runs as a subprocess on a free
local port; the tests talk HTTP and websocket to it as a browser would, drive
the interview through the websocket, watch the interview processes it
starts (in /proc), and stop it with SIGINT as a facilitator's Ctrl+C does."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="watches processes in /proc")

PASSCODE = "delta-river-42"
ANSI = re.compile(rb"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
STARTUP = 60.0  # generous: two shared cores, and an interview process loads the knowledge base


def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def children_of(pid: int) -> list[int]:
    """Live (not zombie) children of ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _parent(int(entry.name)) == pid:
            try:
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                found.append(int(entry.name))
    return found


class LiveServer:
    def __init__(self, tmp_path: Path, cache: Path, *options: str, env: dict[str, str] | None = None) -> None:
        self.workshop = tmp_path / "workshop"
        self.out_path, self.err_path = tmp_path / "serve.out", tmp_path / "serve.err"
        environment = {**os.environ, **(env or {})}
        # The server loads the knowledge base once; its interview processes then find it in this cache.
        environment.pop("GVC_ADVISOR_NO_CACHE", None)
        environment["GVC_ADVISOR_CACHE_DIR"] = str(cache)
        with self.out_path.open("wb") as out, self.err_path.open("wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gvc_advisor", "serve", "--workshop", str(self.workshop), "--port", "0",
                 *options], stdout=out, stderr=err, env=environment, cwd=tmp_path)
        self.url = self._wait_for_url()

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + STARTUP
        while time.monotonic() < deadline:
            if match := re.search(r"http://\S+?/", self.out):
                return match.group(0).replace("//vm:", "//127.0.0.1:")
            if self.process.poll() is not None:
                raise AssertionError(f"server exited: {self.out}{self.err}")
            time.sleep(0.05)
        raise AssertionError(f"no URL printed: {self.out}{self.err}")

    @property
    def out(self) -> str:
        return self.out_path.read_text(encoding="utf-8", errors="replace")

    @property
    def err(self) -> str:
        return self.err_path.read_text(encoding="utf-8", errors="replace")

    def interviews(self) -> list[int]:
        return children_of(self.process.pid)

    def stop(self, presses: int = 1, timeout: float = 30) -> int:
        """Ctrl+C, pressed ``presses`` times (an impatient facilitator)."""
        for _ in range(presses):
            self.process.send_signal(signal.SIGINT)
            time.sleep(0.2)
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        for pid in self.interviews():
            os.kill(pid, signal.SIGKILL)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def kb_cache(tmp_path_factory) -> Path:
    """Shared by the servers of this module: only the first one parses the YAML."""
    return tmp_path_factory.mktemp("kb-cache")


@pytest.fixture
def start_server(tmp_path, kb_cache):
    servers: list[LiveServer] = []

    def start(*options: str, env: dict[str, str] | None = None) -> LiveServer:
        servers.append(LiveServer(tmp_path, kb_cache, *options, env=env))
        return servers[-1]

    yield start
    for server in servers:  # whatever happened in the test, nothing is left running
        server.kill()


class Tab:
    """A browser tab's websocket: keys in, screen text out."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self.websocket = websocket
        self.seen = b""

    async def wait_for(self, text: str, timeout: float = STARTUP) -> None:
        """Until ``text`` appears on the screen (escape sequences removed)."""
        needle = text.encode()
        async with asyncio.timeout(timeout):
            while needle not in ANSI.sub(b"", self.seen):
                message = await self.websocket.receive()
                if message.type == aiohttp.WSMsgType.BINARY:
                    self.seen += message.data
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    raise AssertionError(f"closed before {text!r} appeared: {ANSI.sub(b'', self.seen)[-800:]!r}")
        self.seen = b""

    async def delivery(self, timeout: float = 20) -> str:
        """The key of the next file the interview hands to the browser."""
        async with asyncio.timeout(timeout):
            while True:
                message = await self.websocket.receive()
                if message.type == aiohttp.WSMsgType.TEXT and message.json()[0] == "deliver_file_start":
                    return message.json()[1]
                if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    raise AssertionError("closed before delivering a file")

    async def keys(self, keys: str) -> None:
        await self.websocket.send_str(json.dumps(["stdin", keys]))
        await asyncio.sleep(0.15)  # as a person types: the app settles between keys

    async def closed(self, timeout: float = 15) -> bool:
        async with asyncio.timeout(timeout):
            while True:
                message = await self.websocket.receive()
                if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    return True


def browser() -> aiohttp.ClientSession:
    # unsafe=True: keep cookies from an IP address, as browsers do.
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


def origin(url: str) -> dict[str, str]:
    """The Origin header a browser sends with the form of the page at ``url``."""
    return {"Origin": url.rstrip("/")}


async def log_in(session: aiohttp.ClientSession, url: str, passcode: str = PASSCODE) -> None:
    async with session.post(url + "login", data={"passcode": passcode}, headers=origin(url),
                            allow_redirects=False) as response:
        assert response.status == 303, await response.text()
    async with session.get(url) as response:
        assert response.status == 200
        assert 'id="terminal"' in await response.text()


def ws_url(url: str) -> str:
    return url.replace("http://", "ws://") + "ws?width=100&height=30"


def saved_sessions(workshop: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(workshop.glob("participants/*/sessions/*.json"))]


async def _wait_until(condition, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.1)


async def test_passcode_cap_autosave_resume_and_clean_stop(start_server):
    server = start_server("--max-sessions", "1", env={"GVC_ADVISOR_PASSCODE": PASSCODE})
    url = server.url
    assert "Passcode: the one given with --passcode" in server.out

    # Without the passcode: the form instead of the page, no websocket, no process.
    async with browser() as stranger:
        async with stranger.get(url, allow_redirects=False) as response:
            assert response.status == 303 and response.headers["Location"] == "/login"
        async with stranger.get(url + "login") as response:
            assert response.status == 200 and 'name="passcode"' in await response.text()
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await stranger.ws_connect(ws_url(url))
        assert refused.value.status == 403
        stranger.cookie_jar.update_cookies({"gvc_access": "1700000000.forged"})
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await stranger.ws_connect(ws_url(url))
        started = time.monotonic()
        async with stranger.post(url + "login", data={"passcode": "guess-one"}, allow_redirects=False) as response:
            assert response.status == 401 and "Wrong passcode" in await response.text()
        assert time.monotonic() - started >= 0.9  # wrong attempts are slowed down
        # DNS rebinding: a page whose name points at 127.0.0.1 does not reach a server bound there.
        async with stranger.get(url, headers={"Host": "attacker.example:80"}) as response:
            assert response.status == 421
        for foreign in ("http://attacker.example", "null"):  # the form sent from another site's page
            async with stranger.post(url + "login", data={"passcode": PASSCODE}, headers={"Origin": foreign},
                                     allow_redirects=False) as response:
                assert response.status == 403
    assert server.interviews() == []

    async with browser() as alice, browser() as bob:
        # With it: the page, then a websocket that starts a real interview.
        await log_in(alice, url)
        tab = Tab(await alice.ws_connect(ws_url(url)))
        await tab.wait_for("Start a new interview")
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:  # another site's page, same cookies
            await alice.ws_connect(ws_url(url), origin="http://attacker.example")
        assert refused.value.status == 403
        [interview] = server.interviews()
        environment = Path(f"/proc/{interview}/environ").read_bytes().split(b"\0")
        assert not any(v.startswith(b"GVC_ADVISOR_PASSCODE=") for v in environment)
        [data_dir] = [v for v in environment if v.startswith(b"GVC_ADVISOR_DATA_DIR=")]
        assert b"/participants/" in data_dir

        # The cap: a second participant is told to wait, and no process starts for them.
        async with bob.post(url + "login", data={"passcode": PASSCODE}, headers=origin(url),
                            allow_redirects=False) as response:
            assert response.status == 303
        async with bob.get(url) as response:
            assert response.status == 503 and "All interview places of this workshop (1)" in await response.text()
        waiting = Tab(await bob.ws_connect(ws_url(url)))
        await waiting.wait_for("All interview places of this workshop (1)", timeout=10)
        assert server.interviews() == [interview]
        await waiting.websocket.close()

        # Every answer is saved at once: killing the process loses nothing.
        await tab.keys("\r")
        await tab.wait_for("Name of the firm")
        await tab.keys("Acme Shirts\r")
        await tab.wait_for("Which industry")
        await tab.keys("\r")
        await _wait_until(lambda: any(s["answers"] for s in saved_sessions(server.workshop)))
        os.kill(interview, signal.SIGKILL)
        assert await tab.closed()  # a dead interview closes its tab and frees its place
        [saved] = saved_sessions(server.workshop)
        assert saved["firm"] == "Acme Shirts" and "industry" in saved["answers"]

        # The participant resumes in a new tab; another participant sees only their own sessions.
        await _wait_until(lambda: server.interviews() == [])
        tab = Tab(await alice.ws_connect(ws_url(url)))
        await tab.wait_for("Start a new interview")
        await tab.keys("\x1b[B\r")
        await tab.wait_for("Acme Shirts")
        # Resumed, the report is exported to the participant's browser, never to a file on the server.
        await tab.keys("\r")
        await tab.wait_for("1 answered")  # the resumed interview, whatever question comes next
        await tab.keys("\x10")  # Ctrl+P, the command palette
        await tab.keys("Export")
        await tab.wait_for("Write the consultation")
        await tab.keys("\r")
        await tab.wait_for("Export the consultation")
        await tab.keys("\r")
        key = await tab.delivery()
        async with alice.get(url + f"download/{key}") as response:
            assert response.status == 200
            assert "attachment" in response.headers["Content-Disposition"]
            assert "Acme Shirts" in await response.text()
        assert list(server.workshop.rglob("gvc-advice-*")) == []
        await tab.websocket.close()
        await _wait_until(lambda: server.interviews() == [])
        other = Tab(await bob.ws_connect(ws_url(url)))
        await other.wait_for("Start a new interview")
        await other.keys("\x1b[B\r")
        await other.wait_for("No saved sessions yet.")

        # Ctrl+C (twice) with an interview running: everything stops, exit code 0, one line.
        assert server.stop(presses=2) == 0
        assert await other.closed()
    assert server.interviews() == []
    assert server.out.strip().splitlines()[-1].startswith("gvc-advisor serve: stopped, 1 interview closed")
    assert "Traceback" not in server.err and PASSCODE not in server.out + server.err
    assert "wrong passcode from 127.0.0.1" in server.err


def gone(pid: int) -> bool:
    try:
        return (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]) == "Z"
    except OSError:
        return True


async def test_on_a_lan_address_a_passcode_is_generated_and_required(start_server):
    server = start_server("--host", "0.0.0.0")
    passcode = re.search(r"Passcode: (\S+)", server.out).group(1)
    assert re.fullmatch(r"\w{5}-\w{5}", passcode)
    url = re.sub(r"//[^/]+:", "//127.0.0.1:", server.url)
    async with browser() as session:
        async with session.get(url, allow_redirects=False) as response:
            assert response.status == 303
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await session.ws_connect(ws_url(url))
        assert server.interviews() == []
        await log_in(session, url, passcode)
        tab = Tab(await session.ws_connect(ws_url(url)))
        await tab.wait_for("Start a new interview")
        assert len(server.interviews()) == 1
        # Closing the facilitator's terminal window (SIGHUP) stops everything as Ctrl+C does.
        server.process.send_signal(signal.SIGHUP)
        assert server.process.wait(timeout=30) == 0
        assert await tab.closed()
    assert server.interviews() == []
    assert "stopped, 1 interview closed" in server.out


async def test_a_killed_server_takes_its_interviews_with_it(start_server):
    """Killed outright (no Ctrl+C), the server cannot stop its interviews: they get
    SIGTERM from the system and quit by themselves, their answers already saved."""
    server = start_server()
    async with browser() as session:
        async with session.get(server.url) as response:
            assert response.status == 200
        tab = Tab(await session.ws_connect(ws_url(server.url)))
        await tab.wait_for("Start a new interview")
        [interview] = server.interviews()
        server.process.kill()
        server.process.wait(timeout=10)
        await _wait_until(lambda: gone(interview))
