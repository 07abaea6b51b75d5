"""The web server of ``netnet serve``: netnet in a browser, safe by default.

One aiohttp application in front of textual-serve's pieces (its page script, xterm's
stylesheet, the Roboto Mono font it ships, its download manager and its protocol with the
app process, see ``session.py``):

- **Only with the token.** The URL printed at start holds a random per-launch token;
  opening it swaps the token for an HttpOnly, SameSite=Strict cookie and sends the browser
  on to the page without it. Every request without that cookie (the page, its script and
  font, the WebSocket, a download) is refused with 403.
- **Only its own page.** A Host header other than the names served (127.0.0.1, localhost,
  [::1] on this port, and what ``--host``/``--public-url`` add) is refused, against DNS
  rebinding; a WebSocket whose Origin is not one of those origins is refused too, so another
  site's page cannot drive netnet (SameSite=Strict already keeps the cookie from it). The page
  loads nothing from elsewhere, under a Content-Security-Policy naming only this origin, and
  sends no referrer.
- **Bounded.** At most ``sessions`` netnet processes at once (a reload waits a moment for the
  previous one to save and go), each browser terminal's size clamped, a session without a key
  for ``idle_seconds`` closed (everything typed saved first).
- **Nothing typed is lost.** When a browser goes (closed, reloaded, connection lost), its
  session is told to quit and netnet saves before it exits. Stopping the server (Ctrl+C,
  SIGTERM) does that for every session and waits for them.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import html
import ipaddress
import json
import logging
import secrets
import signal
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from string import Template
from urllib.parse import quote, urlsplit

from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.download_manager import DownloadManager

from netnet.web.session import Session

log = logging.getLogger("netnet.web")

MIN_SIZE, MAX_SIZE = (20, 8), (400, 200)  # columns, rows a browser terminal may ask for
SLOT_WAIT = 5.0  # seconds a new tab waits for a closing session's place (a reload)
WS_MAX_MESSAGE = 1 << 20  # one paste into the notes may be long; nothing more is needed
CLOSE_REFUSED, CLOSE_IDLE, CLOSE_STOPPED = 4429, 4408, WSCloseCode.GOING_AWAY

TEXTUAL_STATIC = Path(__import__("textual_serve").__file__).parent / "static"
OWN_STATIC = Path(str(files("netnet.web") / "static"))
PAGE = Template((files("netnet.web") / "page.html").read_text(encoding="utf-8"))


@dataclass
class ServeConfig:
    """What ``netnet serve`` was asked for."""

    argv: list[str]  # a session's command: an argument list, never a shell line
    env: dict[str, str]  # a session's environment
    host: str = "127.0.0.1"
    port: int = 0  # 0: a free one
    sessions: int = 1
    idle_seconds: float = 30 * 60  # 0: never
    public_url: str | None = None  # what people open when a reverse proxy is in front
    grace: float = 15.0  # seconds a session gets to save and quit
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    return host in ("", "0.0.0.0", "::", "[::]")


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def listening_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0: a free one). Raises OSError."""
    host = "127.0.0.1" if host.lower() == "localhost" else host.strip("[]")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family, backlog=64)


class NetnetServer:
    """The aiohttp application, its sessions and its guards."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.cookie_value = secrets.token_urlsafe(32)  # what the browser holds instead of the token
        self.port = config.port
        self.sessions: dict[Session, web.WebSocketResponse] = {}
        self.download_manager = DownloadManager()
        self.hosts: set[str] = set()
        self.origins: set[str] = set()
        self.started = 0  # sessions started since launch (for tests and the benchmark)

    # -- what this server answers to ------------------------------------------------
    def bind_port(self, port: int) -> None:
        """The port is known (after binding): the Host names and origins this server answers to."""
        self.port = port
        names = {"127.0.0.1", "localhost", "[::1]"}
        host = self.config.host
        if is_wildcard(host):
            with contextlib.suppress(OSError):
                names |= {socket.gethostname(), socket.getfqdn()}
                names |= {_bracketed(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None)}
        elif host:
            names.add(_bracketed(host))
        names = {name.lower() for name in names if name}
        self.hosts = {f"{name}:{port}" for name in names}
        self.origins = {f"http://{name}:{port}" for name in names}
        if self.config.public_url:
            public = urlsplit(self.config.public_url)
            self.hosts.add(public.netloc.lower())
            self.origins.add(f"{public.scheme}://{public.netloc}".lower())

    @property
    def cookie_name(self) -> str:
        return f"netnet_{self.port}"  # cookies do not keep ports apart: one name a server

    def url(self) -> str:
        """The one URL to open, token included."""
        if self.config.public_url:
            base = self.config.public_url.rstrip("/")
        else:
            host = self.config.host
            if is_wildcard(host):
                host = socket.gethostname()
            elif host.lower() == "localhost":
                host = "127.0.0.1"
            base = f"http://{_bracketed(host)}:{self.port}"
        return f"{base}/?token={self.config.token}"

    # -- the application --------------------------------------------------------------
    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard], client_max_size=WS_MAX_MESSAGE)
        app.add_routes([
            web.get("/", self.handle_page),
            web.get("/ws", self.handle_websocket),
            web.get("/download/{key}", self.handle_download),
            web.static("/static/textual", TEXTUAL_STATIC, show_index=False, follow_symlinks=False),
            web.static("/static/netnet", OWN_STATIC, show_index=False, follow_symlinks=False),
        ])
        app.on_response_prepare.append(self._security_headers)
        return app

    @staticmethod
    def refuse(status: int, sentence: str) -> web.Response:
        return web.Response(status=status, text=f"netnet: {sentence}\n", content_type="text/plain")

    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        """Host first (DNS rebinding), then the token or the cookie, for every request."""
        if request.host.lower() not in self.hosts:
            return self.refuse(403, "this server answers only to its own address "
                                    f"(such as 127.0.0.1:{self.port}); the Host header names another.")
        token = request.query.get("token")
        if request.path == "/" and token is not None:
            if not hmac.compare_digest(token.encode(), self.config.token.encode()):
                return self.refuse(403, "that link's token is not this server's; open the link "
                                        "`netnet serve` printed when it started.")
            # on to the page without the token: it leaves the address bar and the history
            response = web.Response(status=303, headers={"Location": "/"})
            secure = request.secure or self._public_https(request)  # https here or at the proxy
            response.set_cookie(self.cookie_name, self.cookie_value, path="/", httponly=True,
                                samesite="Strict", secure=secure or None)
            return response
        held = request.cookies.get(self.cookie_name, "")
        if not hmac.compare_digest(held.encode(), self.cookie_value.encode()):
            return self.refuse(403, "open the link `netnet serve` printed when it started "
                                    "(it holds the token this page needs).")
        return await handler(request)

    async def _security_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        own = f"ws://{request.host} wss://{request.host}"
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"font-src 'self'; img-src 'self' data:; connect-src 'self' {own}; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        )
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        response.headers["Cache-Control"] = "no-store"

    # -- the page -------------------------------------------------------------------
    async def handle_page(self, request: web.Request) -> web.Response:
        try:
            font_size = min(40, max(8, int(request.query.get("fontsize", "16"))))
        except ValueError:
            font_size = 16
        scheme = "wss" if request.secure or self._public_https(request) else "ws"
        text = PAGE.substitute(
            websocket_url=html.escape(f"{scheme}://{request.host}/ws", quote=True),
            font_size=font_size,
        )
        return web.Response(text=text, content_type="text/html", charset="utf-8")

    def _public_https(self, request: web.Request) -> bool:
        public = self.config.public_url
        if not public:
            return False
        parts = urlsplit(public)
        return parts.scheme == "https" and parts.netloc.lower() == request.host.lower()

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        key = request.match_info["key"]
        try:
            meta = await self.download_manager.get_download_metadata(key)
        except KeyError:
            return self.refuse(404, "that download is not (or no longer) here.")
        response = web.StreamResponse()
        content_type = meta.mime_type or "application/octet-stream"
        if meta.encoding:
            content_type += f"; charset={meta.encoding}"
        response.headers["Content-Type"] = content_type
        disposition = "inline" if meta.open_method == "browser" else "attachment"
        response.headers["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(meta.file_name)}"
        await response.prepare(request)
        async for chunk in self.download_manager.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    # -- the WebSocket: one session -------------------------------------------------
    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        origin = (request.headers.get("Origin") or "").lower()
        if origin not in self.origins:
            return self.refuse(403, "only netnet's own page may connect to it.")
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=WS_MAX_MESSAGE)
        have_slot = await self._wait_for_slot()
        await websocket.prepare(request)
        if not have_slot:
            limit = self.config.sessions
            await websocket.send_str(json.dumps(["netnet-refused", (
                f"netnet is already open in {'another tab or browser' if limit == 1 else f'{limit} tabs'}; "
                f"close it there, or start netnet serve with --sessions {limit + 1} to open more at once.")]))
            await websocket.close(code=CLOSE_REFUSED, message=b"session limit")
            return websocket
        width, height = self._clamp(request.query.get("width"), request.query.get("height"))
        session = Session(self.config.argv, self.config.env, write_bytes=websocket.send_bytes,
                          write_str=websocket.send_str, close=websocket.close,
                          download_manager=self.download_manager, grace=self.config.grace)
        self.sessions[session] = websocket
        self.started += 1
        idle: asyncio.Task | None = None
        try:
            await session.start(width, height)
            if self.config.idle_seconds:
                idle = asyncio.create_task(self._watch_idle(session, websocket))
            await self._process_messages(websocket, session)
        except Exception:  # noqa: BLE001 - one session's failure must not stop the server
            log.exception("a netnet session failed")
        finally:
            if idle is not None:
                idle.cancel()
            await session.stop()
            self.sessions.pop(session, None)
            if not websocket.closed:
                await websocket.close()
        return websocket

    async def _wait_for_slot(self) -> bool:
        deadline = time.monotonic() + SLOT_WAIT
        while len(self.sessions) >= self.config.sessions:
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(0.05)
        return True

    @staticmethod
    def _clamp(width, height) -> tuple[int, int]:
        def number(value, default: int) -> int:
            try:
                return int(value)
            except (TypeError, ValueError):
                return default

        return (min(MAX_SIZE[0], max(MIN_SIZE[0], number(width, 80))),
                min(MAX_SIZE[1], max(MIN_SIZE[1], number(height, 24))))

    async def _process_messages(self, websocket: web.WebSocketResponse, session: Session) -> None:
        """The page's messages (textual.js): keys, sizes, pings, focus. Anything else is ignored."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                session.touched()
                await session.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                session.touched()
                await session.set_terminal_size(*self._clamp(data.get("width"), data.get("height")))
            elif kind == "ping":
                await websocket.send_str(json.dumps(["pong", str(data)[:32]]))
            elif kind == "blur":
                await session.blur()
            elif kind == "focus":
                await session.focus()

    async def _watch_idle(self, session: Session, websocket: web.WebSocketResponse) -> None:
        idle = self.config.idle_seconds
        while True:
            left = session.last_input + idle - time.monotonic()
            if left <= 0:
                break
            await asyncio.sleep(min(left, 30.0))
        minutes = max(1, round(idle / 60))
        with contextlib.suppress(Exception):
            await websocket.send_str(json.dumps(["netnet-ended", (
                f"netnet closed after {minutes} minute{'s' if minutes != 1 else ''} without a key or a "
                "click; everything typed is saved. Reload the page to open it again.")]))
        with contextlib.suppress(Exception):  # the session then stops (netnet saves and quits)
            await websocket.close(code=CLOSE_IDLE, message=b"idle")

    # -- stopping -------------------------------------------------------------------
    async def close_all(self) -> None:
        """Tell every session to save and quit, wait for them all, then close their pages."""
        open_now = list(self.sessions.items())
        for _, websocket in open_now:
            with contextlib.suppress(Exception):
                await websocket.send_str(json.dumps(["netnet-ended", (
                    "netnet serve was stopped; everything typed is saved.")]))
        await asyncio.gather(*(session.stop() for session, _ in open_now), return_exceptions=True)
        for _, websocket in open_now:
            with contextlib.suppress(Exception):
                await websocket.close(code=CLOSE_STOPPED, message=b"server stopped")


async def run_server(config: ServeConfig, ready: Callable[[NetnetServer], None],
                     stop: asyncio.Event | None = None) -> int:
    """Serve until SIGINT or SIGTERM (or ``stop`` is set); returns the exit status (128 + N after
    signal N). ``ready`` is called once the port is bound. Raises OSError when it cannot bind."""
    server = NetnetServer(config)
    sock = listening_socket(config.host, config.port)
    server.bind_port(sock.getsockname()[1])
    runner = web.AppRunner(server.make_app(), handle_signals=False, access_log=None,
                           shutdown_timeout=config.grace + 10)
    await runner.setup()
    stop = stop or asyncio.Event()
    received: list[int] = []
    loop = asyncio.get_running_loop()

    def on_signal(sig: int) -> None:
        received.append(sig)
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, on_signal, sig)
    try:
        site = web.SockSite(runner, sock)
        await site.start()
        ready(server)
        await stop.wait()
        if server.sessions:
            count = len(server.sessions)
            log.warning("stopping: %s saving and closing first…",
                        "the open session is" if count == 1 else f"the {count} open sessions are")
        await server.close_all()
    finally:
        await runner.cleanup()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(sig)
    return 128 + received[0] if received else 0
