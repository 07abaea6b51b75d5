"""Goal services: goals and their progress, targets and stages, referral asks, the plan.

Every function opens a short session or transaction and returns plain
dataclasses. Ordinary edits go through SQLModel sessions; the writes that
touch contacts and interactions too (logging an ask, recording an
introduction) run in one raw IMMEDIATE transaction so they land together.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlmodel import func, select

from netnet.core.asks import PlannedFollowup, check_can_ask, describe_target, schedule_3b7
from netnet.core.clock import Clock, from_iso, to_iso
from netnet.core.enums import (
    AskAnswer,
    GoalKind,
    GoalStatus,
    Horizon,
    PlanKind,
    PlanStatus,
    Stage,
    TargetKind,
    Want,
)
from netnet.core.goals import PATH, restore_stage, step
from netnet.core.job_changes import JobChange
from netnet.core.referral import (
    CLOSE_CIRCLES,
    LATELY_DAYS,
    Candidate,
    Suggestion,
    TargetSpec,
    rank,
    same_organisation,
    search_words,
)
from netnet.core.text import fold
from netnet.data import versions
from netnet.data.contacts import ContactInput, insert_contact, insert_interaction
from netnet.data.errors import VersionConflict
from netnet.data.job_changes import moves_since, recent_moves
from netnet.data.models import Goal, PlanItem, Target, TargetStageEvent
from netnet.data.sqlrows import in_list
from netnet.data.store import Store, Tx

WEEKS = 12


# -- plain objects ---------------------------------------------------------------

@dataclass
class Activity:
    """Per week (oldest first), over the last WEEKS weeks ending this week."""

    week_starts: list[date]
    asks: list[int]
    introductions: list[int]
    interviews: list[int]

    @property
    def total(self) -> list[int]:
        return [a + b + c for a, b, c in zip(self.asks, self.introductions, self.interviews, strict=True)]


@dataclass
class GoalSummary:
    id: int
    kind: str
    title: str
    description: str
    status: str
    target_date: date | None
    stage_counts: dict[str, int]
    targets: int
    interviews_held: int
    plan_done: int
    plan_total: int
    open_asks: int
    activity: Activity
    version: int = 1
    opportunity_counts: dict[str, int] = field(default_factory=dict)  # its opportunities per stage

    @property
    def kind_words(self) -> str:
        return GoalKind(self.kind).label

    @property
    def opportunities(self) -> int:
        return sum(self.opportunity_counts.values())

    @property
    def status_words(self) -> str:
        return GoalStatus(self.status).label


@dataclass
class AskView:
    id: int
    target_id: int
    contact_id: int
    contact_name: str
    asked_at: datetime
    answer: str
    answered_at: datetime | None
    introduced_contact_id: int | None
    introduced_name: str | None
    draft: str

    @property
    def answer_words(self) -> str:
        return AskAnswer(self.answer).label


@dataclass
class StageEvent:
    stage: str
    at: datetime
    note: str = ""


@dataclass
class TargetView:
    id: int
    goal_id: int
    kind: str
    person_name: str
    job_title: str
    organisation: str
    field: str
    want: str
    stage: str
    contact_id: int | None
    contact_name: str | None
    notes: str
    allow_parallel_asks: bool
    version: int = 1  # as read: an edit made with it is refused once the row has moved on
    stage_since: datetime | None = None
    history: list[StageEvent] = field(default_factory=list)
    asks: list[AskView] = field(default_factory=list)

    @property
    def spec(self) -> TargetSpec:
        return TargetSpec(self.kind, self.person_name, self.job_title, self.organisation, self.field,
                          self.contact_id)

    @property
    def label(self) -> str:
        return describe_target(self.spec)

    @property
    def open_asks(self) -> list[AskView]:
        return [a for a in self.asks if a.answer == AskAnswer.PENDING]

    @property
    def want_words(self) -> str:
        return Want(self.want).label

    @property
    def stage_words(self) -> str:
        return Stage(self.stage).label

    @property
    def kind_words(self) -> str:
        return TargetKind(self.kind).label


# The columns of a target row that a TargetView takes as they are.
_TARGET_COLUMNS = ("id", "goal_id", "kind", "person_name", "job_title", "organisation", "field", "want",
                   "stage", "contact_id", "contact_name", "notes", "version")


@dataclass
class GoalMove:
    """Someone who lately moved to an organisation on the goal's target list (a job change an
    import saw): news the goal page gives once, whatever the number of targets there."""

    contact_id: int
    name: str
    organisation: str
    words: str  # "moved to Harbour Health on 1 Dec"


@dataclass
class GoalDetail:
    summary: GoalSummary
    targets: list[TargetView]
    moves: list[GoalMove] = field(default_factory=list)


@dataclass
class PlanItemView:
    id: int
    goal_id: int | None
    goal_title: str | None
    kind: str
    horizon: str
    text: str
    status: str
    source_interview_id: int | None
    source_contact_id: int | None
    source_name: str | None
    version: int = 1  # as read: an edit made with it is refused once the row has moved on

    @property
    def source_words(self) -> str:
        if self.source_name and self.source_interview_id:
            return f"interview with {self.source_name}"
        if self.source_name:
            return self.source_name
        if self.source_interview_id:
            return "an interview"
        return ""


@dataclass
class AskLogged:
    ask_id: int
    followups: list[PlannedFollowup]
    next_done: int = 0  # open "ask the next person" follow-ups of earlier asks, now done


# -- inputs and validation ---------------------------------------------------------

class InvalidInput(ValueError):
    """Bad input: ``errors`` maps each field to one clear sentence."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors


@dataclass
class GoalInput:
    kind: str
    title: str
    description: str = ""
    target_date: str = ""  # YYYY-MM-DD or empty

    def validate(self) -> date | None:
        errors: dict[str, str] = {}
        if self.kind not in {k.value for k in GoalKind}:
            errors["kind"] = "Choose what kind of goal this is."
        if not self.title.strip():
            errors["title"] = "Give the goal a short title."
        when = None
        if self.target_date.strip():
            try:
                when = date.fromisoformat(self.target_date.strip())
            except ValueError:
                errors["target_date"] = "Write the date as year-month-day, for example 2027-03-31."
        if errors:
            raise InvalidInput(errors)
        return when


@dataclass
class TargetInput:
    kind: str
    person_name: str = ""
    job_title: str = ""
    organisation: str = ""
    field: str = ""
    want: str = "like"
    notes: str = ""
    allow_parallel_asks: bool = False
    contact_id: int | None = None

    def validate(self) -> None:
        errors: dict[str, str] = {}
        if self.kind == TargetKind.PERSON and not self.person_name.strip():
            errors["person_name"] = "Name the person you would like to meet."
        elif self.kind == TargetKind.TITLE and not self.job_title.strip():
            errors["job_title"] = "Write the job title you are after."
        elif self.kind == TargetKind.ORGANISATION and not self.organisation.strip():
            errors["organisation"] = "Name the organisation."
        elif self.kind not in {k.value for k in TargetKind}:
            errors["kind"] = "Choose a person, a job title or an organisation."
        if self.want not in {w.value for w in Want}:
            errors["want"] = "Choose LIKE or NEED to know."
        if errors:
            raise InvalidInput(errors)


@dataclass
class PlanInput:
    text: str
    kind: str = "skill"
    horizon: str = "short"
    status: str = "idea"
    goal_id: int | None = None
    source_contact_id: int | None = None
    source_interview_id: int | None = None

    def validate(self) -> None:
        errors: dict[str, str] = {}
        if not self.text.strip():
            errors["text"] = "Write the skill to gain or the insight to act on."
        if self.kind not in {k.value for k in PlanKind}:
            errors["kind"] = "Choose a skill or an insight."
        if self.horizon not in {h.value for h in Horizon}:
            errors["horizon"] = "Choose short term or long term."
        if self.status not in {s.value for s in PlanStatus}:
            errors["status"] = "Choose idea, doing or done."
        if errors:
            raise InvalidInput(errors)


# -- goals -----------------------------------------------------------------------------

def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _local_date(moment: datetime) -> date:
    return moment.astimezone().date()


def _activity(conn: Tx, goal_ids: list[int], now: datetime) -> dict[int, Activity]:
    """Asks, introductions and interviews per week for each goal."""
    this_week = _week_start(_local_date(now))
    starts = [this_week - timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS)]
    since = to_iso(now - timedelta(weeks=WEEKS + 1))
    result = {g: Activity(starts, [0] * WEEKS, [0] * WEEKS, [0] * WEEKS) for g in goal_ids}
    if not goal_ids:
        return result
    marks, params = in_list("goal", goal_ids)

    def add(series: str, goal_id: int, stamp: str | None) -> None:
        if not stamp or goal_id not in result:
            return
        index = (_week_start(_local_date(from_iso(stamp))) - starts[0]).days // 7
        if 0 <= index < WEEKS:
            getattr(result[goal_id], series)[index] += 1

    for r in conn.execute(
        f"SELECT t.goal_id, a.asked_at FROM referral_ask a JOIN target t ON t.id = a.target_id "
        f"WHERE t.goal_id IN ({marks}) AND a.asked_at >= :since", {**params, "since": since}):
        add("asks", r.goal_id, r.asked_at)
    for goal_id, at in _introductions(conn, marks, params):
        if at >= since:
            add("introductions", goal_id, at)
    for goal_id, at in _interviews(conn, goal_ids, since):
        add("interviews", goal_id, at)
    return result


def _introductions(conn: Tx, marks: str, params: dict) -> list[tuple[int, str]]:
    """One introduction per target that reached "introduced" and stayed there or went on.

    A target moved back before "introduced" takes its introduction back; moving
    forward again, or restoring a dropped target, is not a second introduction.
    """
    reached: dict[int, tuple[int, str] | None] = {}
    for r in conn.execute(
            f"SELECT e.target_id, t.goal_id, e.stage, e.at FROM target_stage_event e "
            f"JOIN target t ON t.id = e.target_id WHERE t.goal_id IN ({marks}) "
            "ORDER BY e.target_id, e.at, e.id", params):
        if r.stage == Stage.INTRODUCED and reached.get(r.target_id) is None:
            reached[r.target_id] = (r.goal_id, r.at)
        elif r.stage in (Stage.LISTED, Stage.REFERRAL_ASKED):
            reached[r.target_id] = None
    return [found for found in reached.values() if found is not None]


def _interviews(conn: Tx, goal_ids: list[int], since: str | None = None
                ) -> list[tuple[int, str]]:
    """Interviews held for each goal: finished interviews, plus targets moved to
    "interviewed" by hand that have no finished interview on record."""
    marks, params = in_list("goal", goal_ids)
    params["floor"] = since or ""
    rows = conn.execute(
        f"SELECT goal_id, coalesce(ended_at, started_at, scheduled_at, updated_at) AS at FROM interview "
        f"WHERE status = 'done' AND goal_id IN ({marks}) "
        f"AND coalesce(ended_at, started_at, scheduled_at, updated_at) >= :floor", params).fetchall()
    rows += conn.execute(
        f"SELECT t.goal_id, max(e.at) AS at FROM target_stage_event e JOIN target t ON t.id = e.target_id "
        f"WHERE t.goal_id IN ({marks}) AND e.stage = 'interviewed' AND NOT EXISTS ("
        f"  SELECT 1 FROM interview i WHERE i.target_id = t.id AND i.status = 'done') "
        f"GROUP BY t.id HAVING max(e.at) >= :floor", params).fetchall()
    return [(r.goal_id, r.at) for r in rows]


def _summaries(conn: Tx, where: str, args: dict, now: datetime) -> list[GoalSummary]:
    rows = conn.execute(
        "SELECT id, kind, title, description, status, target_date, version FROM goal "
        f"WHERE {where} ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'paused' THEN 1 "
        "WHEN 'completed' THEN 2 ELSE 3 END, created_at, id", args).fetchall()
    ids = [r.id for r in rows]
    if not ids:
        return []
    marks, params = in_list("goal", ids)
    stages: dict[int, dict[str, int]] = {i: {} for i in ids}
    for r in conn.execute(
            f"SELECT goal_id, stage, count(*) AS n FROM target WHERE goal_id IN ({marks}) "
            "GROUP BY goal_id, stage", params):
        stages[r.goal_id][r.stage] = r.n
    plan = {i: (0, 0) for i in ids}
    for r in conn.execute(
            f"SELECT goal_id, sum(CASE WHEN status = 'done' THEN 1 ELSE 0 END) AS done, count(*) AS total FROM plan_item "
            f"WHERE goal_id IN ({marks}) GROUP BY goal_id", params):
        plan[r.goal_id] = (r.done or 0, r.total)
    held: dict[int, int] = dict.fromkeys(ids, 0)
    for goal_id, _at in _interviews(conn, ids):
        held[goal_id] += 1
    open_asks = dict.fromkeys(ids, 0)
    for r in conn.execute(
            f"SELECT t.goal_id, count(*) AS n FROM referral_ask a JOIN target t ON t.id = a.target_id "
            f"WHERE t.goal_id IN ({marks}) AND a.answer = 'pending' GROUP BY t.goal_id", params):
        open_asks[r.goal_id] = r.n
    activity = _activity(conn, ids, now)
    opportunities = _opportunity_counts(conn, marks, params)
    return [
        GoalSummary(
            id=r.id, kind=r.kind, title=r.title, description=r.description, status=r.status,
            target_date=date.fromisoformat(r.target_date) if r.target_date else None,
            stage_counts=stages[r.id], targets=sum(stages[r.id].values()),
            interviews_held=held[r.id], plan_done=plan[r.id][0], plan_total=plan[r.id][1],
            open_asks=open_asks[r.id], activity=activity[r.id], version=r.version,
            opportunity_counts=opportunities.get(r.id, {}),
        )
        for r in rows
    ]


def _opportunity_counts(conn: Tx, marks: str, params: dict) -> dict[int, dict[str, int]]:
    """Per goal, its opportunities (not in the trash) at each stage, for the progress line."""
    counts: dict[int, dict[str, int]] = {}
    for r in conn.execute(
            f"SELECT goal_id, stage, count(*) AS n FROM opportunity WHERE goal_id IN ({marks}) "
            "AND deleted_at IS NULL GROUP BY goal_id, stage", params):
        counts.setdefault(r.goal_id, {})[r.stage] = r.n
    return counts


def list_goals(store: Store, clock: Clock, include_archived: bool = False) -> list[GoalSummary]:
    """Goals with their progress: active first, then paused, completed (and archived)."""
    where = "1 = 1" if include_archived else "status != 'archived'"
    with store.read() as conn:
        return _summaries(conn, where, {}, clock.now())


def get_goal(store: Store, goal_id: int, clock: Clock) -> GoalDetail | None:
    with store.read() as conn:
        found = _summaries(conn, "id = :goal_id", {"goal_id": goal_id}, clock.now())
        if not found:
            return None
        targets = _targets(conn, "t.goal_id = :goal_id", {"goal_id": goal_id})
        return GoalDetail(found[0], targets, _moves(conn, targets, clock.now()))


def _moves(conn: Tx, targets: list[TargetView], now: datetime) -> list[GoalMove]:
    """People who lately moved to an organisation one of ``targets`` names (and are still there),
    each once, newest first; not a target's own contact (their move is their news, not a way in)."""
    # The organisations on the list; an opportunity's organisation joins them once opportunities exist.
    wanted = [t.organisation for t in targets if t.organisation.strip() and t.stage != Stage.DROPPED]
    if not wanted:
        return []
    own = {t.contact_id for t in targets if t.contact_id is not None}
    latest: dict[int, JobChange] = {}
    for change in moves_since(conn, now):  # newest first: the first is where they went last
        latest.setdefault(change.contact_id, change)
    hits = [c for c in latest.values() if c.contact_id not in own
            and any(same_organisation(org, c.to_org) for org in wanted)]
    if not hits:
        return []
    marks, args = in_list("id", [c.contact_id for c in hits])
    now_at = {r.id: r.organisation for r in conn.execute(
        f"SELECT id, organisation FROM contact WHERE id IN ({marks})", args)}
    today = now.astimezone().date()
    return [GoalMove(c.contact_id, c.contact_name, c.to_org, c.moved_words(today)) for c in hits
            if same_organisation(c.to_org, now_at.get(c.contact_id, ""))]


def create_goal(store: Store, data: GoalInput, clock: Clock) -> int:
    when = data.validate()
    now = clock.now()
    with store.session() as session:
        goal = Goal(kind=data.kind, title=data.title.strip(), description=data.description.strip(),
                    target_date=when, created_at=now, updated_at=now)
        session.add(goal)
        session.flush()
        return goal.id


def update_goal(store: Store, goal_id: int, data: GoalInput, clock: Clock,
                expected_version: int | None = None) -> None:
    """Replace a goal's fields; refused if it changed since it was read (``expected_version``,
    checked in the UPDATE itself: see ``versions``) or was deleted meanwhile (``RecordGone``)."""
    when = data.validate()
    with store.write() as conn:
        versions.write(conn, versions.GOAL, goal_id,
                       "kind = :kind, title = :title, description = :description, target_date = :target_date, "
                       "updated_at = :updated_at",
                       {"kind": data.kind, "title": data.title.strip(), "description": data.description.strip(),
                        "target_date": when.isoformat() if when else None, "updated_at": to_iso(clock.now())},
                       expected_version)


def goal_for_edit(store: Store, goal_id: int) -> tuple[GoalInput, int] | None:
    """A goal's fields as its form shows them, and the version they are at (None: it is gone)."""
    with store.read() as conn:
        row = conn.execute("SELECT kind, title, description, target_date, version FROM goal WHERE id = :id",
                           {"id": goal_id}).fetchone()
    if row is None:
        return None
    return GoalInput(row.kind, row.title, row.description, row.target_date or ""), row.version


def set_goal_status(store: Store, goal_id: int, status: str, clock: Clock) -> None:
    """Pause, resume (active), complete or archive a goal."""
    GoalStatus(status)
    with store.session() as session:
        goal = session.get(Goal, goal_id)
        if goal is None:
            raise KeyError(goal_id)
        goal.status = status
        goal.version += 1
        goal.updated_at = clock.now()
        session.add(goal)


def delete_goal(store: Store, goal_id: int) -> None:
    """Delete a goal for good with its targets, their stages, asks and ask follow-ups.

    Its plan items, interviews and other follow-ups are kept, no longer tied to a goal.
    """
    with store.write() as conn:
        if conn.execute("SELECT id FROM goal WHERE id = :id", {"id": goal_id}).fetchone() is None:
            raise KeyError(goal_id)
        conn.execute("DELETE FROM goal WHERE id = :id", {"id": goal_id})


def goal_input(summary: GoalSummary) -> GoalInput:
    return GoalInput(summary.kind, summary.title, summary.description,
                     summary.target_date.isoformat() if summary.target_date else "")


# -- targets ----------------------------------------------------------------------------

def _targets(conn: Tx, where: str, args: dict) -> list[TargetView]:
    rows = conn.execute(
        "SELECT t.id, t.goal_id, t.kind, t.person_name, t.job_title, t.organisation, t.field, t.want, "
        "t.stage, t.contact_id, c.display_name AS contact_name, t.notes, t.allow_parallel_asks, t.version "
        "FROM target t "
        f"LEFT JOIN contact c ON c.id = t.contact_id WHERE {where} ORDER BY t.position, t.id", args).fetchall()
    targets = [TargetView(**{name: r._mapping[name] for name in _TARGET_COLUMNS},
                          allow_parallel_asks=bool(r.allow_parallel_asks)) for r in rows]
    if not targets:
        return targets
    by_id = {t.id: t for t in targets}
    marks, params = in_list("target", by_id)
    for r in conn.execute(
            f"SELECT target_id, stage, at, note FROM target_stage_event WHERE target_id IN ({marks}) "
            "ORDER BY at, id", params):
        by_id[r.target_id].history.append(StageEvent(r.stage, from_iso(r.at), r.note))
    for t in targets:
        current = [e.at for e in t.history if e.stage == t.stage]
        t.stage_since = current[-1] if current else None
    for r in conn.execute(
            "SELECT a.id, a.target_id, a.contact_id, c.display_name AS contact_name, a.asked_at, "
            "a.answer, a.answered_at, "
            "a.introduced_contact_id, i.display_name AS introduced_name, a.draft FROM referral_ask a "
            "JOIN contact c ON c.id = a.contact_id LEFT JOIN contact i ON i.id = a.introduced_contact_id "
            f"WHERE a.target_id IN ({marks}) ORDER BY a.asked_at, a.id", params):
        by_id[r.target_id].asks.append(AskView(r.id, r.target_id, r.contact_id, r.contact_name,
                                               from_iso(r.asked_at), r.answer, from_iso(r.answered_at),
                                        r.introduced_contact_id, r.introduced_name, r.draft))
    return targets


def get_target(store: Store, target_id: int) -> TargetView | None:
    with store.read() as conn:
        found = _targets(conn, "t.id = :target_id", {"target_id": target_id})
    return found[0] if found else None


def add_target(store: Store, goal_id: int, data: TargetInput, clock: Clock) -> int:
    data.validate()
    now = clock.now()
    with store.session() as session:
        last = session.exec(select(func.max(Target.position)).where(Target.goal_id == goal_id)).one()
        target = Target(
            goal_id=goal_id, kind=data.kind, person_name=data.person_name.strip(),
            job_title=data.job_title.strip(), organisation=data.organisation.strip(),
            field=data.field.strip(), want=data.want, notes=data.notes, contact_id=data.contact_id,
            allow_parallel_asks=data.allow_parallel_asks, position=0 if last is None else last + 1,
            created_at=now, updated_at=now,
        )
        session.add(target)
        session.flush()
        session.add(TargetStageEvent(target_id=target.id, stage=Stage.LISTED.value, at=now))
        return target.id


def update_target(store: Store, target_id: int, data: TargetInput, clock: Clock,
                  expected_version: int | None = None) -> None:
    """Replace a target's fields; refused if it changed since it was read (``expected_version``,
    checked in the UPDATE itself: see ``versions``) or was deleted meanwhile (``RecordGone``)."""
    data.validate()
    contact = ", contact_id = :contact_id" if data.contact_id is not None else ""
    with store.write() as conn:
        versions.write(conn, versions.TARGET, target_id,
                       "kind = :kind, want = :want, notes = :notes, person_name = :person_name, "
                       "job_title = :job_title, organisation = :organisation, field = :field, "
                       f"allow_parallel_asks = :allow_parallel_asks, updated_at = :updated_at{contact}",
                       {"kind": data.kind, "want": data.want, "notes": data.notes,
                        "person_name": data.person_name.strip(), "job_title": data.job_title.strip(),
                        "organisation": data.organisation.strip(), "field": data.field.strip(),
                        "allow_parallel_asks": int(bool(data.allow_parallel_asks)),
                        "updated_at": to_iso(clock.now()), "contact_id": data.contact_id},
                       expected_version)


def target_for_edit(store: Store, target_id: int) -> tuple[TargetInput, int] | None:
    """A target's fields as its form shows them, and the version they are at (None: it is gone)."""
    target = get_target(store, target_id)
    return None if target is None else (target_input(target), target.version)


def target_input(t: TargetView) -> TargetInput:
    return TargetInput(t.kind, t.person_name, t.job_title, t.organisation, t.field, t.want, t.notes,
                       t.allow_parallel_asks, t.contact_id)


def delete_target(store: Store, target_id: int) -> None:
    with store.session() as session:
        target = session.get(Target, target_id)
        if target is not None:
            session.delete(target)


def _set_stage(conn: Tx, target_id: int, stage: str, now: datetime, note: str = "") -> None:
    conn.execute("UPDATE target SET stage = :stage, version = version + 1, updated_at = :updated_at WHERE id = :id",
                 {"stage": stage, "updated_at": to_iso(now), "id": target_id})
    conn.execute("INSERT INTO target_stage_event (target_id, stage, at, note) VALUES (:target_id, :stage, :at, :note)",
                 {"target_id": target_id, "stage": stage, "at": to_iso(now), "note": note})


def move_target(store: Store, target_id: int, direction: int, clock: Clock) -> str | None:
    """One step along listed → referral asked → introduced → contacted → interviewed.

    Returns the new stage, or None when the target cannot move that way
    (already at an end, or dropped). Each move is logged with its date.
    """
    with store.write() as conn:
        row = conn.execute("SELECT stage FROM target WHERE id = :id", {"id": target_id}).fetchone()
        if row is None:
            raise KeyError(target_id)
        new = step(row.stage, direction)
        if new is None:
            return None
        _set_stage(conn, target_id, new, clock.now(), "moved back" if direction < 0 else "")
        return new


def toggle_dropped(store: Store, target_id: int, clock: Clock) -> str:
    """Drop a target, or bring a dropped one back to the last stage it reached."""
    with store.write() as conn:
        row = conn.execute("SELECT stage FROM target WHERE id = :id", {"id": target_id}).fetchone()
        if row is None:
            raise KeyError(target_id)
        if row.stage == Stage.DROPPED:
            history = [r.stage for r in conn.execute(
                "SELECT stage FROM target_stage_event WHERE target_id = :target_id ORDER BY at, id",
                {"target_id": target_id})]
            new = restore_stage(history)
        else:
            new = Stage.DROPPED.value
        _set_stage(conn, target_id, new, clock.now())
        return new


# -- who can introduce me ------------------------------------------------------------------

def candidates_for(conn: Tx, spec: TargetSpec, now: datetime) -> list[Candidate]:
    """Narrow the network in SQL to plausible introducers, before ranking in Python.

    Kept: anyone whose folded text shares a word with the target's organisation,
    title or field, connectors, close ties, and anyone in touch lately.
    """
    circles, args = in_list("circle", CLOSE_CIRCLES)
    clauses = ["connector_role IS NOT NULL", f"circle IN ({circles})", "last_interaction_at >= :lately"]
    args["lately"] = to_iso(now - timedelta(days=LATELY_DAYS))
    terms = search_words(spec)
    if terms:
        matching, params = conn.dialect.match_where(terms, any_word=True)
        clauses.append(matching)
        args.update(params)
    sql = (
        "SELECT id, display_name, organisation, title, field, circle, connector_role, last_interaction_at "
        "FROM contact WHERE deleted_at IS NULL AND merged_into_id IS NULL AND ("
        + " OR ".join(clauses) + ")"
    )
    parse = datetime.fromisoformat  # stored as aware UTC ISO text
    rows = conn.execute(sql, args).fetchall()
    # Who lately moved to the target's organisation: the reason then says so.
    moved = recent_moves(conn, [r.id for r in rows if spec.organisation
                                and same_organisation(spec.organisation, r.organisation)], now)

    def move(cid: int) -> tuple[str, date | None]:
        change = moved.get(cid)
        return (change.to_org, change.seen_at.astimezone().date()) if change else ("", None)

    return [Candidate(r.id, r.display_name, r.organisation, r.title, r.field, r.circle,
                      r.connector_role, parse(r.last_interaction_at) if r.last_interaction_at else None,
                      *move(r.id))
            for r in rows]


def who_can_introduce(store: Store, target_id: int, clock: Clock, limit: int = 50) -> list[Suggestion]:
    """The user's contacts ranked by how well they could introduce them to the target."""
    target = get_target(store, target_id)
    if target is None:
        raise KeyError(target_id)
    asked = {a.contact_id: a.answer for a in target.asks}
    now = clock.now()
    with store.read() as conn:
        candidates = candidates_for(conn, target.spec, now)
    return rank(target.spec, candidates, now, asked=asked, limit=limit)


def known_contact(store: Store, target_id: int) -> tuple[int, str] | None:
    """The target is someone you already know: (contact id, name), else None.

    A target linked to a contact (introduced, or picked), or a person target whose
    name is a contact's name, accents, case and spacing ignored (someone imported
    after the target was listed).
    """
    target = get_target(store, target_id)
    if target is None:
        raise KeyError(target_id)
    with store.read() as conn:
        if target.contact_id is not None:
            row = conn.execute("SELECT id, display_name FROM contact WHERE id = :id AND deleted_at IS NULL",
                               {"id": target.contact_id}).fetchone()
            if row is not None:
                return row.id, row.display_name
        wanted = fold(" ".join(target.person_name.split())) if target.kind == TargetKind.PERSON else ""
        if not wanted:
            return None
        for row in conn.execute("SELECT id, display_name FROM contact WHERE deleted_at IS NULL "
                                "AND merged_into_id IS NULL ORDER BY id"):
            if fold(" ".join(row.display_name.split())) == wanted:
                return row.id, row.display_name
    return None


# -- asks ----------------------------------------------------------------------------------

def _goal_title(conn: Tx, target_id: int) -> str:
    row = conn.execute("SELECT g.title FROM goal g JOIN target t ON t.goal_id = g.id WHERE t.id = :id",
                       {"id": target_id}).fetchone()
    return row.title if row else ""


def goal_title_for_target(store: Store, target_id: int) -> str:
    with store.read() as conn:
        return _goal_title(conn, target_id)


def log_ask(store: Store, target_id: int, contact_id: int, draft: str, clock: Clock,
            weekend: Iterable[int] = (5, 6), next_name: str | None = None) -> AskLogged:
    """Record that a contact was asked for a referral.

    Logs a message on the contact's timeline, stores the ask, moves a listed
    target to "referral asked" and queues the 3B7 follow-ups. This ask is the
    "ask the next person" step for the target's earlier asks, so their open
    ``referral_next`` follow-ups are marked done in the same transaction; their
    nudges stay open and the earlier asks stay pending. Refused (with
    AskRefused) when an ask for this target is still open and the target does
    not allow several at once.
    """
    target = get_target(store, target_id)
    if target is None:
        raise KeyError(target_id)
    pending = target.open_asks
    weekend = tuple(weekend)
    check_can_ask([_local_date(a.asked_at) for a in pending], target.allow_parallel_asks,
                  _local_date(clock.now()), weekend,
                  contact_already_pending=any(a.contact_id == contact_id for a in pending))
    now = clock.now()
    stamp = to_iso(now)
    with store.write() as conn:
        name_row = conn.execute("SELECT display_name FROM contact WHERE id = :id", {"id": contact_id}).fetchone()
        if name_row is None:
            raise KeyError(contact_id)
        ask_id = conn.execute(
            "INSERT INTO referral_ask (uuid, target_id, contact_id, asked_at, draft, answer, created_at, "
            "updated_at) VALUES (:uuid, :target_id, :contact_id, :asked_at, :draft,'pending', "
            ":created_at, :updated_at) RETURNING id",
            {"uuid": str(uuidlib.uuid4()), "target_id": target_id, "contact_id": contact_id,
             "asked_at": stamp, "draft": draft, "created_at": stamp, "updated_at": stamp}).fetchone().id
        insert_interaction(conn, contact_id, "message", now, now,
                           f"Asked whether they know anyone: {target.label}.")
        if target.stage == Stage.LISTED:
            _set_stage(conn, target_id, Stage.REFERRAL_ASKED.value, now, f"asked {name_row.display_name}")
        next_done = conn.execute(
            "UPDATE followup SET status = 'done', done_at = :done_at, version = version + 1, updated_at = :updated_at "
            "WHERE kind = 'referral_next' AND status = 'open' AND referral_ask_id IN ("
            "  SELECT id FROM referral_ask WHERE target_id = :target_id AND id != :id)",
            {"done_at": stamp, "updated_at": stamp, "target_id": target_id, "id": ask_id}).rowcount
        planned = schedule_3b7(_local_date(now), name_row.display_name, target.spec, weekend, next_name)
        for item in planned:
            conn.execute(
                "INSERT INTO followup (uuid, kind, title, draft, due_date, status, contact_id, goal_id, "
                "target_id, referral_ask_id, created_at, updated_at) VALUES (:uuid, :kind, :title, "
                ":draft, :due_date,'open', :contact_id, :goal_id, :target_id, :referral_ask_id, "
                ":created_at, :updated_at)",
                {"uuid": str(uuidlib.uuid4()), "kind": item.kind, "title": item.title,
                 "draft": item.draft, "due_date": item.due_date.isoformat(),
                 "contact_id": contact_id, "goal_id": target.goal_id, "target_id": target_id,
                 "referral_ask_id": ask_id, "created_at": stamp, "updated_at": stamp})
    return AskLogged(ask_id, planned, next_done)


ANSWERED_ELSEWHERE = "This ask was already answered on another device; nothing was changed."


def _close_ask(conn: Tx, ask_id: int, answer: str, now: datetime,
               introduced_id: int | None = None) -> None:
    """Record the answer to an ask still pending. The check is part of the UPDATE: an ask answered
    on another device meanwhile (read as pending here, earlier) is refused, not answered twice."""
    stamp = to_iso(now)
    changed = conn.execute(
        "UPDATE referral_ask SET answer = :answer, answered_at = :answered_at, "
        "introduced_contact_id = :introduced_contact_id, "
        "version = version + 1, updated_at = :updated_at WHERE id = :id AND answer = 'pending'",
        {"answer": answer, "answered_at": stamp, "introduced_contact_id": introduced_id,
         "updated_at": stamp, "id": ask_id}).rowcount
    if changed != 1:
        raise VersionConflict(ANSWERED_ELSEWHERE)
    conn.execute(
        "UPDATE followup SET status = 'cancelled', version = version + 1, updated_at = :updated_at "
        "WHERE referral_ask_id = :referral_ask_id AND status = 'open' AND kind IN ('referral_next','referral_nudge')",
        {"updated_at": stamp, "referral_ask_id": ask_id})


def record_answer(store: Store, ask_id: int, answer: str, clock: Clock) -> None:
    """They knew no one, or declined: close the ask and cancel its follow-ups."""
    if answer not in (AskAnswer.NO_ONE, AskAnswer.DECLINED):
        raise ValueError("Use record_introduction when they gave a name.")
    now = clock.now()
    with store.write() as conn:
        row = conn.execute("SELECT contact_id FROM referral_ask WHERE id = :id", {"id": ask_id}).fetchone()
        if row is None:
            raise KeyError(ask_id)
        _close_ask(conn, ask_id, answer, now)
        insert_interaction(conn, row.contact_id, "message", now, now,
                           "Answered my referral ask: " + AskAnswer(answer).label + ".")


def record_introduction(store: Store, target_id: int, referrer_id: int, name: str, clock: Clock,
                        *, contact_id: int | None = None) -> int:
    """The referrer gave a name: create that person, introduced by the referrer, on the target.

    Closes the referrer's open ask for this target (cancelling its follow-ups),
    links the contact to the target, moves it to "introduced" and queues a
    drafted thank-you to the referrer, due the next day. ``contact_id`` is
    someone already in the network (picked from the suggestions): they are
    linked instead of a new person being created. Returns the contact's id.
    """
    name = " ".join(name.split())
    if not name:
        raise InvalidInput({"name": "Type the name of the person you were introduced to."})
    target = get_target(store, target_id)
    if target is None:
        raise KeyError(target_id)
    now = clock.now()
    from netnet.core.names import split_name

    given, family = split_name(name)
    with store.write() as conn:
        referrer = conn.execute("SELECT display_name, given_name FROM contact WHERE id = :id",
                                {"id": referrer_id}).fetchone()
        if referrer is None:
            raise KeyError(referrer_id)
        existing = None if contact_id is None else conn.execute(
            "SELECT display_name FROM contact WHERE id = :id AND deleted_at IS NULL", {"id": contact_id}).fetchone()
        if contact_id is not None and existing is None:
            raise KeyError(contact_id)
        new_id = contact_id if existing is not None else insert_contact(conn, ContactInput(
            display_name=name, given_name=given, family_name=family, introduced_by_id=referrer_id,
            organisation=target.organisation, title=target.job_title, field=target.field,
            notes=f"Introduced by {referrer.display_name} for: {target.label}.",
        ), now)
        if existing is not None:
            name = existing.display_name
        open_ask = next((a for a in target.open_asks if a.contact_id == referrer_id), None)
        if open_ask is None:
            ask_id = conn.execute(
                "INSERT INTO referral_ask (uuid, target_id, contact_id, asked_at, answer, answered_at, "
                "introduced_contact_id, created_at, updated_at) VALUES (:uuid, :target_id, :contact_id, "
                ":asked_at,'introduced', :answered_at, :introduced_contact_id, :created_at, :updated_at) RETURNING id",
                {"uuid": str(uuidlib.uuid4()), "target_id": target_id, "contact_id": referrer_id,
                 "asked_at": to_iso(now), "answered_at": to_iso(now), "introduced_contact_id": new_id,
                 "created_at": to_iso(now), "updated_at": to_iso(now)}).fetchone().id
            del ask_id
        else:
            _close_ask(conn, open_ask.id, AskAnswer.INTRODUCED.value, now, new_id)
        insert_interaction(conn, referrer_id, "introduction", now, now, f"Introduced me to {name}.")
        conn.execute("UPDATE target SET contact_id = :contact_id, version = version + 1, "
                     "updated_at = :updated_at WHERE id = :id",
                     {"contact_id": new_id, "updated_at": to_iso(now), "id": target_id})
        if target.stage in (Stage.LISTED, Stage.REFERRAL_ASKED, Stage.DROPPED):
            _set_stage(conn, target_id, Stage.INTRODUCED.value, now, f"by {referrer.display_name}")
        thanks = referrer.given_name or referrer.display_name.split()[0]
        stamp = to_iso(now)
        conn.execute(
            "INSERT INTO followup (uuid, kind, title, draft, due_date, status, contact_id, goal_id, target_id, "
            "created_at, updated_at) VALUES (:uuid, 'thank_you', :title, :draft, :due_date, 'open', "
            ":contact_id, :goal_id, :target_id, :created_at, :updated_at)",
            {"uuid": str(uuidlib.uuid4()), "title": f"Thank {thanks} for introducing {name}",
             "draft": f"Hi {thanks},\n\nThank you for putting me in touch with {name}. "
                      "I'll let you know how it goes.\n\nWith thanks,",
             "due_date": (clock.today() + timedelta(days=1)).isoformat(), "contact_id": referrer_id,
             "goal_id": target.goal_id, "target_id": target_id, "created_at": stamp, "updated_at": stamp})
    return new_id


# -- development plan ------------------------------------------------------------------------

def list_plan(store: Store, goal_id: int | None = None) -> list[PlanItemView]:
    """Plan items (for one goal, or all), short term before long term, unfinished first."""
    where, args = ("p.goal_id = :goal_id", {"goal_id": goal_id}) if goal_id is not None else ("1 = 1", {})
    with store.read() as conn:
        rows = conn.execute(
            "SELECT p.id, p.goal_id, g.title AS goal_title, p.kind, p.horizon, p.text, p.status, "
            "p.source_interview_id, p.source_contact_id, c.display_name AS source_name, p.version FROM plan_item p "
            "LEFT JOIN goal g ON g.id = p.goal_id "
            "LEFT JOIN contact c ON c.id = p.source_contact_id "
            f"WHERE {where} ORDER BY p.goal_id IS NULL, g.status = 'archived', g.created_at, p.goal_id, "
            "CASE p.horizon WHEN 'short' THEN 0 ELSE 1 END, "
            "CASE p.status WHEN 'doing' THEN 0 WHEN 'idea' THEN 1 ELSE 2 END, p.id", args).fetchall()
    return [PlanItemView(**r._mapping) for r in rows]


def add_plan_item(store: Store, data: PlanInput, clock: Clock) -> int:
    data.validate()
    now = clock.now()
    with store.session() as session:
        item = PlanItem(goal_id=data.goal_id, kind=data.kind, horizon=data.horizon, text=data.text.strip(),
                        status=data.status, source_contact_id=data.source_contact_id,
                        source_interview_id=data.source_interview_id, created_at=now, updated_at=now)
        session.add(item)
        session.flush()
        return item.id


def update_plan_item(store: Store, item_id: int, data: PlanInput, clock: Clock,
                     expected_version: int | None = None) -> None:
    """Replace a plan item's fields; refused if it changed since it was read (``expected_version``,
    checked in the UPDATE itself: see ``versions``) or was removed meanwhile (``RecordGone``)."""
    data.validate()
    with store.write() as conn:
        versions.write(conn, versions.PLAN_ITEM, item_id,
                       "goal_id = :goal_id, kind = :kind, horizon = :horizon, text = :text, status = :status, "
                       "updated_at = :updated_at",
                       {"goal_id": data.goal_id, "kind": data.kind, "horizon": data.horizon,
                        "text": data.text.strip(), "status": data.status, "updated_at": to_iso(clock.now())},
                       expected_version)


def plan_item_for_edit(store: Store, item_id: int) -> tuple[PlanInput, int] | None:
    """A plan item's fields as its form shows them, and the version they are at (None: it is gone)."""
    with store.read() as conn:
        row = conn.execute("SELECT goal_id, kind, horizon, text, status, source_contact_id, source_interview_id, "
                           "version FROM plan_item WHERE id = :id", {"id": item_id}).fetchone()
    if row is None:
        return None
    return PlanInput(row.text, row.kind, row.horizon, row.status, row.goal_id, row.source_contact_id,
                     row.source_interview_id), row.version


def cycle_plan_status(store: Store, item_id: int, clock: Clock) -> str:
    """idea → doing → done → idea."""
    order = [s.value for s in PlanStatus]
    with store.session() as session:
        item = session.get(PlanItem, item_id)
        if item is None:
            raise KeyError(item_id)
        item.status = order[(order.index(item.status) + 1) % len(order)]
        item.version += 1
        item.updated_at = clock.now()
        session.add(item)
        return item.status


def delete_plan_item(store: Store, item_id: int) -> None:
    with store.session() as session:
        item = session.get(PlanItem, item_id)
        if item is not None:
            session.delete(item)


def plan_input(item: PlanItemView) -> PlanInput:
    return PlanInput(item.text, item.kind, item.horizon, item.status, item.goal_id,
                     item.source_contact_id, item.source_interview_id)


def goal_choices(store: Store) -> list[tuple[str, int]]:
    """(title, id) of goals that are not archived, for pickers."""
    with store.read() as conn:
        return [(r.title, r.id) for r in conn.execute(
            "SELECT id, title FROM goal WHERE status != 'archived' ORDER BY created_at, id")]


__all__ = [
    "PATH", "Activity", "AskLogged", "AskView", "GoalDetail", "GoalInput", "GoalSummary", "InvalidInput",
    "PlanInput", "PlanItemView", "StageEvent", "TargetInput", "TargetView",
]
