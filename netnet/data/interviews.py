"""Information interview services: the wizard's drafts, the questions, the live call, the wrap-up.

Every function opens a short transaction through the store and returns plain
objects. The live call's autosave is one small UPDATE inside one IMMEDIATE
transaction (WAL, ``synchronous=FULL``): once it returns, the notes are on disk.
"""

from __future__ import annotations

import re
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from netnet.core.clock import Clock, from_iso, to_iso
from netnet.core.enums import Purpose
from netnet.core.notes import note_words
from netnet.core.questions import BankQuestion, general_call
from netnet.data.contacts import ContactInput, insert_contact, insert_interaction
from netnet.data.store import Store, Tx

# A call interrupted less than this long ago probably went on while netnet was
# down: its elapsed time is taken from the wall clock. Older ones resume where
# the last save left them.
RECENT_INTERRUPTION_SECONDS = 30 * 60


def _uuid() -> str:
    return str(uuidlib.uuid4())


def _person(name: str, **extra) -> ContactInput:
    from netnet.core.names import split_name

    given, family = split_name(name)
    return ContactInput(display_name=name, given_name=given, family_name=family, **extra)


class InterviewGone(LookupError):
    """A write found no interview to write to: it was deleted, or the database was
    restored from a copy made before it existed. Nothing was saved."""

    def __init__(self, interview_id: int) -> None:
        super().__init__(
            "This interview is no longer in the database (was it deleted, or the database "
            "restored from an older backup?), so nothing could be saved there."
        )
        self.interview_id = interview_id


def _touch_interview(conn: Tx, sql: str, args: dict, interview_id: int) -> None:
    """Run an UPDATE of one interview row; an update of no row is a failure, never 'saved'."""
    if conn.execute(sql, args).rowcount != 1:
        raise InterviewGone(interview_id)


@dataclass
class QuestionItem:
    id: int
    position: int
    family: str
    text: str
    answered: bool = False
    notes: str = ""


@dataclass
class InterviewRow:
    """One line of the interview list."""

    id: int
    status: str
    contact_id: int | None
    contact_name: str
    purpose: str
    purpose_text: str
    format: str
    scheduled_at: datetime | None
    started_at: datetime | None
    ended_at: datetime | None
    elapsed_seconds: float
    questions: int
    answered: int
    updated_at: datetime | None

    @property
    def when(self) -> datetime | None:
        return self.started_at or self.scheduled_at


@dataclass
class InterviewDetail:
    id: int
    status: str
    contact_id: int | None
    contact_name: str
    goal_id: int | None
    target_id: int | None
    purpose: str
    purpose_text: str
    format: str
    scheduled_at: datetime | None
    length_seconds: int
    started_at: datetime | None
    ended_at: datetime | None
    paused_seconds: float
    paused_at: datetime | None
    elapsed_seconds: float
    wizard_step: int
    notes: str
    learned: str
    updated_at: datetime | None
    questions: list[QuestionItem] = field(default_factory=list)
    contact_organisation: str = ""
    uuid: str = ""  # the row's identity across a restore (ids can be reused)

    @property
    def purpose_words(self) -> str:
        if self.purpose == "own_words" and self.purpose_text.strip():
            return self.purpose_text.strip()
        return Purpose(self.purpose).label


@dataclass
class WizardState:
    """What the prep wizard has gathered so far (saved as a draft at each step)."""

    contact_id: int | None = None
    goal_id: int | None = None
    target_id: int | None = None
    purpose: str = "job_org"
    purpose_text: str = ""
    format: str = "phone"
    scheduled_at: datetime | None = None
    length_seconds: int = 900
    wizard_step: int = 0


@dataclass
class SavedQuestion:
    id: int
    text: str
    family: str
    purpose: str | None


@dataclass
class PlanItemRow:
    id: int
    text: str
    kind: str
    horizon: str
    goal_id: int | None


# -- reading ------------------------------------------------------------------

_ROW_SQL = """
SELECT i.id, i.status, i.contact_id, coalesce(c.display_name, '') AS contact_name, i.purpose,
       i.purpose_text, i.format, i.scheduled_at, i.started_at, i.ended_at, i.elapsed_seconds,
       (SELECT count(*) FROM interview_question q WHERE q.interview_id = i.id) AS questions,
       (SELECT count(*) FROM interview_question q WHERE q.interview_id = i.id AND q.answered = 1) AS answered,
       i.updated_at
FROM interview i LEFT JOIN contact c ON c.id = i.contact_id
"""

_STATUS_ORDER = {"live": 0, "draft": 1, "scheduled": 2, "done": 3, "cancelled": 4}


def _row(r) -> InterviewRow:
    return InterviewRow(
        id=r.id, status=r.status, contact_id=r.contact_id, contact_name=r.contact_name, purpose=r.purpose,
        purpose_text=r.purpose_text, format=r.format, scheduled_at=from_iso(r.scheduled_at),
        started_at=from_iso(r.started_at), ended_at=from_iso(r.ended_at),
        elapsed_seconds=float(r.elapsed_seconds or 0), questions=r.questions, answered=r.answered,
        updated_at=from_iso(r.updated_at),
    )


def list_interviews(store: Store, *, include_cancelled: bool = False) -> list[InterviewRow]:
    """Calls under way first, then drafts, scheduled (soonest first) and done (latest first).

    Interviews with a person in the trash are left out until the person is restored."""
    where = " WHERE (i.contact_id IS NULL OR c.deleted_at IS NULL)"
    if not include_cancelled:
        where += " AND i.status != 'cancelled'"
    with store.read() as conn:
        rows = [_row(r) for r in conn.execute(_ROW_SQL + where)]
    def key(row: InterviewRow):
        order = _STATUS_ORDER.get(row.status, 9)
        if row.status == "done":
            return (order, -(row.when.timestamp() if row.when else 0), row.id)
        if row.status == "draft":
            updated = row.updated_at.timestamp() if row.updated_at else 0
            return (order, -updated, row.id)
        return (order, row.when.timestamp() if row.when else float("inf"), row.id)

    return sorted(rows, key=key)


def unfinished_calls(store: Store) -> list[InterviewRow]:
    """Calls left live by a crash, a closed terminal or a quit during the call.

    Asked at every start, so it reads through ``store.fast()`` (no SQLAlchemy on the way
    to the first frame)."""
    with store.fast() as conn:
        rows = [_row(r) for r in conn.execute(_ROW_SQL + " WHERE i.status = 'live' ORDER BY i.id")]
    return sorted(rows, key=lambda row: (row.when.timestamp() if row.when else float("inf"), row.id))


def _questions(conn: Tx, interview_id: int) -> list[QuestionItem]:
    return [
        QuestionItem(id=r.id, position=r.position, family=r.family, text=r.text,
                     answered=bool(r.answered), notes=r.notes)
        for r in conn.execute(
            "SELECT id, position, family, text, answered, notes FROM interview_question "
            "WHERE interview_id = :interview_id ORDER BY position, id", {"interview_id": interview_id})
    ]


def get_interview(store: Store, interview_id: int) -> InterviewDetail | None:
    with store.read() as conn:
        r = conn.execute(
            "SELECT i.id, i.status, i.contact_id, coalesce(c.display_name, '') AS contact_name, "
            "i.goal_id, i.target_id, "
            "i.purpose, i.purpose_text, i.format, i.scheduled_at, i.length_seconds, i.started_at, i.ended_at, "
            "i.paused_seconds, i.paused_at, i.elapsed_seconds, i.wizard_step, i.notes, i.learned, i.updated_at, "
            "coalesce(c.organisation, '') AS contact_organisation, i.uuid "
            "FROM interview i LEFT JOIN contact c ON c.id = i.contact_id WHERE i.id = :id", {"id": interview_id},
        ).fetchone()
        if r is None:
            return None
        return InterviewDetail(
            id=r.id, status=r.status, contact_id=r.contact_id, contact_name=r.contact_name,
            goal_id=r.goal_id, target_id=r.target_id,
            purpose=r.purpose, purpose_text=r.purpose_text, format=r.format,
            scheduled_at=from_iso(r.scheduled_at), length_seconds=r.length_seconds,
            started_at=from_iso(r.started_at), ended_at=from_iso(r.ended_at),
            paused_seconds=float(r.paused_seconds or 0),
            paused_at=from_iso(r.paused_at), elapsed_seconds=float(r.elapsed_seconds or 0),
            wizard_step=r.wizard_step, notes=r.notes,
            learned=r.learned, updated_at=from_iso(r.updated_at),
            contact_organisation=r.contact_organisation, uuid=r.uuid,
            questions=_questions(conn, interview_id),
        )


def target_for_contact(store: Store, contact_id: int) -> tuple[int, int] | None:
    """(goal id, target id) of an open target that names this contact, if any."""
    with store.read() as conn:
        r = conn.execute(
            "SELECT t.goal_id, t.id FROM target t JOIN goal g ON g.id = t.goal_id "
            "WHERE t.contact_id = :contact_id AND t.stage NOT IN ('interviewed', 'dropped') "
            "ORDER BY g.status = 'active' DESC, t.want = 'need' DESC, t.position, t.id LIMIT 1",
            {"contact_id": contact_id},
        ).fetchone()
    return (r.goal_id, r.id) if r else None


def goal_choices(store: Store) -> list[tuple[int, str]]:
    """Active and paused goals, for the wizard and the wrap-up."""
    with store.read() as conn:
        return [(r.id, r.title) for r in conn.execute(
            "SELECT id, title FROM goal WHERE status IN ('active', 'paused') ORDER BY status = 'active' DESC, id")]


def find_contact_by_name(store: Store, name: str) -> int | None:
    """A live contact whose name is exactly ``name`` (ignoring case and spaces)."""
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        return None
    with store.read() as conn:
        for row in conn.execute(
            "SELECT id, display_name FROM contact WHERE deleted_at IS NULL ORDER BY id"
        ):
            if " ".join(row.display_name.split()).casefold() == wanted:
                return row.id
    return None


# -- the wizard ---------------------------------------------------------------

def _followup_for_schedule(conn: Tx, interview_id: int, state: WizardState,
                           name: str, stamp: str, status: str) -> None:
    """A scheduled interview appears in the follow-up queue on its day."""
    existing = conn.execute(
        "SELECT id FROM followup WHERE interview_id = :interview_id AND kind = 'interview' AND status = 'open'",
        {"interview_id": interview_id},
    ).fetchone()
    if status != "scheduled" or state.scheduled_at is None:
        if existing:
            conn.execute("UPDATE followup SET status = 'cancelled', updated_at = :updated_at, version = version + 1 "
                         "WHERE id = :id", {"updated_at": stamp, "id": existing.id})
        return
    local = state.scheduled_at.astimezone()
    title = f"Information interview with {name or 'someone'} at {local:%H:%M}"
    if existing:
        conn.execute(
            "UPDATE followup SET title = :title, due_date = :due_date, due_at = :due_at, "
            "contact_id = :contact_id, goal_id = :goal_id, "
            "target_id = :target_id, updated_at = :updated_at, version = version + 1 WHERE id = :id",
            {"title": title, "due_date": local.date().isoformat(), "due_at": to_iso(state.scheduled_at),
             "contact_id": state.contact_id, "goal_id": state.goal_id,
             "target_id": state.target_id, "updated_at": stamp, "id": existing.id})
    else:
        conn.execute(
            "INSERT INTO followup (uuid, kind, title, due_date, due_at, contact_id, interview_id, goal_id, "
            "target_id, created_at, updated_at) VALUES (:uuid, :kind, :title, :due_date, :due_at, "
            ":contact_id, :interview_id, :goal_id, :target_id, :created_at, :updated_at)",
            {"uuid": _uuid(), "kind": "interview", "title": title, "due_date": local.date().isoformat(),
             "due_at": to_iso(state.scheduled_at),
             "contact_id": state.contact_id, "interview_id": interview_id, "goal_id": state.goal_id,
             "target_id": state.target_id, "created_at": stamp, "updated_at": stamp})


def save_draft(store: Store, clock: Clock, state: WizardState, interview_id: int | None = None,
               *, schedule: bool = False) -> int:
    """Create or update a prepared interview. ``schedule`` with a time makes it scheduled."""
    stamp = to_iso(clock.now())
    status = "scheduled" if schedule and state.scheduled_at is not None else "draft"
    values = {"contact_id": state.contact_id, "goal_id": state.goal_id, "target_id": state.target_id,
              "purpose": state.purpose, "purpose_text": state.purpose_text, "format": state.format,
              "scheduled_at": to_iso(state.scheduled_at), "length_seconds": int(state.length_seconds),
              "wizard_step": state.wizard_step}
    with store.write() as conn:
        if interview_id is None:
            interview_id = conn.execute(
                "INSERT INTO interview (uuid, contact_id, goal_id, target_id, purpose, purpose_text, format, "
                "scheduled_at, length_seconds, wizard_step, status, created_at, updated_at) "
                "VALUES (:uuid, :contact_id, :goal_id, :target_id, :purpose, :purpose_text, :format, "
                ":scheduled_at, :length_seconds, :wizard_step, :status, :created_at, :updated_at) RETURNING id",
                {"uuid": _uuid(), **values, "status": status, "created_at": stamp, "updated_at": stamp},
            ).fetchone().id
        else:
            current = conn.execute("SELECT status FROM interview WHERE id = :id", {"id": interview_id}).fetchone()
            if current is None:
                raise InterviewGone(interview_id)
            if current.status in ("live", "done"):
                status = current.status
            conn.execute(
                "UPDATE interview SET contact_id = :contact_id, goal_id = :goal_id, target_id = :target_id, "
                "purpose = :purpose, purpose_text = :purpose_text, format = :format, "
                "scheduled_at = :scheduled_at, length_seconds = :length_seconds, wizard_step = :wizard_step, "
                "status = :status, updated_at = :updated_at, version = version + 1 WHERE id = :id",
                {**values, "status": status, "updated_at": stamp, "id": interview_id})
        name = ""
        if state.contact_id is not None:
            found = conn.execute("SELECT display_name FROM contact WHERE id = :id", {"id": state.contact_id}).fetchone()
            name = found.display_name if found else ""
        _followup_for_schedule(conn, interview_id, state, name, stamp, status)
    return interview_id


def replace_questions(store: Store, interview_id: int, questions: list[tuple[str, str]]) -> list[QuestionItem]:
    """Set the whole question list at once (family, text), keeping notes of questions that stay."""
    with store.write() as conn:
        old = {(q.text.strip()): q for q in _questions(conn, interview_id)}
        conn.execute("DELETE FROM interview_question WHERE interview_id = :interview_id",
                     {"interview_id": interview_id})
        for position, (family, text) in enumerate(questions):
            text = text.strip()
            if not text:
                continue
            kept = old.get(text)
            conn.execute(
                "INSERT INTO interview_question (uuid, interview_id, position, family, text, answered, notes, "
                "search_text) VALUES (:uuid, :interview_id, :position, :family, :text, :answered, :notes, "
                ":search_text)",
                {"uuid": _uuid(), "interview_id": interview_id, "position": position, "family": family,
                 "text": text, "answered": int(kept.answered) if kept else 0,
                 "notes": kept.notes if kept else "", "search_text": note_words(kept.notes) if kept else ""})
        return _questions(conn, interview_id)


def add_question(store: Store, interview_id: int, text: str, family: str = "Own") -> int:
    text = text.strip()
    if not text:
        raise ValueError("a question needs words")
    with store.write() as conn:
        position = conn.execute("SELECT coalesce(max(position) + 1, 0) AS next_position FROM interview_question "
                                "WHERE interview_id = :interview_id",
                                {"interview_id": interview_id}).fetchone().next_position
        return conn.execute(
            "INSERT INTO interview_question (uuid, interview_id, position, family, text) VALUES (:uuid, "
            ":interview_id, :position, :family, :text) RETURNING id",
            {"uuid": _uuid(), "interview_id": interview_id, "position": position, "family": family,
             "text": text}).fetchone().id


def edit_question(store: Store, question_id: int, text: str) -> None:
    text = text.strip()
    if not text:
        raise ValueError("a question needs words")
    with store.write() as conn:
        if conn.execute("UPDATE interview_question SET text = :text WHERE id = :id",
                        {"text": text, "id": question_id}).rowcount != 1:
            raise LookupError("This question is no longer in the database; nothing was changed.")


def remove_question(store: Store, question_id: int) -> None:
    with store.write() as conn:
        row = conn.execute("SELECT interview_id FROM interview_question WHERE id = :id", {"id": question_id}).fetchone()
        conn.execute("DELETE FROM interview_question WHERE id = :id", {"id": question_id})
        if row:
            _renumber(conn, row.interview_id)


def _renumber(conn: Tx, interview_id: int, order: list[int] | None = None) -> None:
    ids = order or [r.id for r in conn.execute(
        "SELECT id FROM interview_question WHERE interview_id = :interview_id ORDER BY position, id",
        {"interview_id": interview_id})]
    conn.executemany("UPDATE interview_question SET position = :position WHERE id = :id",
                     [{"position": pos, "id": qid} for pos, qid in enumerate(ids)])


def move_question(store: Store, question_id: int, offset: int) -> None:
    """Move a question up (negative) or down (positive) the list."""
    with store.write() as conn:
        row = conn.execute("SELECT interview_id FROM interview_question WHERE id = :id", {"id": question_id}).fetchone()
        if row is None:
            return
        ids = [q.id for q in _questions(conn, row.interview_id)]
        index = ids.index(question_id)
        new = max(0, min(len(ids) - 1, index + offset))
        ids.insert(new, ids.pop(index))
        _renumber(conn, row.interview_id, ids)


def saved_questions(store: Store) -> list[SavedQuestion]:
    with store.read() as conn:
        return [SavedQuestion(r.id, r.text, r.family, r.purpose) for r in conn.execute(
            "SELECT id, text, family, purpose FROM saved_question ORDER BY created_at, id")]


def keep_question(store: Store, clock: Clock, text: str, family: str = "Own",
                  purpose: str | None = None) -> int | None:
    """Keep one of the user's own questions for later interviews (once)."""
    text = " ".join(text.split())
    if not text:
        return None
    with store.write() as conn:
        found = conn.execute("SELECT id FROM saved_question WHERE text = :text", {"text": text}).fetchone()
        if found:
            return found.id
        return conn.execute(
            "INSERT INTO saved_question (uuid, text, family, purpose, created_at) VALUES (:uuid, :text, "
            ":family, :purpose, :created_at) RETURNING id",
            {"uuid": _uuid(), "text": text, "family": family, "purpose": purpose,
             "created_at": to_iso(clock.now())}).fetchone().id


def forget_saved_question(store: Store, saved_id: int) -> None:
    with store.write() as conn:
        conn.execute("DELETE FROM saved_question WHERE id = :id", {"id": saved_id})


def cancel_interview(store: Store, clock: Clock, interview_id: int) -> None:
    stamp = to_iso(clock.now())
    with store.write() as conn:
        conn.execute("UPDATE interview SET status = 'cancelled', updated_at = :updated_at, version = version + 1 "
                     "WHERE id = :id AND status IN ('draft', 'scheduled')", {"updated_at": stamp, "id": interview_id})
        conn.execute("UPDATE followup SET status = 'cancelled', updated_at = :updated_at WHERE "
                     "interview_id = :interview_id "
                     "AND kind = 'interview' AND status = 'open'", {"updated_at": stamp, "interview_id": interview_id})


def delete_interview(store: Store, interview_id: int) -> None:
    """Delete a finished or cancelled interview for good: its questions, its notes, the
    call on the person's timeline and its follow-ups not yet done (the thank-you).
    Plan items it gave keep their text. A draft or scheduled one is cancelled instead,
    and a call under way is ended first."""
    with store.write() as conn:
        row = conn.execute("SELECT status, contact_id FROM interview WHERE id = :id", {"id": interview_id}).fetchone()
        if row is None:
            raise InterviewGone(interview_id)
        if row.status not in ("done", "cancelled"):
            raise ValueError("Only a finished or cancelled interview can be deleted; cancel a draft first "
                             "and end a call under way.")
        conn.execute("DELETE FROM interaction WHERE interview_id = :interview_id AND kind = 'interview'",
                     {"interview_id": interview_id})
        conn.execute("DELETE FROM followup WHERE interview_id = :interview_id AND status != 'done'",
                     {"interview_id": interview_id})
        conn.execute("DELETE FROM interview WHERE id = :id", {"id": interview_id})
        if row.contact_id is not None:
            conn.execute(
                "UPDATE contact SET last_interaction_at = (SELECT max(occurred_at) FROM interaction "
                "WHERE contact_id = :contact_id AND kind != 'connected') WHERE id = :id",
                {"contact_id": row.contact_id, "id": row.contact_id})


# -- the call -----------------------------------------------------------------

def start_call(store: Store, clock: Clock, interview_id: int) -> InterviewDetail:
    """Mark the interview live. A call that was already live keeps its start and notes."""
    stamp = to_iso(clock.now())
    with store.write() as conn:
        conn.execute(
            "UPDATE interview SET status = 'live', started_at = coalesce(started_at, :stamp), "
            "updated_at = :updated_at, "
            "version = version + 1 WHERE id = :id AND status IN ('draft', 'scheduled', 'live')",
            {"stamp": stamp, "updated_at": stamp, "id": interview_id})
        conn.execute("UPDATE followup SET status = 'done', done_at = :done_at, "
                     "updated_at = :updated_at WHERE interview_id = :interview_id "
                     "AND kind = 'interview' AND status = 'open'",
                     {"done_at": stamp, "updated_at": stamp, "interview_id": interview_id})
    detail = get_interview(store, interview_id)
    if detail is None:
        raise LookupError(f"interview {interview_id} does not exist")
    return detail


def quick_call(store: Store, clock: Clock, name: str | None, length_seconds: int = 900,
               questions: list[BankQuestion] | None = None, *, contact_id: int | None = None) -> int:
    """A call that starts now (the phone is ringing): an existing or new contact, the general questions.

    ``contact_id`` is a person picked from the suggestions; without it, a contact called
    exactly ``name`` is used, or a new one is added.
    """
    name = " ".join((name or "").split())
    if contact_id is None:
        contact_id = find_contact_by_name(store, name) if name else None
    now = clock.now()
    with store.write() as conn:
        if name and contact_id is None:
            contact_id = insert_contact(conn, _person(name), now)
    state = WizardState(contact_id=contact_id, purpose="job_org", length_seconds=length_seconds, wizard_step=3)
    if contact_id is not None:
        found = target_for_contact(store, contact_id)
        if found:
            state.goal_id, state.target_id = found
    interview_id = save_draft(store, clock, state)
    chosen = questions if questions is not None else general_call()
    replace_questions(store, interview_id, [(q.family, q.text) for q in chosen])
    start_call(store, clock, interview_id)
    return interview_id


def autosave(store: Store, clock: Clock, interview_id: int, *, notes: str | None = None,
             elapsed: float | None = None, paused: bool | None = None,
             question_notes: dict[int, str] | None = None, answered: dict[int, bool] | None = None,
             length_seconds: int | None = None, uuid: str | None = None) -> None:
    """Write what the call screen holds, in one small transaction.

    ``uuid`` (the call screen passes it) makes sure the row is still the same
    interview: after a restore the id may name another one. Raises
    InterviewGone when no row was written.
    """
    now = clock.now()
    stamp = to_iso(now)
    with store.write() as conn:
        sets: list[str] = ["updated_at = :updated_at"]
        args: dict[str, object] = {"updated_at": stamp}
        if notes is not None:
            learned = conn.execute("SELECT learned FROM interview WHERE id = :id", {"id": interview_id}).fetchone()
            sets.append("notes = :notes, search_text = :search_text")
            args["notes"] = notes
            args["search_text"] = note_words(notes, learned.learned if learned else "")
        if elapsed is not None:
            sets.append("elapsed_seconds = :elapsed_seconds")
            args["elapsed_seconds"] = round(float(elapsed), 3)
        if length_seconds is not None:
            sets.append("length_seconds = :length_seconds")
            args["length_seconds"] = int(length_seconds)
        if paused is not None:
            row = conn.execute("SELECT paused_at FROM interview WHERE id = :id", {"id": interview_id}).fetchone()
            paused_at = from_iso(row.paused_at) if row else None
            if paused and paused_at is None:
                sets.append("paused_at = :paused_at")
                args["paused_at"] = stamp
            elif not paused and paused_at is not None:
                sets.append("paused_seconds = paused_seconds + :paused_for, paused_at = NULL")
                args["paused_for"] = max(0.0, (now - paused_at).total_seconds())
        where = "id = :id" if not uuid else "id = :id AND uuid = :uuid"
        keys = {"id": interview_id} if not uuid else {"id": interview_id, "uuid": uuid}
        _touch_interview(conn, f"UPDATE interview SET {', '.join(sets)} WHERE {where}", {**args, **keys},
                         interview_id)
        for qid, text in (question_notes or {}).items():
            conn.execute("UPDATE interview_question SET notes = :notes, search_text = :search_text "
                         "WHERE id = :id AND interview_id = :interview_id",
                         {"notes": text, "search_text": note_words(text), "id": qid, "interview_id": interview_id})
        for qid, flag in (answered or {}).items():
            conn.execute("UPDATE interview_question SET answered = :answered WHERE id = :id AND "
                         "interview_id = :interview_id",
                         {"answered": int(flag), "id": qid, "interview_id": interview_id})


def recovered_elapsed(detail: InterviewDetail, now: datetime) -> tuple[float, bool]:
    """The elapsed time to resume an interrupted call with, and whether it should resume paused.

    A call that was paused stays paused at its saved time. One interrupted a short
    while ago probably went on without netnet: the time comes from the wall clock
    (start to now, less pauses), never less than what was saved. One interrupted
    long ago resumes paused where the last save left it.
    """
    saved = detail.elapsed_seconds
    if detail.paused_at is not None or detail.started_at is None:
        return saved, detail.paused_at is not None
    last = detail.updated_at or detail.started_at
    if (now - last).total_seconds() > RECENT_INTERRUPTION_SECONDS:
        return saved, True
    by_wall = (now - detail.started_at).total_seconds() - detail.paused_seconds
    return max(saved, by_wall), False


def capture_person(store: Store, clock: Clock, interview_id: int, name: str, *, organisation: str = "",
                   title: str = "", note: str = "", contact_id: int | None = None) -> int:
    """A person mentioned on the call: a new contact, introduced by the person interviewed.

    ``contact_id`` is someone already in the network (picked from the suggestions): the
    mention is noted on their timeline and no new contact is made.
    """
    name = " ".join(name.split())
    if not name:
        raise ValueError("a person needs a name")
    now = clock.now()
    with store.write() as conn:
        row = conn.execute(
            "SELECT i.contact_id, coalesce(c.display_name, '') AS display_name FROM interview i "
            "LEFT JOIN contact c ON c.id = i.contact_id WHERE i.id = :id", {"id": interview_id}).fetchone()
        introducer, introducer_name = (row.contact_id, row.display_name) if row else (None, "")
        notes = note.strip()
        if introducer_name:
            origin = f"Suggested by {introducer_name} in an information interview on {now.astimezone():%d %b %Y}."
            notes = f"{origin}\n{notes}" if notes else origin
        known = None if contact_id is None else conn.execute(
            "SELECT id FROM contact WHERE id = :id AND deleted_at IS NULL", {"id": contact_id}).fetchone()
        if contact_id is not None and known is None:
            raise KeyError(contact_id)
        if known is None:
            contact_id = insert_contact(conn, _person(
                name, organisation=organisation.strip(), title=title.strip(), notes=notes,
                introduced_by_id=introducer), now)
        insert_interaction(conn, contact_id, "introduction", now, now,
                           f"Suggested by {introducer_name}" if introducer_name else "Suggested on a call",
                           interview_id=interview_id)
    return contact_id


def suggested_people(store: Store, interview_id: int) -> list[tuple[int, str]]:
    """People captured during this interview (id, name)."""
    with store.read() as conn:
        return [(r.id, r.display_name) for r in conn.execute(
            "SELECT c.id, c.display_name FROM interaction x JOIN contact c ON c.id = x.contact_id "
            "WHERE x.interview_id = :interview_id AND x.kind = 'introduction' AND c.deleted_at IS NULL ORDER BY x.id",
            {"interview_id": interview_id})]


def capture_action(store: Store, clock: Clock, interview_id: int, text: str, due: date | None = None) -> int:
    """An action item from the call: a follow-up linked to the contact and the interview."""
    text = " ".join(text.split())
    if not text:
        raise ValueError("an action item needs words")
    stamp = to_iso(clock.now())
    due = due or clock.today() + timedelta(days=1)
    with store.write() as conn:
        row = conn.execute("SELECT contact_id, goal_id, target_id FROM interview WHERE id = :id",
                           {"id": interview_id}).fetchone()
        contact_id = row.contact_id if row else None
        goal_id = row.goal_id if row else None
        target_id = row.target_id if row else None
        return conn.execute(
            "INSERT INTO followup (uuid, kind, title, due_date, contact_id, interview_id, goal_id, target_id, "
            "created_at, updated_at) VALUES (:uuid, :kind, :title, :due_date, :contact_id, :interview_id, "
            ":goal_id, :target_id, :created_at, :updated_at) RETURNING id",
            {"uuid": _uuid(), "kind": "action", "title": text, "due_date": due.isoformat(),
             "contact_id": contact_id, "interview_id": interview_id, "goal_id": goal_id, "target_id": target_id,
             "created_at": stamp, "updated_at": stamp}).fetchone().id


def action_items(store: Store, interview_id: int) -> list[tuple[int, str, date]]:
    with store.read() as conn:
        return [(r.id, r.title, date.fromisoformat(r.due_date)) for r in conn.execute(
            "SELECT id, title, due_date FROM followup WHERE interview_id = :interview_id AND kind = 'action' "
            "AND status != 'cancelled' ORDER BY id", {"interview_id": interview_id})]


# -- ending and the wrap-up ---------------------------------------------------

_STAMP = re.compile(r"^\s*\[\d{1,2}:\d{2}(?::\d{2})?\]\s*")


def specifics(notes: str, questions: list[QuestionItem], limit: int = 2) -> list[str]:
    """One or two concrete points from the call, for the thank-you note."""
    found: list[str] = []
    candidates = [q.notes for q in questions if q.answered and q.notes.strip()]
    candidates += [q.notes for q in questions if not q.answered and q.notes.strip()]
    candidates += notes.splitlines()
    for raw in candidates:
        for line in raw.splitlines():
            line = _STAMP.sub("", line).strip(" -•*\t")
            if len(line) < 8 or line.lower().startswith(("to do:", "suggested:", "person:")):
                continue
            line = line.rstrip(".")
            if len(line) > 90:  # a long note: its first sentence, never a sentence cut off with "…"
                line = re.split(r"(?<=[.;!?])\s", line, maxsplit=1)[0].rstrip(".;")
                if len(line) > 160:
                    continue
            if line not in found:
                found.append(line)
            if len(found) >= limit:
                return found
    return found


def _topic(detail: InterviewDetail) -> str:
    org = detail.contact_organisation
    if detail.purpose == "job_org":
        return f"your work at {org}" if org else "your work and how people come into it"
    if detail.purpose == "explore_field":
        return "your field and where it is heading"
    if detail.purpose == "build_network":
        return "the people and groups worth knowing in your field"
    return detail.purpose_text.strip() or "your work"


def thank_you_draft(detail: InterviewDetail) -> str:
    """A thank-you note written from the interview: the name, the purpose, one or two specifics."""
    first = (detail.contact_name.split() or ["there"])[0]
    if first.lower() in ("father", "dr", "dr.", "mr", "mrs", "ms") and len(detail.contact_name.split()) > 1:
        first = detail.contact_name
    lines = [f"Dear {first},", "",
             f"Thank you for taking the time to talk with me about {_topic(detail)}."]
    points = specifics(detail.notes, detail.questions)
    if len(points) == 1:
        lines.append(f"What you said about this stays with me: {points[0]}.")
    elif points:
        lines.append("Two things you said will stay with me:")
        lines += [f"  - {point}" for point in points]
    lines += ["", "I will let you know how things go, and I hope I can return the favour one day.", "",
              "With thanks,"]
    return "\n".join(lines)


@dataclass
class EndResult:
    detail: InterviewDetail
    thank_you_id: int | None
    target_moved: bool


def end_call(store: Store, clock: Clock, interview_id: int, *, notes: str | None = None,
             elapsed: float | None = None, question_notes: dict[int, str] | None = None,
             answered: dict[int, bool] | None = None) -> EndResult:
    """Finish the call: save, log it on the contact's timeline, queue the thank-you, move the target."""
    autosave(store, clock, interview_id, notes=notes, elapsed=elapsed, paused=False,
             question_notes=question_notes, answered=answered)
    now = clock.now()
    stamp = to_iso(now)
    detail = get_interview(store, interview_id)
    if detail is None:
        raise InterviewGone(interview_id)
    thank_you_id = None
    moved = False
    with store.write() as conn:
        status = conn.execute("SELECT status FROM interview WHERE id = :id", {"id": interview_id}).fetchone().status
        if status == "done":
            return EndResult(detail, None, False)
        conn.execute("UPDATE interview SET status = 'done', ended_at = :ended_at, "
                     "updated_at = :updated_at, version = version + 1 "
                     "WHERE id = :id", {"ended_at": stamp, "updated_at": stamp, "id": interview_id})
        if detail.contact_id is not None:
            minutes = max(1, round(detail.elapsed_seconds / 60))
            insert_interaction(conn, detail.contact_id, "interview", detail.started_at or now, now,
                               f"Information interview ({detail.format.replace('_', ' ')}, {minutes} min): "
                               f"{detail.purpose_words}.", interview_id=interview_id)
            due = clock.today() + timedelta(days=1)
            thank_you_id = conn.execute(
                "INSERT INTO followup (uuid, kind, title, draft, due_date, contact_id, interview_id, goal_id, "
                "target_id, created_at, updated_at) VALUES (:uuid, :kind, :title, :draft, :due_date, "
                ":contact_id, :interview_id, :goal_id, :target_id, :created_at, :updated_at) RETURNING id",
                {"uuid": _uuid(), "kind": "thank_you",
                 "title": f"Thank {detail.contact_name} for the information interview",
                 "draft": thank_you_draft(detail), "due_date": due.isoformat(),
                 "contact_id": detail.contact_id, "interview_id": interview_id, "goal_id": detail.goal_id,
                 "target_id": detail.target_id, "created_at": stamp, "updated_at": stamp}).fetchone().id
        target_id = detail.target_id
        if target_id is None and detail.contact_id is not None:
            found = conn.execute(
                "SELECT id FROM target WHERE contact_id = :contact_id AND stage NOT IN ('interviewed', 'dropped') "
                "ORDER BY want = 'need' DESC, position, id LIMIT 1", {"contact_id": detail.contact_id}).fetchone()
            if found:
                target_id = found.id
                conn.execute("UPDATE interview SET target_id = :target_id WHERE id = :id",
                             {"target_id": target_id, "id": interview_id})
        if target_id is not None:
            stage = conn.execute("SELECT stage FROM target WHERE id = :id", {"id": target_id}).fetchone()
            if stage and stage.stage not in ("interviewed", "dropped"):
                conn.execute("UPDATE target SET stage = 'interviewed', updated_at = :updated_at, version = version + 1 "
                             "WHERE id = :id", {"updated_at": stamp, "id": target_id})
                conn.execute("INSERT INTO target_stage_event (target_id, stage, at, "
                             "note) VALUES (:target_id, :stage, :at, :note)",
                             {"target_id": target_id, "stage": "interviewed", "at": stamp,
                              "note": "information interview held"})
                moved = True
    final = get_interview(store, interview_id)
    assert final is not None
    return EndResult(final, thank_you_id, moved)


def thank_you_for(store: Store, interview_id: int) -> tuple[int, str] | None:
    with store.read() as conn:
        r = conn.execute("SELECT id, draft FROM followup WHERE interview_id = :interview_id AND kind = 'thank_you' "
                         "ORDER BY id DESC LIMIT 1", {"interview_id": interview_id}).fetchone()
    return (r.id, r.draft) if r else None


def save_wrapup(store: Store, clock: Clock, interview_id: int, *, learned: str,
                thank_you: str | None = None, notes: str | None = None) -> None:
    stamp = to_iso(clock.now())
    with store.write() as conn:
        if notes is None:
            kept = conn.execute("SELECT notes FROM interview WHERE id = :id", {"id": interview_id}).fetchone()
            _touch_interview(conn, "UPDATE interview SET learned = :learned, search_text = :search_text, "
                             "updated_at = :updated_at, version = version + 1 WHERE id = :id",
                             {"learned": learned, "search_text": note_words(kept.notes if kept else "", learned),
                              "updated_at": stamp, "id": interview_id}, interview_id)
        else:
            _touch_interview(conn, "UPDATE interview SET learned = :learned, notes = :notes, "
                             "search_text = :search_text, updated_at = :updated_at, version = version + 1 "
                             "WHERE id = :id",
                             {"learned": learned, "notes": notes, "search_text": note_words(notes, learned),
                              "updated_at": stamp, "id": interview_id}, interview_id)
        if thank_you is not None:
            conn.execute("UPDATE followup SET draft = :draft, updated_at = :updated_at, version = version + 1 "
                         "WHERE interview_id = :interview_id AND kind = 'thank_you' AND status = 'open'",
                         {"draft": thank_you, "updated_at": stamp, "interview_id": interview_id})


def add_plan_item(store: Store, clock: Clock, interview_id: int, text: str, *, kind: str = "skill",
                  horizon: str = "short", goal_id: int | None = None) -> int:
    """A lesson from the interview, turned into an item of the development plan."""
    text = " ".join(text.split())
    if not text:
        raise ValueError("a plan item needs words")
    stamp = to_iso(clock.now())
    with store.write() as conn:
        row = conn.execute("SELECT contact_id, goal_id FROM interview WHERE id = :id", {"id": interview_id}).fetchone()
        contact_id = row.contact_id if row else None
        interview_goal = row.goal_id if row else None
        return conn.execute(
            "INSERT INTO plan_item (uuid, goal_id, kind, horizon, text, source_interview_id, source_contact_id, "
            "created_at, updated_at) VALUES (:uuid, :goal_id, :kind, :horizon, :text, "
            ":source_interview_id, :source_contact_id, :created_at, :updated_at) RETURNING id",
            {"uuid": _uuid(), "goal_id": goal_id if goal_id is not None else interview_goal, "kind": kind,
             "horizon": horizon, "text": text, "source_interview_id": interview_id,
             "source_contact_id": contact_id, "created_at": stamp, "updated_at": stamp}).fetchone().id


def plan_items_for(store: Store, interview_id: int) -> list[PlanItemRow]:
    with store.read() as conn:
        return [PlanItemRow(r.id, r.text, r.kind, r.horizon, r.goal_id) for r in conn.execute(
            "SELECT id, text, kind, horizon, goal_id FROM plan_item WHERE source_interview_id "
            "= :source_interview_id ORDER BY id",
            {"source_interview_id": interview_id})]
