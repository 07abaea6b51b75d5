"""One browser session: a netnet process speaking textual-serve's protocol over pipes.

textual-serve's ``AppService`` starts the app with ``create_subprocess_shell`` (a shell
parses the command, so a ``--db`` path with a quote or a ``$`` in it breaks or runs
something) and waits without limit for it to quit. ``Session`` keeps its protocol (the
packets, downloads) and changes what matters here:

- the app starts from an argument list, in a process group of its own (Ctrl+C in the
  server's terminal reaches only the server, which then closes each session in order);
- ``stop`` tells the app to quit (netnet saves everything typed first, see
  ``NetnetApp.on_exit_app``), waits for it within a bound, then sends SIGTERM (netnet
  saves on that too) and only as a last resort SIGKILL; it is safe to call twice;
- the app's own messages for the page (``netnet-call``: a call is live, the page asks
  before closing; ``netnet-screen``: what is on screen, for the tab's title) are passed on;
- when the process ends, the page is told (with the reason when it failed to start).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import time
from collections.abc import Awaitable, Callable
from importlib.metadata import version

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

log = logging.getLogger("netnet.web")

# Messages from the app that are the page's business (see netnet.js).
PAGE_MESSAGES = {"netnet-call", "netnet-screen"}


class Session(AppService):
    """A netnet process for one browser tab."""

    def __init__(
        self,
        argv: list[str],
        env: dict[str, str],
        *,
        write_bytes: Callable[[bytes], Awaitable[None]],
        write_str: Callable[[str], Awaitable[None]],
        close: Callable[[], Awaitable[None]],
        download_manager: DownloadManager,
        grace: float = 15.0,
    ) -> None:
        super().__init__(" ".join(argv), write_bytes=write_bytes, write_str=write_str, close=close,
                         download_manager=download_manager)
        self.argv = list(argv)
        self.env = dict(env)
        self.grace = grace  # seconds the app gets to save and quit before SIGTERM
        self.last_input = time.monotonic()
        self.returncode: int | None = None
        self.stderr_tail = b""
        self._stopping: asyncio.Future | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def touched(self) -> None:
        """Input from the browser (a key, the mouse, a resize): the session is not idle."""
        self.last_input = time.monotonic()

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = dict(self.env)
        environment.update(
            TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver",
            TEXTUAL_FPS="60",
            TEXTUAL_COLOR_SYSTEM="truecolor",
            TERM_PROGRAM="textual",
            TERM_PROGRAM_VERSION=version("textual-serve"),
            COLUMNS=str(width),
            ROWS=str(height),
        )
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24):
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width, height),
            start_new_session=True,  # its own process group: the terminal's Ctrl+C is the server's
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        """Pass the app's output to the browser until the app ends; then tell the page why."""
        process = self._process
        assert process is not None and process.stdout is not None and process.stderr is not None
        stdout, stderr = process.stdout, process.stderr

        async def read_stderr() -> None:
            while data := await stderr.read(4096):
                self.stderr_tail = (self.stderr_tail + data)[-4096:]

        stderr_task = asyncio.create_task(read_stderr())
        started = False
        try:
            for _ in range(10):  # the app announces itself before its first packet
                line = await stdout.readline()
                if not line:
                    break
                if line == b"__GANGLION__\n":
                    started = True
                    break
            if started:
                while True:
                    kind = await stdout.readexactly(1)
                    size = int.from_bytes(await stdout.readexactly(4), "big")
                    payload = await stdout.readexactly(size)
                    if kind == b"D":
                        await self.on_data(payload)
                    elif kind == b"M":
                        await self.on_meta(payload)
                    elif kind == b"P":
                        await self.on_packed(payload)
        except (asyncio.IncompleteReadError, ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(process.wait(), self.grace)
            self.returncode = process.returncode
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(stderr_task, 1.0)
            stderr_task.cancel()
        said = self.stderr_tail.decode("utf-8", "replace").strip()
        if said:
            log.warning("a netnet session said: %s", said)
        if not started or (self.returncode not in (0, None) and self._stopping is None):
            reason = said.splitlines()[-1] if said else f"it ended with exit status {self.returncode}"
            await self._tell_page(["netnet-ended", f"netnet could not carry on: {reason}"])
        with contextlib.suppress(Exception):
            await self.remote_close()

    async def _tell_page(self, message: list) -> None:
        with contextlib.suppress(Exception):
            await self.remote_write_str(json.dumps(message))

    async def on_meta(self, data: bytes) -> None:
        try:
            meta = json.loads(data)
        except ValueError:
            return
        kind = meta.get("type") if isinstance(meta, dict) else None
        if kind in PAGE_MESSAGES:
            await self._tell_page([kind, {k: v for k, v in meta.items() if k != "type"}])
        elif kind is not None:
            await super().on_meta(data)

    async def stop(self) -> None:
        """Tell the app to quit (it saves first) and wait for it; safe to call more than once."""
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._stop())
        await asyncio.shield(self._stopping)

    async def _stop(self) -> None:
        process, task = self._process, self._task
        if process is None or task is None:
            return
        with contextlib.suppress(Exception):
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        if process.returncode is None:
            await self.send_meta({"type": "quit"})
            try:
                await asyncio.wait_for(process.wait(), self.grace)
            except TimeoutError:
                log.warning("a netnet session (pid %s) did not close within %.0f s; sending it SIGTERM",
                            process.pid, self.grace)
                await self._end(process)
        with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(asyncio.shield(task), 5.0)
        if not task.done():
            task.cancel()
        self._task = None

    async def _end(self, process) -> None:
        """SIGTERM (netnet saves on it), then SIGKILL to the whole group if it still hangs."""
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 5.0)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()
