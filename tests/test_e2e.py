"""End to end: the installed `netnet` in a real pseudo-terminal, read as a person would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netnet.demo import PEOPLE
from tests.e2e import Terminal, installed_netnet, isolated_env

pytestmark = pytest.mark.e2e


def test_demo_first_screen_and_search_by_typing(tmp_path: Path) -> None:
    term = Terminal([str(installed_netnet()), "--demo"], isolated_env(tmp_path))
    try:
        screen = term.wait_for("Ben Adeyemi")
        assert "Contacts" in screen and "Keep in touch" in screen
        # the header's counts arrive just after the rows: the contact count first, then the queue's
        screen = term.wait_for("due today")
        everyone = len(PEOPLE)  # the demo network's people, however many it holds
        assert f"{everyone} contacts" in screen and "demo" in screen and re.search(r"‼ \d+ overdue", screen)
        term.type("/")
        term.type("lindq")
        screen = term.wait_for(f"1 of {everyone} match")
        assert "Maria Lindqvist" in screen
        assert "Ben Adeyemi" not in screen
        term.type("\x1b")  # escape: back to the list
        term.wait_for(f"{everyone} people")
        term.pump(0.5)  # a lone escape must not merge with the next key (alt+q)
        term.type("q")
        assert term.wait_exit() == 0
    finally:
        term.close()
    # The demo never writes to the user's own data folder.
    assert not (tmp_path / "data" / "netnet.db").exists()


def test_own_database_is_created_private(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    term = Terminal([str(installed_netnet())], env, cols=80, rows=24)
    try:
        screen = term.wait_for("Your network is empty")
        assert "netnet --demo" in screen
        term.type("q")
        assert term.wait_exit() == 0
    finally:
        term.close()
    db = tmp_path / "data" / "netnet.db"
    assert db.exists()
    assert (db.stat().st_mode & 0o777) == 0o600
    assert (db.parent.stat().st_mode & 0o777) == 0o700
