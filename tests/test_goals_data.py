"""Goal services: progress, stages with dated history, asks with 3B7 follow-ups, introductions, plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netnet.core.asks import AskRefused
from netnet.data import goals as svc
from netnet.data.contacts import ContactInput, create_contact, get_contact, interactions


def _goal(store, clock, title="Get into analytics") -> int:
    return svc.create_goal(store, svc.GoalInput("career_change", title, "why", "2027-03-31"), clock)


def test_goal_validation_names_the_field(store, clock) -> None:
    with pytest.raises(svc.InvalidInput) as err:
        svc.create_goal(store, svc.GoalInput("career_change", "  ", target_date="31/03/2027"), clock)
    assert set(err.value.errors) == {"title", "target_date"}
    assert "year-month-day" in err.value.errors["target_date"]


def test_create_edit_pause_complete_archive(store, clock) -> None:
    gid = _goal(store, clock)
    svc.update_goal(store, gid, svc.GoalInput("own_words", "Find my people", "", ""), clock)
    [g] = svc.list_goals(store, clock)
    assert (g.title, g.kind_words, g.target_date) == ("Find my people", "in my own words", None)
    svc.set_goal_status(store, gid, "paused", clock)
    assert svc.list_goals(store, clock)[0].status_words == "paused"
    svc.set_goal_status(store, gid, "completed", clock)
    svc.set_goal_status(store, gid, "archived", clock)
    assert svc.list_goals(store, clock) == []
    assert [g.status for g in svc.list_goals(store, clock, include_archived=True)] == ["archived"]


def test_target_validation_by_kind(store, clock) -> None:
    gid = _goal(store, clock)
    with pytest.raises(svc.InvalidInput) as err:
        svc.add_target(store, gid, svc.TargetInput("title", organisation="X"), clock)
    assert err.value.errors == {"job_title": "Write the job title you are after."}


def test_stage_moves_are_one_step_and_dated(store, clock) -> None:
    gid = _goal(store, clock)
    tid = svc.add_target(store, gid, svc.TargetInput("organisation", organisation="Northwind", want="need"), clock)
    clock.advance(86400)
    assert svc.move_target(store, tid, 1, clock) == "referral_asked"
    assert svc.move_target(store, tid, -1, clock) == "listed"
    assert svc.move_target(store, tid, -1, clock) is None
    assert svc.toggle_dropped(store, tid, clock) == "dropped"
    assert svc.move_target(store, tid, 1, clock) is None
    assert svc.toggle_dropped(store, tid, clock) == "listed"
    t = svc.get_target(store, tid)
    assert [e.stage for e in t.history] == ["listed", "referral_asked", "listed", "dropped", "listed"]
    assert t.history[0].at.date() == date(2026, 11, 27) and t.history[1].at.date() == date(2026, 11, 28)
    assert t.want_words == "NEED to know" and t.label == "Northwind"


def test_progress_counts_stages_interviews_and_plan(demo_store, clock) -> None:
    goals = svc.list_goals(demo_store, clock)
    assert [g.title for g in goals][:2] == ["Move from operations into healthcare analytics",
                                            "Bring forecasting into my current work"]
    data = goals[0]
    assert data.stage_counts == {"interviewed": 1, "introduced": 1, "referral_asked": 1, "listed": 1}
    assert data.interviews_held == 1
    assert (data.plan_done, data.plan_total) == (1, 3)
    assert data.open_asks == 1
    assert len(data.activity.total) == 12 and sum(data.activity.asks) == 2
    assert sum(data.activity.interviews) == 1
    assert goals[-1].status == "paused"


def test_log_ask_queues_3b7_followups_and_allows_one_open_ask(store, clock) -> None:
    gid = _goal(store, clock)
    tid = svc.add_target(store, gid, svc.TargetInput("title", job_title="Data Analyst"), clock)
    joe = create_contact(store, ContactInput("Joe Okafor", circle="friend"), clock)
    sam = create_contact(store, ContactInput("Sam Ortega", connector_role="hospitality"), clock)
    logged = svc.log_ask(store, tid, joe, "Hi Joe…", clock, next_name="Sam Ortega")
    with store.read() as conn:
        rows = conn.execute("SELECT kind, due_date, status, contact_id, target_id, goal_id FROM followup "
                            "WHERE referral_ask_id = :p0 ORDER BY due_date", {"p0": logged.ask_id}).fetchall()
    assert [tuple(r) for r in rows] == [
        ("referral_next", "2026-12-02", "open", joe, tid, gid),
        ("referral_nudge", "2026-12-08", "open", joe, tid, gid),
    ]
    assert svc.get_target(store, tid).stage == "referral_asked"
    assert interactions(store, joe)[0].kind == "message"
    with pytest.raises(AskRefused):
        svc.log_ask(store, tid, sam, "Hi Sam", clock)
    # an answer cancels both follow-ups and frees the target for the next ask
    svc.record_answer(store, logged.ask_id, "no_one", clock)
    with store.read() as conn:
        assert {r[0] for r in conn.execute("SELECT status FROM followup")} == {"cancelled"}
    svc.log_ask(store, tid, sam, "Hi Sam", clock)
    assert [a.answer for a in svc.get_target(store, tid).asks] == ["no_one", "pending"]


def test_parallel_asks_when_the_target_allows_them(store, clock) -> None:
    gid = _goal(store, clock)
    tid = svc.add_target(store, gid, svc.TargetInput("organisation", organisation="X",
                                                     allow_parallel_asks=True), clock)
    a = create_contact(store, ContactInput("A"), clock)
    b = create_contact(store, ContactInput("B"), clock)
    svc.log_ask(store, tid, a, "", clock)
    svc.log_ask(store, tid, b, "", clock)
    with pytest.raises(AskRefused, match="already asked"):
        svc.log_ask(store, tid, a, "", clock)
    assert len(svc.get_target(store, tid).open_asks) == 2


def test_introduction_creates_the_contact_linked_to_referrer_and_target(store, clock) -> None:
    gid = _goal(store, clock)
    tid = svc.add_target(store, gid, svc.TargetInput("title", job_title="Data Analyst",
                                                     organisation="Harbour Health"), clock)
    joe = create_contact(store, ContactInput("Joe Okafor"), clock)
    logged = svc.log_ask(store, tid, joe, "", clock)
    clock.advance(2 * 86400)
    new_id = svc.record_introduction(store, tid, joe, "  Carlos   Mendes ", clock)
    person = get_contact(store, new_id)
    assert (person.display_name, person.given_name, person.family_name) == ("Carlos Mendes", "Carlos", "Mendes")
    assert person.introduced_by_id == joe and person.organisation == "Harbour Health"
    t = svc.get_target(store, tid)
    assert (t.stage, t.contact_id, t.contact_name) == ("introduced", new_id, "Carlos Mendes")
    assert t.asks[0].id == logged.ask_id and t.asks[0].introduced_name == "Carlos Mendes"
    with store.read() as conn:
        assert {(r.kind, r.status) for r in conn.execute("SELECT kind, status FROM followup")} == {
            ("referral_next", "cancelled"), ("referral_nudge", "cancelled"), ("thank_you", "open")}
    with pytest.raises(svc.InvalidInput):
        svc.record_introduction(store, tid, joe, "   ", clock)


def test_who_can_introduce_uses_the_network(demo_store, clock) -> None:
    detail = svc.get_goal(demo_store, 1, clock)
    org_target = next(t for t in detail.targets if t.label == "Northwind Analytics")
    ranked = svc.who_can_introduce(demo_store, org_target.id, clock)
    top = [s.candidate.name for s in ranked[:2]]  # Jan Nowak left Northwind for Open Health Institute
    assert set(top) == {"Søren Kjær", "Victor Huang"}
    assert ranked[0].reasons[0].text == "works at Northwind Analytics"
    # The title target has an open ask to Amara: she is listed last, marked as asked
    title_target = next(t for t in detail.targets if t.kind == "title")
    ranked = svc.who_can_introduce(demo_store, title_target.id, clock, limit=100)
    assert ranked[-1].candidate.name == "Amara Nwosu" and ranked[-1].asked == "pending"
    # Jan moved to its organisation today (the demo's job change): first, and the reason says so
    assert ranked[0].candidate.name == "Jan Nowak"
    assert ranked[0].reasons[0].text == "moved to Open Health Institute on 27 Nov"


def test_candidate_query_filters_in_sql(store, clock) -> None:
    from netnet.core.referral import TargetSpec
    from netnet.data.contacts import insert_contact

    with store.write() as conn:
        for i in range(300):
            insert_contact(conn, ContactInput(f"Person {i}", organisation="Elsewhere", title="Clerk"), clock.now())
        insert_contact(conn, ContactInput("Inside", organisation="Northwind Analytics"), clock.now())
        insert_contact(conn, ContactInput("Friend", circle="friend"), clock.now())
    with store.read() as conn:
        found = svc.candidates_for(conn, TargetSpec("organisation", organisation="Northwind"),
                                   clock.now())
    assert sorted(c.name for c in found) == ["Friend", "Inside"]


def test_weekly_activity_counts_by_week(store, clock) -> None:
    gid = _goal(store, clock)
    tid = svc.add_target(store, gid, svc.TargetInput("organisation", organisation="X",
                                                     allow_parallel_asks=True), clock)
    a = create_contact(store, ContactInput("A"), clock)
    b = create_contact(store, ContactInput("B"), clock)
    clock.advance(-14 * 86400)
    svc.log_ask(store, tid, a, "", clock)
    clock.advance(14 * 86400)
    svc.log_ask(store, tid, b, "", clock)
    svc.record_introduction(store, tid, b, "C D", clock)
    [g] = svc.list_goals(store, clock)
    assert g.activity.asks[-1] == 1 and g.activity.asks[-3] == 1
    assert g.activity.introductions[-1] == 1
    assert g.activity.week_starts[-1] == date(2026, 11, 23)
    assert g.activity.week_starts[0] == date(2026, 11, 23) - timedelta(weeks=11)


def test_plan_items(store, clock) -> None:
    gid = _goal(store, clock)
    with pytest.raises(svc.InvalidInput):
        svc.add_plan_item(store, svc.PlanInput("  "), clock)
    first = svc.add_plan_item(store, svc.PlanInput("Learn SQL", goal_id=gid), clock)
    svc.add_plan_item(store, svc.PlanInput("Read widely", kind="insight", horizon="long"), clock)
    assert svc.cycle_plan_status(store, first, clock) == "doing"
    assert svc.cycle_plan_status(store, first, clock) == "done"
    assert svc.cycle_plan_status(store, first, clock) == "idea"
    assert [i.text for i in svc.list_plan(store, gid)] == ["Learn SQL"]
    assert [i.text for i in svc.list_plan(store)] == ["Learn SQL", "Read widely"]
    item = svc.list_plan(store, gid)[0]
    data = svc.plan_input(item)
    data.horizon = "long"
    svc.update_plan_item(store, first, data, clock)
    assert svc.list_plan(store, gid)[0].horizon == "long"
    svc.delete_plan_item(store, first)
    assert svc.list_plan(store, gid) == []


def test_after_three_business_days_the_next_person_may_be_asked(store, clock) -> None:
    gid = _goal(store, clock)
    tid = svc.add_target(store, gid, svc.TargetInput("organisation", organisation="X"), clock)
    a = create_contact(store, ContactInput("A"), clock)
    b = create_contact(store, ContactInput("B"), clock)
    svc.log_ask(store, tid, a, "", clock)  # Friday
    clock.advance(4 * 86400)  # Tuesday: two business days
    with pytest.raises(AskRefused, match="Wednesday 2 December"):
        svc.log_ask(store, tid, b, "", clock)
    clock.advance(86400)  # Wednesday
    svc.log_ask(store, tid, b, "", clock)
    assert [a.answer for a in svc.get_target(store, tid).asks] == ["pending", "pending"]


def _followups(store, ask_id) -> dict[str, tuple]:
    with store.read() as conn:
        return {r[0]: tuple(r[1:]) for r in conn.execute(
            "SELECT kind, status, due_date, done_at, version FROM followup WHERE referral_ask_id = :p0", {"p0": ask_id})}


def test_asking_the_next_person_closes_the_earlier_ask_next_follow_up(store, clock) -> None:
    from netnet.core.clock import to_iso

    gid = _goal(store, clock)
    tid = svc.add_target(store, gid, svc.TargetInput("organisation", organisation="X"), clock)
    a = create_contact(store, ContactInput("A"), clock)
    b = create_contact(store, ContactInput("B"), clock)
    first = svc.log_ask(store, tid, a, "", clock, next_name="B")  # Friday 27 November
    clock.advance(5 * 86400)  # Wednesday 2 December: the day to ask the next person
    second = svc.log_ask(store, tid, b, "", clock)
    assert second.next_done == 1
    earlier = _followups(store, first.ask_id)
    assert earlier["referral_next"] == ("done", "2026-12-02", to_iso(clock.now()), 2)
    assert earlier["referral_nudge"] == ("open", "2026-12-08", None, 1)  # still nudge the first person once
    # the new ask has its own two, counted from Wednesday and skipping the weekend
    assert _followups(store, second.ask_id) == {
        "referral_next": ("open", "2026-12-07", None, 1),   # Thu, Fri, Mon
        "referral_nudge": ("open", "2026-12-11", None, 1),  # Thu, Fri, Mon … Fri
    }
    assert [x.answer for x in svc.get_target(store, tid).asks] == ["pending", "pending"]


def test_an_ask_on_another_target_leaves_the_first_targets_follow_ups_alone(store, clock) -> None:
    gid = _goal(store, clock)
    first_target = svc.add_target(store, gid, svc.TargetInput("organisation", organisation="X"), clock)
    other_target = svc.add_target(store, gid, svc.TargetInput("organisation", organisation="Y"), clock)
    a = create_contact(store, ContactInput("A"), clock)
    b = create_contact(store, ContactInput("B"), clock)
    first = svc.log_ask(store, first_target, a, "", clock)
    clock.advance(5 * 86400)
    other = svc.log_ask(store, other_target, b, "", clock)
    assert other.next_done == 0
    assert {k: v[0] for k, v in _followups(store, first.ask_id).items()} == {
        "referral_next": "open", "referral_nudge": "open"}
    assert {k: v[0] for k, v in _followups(store, other.ask_id).items()} == {
        "referral_next": "open", "referral_nudge": "open"}


def test_demo_asking_the_next_person_after_amara_closes_her_ask_next(demo_store, clock) -> None:
    detail = svc.get_goal(demo_store, 1, clock)
    target = next(t for t in detail.targets if t.label == "Clinical Data Analyst at Open Health Institute")
    [amara_ask] = target.open_asks
    assert amara_ask.contact_name == "Amara Nwosu"
    assert _followups(demo_store, amara_ask.id)["referral_next"][0] == "open"
    nxt = next(s.candidate for s in svc.who_can_introduce(demo_store, target.id, clock)
               if s.candidate.id != amara_ask.contact_id)
    logged = svc.log_ask(demo_store, target.id, nxt.id, "", clock)
    assert logged.next_done == 1
    assert _followups(demo_store, amara_ask.id)["referral_next"][0] == "done"
    assert [a.answer for a in svc.get_target(demo_store, target.id).asks] == ["pending", "pending"]


def test_an_introduction_queues_a_drafted_thank_you_for_the_next_day(store, clock) -> None:
    from netnet.data.followups import list_queue

    gid = _goal(store, clock)
    tid = svc.add_target(store, gid, svc.TargetInput("title", job_title="Data analyst"), clock)
    zoe = create_contact(store, ContactInput(display_name="Zoë Fischer", given_name="Zoë",
                                             family_name="Fischer"), clock)
    svc.record_introduction(store, tid, zoe, "Carlos Mendes", clock)
    [thanks] = [i for i in list_queue(store, clock) if i.kind == "thank_you"]
    assert thanks.title == "Thank Zoë for introducing Carlos Mendes"
    assert thanks.due == clock.today() + timedelta(days=1)
    assert thanks.contact_id == zoe and thanks.target_id == tid
    assert "putting me in touch with Carlos Mendes" in svc_draft(store, thanks, clock)


def svc_draft(store, item, clock) -> str:
    from netnet.data.followups import get_draft

    return get_draft(store, item, clock).text


def test_moving_to_introduced_and_back_counts_no_introduction(store, clock) -> None:
    gid = _goal(store, clock)
    tid = svc.add_target(store, gid, svc.TargetInput("organisation", organisation="Northwind"), clock)
    svc.move_target(store, tid, 1, clock)
    svc.move_target(store, tid, 1, clock)
    assert sum(svc.get_goal(store, gid, clock).summary.activity.introductions) == 1
    svc.move_target(store, tid, -1, clock)
    assert sum(svc.get_goal(store, gid, clock).summary.activity.introductions) == 0
    # forward again, on to contacted, back to introduced, dropped and restored: still one
    for direction in (1, 1, -1):
        svc.move_target(store, tid, direction, clock)
    svc.toggle_dropped(store, tid, clock)
    svc.toggle_dropped(store, tid, clock)
    assert sum(svc.get_goal(store, gid, clock).summary.activity.introductions) == 1


def test_a_goal_can_be_deleted_with_its_targets_keeping_its_plan(store, clock) -> None:
    gid = _goal(store, clock)
    keep = _goal(store, clock, "Another goal")
    tid = svc.add_target(store, gid, svc.TargetInput("organisation", organisation="Northwind"), clock)
    joe = create_contact(store, ContactInput("Joe Okafor"), clock)
    svc.log_ask(store, tid, joe, "", clock)
    item = svc.add_plan_item(store, svc.PlanInput("Learn SQL", goal_id=gid), clock)
    svc.delete_goal(store, gid)
    assert [g.id for g in svc.list_goals(store, clock, include_archived=True)] == [keep]
    assert svc.get_target(store, tid) is None
    with store.read() as conn:
        assert conn.execute("SELECT count(*) AS n FROM followup").fetchone().n == 0
    [plan] = svc.list_plan(store)
    assert (plan.id, plan.text, plan.goal_id) == (item, "Learn SQL", None)
    with pytest.raises(KeyError):
        svc.delete_goal(store, gid)


def test_a_target_who_is_already_a_contact_is_known_by_name_or_link(store, clock) -> None:
    gid = _goal(store, clock)
    tid = svc.add_target(store, gid, svc.TargetInput("person", person_name="priya  SHAH"), clock)
    org = svc.add_target(store, gid, svc.TargetInput("organisation", organisation="Northwind"), clock)
    assert svc.known_contact(store, tid) is None
    priya = create_contact(store, ContactInput(display_name="Priyá Shah"), clock)  # imported later
    assert svc.known_contact(store, tid) == (priya, "Priyá Shah")
    assert svc.known_contact(store, org) is None
