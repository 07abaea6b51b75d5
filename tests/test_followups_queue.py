"""The queue service: stored follow-ups, computed check-ins, interviews; done, snooze, edit, add."""

from __future__ import annotations

import stat
from datetime import date, timedelta

import pytest

from netnet.core.clock import to_iso
from netnet.core.urgency import Group
from netnet.data import followups as fu
from netnet.data.contacts import (
    ContactInput,
    create_contact,
    interactions,
    log_interaction,
    trash_contacts,
)

TODAY = date(2026, 11, 27)


def person(store, clock, name: str, *, circle=None, role=None, ideal=None, maximum=None,
           last_days: int | None = None) -> int:
    cid = create_contact(store, ContactInput(name, circle=circle, connector_role=role,
                                             ideal_days=ideal, max_days=maximum), clock)
    if last_days is not None:
        log_interaction(store, cid, "call", clock, when=clock.now() - timedelta(days=last_days))
    return cid


def by_key(items):
    return {item.key: item for item in items}


def add(store, clock, title="Send the summary", due=TODAY, kind="action", contact_id=None, **kw) -> int:
    return fu.add_followup(store, fu.FollowupInput(kind=kind, title=title, due=due, contact_id=contact_id, **kw),
                           clock)


# -- computed check-ins -----------------------------------------------------------

def test_no_checkins_for_contacts_without_a_circle_or_interval(store, clock) -> None:
    person(store, clock, "Imported Person", last_days=400)
    person(store, clock, "Half Interval", ideal=10, last_days=400)  # an ideal alone, no circle: no cadence
    assert fu.list_queue(store, clock) == []


def test_checkin_due_on_the_ideal_date_from_the_last_interaction(store, clock) -> None:
    friend = person(store, clock, "Fran Friend", circle="friend", last_days=40)  # friend: 45 / 90
    items = by_key(fu.list_queue(store, clock))
    item = items[f"c{friend}"]
    assert item.kind == "checkin" and item.source == "checkin"
    assert item.due == TODAY + timedelta(days=5)
    assert item.group is Group.WEEK
    assert item.title == "Check in with Fran Friend"


def test_checkin_is_due_between_ideal_and_maximum_and_overdue_after(store, clock) -> None:
    amber = person(store, clock, "Amber", circle="friend", last_days=60)
    red = person(store, clock, "Red", circle="friend", last_days=100)
    items = by_key(fu.list_queue(store, clock))
    assert items[f"c{amber}"].group is Group.TODAY
    assert items[f"c{amber}"].when == "due since Thu 12 Nov"
    assert items[f"c{red}"].group is Group.OVERDUE
    assert items[f"c{red}"].when == "10 days late"  # past the 90-day maximum


def test_own_interval_and_connector_cadence(store, clock) -> None:
    own = person(store, clock, "Own Interval", ideal=7, maximum=14, last_days=10)  # no circle, own interval
    connector = person(store, clock, "Rita Realtor", circle="neighbour", role="real_estate", last_days=31)
    items = by_key(fu.list_queue(store, clock))
    assert items[f"c{own}"].group is Group.TODAY
    assert items[f"c{connector}"].group is Group.TODAY  # connectors: every 30 days, not the neighbour's 60
    assert items[f"c{connector}"].connector


def test_checkins_beyond_the_horizon_and_trashed_people_are_left_out(store, clock) -> None:
    recent = person(store, clock, "Recent", circle="family", last_days=1)  # due in 29 days: inside 30
    later = person(store, clock, "Later", circle="classmate", last_days=1)  # due in 89 days
    gone = person(store, clock, "Gone", circle="family", last_days=100)
    trash_contacts(store, [gone], clock)
    keys = set(by_key(fu.list_queue(store, clock)))
    assert f"c{recent}" in keys
    assert f"c{later}" not in keys and f"c{gone}" not in keys


def test_settings_cadence_is_used(store, clock) -> None:
    from netnet.data.settings import load_settings

    friend = person(store, clock, "Fran", circle="friend", last_days=12)  # due in 33 days: not listed
    settings = load_settings(store)
    assert f"c{friend}" not in by_key(fu.list_queue(store, clock, settings))
    settings.cadence["friend"] = [10, 30]
    assert by_key(fu.list_queue(store, clock, settings))[f"c{friend}"].group is Group.TODAY


# -- done ---------------------------------------------------------------------------

def test_done_on_a_checkin_logs_it_and_restarts_the_cadence(store, clock) -> None:
    friend = person(store, clock, "Fran", circle="friend", last_days=100)
    item = by_key(fu.list_queue(store, clock))[f"c{friend}"]
    message = fu.mark_done(store, item, clock)
    assert "Fran's timeline" in message and "starts again" in message
    assert f"c{friend}" not in by_key(fu.list_queue(store, clock))
    timeline = interactions(store, friend)
    assert timeline[0].kind == "checkin" and timeline[0].occurred_at == clock.now()
    with store.read() as conn:
        row = conn.execute("SELECT kind, status, contact_id, done_at FROM followup").fetchone()
    assert tuple(row) == ("checkin", "done", friend, to_iso(clock.now()))
    # 45 days on it is due again.
    clock.advance(45 * 86400)
    assert by_key(fu.list_queue(store, clock))[f"c{friend}"].due == TODAY + timedelta(days=45)


def test_done_on_a_thank_you_closes_it_and_notes_the_timeline(store, clock) -> None:
    maria = person(store, clock, "Maria", circle="coworker", last_days=5)
    fid = add(store, clock, "Thank Maria", kind="thank_you", contact_id=maria, due=TODAY - timedelta(days=1))
    item = by_key(fu.list_queue(store, clock))[f"f{fid}"]
    assert item.overdue
    fu.mark_done(store, item, clock)
    assert f"f{fid}" not in by_key(fu.list_queue(store, clock))
    timeline = interactions(store, maria)
    assert timeline[0].kind == "message" and "Thank Maria" in timeline[0].notes
    with pytest.raises(fu.FollowupError, match="already closed"):
        fu.mark_done(store, item, clock)


def test_done_on_a_to_do_without_a_person(store, clock) -> None:
    fid = add(store, clock, "Update my CV", kind="manual")
    assert fu.mark_done(store, by_key(fu.list_queue(store, clock))[f"f{fid}"], clock) == "Done."


# -- snooze -------------------------------------------------------------------------

def test_snooze_moves_a_stored_item_to_its_new_day(store, clock) -> None:
    fid = add(store, clock, due=TODAY - timedelta(days=2))
    item = by_key(fu.list_queue(store, clock))[f"f{fid}"]
    assert item.group is Group.OVERDUE
    assert fu.snooze(store, item, date(2026, 12, 10), clock) == "Snoozed until Thu 10 Dec."
    item = by_key(fu.list_queue(store, clock))[f"f{fid}"]
    assert item.due == date(2026, 12, 10) and item.group is Group.LATER
    assert item.original_due == TODAY - timedelta(days=2) and item.snoozed_until == date(2026, 12, 10)


def test_snooze_a_computed_checkin_stores_it_once(store, clock) -> None:
    friend = person(store, clock, "Fran", circle="friend", last_days=100)
    item = by_key(fu.list_queue(store, clock))[f"c{friend}"]
    fu.snooze(store, item, TODAY + timedelta(days=1), clock)
    queue = fu.list_queue(store, clock)
    checkins = [i for i in queue if i.contact_id == friend]
    assert len(checkins) == 1
    assert checkins[0].source == "followup" and checkins[0].group is Group.WEEK
    # Talking to Fran later satisfies the stored check-in too.
    clock.advance(60)
    log_interaction(store, friend, "call", clock)
    assert [i for i in fu.list_queue(store, clock) if i.contact_id == friend] == []


def test_snooze_must_be_after_today_and_not_an_interview(store, clock) -> None:
    fid = add(store, clock)
    item = by_key(fu.list_queue(store, clock))[f"f{fid}"]
    with pytest.raises(fu.FollowupError, match="after today"):
        fu.snooze(store, item, TODAY, clock)
    interview = fu.FollowupItem("i1", "interview", "interview", "Interview", TODAY, Group.TODAY, 0, "today")
    with pytest.raises(fu.FollowupError, match="Interviews section"):
        fu.snooze(store, interview, TODAY + timedelta(days=1), clock)


# -- edit and add -------------------------------------------------------------------

def test_edit_changes_title_due_and_draft_and_clears_a_snooze(store, clock) -> None:
    fid = add(store, clock)
    item = by_key(fu.list_queue(store, clock))[f"f{fid}"]
    fu.snooze(store, item, TODAY + timedelta(days=3), clock)
    item = by_key(fu.list_queue(store, clock))[f"f{fid}"]
    fu.update_followup(store, item, "Send the two-page summary", TODAY + timedelta(days=1), "Hello", clock)
    item = by_key(fu.list_queue(store, clock))[f"f{fid}"]
    assert (item.title, item.due, item.draft, item.snoozed_until) == (
        "Send the two-page summary", TODAY + timedelta(days=1), "Hello", None)


def test_edit_refuses_an_empty_title_and_a_stale_version(store, clock) -> None:
    fid = add(store, clock)
    item = by_key(fu.list_queue(store, clock))[f"f{fid}"]
    with pytest.raises(fu.FollowupError, match="title"):
        fu.update_followup(store, item, "  ", TODAY, "", clock)
    fu.update_followup(store, item, "New title", TODAY, "", clock)
    with pytest.raises(fu.FollowupConflict, match="changed on another device"):
        fu.update_followup(store, item, "Stale", TODAY, "", clock)


def test_edit_a_computed_checkin_stores_it(store, clock) -> None:
    friend = person(store, clock, "Fran", circle="friend", last_days=100)
    item = by_key(fu.list_queue(store, clock))[f"c{friend}"]
    fu.update_followup(store, item, "Coffee with Fran", TODAY + timedelta(days=2), "", clock)
    mine = [i for i in fu.list_queue(store, clock) if i.contact_id == friend]
    assert [(i.source, i.title, i.due) for i in mine] == [("followup", "Coffee with Fran", TODAY + timedelta(days=2))]


def test_add_validates(store, clock) -> None:
    with pytest.raises(fu.FollowupError, match="title"):
        add(store, clock, title=" ")
    with pytest.raises(fu.FollowupError, match="not a kind"):
        add(store, clock, kind="party")


def test_trashed_persons_follow_ups_are_hidden(store, clock) -> None:
    cid = person(store, clock, "Tina")
    fid = add(store, clock, contact_id=cid)
    trash_contacts(store, [cid], clock)
    assert f"f{fid}" not in by_key(fu.list_queue(store, clock))


def test_find_contact_by_name(store, clock) -> None:
    cid = person(store, clock, "Søren Kjær")
    assert fu.find_contact_by_name(store, "soren kjaer") == cid
    assert fu.find_contact_by_name(store, "  ") is None
    with pytest.raises(fu.FollowupError, match="No contact is called"):
        fu.find_contact_by_name(store, "Nobody")
    person(store, clock, "Søren Kjær")
    with pytest.raises(fu.FollowupError, match="2 contacts"):
        fu.find_contact_by_name(store, "Søren Kjær")


# -- the demo network ------------------------------------------------------------------

def test_demo_queue_order_and_counts(demo_store, clock) -> None:
    queue = fu.list_queue(demo_store, clock)
    groups = [item.group for item in queue]
    assert groups == sorted(groups, key=lambda g: g.order)  # grouped, in order
    first = queue[0]
    assert (first.kind, first.title) == ("thank_you", "Thank Maria for introducing Carlos")
    assert first.want == "need"  # Maria is a NEED target of an active goal
    titles = [item.title for item in queue]
    assert "Thank Maria for the information interview" not in titles  # done
    interview = next(item for item in queue if item.kind == "interview")
    assert interview.title == "Information interview with Carlos Mendes (in person)"
    assert interview.group is Group.WEEK and interview.when == "tomorrow 15:00"
    assert "Check in with Søren Kjær" not in titles  # no circle: no cadence
    counts = fu.queue_counts(demo_store, clock)
    assert counts == {
        "due_today": sum(g is Group.TODAY for g in groups),
        "overdue": sum(g is Group.OVERDUE for g in groups),
    }
    assert counts["overdue"] >= 2 and counts["due_today"] >= 1


def test_an_interview_with_its_own_follow_up_is_listed_once(demo_store, clock) -> None:
    interview = next(i for i in fu.list_queue(demo_store, clock) if i.source == "interview")
    add(demo_store, clock, "Interview with Carlos at 15:00", kind="interview",
        due=interview.due, contact_id=interview.contact_id, interview_id=interview.interview_id)
    mine = [i for i in fu.list_queue(demo_store, clock) if i.interview_id == interview.interview_id]
    assert [i.source for i in mine] == ["followup"]


def test_done_on_a_scheduled_interview_hides_it(demo_store, clock) -> None:
    interview = next(i for i in fu.list_queue(demo_store, clock) if i.source == "interview")
    assert "no longer in the queue" in fu.mark_done(demo_store, interview, clock)
    assert not [i for i in fu.list_queue(demo_store, clock) if i.kind == "interview"]


# -- drafts -----------------------------------------------------------------------------

def test_thank_you_draft_from_the_interview(demo_store, clock) -> None:
    item = next(i for i in fu.list_queue(demo_store, clock) if i.kind == "thank_you")
    own = fu.get_draft(demo_store, item, clock)
    assert not own.generated and own.text == item.draft  # the demo row has its own text
    with demo_store.read() as conn:
        interview_id = conn.execute("SELECT id FROM interview WHERE status = 'done'").fetchone()[0]
    fid = add(demo_store, clock, "Thank Maria for the call", kind="thank_you",
              contact_id=item.contact_id, interview_id=interview_id)
    fresh = by_key(fu.list_queue(demo_store, clock))[f"f{fid}"]
    draft = fu.get_draft(demo_store, fresh, clock)
    assert draft.generated
    assert draft.text.startswith("Hi Maria,\n\nThank you for talking with me on 18 November.")
    assert "Operations experience is an asset, not a gap." in draft.text


def test_nudge_and_checkin_drafts(demo_store, clock) -> None:
    with demo_store.read() as conn:
        ask_id, contact_id = conn.execute(
            "SELECT id, contact_id FROM referral_ask WHERE answer = 'pending'").fetchone()
    fid = add(demo_store, clock, "Nudge Amara", kind="referral_nudge", contact_id=contact_id,
              referral_ask_id=ask_id)
    nudge = fu.get_draft(demo_store, by_key(fu.list_queue(demo_store, clock))[f"f{fid}"], clock)
    assert nudge.text.startswith("Hi Amara,")
    assert "works as a clinical data analyst at Open Health Institute" in nudge.text
    checkin = next(i for i in fu.list_queue(demo_store, clock) if i.title == "Check in with Linda Marsh")
    text = fu.get_draft(demo_store, checkin, clock).text
    assert text.startswith("Hi Linda,") and "Marsh & Co Realty" in text


def test_no_draft_for_an_action_item(demo_store, clock) -> None:
    item = next(i for i in fu.list_queue(demo_store, clock) if i.kind == "action" and not i.draft)
    assert not item.has_message
    with pytest.raises(fu.FollowupError, match="no message"):
        fu.get_draft(demo_store, item, clock)


def test_save_draft(store, tmp_path) -> None:
    path = fu.save_draft(store, tmp_path / "draft.txt", "Hello")
    assert path.read_text() == "Hello"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(fu.FollowupError, match="folder"):
        fu.save_draft(store, tmp_path, "x")
    with pytest.raises(fu.FollowupError, match="does not exist"):
        fu.save_draft(store, tmp_path / "nope" / "x.txt", "x")
