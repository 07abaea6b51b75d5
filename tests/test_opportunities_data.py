"""Opportunity services (both engines): stages with dated history, the next step in the queue,
trash and restore, edits from a stale copy refused, the organisation behind it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netnet.core import opportunities as rules
from netnet.data import goals
from netnet.data import interviews as ivs
from netnet.data import opportunities as svc
from netnet.data.contacts import ContactInput, create_contact
from netnet.data.errors import RecordGone, VersionConflict
from netnet.data.followups import list_queue


def _goal(store, clock, title="Get into analytics") -> int:
    return goals.create_goal(store, goals.GoalInput("career_change", title), clock)


def _opp(store, clock, title="Data analyst", **fields) -> int:
    return svc.add_opportunity(store, svc.OpportunityInput(title, **fields), clock)


def test_rules_walk_the_path_and_close() -> None:
    assert rules.step("heard", 1) == "researching"
    assert rules.step("heard", -1) is None and rules.step("offer", 1) is None
    assert rules.step("closed", 1) is None and rules.step("closed", -1) is None
    assert rules.reopen_stage(["heard", "researching", "applied", "closed"]) == "applied"
    assert rules.stage_words("closed", "not_chosen") == "closed: not chosen"
    assert rules.stage_words("heard") == "heard of"
    assert rules.counts_text({"heard": 2, "closed": 1}) == "2 heard of, 1 closed"
    assert rules.counts_text({}) == "no opportunities yet"
    assert rules.call_stamp(252) == "04:12" and rules.call_stamp(None) == ""


def test_validation_names_each_field(store, clock) -> None:
    with pytest.raises(goals.InvalidInput) as err:
        svc.add_opportunity(store, svc.OpportunityInput(" ", kind="job", link="not a link",
                                                        next_step="send my CV"), clock)
    assert set(err.value.errors) == {"title", "kind", "link", "next_due"}
    with pytest.raises(goals.InvalidInput) as err:
        svc.add_opportunity(store, svc.OpportunityInput("Analyst", next_due=date(2026, 12, 3)), clock)
    assert set(err.value.errors) == {"next_step"}
    assert svc.list_opportunities(store, clock) == []


def test_add_with_source_call_and_next_step_in_the_queue(store, clock) -> None:
    gid = _goal(store, clock)
    ada = create_contact(store, ContactInput("Ada Park", organisation="Harbour Health"), clock)
    call = ivs.quick_call(store, clock, "Ada Park")
    oid = _opp(store, clock, "Data analyst, new team", organisation="Harbour Health", goal_id=gid,
               source_contact_id=ada, source_interview_id=call, source_seconds=252,
               link="https://harbour.example/jobs/42", next_step="Send my CV to Ada",
               next_due=date(2026, 11, 30))
    view = svc.get_opportunity(store, oid)
    assert (view.key, view.stage, view.stage_words, view.goal_title) == (f"o{oid}", "heard", "heard of",
                                                                         "Get into analytics")
    assert view.source_words.startswith("Ada Park, in the call on ") and view.source_words.endswith("at 04:12")
    assert (view.next_step, view.next_due) == ("Send my CV to Ada", date(2026, 11, 30))
    assert [h.stage for h in view.history] == ["heard"]
    [item] = [i for i in list_queue(store, clock) if i.id == view.followup_id]
    assert (item.kind, item.title, item.due) == ("action", "Send my CV to Ada", date(2026, 11, 30))
    assert [v.id for v in svc.for_interview(store, call)] == [oid]
    mine = svc.get_opportunity(store, _opp(store, clock, "Volunteer mentor", kind="volunteer"))
    assert mine.source_words == "found it myself" and mine.next_step == ""


def test_stages_move_one_step_close_and_reopen_with_history(store, clock) -> None:
    oid = _opp(store, clock, next_step="Read their annual report", next_due=date(2026, 11, 28))
    clock.advance(86400)
    assert svc.move_stage(store, oid, 1, clock) == "researching"
    assert svc.move_stage(store, oid, 1, clock) == "applied"
    assert svc.move_stage(store, oid, -1, clock) == "researching"
    assert svc.move_stage(store, oid, 1, clock) == "applied"
    sentence = svc.close_opportunity(store, oid, "not_chosen", clock)
    assert sentence == "“Data analyst” closed: not chosen. Its next step left the queue."
    assert svc.move_stage(store, oid, 1, clock) is None
    view = svc.get_opportunity(store, oid)
    assert (view.stage_words, view.next_step, view.followup_id) == ("closed: not chosen", "", None)
    assert svc.reopen_opportunity(store, oid, clock) == "applied"
    view = svc.get_opportunity(store, oid)
    assert [(h.stage, h.outcome, h.note) for h in view.history] == [
        ("heard", None, ""), ("researching", None, ""), ("applied", None, ""),
        ("researching", None, "moved back"), ("applied", None, ""), ("closed", "not_chosen", ""),
        ("applied", None, "reopened")]
    assert view.history[0].at.date() == date(2026, 11, 27) and view.history[1].at.date() == date(2026, 11, 28)
    with pytest.raises(goals.InvalidInput):
        svc.close_opportunity(store, oid, "maybe", clock)


def test_most_pressing_first_search_and_filters(store, clock) -> None:
    gid, other = _goal(store, clock), _goal(store, clock, "Teach data skills")
    later = _opp(store, clock, "Later step", goal_id=gid, next_step="Call", next_due=date(2026, 12, 10))
    due = _opp(store, clock, "Overdue step", goal_id=gid, next_step="Write", next_due=date(2026, 11, 20))
    none = _opp(store, clock, "No step, applied", goal_id=other)
    svc.move_stage(store, none, 1, clock)
    svc.move_stage(store, none, 1, clock)
    idle = _opp(store, clock, "No step, heard of", organisation="Café Zoë")
    closed = _opp(store, clock, "Closed one")
    svc.close_opportunity(store, closed, "declined", clock)
    assert [v.id for v in svc.list_opportunities(store, clock)] == [due, later, none, idle, closed]
    assert svc.get_opportunity(store, due).overdue(clock.today())
    assert [v.id for v in svc.list_opportunities(store, clock, goal_id=other)] == [none]
    assert [v.id for v in svc.list_opportunities(store, clock, stages={"applied", "closed"})] == [none, closed]
    assert [v.id for v in svc.list_opportunities(store, clock, query="cafe zoe")] == [idle]
    assert [v.id for v in svc.list_opportunities(store, clock, query="STEP later")] == [later]
    assert svc.goal_counts(store) == {gid: {"heard": 2}, other: {"applied": 1}}
    assert rules.counts_text(svc.for_goal(store, gid)) == "2 heard of"


def test_edit_moves_the_next_step_and_a_stale_copy_is_refused(store, clock) -> None:
    oid = _opp(store, clock, next_step="Send CV", next_due=date(2026, 12, 1))
    data, version = svc.opportunity_for_edit(store, oid)
    data.next_step, data.next_due, data.notes = "Send CV and cover letter", date(2026, 12, 2), "Ask Ada first"
    svc.update_opportunity(store, oid, data, clock, expected_version=version)
    view = svc.get_opportunity(store, oid)
    assert (view.next_step, view.next_due, view.notes) == ("Send CV and cover letter", date(2026, 12, 2),
                                                          "Ask Ada first")
    with pytest.raises(VersionConflict) as err:
        svc.update_opportunity(store, oid, data, clock, expected_version=version)
    assert "changed on another device" in str(err.value) and err.value.current_version == view.version
    first_step = view.followup_id
    data.next_step, data.next_due = "", None
    svc.update_opportunity(store, oid, data, clock, expected_version=view.version)
    assert svc.get_opportunity(store, oid).next_step == ""
    assert all(i.id != first_step for i in list_queue(store, clock))
    data.next_step, data.next_due = "Phone the hiring manager", date(2026, 12, 4)
    svc.update_opportunity(store, oid, data, clock)
    assert svc.get_opportunity(store, oid).next_words(clock.today()) == "Phone the hiring manager, Fri 4 Dec"


def test_remove_and_restore_bring_the_next_step_back(store, clock) -> None:
    oid = _opp(store, clock, next_step="Send CV", next_due=date(2026, 12, 1))
    step = svc.get_opportunity(store, oid).followup_id
    assert svc.remove_opportunity(store, oid, clock) == "“Data analyst” moved to the trash."
    assert svc.list_opportunities(store, clock) == [] and svc.get_opportunity(store, oid) is None
    assert all(i.id != step for i in list_queue(store, clock))
    data = svc.OpportunityInput("Data analyst II")
    with pytest.raises(RecordGone) as err:
        svc.update_opportunity(store, oid, data, clock, expected_version=2)
    assert "moved to the trash on another device" in str(err.value)
    clock.advance(60)
    assert svc.restore_opportunity(store, oid, clock) == "“Data analyst” is back."
    assert svc.get_opportunity(store, oid).next_step == "Send CV"
    assert any(i.id == step for i in list_queue(store, clock))


def test_introductions_go_through_one_organisation_target(store, clock) -> None:
    gid = _goal(store, clock)
    create_contact(store, ContactInput("Bo Lind", organisation="Harbour Health Ltd", title="Nurse"), clock)
    create_contact(store, ContactInput("Cy Moor", organisation="Harbourside Café"), clock)
    no_org = _opp(store, clock, "Somewhere", goal_id=gid)
    with pytest.raises(goals.InvalidInput) as err:
        svc.introduction_target(store, no_org, clock)
    assert set(err.value.errors) == {"organisation"}
    no_goal = _opp(store, clock, "Loose", organisation="Harbour Health")
    with pytest.raises(goals.InvalidInput) as err:
        svc.introduction_target(store, no_goal, clock)
    assert set(err.value.errors) == {"goal_id"}
    oid = _opp(store, clock, organisation="Harbour Health", goal_id=gid)
    target = svc.introduction_target(store, oid, clock)
    assert svc.introduction_target(store, oid, clock) == target  # found again, not listed twice
    view = goals.get_target(store, target)
    assert (view.kind, view.organisation, view.stage, view.goal_id) == ("organisation", "Harbour Health",
                                                                        "listed", gid)
    assert [s.candidate.name for s in goals.who_can_introduce(store, target, clock)][:1] == ["Bo Lind"]
    assert [name for _, name, _ in svc.organisation_people(store, oid)] == ["Bo Lind"]


def test_json_has_the_promised_keys(store, clock) -> None:
    gid = _goal(store, clock)
    oid = _opp(store, clock, organisation="Harbour Health", goal_id=gid, next_step="Send CV",
               next_due=date(2026, 12, 1) + timedelta(days=0))
    shown = svc.as_json(svc.get_opportunity(store, oid))
    assert {"key", "title", "organisation", "goal", "stage", "next_step", "next_due", "source"} <= set(shown)
    assert (shown["key"], shown["goal"], shown["stage"], shown["next_due"], shown["source"]) == (
        f"o{oid}", "Get into analytics", "heard", "2026-12-01", "found it myself")


def test_captured_in_a_call_from_the_person_for_the_goal_of_its_target(store, clock) -> None:
    gid = _goal(store, clock)
    target = goals.add_target(store, gid, goals.TargetInput("organisation", organisation="Harbour Health"), clock)
    ada = create_contact(store, ContactInput("Ada Park"), clock)
    call = ivs.quick_call(store, clock, "Ada Park")
    with store.write() as conn:
        conn.execute("UPDATE interview SET target_id = :t WHERE id = :id", {"t": target, "id": call})
    oid = svc.capture_in_call(store, clock, call, "  Analyst   role ", organisation="Harbour  Health",
                              notes="starts in March", seconds=252.7)
    view = svc.get_opportunity(store, oid)
    assert (view.title, view.organisation, view.notes, view.source_contact_id, view.goal_id,
            view.source_seconds, view.stage) == ("Analyst role", "Harbour Health", "starts in March", ada, gid,
                                                 252, "heard")
    with pytest.raises(goals.InvalidInput):
        svc.capture_in_call(store, clock, call, "   ")


def test_a_quick_call_captures_for_the_goal_that_lists_the_person(store, clock) -> None:
    first, second = _goal(store, clock), _goal(store, clock, "Teach data skills")
    ada = create_contact(store, ContactInput("Ada Park"), clock)
    bo = create_contact(store, ContactInput("Bo Lind"), clock)
    target = goals.add_target(store, second, goals.TargetInput("person", person_name="Ada Park"), clock)
    with store.write() as conn:
        conn.execute("UPDATE target SET contact_id = :c WHERE id = :t", {"c": ada, "t": target})
    with_ada, with_bo = ivs.quick_call(store, clock, "Ada Park"), ivs.quick_call(store, clock, "Bo Lind")
    assert svc.get_opportunity(store, svc.capture_in_call(store, clock, with_ada, "Tutor")).goal_id == second
    assert svc.get_opportunity(store, svc.capture_in_call(store, clock, with_bo, "Mentor")).goal_id is None  # two
    goals.set_goal_status(store, first, "paused", clock)
    assert svc.get_opportunity(store, svc.capture_in_call(store, clock, with_bo, "Coach")).goal_id == second
    assert bo
