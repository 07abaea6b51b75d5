"""Run the installed netnet in a real pseudo-terminal and read its screen (pty + pyte)."""

from __future__ import annotations

import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from fcntl import ioctl
from pathlib import Path

import pyte

from tests.waiting import wait_for

SCREEN_TIMEOUT = 30.0  # generous: CI machines are small and busy


def installed_netnet() -> Path:
    """The console script installed beside this Python (what a user runs)."""
    path = Path(sys.executable).parent / "netnet"
    if not path.exists():  # pragma: no cover - an install step is missing
        raise RuntimeError(f"netnet is not installed at {path}")
    return path


class Terminal:
    """A program in a pseudo-terminal, with a virtual screen we can read."""

    def __init__(self, argv: list[str], env: dict[str, str], cols: int = 120, rows: int = 36) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        env = {**env, "COLUMNS": str(cols), "LINES": str(rows)}
        pid, fd = pty.fork()
        if pid == 0:  # child: size the terminal before the program looks at it
            ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execve(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        self.status: int | None = None

    def pump(self, seconds: float = 0.1) -> None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0 and self.fd >= 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = SCREEN_TIMEOUT) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.2)
            if needle in self.text():
                return self.text()
        raise AssertionError(f"{needle!r} did not appear; the screen shows:\n{self.text()}")

    def type(self, keys: str | bytes) -> None:
        os.write(self.fd, keys.encode() if isinstance(keys, str) else keys)

    def close_master(self) -> None:
        """What closing a terminal window does: the master side goes away (the kernel sends SIGHUP)."""
        os.close(self.fd)
        self.fd = -1

    def kill(self, sig: int) -> None:
        os.kill(self.pid, sig)

    def wait_exit(self, timeout: float = SCREEN_TIMEOUT) -> int:
        """Wait for the program to end; returns its exit code (negative for a signal)."""
        def ended() -> bool:
            if self.fd >= 0:
                self.pump(0.1)  # keep reading the screen, or the program may block writing to it
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
            return bool(pid)

        if wait_for(ended, timeout, interval=0 if self.fd >= 0 else 0.1) is None:
            raise AssertionError("netnet did not exit")
        assert self.status is not None
        return os.waitstatus_to_exitcode(self.status)

    def close(self) -> None:
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        if self.fd >= 0:
            try:
                os.close(self.fd)
            except OSError:
                pass
            self.fd = -1


def isolated_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a user whose data, config and log folders are all under tmp_path."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NETNET_", "TEXTUAL", "PYTEST"))}
    env.update(
        TERM="xterm-256color", TZ="UTC", HOME=str(home), XDG_DATA_HOME=str(home / "share"),
        XDG_CONFIG_HOME=str(home / "config"), XDG_STATE_HOME=str(home / "state"),
        NETNET_DATA_DIR=str(tmp_path / "data"), NETNET_CONFIG_DIR=str(tmp_path / "config"),
        NETNET_LOG_DIR=str(tmp_path / "log"),
    )
    env.pop("NO_COLOR", None)
    return env
