"""Typing in open forms survives SIGTERM/SIGHUP and internal errors: kept as a draft,
offered back at the next start, reopened in the same form and saved the same way."""

from __future__ import annotations

import signal

import pytest
from textual.widgets import Input, Static, TextArea

from netnet.data import contacts as contacts_svc
from netnet.data import drafts
from netnet.data import goals as goals_svc
from netnet.screens.contact_dialogs import LogInteractionScreen
from netnet.screens.contact_form import ContactFormScreen
from netnet.screens.draft_offer import REOPEN, DraftOfferScreen
from netnet.screens.draftable import DraftableForm
from netnet.screenshots import settle


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def start_typing_a_person(pilot, name: str = "First Person") -> ContactFormScreen:
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, ContactFormScreen)
    await pilot.press(*name)
    await pilot.pause()
    return form


# -- the draft store -------------------------------------------------------------

def test_keep_list_take_discard(store, clock) -> None:
    first = drafts.keep(store, "contact-form", "Add a person — Ada", {"contact_id": None},
                        {"form-display_name": "Ada", "form-notes": "met at the fair"}, clock)
    second = drafts.keep(store, "settings", "Settings", {}, {"settings-call-minutes": "20"}, clock)
    kept = drafts.list_drafts(store)
    assert [d.id for d in kept] == [first, second]
    assert kept[0].fields == {"form-display_name": "Ada", "form-notes": "met at the fair"}
    assert kept[0].args == {"contact_id": None} and kept[0].title == "Add a person — Ada"
    assert drafts.take(store, second).fields == {"settings-call-minutes": "20"}
    replaced = drafts.keep(store, "settings", "Settings", {}, {"settings-call-minutes": "25"}, clock,
                           replace_id=second)
    assert [d.id for d in drafts.list_drafts(store)] == [first, replaced]
    assert drafts.discard(store, [first, replaced]) == 2
    assert drafts.list_drafts(store) == [] and drafts.take(store, first) is None


# -- signals ------------------------------------------------------------------------

async def test_sighup_keeps_the_add_person_form_and_the_next_start_offers_it(store, make_app) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_typing_a_person(pilot)
        app._on_terminate_signal(signal.SIGHUP)
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGHUP
    kept = drafts.list_drafts(store)
    assert [(d.kind, d.title) for d in kept] == [("contact-form", "Add a person — First Person")]
    assert contacts_svc.count_contacts(store) == 0  # kept, not saved half-typed

    again = make_app(store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        offer = again.screen
        assert isinstance(offer, DraftOfferScreen)
        assert "Add a person — First Person" in str(offer.query_one("#drafts-list").query(Static).first().render())
        await pilot.press("enter")
        await settle(pilot)
        form = again.screen
        assert isinstance(form, ContactFormScreen)
        assert form.query_one("#form-display_name", Input).value == "First Person"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(again.screen, ContactFormScreen)
    assert [r.display_name for r in contacts_svc.list_contacts(store)] == ["First Person"]
    assert drafts.list_drafts(store) == []  # saved: the draft is gone


async def test_sigterm_in_the_log_dialog_keeps_its_typing_and_reopening_logs_it(demo_store, make_app) -> None:
    ids = {r.display_name: r.id for r in contacts_svc.list_contacts(demo_store)}
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_contact(ids["Tom Becker"])
        await settle(pilot)
        await pilot.press("l", "m", *"Lunch about the roof")
        await pilot.pause()
        assert isinstance(app.screen, LogInteractionScreen)
        app._on_terminate_signal(signal.SIGTERM)
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGTERM
    (kept,) = drafts.list_drafts(demo_store)
    assert kept.kind == "log-interaction" and kept.title == "Log an interaction with Tom Becker"
    assert kept.fields["log-notes"] == "Lunch about the roof" and kept.fields["_extra"] == {"kind": "meeting"}

    again = make_app(demo_store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, DraftOfferScreen)
        await pilot.press("enter")
        await settle(pilot)
        dialog = again.screen
        assert isinstance(dialog, LogInteractionScreen)
        assert dialog.query_one("#log-notes", Input).value == "Lunch about the roof"
        assert dialog.kind == "meeting"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(again.screen, LogInteractionScreen)
    assert drafts.list_drafts(demo_store) == []
    from netnet.data.contact_page import load_page

    timeline = load_page(demo_store, ids["Tom Becker"]).timeline
    assert any(t.kind == "meeting" and t.notes == "Lunch about the roof" for t in timeline)


async def test_a_goal_form_is_kept_and_reopening_does_the_openers_write(store, make_app) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Move into analytics")
        assert app.keep_drafts() == 1
    (kept,) = drafts.list_drafts(store)
    assert kept.kind == "goal-form" and kept.title == "Goal — Move into analytics"

    again = make_app(store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert again.screen.query_one("#form-title", Input).value == "Move into analytics"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [g.title for g in goals_svc.list_goals(store, again.clock)] == ["Move into analytics"]
    assert drafts.list_drafts(store) == []


async def test_settings_and_follow_up_dialog_typing_are_kept_together(store, make_app) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a")  # add a follow-up
        await settle(pilot)
        await pilot.press(*"Send the slides")
        app.screen.query_one("#fu-draft", TextArea).text = "Hi, here are the slides."
        app.action_settings()  # (F2 does not reach the app while a dialog is open)
        await settle(pilot)
        app.screen.query_one("#settings-call-minutes", Input).value = "25"
        await pilot.pause()
        assert app.keep_drafts() == 2
    kinds = sorted(d.kind for d in drafts.list_drafts(store))
    assert kinds == ["followup-dialog", "settings"]

    again = make_app(store)
    async with again.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        offer = again.screen
        assert isinstance(offer, DraftOfferScreen) and len(offer.drafts) == 2
        await pilot.press("enter")
        await settle(pilot)
        # Both forms are open again, the oldest on top.
        assert again.screen.query_one("#fu-title", Input).value == "Send the slides"
        assert again.screen.query_one("#fu-draft", TextArea).text == "Hi, here are the slides."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert again.screen.query_one("#settings-call-minutes", Input).value == "25"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert again.settings.call_minutes == 25
    assert drafts.list_drafts(store) == []
    from netnet.data.followups import list_queue

    assert [i.title for i in list_queue(store, again.clock, again.settings)] == ["Send the slides"]


async def test_discarding_the_offer_forgets_the_typing(store, make_app, clock) -> None:
    drafts.keep(store, "contact-form", "Add a person — Ada", {"contact_id": None},
                {"form-display_name": "Ada"}, clock)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DraftOfferScreen)
        await pilot.press("d")
        await settle(pilot)
        assert not isinstance(app.screen, (DraftOfferScreen, ContactFormScreen))
    assert drafts.list_drafts(store) == []
    assert contacts_svc.count_contacts(store) == 0


async def test_cancelling_a_reopened_form_removes_its_draft(store, make_app, clock) -> None:
    drafts.keep(store, "contact-form", "Add a person — Ada", {"contact_id": None},
                {"form-display_name": "Ada"}, clock)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#form-display_name", Input).value == "Ada"
        await pilot.press("escape")  # typing in it: asks "Discard your changes?" once
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert drafts.list_drafts(store) == []


async def test_a_form_with_nothing_typed_keeps_no_draft_and_no_offer_follows(store, make_app) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert app.open_forms and app.keep_drafts() == 0
        await pilot.press("escape")
        await settle(pilot)
        assert app.open_forms == []  # dismissed forms leave the registry
    assert drafts.list_drafts(store) == []
    again = make_app(store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not isinstance(again.screen, DraftOfferScreen)


async def test_an_edit_keeps_only_what_changed_and_reopens_over_the_loaded_contact(store, make_app, clock) -> None:
    from netnet.data.contacts import ContactInput

    contact_id = contacts_svc.create_contact(store, ContactInput(display_name="Ada Byron"), clock)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ContactFormScreen) and form.contact_id == contact_id
        assert not form.has_typing()  # the loaded values are what it opened with
        form.query_one("#form-organisation", Input).value = "Analytical Engines"
        await pilot.pause()
        assert app.keep_drafts() == 1
    (kept,) = drafts.list_drafts(store)
    assert kept.title == "Edit contact — Ada Byron" and kept.args == {"contact_id": contact_id}
    again = make_app(store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        form = again.screen
        assert form.query_one("#form-display_name", Input).value == "Ada Byron"
        assert form.query_one("#form-organisation", Input).value == "Analytical Engines"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert contacts_svc.get_contact(store, contact_id).organisation == "Analytical Engines"


async def test_an_internal_error_keeps_the_drafts_too(store, make_app) -> None:
    app = make_app(store)
    with pytest.raises(RuntimeError, match="a bug of ours"):
        async with app.run_test(size=(80, 24)) as pilot:
            await start_typing_a_person(pilot, "Crash Test")
            app._handle_exception(RuntimeError("a bug of ours"))  # what Textual does with an uncaught error
    assert [d.title for d in drafts.list_drafts(store)] == ["Add a person — Crash Test"]


def test_every_draftable_form_kind_can_be_reopened() -> None:
    """The reopen table is complete: a form whose typing is kept can always be reopened."""
    import netnet.screens.call  # noqa: F401 - import every form so its class exists
    import netnet.screens.followup_dialogs  # noqa: F401
    import netnet.screens.goal_forms  # noqa: F401
    import netnet.screens.import_dialog  # noqa: F401
    import netnet.screens.opportunity_forms  # noqa: F401
    import netnet.screens.prep  # noqa: F401
    import netnet.screens.settings  # noqa: F401

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    kinds = {c.DRAFT_KIND for c in subclasses(DraftableForm) if c.DRAFT_KIND}
    assert len(kinds) >= 15
    assert kinds - {"answer-dialog"} <= set(REOPEN)


def test_the_offer_fits_80x24(snap_compare, tmp_path, clock) -> None:
    from netnet.app import NetnetApp
    from netnet.data.store import Store

    store = Store(tmp_path / "snap.db")
    drafts.keep(store, "contact-form", "Add a person — First Person", {"contact_id": None},
                {"form-display_name": "First Person"}, clock)
    drafts.keep(store, "log-interaction", "Log an interaction with Tom Becker", {"contact_id": 1, "name": "T"},
                {"log-notes": "Lunch"}, clock)
    app = NetnetApp(store, clock=clock, poll_interval=0, blink=False)

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.e2e
def test_sighup_to_the_real_program_keeps_the_typing_and_the_restart_offers_it(tmp_path) -> None:
    """The installed netnet in a real pseudo-terminal: a, a name, SIGHUP; start again."""
    from tests.e2e import Terminal, installed_netnet, isolated_env

    env = isolated_env(tmp_path)
    term = Terminal([str(installed_netnet())], env, cols=80, rows=24)
    try:
        term.wait_for("Your network is empty")
        term.type("a")
        term.wait_for("Add a person")
        term.type("First Person")
        term.wait_for("First Person")
        term.kill(signal.SIGHUP)
        assert term.wait_exit() == 128 + signal.SIGHUP
    finally:
        term.close()
    term = Terminal([str(installed_netnet())], env, cols=80, rows=24)
    try:
        screen = term.wait_for("You were typing when netnet closed")
        assert "Add a person — First Person" in screen
        term.type("\r")
        term.wait_for("Name *")
        assert "First Person" in term.wait_for("Add a person")
        term.type("\x13")  # ctrl+s
        term.wait_for("1 contact ·")
        term.pump(0.5)
        term.type("\x11")  # ctrl+q quits wherever the focus is
        assert term.wait_exit() == 0
    finally:
        term.close()


async def test_ctrl_q_inside_a_form_keeps_its_typing(store, make_app) -> None:
    """ctrl+q quits from anywhere, dialogs included: the typing is kept, not lost."""
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_typing_a_person(pilot, "Quick Quit")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert [d.title for d in drafts.list_drafts(store)] == ["Add a person — Quick Quit"]


def _sample_args(store, clock) -> dict[str, tuple[dict, str, str]]:
    """For each kind: reopen args, the id of a typed field, a value for it."""
    from dataclasses import asdict

    from netnet.data.contacts import ContactInput
    from netnet.data.goals import GoalInput, PlanInput

    contact_id = contacts_svc.create_contact(store, ContactInput(display_name="Tom Becker"), clock)
    goal_id = goals_svc.create_goal(store, GoalInput("career_change", "Analytics"), clock)
    return {
        "contact-form": ({"contact_id": None}, "form-display_name", "Ada"),
        "log-interaction": ({"contact_id": contact_id, "name": "Tom Becker"}, "log-notes", "Lunch"),
        "goal-form": ({"goal_id": None, "initial": None}, "form-title", "Grow"),
        "target-form": ({"goal_id": goal_id, "target_id": None, "initial": None}, "form-job-title", "Data Analyst"),
        "plan-form": ({"item_id": None, "initial": asdict(PlanInput("", goal_id=goal_id)),
                       "goals": [["Analytics", goal_id]]}, "form-text", "Take an SQL course"),
        "opportunity-form": ({"opportunity_id": None, "initial": {"title": "", "goal_id": goal_id,
                                                                  "next_due": None},
                              "goals": [["Analytics", goal_id]]}, "form-title", "Data analyst"),
        "name-dialog": ({"target_id": 1, "referrer_id": contact_id, "referrer": "Tom Becker", "target": "x"},
                        "form-name", "Nia Obi"),
        "save-dialog": ({"text": "Hello", "default": "/tmp/x.txt"}, "form-path", "/tmp/y.txt"),
        "followup-dialog": ({"key": None, "heading": "Add a follow-up", "title": "", "kind": "manual"},
                            "fu-title", "Send the slides"),
        "snooze": ({"key": "f1", "title": "Send the slides"}, "snooze-when", "friday"),
        "draft-message": ({"title": "Thanks", "text": "Thank you!", "generated": True,
                           "default_path": "/tmp/thanks.txt"}, "draft-path", "/tmp/other.txt"),
        "settings": ({}, "settings-call-minutes", "25"),
        "call-person": ({"interview_id": 1, "introducer": "Tom"}, "person-name", "Nia Obi"),
        "call-action": ({"interview_id": 1}, "action-text", "Send my CV"),
        "call-opportunity": ({"interview_id": 1, "who": "Tom", "seconds": 252}, "opportunity-title",
                             "Data analyst"),
        "call-now": ({}, "callnow-name", "Tom Becker"),
        "import": ({"kind": "csv"}, "import-path", "~/people.csv"),
    }


async def test_every_kind_reopens_its_form_with_the_typing(store, make_app, clock) -> None:
    samples = _sample_args(store, clock)
    assert set(samples) == set(REOPEN)
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        for kind, (args, field_id, value) in samples.items():
            screen, callback = REOPEN[kind](app, args)
            screen.restore_draft(10_000, {field_id: value})
            app.push_screen(screen, callback)
            await settle(pilot)
            assert app.screen is screen, kind
            assert screen.query_one(f"#{field_id}").value == value, kind
            assert screen.has_typing() and screen.DRAFT_KIND == kind
            screen.draft_id = None  # (no stored draft to forget here)
            screen.dismiss(None)
            await settle(pilot)


async def test_reopened_target_and_plan_forms_save_to_their_goal(store, make_app, clock) -> None:
    samples = _sample_args(store, clock)
    goal_id = samples["target-form"][0]["goal_id"]
    for kind in ("target-form", "plan-form"):
        args, field_id, value = samples[kind]
        drafts.keep(store, kind, kind, args, {field_id: value}, clock)
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        for _ in range(2):
            await pilot.press("ctrl+s")
            await settle(pilot)
    assert [t.job_title for t in goals_svc.get_goal(store, goal_id, clock).targets] == ["Data Analyst"]
    assert [(p.text, p.goal_id) for p in goals_svc.list_plan(store)] == [("Take an SQL course", goal_id)]
    assert drafts.list_drafts(store) == []


async def test_a_signalled_netnet_leaves_even_if_closing_the_terminal_hangs(store, make_app,
                                                                           monkeypatch) -> None:
    """After SIGHUP the terminal is gone; if Textual's shutdown hangs on it, netnet still
    leaves (with 128 + signal) once the typing is saved."""
    import os
    import signal
    import threading

    left = threading.Event()
    codes: list[int] = []

    def fake_exit(code: int) -> None:
        codes.append(code)
        left.set()

    monkeypatch.setattr(os, "_exit", fake_exit)
    app = make_app(store)
    app.HARD_EXIT_SECONDS = 0.05
    app.exit_guard = True
    async with app.run_test(size=(80, 24)):
        monkeypatch.setattr(app, "exit", lambda *a, **k: None)  # a shutdown that never ends
        app._on_terminate_signal(signal.SIGHUP)
        assert left.wait(2)
    assert codes == [128 + signal.SIGHUP]
