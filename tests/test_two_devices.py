"""Two devices on one PostgreSQL database: another device's save is heard and shown, the server
going away is noticed and said in words, and a call's notes survive the line being cut.

These tests need the server (NETNET_TEST_DATABASE_URL); the line is cut with a proxy the
test controls (tests/proxy.py). The two-terminal test is in test_e2e_two_devices.py.
"""

from __future__ import annotations

import stat

import pytest

from netnet.data import contacts as contacts_svc
from netnet.data import interviews as interviews_svc
from netnet.data.postgres import PostgresStore, drop_everything, is_unreachable
from netnet.screenshots import settle
from netnet.widgets.contact_table import ContactTable
from tests import builders
from tests.conftest import PG_SKIP, TEST_DATABASE_URL
from tests.proxy import Proxy
from tests.waiting import wait_for, wait_until

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL, reason=PG_SKIP)


@pytest.fixture
def url(pg_database: str) -> str:
    drop_everything(pg_database)
    return pg_database


@pytest.fixture
def stores():
    opened: list[PostgresStore] = []

    def open_(url: str, **kwargs) -> PostgresStore:
        store = PostgresStore(url, **kwargs)
        opened.append(store)
        return store

    yield open_
    for store in opened:
        store.close()


@pytest.fixture
def proxy(url: str):
    line = Proxy.to(url)
    yield line
    line.close()


# -- hearing other devices ---------------------------------------------------------------

def test_another_devices_commit_is_heard_and_this_ones_own_is_not(url, stores, clock) -> None:
    here, there = stores(url), stores(url)
    watcher = here.watch()
    assert watcher.listening.wait(10)
    start = here.data_version()
    builders.person(here, clock, "Own Write")  # this device's own: the app refreshes by itself
    builders.person(there, clock, "Ada Lovelace")
    assert wait_for(lambda: watcher.last_heard == there.token, 10) is not None
    assert here.data_version() == start + 1  # the own write, committed first, was not counted


def test_a_write_that_changed_nothing_tells_no_one(url, stores, clock) -> None:
    here, there = stores(url), stores(url)
    watcher = here.watch()
    assert watcher.listening.wait(10)
    start = here.data_version()
    with there.write() as tx:  # read inside a write transaction: nothing changed
        tx.execute("SELECT count(*) AS n FROM contact").fetchone()
    builders.person(there, clock, "Ada Lovelace")  # then a real change, heard after it
    assert wait_for(lambda: here.data_version() > start, 10) is not None
    assert here.data_version() == start + 1


def test_an_import_from_the_command_line_is_heard(url, stores, tmp_path) -> None:
    from netnet.cli import run

    here = stores(url)
    watcher = here.watch()
    assert watcher.listening.wait(10)
    start = here.data_version()
    csv = tmp_path / "people.csv"
    csv.write_text("First Name,Last Name,E-mail 1 - Value\nGrace,Hopper,grace@example.org\n", encoding="utf-8")
    assert run(["--db-url", url, "import", "csv", str(csv)]) == 0
    assert wait_for(lambda: here.data_version() > start, 10) is not None


def test_the_server_going_away_is_noticed_and_its_return_counted(url, stores, proxy, clock) -> None:
    here = stores(proxy.url_for(url), connect_timeout=2)
    watcher = here.watch()
    assert watcher.listening.wait(10)
    start = here.data_version()
    proxy.cut()
    assert wait_for(lambda: not here.online, 15) is not None
    with pytest.raises(Exception) as refused:
        builders.person(here, clock, "Nobody Hears")
    assert is_unreachable(refused.value)
    proxy.restore()
    assert wait_for(lambda: here.online, 15) is not None
    assert here.data_version() > start  # what was missed meanwhile is looked at again
    builders.person(here, clock, "Heard Again")
    assert [c.display_name for c in contacts_svc.list_contacts(here)] == ["Heard Again"]


def test_a_refusal_is_not_mistaken_for_the_server_being_away(url, stores, clock) -> None:
    from sqlalchemy.exc import IntegrityError

    here = stores(url)
    with pytest.raises(IntegrityError) as refused:
        with here.write() as tx:
            tx.execute("INSERT INTO contact (id, uuid, display_name) VALUES (1, 'x', '')")
    assert not is_unreachable(refused.value)


# -- the app ------------------------------------------------------------------------------

async def test_another_devices_new_contact_shows_within_a_second(url, stores, clock, make_app) -> None:
    here, there = stores(url), stores(url)
    builders.people(here, clock, "Tom Becker", "Mei Chen")
    app = make_app(here, poll_interval=1.0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: here.watcher is not None and here.watcher.listening.is_set())
        table = app.screen.query_one(ContactTable)
        builders.person(there, clock, "Aaron Aardvark")
        await wait_until(pilot, lambda: bool(table.rows) and table.rows[0].display_name == "Aaron Aardvark",
                         timeout=10)
        assert app.sub_title.startswith("3 contacts")


async def test_the_header_says_offline_in_words(url, stores, proxy, clock, make_app) -> None:
    here = stores(proxy.url_for(url), connect_timeout=2)
    builders.person(here, clock, "Tom Becker")
    app = make_app(here, poll_interval=1.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: here.watcher is not None and here.watcher.listening.is_set())
        proxy.cut()
        await wait_until(pilot, lambda: "offline" in app.sub_title, timeout=15)
        proxy.restore()
        await wait_until(pilot, lambda: "offline" not in app.sub_title, timeout=15)


async def test_a_call_carries_on_offline_and_its_notes_reach_the_server_after(url, stores, proxy, clock,
                                                                             make_app) -> None:
    from netnet.screens.call import CallScreen
    from netnet.widgets.note_editor import NoteEditor

    here = stores(proxy.url_for(url), connect_timeout=2)
    builders.person(here, clock, "Ada Lovelace")
    iid = interviews_svc.quick_call(here, clock, "Ada Lovelace")
    app = make_app(here, initial_call=iid)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        call = app.screen
        assert isinstance(call, CallScreen)
        status = call.query_one("#call-status")

        async def type_and_tick(text: str) -> None:
            await pilot.press(*text)
            clock.advance(2)  # past the autosave interval: the next tick saves
            await pilot.pause()

        await type_and_tick("Online words. ")
        await wait_until(pilot, lambda: "Saved" in str(status.render()))
        assert "Online words." in interviews_svc.get_interview(here, iid).notes

        proxy.cut()
        await type_and_tick("Offline words.")
        await wait_until(pilot, lambda: "offline — notes kept here" in str(status.render()), timeout=20)
        kept = call.recovery_path
        assert kept is not None and kept.exists()
        assert "Offline words." in kept.read_text(encoding="utf-8")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        # the countdown and the editor carry on
        await pilot.press(*" Still typing.")
        assert call.query_one("#call-notes", NoteEditor).text.endswith("Still typing.")
        before = call.countdown.elapsed
        clock.advance(3)
        assert call.countdown.elapsed > before

        proxy.restore()
        await wait_until(pilot, lambda: "Back online" in str(status.render()), timeout=20)
        assert "Online words. Offline words. Still typing." in interviews_svc.get_interview(here, iid).notes
        assert not kept.exists()  # the server holds it all now


async def test_leaving_while_offline_writes_the_recovery_file_before_trying_the_server(url, stores, proxy,
                                                                                       clock, make_app,
                                                                                       monkeypatch) -> None:
    here = stores(proxy.url_for(url), connect_timeout=2)
    builders.person(here, clock, "Ada Lovelace")
    iid = interviews_svc.quick_call(here, clock, "Ada Lovelace")
    order: list[str] = []
    from netnet.data import recovery

    keep, autosave = recovery.keep_recovery, interviews_svc.autosave
    monkeypatch.setattr(recovery, "keep_recovery", lambda *a, **k: (order.append("file"), keep(*a, **k))[1])
    monkeypatch.setattr(interviews_svc, "autosave", lambda *a, **k: (order.append("server"), autosave(*a, **k))[1])
    app = make_app(here, initial_call=iid)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        call = app.screen
        proxy.cut()
        await pilot.press(*"Said just before the end")
        clock.advance(2)
        await wait_until(pilot, lambda: call.offline, timeout=20)
        order.clear()
        assert call.save_now() is False  # the way out: the server is still away
        assert order[:2] == ["file", "server"]
        assert "Said just before the end" in call.recovery_path.read_text(encoding="utf-8")


# -- the way out while the server is away: typing goes to a file first ---------------------

def _recovered(store, prefix: str) -> list:
    from netnet.data.recovery import recovery_folder

    return sorted(recovery_folder(store.path).glob(f"{prefix}-*.txt"))


async def test_a_forms_typing_is_kept_in_a_file_when_the_server_is_away(url, stores, proxy, clock,
                                                                        make_app) -> None:
    from textual.widgets import Input

    here = stores(proxy.url_for(url), connect_timeout=2)
    builders.person(here, clock, "Tom Becker")
    app = make_app(here, poll_interval=1.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        field = app.screen.query_one("#form-display_name", Input)
        field.focus()
        await pilot.press("end", *" Jr")
        proxy.cut()
        await wait_until(pilot, lambda: not here.online, timeout=15)
        assert app.keep_drafts() == 0  # the database could not take the draft
        [kept] = _recovered(here, "draft-contact")
        assert "Tom Becker Jr" in kept.read_text(encoding="utf-8")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600


async def test_the_prep_wizards_answers_are_kept_in_a_file_when_the_server_is_away(url, stores, proxy, clock,
                                                                                   make_app) -> None:
    from netnet.screens.prep import PrepScreen

    here = stores(proxy.url_for(url), connect_timeout=2)
    builders.person(here, clock, "Tom Becker")
    app = make_app(here, poll_interval=1.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        wizard = app.screen
        assert isinstance(wizard, PrepScreen)
        await pilot.press(*"Tom Becker")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert wizard.step == 1
        proxy.cut()
        await wait_until(pilot, lambda: not here.online, timeout=15)
        assert wizard.save_now() is False
        [kept] = _recovered(here, "prep")
        assert "Questions:" in kept.read_text(encoding="utf-8")
        assert "kept in" in str(wizard.query_one("#prep-status").render())
