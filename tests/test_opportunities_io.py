"""Opportunities beyond their own screens: the goal's progress counts them, the JSON export and
restore keep them whole (stage history and the next step's link included), the Markdown export
has them per goal, and their next steps reach the iCalendar export through the queue.

Each test that takes ``store`` runs on SQLite and on PostgreSQL (conftest.py: BOTH_ENGINES)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from icalendar import Calendar

from netnet.data import opportunities as svc
from netnet.data.exports import calendar_items, goal_notes, interview_notes
from netnet.data.goals import get_goal, list_goals
from netnet.data.interviews import quick_call
from netnet.data.json_file import dump_json
from netnet.data.opportunities import OpportunityInput
from netnet.importing import import_file, render_export
from netnet.io.ics import write_ics
from netnet.io.markdown import write_markdown
from tests import builders as b
from tests.io_helpers import fresh_store

OPPORTUNITY_TABLES = ("opportunity", "opportunity_stage_event", "followup", "goal", "contact", "interview")


def some_opportunities(store, clock) -> dict[str, int]:
    """A goal with three opportunities: one heard in a call with a next step, moved on twice; one found
    myself and closed; one removed. Another goal with none."""
    goal = b.goal(store, clock, "Move into analytics")
    b.goal(store, clock, "Learn to teach")
    ada = b.person(store, clock, "Ada Park", organisation="Harbour Health")
    call = quick_call(store, clock, "Ada Park")
    heard = svc.add_opportunity(store, OpportunityInput(
        "Data analyst", organisation="Harbour Health", goal_id=goal, source_contact_id=ada,
        source_interview_id=call, source_seconds=252, link="https://harbour.example/jobs/1", notes="Ask Ada",
        next_step="Send my CV", next_due=clock.today() + timedelta(days=2)), clock)
    clock.advance(3600)
    svc.move_stage(store, heard, 1, clock)
    clock.advance(3600)
    svc.move_stage(store, heard, 1, clock)
    found = svc.add_opportunity(store, OpportunityInput("Volunteer data lead", kind="volunteer",
                                                        organisation="Data for Good", goal_id=goal), clock)
    svc.close_opportunity(store, found, "withdrawn", clock)
    gone = svc.add_opportunity(store, OpportunityInput("Old idea", goal_id=goal, next_step="Think",
                                                       next_due=clock.today()), clock)
    svc.remove_opportunity(store, gone, clock)
    return {"goal": goal, "heard": heard, "found": found, "gone": gone, "call": call, "ada": ada}


# -- the goal's progress --------------------------------------------------------------------

def test_a_goal_counts_its_opportunities_by_stage_leaving_out_the_trash(store, clock) -> None:
    made = some_opportunities(store, clock)
    summaries = {g.title: g for g in list_goals(store, clock)}
    analytics = summaries["Move into analytics"]
    assert analytics.opportunity_counts == {"applied": 1, "closed": 1}
    assert analytics.opportunities == 2
    assert summaries["Learn to teach"].opportunity_counts == {} and summaries["Learn to teach"].opportunities == 0
    assert get_goal(store, made["goal"], clock).summary.opportunity_counts == {"applied": 1, "closed": 1}
    svc.restore_opportunity(store, made["gone"], clock)
    assert get_goal(store, made["goal"], clock).summary.opportunity_counts == {"heard": 1, "applied": 1, "closed": 1}


# -- JSON: lossless both ways --------------------------------------------------------------------

def _rows(document: dict, table: str) -> list[dict]:
    body = document["tables"][table]
    return [dict(zip(body["columns"], row, strict=True)) for row in body["rows"]]


def _round_trip(source, target, clock, tmp_path: Path) -> tuple[dict, dict]:
    before = json.loads(dump_json(source, clock.now()))
    path = tmp_path / "netnet.json"
    path.write_text(json.dumps(before))
    summary = import_file(target, "json", path, clock)
    assert summary.rejected == []
    after = json.loads(dump_json(target, clock.now()))
    return before, after


def _assert_same_opportunities(before: dict, after: dict) -> None:
    for table in OPPORTUNITY_TABLES:
        assert _rows(after, table) == _rows(before, table), table
    opportunities = _rows(after, "opportunity")
    assert len(opportunities) == 3 and sum(1 for o in opportunities if o["deleted_at"]) == 1
    assert len(_rows(after, "opportunity_stage_event")) == 6  # heard, researching, applied; heard, closed; heard
    linked = [o for o in opportunities if o["followup_id"] is not None]
    followups = {f["id"]: f for f in _rows(after, "followup")}
    assert {followups[o["followup_id"]]["title"] for o in linked} == {"Send my CV", "Think"}


def test_the_json_export_restores_opportunities_whole_into_a_new_file(store, clock, tmp_path: Path) -> None:
    made = some_opportunities(store, clock)
    with fresh_store(tmp_path) as other:
        before, after = _round_trip(store, other, clock, tmp_path)
        _assert_same_opportunities(before, after)
        view = svc.get_opportunity(other, made["heard"])
        assert view is not None and view.stage == "applied" and view.next_step == "Send my CV"
        assert view.source_words.startswith("Ada Park, in the call") and view.source_words.endswith("at 04:12")
        assert [m.stage for m in view.history] == ["heard", "researching", "applied"]


def test_the_json_export_restores_opportunities_whole_into_this_engine(store, clock, tmp_path: Path) -> None:
    with fresh_store(tmp_path) as other:
        made = some_opportunities(other, clock)
        before, after = _round_trip(other, store, clock, tmp_path)
    _assert_same_opportunities(before, after)
    listed = svc.list_opportunities(store, clock)
    assert [v.title for v in listed] == ["Data analyst", "Volunteer data lead"]
    assert listed[1].stage_words == "closed: withdrawn"
    # The restored rows keep working: the next step moves, the removed one comes back.
    svc.update_opportunity(store, made["heard"], OpportunityInput(
        "Data analyst", organisation="Harbour Health", goal_id=made["goal"], next_step="Send my CV today",
        next_due=clock.today()), clock, expected_version=listed[0].version)
    assert svc.get_opportunity(store, made["heard"]).next_step == "Send my CV today"
    svc.restore_opportunity(store, made["gone"], clock)
    assert svc.get_opportunity(store, made["gone"]).next_step == "Think"


# -- Markdown: per goal ------------------------------------------------------------------------

def test_the_markdown_export_has_each_goal_with_its_opportunities(store, clock) -> None:
    some_opportunities(store, clock)
    text = write_markdown(interview_notes(store), goals=goal_notes(store, clock))
    assert text.startswith("# Goals\n")
    goals = text[:text.index("\n# Information interviews\n")]
    analytics = goals[goals.index("## Move into analytics"):goals.index("## Learn to teach")]
    assert "### Opportunities" in analytics
    assert "- **Data analyst** (job opening, Harbour Health) — applied" in analytics
    assert "  - Came from: Ada Park, in the call on" in analytics and "at 04:12" in analytics
    due = (clock.today() + timedelta(days=2)).isoformat()
    assert f"  - Next step: Send my CV (by {due})" in analytics
    assert "  - Link: <https://harbour.example/jobs/1>" in analytics
    assert "  - Stages: heard of " in analytics and "applied" in analytics
    assert "- **Volunteer data lead** (volunteer role, Data for Good) — closed: withdrawn" in analytics
    assert "Came from: found it myself" in analytics
    assert "Old idea" not in text  # in the trash
    teach = goals[goals.index("## Learn to teach"):]
    assert "No opportunities yet." in teach
    assert render_export(store, "markdown", clock) == text


def test_an_opportunity_without_a_goal_has_a_heading_of_its_own(store, clock) -> None:
    svc.add_opportunity(store, OpportunityInput("Board seat", organisation="Rotary Club"), clock)
    text = write_markdown([], goals=goal_notes(store, clock))
    assert "## Opportunities without a goal" in text and "- **Board seat**" in text


# -- iCalendar: next steps through the queue ---------------------------------------------------

def test_next_steps_reach_the_calendar_through_the_queue_and_leave_it_when_closed(store, clock) -> None:
    made = some_opportunities(store, clock)

    def todos() -> dict[str, object]:
        followups, interviews = calendar_items(store, clock)
        cal = Calendar.from_ical(write_ics(followups, interviews, clock.now()))
        return {str(t["SUMMARY"]): t.decoded("DUE") for t in cal.walk("VTODO")}

    assert todos().get("Send my CV") == clock.today() + timedelta(days=2)
    assert "Think" not in todos()  # its opportunity is in the trash
    svc.close_opportunity(store, made["heard"], "accepted", clock)
    assert "Send my CV" not in todos()


# -- narrowing what was read (the section's search and filter) -----------------------------------

def test_narrowing_in_memory_keeps_what_the_service_keeps(store, clock) -> None:
    made = some_opportunities(store, clock)
    svc.add_opportunity(store, OpportunityInput("Café manager", organisation="Søren's Café"), clock)
    everything = svc.list_opportunities(store, clock)
    texts = {view.id: svc.search_text(view) for view in everything}
    cases = [dict(), dict(query="harbour"), dict(query="HARB ada"), dict(query="cafe"), dict(query="soren"),
             dict(query="withdrawn"), dict(query="nothing like it"), dict(goal_id=made["goal"]),
             dict(stages={"closed"}), dict(stages={"applied", "heard"}, query="data"),
             dict(goal_id=made["goal"], stages={"applied"}, query="cv")]
    for case in cases:
        expected = [v.id for v in svc.list_opportunities(store, clock, **case)]
        assert [v.id for v in svc.narrow(everything, **case)] == expected, case
        assert [v.id for v in svc.narrow(everything, texts=texts, **case)] == expected, case
