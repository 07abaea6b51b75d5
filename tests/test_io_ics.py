"""iCalendar export (parsed back with icalendar) and the Markdown interview notes."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from netnet.data.exports import calendar_items, interview_notes
from netnet.data.lessons import goal_sections
from netnet.io.ics import write_ics
from netnet.io.markdown import write_markdown


def _calendar(store, clock, zone=None) -> Calendar:
    followups, interviews = calendar_items(store, clock)
    return Calendar.from_ical(write_ics(followups, interviews, clock.now(), zone))


def test_open_followups_become_todos_with_their_due_dates(demo_store, clock) -> None:
    cal = _calendar(demo_store, clock)
    todos = [t for t in cal.walk("VTODO") if not str(t["UID"]).startswith("checkin-")]
    with demo_store.read() as conn:
        expected = {f"{u}@netnet": (date.fromisoformat(d), t) for u, d, t in conn.execute(
            "SELECT uuid, due_date, title FROM followup WHERE status = 'open'")}
    assert len(todos) == len(expected) > 0
    for todo in todos:
        due, title = expected[str(todo["UID"])]
        assert todo.decoded("DUE") == due
        assert str(todo["STATUS"]) == "NEEDS-ACTION"
        assert str(todo["SUMMARY"]).startswith(title)
    maria = [t for t in todos if str(t.get("CONTACT", "")) == "Maria Lindqvist"]
    assert maria and "Maria" in str(maria[0]["SUMMARY"])


def test_the_calendar_holds_exactly_what_the_queue_shows(demo_store, clock) -> None:
    from netnet.data.followups import list_queue

    queue = [i for i in list_queue(demo_store, clock) if i.source != "interview"]
    todos = _calendar(demo_store, clock).walk("VTODO")
    assert sorted((str(t["SUMMARY"]).split(" (")[0], t.decoded("DUE")) for t in todos) == sorted(
        (i.title, i.due) for i in queue)
    checkins = [t for t in todos if str(t["UID"]).startswith("checkin-")]
    assert checkins, "check-ins made due by the cadence belong in the calendar"
    assert all(str(t["CATEGORIES"].cats[0]) == "check-in" for t in checkins)


def test_a_done_checkin_moves_to_its_next_date_under_the_same_uid(demo_store, clock) -> None:
    from netnet.data.followups import list_queue, mark_done

    # Linda Marsh is a connector (every 30 days), overdue for a check-in.
    item = next(i for i in list_queue(demo_store, clock) if i.source == "checkin" and i.contact_name == "Linda Marsh")

    def linda() -> dict[str, date]:
        return {str(t["UID"]): t.decoded("DUE") for t in _calendar(demo_store, clock).walk("VTODO")
                if str(t["SUMMARY"]).startswith("Check in with Linda Marsh")}

    (uid, due_before), = linda().items()
    assert due_before < clock.today()
    mark_done(demo_store, item, clock)
    assert linda() == {uid: clock.today() + timedelta(days=30)}


def test_uids_are_stable_between_exports(demo_store, clock) -> None:
    first = {str(c["UID"]) for c in _calendar(demo_store, clock).walk() if "UID" in c}
    clock.advance(3600)
    second = {str(c["UID"]) for c in _calendar(demo_store, clock).walk() if "UID" in c}
    assert first == second and len(first) > 1


def test_snoozed_followups_are_due_when_the_snooze_ends(demo_store, clock) -> None:
    later = (clock.today() + timedelta(days=10)).isoformat()
    with demo_store.write() as conn:
        uuid = conn.execute("SELECT uuid FROM followup WHERE status = 'open' LIMIT 1").fetchone()[0]
        conn.execute("UPDATE followup SET snoozed_until = :p0 WHERE uuid = :p1", {"p0": later, "p1": uuid})
    todo = next(t for t in _calendar(demo_store, clock).walk("VTODO") if str(t["UID"]) == f"{uuid}@netnet")
    assert todo.decoded("DUE").isoformat() == later


def test_scheduled_interviews_are_events_in_the_local_time_zone(demo_store, clock) -> None:
    oslo = ZoneInfo("Europe/Oslo")
    cal = _calendar(demo_store, clock, oslo)
    (event,) = cal.walk("VEVENT")
    assert "Carlos Mendes" in str(event["SUMMARY"])
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert str(start.tzinfo) == "Europe/Oslo"
    assert end - start == timedelta(minutes=15)
    with demo_store.read() as conn:
        stored = conn.execute("SELECT scheduled_at FROM interview WHERE status = 'scheduled'").fetchone()[0]
    from netnet.core.clock import from_iso

    assert start == from_iso(stored)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Oslo"]


def test_markdown_has_one_section_per_interview(demo_store) -> None:
    text = write_markdown(interview_notes(demo_store), goals=goal_sections(demo_store))
    interviews = text[text.index("# Information interviews\n"):]
    assert interviews.count("\n## ") == 1
    text = interviews
    assert "## Maria Lindqvist, Harbour Health" in text
    assert "- [x] Who else should I talk to?" in text
    assert "[14:20] Suggested I talk to Carlos Mendes" in text
    assert "### What I learned" in text and "### Development plan" in text


def test_markdown_of_an_empty_network_says_so(store) -> None:
    text = write_markdown(interview_notes(store), goals=goal_sections(store))
    assert text.startswith("# Information interviews\n") and "No interviews" in text  # no goals: no section


def test_markdown_has_a_section_per_goal_with_what_its_interviews_taught(demo_store) -> None:
    text = write_markdown(interview_notes(demo_store), goals=goal_sections(demo_store))
    assert text.startswith("# Goals\n\n## Move from operations into healthcare analytics\n\n*change careers · active*\n")
    goals = text[:text.index("# Information interviews")]
    assert goals.count("\n## ") == 3 and goals.count("### What I learned") == 3
    first = goals[:goals.index("## Bring forecasting")]
    assert "#### Maria Lindqvist, Harbour Health — 20" in first
    assert "- Operations experience is an asset, not a gap." in first
    assert ("- Plan: Take an intermediate SQL course and practise on public hospital data "
            "(skill to gain, short term, doing)") in first
    rest = goals[goals.index("## Bring forecasting"):]
    assert rest.count("Nothing learned yet") == 2
