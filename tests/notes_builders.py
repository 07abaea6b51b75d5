"""Builders for notes: an information interview held through the ordinary services (prepared,
called, its notes typed, ended, wrapped up), as the app would leave it."""

from __future__ import annotations

from datetime import timedelta

from netnet.core.clock import Clock
from netnet.data import interviews as iv
from netnet.data.store import Store


def held_interview(store: Store, clock: Clock, contact_id: int | None, *, goal_id: int | None = None,
                   target_id: int | None = None, notes: str = "", learned: str = "",
                   answers: dict[int, str] | None = None, plan: list[str] = (), days_ago: int = 0,
                   questions: list[str] | None = None) -> int:
    """A finished interview with ``contact_id`` held ``days_ago`` days before the clock's now: its call
    notes, ``answers`` (question number from 1: notes), lessons and plan items. The clock is left as it was."""
    now = clock.wall
    clock.wall = now - timedelta(days=days_ago)
    try:
        state = iv.WizardState(contact_id=contact_id, goal_id=goal_id, target_id=target_id, wizard_step=3)
        interview_id = iv.save_draft(store, clock, state)
        asked = questions or ["How did you come into this role?", "How does hiring work here?",
                              "Who else should I talk to?"]
        items = iv.replace_questions(store, interview_id, [("Insights", text) for text in asked])
        iv.start_call(store, clock, interview_id)
        by_number = {n: items[n - 1].id for n in (answers or {})}
        iv.end_call(store, clock, interview_id, notes=notes, elapsed=600,
                    question_notes={by_number[n]: text for n, text in (answers or {}).items()},
                    answered={qid: True for qid in by_number.values()})
        if learned:
            iv.save_wrapup(store, clock, interview_id, learned=learned)
        for text in plan:
            iv.add_plan_item(store, clock, interview_id, text, goal_id=goal_id)
    finally:
        clock.wall = now
    return interview_id
