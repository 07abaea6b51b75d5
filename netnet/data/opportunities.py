"""Opportunity services: openings people mention, where they came from, their stage and next step.

An opportunity's next step is an ordinary open follow-up (kind "action") that the
opportunity points at, so it sits in the queue, is snoozed and done there, and reaches
the iCalendar export like every other follow-up. Removing an opportunity puts it in
the trash (``deleted_at``) and takes its next step out of the queue; restoring brings both
back. Edits from a form go through ``versions`` (``OPPORTUNITY``): a save made from a copy
that another device changed meanwhile is refused in one sentence.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import date, datetime

from netnet.core import opportunities as rules
from netnet.core.clock import Clock, from_iso, to_iso
from netnet.core.enums import OpportunityKind, OpportunityOutcome, OpportunityStage
from netnet.core.referral import TargetSpec, same_organisation, search_words
from netnet.core.text import fold
from netnet.core.when import day_words
from netnet.data import versions
from netnet.data.followups import FollowupInput, _insert
from netnet.data.goals import InvalidInput
from netnet.data.store import Store, Tx

KEY_PREFIX = "o"


# -- plain objects -------------------------------------------------------------------

@dataclass
class StageMove:
    stage: str
    outcome: str | None
    at: datetime
    note: str = ""

    @property
    def words(self) -> str:
        return rules.stage_words(self.stage, self.outcome)


@dataclass
class OpportunityView:
    id: int
    kind: str
    title: str
    organisation: str
    goal_id: int | None
    goal_title: str | None
    stage: str
    outcome: str | None
    source_contact_id: int | None
    source_name: str | None
    source_interview_id: int | None
    source_seconds: int | None
    source_call_at: datetime | None  # when the call it came from took place
    link: str
    notes: str
    next_step: str  # the open follow-up's title ("" when there is none)
    next_due: date | None
    followup_id: int | None  # the open next step's follow-up
    created_at: datetime
    updated_at: datetime
    version: int = 1  # as read: an edit made with it is refused once the row has moved on
    history: list[StageMove] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{KEY_PREFIX}{self.id}"

    @property
    def closed(self) -> bool:
        return self.stage == rules.CLOSED

    @property
    def stage_words(self) -> str:
        return rules.stage_words(self.stage, self.outcome)

    @property
    def kind_words(self) -> str:
        return OpportunityKind(self.kind).label

    @property
    def source_words(self) -> str:
        """"Ada Park, in the call on 3 Nov at 04:12", "Ada Park", or "found it myself"."""
        if self.source_interview_id is not None:
            who = self.source_name or "someone"
            when = f" on {self.source_call_at.astimezone().strftime('%-d %b %Y')}" if self.source_call_at else ""
            stamp = f" at {rules.call_stamp(self.source_seconds)}" if self.source_seconds is not None else ""
            return f"{who}, in the call{when}{stamp}"
        return self.source_name or "found it myself"

    def overdue(self, today: date) -> bool:
        return not self.closed and self.next_due is not None and self.next_due < today

    def next_words(self, today: date) -> str:
        """"send my CV, Thu 4 Dec" or "" — the next step and its day, in words."""
        if not self.next_step:
            return ""
        return f"{self.next_step}, {day_words(self.next_due, today)}" if self.next_due else self.next_step


@dataclass
class OpportunityInput:
    title: str
    kind: str = OpportunityKind.OPENING.value
    organisation: str = ""
    goal_id: int | None = None
    source_contact_id: int | None = None
    source_interview_id: int | None = None
    source_seconds: int | None = None
    link: str = ""
    notes: str = ""
    next_step: str = ""
    next_due: date | None = None

    def validate(self) -> None:
        errors: dict[str, str] = {}
        if not self.title.strip():
            errors["title"] = "Give the opportunity a short title, for example “Data analyst at Harbour Health”."
        if self.kind not in {k.value for k in OpportunityKind}:
            errors["kind"] = "Choose what kind of opportunity this is."
        link = self.link.strip()
        if link and (any(c.isspace() for c in link) or "." not in link):
            errors["link"] = "Write the link as a web address, for example https://example.org/jobs/42."
        if self.next_step.strip() and self.next_due is None:
            errors["next_due"] = "Give the next step a date, so it comes up in the follow-up queue."
        if self.next_due is not None and not self.next_step.strip():
            errors["next_step"] = "Say what the next step is, or clear its date."
        if self.source_seconds is not None and self.source_seconds < 0:
            errors["source_seconds"] = "The moment in the call cannot be before it started."
        if errors:
            raise InvalidInput(errors)


# -- reading ---------------------------------------------------------------------------

_SELECT = (
    "SELECT o.id, o.kind, o.title, o.organisation, o.goal_id, g.title AS goal_title, o.stage, o.outcome, "
    "o.source_contact_id, c.display_name AS source_name, o.source_interview_id, o.source_seconds, "
    "COALESCE(i.started_at, i.scheduled_at) AS call_at, o.link, o.notes, "
    "f.id AS followup_id, f.title AS next_step, f.due_date, f.snoozed_until, "
    "o.created_at, o.updated_at, o.version "
    "FROM opportunity o "
    "LEFT JOIN goal g ON g.id = o.goal_id "
    "LEFT JOIN contact c ON c.id = o.source_contact_id "
    "LEFT JOIN interview i ON i.id = o.source_interview_id "
    "LEFT JOIN followup f ON f.id = o.followup_id AND f.status = 'open' "
)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _views(conn: Tx, where: str, args: dict) -> list[OpportunityView]:
    views = []
    for r in conn.execute(f"{_SELECT} WHERE {where}", args):
        due = max(d for d in (_day(r.due_date), _day(r.snoozed_until)) if d) if r.due_date else None
        views.append(OpportunityView(
            r.id, r.kind, r.title, r.organisation, r.goal_id, r.goal_title, r.stage, r.outcome,
            r.source_contact_id, r.source_name, r.source_interview_id, r.source_seconds,
            from_iso(r.call_at), r.link, r.notes, r.next_step or "", due, r.followup_id,
            from_iso(r.created_at), from_iso(r.updated_at), r.version))
    if views:
        by_id = {v.id: v for v in views}
        ids = ",".join(str(i) for i in by_id)  # integers read from the database
        for r in conn.execute(
                "SELECT opportunity_id, stage, outcome, at, note FROM opportunity_stage_event "
                f"WHERE opportunity_id IN ({ids}) ORDER BY at, id"):
            by_id[r.opportunity_id].history.append(StageMove(r.stage, r.outcome, from_iso(r.at), r.note))
    return views


def _matches(view: OpportunityView, words: list[str]) -> bool:
    text = search_text(view)
    return all(word in text for word in words)


def search_text(view: OpportunityView) -> str:
    """What a search looks in, folded (accents and case aside): title, organisation, notes, source,
    goal, next step, kind and stage."""
    return fold(" ".join((view.title, view.organisation, view.notes, view.source_name or "",
                          view.goal_title or "", view.next_step, view.kind_words, view.stage_words)))


def list_opportunities(store: Store, clock: Clock, *, goal_id: int | None = None,
                       stages: set[str] | None = None, query: str = "",
                       include_closed: bool = True) -> list[OpportunityView]:
    """The opportunities not in the trash, most pressing first (see ``core.opportunities``).

    ``query`` keeps those whose title, organisation, notes, source, goal or next step hold
    every word of it, accents and case ignored."""
    where, args = ["o.deleted_at IS NULL"], {}
    if goal_id is not None:
        where.append("o.goal_id = :goal_id")
        args["goal_id"] = goal_id
    if not include_closed:
        where.append("o.stage != 'closed'")
    with store.read() as conn:
        views = _views(conn, " AND ".join(where), args)
    if stages:
        views = [v for v in views if v.stage in stages]
    words = fold(query).split()
    if words:
        views = [v for v in views if _matches(v, words)]
    today = clock.today()
    views.sort(key=lambda v: rules.pressing_key(v.stage, v.next_due, v.updated_at, today))
    return views


def narrow(views: list[OpportunityView], *, goal_id: int | None = None, stages: set[str] | None = None,
           query: str = "", texts: dict[int, str] | None = None) -> list[OpportunityView]:
    """The views a goal, stages and a search keep, in their order: what ``list_opportunities`` keeps,
    on views already read, so a list narrows as you type without reading the database again.
    ``texts`` (id: ``search_text``), made once per reading, spares folding each view per key."""
    words = fold(query).split()
    kept = []
    for view in views:
        if goal_id is not None and view.goal_id != goal_id:
            continue
        if stages and view.stage not in stages:
            continue
        if words:
            text = texts[view.id] if texts is not None and view.id in texts else search_text(view)
            if not all(word in text for word in words):
                continue
        kept.append(view)
    return kept


def get_opportunity(store: Store, opportunity_id: int, *, include_removed: bool = False) -> OpportunityView | None:
    live = "" if include_removed else " AND o.deleted_at IS NULL"
    with store.read() as conn:
        found = _views(conn, f"o.id = :id{live}", {"id": opportunity_id})
    return found[0] if found else None


def opportunity_input(view: OpportunityView) -> OpportunityInput:
    return OpportunityInput(view.title, view.kind, view.organisation, view.goal_id, view.source_contact_id,
                            view.source_interview_id, view.source_seconds, view.link, view.notes,
                            view.next_step, view.next_due)


def opportunity_for_edit(store: Store, opportunity_id: int) -> tuple[OpportunityInput, int] | None:
    """An opportunity's fields as its form shows them, and the version they are at (None: gone)."""
    view = get_opportunity(store, opportunity_id)
    return None if view is None else (opportunity_input(view), view.version)


def for_interview(store: Store, interview_id: int) -> list[OpportunityView]:
    """The opportunities captured in one call, in the order they were mentioned."""
    with store.read() as conn:
        views = _views(conn, "o.source_interview_id = :interview_id AND o.deleted_at IS NULL",
                       {"interview_id": interview_id})
    return sorted(views, key=lambda v: (v.source_seconds is None, v.source_seconds or 0, v.id))


def goal_counts(store: Store, goal_ids: list[int] | None = None) -> dict[int, dict[str, int]]:
    """Per goal, how many of its opportunities are at each stage."""
    counts: dict[int, dict[str, int]] = {}
    with store.read() as conn:
        for r in conn.execute("SELECT goal_id, stage, COUNT(*) AS n FROM opportunity "
                              "WHERE deleted_at IS NULL AND goal_id IS NOT NULL GROUP BY goal_id, stage"):
            if goal_ids is None or r.goal_id in goal_ids:
                counts.setdefault(r.goal_id, {})[r.stage] = r.n
    return counts


def for_goal(store: Store, goal_id: int) -> dict[str, int]:
    return goal_counts(store, [goal_id]).get(goal_id, {})


# -- writing ---------------------------------------------------------------------------

def _event(conn: Tx, opportunity_id: int, stage: str, outcome: str | None, now: datetime, note: str = "") -> None:
    conn.execute("INSERT INTO opportunity_stage_event (opportunity_id, stage, outcome, at, note) "
                 "VALUES (:opportunity_id, :stage, :outcome, :at, :note)",
                 {"opportunity_id": opportunity_id, "stage": stage, "outcome": outcome, "at": to_iso(now),
                  "note": note})


def _next_step_input(data: OpportunityInput) -> FollowupInput:
    assert data.next_due is not None  # validate() holds it
    return FollowupInput(kind="action", title=data.next_step.strip(), due=data.next_due, goal_id=data.goal_id)


def add_opportunity(store: Store, data: OpportunityInput, clock: Clock,
                    stage: str = OpportunityStage.HEARD.value) -> int:
    """A new opportunity at ``stage`` (heard of), with its next step in the queue; returns its id."""
    data.validate()
    if stage not in rules.PATH:
        raise InvalidInput({"stage": "A new opportunity starts on the way: heard of, researching, applied, "
                                     "interviewing or offer."})
    now = clock.now()
    stamp = to_iso(now)
    with store.write() as conn:
        followup_id = _insert(conn, _next_step_input(data), now) if data.next_step.strip() else None
        opportunity_id = conn.execute(
            "INSERT INTO opportunity (uuid, version, kind, title, organisation, goal_id, source_contact_id, "
            "source_interview_id, source_seconds, followup_id, link, notes, stage, created_at, updated_at) "
            "VALUES (:uuid, 1, :kind, :title, :organisation, :goal_id, :source_contact_id, :source_interview_id, "
            ":source_seconds, :followup_id, :link, :notes, :stage, :at, :at) RETURNING id",
            {"uuid": str(uuidlib.uuid4()), "kind": data.kind, "title": data.title.strip(),
             "organisation": data.organisation.strip(), "goal_id": data.goal_id,
             "source_contact_id": data.source_contact_id, "source_interview_id": data.source_interview_id,
             "source_seconds": data.source_seconds, "followup_id": followup_id, "link": data.link.strip(),
             "notes": data.notes, "stage": stage, "at": stamp},
        ).fetchone().id
        _event(conn, opportunity_id, stage, None, now)
    return opportunity_id


def _sync_next_step(conn: Tx, opportunity_id: int, data: OpportunityInput, now: datetime) -> None:
    """Make the open next step say what the form says: changed in place, added, or taken out."""
    row = conn.execute(
        "SELECT f.id, f.title, f.due_date, f.snoozed_until FROM opportunity o "
        "JOIN followup f ON f.id = o.followup_id AND f.status = 'open' WHERE o.id = :id",
        {"id": opportunity_id}).fetchone()
    step = data.next_step.strip()
    stamp = to_iso(now)
    if row is not None and not step:
        conn.execute("UPDATE followup SET status = 'cancelled', version = version + 1, updated_at = :at "
                     "WHERE id = :id", {"at": stamp, "id": row.id})
        conn.execute("UPDATE opportunity SET followup_id = NULL WHERE id = :id", {"id": opportunity_id})
    elif row is not None:
        due = max(d for d in (_day(row.due_date), _day(row.snoozed_until)) if d)
        if row.title != step or due != data.next_due:
            conn.execute("UPDATE followup SET title = :title, due_date = :due, snoozed_until = NULL, "
                         "goal_id = :goal_id, version = version + 1, updated_at = :at WHERE id = :id",
                         {"title": step, "due": data.next_due.isoformat(), "goal_id": data.goal_id,
                          "at": stamp, "id": row.id})
    elif step:
        followup_id = _insert(conn, _next_step_input(data), now)
        conn.execute("UPDATE opportunity SET followup_id = :followup_id WHERE id = :id",
                     {"followup_id": followup_id, "id": opportunity_id})


def update_opportunity(store: Store, opportunity_id: int, data: OpportunityInput, clock: Clock,
                       expected_version: int | None = None) -> None:
    """Replace an opportunity's fields and its next step; refused if it changed since it was read
    (``expected_version``) or went to the trash meanwhile (``RecordGone``)."""
    data.validate()
    now = clock.now()
    with store.write() as conn:
        versions.write(conn, versions.OPPORTUNITY, opportunity_id,
                       "kind = :kind, title = :title, organisation = :organisation, goal_id = :goal_id, "
                       "source_contact_id = :source_contact_id, source_interview_id = :source_interview_id, "
                       "source_seconds = :source_seconds, link = :link, notes = :notes, updated_at = :updated_at",
                       {"kind": data.kind, "title": data.title.strip(), "organisation": data.organisation.strip(),
                        "goal_id": data.goal_id, "source_contact_id": data.source_contact_id,
                        "source_interview_id": data.source_interview_id, "source_seconds": data.source_seconds,
                        "link": data.link.strip(), "notes": data.notes, "updated_at": to_iso(now)},
                       expected_version)
        _sync_next_step(conn, opportunity_id, data, now)


def _current(conn: Tx, opportunity_id: int):
    row = conn.execute("SELECT stage, outcome, title FROM opportunity WHERE id = :id AND deleted_at IS NULL",
                       {"id": opportunity_id}).fetchone()
    if row is None:
        raise versions.refusal(conn, versions.OPPORTUNITY, opportunity_id)
    return row


def _set_stage(conn: Tx, opportunity_id: int, stage: str, outcome: str | None, now: datetime,
               note: str = "") -> None:
    conn.execute("UPDATE opportunity SET stage = :stage, outcome = :outcome, version = version + 1, "
                 "updated_at = :at WHERE id = :id",
                 {"stage": stage, "outcome": outcome, "at": to_iso(now), "id": opportunity_id})
    _event(conn, opportunity_id, stage, outcome, now, note)


def move_stage(store: Store, opportunity_id: int, direction: int, clock: Clock) -> str | None:
    """One step along heard of → researching → applied → interviewing → offer; returns the new
    stage, or None when it cannot move that way (at an end, or closed). Each move is kept with its date."""
    with store.write() as conn:
        row = _current(conn, opportunity_id)
        new = rules.step(row.stage, direction)
        if new is None:
            return None
        _set_stage(conn, opportunity_id, new, None, clock.now(), "moved back" if direction < 0 else "")
        return new


def close_opportunity(store: Store, opportunity_id: int, outcome: str, clock: Clock) -> str:
    """Close with how it ended; its open next step leaves the queue. Returns one sentence."""
    if outcome not in {o.value for o in OpportunityOutcome}:
        raise InvalidInput({"outcome": "Choose how it ended: accepted, declined, not chosen or withdrawn."})
    now = clock.now()
    with store.write() as conn:
        row = _current(conn, opportunity_id)
        _set_stage(conn, opportunity_id, rules.CLOSED, outcome, now)
        dropped = conn.execute(
            "UPDATE followup SET status = 'cancelled', version = version + 1, updated_at = :at "
            "WHERE status = 'open' AND id = (SELECT followup_id FROM opportunity WHERE id = :id)",
            {"at": to_iso(now), "id": opportunity_id}).rowcount
    words = f"“{row.title}” closed: {OpportunityOutcome(outcome).label}."
    return words + (" Its next step left the queue." if dropped else "")


def reopen_opportunity(store: Store, opportunity_id: int, clock: Clock) -> str:
    """Open a closed opportunity again, at the last stage it reached; returns that stage."""
    with store.write() as conn:
        row = _current(conn, opportunity_id)
        if row.stage != rules.CLOSED:
            return row.stage
        history = [r.stage for r in conn.execute(
            "SELECT stage FROM opportunity_stage_event WHERE opportunity_id = :id ORDER BY at, id",
            {"id": opportunity_id})]
        stage = rules.reopen_stage(history)
        _set_stage(conn, opportunity_id, stage, None, clock.now(), "reopened")
        return stage


def remove_opportunity(store: Store, opportunity_id: int, clock: Clock) -> str:
    """Move an opportunity to the trash with its open next step; ``restore_opportunity`` undoes it."""
    stamp = to_iso(clock.now())
    with store.write() as conn:
        row = _current(conn, opportunity_id)
        conn.execute("UPDATE opportunity SET deleted_at = :at, version = version + 1 WHERE id = :id",
                     {"at": stamp, "id": opportunity_id})
        conn.execute("UPDATE followup SET status = 'cancelled', version = version + 1, updated_at = :at "
                     "WHERE status = 'open' AND id = (SELECT followup_id FROM opportunity WHERE id = :id)",
                     {"at": stamp, "id": opportunity_id})
    return f"“{row.title}” moved to the trash."


def restore_opportunity(store: Store, opportunity_id: int, clock: Clock) -> str:
    """Bring an opportunity back from the trash, with the next step its removal took out."""
    with store.write() as conn:
        row = conn.execute("SELECT title, deleted_at, followup_id FROM opportunity WHERE id = :id",
                           {"id": opportunity_id}).fetchone()
        if row is None:
            raise versions.refusal(conn, versions.OPPORTUNITY, opportunity_id)
        if row.deleted_at is None:
            return f"“{row.title}” is not in the trash."
        conn.execute("UPDATE opportunity SET deleted_at = NULL, version = version + 1, updated_at = :now "
                     "WHERE id = :id", {"now": to_iso(clock.now()), "id": opportunity_id})
        # Only the step that the removal itself took out (same moment) comes back.
        conn.execute("UPDATE followup SET status = 'open', version = version + 1 "
                     "WHERE id = :followup_id AND status = 'cancelled' AND updated_at = :removed",
                     {"followup_id": row.followup_id, "removed": row.deleted_at})
    return f"“{row.title}” is back."


# -- the organisation behind it ---------------------------------------------------------

def introduction_target(store: Store, opportunity_id: int, clock: Clock) -> int:
    """The target for "who can introduce me at this organisation": the goal's organisation target
    of that name, or a new one listed for it. Asks logged there count for the goal as usual."""
    view = get_opportunity(store, opportunity_id)
    if view is None:
        raise KeyError(opportunity_id)
    if not view.organisation.strip():
        raise InvalidInput({"organisation": "Add the organisation first: netnet then looks for people "
                                            "who could introduce you there."})
    if view.goal_id is None:
        raise InvalidInput({"goal_id": "Choose the goal this opportunity serves first: the ask is kept "
                                       "with that goal's people to meet."})
    now = clock.now()
    stamp = to_iso(now)
    with store.write() as conn:
        for r in conn.execute("SELECT id, organisation FROM target WHERE goal_id = :goal_id "
                              "AND kind = 'organisation' ORDER BY position, id", {"goal_id": view.goal_id}):
            if same_organisation(r.organisation, view.organisation):
                return r.id
        position = conn.execute("SELECT COALESCE(MAX(position) + 1, 0) AS p FROM target WHERE goal_id = :goal_id",
                                 {"goal_id": view.goal_id}).fetchone().p
        target_id = conn.execute(
            "INSERT INTO target (uuid, version, goal_id, kind, person_name, job_title, organisation, field, want, "
            "stage, notes, position, allow_parallel_asks, created_at, updated_at) VALUES (:uuid, 1, :goal_id, "
            "'organisation', '', '', :organisation, '', 'like', 'listed', :notes, :position, 0, :at, :at) "
            "RETURNING id",
            {"uuid": str(uuidlib.uuid4()), "goal_id": view.goal_id, "organisation": view.organisation.strip(),
             "notes": f"Listed for the opportunity “{view.title}”.", "position": position, "at": stamp},
        ).fetchone().id
        conn.execute("INSERT INTO target_stage_event (target_id, stage, at, note) "
                     "VALUES (:target_id, 'listed', :at, '')", {"target_id": target_id, "at": stamp})
        return target_id


def organisation_people(store: Store, opportunity_id: int, limit: int = 20) -> list[tuple[int, str, str]]:
    """Contacts at the opportunity's organisation: (contact id, name, title), by name."""
    view = get_opportunity(store, opportunity_id)
    if view is None or not view.organisation.strip():
        return []
    words = search_words(TargetSpec("organisation", organisation=view.organisation))
    if not words:
        return []
    with store.read() as conn:
        matching, params = conn.dialect.match_where(words, any_word=True)
        rows = conn.execute(
            "SELECT id, display_name, organisation, title, sort_key FROM contact "
            f"WHERE deleted_at IS NULL AND merged_into_id IS NULL AND {matching}", params).fetchall()
    found = sorted((r for r in rows if same_organisation(view.organisation, r.organisation)),
                   key=lambda r: (r.sort_key or r.display_name, r.id))
    return [(r.id, r.display_name, r.title) for r in found[:limit]]


def as_json(view: OpportunityView) -> dict:
    """One opportunity for ``netnet opportunities --json``."""
    return {
        "key": view.key, "id": view.id, "title": view.title, "kind": view.kind,
        "organisation": view.organisation, "goal": view.goal_title, "goal_id": view.goal_id,
        "stage": view.stage, "outcome": view.outcome, "stage_words": view.stage_words,
        "next_step": view.next_step or None, "next_due": view.next_due.isoformat() if view.next_due else None,
        "source": view.source_words, "source_contact_id": view.source_contact_id,
        "source_interview_id": view.source_interview_id, "source_seconds": view.source_seconds,
        "link": view.link, "notes": view.notes,
        "history": [{"stage": m.stage, "outcome": m.outcome, "at": to_iso(m.at), "note": m.note}
                    for m in view.history],
    }


def capture_in_call(store: Store, clock: Clock, interview_id: int, title: str, *, organisation: str = "",
                    notes: str = "", seconds: float | None = None) -> int:
    """An opportunity the person on the call mentions: heard of, from them, in this call at
    ``seconds``, for the goal of the interview (or of its target; for a quick call, the active goal
    listing this person, or the only active goal). Returns its id."""
    data = OpportunityInput(" ".join(title.split()), organisation=" ".join(organisation.split()),
                            notes=notes.strip(), source_interview_id=interview_id,
                            source_seconds=None if seconds is None else int(seconds))
    with store.read() as conn:
        row = conn.execute(
            "SELECT i.contact_id, COALESCE(i.goal_id, t.goal_id) AS goal_id FROM interview i "
            "LEFT JOIN target t ON t.id = i.target_id WHERE i.id = :id", {"id": interview_id}).fetchone()
        if row is not None:
            data.source_contact_id, data.goal_id = row.contact_id, row.goal_id or _likely_goal(conn, row.contact_id)
    return add_opportunity(store, data, clock)


def _likely_goal(conn: Tx, contact_id: int | None) -> int | None:
    """A quick call has no goal of its own: the active goal that lists this person (the latest),
    else the only active goal there is; None when it could be several."""
    if contact_id is not None:
        found = conn.execute(
            "SELECT t.goal_id FROM target t JOIN goal g ON g.id = t.goal_id WHERE t.contact_id = :contact_id "
            "AND g.status = 'active' ORDER BY t.updated_at DESC, t.id DESC LIMIT 1",
            {"contact_id": contact_id}).fetchone()
        if found is not None:
            return found.goal_id
    active = conn.execute("SELECT id FROM goal WHERE status = 'active' LIMIT 2").fetchall()
    return active[0].id if len(active) == 1 else None
