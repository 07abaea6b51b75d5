"""What a new user tripped over in the first hour (issue 14, part A): keys land in the list,
the cursor sits on what was just made, forms open on their first field and ask before
throwing typing away."""

from __future__ import annotations

from netnet.screenshots import settle
from netnet.widgets.contact_table import ContactTable


async def test_q_quits_after_saving_the_first_contact(store, make_app) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"First Person")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen.focused, ContactTable), app.screen.focused
        await pilot.press("q")
        await settle(pilot)
    assert app.return_code == 0


async def test_fast_section_keys_then_add_on_an_empty_network(store, make_app) -> None:
    from netnet.screens.contact_form import ContactFormScreen

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4", "1", "a")
        await settle(pilot)
        assert isinstance(app.screen, ContactFormScreen), (app.screen, app.screen.focused, app.current_mode)


# -- 2. after creating anything, the cursor is on it ------------------------------------

async def test_a_new_goal_is_highlighted(store, make_app, clock) -> None:
    from tests.builders import goal

    goal(store, clock, "Old goal")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Brand new goal", "ctrl+s")
        await settle(pilot)
        assert app.screen.current.title == "Brand new goal"


async def test_a_new_target_is_highlighted(store, make_app, clock) -> None:
    from netnet.screens.goals import GoalScreen
    from tests.builders import goal, target

    gid = goal(store, clock, "Move into UX")
    target(store, clock, gid, job_title="Accountant")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GoalScreen)
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#form-job-title").focus()
        await pilot.press(*"Zoologist", "ctrl+s")
        await settle(pilot)
        assert app.screen.current.job_title == "Zoologist"


async def test_a_new_plan_item_is_highlighted(store, make_app, clock) -> None:
    from netnet.data.goals import PlanInput, add_plan_item
    from netnet.screens.plan import PlanScreen
    from tests.builders import goal

    gid = goal(store, clock, "Move into UX")
    add_plan_item(store, PlanInput("Learn SQL", goal_id=gid), clock)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Attend a meetup", "ctrl+s")
        await settle(pilot)
        assert app.screen.current.text == "Attend a meetup"


async def test_a_new_followup_is_highlighted(store, make_app, clock) -> None:
    from tests.builders import followup

    followup(store, clock, "Urgent thing", days=-3)
    followup(store, clock, "Another thing", days=-1)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#fu-title").focus()
        await pilot.press(*"Send the portfolio")
        due = app.screen.query_one("#fu-due")
        due.value = ""
        due.focus()
        await pilot.press(*"10d")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.item.title == "Send the portfolio"


# -- 17. Escape on a form with typing asks once ------------------------------------------

async def test_escape_on_a_form_with_typing_asks_before_discarding(store, make_app) -> None:
    from netnet.screens.contact_form import ContactFormScreen
    from netnet.screens.dialogs import ConfirmDialog
    from netnet.screens.goal_forms import GoalForm

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("escape")  # nothing typed: closes at once
        await settle(pilot)
        assert not isinstance(app.screen, ContactFormScreen)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Half a thought")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == "Discard your changes?"
        await pilot.press("n")  # keep editing: the typing is still there
        await settle(pilot)
        assert isinstance(app.screen, GoalForm)
        assert app.screen.query_one("#form-title").value == "Half a thought"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, (GoalForm, ConfirmDialog))
