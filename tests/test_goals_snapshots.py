"""Snapshot tests of the Goals section (SVGs under tests/__snapshots__/)."""

from __future__ import annotations

import pytest

from netnet.screenshots import settle as _settle


def _drive(*keys: str, target: str | None = None, after: tuple[str, ...] = ()):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("2")
        await _settle(pilot)
        if keys:
            await pilot.press(*keys)
            await _settle(pilot)
        if target is not None:
            from textual.widgets import DataTable

            screen = pilot.app.screen
            row = next(i for i, t in enumerate(screen.detail.targets) if t.label == target)
            screen.query_one("#goal-targets", DataTable).move_cursor(row=row)
            await pilot.pause()
        if after:
            await pilot.press(*after)
            await _settle(pilot)

    return run_before


TITLE_TARGET = "Clinical Data Analyst at Open Health Institute"


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_goals_list(snap_compare, demo_store, make_app, size) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=size, run_before=_drive())


def test_goal_with_targets(snap_compare, demo_store, make_app) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(120, 36),
                        run_before=_drive("enter", target=TITLE_TARGET))


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_referral_finder(snap_compare, demo_store, make_app, size) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=size,
                        run_before=_drive("enter", target="Northwind Analytics", after=("r",)))


def test_plan(snap_compare, demo_store, make_app) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(120, 36), run_before=_drive("p"))
