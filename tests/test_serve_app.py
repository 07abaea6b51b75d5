"""The real ``netnet serve`` with real netnet sessions, on a file and on PostgreSQL, driven as
the page drives it (the token, the cookie, the WebSocket, keys as textual.js sends them) but
without a browser: walk to a live call, type notes, then the page goes or the server stops.
The notes must be in the database (issue 19: nothing typed is lost)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="netnet serve needs the web extra: pip install '.[web]'")

from tests.e2e import isolated_env  # noqa: E402
from tests.web_helpers import (  # noqa: E402
    ServeProcess,
    WebTerminal,
    call_notes,
    pid_alive,
    serve_env,
    set_autosave,
    until,
)

pytestmark = pytest.mark.e2e

WORDS = "Rita runs the bed team and hires in March"


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path: Path) -> tuple[list[str], str | None, str | Path]:
    """(netnet's database arguments, the URL for the environment, what to read back)."""
    if request.param == "postgresql":
        from netnet.data.postgres import drop_everything

        url = request.getfixturevalue("pg_database")
        drop_everything(url)
        set_autosave(url, 120)
        return [], url, url
    path = tmp_path / "my network's $(x) `y`.db"  # any path works: no shell in between
    set_autosave(path, 120)
    return ["--db", str(path)], None, path


@pytest.fixture
def serve(database, tmp_path: Path):
    args, url, _ = database
    started: list[ServeProcess] = []

    def start(*extra: str) -> ServeProcess:
        process = ServeProcess([*args, "serve", *extra], serve_env(isolated_env(tmp_path), url))
        started.append(process)
        return process

    yield start
    for process in started:
        process.close()


async def walk_to_a_call(page: WebTerminal) -> None:
    await page.wait_screen("ContactsScreen")
    await page.type("3")
    await page.wait_screen("InterviewsScreen")
    await page.type("c")
    await page.wait_screen("CallNowDialog")
    await page.type("Rita Levi\r")
    await page.wait(page.call_live, "the live call")
    await page.wait(lambda: "Call notes" in page.text(), "the call on screen")


async def test_closing_the_page_50_ms_after_the_last_key_keeps_every_word(database, serve) -> None:
    _, _, target = database
    server = serve()
    page = WebTerminal()
    await page.open(server.url)
    await walk_to_a_call(page)
    await page.type(WORDS)
    await asyncio.sleep(0.05)
    assert not any(WORDS in notes for _, notes in call_notes(target))  # not saved yet: autosave is slow
    await page.close()  # the tab goes
    assert await until(lambda: any(WORDS in notes for _, notes in call_notes(target)), 30), call_notes(target)
    assert call_notes(target)[0][0] == "live"  # left open, to be resumed
    assert server.stop() == 128 + 15


async def test_stopping_the_server_saves_every_session_then_ends(database, serve) -> None:
    _, _, target = database
    server = serve()
    page = WebTerminal()
    await page.open(server.url)
    await walk_to_a_call(page)
    await page.type(WORDS)
    await page.wait(lambda: "hires in March" in page.text(), "the words on screen")
    code = await asyncio.to_thread(server.stop)  # SIGTERM: tell each session to save and quit, wait
    assert code == 128 + 15
    notes = call_notes(target)
    assert WORDS in notes[0][1] and notes[0][0] == "live"
    await page.wait(lambda: page.said("netnet-ended"), "the page told")
    assert "saved" in page.said("netnet-ended")[-1][0]
    await page.close()


async def test_a_reload_waits_for_the_closing_session_and_offers_the_call_back(database, serve) -> None:
    server = serve()
    first = WebTerminal()
    await first.open(server.url)
    await walk_to_a_call(first)
    await first.type(WORDS)
    await first.close()  # a reload: the old page goes, a new one comes at once
    again = WebTerminal()
    await again.open(server.url)  # the one place frees as soon as the first session has saved
    await again.wait_screen("RecoverDialog")
    await again.wait(lambda: "did not finish" in again.text(), "the offer to resume")
    await again.type("r")
    await again.wait(again.call_live, "the call resumed")
    await again.wait(lambda: "hires in March" in again.text(), "the notes back")
    await again.close()
    assert server.stop() == 128 + 15


async def test_a_session_whose_server_is_killed_saves_and_leaves(database, serve) -> None:
    import os
    import signal

    _, _, target = database
    server = serve()
    page = WebTerminal()
    await page.open(server.url)
    await walk_to_a_call(page)
    await page.type(WORDS)
    await page.wait(lambda: "hires in March" in page.text(), "the words on screen")
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children").read_text().split()
    assert len(children) == 1
    os.kill(server.process.pid, signal.SIGKILL)  # no goodbye from the server at all
    session = int(children[0])
    assert await until(lambda: not pid_alive(session) or _zombie(session), 30)
    assert any(WORDS in notes for _, notes in call_notes(target))
    await page.close()


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (OSError, IndexError):
        return True
