"""Helpers for the ``netnet serve`` tests: a stand-in session app, a server in the test's loop,
the real ``netnet serve`` in a process, and a browser-less page (aiohttp + pyte)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import time
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pyte

from tests.browser import browser_paths

# A stand-in for a netnet session: it speaks textual-serve's protocol (a "__GANGLION__" line,
# then packets: 1 type byte, 4 length bytes, the payload) and reports what it was given.
FAKE_APP = r'''
import json, os, sys
out, inp = sys.stdout.buffer, sys.stdin.buffer
record = os.environ.get("FAKE_RECORD")

def packet(kind, payload):
    out.write(kind + len(payload).to_bytes(4, "big") + payload)
    out.flush()

def note(text):
    if record:
        with open(record, "a") as f:
            f.write(text + "\n")

out.write(b"__GANGLION__\n")
out.flush()
packet(b"D", json.dumps({"argv": sys.argv[1:], "size": [os.environ["COLUMNS"], os.environ["ROWS"]],
                         "driver": os.environ.get("TEXTUAL_DRIVER"),
                         "own_group": os.getpgid(0) == os.getpid()}).encode())
note("started")
while True:
    head = inp.read(5)
    if len(head) < 5:
        break
    payload = inp.read(int.from_bytes(head[1:], "big"))
    if head[:1] == b"D":
        if payload == b"call":
            packet(b"M", json.dumps({"type": "netnet-call", "live": True}).encode())
        packet(b"D", b"echo:" + payload)
    else:
        meta = json.loads(payload)
        if meta["type"] == "resize":
            packet(b"D", ("resize:%sx%s" % (meta["width"], meta["height"])).encode())
        elif meta["type"] == "quit":
            note("quit")
            if os.environ.get("FAKE_IGNORE_QUIT"):
                continue
            packet(b"M", json.dumps({"type": "exit"}).encode())
            break
note("ended")
'''


def fake_argv(*extra: str) -> list[str]:
    return [sys.executable, "-c", FAKE_APP, *extra]


@asynccontextmanager
async def running_server(config):
    """``run_server`` in this test's event loop; yields the NetnetServer, stops it afterwards."""
    from netnet.web.server import run_server

    ready: asyncio.Future = asyncio.get_running_loop().create_future()
    stop = asyncio.Event()
    task = asyncio.create_task(run_server(config, ready.set_result, stop))
    server = await asyncio.wait_for(asyncio.shield(ready), 10)
    try:
        yield server
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)


async def until(condition, timeout: float = 10.0) -> bool:
    """Let the event loop run until ``condition()`` holds; False after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            return False
        await asyncio.sleep(0.02)
    return True


def client() -> aiohttp.ClientSession:
    # unsafe: keep cookies of an IP-address host (127.0.0.1), as browsers do
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


def base_of(url: str) -> str:
    return url.split("/?", 1)[0]


# -- the real netnet serve ------------------------------------------------------------

class ServeProcess:
    """``netnet … serve`` in a process of its own, with the URL it printed."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        netnet = Path(sys.executable).parent / "netnet"
        self.process = subprocess.Popen([str(netnet), *args], env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()  # one line, once the port is bound
        found = re.search(r"(https?://\S+\?token=\S+)", line)
        if not found:
            self.process.kill()
            raise AssertionError(f"netnet serve printed {line!r}; stderr: {self.process.stderr.read()}")
        self.url = found.group(1)
        self.base = base_of(self.url)

    def stop(self, timeout: float = 60) -> int:
        import signal

        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        for stream in (self.process.stdout, self.process.stderr):
            stream.close()


class WebTerminal:
    """What the page does, without a browser: the token swapped for the cookie, the WebSocket
    with the page's Origin, keys sent as textual.js sends them, the screen kept with pyte."""

    def __init__(self, cols: int = 100, rows: int = 30) -> None:
        self.cols, self.rows = cols, rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.messages: list[list] = []
        self.http: aiohttp.ClientSession | None = None
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task | None = None

    async def open(self, url: str) -> None:
        base = base_of(url)
        self.http = client()
        async with self.http.get(url) as page:  # follows the redirect, keeps the cookie
            assert page.status == 200, await page.text()
        self.ws = await self.http.ws_connect(f"{base.replace('http', 'ws', 1)}/ws?width={self.cols}&height={self.rows}",
                                             origin=base)
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.ws is not None
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.stream.feed(message.data)
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.messages.append(json.loads(message.data))

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def said(self, kind: str) -> list:
        return [data for name, *data in self.messages if name == kind]

    def screen_name(self) -> str | None:
        names = self.said("netnet-screen")
        return names[-1][0]["name"] if names else None

    def call_live(self) -> bool:
        calls = self.said("netnet-call")
        return bool(calls) and calls[-1][0]["live"]

    async def wait(self, condition, what: str, timeout: float = 30.0, poll: float = 0.05) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise AssertionError(f"waited {timeout} s for {what}; the screen shows:\n{self.text()}")
            await asyncio.sleep(poll)

    async def wait_screen(self, name: str) -> None:
        await self.wait(lambda: self.screen_name() == name, f"the {name}")

    async def type(self, keys: str) -> None:
        assert self.ws is not None
        for key in keys:
            await self.ws.send_str(json.dumps(["stdin", key]))

    async def close(self) -> None:
        if self.ws is not None and not self.ws.closed:
            await self.ws.close()
        if self._reader is not None:
            await asyncio.wait_for(self._reader, 30)
        if self.http is not None:
            await self.http.close()


# -- the browser ---------------------------------------------------------------------

def headless_chromium(width: int = 1280, height: int = 800):
    """A headless Chromium under selenium, with the machine's chromedriver (nothing downloaded)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    found = browser_paths()
    assert found is not None
    chromium, driver = found
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--no-first-run", "--no-default-browser-check"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(driver), options=options)


def set_autosave(target: str | Path, seconds: float) -> None:
    """Make the timer-driven autosave slow, so only the way out can have saved the notes."""
    from netnet.data.settings import save_setting
    from netnet.data.stores import open_store

    store = open_store(target)
    try:
        save_setting(store, "autosave_seconds", seconds)
    finally:
        store.close()


def call_notes(target: str | Path) -> list[tuple[str, str]]:
    """(status, notes) of every interview, read straight from the database."""
    from netnet.data.stores import is_url

    if is_url(str(target)):
        import psycopg

        with psycopg.connect(str(target)) as conn:
            return [tuple(row) for row in conn.execute("SELECT status, notes FROM interview ORDER BY id")]
    import sqlite3

    conn = sqlite3.connect(target)
    try:
        return conn.execute("SELECT status, notes FROM interview ORDER BY id").fetchall()
    finally:
        conn.close()


def question_rows(target: str | Path) -> list[tuple[int, str]]:
    """(answered, notes) of the first interview's questions, in order."""
    sql = ("SELECT answered, notes FROM interview_question WHERE interview_id = "
           "(SELECT min(id) FROM interview) ORDER BY position, id")
    from netnet.data.stores import is_url

    if is_url(str(target)):
        import psycopg

        with psycopg.connect(str(target)) as conn:
            return [(int(a), n) for a, n in conn.execute(sql)]
    import sqlite3

    conn = sqlite3.connect(target)
    try:
        return [(int(a), n) for a, n in conn.execute(sql)]
    finally:
        conn.close()


def serve_env(env: dict[str, str], db_url: str | None = None) -> dict[str, str]:
    env = dict(env)
    if db_url:
        env["NETNET_DB_URL"] = db_url
    return env


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
