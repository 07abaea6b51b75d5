"""Snapshot tests of the follow-up queue (SVGs under tests/__snapshots__/)."""

from __future__ import annotations

import pytest

from netnet.screenshots import settle as _settle


def _queue_then(*keys):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("4")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await _settle(pilot)
        pilot.app.clear_notifications()  # the start-up notice is tested on its own
        if keys:
            await pilot.press(*keys)
            await _settle(pilot)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_queue_overdue_today_and_later(snap_compare, demo_store, make_app, size) -> None:
    assert snap_compare(make_app(demo_store, demo=True), terminal_size=size, run_before=_queue_then())


def test_queue_scrolled_to_later(snap_compare, demo_store, make_app) -> None:
    assert snap_compare(make_app(demo_store, demo=True), terminal_size=(80, 24), run_before=_queue_then("end"))


def test_checkin_message(snap_compare, demo_store, make_app) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24),
                        run_before=_queue_then("down", "down", "m"))


def test_snooze_dialog(snap_compare, demo_store, make_app) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=_queue_then("s", *"fri"))
