"""Job changes and birthdays on screen: the contact page's employment history and timeline, a
congratulation in the queue (its message names the new role; done restarts the clock), the
goal page's news, and the birthday settings. Pilot tests drive the keys; snapshot tests
(SVGs under tests/__snapshots__/) keep the look."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from netnet.data import followups as fu
from netnet.data.contacts import interactions
from netnet.data.settings import load_settings
from netnet.importing import import_file
from netnet.screens.contact import ContactScreen
from netnet.screens.settings import SettingsScreen
from netnet.screenshots import settle
from netnet.widgets.followup_list import FollowupList
from tests import builders

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def _moved(store, clock, tmp_path: Path) -> int:
    """Dana, a friend, in last month's file at Northwind Analytics and in this month's at Lumen Bank."""
    def export(folder: str, company: str, title: str) -> Path:
        path = tmp_path / folder / "Connections.csv"
        path.parent.mkdir()
        path.write_text(f"{HEADER}\nDana,Whitfield,https://www.linkedin.com/in/dana-whitfield,,{company},{title},"
                        "12 Mar 2021\n", encoding="utf-8")
        return path

    now = clock.wall
    clock.wall = now - timedelta(days=31)
    import_file(store, "linkedin", export("october", "Northwind Analytics", "Analytics Lead"), clock)
    clock.wall = now
    with store.write() as conn:
        dana = conn.execute("SELECT id FROM contact").fetchone().id
        conn.execute("UPDATE contact SET circle = 'friend' WHERE id = :id", {"id": dana})
    import_file(store, "linkedin", export("november", "Lumen Bank", "Head of Data"), clock)
    return dana


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_the_contact_page_shows_the_employment_history(store, clock, make_app, tmp_path) -> None:
    dana = _moved(store, clock, tmp_path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_contact(dana)
        await settle(pilot)
        page = app.screen
        assert isinstance(page, ContactScreen)
        work = " ".join(text_of(page, "#contact-work").split())
        assert "Employment history" in work
        assert ("seen 27 Nov: Analytics Lead at Northwind Analytics → Head of Data at Lumen Bank "
                "(Connections.csv)") in work
        assert "Congratulate Dana Whitfield on joining Lumen Bank" in work  # what is owed to her
        timeline = " ".join(text_of(page, "#contact-timeline").split())
        assert ("Fri 27 Nov new job Analytics Lead at Northwind Analytics → Head of Data at Lumen Bank, "
                "seen 27 Nov") in timeline
        assert timeline.index("new job") < timeline.index("connected")  # newest first


async def test_a_congratulation_in_the_queue(store, clock, make_app, tmp_path) -> None:
    dana = _moved(store, clock, tmp_path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        queue = app.screen.query_one(FollowupList)
        queue.cursor = next(n for n, item in enumerate(queue.items) if item.title.startswith("Congratulate"))
        await pilot.pause()
        line = queue.render_line(queue.line_of(queue.cursor) - int(queue.scroll_y)).text
        assert "Sun 29 Nov" in line and "check-in: new job" in line and "Congratulate Dana" in line
        await pilot.press("m")
        await settle(pilot)
        assert app.screen.query_one("#draft-text").text.startswith(
            "Hi Dana,\n\nI just saw the news: congratulations on your new role as Head of Data at Lumen Bank!")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert not any(item.contact_id == dana for item in queue.items)
        assert "The keep-in-touch clock starts again." in [n.message for n in app._notifications][-1]
    assert interactions(store, dana)[0].kind == "checkin"


async def test_settings_birthdays(store, clock, make_app) -> None:
    builders.person(store, clock, "Grace Liu", circle="family", birthday="1988-11-29")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert any("birthday" in item.title for item in app.screen.query_one(FollowupList).items)
        await pilot.press("f2")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SettingsScreen)
        days = form.query_one("#settings-birthday-days", Input)
        days.value = "99"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Days before a birthday must be between 0 and 30." in text_of(form, "#settings-error")
        days.value = "1"
        form.query_one("#settings-birthdays").focus()
        await pilot.press("space")  # off
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
    settings = load_settings(store)
    assert (settings.birthday_reminders, settings.birthday_days_before) == (False, 1)
    assert not any(item.reason == "birthday" for item in fu.list_queue(store, clock))


# -- snapshots ------------------------------------------------------------------------------

def _contact(name: str):
    async def run_before(pilot) -> None:
        from netnet.widgets.contact_table import ContactTable

        await settle(pilot)
        table = pilot.app.screen.query_one(ContactTable)
        table.cursor = next(i for i, r in enumerate(table.rows) if r.display_name == name)
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        pilot.app.clear_notifications()  # the start-up notice is tested on its own
        await pilot.pause()

    return run_before


def _queue_on(title_start: str, *keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        pilot.app.clear_notifications()
        queue = pilot.app.screen.query_one(FollowupList)
        queue.cursor = next(i for i, item in enumerate(queue.items) if item.title.startswith(title_start))
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_snapshot_contact_page_with_employment_history(snap_compare, demo_store, make_app, size) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=size, run_before=_contact("Jan Nowak"))


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_snapshot_congratulation_in_the_queue(snap_compare, demo_store, make_app, size) -> None:
    assert snap_compare(make_app(demo_store, demo=True), terminal_size=size,
                        run_before=_queue_on("Congratulate"))


def test_snapshot_birthday_greeting(snap_compare, demo_store, make_app) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=_queue_on("Wish", "m"))
