"""What is typed during a call is shown after it (issue 14, items 10 and 26)."""

from __future__ import annotations

from netnet.data import interviews as svc
from netnet.screens.call import CallScreen, ConfirmDialog
from netnet.screens.wrapup import WrapupScreen
from netnet.screenshots import settle
from netnet.widgets.note_editor import NoteEditor
from tests import builders as b


async def test_a_question_note_reaches_the_wrapup_and_the_interview_page(store, clock, make_app) -> None:
    b.person(store, clock, "Zoë Fischer")
    iid = svc.quick_call(store, clock, "Zoë Fischer")
    app = make_app(store, initial_call=iid)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CallScreen)
        second = screen.questions[1]
        await pilot.press(*"Main notes")
        await pilot.press("f4", "tab", *"Hiring is by referral")
        await pilot.press("f12")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WrapupScreen)
        shown = str(app.screen.query_one("#wrapup-question-notes").render())
        assert f"Q2. {second.text}" in shown and "Hiring is by referral" in shown
        assert app.screen.query_one("#wrapup-notes").text == "Main notes"
        assert app.screen.sub_title == "Zoë Fischer"  # not "Wrap-up — Wrap-up: …"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("o")  # the finished interview's page
        await settle(pilot)
        assert isinstance(app.screen, WrapupScreen)
        assert "Hiring is by referral" in str(app.screen.query_one("#wrapup-question-notes").render())


async def test_a_call_without_questions_has_no_empty_question_box(store, clock, make_app) -> None:
    b.person(store, clock, "Ana Ribeiro")
    iid = svc.quick_call(store, clock, "Ana Ribeiro", questions=[])
    app = make_app(store, initial_call=iid)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CallScreen) and screen.questions == []
        assert not screen.query_one("#call-question-notes", NoteEditor).display
        assert "No questions prepared" in str(screen.query_one("#call-question-label").render())
