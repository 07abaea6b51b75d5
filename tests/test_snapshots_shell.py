"""Snapshot tests of the shell's screens (SVGs under tests/__snapshots__/)."""

from __future__ import annotations

import pytest

from netnet.screenshots import settle as _settle


def _press_then_settle(*keys):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        pilot.app.clear_notifications()  # the start-up "overdue" notice would cover the list
        if keys:
            await pilot.press(*keys)
            await _settle(pilot)

    return run_before


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_contacts_list(snap_compare, demo_store, make_app, size) -> None:
    assert snap_compare(make_app(demo_store, demo=True), terminal_size=size, run_before=_press_then_settle())


def test_contacts_search(snap_compare, demo_store, make_app) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(120, 36),
                        run_before=_press_then_settle("slash", *"harbour"))


def test_empty_network(snap_compare, store, make_app) -> None:
    assert snap_compare(make_app(store), terminal_size=(80, 24), run_before=_press_then_settle())


@pytest.mark.parametrize("size", [(100, 36), (80, 24)], ids=["100x36", "80x24"])
def test_settings(snap_compare, demo_store, make_app, size) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=size, run_before=_press_then_settle("f2"))


def test_help_panel(snap_compare, demo_store, make_app) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(120, 36), run_before=_press_then_settle("f1"))
