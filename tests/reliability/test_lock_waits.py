"""A write that meets another process's lock waits visibly, then fails in one sentence,
and every form keeps its typing and lets the person save again."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager

import pytest
from textual.widgets import Input, Static

from netnet.data import contacts as contacts_svc
from netnet.data import goals as goals_svc
from netnet.data.contacts import ContactInput
from netnet.data.goals import GoalInput
from netnet.data.store import StoreBusy
from netnet.screens.contact_dialogs import LogInteractionScreen
from netnet.screens.contact_form import ContactFormScreen
from netnet.screenshots import settle

BUSY = "Another netnet is writing to this database; nothing was saved"


@contextmanager
def held_lock(path):
    """Another connection (as another netnet would) holding the write lock."""
    other = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        other.execute("ROLLBACK")
        other.close()


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


# -- the store ----------------------------------------------------------------------

def test_a_write_says_it_waits_then_fails_in_one_sentence(store, clock) -> None:
    store.write_wait = 0.6
    told: list[str] = []
    store.on_wait = lambda: told.append("waiting")
    with held_lock(store.path):
        with pytest.raises(StoreBusy, match=BUSY):
            contacts_svc.create_contact(store, ContactInput(display_name="Ada"), clock)
    assert told == ["waiting"]  # once, not per retry
    assert contacts_svc.count_contacts(store) == 0
    # The connection is usable again, with its ordinary busy timeout.
    contacts_svc.create_contact(store, ContactInput(display_name="Ada"), clock)
    assert contacts_svc.count_contacts(store) == 1
    assert store.conn().execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_a_write_goes_through_when_the_lock_is_released_while_it_waits(store, clock) -> None:
    store.write_wait = 10
    told: list[str] = []
    store.on_wait = lambda: told.append("waiting")
    other = sqlite3.connect(str(store.path), isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    released = threading.Event()

    def release_when_told() -> None:
        released.wait(10)
        other.execute("ROLLBACK")
        other.close()

    store.on_wait = lambda: (told.append("waiting"), released.set())
    thread = threading.Thread(target=release_when_told)
    thread.start()
    try:
        contacts_svc.create_contact(store, ContactInput(display_name="Ada"), clock)
    finally:
        released.set()
        thread.join()
    assert told == ["waiting"]
    assert contacts_svc.count_contacts(store) == 1


def test_a_session_write_waits_the_same_way(store, clock) -> None:
    """The goals service writes through SQLModel sessions: the same bounded, visible wait."""
    store.write_wait = 0.6
    told: list[str] = []
    store.on_wait = lambda: told.append("waiting")
    with held_lock(store.path):
        with pytest.raises(StoreBusy):
            goals_svc.create_goal(store, GoalInput("career_change", "Analytics"), clock)
    assert told == ["waiting"]
    assert goals_svc.list_goals(store, clock) == []


# -- forms ----------------------------------------------------------------------------

async def test_the_contact_form_says_why_keeps_the_typing_and_saves_again(store, make_app) -> None:
    store.write_wait = 0.6
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        await pilot.press(*"First Person")
        with held_lock(store.path):
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is form
            assert BUSY in text_of(form, "#form-summary")
            assert form.query_one("#form-display_name", Input).value == "First Person"
            assert any("Waiting for another netnet" in n.message for n in app._notifications)
            assert form.saving is False
        await pilot.press("ctrl+s")  # the lock is gone: the same keys save
        await settle(pilot)
        assert not isinstance(app.screen, ContactFormScreen)
    assert [r.display_name for r in contacts_svc.list_contacts(store)] == ["First Person"]


async def test_the_log_dialog_stays_open_with_its_notes_when_the_write_fails(store, make_app, clock) -> None:
    contact_id = contacts_svc.create_contact(store, ContactInput(display_name="Tom Becker"), clock)
    store.write_wait = 0.6
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_contact(contact_id)
        await settle(pilot)
        await pilot.press("l", "c", *"Called about the roof")
        dialog = app.screen
        assert isinstance(dialog, LogInteractionScreen)
        with held_lock(store.path):
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is dialog
            assert BUSY in text_of(dialog, "#log-error")
            assert dialog.query_one("#log-notes", Input).value == "Called about the roof"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, LogInteractionScreen)
    from netnet.data.contact_page import load_page

    assert [t.notes for t in load_page(store, contact_id).timeline] == ["Called about the roof"]


async def test_a_goal_form_stays_open_when_the_opener_write_fails(store, make_app, clock) -> None:
    store.write_wait = 0.6
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        await pilot.press(*"Move into analytics")
        with held_lock(store.path):
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is form
            assert BUSY in text_of(form, "#save-error")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
    assert [g.title for g in goals_svc.list_goals(store, clock)] == ["Move into analytics"]


async def test_settings_and_follow_up_dialogs_keep_their_typing_under_a_lock(store, make_app, clock) -> None:
    store.write_wait = 0.6
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        await pilot.press(*"Send the slides")
        with held_lock(store.path):
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is dialog and BUSY in text_of(dialog, "#fu-error")
        await pilot.press("escape")
        await settle(pilot)
        app.action_settings()
        await settle(pilot)
        settings = app.screen
        settings.query_one("#settings-call-minutes", Input).value = "25"
        with held_lock(store.path):
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is settings and BUSY in text_of(settings, "#settings-error")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not settings and app.settings.call_minutes == 25


def test_the_command_line_says_it_waits_and_exits_3_when_the_lock_stays(tmp_path, capsys, monkeypatch) -> None:
    from pathlib import Path

    import netnet.data.store as store_module
    from netnet.cli import run
    from netnet.data.store import Store

    db = tmp_path / "net.db"
    Store(db).close()
    monkeypatch.setattr(store_module, "WRITE_WAIT_SECONDS", 0.6)
    connections = Path(__file__).parent.parent / "fixtures" / "linkedin_connections.csv"
    with held_lock(db):
        assert run(["--db", str(db), "import", "linkedin", str(connections)]) == 3
    err = capsys.readouterr().err
    assert "waiting for another netnet to finish writing" in err
    assert BUSY in err and "Traceback" not in err
    store = Store(db)
    try:
        assert contacts_svc.count_contacts(store) == 0
    finally:
        store.close()



def test_a_write_on_the_interface_thread_waits_only_briefly(store) -> None:
    """The call's autosave writes on the interface's thread every second: it must not freeze it for 15 s."""
    from netnet.data.store import QUICK_WAIT_SECONDS, WRITE_WAIT_SECONDS

    assert store.write_bound() == WRITE_WAIT_SECONDS
    store.quick_thread = threading.get_ident()
    assert store.write_bound() == QUICK_WAIT_SECONDS < WRITE_WAIT_SECONDS
    seen: list[float] = []
    worker = threading.Thread(target=lambda: seen.append(store.write_bound()))
    worker.start()
    worker.join()
    assert seen == [WRITE_WAIT_SECONDS]  # workers wait the whole bound


async def test_the_app_marks_its_own_thread_for_quick_writes(store, make_app) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert store.quick_thread == threading.get_ident()
        assert store.on_wait is not None
        app._on_terminate_signal(1)  # closing: the last saves wait like any write (notes matter more now)
        assert store.quick_thread is None
        await pilot.pause()


async def test_moving_to_the_trash_under_a_lock_says_so_and_changes_nothing(store, make_app, clock) -> None:
    """A sibling of the forms: list actions written by workers used to fail without a word."""
    contacts_svc.create_contact(store, ContactInput(display_name="Tom Becker"), clock)
    store.write_wait = 0.6
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        with held_lock(store.path):
            await pilot.press("y")
            await settle(pilot)
        assert any(BUSY in n.message for n in app._notifications)
    assert [r.display_name for r in contacts_svc.list_contacts(store)] == ["Tom Becker"]


async def test_escape_while_a_save_waits_does_not_drop_the_form(store, make_app) -> None:
    """The save may still go through: the form stays until it has its answer."""
    store.write_wait = 10
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        await pilot.press(*"First Person")
        other = sqlite3.connect(str(store.path), isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("ctrl+s")
            await pilot.press("escape")
            assert app.screen is form and form.saving
            assert any("Still saving" in n.message for n in app._notifications)
        finally:
            other.execute("ROLLBACK")
            other.close()
        await settle(pilot)
        assert app.screen is not form
    assert [r.display_name for r in contacts_svc.list_contacts(store)] == ["First Person"]


async def test_a_live_call_survives_a_lock_its_dialogs_keep_their_typing(demo_store, clock, make_app) -> None:
    """Capturing a person, or ending the call, while another netnet writes: one sentence, nothing lost."""
    from netnet.data import interviews as interviews_svc
    from netnet.screens.call import CallScreen, ConfirmDialog, PersonDialog
    from netnet.screens.wrapup import WrapupScreen

    iid = interviews_svc.quick_call(demo_store, clock, "Maria Lindqvist")
    demo_store.write_wait = 0.6
    app = make_app(demo_store, initial_call=iid)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"She knows the hiring manager")
        await pilot.press("f7")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PersonDialog)
        with held_lock(demo_store.path):
            await pilot.press(*"Rita Gomez", "enter")
            await settle(pilot)
            assert app.screen is dialog and BUSY in text_of(dialog, "#person-error")
            assert dialog.query_one("#person-name", Input).value == "Rita Gomez"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CallScreen)
        assert [name for _, name in interviews_svc.suggested_people(demo_store, iid)] == ["Rita Gomez"]
        with held_lock(demo_store.path):
            await pilot.press("f12")
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, CallScreen)  # the call goes on
            assert "The call was not ended" in text_of(app.screen, "#call-status")
        await pilot.press("f12", "enter")
        await settle(pilot)
        assert isinstance(app.screen, WrapupScreen)
    detail = interviews_svc.get_interview(demo_store, iid)
    assert detail.status == "done" and "She knows the hiring manager" in detail.notes
