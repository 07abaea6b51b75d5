"""Snapshot tests of the Contacts section (SVGs under tests/__snapshots__/)."""

from __future__ import annotations

import pytest

from netnet.screenshots import settle as _settle


def _keys(*keys, contact: str | None = None):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        if contact is not None:
            from netnet.widgets.contact_table import ContactTable

            table = pilot.app.screen.query_one(ContactTable)
            table.cursor = next(i for i, r in enumerate(table.rows) if r.display_name == contact)
            await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await _settle(pilot)

    return run_before


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_contact_list(snap_compare, demo_store, make_app, size) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=size, run_before=_keys())


def test_losing_touch(snap_compare, demo_store, make_app) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(120, 36), run_before=_keys("o"))


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_contact_page(snap_compare, demo_store, make_app, size) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=size,
                        run_before=_keys("enter", contact="Maria Lindqvist"))


def test_add_form(snap_compare, demo_store, make_app) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(120, 36), run_before=_keys("a"))


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_edit_form_with_a_mistake(snap_compare, demo_store, make_app, size) -> None:
    keys = ("e", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", *"joe@", "tab")
    assert snap_compare(make_app(demo_store), terminal_size=size,
                        run_before=_keys(*keys, contact="Tom Becker"))


def test_log_interaction(snap_compare, demo_store, make_app) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(120, 36),
                        run_before=_keys("enter", "l", "m", *"Coffee", contact="Joe Okafor"))


def test_merge_duplicates(snap_compare, demo_store, make_app, clock) -> None:
    from netnet.data.contacts import ContactInput, Method, create_contact

    create_contact(demo_store, ContactInput("Maria Lindquist", given_name="Maria", family_name="Lindquist",
                                            organisation="Harbour Health"), clock)
    create_contact(demo_store, ContactInput("J. Okafor", methods=[Method("email", "joe.okafor@example.org")]),
                   clock)
    assert snap_compare(make_app(demo_store), terminal_size=(120, 36), run_before=_keys("M"))
