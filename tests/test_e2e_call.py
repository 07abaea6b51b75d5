"""End to end: the installed ``netnet call`` in a real pseudo-terminal, notes typed, then the worst happens.

(a) the terminal window is closed (the pty master goes away: SIGHUP), (b) the
process is killed with SIGKILL after a pause longer than the autosave
interval, (c) SIGTERM. Each time the notes are read back from the database
file afterwards; after (b) a new start offers the call for recovery.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import sqlite3
import struct
import sys
import termios
import time
from fcntl import ioctl
from pathlib import Path

import pyte
import pytest

pytestmark = pytest.mark.e2e

NETNET = Path(sys.executable).parent / "netnet"
SCREEN_TIMEOUT = 25.0


class Pty:
    """netnet in a pseudo-terminal, its screen kept by pyte."""

    def __init__(self, args: list[str], env: dict[str, str], cols: int = 100, rows: int = 30) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        pid, fd = pty.fork()
        if pid == 0:  # the child sizes its terminal, then becomes netnet
            ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execve(str(NETNET), [str(NETNET), *args], env)
        self.pid, self.fd = pid, fd
        self.exit_status: int | None = None

    def pump(self, seconds: float) -> None:
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

    def wait_for(self, needle: str, timeout: float = SCREEN_TIMEOUT) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.1)
            if needle in self.text():
                return
        raise AssertionError(f"{needle!r} never appeared; the screen shows:\n{self.text()}")

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def close_master(self) -> None:
        """What closing a terminal window does: the master side goes away (the kernel sends SIGHUP)."""
        os.close(self.fd)
        self.fd = -1

    def wait_exit(self, timeout: float = SCREEN_TIMEOUT) -> int:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.fd >= 0:
                self.pump(0.1)
            else:
                time.sleep(0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_status = status
                return status
        raise AssertionError("netnet did not exit")

    def kill(self, sig: int) -> None:
        os.kill(self.pid, sig)

    def cleanup(self) -> None:
        if self.exit_status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NETNET_", "TEXTUAL", "PYTEST"))}
    clean.pop("NO_COLOR", None)
    clean.update(TERM="xterm-256color", TZ="UTC", HOME=str(home), XDG_DATA_HOME=str(home / "share"),
                 XDG_CONFIG_HOME=str(home / "config"), NETNET_DATA_DIR=str(tmp_path / "data"),
                 NETNET_CONFIG_DIR=str(tmp_path / "config"), NETNET_LOG_DIR=str(tmp_path / "log"))
    return clean


@pytest.fixture
def terminals():
    started: list[Pty] = []
    yield started
    for term in started:
        term.cleanup()


def _notes(db: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT status, notes FROM interview ORDER BY id").fetchall()
    finally:
        conn.close()


def _set_autosave(db: Path, seconds: float) -> None:
    """Make the timer-driven autosave slow, so only the exit path can have saved the notes."""
    from netnet.data.settings import save_setting
    from netnet.data.store import Store

    store = Store(db)
    save_setting(store, "autosave_seconds", seconds)
    store.close()


def _start_call(db: Path, env, terminals, name: str = "Ada Lovelace") -> Pty:
    term = Pty(["--db", str(db), "call", name], env)
    terminals.append(term)
    term.wait_for("left ·")  # the countdown's plain words: the call is on screen
    return term


def test_closing_the_terminal_saves_what_was_typed(tmp_path: Path, env, terminals) -> None:
    db = tmp_path / "call.db"
    _set_autosave(db, 120)
    term = _start_call(db, env, terminals)
    term.type("Rita runs the bed team")
    term.wait_for("Rita runs the bed team")
    assert "Rita" not in (_notes(db)[0][1])  # not saved yet: the autosave timer is slow here
    term.close_master()
    term.wait_exit()
    status, notes = _notes(db)[0]
    assert "Rita runs the bed team" in notes
    assert status == "live"  # left open, to be recovered


def test_sigterm_saves_what_was_typed(tmp_path: Path, env, terminals) -> None:
    db = tmp_path / "call.db"
    _set_autosave(db, 120)
    term = _start_call(db, env, terminals)
    term.type("Budget cuts next year")
    term.wait_for("Budget cuts next year")
    term.kill(signal.SIGTERM)
    status = term.wait_exit()
    assert os.waitstatus_to_exitcode(status) == 128 + signal.SIGTERM
    assert "Budget cuts next year" in _notes(db)[0][1]


def test_kill_9_after_a_pause_loses_nothing_and_the_call_is_recovered(tmp_path: Path, env, terminals) -> None:
    db = tmp_path / "call.db"
    term = _start_call(db, env, terminals, "Maria Lindqvist")
    term.type("Hiring starts with referrals")
    term.wait_for("Hiring starts with referrals")
    typed_at = time.monotonic()
    latency = None
    while time.monotonic() - typed_at < 10:
        if "Hiring starts with referrals" in _notes(db)[0][1]:
            latency = time.monotonic() - typed_at
            break
        time.sleep(0.05)
    assert latency is not None, "the notes never reached the database while the call ran"
    print(f"autosave reached the database {latency:.2f} s after the text was on screen")
    term.type(" then a take-home")
    term.wait_for("then a take-home")
    term.pump(1.5)  # a pause longer than the autosave interval (1 s)
    term.kill(signal.SIGKILL)
    term.wait_exit()
    status, notes = _notes(db)[0]
    assert status == "live"
    assert "Hiring starts with referrals then a take-home" in notes

    # the next start offers the unfinished call, and resuming shows the notes again
    again = Pty(["--db", str(db)], env)
    terminals.append(again)
    again.wait_for("did not finish")
    again.type("r")
    again.wait_for("then a take-home")
    again.wait_for("left ·")
