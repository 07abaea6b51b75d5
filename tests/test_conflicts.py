"""Two devices edit the same record: the second save is refused with "changed on another device"
and a choice, for the contact, goal, target and follow-up forms alike.

- **Escape**: the form as it was, the typing kept, nothing saved;
- **Reload** (r): the fields show the record as saved now, what was typed stays beside them in
  "What you typed" (``#your-typing``), and the next save works;
- **Overwrite** (o): what was typed is saved over the other change (asked again if it moved on);
- a record removed meanwhile is reported, never brought back; the typing stays to copy.

The services behind this are tested on both engines in ``test_conflicts_service.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from textual.widgets import Button, Input, Static, TextArea

from netnet.data import contacts as contacts_svc
from netnet.data import followups as followups_svc
from netnet.data import goals as goals_svc
from netnet.data.contacts import ContactInput
from netnet.data.goals import GoalInput, PlanInput, TargetInput
from netnet.screens.dialogs import ConflictDialog
from netnet.screenshots import settle
from tests import builders
from tests.waiting import wait_until

SIZE = (80, 24)  # every step works in the smallest terminal netnet supports, by keyboard


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def replace_text(pilot, field: Input, text: str) -> None:
    field.focus()
    field.value = ""
    await pilot.press(*text)


@dataclass
class Case:
    """One form: how to make its record, open it, change it elsewhere, remove it, read it back."""

    form: str  # the form's class name
    build: Callable[[Any, Any], int]
    keys: tuple[str, ...]  # from the start of the app to the open form
    field: str  # the field typed into
    label: str  # its words in "What you typed"
    typed: str
    other: Callable[[Any, Any, int], None]  # another device's save of the same record
    theirs: str  # the field's value after that save
    remove: Callable[[Any, Any, int], None]  # another device removes it
    value: Callable[[Any, Any, int], str | None]  # the field as saved (None: the record is gone)
    error: str  # the form's error line


def _contact_value(store, clock, tom: int) -> str | None:
    detail = contacts_svc.get_contact(store, tom)
    return None if detail is None or detail.deleted_at is not None else detail.organisation


def _goal_value(store, clock, goal: int) -> str | None:
    found = goals_svc.goal_for_edit(store, goal)
    return None if found is None else found[0].title


def _target(store, clock) -> int:
    return builders.target(store, clock, builders.goal(store, clock, "Analytics"), job_title="Data Analyst")


def _target_value(store, clock, target: int) -> str | None:
    found = goals_svc.target_for_edit(store, target)
    return None if found is None else found[0].job_title


def _followup_item(store, clock, fid: int):
    return next(item for item in followups_svc.list_queue(store, clock) if item.id == fid)


def _followup_value(store, clock, fid: int) -> str | None:
    found = followups_svc.followup_for_edit(store, fid, clock)
    return None if found is None else found.title


def _plan_item(store, clock) -> int:
    goal = builders.goal(store, clock, "Analytics")
    return goals_svc.add_plan_item(store, PlanInput("Learn SQL", goal_id=goal), clock)


def _plan_change(store, clock, item: int) -> None:
    data, _ = goals_svc.plan_item_for_edit(store, item)
    data.text = "Learn SQL well"
    goals_svc.update_plan_item(store, item, data, clock)


def _plan_value(store, clock, item: int) -> str | None:
    found = goals_svc.plan_item_for_edit(store, item)
    return None if found is None else found[0].text


CASES = [
    Case("ContactFormScreen", lambda s, c: builders.person(s, c, "Tom Becker", organisation="Acme"), ("e",),
         "#form-organisation", "Organisation", "Typed Ltd",
         lambda s, c, i: contacts_svc.update_contact(s, i, ContactInput("Tom Becker", organisation="Elsewhere Ltd"),
                                                     c),
         "Elsewhere Ltd", lambda s, c, i: contacts_svc.trash_contacts(s, [i], c), _contact_value, "#form-summary"),
    Case("GoalForm", lambda s, c: builders.goal(s, c, "Analytics"), ("2", "e"),
         "#form-title", "Title", "Analytics in health",
         lambda s, c, i: goals_svc.update_goal(s, i, GoalInput("career_change", "Analytics their words"), c),
         "Analytics their words", lambda s, c, i: goals_svc.delete_goal(s, i), _goal_value, "#save-error"),
    Case("TargetForm", _target, ("2", "enter", "e"),
         "#form-job-title", "Job title", "Clinical Data Analyst",
         lambda s, c, i: goals_svc.update_target(s, i, TargetInput("title", job_title="Data Scientist"), c),
         "Data Scientist", lambda s, c, i: goals_svc.delete_target(s, i), _target_value, "#save-error"),
    Case("FollowupDialog", lambda s, c: builders.followup(s, c, "Send Tom the article"), ("4", "e"),
         "#fu-title", "Title", "Send Tom the paper",
         lambda s, c, i: followups_svc.update_followup(s, _followup_item(s, c, i), "Send Tom the report",
                                                       c.today(), "", c),
         "Send Tom the report", lambda s, c, i: followups_svc.mark_done(s, _followup_item(s, c, i), c),
         _followup_value, "#fu-error"),
    # The plan item's form is a FormBase too: it gets the same choice.
    Case("PlanForm", _plan_item, ("2", "p", "e"), "#form-text", "What to learn or do", "Take an SQL course",
         _plan_change, "Learn SQL well", lambda s, c, i: goals_svc.delete_plan_item(s, i), _plan_value,
         "#save-error"),
]
IDS = [case.form for case in CASES]


async def open_form(pilot, case: Case):
    await settle(pilot)
    for key in case.keys:
        await pilot.press(key)
        await settle(pilot)
    form = pilot.app.screen
    assert type(form).__name__ == case.form
    return form


async def refused_save(pilot, case: Case, store, clock, record: int, change) -> tuple[Any, ConflictDialog]:
    """Open the form, let another device ``change`` the record, type, save: the conflict dialog."""
    form = await open_form(pilot, case)
    change(store, clock, record)
    await replace_text(pilot, form.query_one(case.field, Input), case.typed)
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConflictDialog))
    await settle(pilot)
    return form, pilot.app.screen


# -- changed on another device ---------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=IDS)
async def test_escape_keeps_the_typing_and_saves_nothing(store, clock, make_app, case) -> None:
    """Both edit the same record: the second save is refused, the database holds the first edit,
    and the second person's text is still on their screen."""
    record = case.build(store, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        form, dialog = await refused_save(pilot, case, store, clock, record, case.other)
        assert "was changed on another device since you opened this form; nothing was saved." in \
            text_of(dialog, "#conflict-sentence")
        assert dialog.query("#conflict-reload") and dialog.query("#conflict-overwrite")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form
        assert form.query_one(case.field, Input).value == case.typed
        assert "changed on another device" in text_of(form, case.error)
        assert not form.query("#your-typing")
    assert case.value(store, clock, record) == case.theirs


@pytest.mark.parametrize("case", CASES, ids=IDS)
async def test_reload_shows_the_saved_version_with_the_typing_beside_it(store, clock, make_app, case) -> None:
    record = case.build(store, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        form, _ = await refused_save(pilot, case, store, clock, record, case.other)
        await pilot.press("r")
        await wait_until(pilot, lambda: bool(form.query("#your-typing")))
        await settle(pilot)
        assert app.screen is form
        assert form.query_one(case.field, Input).value == case.theirs  # the fields: as saved now
        typing = form.query_one("#your-typing", TextArea)
        assert typing.read_only and typing.border_title.startswith("What you typed")
        assert typing.text == f"{case.label}: {case.typed}"  # only what differs, label: value
        assert "now shows the saved version" in text_of(form, case.error)
        await pilot.press("ctrl+s")  # the form's version is the fresh one: this save works
        await wait_until(pilot, lambda: app.screen is not form)
        await settle(pilot)
    assert case.value(store, clock, record) == case.theirs


@pytest.mark.parametrize("case", CASES, ids=IDS)
async def test_overwrite_saves_the_typing_over_the_other_change(store, clock, make_app, case) -> None:
    record = case.build(store, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        form, _ = await refused_save(pilot, case, store, clock, record, case.other)
        await pilot.press("o")
        await wait_until(pilot, lambda: app.screen is not form)
        await settle(pilot)
    assert case.value(store, clock, record) == case.typed


async def test_overwrite_asks_again_when_it_changed_once_more(store, clock, make_app) -> None:
    case = CASES[0]
    record = case.build(store, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        form, first = await refused_save(pilot, case, store, clock, record, case.other)
        contacts_svc.update_contact(store, record, ContactInput("Tom Becker", organisation="Third Ltd"), clock)
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictDialog) and app.screen is not first)
        await settle(pilot)
        assert case.value(store, clock, record) == "Third Ltd"
        await pilot.press("o")
        await wait_until(pilot, lambda: app.screen is not form and not isinstance(app.screen, ConflictDialog))
        await settle(pilot)
    assert case.value(store, clock, record) == case.typed


async def test_the_dialog_answers_by_button_too(store, clock, make_app) -> None:
    case = CASES[1]
    record = case.build(store, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        form, dialog = await refused_save(pilot, case, store, clock, record, case.other)
        assert dialog.focused is dialog.query_one("#conflict-reload", Button)
        await pilot.press("tab", "enter")  # the next button: Overwrite
        await wait_until(pilot, lambda: app.screen is not form)
        await settle(pilot)
    assert case.value(store, clock, record) == case.typed


async def test_reload_lists_what_was_changed_and_the_introducer(store, clock, make_app) -> None:
    ana = builders.person(store, clock, "Ana Lind")
    tom = builders.person(store, clock, "Tom Becker", organisation="Acme", introduced_by_id=ana)
    app = make_app(store)
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        from netnet.screens.contact import ContactScreen

        app.push_screen(ContactScreen(tom))
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        contacts_svc.update_contact(store, tom, ContactInput("Tom Becker", organisation="Elsewhere Ltd",
                                                             introduced_by_id=ana), clock)
        await replace_text(pilot, form.query_one("#form-title", Input), "Analyst")
        form.query_one("#form-notes", TextArea).text = "Met at the fair.\nLikes maps."
        form.query_one("#form-ideal", Input).value = "30"
        form._set_introducer(None, "")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictDialog))
        await pilot.press("r")
        await wait_until(pilot, lambda: bool(form.query("#your-typing")))
        typing = form.query_one("#your-typing", TextArea).text
        # What the person changed, in the form's order; not the organisation they left as it was.
        assert typing.splitlines() == [
            "Job title: Analyst", "Notes:", "  Met at the fair.", "  Likes maps.",
            "Keep in touch, ideal days: 30", "Introduced by: nobody",
        ]
        assert form.query_one("#form-organisation", Input).value == "Elsewhere Ltd"
        assert form.query_one("#form-title", Input).value == ""
        assert form.introduced_by_id == ana
        # The typing beside the fields counts: Escape asks before it is thrown away.
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "ConfirmDialog"


# -- removed on another device ----------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=IDS)
async def test_a_record_removed_meanwhile_is_reported_not_brought_back(store, clock, make_app, case) -> None:
    record = case.build(store, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        form, dialog = await refused_save(pilot, case, store, clock, record, case.remove)
        assert "on another device; nothing was saved." in text_of(dialog, "#conflict-sentence")
        assert text_of(dialog, "#conflict-title") == "Removed on another device"
        assert not dialog.query("#conflict-overwrite") and not dialog.query("#conflict-reload")
        await pilot.press("o")  # no overwrite: never resurrected
        await settle(pilot)
        assert app.screen is dialog
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form
        assert form.query_one(case.field, Input).value == case.typed  # still there to copy
        assert "on another device; nothing was saved." in text_of(form, case.error)
        await pilot.press("ctrl+s")  # asked again, the same way
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictDialog))
        await pilot.press("c")  # close the form
        await wait_until(pilot, lambda: app.screen is not form and not isinstance(app.screen, ConflictDialog))
        await settle(pilot)
    assert case.value(store, clock, record) is None


# -- the app's own refresh never touches an open form ------------------------------------

async def test_a_refresh_beneath_an_open_form_leaves_its_typing(store, clock, make_app) -> None:
    """The goal (and its target) is removed on another device while its target is being edited:
    the refresh of the goal's screen beneath must not close the form, nor touch the typing."""
    case = CASES[2]
    target = case.build(store, clock)
    [goal] = goals_svc.list_goals(store, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, case)
        await replace_text(pilot, form.query_one(case.field, Input), case.typed)
        goals_svc.delete_goal(store, goal.id)
        app.notify_data_changed()  # what a live refresh does when another device wrote
        await settle(pilot)
        assert app.screen is form
        assert form.query_one(case.field, Input).value == case.typed
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictDialog))
        assert text_of(app.screen, "#conflict-title") == "Removed on another device"
        await pilot.press("c")
        await settle(pilot)
        assert type(app.screen).__name__ == "GoalsScreen"  # the goal's screen went once shown again
    assert case.value(store, clock, target) is None


async def test_a_contact_page_beneath_an_open_form_waits_to_close(store, clock, make_app) -> None:
    tom = builders.person(store, clock, "Tom Becker", organisation="Acme")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # Tom's page
        await settle(pilot)
        assert type(app.screen).__name__ == "ContactScreen"
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        await replace_text(pilot, form.query_one("#form-organisation", Input), "Typed Ltd")
        contacts_svc.forget_contact(store, tom)  # removed for good on another device
        app.notify_data_changed()
        await settle(pilot)
        assert app.screen is form and form.query_one("#form-organisation", Input).value == "Typed Ltd"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictDialog))
        assert text_of(app.screen, "#conflict-sentence") == \
            "This contact was removed on another device; nothing was saved."
        await pilot.press("c")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ContactsScreen")
    assert contacts_svc.get_contact(store, tom) is None


async def test_keys_typed_while_the_contact_loads_are_kept(store, clock, make_app, monkeypatch) -> None:
    """The form opens at once and fills from a worker (slow on a far server): what is typed
    meanwhile is not overwritten by the fill, and the rest of the contact still arrives."""
    import threading

    tom = builders.person(store, clock, "Tom Becker", organisation="Acme", title="Nurse")
    release = threading.Event()
    real = contacts_svc.get_contact

    def slow(store_, contact_id):
        release.wait(10)
        return real(store_, contact_id)

    monkeypatch.setattr(contacts_svc, "get_contact", slow)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ContactFormScreen")
        form = app.screen
        await pilot.press("tab", *"Harbour Health")
        assert form.query_one("#form-organisation", Input).value == "Harbour Health"
        release.set()
        await wait_until(pilot, lambda: form.detail is not None)
        await settle(pilot)
        assert form.query_one("#form-organisation", Input).value == "Harbour Health"
        assert form.query_one("#form-title", Input).value == "Nurse"
        assert form.query_one("#form-display_name", Input).value == "Tom Becker"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not form)
        await settle(pilot)
    saved = real(store, tom)
    assert (saved.organisation, saved.title) == ("Harbour Health", "Nurse")


# -- how it looks --------------------------------------------------------------------------

def _goal_conflict(*after: str):
    async def run_before(pilot) -> None:
        app = pilot.app
        case = CASES[1]
        [goal] = goals_svc.list_goals(app.store, app.clock)
        await refused_save(pilot, case, app.store, app.clock, goal.id, case.other)
        if after:
            await pilot.press(*after)
            await wait_until(pilot, lambda: bool(app.screen.query("#your-typing")))
            await settle(pilot)

    return run_before


def test_snapshot_conflict_dialog(snap_compare, store, clock, make_app) -> None:
    builders.goal(store, clock, "Analytics")
    assert snap_compare(make_app(store), terminal_size=SIZE, run_before=_goal_conflict())


def test_snapshot_form_with_what_you_typed(snap_compare, store, clock, make_app) -> None:
    builders.goal(store, clock, "Analytics")
    assert snap_compare(make_app(store), terminal_size=SIZE, run_before=_goal_conflict("r"))


def test_snapshot_removed_dialog(snap_compare, store, clock, make_app) -> None:
    builders.person(store, clock, "Tom Becker", organisation="Acme")

    async def run_before(pilot) -> None:
        app = pilot.app
        [tom] = contacts_svc.list_contacts(app.store)
        await refused_save(pilot, CASES[0], app.store, app.clock, tom.id, CASES[0].remove)

    assert snap_compare(make_app(store), terminal_size=SIZE, run_before=run_before)


async def test_without_colour_the_words_say_it_all(store, clock, make_app, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    case = CASES[3]
    record = case.build(store, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        form, dialog = await refused_save(pilot, case, store, clock, record, case.other)
        assert text_of(dialog, "#conflict-title") == "Changed on another device"
        assert [str(b.label) for b in dialog.query(Button)] == ["Reload (r)", "Overwrite (o)", "Back (esc)"]
        await pilot.press("r")
        await wait_until(pilot, lambda: bool(form.query("#your-typing")))
        typing = form.query_one("#your-typing", TextArea)
        assert typing.border_title == "What you typed (not saved)"
        assert typing.text == "Title: Send Tom the paper"
