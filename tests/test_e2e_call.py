"""End to end: the installed ``netnet call`` in a real pseudo-terminal, notes typed, then the worst happens.

(a) the terminal window is closed (the pty master goes away: SIGHUP), (b) the
process is killed with SIGKILL after a pause longer than the autosave
interval, (c) SIGTERM. Each time the notes are read back from the database
file afterwards; after (b) a new start offers the call for recovery.
"""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest

from tests.e2e import Terminal, installed_netnet, isolated_env
from tests.waiting import wait_for

pytestmark = pytest.mark.e2e

NETNET = installed_netnet()


def Pty(args: list[str], env: dict[str, str], cols: int = 100, rows: int = 30) -> Terminal:
    """The installed netnet with these arguments, in a pseudo-terminal."""
    return Terminal([str(NETNET), *args], env, cols=cols, rows=rows)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return isolated_env(tmp_path)


@pytest.fixture
def terminals():
    started: list[Terminal] = []
    yield started
    for term in started:
        term.close()


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
    assert term.wait_exit() == 128 + signal.SIGTERM
    assert "Budget cuts next year" in _notes(db)[0][1]


def test_kill_9_after_a_pause_loses_nothing_and_the_call_is_recovered(tmp_path: Path, env, terminals) -> None:
    db = tmp_path / "call.db"
    term = _start_call(db, env, terminals, "Maria Lindqvist")
    term.type("Hiring starts with referrals")
    term.wait_for("Hiring starts with referrals")
    latency = wait_for(lambda: "Hiring starts with referrals" in _notes(db)[0][1], timeout=10)
    assert latency is not None, "the notes never reached the database while the call ran"
    print(f"autosave reached the database {latency:.2f} s after the text was on screen")
    term.type(" then a take-home")
    term.wait_for("then a take-home")
    # a pause: the person stops typing, the autosave lands, then the process is killed
    assert wait_for(lambda: "referrals then a take-home" in _notes(db)[0][1], timeout=10) is not None, \
        "the notes typed before the pause never reached the database"
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
