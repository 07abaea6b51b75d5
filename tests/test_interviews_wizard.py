"""Pilot tests of the Interviews section and the prep wizard."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import DataTable, Input, RadioSet

from netnet.core.questions import proposed
from netnet.data import interviews as svc
from netnet.screens.call import CallScreen
from netnet.screens.interviews import InterviewsScreen
from netnet.screens.prep import PrepScreen
from netnet.screens.wrapup import WrapupScreen
from netnet.screenshots import settle


async def _open_wizard(pilot) -> PrepScreen:
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    assert isinstance(pilot.app.screen, InterviewsScreen)
    await pilot.press("n")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PrepScreen)
    return screen


async def test_the_list_shows_every_kind_of_interview(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        everything = svc.list_interviews(demo_store)
        assert {i.status for i in everything} >= {"scheduled", "done"}
        assert table.row_count == len(everything)
        first = [str(c) for c in table.get_row_at(0)]
        assert first[0] == "◷ scheduled" and first[1] == "Carlos Mendes"
        assert first[2] == "Sat 28 Nov 15:00"
        await pilot.press("down", "o")
        await settle(pilot)
        assert isinstance(app.screen, WrapupScreen)
        assert "Maria Lindqvist" in str(app.screen.query_one("#wrapup-summary").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, InterviewsScreen)


async def test_the_whole_wizard_by_keyboard_schedules_an_interview(demo_store, clock, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_wizard(pilot)
        await pilot.press("f4")  # nobody chosen yet
        assert screen.step == 0
        assert "Pick a person first" in str(screen.query_one("#prep-status").render())
        await pilot.press(*"carlos")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.step == 1 and screen.contact_name == "Carlos Mendes"
        assert screen.state.target_id is not None  # Carlos is on a goal's target list
        await pilot.press("down", "enter")  # in person
        screen.query_one("#prep-date", Input).value = "2026-12-03"
        screen.query_one("#prep-time", Input).value = "14:30"
        await pilot.press("f4")
        assert screen.step == 2 and screen.state.format == "in_person"
        assert screen.state.scheduled_at == datetime(2026, 12, 3, 14, 30, tzinfo=UTC)
        await pilot.press("down", "enter")  # explore another field
        await pilot.press("f4")
        await settle(pilot)
        assert screen.step == 3 and screen.state.purpose == "explore_field"
        assert [t for _, t in screen.questions] == [q.text for q in proposed("explore_field")]
        chosen = screen.query_one("#prep-chosen")
        assert app.focused is chosen
        # reorder, remove, edit
        await pilot.press("down", "shift+up")
        second = proposed("explore_field")[1].text
        assert screen.questions[0][1] == second
        await pilot.press("x")
        assert second not in [t for _, t in screen.questions]
        await pilot.press("e")
        box = screen.query_one("#prep-new-question", Input)
        assert app.focused is box
        box.value = "How would you sum up the field in a sentence"
        await pilot.press("enter")
        assert screen.questions[0][1] == "How would you sum up the field in a sentence?"
        # an own question, kept for reuse
        box.focus()
        box.value = "What should I read first?"
        await pilot.press("enter")
        assert screen.questions[-1] == ("My own", "What should I read first?")
        # one from the bank
        screen.query_one("#prep-bank").focus()
        await pilot.press("down", "down", "enter")
        count = len(screen.questions)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Scheduled for Thu 3 Dec 14:30" in str(screen.query_one("#prep-status").render())
        iid = screen.interview_id
    detail = svc.get_interview(demo_store, iid)
    assert detail.status == "scheduled" and detail.format == "in_person" and detail.purpose == "explore_field"
    assert len(detail.questions) == count
    assert detail.questions[0].text == "How would you sum up the field in a sentence?"
    assert [s.text for s in svc.saved_questions(demo_store)] == ["What should I read first?"]
    with demo_store.read() as conn:
        due = conn.execute("SELECT due_date FROM followup WHERE interview_id = :p0 AND kind = 'interview'",
                           {"p0": iid}).fetchone()
    assert due[0] == "2026-12-03"


async def test_a_new_person_a_draft_closed_and_resumed(demo_store, clock, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_wizard(pilot)
        await pilot.press(*"Zed Newman")
        await settle(pilot)
        await pilot.press("enter")  # the only option: a new contact
        await settle(pilot)
        assert screen.step == 1
        iid = screen.interview_id
        assert svc.get_interview(demo_store, iid).contact_name == "Zed Newman"
        screen.query_one("#prep-date", Input).value = "tomorrow"
        await pilot.press("f4")
        assert screen.step == 1 and "YYYY-MM-DD" in str(screen.query_one("#prep-status").render())
        screen.query_one("#prep-date", Input).value = ""
        await pilot.press("f4")
        assert screen.step == 2
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, InterviewsScreen)
        rows = app.screen.rows
        assert rows[0].id == iid and rows[0].status == "draft"
        assert svc.get_interview(demo_store, iid).wizard_step == 2
        await pilot.press("e")
        await settle(pilot)
        resumed = app.screen
        assert isinstance(resumed, PrepScreen) and resumed.step == 2 and resumed.contact_name == "Zed Newman"
        own = resumed.query_one("#prep-purpose", RadioSet)
        own.focus()
        await pilot.press("down", "down", "down", "enter")
        await pilot.press("f4")
        assert resumed.step == 2 and "purpose in a few words" in str(resumed.query_one("#prep-status").render())
        resumed.query_one("#prep-purpose-text", Input).value = "Whether to retrain as a nurse"
        await pilot.press("f4")
        await settle(pilot)
        assert resumed.step == 3
        await pilot.press("f5")  # start the call now
        await settle(pilot)
        assert isinstance(app.screen, CallScreen)
        assert app.screen.detail.purpose_words == "Whether to retrain as a nurse"
        assert app.focused is app.screen.query_one("#call-notes")
    assert svc.get_interview(demo_store, iid).status == "live"


async def test_call_now_from_the_list(demo_store, clock, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("c", *"Joe Okafor", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CallScreen)
        assert app.screen.detail.contact_name == "Joe Okafor"
        await pilot.press(*"hi")
        assert app.screen.query_one("#call-notes").text == "hi"
