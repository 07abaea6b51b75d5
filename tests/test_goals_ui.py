"""Pilot tests of the Goals section: goals, targets and stages, referral asks, introductions, the plan."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from textual.widgets import DataTable, Input, OptionList

from netnet.data import goals as svc
from netnet.data.contacts import get_contact
from netnet.screenshots import settle


async def open_goals(pilot) -> None:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)


async def type_into(pilot, text: str) -> None:
    await pilot.press(*[c if c != " " else "space" for c in text])


def screen_name(app) -> str:
    return type(app.screen).__name__


async def test_create_a_goal_with_targets_and_move_a_stage(store, make_app) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot)
        assert app.screen.query_one("#goals-empty").display
        await pilot.press("n")
        await pilot.pause()
        assert screen_name(app) == "GoalForm"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "short title" in str(app.screen.query_one("#title-error").render())
        await type_into(pilot, "Get into analytics")
        app.screen.query_one("#form-target-date", Input).value = "next spring"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "year-month-day" in str(app.screen.query_one("#target_date-error").render())
        app.screen.query_one("#form-target-date", Input).value = "2027-03-31"
        await pilot.press("enter")
        await settle(pilot)
        assert screen_name(app) == "GoalsScreen"
        [goal] = svc.list_goals(store, app.clock)
        assert goal.title == "Get into analytics" and str(goal.target_date) == "2027-03-31"
        options = app.screen.query_one("#goals-list", OptionList)
        assert "change careers" in str(options.get_option_at_index(0).prompt)

        await pilot.press("enter")
        await settle(pilot)
        assert screen_name(app) == "GoalScreen"
        await pilot.press("n")
        await pilot.pause()
        assert screen_name(app) == "TargetForm"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "job title" in str(app.screen.query_one("#job_title-error").render())
        app.screen.query_one("#form-job-title", Input).value = "Data Analyst"
        app.screen.query_one("#form-organisation", Input).value = "Harbour Health"
        await pilot.press("ctrl+s")
        await settle(pilot)
        table = app.screen.query_one("#goal-targets", DataTable)
        assert table.row_count == 1
        assert "Data Analyst at Harbour Health" in str(table.get_row_at(0)[1])
        assert "listed" in str(table.get_row_at(0)[2])

        await pilot.press("full_stop")
        await settle(pilot)
        assert "referral asked" in str(table.get_row_at(0)[2])
        await pilot.press("comma", "comma")
        await settle(pilot)
        target = svc.get_goal(store, goal.id, app.clock).targets[0]
        assert target.stage == "listed"
        assert [e.stage for e in target.history] == ["listed", "referral_asked", "listed"]
        await pilot.press("d")
        await settle(pilot)
        assert "dropped" in str(table.get_row_at(0)[2])


async def test_pause_complete_and_archive_a_goal(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot)
        await pilot.press("z")
        await settle(pilot)
        assert svc.list_goals(demo_store, app.clock)[0].status == "active"  # paused goals sort after active
        statuses = {g.title: g.status for g in svc.list_goals(demo_store, app.clock)}
        assert statuses["Move from operations into healthcare analytics"] == "paused"
        await pilot.press("a")
        await settle(pilot)
        titles = [g.title for g in app.screen.goals]
        assert "Move from operations into healthcare analytics" not in titles
        await pilot.press("v")
        await settle(pilot)
        assert any(g.status == "archived" for g in app.screen.goals)


async def _open_target(pilot, label: str) -> None:
    await open_goals(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    index = next(i for i, t in enumerate(screen.detail.targets) if t.label == label)
    screen.query_one("#goal-targets", DataTable).move_cursor(row=index)
    await pilot.pause()


async def test_ask_for_a_referral_queues_the_follow_ups_skipping_the_weekend(demo_store, make_app) -> None:
    app = make_app(demo_store)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_target(pilot, "Northwind Analytics")
        await pilot.press("r")
        await settle(pilot)
        assert screen_name(app) == "ReferralScreen"
        screen = app.screen
        first = screen.current.candidate
        assert first.organisation == "Northwind Analytics"
        shown = screen.draft_text
        assert "Do you happen to know anyone who works at Northwind Analytics?" in shown
        assert shown.startswith(f"Hi {first.name.split()[0]},")

        await pilot.press("c")
        await pilot.pause()
        assert copied == [shown]

        await pilot.press("l")
        await settle(pilot)
        with demo_store.read() as conn:
            rows = conn.execute(
                "SELECT f.kind, f.due_date, f.status, f.contact_id FROM followup f "
                "JOIN referral_ask a ON a.id = f.referral_ask_id WHERE a.contact_id = ? ORDER BY f.due_date",
                (first.id,)).fetchall()
            interaction = conn.execute(
                "SELECT kind, notes FROM interaction WHERE contact_id = ? ORDER BY id DESC LIMIT 1",
                (first.id,)).fetchone()
        # Asked on Friday 27 November: Wednesday 2 December, then Tuesday 8 December
        assert [tuple(r) for r in rows] == [("referral_next", "2026-12-02", "open", first.id),
                                            ("referral_nudge", "2026-12-08", "open", first.id)]
        assert tuple(interaction) == ("message", "Asked whether they know anyone: Northwind Analytics.")
        assert screen.loaded.target.stage == "referral_asked"
        assert screen.loaded.ranked[-1].candidate.id == first.id  # asked people go last
        messages = [n.message for n in app._notifications]
        assert any("Wed 2 Dec" in m and "Tue 8 Dec" in m for m in messages)

        # One open ask per target: asking someone else is refused in one sentence
        screen.query_one("#referral-list", DataTable).move_cursor(row=0)
        await pilot.pause()
        assert screen.current.candidate.id != first.id
        await pilot.press("l")
        await settle(pilot)
        assert any("still awaiting an answer" in n.message for n in app._notifications)

        # They knew no one: the follow-ups go away
        screen.query_one("#referral-list", DataTable).move_cursor(row=len(screen.loaded.ranked) - 1)
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        with demo_store.read() as conn:
            statuses = {r[0] for r in conn.execute(
                "SELECT f.status FROM followup f JOIN referral_ask a ON a.id = f.referral_ask_id "
                "WHERE a.contact_id = ?", (first.id,))}
        assert statuses == {"cancelled"}


async def test_save_the_draft_to_a_private_file(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_target(pilot, "Northwind Analytics")
        await pilot.press("r")
        await settle(pilot)
        draft = app.screen.draft_text
        await pilot.press("s")
        await pilot.pause()
        assert screen_name(app) == "SaveFileDialog"
        path = Path(app.screen.query_one("#form-path", Input).value)
        await pilot.press("enter")
        await settle(pilot)
        assert screen_name(app) == "ReferralScreen"
        assert path.read_text() == draft + "\n"
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        # the same name again is refused next to the field, nothing overwritten
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#form-path", Input).value = str(path)
        await pilot.press("enter")
        await settle(pilot)
        assert "already exists" in str(app.screen.query_one("#path-error").render())


async def test_record_an_introduction_in_two_keys(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_target(pilot, "Clinical Data Analyst at Open Health Institute")
        target = app.screen.current
        [ask] = target.open_asks
        await pilot.press("i")
        await pilot.pause()
        assert screen_name(app) == "NameDialog"
        await pilot.press("enter")
        await pilot.pause()
        assert "Type the person's name" in str(app.screen.query_one("#name-error").render())
        await type_into(pilot, "Nia Park")
        await pilot.press("enter")
        await settle(pilot)
        assert screen_name(app) == "GoalScreen"
        updated = svc.get_target(demo_store, target.id)
        assert updated.stage == "introduced" and updated.contact_name == "Nia Park"
        person = get_contact(demo_store, updated.contact_id)
        assert person.introduced_by_id == ask.contact_id
        assert person.organisation == "Open Health Institute" and person.title == "Clinical Data Analyst"
        with demo_store.read() as conn:
            open_chasers = conn.execute(
                "SELECT count(*) FROM followup WHERE referral_ask_id = ? AND status = 'open'", (ask.id,)).fetchone()[0]
        assert open_chasers == 0
        table = app.screen.query_one("#goal-targets", DataTable)
        row = next(i for i, t in enumerate(app.screen.detail.targets) if t.id == target.id)
        assert "introduced" in str(table.get_row_at(row)[2]) and "Nia Park" in str(table.get_row_at(row)[4])


async def test_add_plan_items_and_move_their_status(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert screen_name(app) == "PlanScreen"
        table = app.screen.query_one("#plan-table", DataTable)
        planned = len(svc.list_plan(demo_store, 1))
        assert table.row_count == planned > 0
        await pilot.press("n")
        await pilot.pause()
        await type_into(pilot, "Practise SQL window functions")
        await pilot.press("enter")
        await settle(pilot)
        assert table.row_count == planned + 1
        [item] = [i for i in svc.list_plan(demo_store, 1) if i.text == "Practise SQL window functions"]
        assert (item.goal_id, item.kind, item.horizon, item.status) == (1, "skill", "short", "idea")
        row = next(n for n, i in enumerate(app.screen.loaded.items) if i.id == item.id)
        table.move_cursor(row=row)
        await pilot.press("space")
        await settle(pilot)
        assert {i.id: i.status for i in svc.list_plan(demo_store, 1)}[item.id] == "doing"
        # The whole plan: an item with no goal shows up too
        await pilot.press("g")
        await settle(pilot)
        assert app.screen.goal_id is None
        await pilot.press("n")
        await pilot.pause()
        await type_into(pilot, "Read one book on forecasting")
        app.screen.query_one("#form-goal").value = 2
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any(i.text == "Read one book on forecasting" and i.goal_id == 2 for i in svc.list_plan(demo_store))


async def test_goal_screens_work_at_80x24_and_have_help(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_goals(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.query_one("#referral-list", DataTable).size.height >= 5
        assert app.screen.query_one("#referral-draft").region.bottom <= 23
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.query("HelpPanel")
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Copy", "Save to file", "Log the ask", "Introduced"} <= titles
