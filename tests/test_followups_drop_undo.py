"""Dropping a follow-up and undoing done, snooze and drop: the service, then the screen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netnet.data import followups as fu
from netnet.data.contacts import (
    ContactInput,
    create_contact,
    get_contact,
    interactions,
    log_interaction,
)
from netnet.screens.dialogs import ConfirmDialog
from netnet.screenshots import settle
from netnet.widgets.followup_list import FollowupList

TODAY = date(2026, 11, 27)


def person(store, clock, name: str, *, circle="friend", last_days: int = 100) -> int:
    cid = create_contact(store, ContactInput(name, circle=circle), clock)
    log_interaction(store, cid, "call", clock, when=clock.now() - timedelta(days=last_days))
    return cid


def add(store, clock, title="Send the summary", kind="manual", due=TODAY, contact_id=None) -> int:
    return fu.add_followup(store, fu.FollowupInput(kind=kind, title=title, due=due, contact_id=contact_id), clock)


def queue(store, clock) -> dict[str, fu.FollowupItem]:
    return {item.key: item for item in fu.list_queue(store, clock)}


def row(store, fid: int) -> tuple:
    with store.read() as conn:
        return tuple(conn.execute("SELECT status, due_date, snoozed_until, done_at, version, updated_at "
                                  "FROM followup WHERE id = :p0", {"p0": fid}).fetchone())


def restored(store, fid: int, before: tuple) -> bool:
    """Status, due date, snooze and done time are back; the version moved on (it only ever grows)."""
    after = row(store, fid)
    return after[:4] == before[:4] and after[4] == before[4] + 2


def followup_count(store) -> int:
    with store.read() as conn:
        return conn.execute("SELECT count(*) FROM followup").fetchone()[0]


# -- drop -------------------------------------------------------------------------

def test_drop_a_stored_row_cancels_it(store, clock) -> None:
    fid = add(store, clock, "Added by mistake")
    assert fu.drop(store, queue(store, clock)[f"f{fid}"], clock) == "Dropped from the queue."
    assert f"f{fid}" not in queue(store, clock)
    assert row(store, fid)[0] == "cancelled"
    assert fu.queue_counts(store, clock)["due_today"] == 0


def test_drop_a_computed_checkin_keeps_it_away_until_the_next_interaction(store, clock) -> None:
    fran = person(store, clock, "Fran")
    outcome = fu.apply_drop(store, queue(store, clock)[f"c{fran}"], clock)
    assert "Fran" in outcome.message and outcome.undo.created
    assert [i for i in fu.list_queue(store, clock) if i.contact_id == fran] == []
    assert fu.queue_counts(store, clock)["overdue"] == 0
    with store.read() as conn:
        stored = conn.execute("SELECT kind, status, contact_id FROM followup").fetchall()
    assert [tuple(r) for r in stored] == [("checkin", "cancelled", fran)]
    # Still away weeks later; talking to Fran restarts the cadence (friend: 45 days).
    clock.advance(10 * 86400)
    assert f"c{fran}" not in queue(store, clock)
    log_interaction(store, fran, "call", clock)
    clock.advance(45 * 86400)
    assert queue(store, clock)[f"c{fran}"].due == TODAY + timedelta(days=55)


def test_drop_refuses_a_scheduled_interview(demo_store, clock) -> None:
    interview = next(i for i in fu.list_queue(demo_store, clock) if i.source == "interview")
    before = followup_count(demo_store)
    with pytest.raises(fu.FollowupError, match="cancel it in the Interviews section"):
        fu.drop(demo_store, interview, clock)
    assert followup_count(demo_store) == before
    assert interview.key in queue(demo_store, clock)


def test_drop_of_a_row_closed_elsewhere_is_refused(store, clock) -> None:
    fid = add(store, clock)
    item = queue(store, clock)[f"f{fid}"]
    fu.mark_done(store, item, clock)
    with pytest.raises(fu.FollowupError, match="already closed"):
        fu.drop(store, item, clock)


# -- undo -------------------------------------------------------------------------

def test_undo_done_restores_the_row_and_the_timeline(store, clock) -> None:
    maria = person(store, clock, "Maria", circle="coworker", last_days=5)
    last_before = get_contact(store, maria).last_interaction_at
    fid = add(store, clock, "Thank Maria", kind="thank_you", contact_id=maria)
    before = row(store, fid)
    clock.advance(3600)
    outcome = fu.apply_done(store, queue(store, clock)[f"f{fid}"], clock)
    assert len(interactions(store, maria)) == 2
    assert get_contact(store, maria).last_interaction_at == clock.now()
    message = fu.undo(store, outcome.undo)
    assert message == "Undone: “Thank Maria” is no longer done."
    assert restored(store, fid, before)
    assert [i.kind for i in interactions(store, maria)] == ["call"]
    assert get_contact(store, maria).last_interaction_at == last_before
    assert f"f{fid}" in queue(store, clock)


def test_undo_done_on_a_computed_checkin_brings_it_back(store, clock) -> None:
    fran = person(store, clock, "Fran")
    item = queue(store, clock)[f"c{fran}"]
    last_before = get_contact(store, fran).last_interaction_at
    outcome = fu.apply_done(store, item, clock)
    assert f"c{fran}" not in queue(store, clock)
    fu.undo(store, outcome.undo)
    assert followup_count(store) == 0
    assert get_contact(store, fran).last_interaction_at == last_before
    back = queue(store, clock)[f"c{fran}"]
    assert (back.due, back.group) == (item.due, item.group)


def test_undo_snooze_puts_the_old_day_back(store, clock) -> None:
    fid = add(store, clock, due=TODAY - timedelta(days=2))
    before = row(store, fid)
    clock.advance(60)
    outcome = fu.apply_snooze(store, queue(store, clock)[f"f{fid}"], date(2026, 12, 10), clock)
    assert queue(store, clock)[f"f{fid}"].snoozed_until == date(2026, 12, 10)
    assert fu.undo(store, outcome.undo).endswith("is no longer snoozed.")
    assert restored(store, fid, before)
    item = queue(store, clock)[f"f{fid}"]
    assert item.snoozed_until is None and item.overdue
    # A computed check-in's snooze: the stored row goes again.
    fran = person(store, clock, "Fran")
    outcome = fu.apply_snooze(store, queue(store, clock)[f"c{fran}"], TODAY + timedelta(days=3), clock)
    fu.undo(store, outcome.undo)
    assert queue(store, clock)[f"c{fran}"].source == "checkin"


def test_undo_drop_brings_back_a_row_and_a_checkin(store, clock) -> None:
    fid = add(store, clock, "Added by mistake")
    before = row(store, fid)
    outcome = fu.apply_drop(store, queue(store, clock)[f"f{fid}"], clock)
    assert fu.undo(store, outcome.undo) == "Undone: “Added by mistake” is back in the queue."
    assert restored(store, fid, before)
    fran = person(store, clock, "Fran")
    outcome = fu.apply_drop(store, queue(store, clock)[f"c{fran}"], clock)
    fu.undo(store, outcome.undo)
    assert f"c{fran}" in queue(store, clock)
    assert followup_count(store) == 1  # only the to-do


def test_undo_is_refused_once_the_row_changed_again(store, clock) -> None:
    fid = add(store, clock)
    outcome = fu.apply_snooze(store, queue(store, clock)[f"f{fid}"], TODAY + timedelta(days=3), clock)
    fu.update_followup(store, queue(store, clock)[f"f{fid}"], "Changed since", TODAY, "", clock)
    with pytest.raises(fu.FollowupError, match="changed since"):
        fu.undo(store, outcome.undo)
    assert queue(store, clock)[f"f{fid}"].title == "Changed since"


# -- the screen -------------------------------------------------------------------


async def open_queue(pilot) -> FollowupList:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    assert pilot.app.current_mode == "followups"
    return pilot.app.screen.query_one(FollowupList)


async def test_x_asks_then_drops_and_u_brings_it_back(demo_store, make_app, clock) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        lst = await open_queue(pilot)
        screen = app.screen
        assert screen.check_action("undo", ()) is None  # greyed: nothing to undo yet
        assert screen.check_action("drop", ()) is True
        title = lst.current.title
        key = lst.current.key
        count = len(lst.items)

        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert f"Drop “{title}” from the queue?" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")  # no: keep it
        await settle(pilot)
        assert app.screen is screen and len(lst.items) == count

        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen
        assert key not in {i.key for i in lst.items} and len(lst.items) == count - 1
        assert screen.check_action("undo", ()) is True

        await pilot.press("u")
        await settle(pilot)
        assert lst.current.key == key and len(lst.items) == count  # back, with the cursor on it
        assert screen.check_action("undo", ()) is None
        assert any(n.message == f"Undone: “{title}” is back in the queue." for n in app._notifications)


async def test_u_undoes_a_stray_done_and_its_timeline_entry(demo_store, make_app, clock) -> None:
    overdue = fu.queue_counts(demo_store, clock)["overdue"]
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        lst = await open_queue(pilot)
        lst.cursor = next(n for n, i in enumerate(lst.items) if i.title == "Check in with Linda Marsh")
        await pilot.pause()
        contact_id = lst.current.contact_id
        timeline = [i.id for i in interactions(demo_store, contact_id)]
        await pilot.press("d")
        await settle(pilot)
        assert "Check in with Linda Marsh" not in {i.title for i in lst.items if i.group.name == "OVERDUE"}
        await pilot.press("u")
        await settle(pilot)
        assert lst.current.title == "Check in with Linda Marsh" and lst.current.overdue
        assert [i.id for i in interactions(demo_store, contact_id)] == timeline
        assert f"{overdue} overdue" in app.sub_title


async def test_x_on_an_interview_says_where_to_cancel_it(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        lst = await open_queue(pilot)
        lst.cursor = next(n for n, i in enumerate(lst.items) if i.source == "interview")
        await pilot.pause()
        screen = app.screen
        await pilot.press("x")
        await settle(pilot)
        assert app.screen is screen
        assert any("Interviews section" in n.message for n in app._notifications)
        assert screen.check_action("undo", ()) is None


async def test_drop_and_undo_have_ids_tooltips_and_help() -> None:
    from netnet.screens.followups import FollowupsScreen

    bindings = {b.action: b for b in FollowupsScreen.BINDINGS}
    for action, key in (("drop", "x"), ("undo", "u")):
        binding = bindings[action]
        assert binding.key == key and binding.id and binding.description and binding.tooltip and binding.show
        assert f"**{key}**" in FollowupsScreen.HELP
    assert ConfirmDialog.HELP.strip()
    for binding in ConfirmDialog.BINDINGS:
        assert binding.id and binding.description and binding.tooltip
