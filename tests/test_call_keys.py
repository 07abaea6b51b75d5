"""Pilot tests of the live call: keys, countdown, bell, autosave, leaving, ending, recovery."""

from __future__ import annotations

from netnet.data import interviews as svc
from netnet.data.contacts import get_contact
from netnet.screens.call import CallScreen, ConfirmDialog, RecoverDialog
from netnet.screens.wrapup import WrapupScreen
from netnet.screenshots import settle
from netnet.widgets.countdown import CountdownDisplay
from netnet.widgets.note_editor import NoteEditor


def _call(demo_store, clock, name: str = "Maria Lindqvist") -> int:
    return svc.quick_call(demo_store, clock, name)


def _text(app, selector: str = "#countdown-text") -> str:
    return str(app.screen.query_one(selector).render())


async def test_cursor_is_in_the_notes_and_typing_is_saved_within_a_second(demo_store, clock, make_app) -> None:
    iid = _call(demo_store, clock)
    app = make_app(demo_store, initial_call=iid)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CallScreen)
        assert app.focused is screen.query_one("#call-notes")
        await pilot.press(*"Hiring is by referral q1")  # q and digits are text here, not app keys
        assert isinstance(app.screen, CallScreen)
        screen.tick()
        assert svc.get_interview(demo_store, iid).notes == ""  # still typing
        clock.advance(0.5)  # typing stopped half a second ago
        screen.tick()
        assert svc.get_interview(demo_store, iid).notes == "Hiring is by referral q1"
        # typing without a pause is saved at least every second
        for char in "abcdefg":
            await pilot.press(char)
            clock.advance(0.2)
            screen.tick()
        saved = svc.get_interview(demo_store, iid).notes
        assert saved.startswith("Hiring is by referral q1abcd")


async def test_question_keys_stamp_and_question_notes(demo_store, clock, make_app) -> None:
    iid = _call(demo_store, clock)
    app = make_app(demo_store, initial_call=iid)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        first, second, third = screen.questions[:3]
        await pilot.press("f4")
        assert screen.current == 1
        await pilot.press("f3")
        assert screen.current == 0
        await pilot.press("f5")  # answered, and on to the next
        assert screen.answered[first.id] and screen.current == 1
        clock.advance(130)
        await pilot.press("f6", *"Pay is banded")
        notes = screen.query_one("#call-notes", NoteEditor)
        assert notes.text == "[02:10] Pay is banded"
        await pilot.press("tab")
        assert app.focused is screen.query_one("#call-question-notes")
        await pilot.press(*"About the second")
        await pilot.press("f4")  # the editor now shows the third question's (empty) notes
        assert screen.query_one("#call-question-notes", NoteEditor).text == ""
        await pilot.press("f3")
        assert screen.query_one("#call-question-notes", NoteEditor).text == "About the second"
        await pilot.press("shift+tab")
        assert app.focused is notes
        assert screen.save_now()
        detail = svc.get_interview(demo_store, iid)
        by_id = {q.id: q for q in detail.questions}
        assert by_id[first.id].answered and not by_id[third.id].answered
        assert by_id[second.id].notes == "About the second"
        assert detail.notes == "[02:10] Pay is banded"
        assert "✓ 1." in str(screen.query_one("#call-questions").get_option_at_index(0).prompt)


async def test_countdown_warns_rings_once_and_counts_overtime(demo_store, clock, make_app) -> None:
    iid = _call(demo_store, clock)
    app = make_app(demo_store, initial_call=iid)
    bells: list[int] = []
    app.bell = lambda: bells.append(1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        display = screen.query_one(CountdownDisplay)
        assert _text(app).startswith("15:00 left · ● on time")
        clock.advance(600)  # a stalled loop: ten minutes without a tick
        screen.tick()
        assert _text(app).startswith("5:00 left")
        clock.advance(210)
        screen.tick()
        assert "1:30 left · ! nearing the end" in _text(app) and display.has_class("-soon")
        clock.advance(60)
        screen.tick()
        assert "‼ last minute" in _text(app) and display.has_class("-last")
        assert bells == []
        clock.advance(31)
        screen.tick()
        assert bells == [1] and display.has_class("-flash") and display.has_class("-over")
        assert "0:01 over time · ⏰ time is up" in _text(app)
        clock.advance(65)
        screen.tick()
        screen.tick()
        assert bells == [1]
        assert "1:06 over time" in _text(app)


async def test_pause_and_resume(demo_store, clock, make_app) -> None:
    iid = _call(demo_store, clock)
    app = make_app(demo_store, initial_call=iid)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        clock.advance(60)
        await pilot.press("f9")
        assert svc.get_interview(demo_store, iid).paused_at == clock.now()
        clock.advance(100)
        screen.tick()
        assert _text(app).startswith("14:00 left · ⏸ paused")
        await pilot.press("f9")
        clock.advance(30)
        screen.tick()
        assert _text(app).startswith("13:30 left")
        detail = svc.get_interview(demo_store, iid)
        assert detail.paused_at is None and detail.paused_seconds == 100


async def test_capture_a_person_and_an_action_item(demo_store, clock, make_app) -> None:
    iid = _call(demo_store, clock)
    app = make_app(demo_store, initial_call=iid)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        clock.advance(65)
        await pilot.press("f7")
        await pilot.press(*"Rita Gomez", "tab", *"Harbour Health", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CallScreen)
        assert app.focused is app.screen.query_one("#call-notes")
        people = svc.suggested_people(demo_store, iid)
        assert [name for _, name in people] == ["Rita Gomez"]
        maria = svc.find_contact_by_name(demo_store, "Maria Lindqvist")
        assert get_contact(demo_store, people[0][0]).introduced_by_id == maria
        await pilot.press("f8", "a", *"Send CV", "tab", "end", "backspace", "3", "enter")
        await settle(pilot)
        actions = svc.action_items(demo_store, iid)
        assert [(t, d.isoformat()) for _, t, d in actions] == [("Send CV", "2026-11-30")]
        notes = svc.get_interview(demo_store, iid).notes
        assert "[01:05] Suggested: Rita Gomez (Harbour Health), added to contacts" in notes
        assert "To do: Send CV (due Mon 30 Nov)" in notes
        await pilot.press("f7", "enter")  # a name is required
        assert "A name is needed" in str(app.screen.query_one("#person-error").render())
        await pilot.press("escape")
        assert isinstance(app.screen, CallScreen)


async def test_capture_an_opportunity_they_mention_stamped_at_f8(demo_store, clock, make_app) -> None:
    from netnet.data import opportunities
    from netnet.screens.call import CaptureChoice, OpportunityDialog

    iid = _call(demo_store, clock)
    app = make_app(demo_store, initial_call=iid)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"They are starting a data team")
        clock.advance(252)
        app.screen.tick()
        await pilot.press("f8")
        assert isinstance(app.screen, CaptureChoice)
        await pilot.press("escape")  # back to the notes, nothing captured
        assert isinstance(app.screen, CallScreen) and app.focused is app.screen.query_one("#call-notes")
        await pilot.press("f8", "o")
        assert isinstance(app.screen, OpportunityDialog)
        clock.advance(30)  # typing takes a while: the stamp stays the moment F8 was pressed
        await pilot.press("enter")
        assert "Say what the opportunity is" in str(app.screen.query_one("#opportunity-error").render())
        await pilot.press(*"Data analyst, new team", "tab", *"Harbour Health", "tab", *"hiring in March", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CallScreen) and app.focused is app.screen.query_one("#call-notes")
        [found] = opportunities.for_interview(demo_store, iid)
        maria = svc.find_contact_by_name(demo_store, "Maria Lindqvist")
        assert (found.title, found.organisation, found.notes, found.stage_words, found.source_contact_id,
                found.source_seconds) == ("Data analyst, new team", "Harbour Health", "hiring in March",
                                          "heard of", maria, 252)
        assert found.source_words.startswith("Maria Lindqvist, in the call on ")
        assert found.source_words.endswith(" at 04:12")
        assert "[04:12] Opportunity: Data analyst, new team (Harbour Health)" in svc.get_interview(demo_store,
                                                                                                  iid).notes
        await pilot.press("f8", "a")
        assert app.screen.__class__.__name__ == "ActionDialog"
        await pilot.press("escape")


async def test_leaving_or_quitting_during_a_call_asks_first(demo_store, clock, make_app) -> None:
    iid = _call(demo_store, clock)
    app = make_app(demo_store, initial_call=iid)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"notes before leaving")
        app.action_section("contacts")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        assert isinstance(app.screen, CallScreen) and app.current_mode == "interviews"
        app.action_quit()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0
    detail = svc.get_interview(demo_store, iid)
    assert detail.status == "live" and detail.notes == "notes before leaving"


async def test_save_everything_writes_the_call(demo_store, clock, make_app) -> None:
    iid = _call(demo_store, clock)
    app = make_app(demo_store, initial_call=iid)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"typed just now")
        app.save_everything()  # what quit, an internal error, SIGTERM and SIGHUP call
        assert svc.get_interview(demo_store, iid).notes == "typed just now"


async def test_ending_the_call_opens_the_wrapup_with_a_thank_you(demo_store, clock, make_app) -> None:
    iid = _call(demo_store, clock, "Carlos Mendes")
    app = make_app(demo_store, initial_call=iid)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"The discharge project needs an analyst")
        clock.advance(600)
        await pilot.press("f12")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WrapupScreen)
        thanks = app.screen.query_one("#wrapup-thanks").text
        assert thanks.startswith("Dear Carlos,") and "discharge project needs an analyst" in thanks
        await pilot.press(*"Learn SQL")
        await pilot.press("ctrl+s")
    detail = svc.get_interview(demo_store, iid)
    assert detail.status == "done" and detail.learned == "Learn SQL" and detail.elapsed_seconds == 600


async def test_an_unfinished_call_is_offered_for_recovery(demo_store, clock, make_app) -> None:
    iid = _call(demo_store, clock)
    clock.advance(200)
    svc.autosave(demo_store, clock, iid, notes="saved before the crash", elapsed=200)
    clock.advance(40)  # the process died 40 s ago; the call went on
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecoverDialog)
        assert "did not finish" in str(app.screen.query_one(".call-dialog-text").render())
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CallScreen)
        assert screen.query_one("#call-notes", NoteEditor).text == "saved before the crash"
        assert screen.countdown.elapsed == 240
        assert _text(app).startswith("11:00 left")
