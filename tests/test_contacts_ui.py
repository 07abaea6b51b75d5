"""Pilot tests of the Contacts section: add, edit with bad input, delete and undo, trash,
search, sort and filters, losing touch, the contact page, logging, merge, forget."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input, Static

from netnet.data import contacts as svc
from netnet.data.contacts import ContactInput, Method
from netnet.screens.contact import ContactScreen
from netnet.screens.contact_dialogs import FilterScreen, LogInteractionScreen
from netnet.screens.contact_form import ContactFormScreen
from netnet.screens.dialogs import ConfirmDialog
from netnet.screens.merge import MergeScreen
from netnet.screenshots import settle
from netnet.widgets.contact_table import ContactTable


def table(app) -> ContactTable:
    return app.screen.query_one(ContactTable)


def names(app) -> list[str]:
    return [r.display_name for r in table(app).rows]


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def goto(pilot, name: str) -> None:
    rows = table(pilot.app).rows
    table(pilot.app).cursor = next(i for i, r in enumerate(rows) if r.display_name == name)
    await pilot.pause()


async def type_into(pilot, selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector, Input)
    widget.focus()
    widget.value = ""
    await pilot.pause()
    await pilot.press(*text) if text else None
    await pilot.pause()


async def test_add_a_person_checking_as_you_type(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ContactFormScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "needs a name" in text_of(form, "#form-error-display_name")
        await pilot.press(*"Wanda Zwick")
        await type_into(pilot, "#form-emails", "wanda@")
        assert "not an e-mail address" in text_of(form, "#form-error-emails")
        await pilot.press(*"zwick.example")
        await pilot.pause()
        assert text_of(form, "#form-error-emails") == ""
        await type_into(pilot, "#form-tags", "mentor, rotary")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ContactFormScreen)
        assert "Wanda Zwick" in names(app)
        assert table(app).rows[table(app).cursor].display_name == "Wanda Zwick"
    created = next(r for r in svc.list_contacts(demo_store) if r.display_name == "Wanda Zwick")
    detail = svc.get_contact(demo_store, created.id)
    assert detail.emails == ["wanda@zwick.example"] and detail.tags == ["mentor", "rotary"]


async def test_edit_with_invalid_input_saves_nothing_and_loses_nothing(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await goto(pilot, "Joe Okafor")
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#form-display_name", Input).value == "Joe Okafor"
        await type_into(pilot, "#form-title", "Head of Operations")
        await type_into(pilot, "#form-phones", "555-CALL-JOE")
        assert "not a phone number" in text_of(form, "#form-error-phones")
        await type_into(pilot, "#form-display_name", "")
        assert "needs a name" in text_of(form, "#form-error-display_name")
        await type_into(pilot, "#form-ideal", "60")
        await type_into(pilot, "#form-max", "30")
        assert "at least the ideal" in text_of(form, "#form-error-max")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "3 fields need a fix" in text_of(form, "#form-summary")
        assert form.query_one("#form-title", Input).value == "Head of Operations"
        joe = next(r for r in svc.list_contacts(demo_store) if r.display_name == "Joe Okafor")
        assert svc.get_contact(demo_store, joe.id).title == "Operations Manager"  # nothing saved yet
        await type_into(pilot, "#form-display_name", "Joe Okafor")
        await type_into(pilot, "#form-phones", "+1 555 010 2233, 555 0100")
        await type_into(pilot, "#form-max", "90")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
    detail = svc.get_contact(demo_store, joe.id)
    assert detail.title == "Head of Operations" and detail.phones == ["+1 555 010 2233", "555 0100"]
    assert (detail.ideal_days, detail.max_days) == (60, 90)
    assert detail.emails == ["joe.okafor@example.org"] and detail.notes.startswith("Knows everyone")


async def test_introduced_by_is_picked_by_typing_a_name(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await goto(pilot, "Tom Becker")
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        await pilot.press(*"grace")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Grace Liu" in str(app.screen.query_one("#form-introducer").label)
        await pilot.press("ctrl+s")
        await settle(pilot)
    ids = {r.display_name: r.id for r in svc.list_contacts(demo_store)}
    assert svc.get_contact(demo_store, ids["Tom Becker"]).introduced_by_id == ids["Grace Liu"]


async def test_delete_asks_once_and_undo_brings_them_back(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        everyone = len(names(app))
        await goto(pilot, "Linda Marsh")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert "Linda Marsh" in names(app)
        await pilot.press("d", "y")
        await settle(pilot)
        assert "Linda Marsh" not in names(app) and len(names(app)) == everyone - 1
        await pilot.press("u")
        await settle(pilot)
        assert "Linda Marsh" in names(app) and len(names(app)) == everyone


async def test_trash_view_restores_and_empties(demo_store, make_app, clock) -> None:
    ids = {r.display_name: r.id for r in svc.list_contacts(demo_store)}
    everyone = len(ids)
    svc.trash_contacts(demo_store, [ids["Ivy Brooks"], ids["Tariq Ali"]], clock)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert names(app) == ["Tariq Ali", "Ivy Brooks"]
        assert "Trash: 2 people" in text_of(app.screen, "#contacts-status")
        await pilot.press("r")
        await settle(pilot)
        assert names(app) == ["Ivy Brooks"]
        await pilot.press("X")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog) and app.screen.danger
        await pilot.press("y")
        await settle(pilot)
        assert names(app) == []
        await pilot.press("t")
        await settle(pilot)
        assert len(names(app)) == everyone - 1  # Tariq is back, Ivy is gone for good
    assert svc.get_contact(demo_store, ids["Ivy Brooks"]) is None
    assert svc.get_contact(demo_store, ids["Tariq Ali"]).deleted_at is None


async def test_search_with_accents_and_a_typo(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"lucja")
        await settle(pilot)
        assert names(app) == ["Łucja Wiśniewska"]
        await pilot.press(*["backspace"] * 5, *"c++ NEAR( zz\"")
        await settle(pilot)
        assert names(app) == []
        assert f"0 of {svc.count_contacts(demo_store)}" in text_of(app.screen, "#contacts-status")
        app.screen.query_one("#contacts-search", Input).value = ""
        await pilot.press(*"lindqvsit")
        await settle(pilot)
        assert names(app)[0] == "Maria Lindqvist"
        assert "close matches" in text_of(app.screen, "#contacts-status")


async def test_sort_filter_and_losing_touch(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert names(app)[0] == "Nora O'Brien"  # 5 days ago: the most recent
        assert "by last interaction" in text_of(app.screen, "#contacts-status")
        await pilot.press("s")
        await settle(pilot)
        late = [table(app).touch(r) for r in table(app).rows]
        # ‼ overdue before ! due, then the most days past the ideal interval (issue 14, item 23)
        keys = [(state.value != "red", -d) for state, d in late]
        assert keys == sorted(keys)
        await pilot.press("s")
        await settle(pilot)
        assert names(app)[0] == "Ben Adeyemi"
        await pilot.press("o")
        await settle(pilot)
        losing = names(app)
        assert "Chloé Dubois" in losing and "Maria Lindqvist" not in losing
        late = [table(app).touch(r) for r in table(app).rows]
        keys = [(state.value != "red", -d) for state, d in late]
        assert keys == sorted(keys)  # most overdue first: ‼ overdue before ! due, then the most days late
        assert all(table(app).touch(r)[0].value in ("amber", "red") for r in table(app).rows)
        assert "most overdue first" in text_of(app.screen, "#contacts-status")
        assert app.screen.sub_title == "Losing touch"
        await pilot.press("o")
        await settle(pilot)
        assert app.screen.sub_title is None  # the header shows the app's counts again
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)
        app.screen.query_one("#filter-circle").value = "family"
        app.screen.query_one("#filter-connector").value = False
        await pilot.press("ctrl+s")
        await settle(pilot)
        family = {r.display_name for r in svc.list_contacts(demo_store) if r.circle == "family"}
        assert {"Grace Liu", "Tom Becker", "Nora O'Brien", "Ruth Okonkwo"} <= family
        assert set(names(app)) == family
        assert "circle: family" in text_of(app.screen, "#contacts-status")
        await pilot.press("f")
        await settle(pilot)
        app.screen.query_one("#filter-tag").value = "alumni"
        app.screen.query_one("#filter-circle").clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        alumni = {r.display_name for r in svc.list_contacts(demo_store)
                  if "alumni" in svc.get_contact(demo_store, r.id).tags}
        assert {"Priya Natarajan", "Chloé Dubois", "Aisha Bello", "Lars Eriksen", "Amara Nwosu"} <= alumni
        assert set(names(app)) == alumni
        await pilot.press("f", "ctrl+r")
        await settle(pilot)
        app.screen.query_one(ContactTable).focus()
        await pilot.press("f")
        await settle(pilot)
        app.screen.query_one("#filter-connector").value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert set(names(app)) == {"Father Tomás Rivera", "Linda Marsh", "Dee Franklin", "Sam Ortega",
                                   "Elena Petrova", "Rosa Martínez"}


async def test_contact_page_and_logging_an_interaction_in_a_few_keys(demo_store, make_app, clock) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await goto(pilot, "Maria Lindqvist")
        await pilot.press("enter")
        await settle(pilot)
        page = app.screen
        assert isinstance(page, ContactScreen)
        chain = text_of(page, "#contact-chain")
        assert "you → Joe Okafor → Maria Lindqvist" in chain
        assert "Carlos Mendes" in chain and "Søren Kjær" in chain
        work_text = text_of(page, "#contact-work")
        assert "interviewed" in work_text and "Thank Maria for introducing Carlos" in work_text
        assert "information interview" in text_of(page, "#contact-timeline")
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LogInteractionScreen)
        await pilot.press("k", *"Sent a note about the course", "enter")
        await settle(pilot)
        assert app.screen is page
        timeline = text_of(page, "#contact-timeline")
        first = timeline.splitlines()[2]
        assert "check-in" in first and "Sent a note about the course" in first
        # Open the person who introduced her, from the People list.
        page.query_one("#contact-people").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactScreen) and app.screen.page.detail.display_name == "Joe Okafor"
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert app.screen.query(ContactTable)
    ids = {r.display_name: r.id for r in svc.list_contacts(demo_store)}
    assert svc.get_contact(demo_store, ids["Maria Lindqvist"]).last_interaction_at == clock.now()


async def test_log_with_a_past_day(demo_store, make_app, clock) -> None:
    app = make_app(demo_store)
    ids = {r.display_name: r.id for r in svc.list_contacts(demo_store)}
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_contact(ids["Tom Becker"])
        await settle(pilot)
        await pilot.press("l", "c", *"Called about the roof")
        app.screen.query_one("#log-when", Input).value = "next week"
        await pilot.pause()
        assert "not a day" in text_of(app.screen, "#log-error")
        app.screen.query_one("#log-when", Input).value = "3 days ago"
        await pilot.press("ctrl+s")
        await settle(pilot)
    timeline = svc.interactions(demo_store, ids["Tom Becker"])
    assert timeline[0].kind == "call" and timeline[0].notes == "Called about the roof"
    assert timeline[0].occurred_at.date() == (clock.now() - timedelta(days=3)).date()


async def test_forget_asks_clearly_then_removes_every_trace(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await goto(pilot, "Amara Nwosu")
        await pilot.press("F")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog) and dialog.danger
        assert "cannot be undone" in text_of(dialog, "#confirm-body")  # the danger said in words
        assert "⚠ Forget for good" in str(dialog.query_one("#confirm-yes").label)
        await pilot.press("n")  # the same keys as every question: n or Escape keeps her
        await settle(pilot)
        assert "Amara Nwosu" in names(app)
        await pilot.press("F", "enter")  # y or Enter: yes
        await settle(pilot)
        assert "Amara Nwosu" not in names(app)
        await pilot.press("t")
        await settle(pilot)
        assert names(app) == []
    assert svc.search_ids(demo_store, "amara") == []


async def test_merge_duplicates_and_undo(demo_store, make_app, clock) -> None:
    ids = {r.display_name: r.id for r in svc.list_contacts(demo_store)}
    twin = svc.create_contact(demo_store, ContactInput(
        "Joe Okafor", given_name="Joe", family_name="Okafor", nickname="JoJo",
        methods=[Method("email", "JOE.OKAFOR@example.org"), Method("phone", "555 0111")]), clock)
    svc.log_interaction(demo_store, twin, "message", clock, notes="Texted about climbing")
    with_twin = svc.count_contacts(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert len(names(app)) == with_twin
        await pilot.press("M")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MergeScreen)
        assert screen.pairs[0].pair.reason == "same e-mail address"
        assert screen.pairs[0].first.id == ids["Joe Okafor"]
        await pilot.press("m")
        await settle(pilot)
        assert all(twin not in (c.pair.first, c.pair.second) for c in screen.pairs)
        detail = svc.get_contact(demo_store, ids["Joe Okafor"])
        assert detail.nickname == "JoJo" and "555 0111" in detail.phones
        assert svc.count_contacts(demo_store) == with_twin - 1
        await pilot.press("u")
        await settle(pilot)
        assert svc.count_contacts(demo_store) == with_twin
        assert svc.get_contact(demo_store, ids["Joe Okafor"]).nickname == ""
        await pilot.press("escape")
        await settle(pilot)
        assert len(names(app)) == with_twin


async def test_palette_lists_the_contact_actions(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Add a person", "Edit contact", "Delete or remove contact (to the trash)", "Undo the last delete",
                "Sort contacts", "Filter contacts", "Losing touch", "Show the trash", "Merge duplicates",
                "Forget a person for good", "Search contacts"} <= titles
        await pilot.press("enter")
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Log an interaction", "Edit this contact", "Delete or remove this contact (to the trash)",
                "Forget this person for good", "Back"} <= titles


async def test_every_binding_has_an_id_description_and_tooltip() -> None:
    from netnet.screens import contact, contact_dialogs, contact_form, contacts, merge

    classes = [contacts.ContactsScreen, contact.ContactScreen, contact_form.ContactFormScreen,
               merge.MergeScreen, contact_dialogs.LogInteractionScreen,
               contact_dialogs.PickContactScreen, contact_dialogs.FilterScreen]
    for cls in classes:
        assert cls.HELP.strip()
        for binding in cls.BINDINGS:
            assert binding.id and binding.description and binding.tooltip, (cls.__name__, binding.key)
