"""Snapshots: each wizard step, the call at 15:00, at 1:30 left and in overtime, the wrap-up, the list."""

from __future__ import annotations

from netnet.data import interviews as svc
from netnet.data import opportunities
from netnet.screenshots import settle as settle_workers


async def settle(pilot) -> None:
    await settle_workers(pilot)
    pilot.app.clear_notifications()  # toasts from other sections are not what these pictures show
    await pilot.pause()


async def _wizard(pilot, step: int) -> None:
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await pilot.press(*"maria")
    await settle(pilot)
    if step == 0:
        return
    await pilot.press("enter")  # Maria Lindqvist
    await settle(pilot)
    if step == 1:
        return
    await pilot.press("f4")
    await settle(pilot)
    if step == 2:
        return
    await pilot.press("f4")
    await settle(pilot)


def test_wizard_step_who(snap_compare, demo_store, make_app) -> None:
    async def run_before(pilot) -> None:
        await _wizard(pilot, 0)

    assert snap_compare(make_app(demo_store), run_before=run_before, terminal_size=(80, 24))


def test_wizard_step_when(snap_compare, demo_store, make_app) -> None:
    async def run_before(pilot) -> None:
        await _wizard(pilot, 1)

    assert snap_compare(make_app(demo_store), run_before=run_before, terminal_size=(80, 24))


def test_wizard_step_purpose(snap_compare, demo_store, make_app) -> None:
    async def run_before(pilot) -> None:
        await _wizard(pilot, 2)

    assert snap_compare(make_app(demo_store), run_before=run_before, terminal_size=(80, 24))


def test_wizard_step_questions(snap_compare, demo_store, make_app) -> None:
    async def run_before(pilot) -> None:
        await _wizard(pilot, 3)

    assert snap_compare(make_app(demo_store), run_before=run_before, terminal_size=(100, 30))


def _call_app(demo_store, clock, make_app):
    iid = svc.quick_call(demo_store, clock, "Maria Lindqvist")
    return make_app(demo_store, initial_call=iid)


def test_call_at_fifteen_minutes(snap_compare, demo_store, clock, make_app) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)

    assert snap_compare(_call_app(demo_store, clock, make_app), run_before=run_before, terminal_size=(80, 24))


def test_call_at_one_thirty_left(snap_compare, demo_store, clock, make_app) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(*"Most analysts came from operations")
        clock.advance(13 * 60 + 30)
        await pilot.press("f5", "f5", "f6", *"Hiring is by referral")
        pilot.app.screen.tick()
        await settle(pilot)

    assert snap_compare(_call_app(demo_store, clock, make_app), run_before=run_before, terminal_size=(100, 30))


def test_call_capture_choice(snap_compare, demo_store, clock, make_app) -> None:
    """F8: one key for an action item, one for an opportunity, at 80x24."""
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(*"They are starting a data team")
        clock.advance(4 * 60 + 12)
        pilot.app.screen.tick()
        await pilot.press("f8")
        await settle(pilot)

    assert snap_compare(_call_app(demo_store, clock, make_app), run_before=run_before, terminal_size=(80, 24))


def test_call_capture_opportunity(snap_compare, demo_store, clock, make_app) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        clock.advance(4 * 60 + 12)
        pilot.app.screen.tick()
        await pilot.press("f8", "o", *"Data analyst, new team", "tab", *"Harbour Health")
        await settle(pilot)

    assert snap_compare(_call_app(demo_store, clock, make_app), run_before=run_before, terminal_size=(80, 24))


def test_call_in_overtime(snap_compare, demo_store, clock, make_app) -> None:
    async def run_before(pilot) -> None:
        pilot.app.bell = lambda: None
        await settle(pilot)
        clock.advance(16 * 60 + 5)
        pilot.app.screen.tick()
        await settle(pilot)
        pilot.app.screen.query_one("#call-countdown").remove_class("-flash")
        await settle(pilot)

    assert snap_compare(_call_app(demo_store, clock, make_app), run_before=run_before, terminal_size=(80, 24))


def test_wrapup(snap_compare, demo_store, clock, make_app) -> None:
    iid = svc.quick_call(demo_store, clock, "Carlos Mendes")
    svc.capture_person(demo_store, clock, iid, "Rita Gomez")
    opportunities.capture_in_call(demo_store, clock, iid, "Analyst, discharge project",
                                  organisation="Harbour Health", seconds=190)
    clock.advance(14 * 60)
    svc.end_call(demo_store, clock, iid, elapsed=14 * 60,
                 notes="[03:10] The discharge project needs an analyst by March.\n[07:45] Learn dbt and SQL.")
    svc.add_plan_item(demo_store, clock, iid, "Learn dbt", horizon="short")

    async def run_before(pilot) -> None:
        from netnet.screens.wrapup import WrapupScreen

        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        pilot.app.push_screen(WrapupScreen(iid))
        await settle(pilot)

    assert snap_compare(make_app(demo_store), run_before=run_before, terminal_size=(100, 40))


def test_interview_list(snap_compare, demo_store, make_app) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)

    assert snap_compare(make_app(demo_store), run_before=run_before, terminal_size=(80, 24))
