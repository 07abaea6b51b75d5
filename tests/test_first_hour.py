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


# -- 3/4. naming a person by typing suggests the people you know ----------------------------

async def test_call_now_suggests_an_existing_person_and_new_is_a_choice(store, make_app, clock) -> None:
    from netnet.data.contacts import list_contacts
    from netnet.data.interviews import get_interview
    from netnet.screens.prep import CallNowDialog
    from tests.builders import person

    linda = person(store, clock, "Linda Marsh")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CallNowDialog)
        await pilot.press(*"linda")
        await settle(pilot)
        shown = app.screen.query_one("#callnow-name-people")
        assert shown.display and "Linda Marsh" in str(shown.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(pilot)
    names = [r.display_name for r in list_contacts(store)]
    assert names == ["Linda Marsh"]  # no second "linda"
    calls = [iid for iid in range(1, 5) if get_interview(store, iid) is not None]
    assert get_interview(store, calls[-1]).contact_id == linda


async def test_an_introduction_to_someone_known_links_them_instead_of_a_copy(store, make_app, clock) -> None:
    from netnet.data.contacts import list_contacts
    from netnet.data.goals import get_target, log_ask
    from netnet.screens.goal_forms import NameDialog
    from tests.builders import goal, people, target

    zoe, ana = people(store, clock, "Zoë Fischer", "Ana Ribeiro")
    gid = goal(store, clock, "Move into UX")
    tid = target(store, clock, gid, job_title="UX Researcher")
    log_ask(store, tid, zoe, "Could you introduce me?", clock)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, NameDialog)
        await pilot.press(*"ana ribeiro", "enter")
        await settle(pilot)
    assert sorted(r.display_name for r in list_contacts(store)) == ["Ana Ribeiro", "Zoë Fischer"]
    assert get_target(store, tid).contact_id == ana


async def test_followup_person_found_without_accents_or_capitals(store, make_app, clock) -> None:
    from netnet.data.followups import list_queue
    from tests.builders import people

    soren, zoe = people(store, clock, "Søren Kierkegaard", "Zoë Fischer")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        for typed, title in (("soren", "Lend Søren the book"), ("ZOE", "Ask Zoë about Lisbon")):
            await pilot.press("a")
            await settle(pilot)
            app.screen.query_one("#fu-title").focus()
            await pilot.press(*title)
            app.screen.query_one("#fu-contact").focus()
            await pilot.press(*typed)
            await settle(pilot)
            assert app.screen.query_one("#fu-contact-people").display
            await pilot.press("ctrl+s")
            await settle(pilot)
    by_title = {item.title: item.contact_id for item in list_queue(store, clock, app.settings)}
    assert by_title["Lend Søren the book"] == soren and by_title["Ask Zoë about Lisbon"] == zoe


# -- 15/16. forms open on their first text field; the person form puts first things first ---

async def test_add_person_form_reaches_notes_soon_and_always_names_save(store, make_app) -> None:
    from textual.widgets import Footer

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert form.focused.id == "form-display_name"
        for _ in range(5):  # name, organisation, job title, e-mails, phones, then notes
            await pilot.press("tab")
        assert form.focused.id == "form-notes"
        footer = form.query_one(Footer)
        assert footer.region.bottom == 24  # at the foot of the screen, whatever the form scrolled
        keys = {b.binding.key for b in form.active_bindings.values() if b.binding.show}
        assert "ctrl+s" in keys


async def test_the_target_form_opens_on_a_text_field(store, make_app, clock) -> None:
    from textual.widgets import Input

    from netnet.screens.goal_forms import TargetForm
    from tests.builders import goal

    goal(store, clock, "Move into UX")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, TargetForm)
        await pilot.press(*"UX Researcher")
        assert isinstance(app.screen.focused, Input)
        assert app.screen.query_one("#form-job-title").value == "UX Researcher"


# -- 21. the queue's highlight starts on the most urgent row ---------------------------------

async def test_coming_back_to_the_queue_highlights_the_most_urgent(store, make_app, clock) -> None:
    from tests.builders import followup

    followup(store, clock, "Someday maybe", days=20)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert app.screen.item.title == "Someday maybe"
        await pilot.press("1")
        await settle(pilot)
        followup(store, clock, "Very late", days=-5)  # queued elsewhere (a wrap-up, an ask)
        followup(store, clock, "Due today", days=0)
        app.notify_data_changed()
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert app.screen.item.title == "Very late"
        assert app.screen.query_one("#followups-list").cursor == 0
