"""What I've learned, per goal: the reads behind the goal's "What I've learned" screen and the
Markdown export's section per goal.

A goal's interviews are those tied to it (``interview.goal_id``) or to one of its
targets (``interview.target_id``), as the goal page counts them. Each brings the
wrap-up's lessons, its call notes line by line (with the time stamps F6 wrote),
the notes on each question, and the plan items it gave (``plan_item.source_interview_id``).
Interviews with none of these, and cancelled ones, are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netnet.core.clock import from_iso
from netnet.core.lessons import GoalLessons, InterviewLessons, PlanLine, QuestionNotes, lesson_lines
from netnet.core.notes import stamped_lines
from netnet.data.sqlrows import in_list
from netnet.data.store import Store, Tx

_HELD = "coalesce(v.started_at, v.scheduled_at, v.created_at)"
_OF_GOALS = "(v.goal_id IN ({goals}) OR v.target_id IN (SELECT id FROM target WHERE goal_id IN ({goals})))"


def _interviews(conn: Tx, goal_ids: list[int]) -> dict[int, list[InterviewLessons]]:
    """Each goal's interviews that hold something learned, newest first."""
    if not goal_ids:
        return {}
    marks, params = in_list("goal", goal_ids)
    rows = conn.execute(
        f"SELECT v.id, v.goal_id, t.goal_id AS target_goal_id, v.contact_id, "
        f"coalesce(c.display_name, '') AS person, coalesce(c.organisation, '') AS organisation, v.status, "
        f"{_HELD} AS held_at, v.notes, v.learned FROM interview v "
        f"LEFT JOIN target t ON t.id = v.target_id LEFT JOIN contact c ON c.id = v.contact_id "
        f"WHERE {_OF_GOALS.format(goals=marks)} AND v.status != 'cancelled' "
        f"ORDER BY {_HELD} DESC, v.id DESC", params).fetchall()
    if not rows:
        return {}
    ids = [row.id for row in rows]
    questions: dict[int, list[QuestionNotes]] = {}
    plans: dict[int, list[PlanLine]] = {}
    for start in range(0, len(ids), 500):
        chunk_marks, chunk = in_list("interview", ids[start:start + 500])
        numbers: dict[int, int] = {}
        for q in conn.execute(
                f"SELECT interview_id, text, notes FROM interview_question WHERE interview_id IN ({chunk_marks}) "
                f"ORDER BY interview_id, position, id", chunk).fetchall():
            numbers[q.interview_id] = numbers.get(q.interview_id, 0) + 1
            lines = stamped_lines(q.notes)
            if lines:
                questions.setdefault(q.interview_id, []).append(
                    QuestionNotes(numbers[q.interview_id], q.text.strip(), lines))
        for p in conn.execute(
                f"SELECT source_interview_id, text, kind, horizon, status FROM plan_item "
                f"WHERE source_interview_id IN ({chunk_marks}) ORDER BY source_interview_id, id", chunk).fetchall():
            plans.setdefault(p.source_interview_id, []).append(PlanLine(p.text, p.kind, p.horizon, p.status))
    found: dict[int, list[InterviewLessons]] = {}
    for row in rows:
        item = InterviewLessons(row.id, row.person, row.contact_id, row.organisation, from_iso(row.held_at),
                                row.status, lesson_lines(row.learned), stamped_lines(row.notes),
                                questions.get(row.id, []), plans.get(row.id, []))
        if not item.empty:  # the goal it is tied to, and its target's if that is another one
            for goal in dict.fromkeys(g for g in (row.goal_id, row.target_goal_id) if g in goal_ids):
                found.setdefault(goal, []).append(item)
    return found


def goal_lessons(store: Store, goal_id: int) -> GoalLessons | None:
    """Everything learned in the goal's interviews, newest interview first (None: no such goal)."""
    with store.read() as conn:
        goal = conn.execute("SELECT id, title FROM goal WHERE id = :id", {"id": goal_id}).fetchone()
        if goal is None:
            return None
        return GoalLessons(goal.id, goal.title, _interviews(conn, [goal.id]).get(goal.id, []))


@dataclass
class GoalSection:
    """One goal's section of the Markdown export: the goal, what was learned in its interviews,
    and its opportunities (``data.exports.goal_notes`` adds them). ``lessons`` is None for the
    section of opportunities that serve no goal."""

    title: str
    kind: str
    status: str
    description: str
    lessons: list[InterviewLessons] | None = field(default_factory=list)
    goal_id: int | None = None
    opportunities: list = field(default_factory=list)


def goal_sections(store: Store) -> list[GoalSection]:
    """Every goal (archived ones last, then by creation) with its interviews' lessons."""
    with store.read() as conn:
        goals = conn.execute(
            "SELECT id, title, kind, status, description FROM goal "
            "ORDER BY CASE WHEN status = 'archived' THEN 1 ELSE 0 END, created_at, id").fetchall()
        lessons = _interviews(conn, [g.id for g in goals])
    return [GoalSection(g.title, g.kind, g.status, g.description, lessons.get(g.id, []), g.id) for g in goals]
