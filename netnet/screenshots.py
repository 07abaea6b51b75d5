"""Regenerate screenshots/ with an SVG of every screen, from the demo network.

    python -m netnet.screenshots [--out screenshots]

Each area adds its screens to SHOTS: a name, a terminal size and an async
function that drives the app (through a Textual pilot) to that screen.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from netnet.core.clock import FakeClock

SHOT_TIME = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Shot:
    name: str
    drive: Callable[[object], Awaitable[None]]  # receives the Pilot
    size: tuple[int, int] = (120, 36)
    prepare: Callable[[object, FakeClock], None] | None = None  # receives the store before the app starts


async def settle(pilot) -> None:
    """Wait until every worker has finished and the screen has been drawn.

    An exclusive worker replaced by a newer one ends cancelled, and a worker that
    failed has finished too (the app's router reports it); either only means:
    wait again.
    """
    from textual.worker import WorkerCancelled, WorkerFailed

    for _ in range(3):
        try:
            await pilot.app.workers.wait_for_complete()
        except (WorkerCancelled, WorkerFailed):  # finished all the same (the app reports a failure)
            pass
        await pilot.pause()


async def _contacts(pilot) -> None:
    await settle(pilot)


async def _contacts_small(pilot) -> None:
    await settle(pilot)


async def _search(pilot) -> None:
    await settle(pilot)
    await pilot.press("slash", *"harbour")
    await settle(pilot)


async def _settings(pilot) -> None:
    await settle(pilot)
    await pilot.press("f2")
    await settle(pilot)


async def _help(pilot) -> None:
    await settle(pilot)
    await pilot.press("f1")
    await settle(pilot)


async def _goals(pilot) -> None:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)


def _goal_target(label: str, *keys: str):
    async def drive(pilot) -> None:
        from textual.widgets import DataTable

        await _goals(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = pilot.app.screen
        row = next(i for i, t in enumerate(screen.detail.targets) if t.label == label)
        screen.query_one("#goal-targets", DataTable).move_cursor(row=row)
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return drive


def _learned(*keys: str):
    """The first goal's "What I've learned", then ``keys`` (a search within)."""

    async def drive(pilot) -> None:
        await _goals(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("w", *keys)
        pilot.app.clear_notifications()
        await settle(pilot)

    return drive


async def _who_told_me(pilot) -> None:
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    await pilot.press("w", *"carlos")
    pilot.app.clear_notifications()
    await settle(pilot)


async def _plan(pilot) -> None:
    await _goals(pilot)
    await pilot.press("p")
    await settle(pilot)


def _followups(*keys: str):
    async def drive(pilot) -> None:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        pilot.app.clear_notifications()
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return drive


def _followup_on(title_start: str, *keys: str):
    """Follow-ups with the cursor on the first item whose title starts so, then ``keys``."""

    async def drive(pilot) -> None:
        from netnet.widgets.followup_list import FollowupList

        await _followups()(pilot)
        queue = pilot.app.screen.query_one(FollowupList)
        queue.cursor = next(i for i, item in enumerate(queue.items) if item.title.startswith(title_start))
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return drive


def _interviews(*steps: str, wizard_step: int | None = None):
    """The Interviews section, optionally into the wizard up to a step."""

    async def drive(pilot) -> None:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        if wizard_step is not None:
            await pilot.press("n", *"maria")
            await settle(pilot)
            if wizard_step >= 1:
                await pilot.press("enter")
                await settle(pilot)
            for _ in range(max(0, wizard_step - 1)):
                await pilot.press("f4")
                await settle(pilot)
        pilot.app.clear_notifications()
        await settle(pilot)

    return drive


def _call(seconds: float, name: str = "Maria Lindqvist"):
    """A live call, ``seconds`` into it, with a few notes."""

    async def drive(pilot) -> None:
        from netnet.data.interviews import quick_call
        from netnet.screens.call import open_call

        app = pilot.app
        app.bell = lambda: None
        await settle(pilot)
        open_call(app, quick_call(app.store, app.clock, name))
        await settle(pilot)
        await pilot.press(*"Most analysts came from clinical or operations roles.", "enter")
        app.clock.advance(seconds)
        await pilot.press("f5", "f6", *"Hiring: referrals first, then a take-home.")
        app.screen.tick()
        app.screen.query_one("#call-countdown").remove_class("-flash")
        app.clear_notifications()
        await settle(pilot)

    return drive


async def _wrapup(pilot) -> None:
    from netnet.data.interviews import capture_person, end_call, quick_call
    from netnet.screens.wrapup import WrapupScreen

    app = pilot.app
    await settle(pilot)
    iid = quick_call(app.store, app.clock, "Carlos Mendes")
    capture_person(app.store, app.clock, iid, "Rita Gomez", organisation="Harbour Health")
    app.clock.advance(14 * 60)
    end_call(app.store, app.clock, iid, elapsed=14 * 60,
             notes="[03:10] The discharge project needs an analyst by March.\n[07:45] Learn dbt and SQL.")
    await pilot.press("3")
    await settle(pilot)
    app.push_screen(WrapupScreen(iid))
    app.clear_notifications()
    await settle(pilot)


def _contact_shot(name: str | None, *keys: str):
    """Contacts: put the cursor on ``name`` (if given), press ``keys``, hide start-up notices."""

    async def drive(pilot) -> None:
        from netnet.widgets.contact_table import ContactTable

        await settle(pilot)
        pilot.app.clear_notifications()
        if name is not None:
            table = pilot.app.screen.query_one(ContactTable)
            table.cursor = next(i for i, r in enumerate(table.rows) if r.display_name == name)
            await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return drive


async def _merge(pilot) -> None:
    from netnet.data.contacts import ContactInput, Method, create_contact

    app = pilot.app
    await settle(pilot)  # let the first load finish: a refresh now would cancel it
    create_contact(app.store, ContactInput("Maria Lindquist", given_name="Maria", family_name="Lindquist",
                                           organisation="Harbour Health", title="Data Lead"), app.clock)
    create_contact(app.store, ContactInput("J. Okafor", methods=[Method("email", "joe.okafor@example.org")]),
                   app.clock)
    app.notify_data_changed()
    await _contact_shot(None, "M")(pilot)


def _opportunities(on: str | None = None, *keys: str):
    """Opportunities (section 5): the cursor on ``on`` (if given), then ``keys``."""

    async def drive(pilot) -> None:
        from netnet.widgets.opportunity_list import OpportunityList

        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        if on is not None:
            listing = pilot.app.screen.query_one(OpportunityList)
            listing.cursor = next(i for i, v in enumerate(listing.items) if v.title == on)
            await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return drive


def _typing_left_behind(store, clock) -> None:
    """What a SIGHUP in the middle of two forms leaves for the next start."""
    from netnet.data import drafts
    from netnet.data.followups import find_contact_by_name

    joe = find_contact_by_name(store, "Joe Okafor")
    drafts.keep(store, "contact-form", "Add a person — Priya Shah", {"contact_id": None},
                {"form-display_name": "Priya Shah", "form-organisation": "Northwind Analytics"}, clock)
    drafts.keep(store, "log-interaction", "Log an interaction with Joe Okafor", {"contact_id": joe, "name": "Joe Okafor"},
                {"log-notes": "Coffee by the harbour: he suggested Priya"}, clock)


SHOTS: list[Shot] = [
    Shot("contacts", _contacts),
    Shot("contacts-80x24", _contacts_small, (80, 24)),
    Shot("contacts-search", _search),
    Shot("settings", _settings, (100, 36)),
    Shot("help", _help),
    Shot("goals", _goals),
    Shot("goals-80x24", _goals, (80, 24)),
    Shot("goal-targets", _goal_target("Clinical Data Analyst at Open Health Institute")),
    Shot("goal-referral", _goal_target("Northwind Analytics", "r")),
    Shot("goal-referral-moved", _goal_target("Clinical Data Analyst at Open Health Institute", "r")),
    Shot("goal-plan", _plan),
    Shot("goal-learned", _learned()),
    Shot("goal-learned-80x24", _learned("slash", *"sql"), (80, 24)),
    Shot("notes-search", _who_told_me),
    Shot("followups", _followups()),
    Shot("followups-80x24", _followups(), (80, 24)),
    Shot("followups-message", _followups("down", "down", "m"), (100, 30)),
    Shot("followups-congratulation", _followup_on("Congratulate")),
    Shot("followups-congratulation-message", _followup_on("Congratulate", "m"), (100, 30)),
    Shot("followups-birthday", _followup_on("Wish", "m"), (100, 30)),
    Shot("contact-page", _contact_shot("Maria Lindqvist", "enter")),
    Shot("contact-page-80x24", _contact_shot("Maria Lindqvist", "enter"), (80, 24)),
    Shot("contact-page-jobs", _contact_shot("Jan Nowak", "enter")),
    Shot("contact-form", _contact_shot("Joe Okafor", "e")),
    Shot("contact-log", _contact_shot("Joe Okafor", "enter", "l", "m", *"Coffee by the harbour")),
    Shot("losing-touch", _contact_shot(None, "o")),
    Shot("merge", _merge),
    Shot("interviews", _interviews()),
    Shot("interview-prep-who", _interviews(wizard_step=0), (80, 24)),
    Shot("interview-prep-when", _interviews(wizard_step=1), (80, 24)),
    Shot("interview-prep-purpose", _interviews(wizard_step=2), (80, 24)),
    Shot("interview-prep-questions", _interviews(wizard_step=3)),
    Shot("call", _call(2 * 60 + 19)),
    Shot("call-80x24", _call(2 * 60 + 19), (80, 24)),
    Shot("call-last-minutes", _call(13 * 60 + 30)),
    Shot("call-overtime", _call(16 * 60 + 5)),
    Shot("wrapup", _wrapup, (120, 40)),
    Shot("drafts-offered", settle, (80, 24), _typing_left_behind),
    Shot("opportunities", _opportunities()),
    Shot("opportunities-80x24", _opportunities(), (80, 24)),
    Shot("opportunity-page", _opportunities("Discharge-delay prediction project", "enter")),
    Shot("opportunity-form", _opportunities("Discharge-delay prediction project", "e"), (80, 24)),
    Shot("opportunity-referral", _opportunities("Discharge-delay prediction project", "r")),
]


async def take(shot: Shot, out: Path) -> Path:
    from netnet.app import NetnetApp
    from netnet.data.store import Store
    from netnet.demo import build_demo

    folder = Path(tempfile.mkdtemp(prefix="netnet-shot-"))
    try:
        clock = FakeClock(SHOT_TIME)
        store = Store(folder / "netnet.db")
        build_demo(store, clock)
        if shot.prepare is not None:
            shot.prepare(store, clock)
        app = NetnetApp(store, clock=clock, demo=True, poll_interval=0, blink=False)
        async with app.run_test(size=shot.size) as pilot:
            await shot.drive(pilot)
            target = out / f"{shot.name}.svg"
            app.save_screenshot(filename=target.name, path=str(out))
        store.close()
        return target
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="screenshots", help="folder for the SVG files")
    parser.add_argument("names", nargs="*", help="only these screens")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for shot in SHOTS:
        if args.names and shot.name not in args.names:
            continue
        path = asyncio.run(take(shot, out))
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
