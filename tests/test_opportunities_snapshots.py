"""Snapshot tests of the Opportunities section, an opportunity's page, its form, and a goal's page
with its opportunities (SVGs under tests/__snapshots__/), from the demo network."""

from __future__ import annotations

import pytest

from netnet.screenshots import settle as _settle

DISCHARGE = "Discharge-delay prediction project"


def _drive(*keys: str, on: str | None = None, section: str = "5"):
    async def run_before(pilot) -> None:
        from netnet.widgets.opportunity_list import OpportunityList

        await _settle(pilot)
        await pilot.press(section)
        await _settle(pilot)
        if on is not None:
            listing = pilot.app.screen.query_one(OpportunityList)
            listing.cursor = next(i for i, v in enumerate(listing.items) if v.title == on)
            await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await _settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_opportunities_list(snap_compare, demo_store, make_app, size) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=size, run_before=_drive())


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_opportunity_page(snap_compare, demo_store, make_app, size) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=size, run_before=_drive("enter", on=DISCHARGE))


def test_opportunity_form(snap_compare, demo_store, make_app) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=_drive("e", on=DISCHARGE))


def test_close_dialog(snap_compare, demo_store, make_app) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=_drive("c", on=DISCHARGE))


def test_an_empty_section(snap_compare, store, make_app) -> None:
    assert snap_compare(make_app(store), terminal_size=(80, 24), run_before=_drive())


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_goal_page_with_its_opportunities(snap_compare, demo_store, make_app, size) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=size, run_before=_drive("enter", section="2"))
