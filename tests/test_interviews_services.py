"""Interview services: drafts, questions, the live call's autosave, recovery, the wrap-up."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from netnet.core.questions import general_call
from netnet.data import interviews as svc
from netnet.data.contacts import get_contact, interactions


def _contact(store, name: str) -> int:
    found = svc.find_contact_by_name(store, name)
    assert found is not None
    return found


def test_draft_saves_and_schedules_with_a_followup_on_its_day(demo_store, clock) -> None:
    carlos = _contact(demo_store, "carlos  mendes")
    state = svc.WizardState(contact_id=carlos, purpose="explore_field", format="video", wizard_step=1)
    iid = svc.save_draft(demo_store, clock, state)
    detail = svc.get_interview(demo_store, iid)
    assert detail.status == "draft" and detail.wizard_step == 1 and detail.format == "video"
    when = datetime(2026, 12, 2, 14, 30, tzinfo=UTC)
    state.scheduled_at, state.wizard_step = when, 3
    svc.save_draft(demo_store, clock, state, iid, schedule=True)
    detail = svc.get_interview(demo_store, iid)
    assert detail.status == "scheduled" and detail.scheduled_at == when
    with demo_store.read() as conn:
        due = conn.execute("SELECT due_date, status, kind FROM followup WHERE interview_id = :p0", {"p0": iid}).fetchall()
    assert [tuple(r) for r in due] == [("2026-12-02", "open", "interview")]
    svc.cancel_interview(demo_store, clock, iid)
    assert svc.get_interview(demo_store, iid).status == "cancelled"
    with demo_store.read() as conn:
        assert conn.execute("SELECT status FROM followup WHERE interview_id = :p0", {"p0": iid}).fetchone()[0] == "cancelled"
    assert iid not in [r.id for r in svc.list_interviews(demo_store)]


def test_questions_crud_and_reorder(store, clock) -> None:
    iid = svc.save_draft(store, clock, svc.WizardState())
    items = svc.replace_questions(store, iid, [("Trends", "First?"), ("Advice", "Second?"), ("Own", "  ")])
    assert [q.text for q in items] == ["First?", "Second?"]
    third = svc.add_question(store, iid, "Third?")
    svc.move_question(store, third, -2)
    assert [q.text for q in svc.get_interview(store, iid).questions] == ["Third?", "First?", "Second?"]
    svc.edit_question(store, third, "Third, edited?")
    svc.remove_question(store, items[0].id)
    got = svc.get_interview(store, iid).questions
    assert [(q.position, q.text) for q in got] == [(0, "Third, edited?"), (1, "Second?")]
    with pytest.raises(ValueError):
        svc.add_question(store, iid, "   ")


def test_own_questions_are_kept_once_for_reuse(store, clock) -> None:
    first = svc.keep_question(store, clock, "What  keeps you up at night?", purpose="job_org")
    again = svc.keep_question(store, clock, "What keeps you up at night?")
    assert first == again
    saved = svc.saved_questions(store)
    assert [s.text for s in saved] == ["What keeps you up at night?"]
    svc.forget_saved_question(store, first)
    assert svc.saved_questions(store) == []


def test_quick_call_with_a_new_person_starts_live_with_general_questions(store, clock) -> None:
    iid = svc.quick_call(store, clock, "Ada Lovelace", 600)
    detail = svc.get_interview(store, iid)
    assert detail.status == "live" and detail.started_at == clock.now() and detail.length_seconds == 600
    assert detail.contact_name == "Ada Lovelace"
    assert [q.text for q in detail.questions] == [q.text for q in general_call()]
    contact = get_contact(store, detail.contact_id)
    assert (contact.given_name, contact.family_name) == ("Ada", "Lovelace")
    again = svc.quick_call(store, clock, "ada lovelace")
    assert svc.get_interview(store, again).contact_id == detail.contact_id


def test_autosave_writes_notes_elapsed_pauses_and_question_notes(store, clock) -> None:
    iid = svc.quick_call(store, clock, "Ada Lovelace")
    qid = svc.get_interview(store, iid).questions[0].id
    svc.autosave(store, clock, iid, notes="hello", elapsed=12.5, question_notes={qid: "q note"},
                 answered={qid: True}, paused=True)
    clock.advance(30)
    svc.autosave(store, clock, iid, paused=False)
    detail = svc.get_interview(store, iid)
    assert detail.notes == "hello" and detail.elapsed_seconds == 12.5
    assert detail.paused_at is None and detail.paused_seconds == 30
    assert detail.questions[0].notes == "q note" and detail.questions[0].answered


def test_recovery_takes_the_wall_clock_after_a_recent_crash(store, clock) -> None:
    iid = svc.quick_call(store, clock, "Ada Lovelace")
    clock.advance(100)
    svc.autosave(store, clock, iid, notes="typed", elapsed=100)
    clock.advance(20)  # the process died; the phone call went on
    assert [r.id for r in svc.unfinished_calls(store)] == [iid]
    elapsed, paused = svc.recovered_elapsed(svc.get_interview(store, iid), clock.now())
    assert (elapsed, paused) == (120, False)
    clock.advance(3600)  # hours later: resume paused where the save left it
    elapsed, paused = svc.recovered_elapsed(svc.get_interview(store, iid), clock.now())
    assert (elapsed, paused) == (100, True)


def test_recovery_of_a_paused_call_keeps_its_saved_time(store, clock) -> None:
    iid = svc.quick_call(store, clock, "Ada Lovelace")
    clock.advance(50)
    svc.autosave(store, clock, iid, elapsed=50, paused=True)
    clock.advance(200)
    assert svc.recovered_elapsed(svc.get_interview(store, iid), clock.now()) == (50, True)


def test_capture_person_and_action_during_a_call(demo_store, clock) -> None:
    maria = _contact(demo_store, "Maria Lindqvist")
    iid = svc.quick_call(demo_store, clock, "Maria Lindqvist")
    pid = svc.capture_person(demo_store, clock, iid, "Rita  Gomez", organisation="Harbour Health",
                             note="Runs the bed-management team")
    person = get_contact(demo_store, pid)
    assert person.introduced_by_id == maria and person.organisation == "Harbour Health"
    assert "Suggested by Maria Lindqvist" in person.notes and "bed-management" in person.notes
    assert svc.suggested_people(demo_store, iid) == [(pid, "Rita Gomez")]
    aid = svc.capture_action(demo_store, clock, iid, "Send my CV to Rita")
    assert svc.action_items(demo_store, iid) == [(aid, "Send my CV to Rita", date(2026, 11, 28))]
    with demo_store.read() as conn:
        row = conn.execute("SELECT kind, contact_id FROM followup WHERE id = :p0", {"p0": aid}).fetchone()
    assert tuple(row) == ("action", maria)


def test_end_call_logs_thanks_and_moves_the_target(demo_store, clock) -> None:
    carlos = _contact(demo_store, "Carlos Mendes")
    iid = svc.quick_call(demo_store, clock, "Carlos Mendes")
    detail = svc.get_interview(demo_store, iid)
    assert detail.target_id is not None  # found from the goal's target list
    first = detail.questions[0]
    clock.advance(14 * 60)
    result = svc.end_call(
        demo_store, clock, iid, elapsed=14 * 60,
        notes="[02:10] The discharge project needs an analyst by March.\n[05:00] Learn dbt.",
        question_notes={first.id: "Wards are short of data people"}, answered={first.id: True})
    assert result.detail.status == "done" and result.detail.ended_at == clock.now()
    assert result.target_moved
    with demo_store.read() as conn:
        stage = conn.execute("SELECT stage FROM target WHERE id = :p0", {"p0": detail.target_id}).fetchone()[0]
        events = conn.execute("SELECT stage FROM target_stage_event WHERE target_id = :p0 ORDER BY id",
                              {"p0": detail.target_id}).fetchall()
        thanks = conn.execute("SELECT due_date, draft, contact_id FROM followup WHERE id = :p0",
                              {"p0": result.thank_you_id}).fetchone()
    assert stage == "interviewed" and events[-1][0] == "interviewed"
    assert thanks[0] == "2026-11-28" and thanks[2] == carlos
    draft = thanks[1]
    assert draft.startswith("Dear Carlos,")
    assert "your work at Harbour Health" in draft
    assert "Wards are short of data people" in draft and "discharge project needs an analyst" in draft
    timeline = interactions(demo_store, carlos)
    assert any(i.kind == "interview" and i.interview_id == iid for i in timeline)
    assert get_contact(demo_store, carlos).last_interaction_at is not None
    # ending twice does not queue a second thank-you
    assert svc.end_call(demo_store, clock, iid).thank_you_id is None


def test_wrapup_saves_learned_plan_items_and_the_edited_thank_you(demo_store, clock) -> None:
    iid = svc.quick_call(demo_store, clock, "Carlos Mendes")
    svc.end_call(demo_store, clock, iid, notes="Talked about forecasting bed demand.")
    svc.save_wrapup(demo_store, clock, iid, learned="SQL matters", thank_you="Dear Carlos, thanks!")
    goal = svc.goal_choices(demo_store)[0][0]
    pid = svc.add_plan_item(demo_store, clock, iid, "Learn  dbt", kind="skill", horizon="long")
    items = svc.plan_items_for(demo_store, iid)
    assert [(p.id, p.text, p.horizon, p.goal_id) for p in items] == [(pid, "Learn dbt", "long", goal)]
    assert svc.get_interview(demo_store, iid).learned == "SQL matters"
    assert svc.thank_you_for(demo_store, iid)[1] == "Dear Carlos, thanks!"


def test_list_orders_live_drafts_scheduled_done(demo_store, clock) -> None:
    live = svc.quick_call(demo_store, clock, "Joe Okafor")
    draft = svc.save_draft(demo_store, clock, svc.WizardState())
    rows = svc.list_interviews(demo_store)
    assert [r.status for r in rows] == ["live", "draft", "scheduled", "done"]
    assert rows[0].id == live and rows[1].id == draft
    assert rows[2].scheduled_at > clock.now() - timedelta(days=1)


def test_a_person_in_the_trash_leaves_interviews_until_restored(store, clock) -> None:
    from netnet.data.contacts import ContactInput, create_contact, restore_contacts, trash_contacts

    ana = create_contact(store, ContactInput(display_name="Ana Ribeiro"), clock)
    iid = svc.save_draft(store, clock, svc.WizardState(contact_id=ana, purpose="explore_field"))
    assert [r.id for r in svc.list_interviews(store)] == [iid]
    trash_contacts(store, [ana], clock)
    assert svc.list_interviews(store) == []
    assert svc.list_interviews(store, include_cancelled=True) == []
    restore_contacts(store, [ana])
    assert [r.id for r in svc.list_interviews(store)] == [iid]


def test_an_accidental_finished_call_can_be_deleted_with_its_thank_you(store, clock) -> None:
    from netnet.data.contacts import ContactInput, create_contact
    from netnet.data.followups import list_queue

    maria = create_contact(store, ContactInput(display_name="Maria Lindqvist"), clock)
    iid = svc.quick_call(store, clock, "maria lindqvist")
    clock.advance(5)
    svc.end_call(store, clock, iid, elapsed=5)
    assert [i.kind for i in list_queue(store, clock)] == ["thank_you"]
    with pytest.raises(ValueError):
        svc.delete_interview(store, svc.save_draft(store, clock, svc.WizardState(contact_id=maria)))
    svc.delete_interview(store, iid)
    assert svc.get_interview(store, iid) is None
    assert [r.status for r in svc.list_interviews(store)] == ["draft"]
    assert list_queue(store, clock) == []
    assert not any(i.kind == "interview" for i in interactions(store, maria))
    assert get_contact(store, maria).last_interaction_at is None
    with pytest.raises(svc.InterviewGone):
        svc.delete_interview(store, iid)
