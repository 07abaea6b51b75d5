"""netnet in a browser (issue 19), on the app's side: every call key has a Ctrl twin a browser
leaves to the page, shown in the footer; told to quit from outside (the browser closed), netnet
saves what is typed first, keys still on their way included; in a terminal nothing changes."""

from __future__ import annotations

import threading

import pytest
from textual import events, messages
from textual.widgets import Footer

from netnet.data import interviews as svc
from netnet.data.settings import save_setting
from netnet.screens.call import BrowserCallScreen, CallScreen, ConfirmDialog
from netnet.screenshots import settle
from netnet.widgets.note_editor import NoteEditor
from tests.waiting import wait_until


def _browser_app(store, clock, make_app, name: str = "Maria Lindqvist"):
    iid = svc.quick_call(store, clock, name)
    app = make_app(store, initial_call=iid)
    app.browser_keys = True
    return app, iid


def footer_keys(app) -> list[tuple[str, str]]:
    footer = app.screen.query_one(Footer)
    return [(key.key_display, key.description) for key in footer.children if hasattr(key, "key_display")]


async def test_in_a_terminal_the_call_keeps_its_function_keys(demo_store, clock, make_app) -> None:
    iid = svc.quick_call(demo_store, clock, "Maria Lindqvist")
    app = make_app(demo_store, initial_call=iid)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert type(app.screen) is CallScreen and not app.in_browser
        shown = dict(footer_keys(app))
        assert shown["f6"] == "Stamp time" and "^s" not in shown
        await pilot.press("ctrl+s")  # no call key here: nothing happens to the notes
        assert app.screen.query_one("#call-notes", NoteEditor).text == ""


async def test_in_a_browser_every_call_key_has_a_ctrl_twin_in_the_footer(demo_store, clock, make_app) -> None:
    app, iid = _browser_app(demo_store, clock, make_app)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowserCallScreen)
        shown = footer_keys(app)
        names = dict(shown)
        for key, words in (("^b", "Prev Q"), ("^f", "Next Q"), ("^g", "Answered"), ("^s", "Stamp time"),
                           ("^r", "Person"), ("^o", "Capture"), ("^l", "Pause"), ("^e", "End call")):
            assert names.get(key) == words, (key, shown)
        assert not any(key.startswith("f") and key[1:].isdigit() and key != "f1" and key != "f2"
                       for key, _ in shown)  # the function keys are not what the footer offers
        assert [words for _, words in shown].index("End call") > [words for _, words in shown].index("Pause")
        notes = screen.query_one("#call-notes", NoteEditor)
        assert "Ctrl+S stamps the time" in notes.placeholder

        first = screen.questions[0]
        await pilot.press("ctrl+f")
        assert screen.current == 1
        await pilot.press("ctrl+b")
        assert screen.current == 0
        await pilot.press("ctrl+g")
        assert screen.answered[first.id] and screen.current == 1
        clock.advance(70)
        await pilot.press("ctrl+s", *"Pay is banded")
        assert notes.text == "[01:10] Pay is banded"
        await pilot.press("ctrl+l")
        assert screen.countdown.paused
        await pilot.press("ctrl+l")
        assert not screen.countdown.paused
        await pilot.press("f4")  # the function keys still work where a browser lets them through
        assert screen.current == 2
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert type(app.screen).__name__ == "PersonDialog"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+o")  # the capture choice, as F8: a an action item, o an opportunity
        await settle(pilot)
        assert type(app.screen).__name__ == "CaptureChoice"
        await pilot.press("a")
        await settle(pilot)
        assert type(app.screen).__name__ == "ActionDialog"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("end", "ctrl+e")  # Ctrl+E ends the call (the End key goes to the line's end)
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)


async def test_told_to_quit_from_outside_netnet_saves_first(demo_store, clock, make_app) -> None:
    save_setting(demo_store, "autosave_seconds", 120)  # only the way out can save
    app, iid = _browser_app(demo_store, clock, make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"Rita runs the bed team")
        assert svc.get_interview(demo_store, iid).notes == ""
        app.post_message(messages.ExitApp())  # what the web driver posts when the browser goes
        await wait_until(pilot, lambda: app._leaving, timeout=10)
    assert svc.get_interview(demo_store, iid).notes == "Rita runs the bed team"
    assert svc.get_interview(demo_store, iid).status == "live"  # left open, to resume


async def test_keys_still_on_their_way_when_the_quit_comes_are_saved_too(demo_store, clock, make_app) -> None:
    """The web driver posts keys and its quit by different roads, so the quit can overtake the
    last keys; netnet waits for them before it saves."""
    save_setting(demo_store, "autosave_seconds", 120)
    app, iid = _browser_app(demo_store, clock, make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        driver = app._driver
        words = "hires in March"

        def from_the_input_thread() -> None:  # as WebDriver.run_input_thread does
            for char in words:
                driver.send_message(events.Key(char, char))
            app.post_message(messages.ExitApp())

        thread = threading.Thread(target=from_the_input_thread)
        thread.start()
        thread.join()
        await wait_until(pilot, lambda: app._leaving, timeout=10)
    assert svc.get_interview(demo_store, iid).notes == words


async def test_keys_typed_in_a_burst_land_before_the_call_key_that_follows(demo_store, clock, make_app) -> None:
    """A browser (or a fast typist) may deliver "roles.", Enter and the stamp key at once: the
    stamp lands after them, not between them (the same in a terminal)."""
    from textual.keys import _character_to_key

    iid = svc.quick_call(demo_store, clock, "Maria Lindqvist")
    app = make_app(demo_store, initial_call=iid)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        burst = [events.Key(_character_to_key(c), c) for c in "roles."]
        burst += [events.Key("enter", "\r"), events.Key("f6", None)]
        burst += [events.Key(_character_to_key(c), c) for c in "Hiring"]
        burst += [events.Key("f4", None), events.Key("tab", None)]
        burst += [events.Key(_character_to_key(c), c) for c in "Pay"]
        for key in burst:  # posted at once, as the driver does with one packet of keys
            app.post_message(key)
        await settle(pilot)
        assert screen.query_one("#call-notes", NoteEditor).text == "roles.\n[00:00] Hiring"
        assert screen.current == 1 and app.focused is screen.query_one("#call-question-notes")
        assert screen.question_notes[screen.questions[1].id] == "Pay"  # after Tab: the question's notes


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
async def test_the_way_out_keeps_question_notes_the_screen_has_not_heard_of_yet(engine, store, clock,
                                                                                make_app) -> None:
    """Closed right after typing (the browser's tab, a terminal window), the save takes the
    question's notes from its editor, not only from what the screen has been told so far."""
    iid = svc.quick_call(store, clock, "Maria Lindqvist")
    app = make_app(store, initial_call=iid)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        editor = screen.query_one("#call-question-notes", NoteEditor)
        editor.insert("Pay is banded")  # its "changed" message is not handled yet
        screen.query_one("#call-notes", NoteEditor).insert("Rita hires in March")
        app.save_on_the_way_out()  # synchronously, as on SIGHUP or when the browser goes
        detail = svc.get_interview(store, iid)
        assert detail.notes == "Rita hires in March"
        assert detail.questions[0].notes == "Pay is banded"


def test_call_in_a_browser_at_80x24(snap_compare, demo_store, clock, make_app) -> None:
    app, _ = _browser_app(demo_store, clock, make_app)

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.press(*"Most analysts came from operations")
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))
