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
