"""End to end on a PostgreSQL server: the installed netnet in real pseudo-terminals.

- A call whose network drops: the line to the server is cut (a proxy the test
  controls) while notes are typed; the countdown and the editor carry on, the
  screen says "offline — notes kept here", a 0600 recovery file holds the notes,
  and once the line is back the server has every word. A signal while offline
  leaves the words in the recovery file.
- Two terminals on one database: a contact added in one appears in the other;
  both edit the same person; the second save gets the conflict; the database
  holds the first edit and the second person's typing is still on their screen.
"""

from __future__ import annotations

import signal
import stat
from pathlib import Path

import pytest

from netnet.data.postgres import drop_everything
from tests.conftest import PG_SKIP, TEST_DATABASE_URL
from tests.e2e import Terminal, installed_netnet, isolated_env
from tests.proxy import Proxy
from tests.waiting import wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not TEST_DATABASE_URL, reason=PG_SKIP)]

NETNET = installed_netnet()


@pytest.fixture
def url(pg_database: str) -> str:
    drop_everything(pg_database)
    return pg_database


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return isolated_env(tmp_path)


@pytest.fixture
def terminals():
    started: list[Terminal] = []
    yield started
    for term in started:
        term.close()


@pytest.fixture
def proxy(url: str):
    line = Proxy.to(url)
    yield line
    line.close()


def netnet(args: list[str], env, terminals, cols: int = 100, rows: int = 30) -> Terminal:
    term = Terminal([str(NETNET), *args], env, cols=cols, rows=rows)
    terminals.append(term)
    return term


def query(url: str, sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
        return conn.execute(sql).fetchall()


def call_notes(url: str) -> str:
    rows = query(url, "SELECT notes FROM interview ORDER BY id")
    return rows[0][0] if rows else ""


def recovery_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "data" / "recovered").glob("call-*.txt"))


def test_a_call_survives_the_connection_dropping(url, proxy, env, terminals, tmp_path: Path) -> None:
    term = netnet(["--db-url", proxy.url_for(url), "call", "Ada Lovelace"], env, terminals)
    term.wait_for("left ·")
    term.type("Before the cut. ")
    term.wait_for("Before the cut.")
    latency = wait_for(lambda: "Before the cut." in call_notes(url), 15)
    assert latency is not None, "the notes never reached the server while the call ran"
    print(f"the notes reached the server {latency:.2f} s after they were on screen")

    proxy.cut()
    term.type("During the cut.")
    term.wait_for("offline — notes kept here")
    [kept] = recovery_files(tmp_path)
    assert "During the cut." in kept.read_text(encoding="utf-8")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    shown = term.text()
    term.type(" Still typing.")  # the editor carries on
    term.wait_for("Still typing.")
    term.pump(1.5)
    assert term.text() != shown  # and so does the countdown (the screen moved on by itself too)
    assert "During the cut." not in call_notes(url)

    proxy.restore()
    term.wait_for("Back online")
    assert "Before the cut. During the cut. Still typing." in call_notes(url)
    assert recovery_files(tmp_path) == []


def test_a_signal_while_offline_leaves_the_notes_in_the_recovery_file(url, proxy, env, terminals,
                                                                      tmp_path: Path) -> None:
    term = netnet(["--db-url", proxy.url_for(url), "call", "Ada Lovelace"], env, terminals)
    term.wait_for("left ·")
    proxy.cut()
    term.type("Said while the line was down")
    term.wait_for("offline — notes kept here")
    term.type(" and just before the end")
    term.wait_for("just before the end")
    term.kill(signal.SIGTERM)
    term.wait_exit()
    [kept] = recovery_files(tmp_path)
    assert "Said while the line was down and just before the end" in kept.read_text(encoding="utf-8")


def test_two_terminals_on_one_database(url, env, terminals, tmp_path: Path) -> None:
    import time

    other = tmp_path / "other-device"
    other.mkdir()
    one = netnet(["--db-url", url], env, terminals)
    two = netnet(["--db-url", url], isolated_env(other), terminals)
    one.wait_for("Your network is empty")
    two.wait_for("Your network is empty")

    # a contact added in one appears in the other
    one.type("a")
    one.wait_for("Add a person")
    one.type("Zora Quist")
    one.wait_for("Zora Quist")
    one.type("\x13")  # ctrl+s
    one.wait_for("1 contact")
    started = time.monotonic()
    two.wait_for("Zora Quist")
    print(f"the other terminal showed the new contact {time.monotonic() - started:.2f} s after the first did")

    # both edit the same person: the organisation, the field after the name
    for term in (one, two):
        term.type("e")
        term.wait_for("Edit contact")
        term.type("\t")
    one.type("Harbour Health")
    one.wait_for("Harbour Health")
    two.type("Northwind Analytics")
    two.wait_for("Northwind Analytics")
    one.type("\x13")
    assert wait_for(lambda: query(url, "SELECT organisation FROM contact")[0][0] == "Harbour Health", 10)
    two.type("\x13")
    two.wait_for("changed on another device")
    assert query(url, "SELECT organisation FROM contact") == [("Harbour Health",)]
    # The second person's typing is still on their screen (read once the dialog has finished drawing:
    # a single look could catch the terminal halfway through a redraw).
    two.wait_for("Northwind Analytics")
