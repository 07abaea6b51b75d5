"""An edit of a row that changed since the form read it is refused in one sentence, and the
typing stays on the form (another netnet, or another device, saved in between)."""

from __future__ import annotations

from textual.widgets import Input, Static

from netnet.data import contacts as contacts_svc
from netnet.data import followups as followups_svc
from netnet.data import goals as goals_svc
from netnet.data.contacts import ContactInput
from netnet.data.goals import GoalInput, TargetInput
from netnet.screenshots import settle
from tests import builders


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def replace_text(pilot, field: Input, text: str) -> None:
    field.focus()
    field.value = ""
    await pilot.press(*text)


# -- the forms ------------------------------------------------------------------------

async def test_contact_form_refuses_a_stale_edit_and_keeps_the_typing(store, clock, make_app) -> None:
    tom = builders.person(store, clock, "Tom Becker")
    app = make_app(store)
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert type(form).__name__ == "ContactFormScreen"
        # another netnet saves Tom meanwhile
        contacts_svc.update_contact(store, tom, ContactInput("Tom Becker", organisation="Elsewhere Ltd"), clock)
        await replace_text(pilot, form.query_one("#form-display_name", Input), "Thomas Becker")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "changed on another device" in text_of(form, "#form-summary")
        assert form.query_one("#form-display_name", Input).value == "Thomas Becker"
    saved = contacts_svc.get_contact(store, tom)
    assert saved.display_name == "Tom Becker" and saved.organisation == "Elsewhere Ltd"


async def test_goal_form_refuses_a_stale_edit_and_keeps_the_typing(store, clock, make_app) -> None:
    goal = builders.goal(store, clock, "Analytics")
    app = make_app(store)
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert type(form).__name__ == "GoalForm"
        goals_svc.update_goal(store, goal, GoalInput("career_change", "Analytics (their words)"), clock)
        await replace_text(pilot, form.query_one("#form-title", Input), "Analytics in health")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "changed on another device" in text_of(form, "#save-error")
        assert form.query_one("#form-title", Input).value == "Analytics in health"
    assert [g.title for g in goals_svc.list_goals(store, clock)] == ["Analytics (their words)"]


async def test_target_form_refuses_a_stale_edit_and_keeps_the_typing(store, clock, make_app) -> None:
    goal = builders.goal(store, clock, "Analytics")
    target = builders.target(store, clock, goal, job_title="Data Analyst")
    app = make_app(store)
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter")  # the goal's targets
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert type(form).__name__ == "TargetForm"
        goals_svc.update_target(store, target, TargetInput("title", job_title="Data Scientist"), clock)
        await replace_text(pilot, form.query_one("#form-job-title", Input), "Clinical Data Analyst")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "changed on another device" in text_of(form, "#save-error")
        assert form.query_one("#form-job-title", Input).value == "Clinical Data Analyst"
    [view] = goals_svc.get_goal(store, goal, clock).targets
    assert view.job_title == "Data Scientist"


async def test_followup_dialog_refuses_a_stale_edit_and_keeps_the_typing(store, clock, make_app) -> None:
    builders.followup(store, clock, "Send Tom the article")
    app = make_app(store)
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert type(dialog).__name__ == "FollowupDialog"
        [item] = followups_svc.list_queue(store, clock)
        followups_svc.update_followup(store, item, "Send Tom the report", item.due, "", clock)
        await replace_text(pilot, dialog.query_one("#fu-title", Input), "Send Tom the paper")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert "changed on another device" in text_of(dialog, "#fu-error")
        assert dialog.query_one("#fu-title", Input).value == "Send Tom the paper"
    assert [i.title for i in followups_svc.list_queue(store, clock)] == ["Send Tom the report"]
