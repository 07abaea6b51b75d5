"""The follow-up queue: everything owed to the network, as plain objects.

The queue joins three sources:

- **stored follow-ups** (the ``followup`` table, status open): thank-yous,
  referral chasers (3B7), action items, to-dos added by hand, snoozed or
  edited check-ins;
- **keep-in-touch check-ins computed** from each contact's cadence (only
  contacts with a circle or an interval of their own), and **birthdays** of
  people in a circle, listed a few days before (Settings) with a drafted
  greeting; a birthday stands in for that person's keep-in-touch check-in. They are never written
  as rows in advance: one pass over the contacts finds those due within
  :data:`CHECKIN_HORIZON_DAYS`. A check-in is due from its ideal date and
  overdue past the maximum (the contact list's "! due" and "‼ overdue").
  Marking one done records a ``followup`` row with status done and logs a
  check-in on the contact's timeline, which restarts the cadence; snoozing or
  editing one stores it as an open row, which replaces the computed one until
  it is done or a newer interaction satisfies it; dropping one stores a
  cancelled row, which keeps the check-in out of the queue until a newer
  interaction restarts the cadence. A birthday done, snoozed, edited or
  dropped is stored the same way, with its reason, and stays out of the queue
  until next year's;
- **scheduled interviews**, on their day.

A stored check-in may carry a reason (``followup.reason``): a congratulation
an import queued when someone changed jobs (``job_changes``), or a birthday.

Done, snooze and drop each hand back an :class:`UndoRecord`; :func:`undo`
puts the row (and, for done, the contact's timeline) back as it was.

Everything is ranked by :mod:`netnet.core.urgency`. The list and count paths
read through ``store.fast()`` (they run at start-up and on every change).
"""

from __future__ import annotations

import re
import uuid as uuidlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from netnet.core.birthdays import BELATED_DAYS, reminder_day, window_start
from netnet.core.business_days import DEFAULT_WEEKEND
from netnet.core.cadence import Cadence, effective_cadence
from netnet.core.clock import Clock, from_iso, to_iso
from netnet.core.enums import FollowupKind, Format
from netnet.core.followup_drafts import DRAFT_KINDS, DraftContext, draft_for, target_text
from netnet.core.rows import FollowupItem
from netnet.core.urgency import Group, group_for, order_key, points
from netnet.core.when import day_words, describe_due
from netnet.data import versions
from netnet.data.contacts import insert_interaction, refresh_search_text
from netnet.data.errors import RecordGone, VersionConflict
from netnet.data.settings import Settings, load_settings
from netnet.data.sqlrows import in_list, values
from netnet.data.store import Store, Tx

CHECKIN_HORIZON_DAYS = 30  # computed check-ins further ahead than this are not listed

# What marking an item done writes on the contact's timeline (None: nothing).
DONE_INTERACTION: dict[str, tuple[str, str] | None] = {
    "thank_you": ("message", "Sent a thank-you"),
    "referral_nudge": ("message", "Sent a polite nudge about a referral"),
    "checkin": ("checkin", "Checked in"),
    "action": ("note", "Done"),
    "manual": ("note", "Done"),
    "referral_next": None,  # the next ask is logged by the Goals section, with the person asked
    "interview": None,  # the interview itself is logged by the call
}


class FollowupError(ValueError):
    """Something a person asked for that cannot be done (the message is one sentence)."""


class FollowupConflict(FollowupError, VersionConflict):
    """The follow-up was changed elsewhere since it was read."""


class FollowupGone(FollowupConflict, RecordGone):
    """The follow-up was done, dropped or removed elsewhere since it was read: an edit never reopens it."""


# How a follow-up is edited from a copy read earlier (see ``versions``): only while open.
FOLLOWUP = versions.Editable(
    "followup", "follow-up", "title", label=lambda title: f"“{title}”", live="status = 'open'", state="status",
    gone_words={"done": "marked done", "cancelled": "dropped"},
    conflict_error=FollowupConflict, gone_error=FollowupGone,
)


@dataclass
class FollowupInput:
    """What the add dialog (or another section) hands in to create a follow-up."""

    kind: str
    title: str
    due: date
    draft: str = ""
    contact_id: int | None = None
    interview_id: int | None = None
    goal_id: int | None = None
    target_id: int | None = None
    referral_ask_id: int | None = None
    due_at: datetime | None = None
    reason: str = ""  # a check-in's news: "congratulate" or "birthday"


@dataclass(frozen=True)
class UndoRecord:
    """What undoing one done, snooze or drop needs to put everything back exactly."""

    action: str  # "done", "snooze" or "drop"
    key: str  # the queue item's key, to find it again once it is back
    title: str
    followup_id: int  # the row the action changed, or created
    created: bool  # the action inserted the row (a computed check-in, an interview): undo deletes it
    status: str  # the row before the action (for a created row: what the queue showed)
    due_date: str | None
    snoozed_until: str | None
    done_at: str | None
    version: int  # before the action; right after it the row is at version + 1
    updated_at: str | None
    interaction_id: int | None = None  # the timeline entry done logged
    contact_id: int | None = None
    last_interaction_at: str | None = None  # the contact's, before done logged anything


@dataclass(frozen=True)
class Outcome:
    """One sentence for the user and how to undo what was done (None: nothing to undo)."""

    message: str
    undo: UndoRecord | None


@dataclass
class Draft:
    """A message to send, ready to copy or save."""

    title: str
    text: str
    generated: bool  # written by netnet (the row had none)
    contact_name: str = ""


# -- helpers ------------------------------------------------------------------

def _local_date(stamp: str | None) -> date | None:
    moment = from_iso(stamp)
    return moment.astimezone().date() if moment else None


def _weekend(settings: Settings | None) -> tuple[int, ...]:
    return tuple(settings.weekend_days) if settings else DEFAULT_WEEKEND


def _wants(conn: Tx) -> tuple[dict[int, str], dict[int, str]]:
    """Importance to active goals: by contact and by target ("need" beats "like")."""
    by_contact: dict[int, str] = {}
    by_target: dict[int, str] = {}
    for row in conn.execute(
        "SELECT t.id AS target_id, t.contact_id, t.want FROM target t JOIN goal g ON g.id = t.goal_id "
        "WHERE g.status = 'active' AND t.stage != 'dropped'"
    ):
        by_target[row.target_id] = row.want
        if row.contact_id is not None and by_contact.get(row.contact_id) != "need":
            by_contact[row.contact_id] = row.want
    return by_contact, by_target


def _best(*wants: str | None) -> str | None:
    if "need" in wants:
        return "need"
    if "like" in wants:
        return "like"
    return None


# -- the queue ----------------------------------------------------------------

def list_queue(store: Store, clock: Clock, settings: Settings | None = None, *,
               horizon_days: int = CHECKIN_HORIZON_DAYS) -> list[FollowupItem]:
    """Every open follow-up, most urgent first (grouped overdue, today, this week, later)."""
    settings = settings or load_settings(store)
    with store.fast() as conn:  # a hot path: the queue at start-up and `netnet due`
        items = _items(conn, clock.today(), settings, horizon_days)
    items.sort(key=lambda item: order_key(item.group, item.score, item.due, item.title))
    return items


def _items(conn: Tx, today: date, settings: Settings, horizon_days: int, *,
           contact_id: int | None = None) -> list[FollowupItem]:
    """The queue's items, unsorted: all of them, or those concerning one contact."""
    by_contact, by_target = _wants(conn)
    where, args = ("", {}) if contact_id is None else (" AND f.contact_id = :contact_id",
                                                       {"contact_id": contact_id})
    suppressed: set[int] = set()
    items = _stored(conn, today, by_contact, by_target, suppressed, where, args)
    suppressed |= _dropped_checkins(conn, contact_id)
    items += _interviews(conn, today, by_contact, by_target,
                         "" if contact_id is None else " AND i.contact_id = :contact_id", args)
    items += [item for item in _birthdays(conn, today, settings, by_contact, suppressed)
              if contact_id is None or item.contact_id == contact_id]
    items += _checkins(conn, today, settings, by_contact, suppressed, horizon_days, contact_id)
    return items


KEY_PATTERN = re.compile(r"([fcib])([0-9]{1,18})")


def parse_key(key: str) -> tuple[str, int] | None:
    """A queue item's key ("f12" a stored follow-up, "c34" the check-in with contact 34, "b34" their
    birthday greeting, "i5" the scheduled interview 5) as its letter and number; None for text that
    is not a key."""
    found = KEY_PATTERN.fullmatch(key.strip().lower())
    return (found.group(1), int(found.group(2))) if found else None


def find_item(store: Store, clock: Clock, key: str, settings: Settings | None = None, *,
              horizon_days: int = CHECKIN_HORIZON_DAYS) -> FollowupItem | None:
    """The queue's item with ``key``, exactly as ``list_queue`` lists it; None when the queue has no
    such item now (closed, never there, or not a key). Reads only what that item needs, so
    closing one item from the command line costs the same at 30,000 contacts as at 30."""
    parsed = parse_key(key)
    if parsed is None:
        return None
    letter, number = parsed
    settings = settings or load_settings(store)
    today = clock.today()
    with store.fast() as conn:
        if letter in "cb":  # what the whole queue would say of this contact's check-in or birthday
            found = _items(conn, today, settings, horizon_days, contact_id=number)
        else:
            by_contact, by_target = _wants(conn)
            if letter == "f":
                found = _stored(conn, today, by_contact, by_target, set(), " AND f.id = :id", {"id": number})
            else:
                found = _interviews(conn, today, by_contact, by_target, " AND i.id = :id", {"id": number})
    wanted = f"{letter}{number}"
    return next((item for item in found if item.key == wanted), None)


def contact_items(store: Store, clock: Clock, contact_id: int, settings: Settings | None = None, *,
                  horizon_days: int = CHECKIN_HORIZON_DAYS) -> list[FollowupItem]:
    """The queue's items concerning one contact, most urgent first (``list_queue``'s, for one person)."""
    settings = settings or load_settings(store)
    with store.fast() as conn:
        items = _items(conn, clock.today(), settings, horizon_days, contact_id=contact_id)
    items.sort(key=lambda item: order_key(item.group, item.score, item.due, item.title))
    return items


def _finish(item: FollowupItem, today: date) -> FollowupItem:
    item.group = group = group_for(item.due, today, item.overdue_from)
    past_max = item.overdue_from is not None and group is Group.OVERDUE
    item.score = points(item.kind, (today - item.due).days, item.want, item.connector, past_max)
    if item.overdue_from is not None:
        if item.group is Group.OVERDUE:
            late = (today - item.overdue_from).days
            item.when = "1 day late" if late == 1 else f"{late} days late"
        elif item.due < today:
            item.when = f"due since {day_words(item.due, today)}"
        else:
            item.when = describe_due(item.due, today)
    else:
        item.when = describe_due(item.due, today)
        if item.due_at is not None and item.due >= today:
            item.when += " " + item.due_at.astimezone().strftime("%H:%M")
    return item


_STORED_COLUMNS = (
    "id", "version", "kind", "title", "draft", "due_date", "due_at", "snoozed_until", "contact_id",
    "interview_id", "goal_id", "target_id", "referral_ask_id", "created_at", "display_name",
    "connector_role", "last_interaction_at", "deleted_at", "reason",
)
_STORED = (
    "SELECT f.id, f.version, f.kind, f.title, f.draft, f.due_date, f.due_at, f.snoozed_until, "
    "f.contact_id, f.interview_id, f.goal_id, f.target_id, f.referral_ask_id, f.created_at, "
    "c.display_name, c.connector_role, c.last_interaction_at, c.deleted_at, f.reason "
    "FROM followup f LEFT JOIN contact c ON c.id = f.contact_id WHERE f.status = 'open'"
)


def _stored(conn: Tx, today: date, by_contact: dict[int, str], by_target: dict[int, str],
            suppressed: set[int], where: str = "", args: Mapping[str, object] | None = None
            ) -> list[FollowupItem]:
    items = []
    # Columns matched by name once, then picked at C speed: this runs for the whole queue.
    for (fid, version, kind, title, draft, due_text, due_at, snoozed, contact_id, interview_id, goal_id,
         target_id, ask_id, created_at, name, role, last, deleted, reason) in values(
            conn.execute(_STORED + where, dict(args or {})), _STORED_COLUMNS):
        if deleted:
            continue  # the person is in the trash
        if kind == "checkin" and contact_id is not None:
            if last and created_at and last > created_at:
                continue  # a newer interaction already kept in touch
            suppressed.add(contact_id)
        due = date.fromisoformat(due_text)
        snooze = date.fromisoformat(snoozed) if snoozed else None
        effective = max(due, snooze) if snooze else due
        item = FollowupItem(
            key=f"f{fid}", source="followup", kind=kind, title=title, due=effective, group=Group.LATER,
            score=0.0, when="", id=fid, version=version, draft=draft, original_due=due,
            snoozed_until=snooze, due_at=from_iso(due_at) if not snooze else None,
            contact_id=contact_id, contact_name=name or "", connector=bool(role),
            want=_best(by_contact.get(contact_id), by_target.get(target_id)),
            interview_id=interview_id, goal_id=goal_id, target_id=target_id, referral_ask_id=ask_id,
            reason=reason or "",
        )
        items.append(_finish(item, today))
    return items


def _dropped_checkins(conn: Tx, contact_id: int | None = None) -> set[int]:
    """Contacts whose keep-in-touch check-in was dropped and who have had no interaction since (or
    only ``contact_id``, if so); a congratulation or a birthday greeting dropped says nothing about
    keeping in touch."""
    one = "" if contact_id is None else " AND f.contact_id = :contact_id"
    return {row.contact_id for row in conn.execute(
        "SELECT f.contact_id FROM followup f JOIN contact c ON c.id = f.contact_id "
        "WHERE f.status = 'cancelled' AND f.kind = 'checkin' AND f.reason = '' "
        "AND (c.last_interaction_at IS NULL OR c.last_interaction_at <= f.created_at)" + one,
        {} if contact_id is None else {"contact_id": contact_id},
    )}


def _interviews(conn: Tx, today: date, by_contact: dict[int, str], by_target: dict[int, str],
                where: str = "", args: Mapping[str, object] | None = None) -> list[FollowupItem]:
    items = []
    for row in conn.execute(
        "SELECT i.id, i.contact_id, i.goal_id, i.target_id, i.scheduled_at, i.format, "
        "c.display_name, c.connector_role, c.deleted_at FROM interview i "
        "LEFT JOIN contact c ON c.id = i.contact_id "
        "WHERE i.status = 'scheduled' AND i.scheduled_at IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM followup f WHERE f.interview_id = i.id AND f.kind = 'interview')" + where,
        dict(args or {}),
    ):
        if row.deleted_at:
            continue
        iid, contact_id, goal_id, target_id = row.id, row.contact_id, row.goal_id, row.target_id
        name, role = row.display_name, row.connector_role
        moment = from_iso(row.scheduled_at)
        who = f" with {name}" if name else ""
        how = f" ({Format(row.format).label})" if row.format else ""
        item = FollowupItem(
            key=f"i{iid}", source="interview", kind="interview", title=f"Information interview{who}{how}",
            due=moment.astimezone().date(), group=Group.LATER, score=0.0, when="", due_at=moment,
            contact_id=contact_id, contact_name=name or "", connector=bool(role),
            want=_best(by_contact.get(contact_id), by_target.get(target_id)),
            interview_id=iid, goal_id=goal_id, target_id=target_id,
        )
        items.append(_finish(item, today))
    return items


_BIRTHDAY_COLUMNS = ("id", "display_name", "connector_role", "birthday")


def _birthday_dates(conn: Tx, today: date, settings: Settings,
                    suppressed: set[int]) -> Iterator[tuple[int, str, str | None, date]]:
    """(id, name, connector role, birthday) of the people in a circle whose birthday reminder is
    listed today, and not already done, snoozed, edited or dropped this time round.

    The SQL keeps only birthdays on the few days of the year that can be listed today (a
    stored birthday ends with its month and day), so the hot path never reads every contact."""
    if not settings.birthday_reminders:
        return
    before = max(0, int(settings.birthday_days_before))
    days = {today + timedelta(days=n) for n in range(-BELATED_DAYS, before + 1)}
    month_days = {f"{d:%m-%d}" for d in days}
    if "02-28" in month_days:
        month_days.add("02-29")  # kept on the 28th in other years
    marks, args = in_list("md", sorted(month_days))
    handled: dict[int, str] = {row.contact_id: row.last for row in conn.execute(
        "SELECT contact_id, max(created_at) AS last FROM followup WHERE reason = 'birthday' "
        "AND contact_id IS NOT NULL GROUP BY contact_id")}
    rows = conn.execute(
        "SELECT id, display_name, connector_role, birthday FROM contact "
        "WHERE deleted_at IS NULL AND merged_into_id IS NULL AND circle IS NOT NULL AND birthday IS NOT NULL "
        f"AND substr(birthday, length(birthday) - 4, 5) IN ({marks})", args)
    for contact_id, name, role, birthday in values(rows, _BIRTHDAY_COLUMNS):
        day = reminder_day(birthday, today, before, BELATED_DAYS)
        if day is None:
            continue
        last = handled.get(contact_id)
        # Handled when a row was stored from the first day it was listed (a day of slack for time zones).
        if last and last >= (window_start(day, before) - timedelta(days=1)).isoformat():
            continue
        suppressed.add(contact_id)  # the greeting is this time's check-in
        yield contact_id, name, role, day


def _birthdays(conn: Tx, today: date, settings: Settings, by_contact: dict[int, str],
               suppressed: set[int]) -> list[FollowupItem]:
    return [
        _finish(FollowupItem(
            key=f"b{contact_id}", source="checkin", kind="checkin", reason="birthday",
            title=f"Wish {name} a happy birthday", due=day, group=Group.LATER, score=0.0, when="",
            contact_id=contact_id, contact_name=name, connector=role is not None, want=by_contact.get(contact_id),
        ), today)
        for contact_id, name, role, day in _birthday_dates(conn, today, settings, suppressed)
    ]


_CHECKIN_COLUMNS = ("id", "display_name", "circle", "connector_role", "ideal_days", "max_days", "start")


def _checkin_dates(conn: Tx, today: date, settings: Settings, suppressed: set[int],
                   horizon_days: int, contact_id: int | None = None,
                   ) -> Iterator[tuple[int, str, str | None, date, date]]:
    """One pass over the contacts that have a cadence: (id, name, connector role, due, overdue after).

    Only check-ins due within the horizon (and only ``contact_id``'s, if given). A coarse
    bound in SQL skips people seen recently; the exact test is done here.
    """
    table = settings.cadence_table()
    connector_default = tuple(settings.connector_cadence)
    shortest = min([v[0] for v in table.values()] + [connector_default[0]])
    # A day of slack either side for the local time zone.
    cutoff = (today + timedelta(days=horizon_days - shortest + 2)).isoformat()
    memo: dict[tuple, Cadence | None] = {}
    parse = datetime.fromisoformat
    horizon = today + timedelta(days=horizon_days)
    day = timedelta(days=1)
    rows = conn.execute(
        "SELECT id, display_name, circle, connector_role, ideal_days, max_days, "
        "coalesce(last_interaction_at, created_at) AS start FROM contact "
        "WHERE deleted_at IS NULL AND merged_into_id IS NULL "
        "AND (circle IS NOT NULL OR (ideal_days IS NOT NULL AND max_days IS NOT NULL)) "
        "AND (ideal_days IS NOT NULL OR coalesce(last_interaction_at, created_at) < :cutoff)"
        + ("" if contact_id is None else " AND id = :contact_id"),
        {"cutoff": cutoff} if contact_id is None else {"cutoff": cutoff, "contact_id": contact_id},
    )
    # Columns matched by name once, then picked at C speed: this runs over every contact with a cadence.
    for contact_id, name, circle, role, ideal, maximum, start in values(rows, _CHECKIN_COLUMNS):
        if not start or contact_id in suppressed:
            continue
        key = (circle, role is not None, ideal, maximum)
        cadence = memo.get(key, False)
        if cadence is False:
            cadence = memo[key] = effective_cadence(circle, role, ideal, maximum, table, connector_default)
        if cadence is None:
            continue
        start_day = parse(start).astimezone().date()  # stored aware, in UTC
        due = start_day + day * cadence.ideal_days
        if due <= horizon:
            yield contact_id, name, role, due, start_day + day * cadence.max_days


def _checkins(conn: Tx, today: date, settings: Settings, by_contact: dict[int, str],
              suppressed: set[int], horizon_days: int, only: int | None = None) -> list[FollowupItem]:
    return [
        _finish(FollowupItem(
            key=f"c{contact_id}", source="checkin", kind="checkin", title=f"Check in with {name}",
            due=due, group=Group.LATER, score=0.0, when="", contact_id=contact_id, contact_name=name,
            connector=role is not None, want=by_contact.get(contact_id), overdue_from=overdue_from,
        ), today)
        for contact_id, name, role, due, overdue_from in _checkin_dates(
            conn, today, settings, suppressed, horizon_days, only)
    ]


def queue_counts(store: Store, clock: Clock, settings: Settings | None = None) -> dict[str, int]:
    """Counts for the header: due today and overdue (without building the whole queue)."""
    settings = settings or load_settings(store)
    today = clock.today()
    groups: list[Group] = []
    with store.fast() as conn:  # the header's counts, at start-up and after each change
        by_contact, by_target = _wants(conn)
        suppressed: set[int] = set()
        groups += [item.group for item in _stored(conn, today, by_contact, by_target, suppressed)]
        suppressed |= _dropped_checkins(conn)
        groups += [item.group for item in _interviews(conn, today, by_contact, by_target)]
        groups += [group_for(day, today) for _id, _name, _role, day in
                   _birthday_dates(conn, today, settings, suppressed)]
        groups += [group_for(due, today, overdue_from) for _id, _name, _role, due, overdue_from
                   in _checkin_dates(conn, today, settings, suppressed, 0)]
    return {"due_today": groups.count(Group.TODAY), "overdue": groups.count(Group.OVERDUE)}


def due_now(store: Store, clock: Clock, settings: Settings | None = None) -> list[FollowupItem]:
    """Overdue and today's items, most urgent first (for ``netnet due``)."""
    return [item for item in list_queue(store, clock, settings)
            if item.group in (Group.OVERDUE, Group.TODAY)]


# -- writes -------------------------------------------------------------------

def _insert(conn: Tx, data: FollowupInput, now: datetime, *, status: str = "open",
            snoozed_until: date | None = None) -> int:
    stamp = to_iso(now)
    return conn.execute(
        "INSERT INTO followup (uuid, kind, reason, title, draft, due_date, due_at, status, snoozed_until, "
        "done_at, contact_id, interview_id, goal_id, target_id, referral_ask_id, created_at, updated_at) "
        "VALUES (:uuid, :kind, :reason, :title, :draft, :due_date, :due_at, :status, :snoozed_until, :done_at, "
        ":contact_id, :interview_id, :goal_id, :target_id, :referral_ask_id, :created_at, :updated_at) "
        "RETURNING id",
        {"uuid": str(uuidlib.uuid4()), "kind": data.kind, "reason": data.reason, "title": data.title.strip(),
         "draft": data.draft, "due_date": data.due.isoformat(),
         "due_at": to_iso(data.due_at), "status": status,
         "snoozed_until": snoozed_until.isoformat() if snoozed_until else None,
         "done_at": stamp if status == "done" else None, "contact_id": data.contact_id,
         "interview_id": data.interview_id, "goal_id": data.goal_id,
         "target_id": data.target_id, "referral_ask_id": data.referral_ask_id, "created_at": stamp,
         "updated_at": stamp},
    ).fetchone().id


def _check_input(data: FollowupInput) -> None:
    if data.kind not in {k.value for k in FollowupKind}:
        raise FollowupError(f"“{data.kind}” is not a kind of follow-up.")
    if not data.title.strip():
        raise FollowupError("Give the follow-up a title.")


def add_followup(store: Store, data: FollowupInput, clock: Clock) -> int:
    """A follow-up added by hand (or by another section); returns its id."""
    _check_input(data)
    with store.write() as conn:
        return _insert(conn, data, clock.now())


def _checkin_input(item: FollowupItem) -> FollowupInput:
    return FollowupInput(kind="checkin", title=item.title, due=item.due, contact_id=item.contact_id,
                         reason=item.reason)


_ROW = "SELECT status, due_date, snoozed_until, done_at, version, updated_at FROM followup WHERE id = :id"


CLOSED_ELSEWHERE = "This follow-up was already closed elsewhere."


def _closed_check(result) -> None:
    """An UPDATE of an open row changed nothing: another device closed it in between (the
    row is read first, but on PostgreSQL another write may land between the read and the write)."""
    if result.rowcount != 1:
        raise FollowupError(CLOSED_ELSEWHERE)


def _record(conn: Tx, action: str, item: FollowupItem, **extra) -> UndoRecord:
    """How the stored row looks now, before ``action`` changes it."""
    found = conn.execute(_ROW, {"id": item.id}).fetchone()
    if found is None or found.status != "open":
        raise FollowupError(CLOSED_ELSEWHERE)
    return UndoRecord(action, item.key, item.title, item.id, False, found.status, found.due_date,
                      found.snoozed_until, found.done_at, found.version, found.updated_at, **extra)


def _created(action: str, item: FollowupItem, followup_id: int, **extra) -> UndoRecord:
    """A row the action inserted (version 1): undo deletes it."""
    return UndoRecord(action, item.key, item.title, followup_id, True, "open", None, None, None, 0, None,
                      **extra)


def apply_done(store: Store, item: FollowupItem, clock: Clock) -> Outcome:
    """Close an item; logs it on the contact's timeline. Says what happened and how to undo it."""
    now = clock.now()
    with store.write() as conn:
        record = None
        if item.source == "checkin":
            fid = _insert(conn, _checkin_input(item), now, status="done")
        elif item.source == "interview":
            fid = _insert(conn, FollowupInput(kind="interview", title=item.title, due=item.due,
                                              contact_id=item.contact_id, interview_id=item.interview_id,
                                              goal_id=item.goal_id, target_id=item.target_id), now, status="done")
        else:
            fid = item.id
            record = _record(conn, "done", item)
            _closed_check(conn.execute(
                "UPDATE followup SET status = 'done', done_at = :done_at, version = version + 1, "
                "updated_at = :updated_at "
                "WHERE id = :id AND status = 'open'",
                {"done_at": to_iso(now), "updated_at": to_iso(now), "id": item.id},
            ))
        logged = DONE_INTERACTION.get(item.kind)
        alive = item.contact_id is not None and conn.execute(
            "SELECT last_interaction_at FROM contact WHERE id = :id AND deleted_at IS NULL", {"id": item.contact_id}
        ).fetchone()
        timeline: dict = {}
        if logged and alive:
            kind, verb = logged
            notes = verb if item.source == "checkin" and not item.reason else f"{verb}: {item.title}"
            timeline = {"interaction_id": insert_interaction(conn, item.contact_id, kind, now, now, notes),
                        "contact_id": item.contact_id, "last_interaction_at": alive[0]}
        if record is None:
            record = _created("done", item, fid, **timeline)
        elif timeline:
            record = replace(record, **timeline)
    if item.source == "interview":
        message = "Done; the interview is no longer in the queue."
    elif logged and alive:
        restart = " The keep-in-touch clock starts again." if item.kind == "checkin" else ""
        message = f"Done, and noted on {item.contact_name}'s timeline.{restart}"
    elif item.kind == "referral_next":
        message = "Done. Log the ask to the next person from the Goals section."
    else:
        message = "Done."
    return Outcome(message, record)


def mark_done(store: Store, item: FollowupItem, clock: Clock) -> str:
    """Close an item; logs it on the contact's timeline. Returns one sentence saying what happened."""
    return apply_done(store, item, clock).message


def apply_snooze(store: Store, item: FollowupItem, until: date, clock: Clock) -> Outcome:
    """Hide an item until ``until``. Says so, and how to undo it."""
    today = clock.today()
    if until <= today:
        raise FollowupError("Snooze until a day after today.")
    if item.source == "interview":
        raise FollowupError("A scheduled interview cannot be snoozed; reschedule it in the Interviews section.")
    now = clock.now()
    with store.write() as conn:
        if item.source == "checkin":
            record = _created("snooze", item, _insert(conn, _checkin_input(item), now, snoozed_until=until))
        else:
            record = _record(conn, "snooze", item)
            _closed_check(conn.execute(
                "UPDATE followup SET snoozed_until = :snoozed_until, version = version + 1, "
                "updated_at = :updated_at WHERE id = :id AND status = 'open'",
                {"snoozed_until": until.isoformat(), "updated_at": to_iso(now), "id": item.id},
            ))
    return Outcome(f"Snoozed until {day_words(until, clock.today())}.", record)


def snooze(store: Store, item: FollowupItem, until: date, clock: Clock) -> str:
    """Hide an item until ``until``. Returns one sentence."""
    return apply_snooze(store, item, until, clock).message


def apply_drop(store: Store, item: FollowupItem, clock: Clock) -> Outcome:
    """Take an item out of the queue for good (status cancelled). Says so, and how to undo it.

    A computed check-in is stored as a cancelled row: the person's check-in
    stays out of the queue until the next interaction restarts the cadence.
    """
    if item.source == "interview":
        raise FollowupError("A scheduled interview cannot be dropped here; cancel it in the Interviews section.")
    now = clock.now()
    with store.write() as conn:
        if item.source == "checkin":
            record = _created("drop", item, _insert(conn, _checkin_input(item), now, status="cancelled"))
        else:
            record = _record(conn, "drop", item)
            _closed_check(conn.execute(
                "UPDATE followup SET status = 'cancelled', version = version + 1, "
                "updated_at = :updated_at WHERE id = :id AND status = 'open'",
                {"updated_at": to_iso(now), "id": item.id},
            ))
    if item.source == "checkin":
        return Outcome(f"Dropped; no check-in with {item.contact_name} until you are next in touch.", record)
    return Outcome("Dropped from the queue.", record)


def drop(store: Store, item: FollowupItem, clock: Clock) -> str:
    """Take an item out of the queue for good. Returns one sentence."""
    return apply_drop(store, item, clock).message


UNDONE = {"done": "no longer done", "snooze": "no longer snoozed", "drop": "back in the queue"}


def undo(store: Store, record: UndoRecord, clock: Clock | None = None) -> str:
    """Put back what one done, snooze or drop changed, exactly. Returns one sentence.

    Refused when the row was changed again since (its version moved on).
    """
    changed_since = FollowupError(f"“{record.title}” was changed since, so it was left as it is.")
    with store.write() as conn:
        # Only the row as the action left it (its version then) goes back: the check is part of
        # the write, so a change another device makes meanwhile is never undone with it.
        at = {"id": record.followup_id, "version": record.version + 1}
        if record.created:
            gone = conn.execute("DELETE FROM followup WHERE id = :id AND version = :version", at).rowcount
        else:
            gone = conn.execute(
                # The fields go back; the version moves on (versions only ever grow,
                # so another device can tell this row changed).
                "UPDATE followup SET status = :status, due_date = :due_date, "
                "snoozed_until = :snoozed_until, done_at = :done_at, "
                "version = version + 1, updated_at = :updated_at WHERE id = :id AND version = :version",
                {"status": record.status, "due_date": record.due_date,
                 "snoozed_until": record.snoozed_until, "done_at": record.done_at,
                 "updated_at": to_iso(clock.now()) if clock is not None else record.updated_at, **at},
            ).rowcount
        if gone != 1:
            raise changed_since
        if record.interaction_id is not None and record.contact_id is not None:
            removed = conn.execute("DELETE FROM interaction WHERE id = :id", {"id": record.interaction_id}).rowcount
            if removed:
                # Back to what it was, unless something newer was logged since.
                conn.execute(
                    "UPDATE contact SET last_interaction_at = (SELECT max(v) FROM ("
                    "SELECT CAST(:last_interaction_at AS TEXT) AS v UNION ALL SELECT max(occurred_at) FROM interaction "
                    "WHERE contact_id = :contact_id AND kind != 'connected') AS latest) WHERE id = :id",
                    {"last_interaction_at": record.last_interaction_at, "contact_id": record.contact_id,
                     "id": record.contact_id},
                )
                refresh_search_text(conn, record.contact_id)
    return f"Undone: “{record.title}” is {UNDONE[record.action]}."


def update_followup(store: Store, item: FollowupItem, title: str, due: date, draft: str, clock: Clock,
                    expected_version: int | None = None) -> str:
    """Change an item's title, due date and draft. Returns one sentence.

    A stored follow-up is written only while it is open and at the version it was read at
    (``expected_version``, else the item's own): the check is part of the UPDATE (see
    ``versions``), so of two devices saving at once one is refused with ``FollowupConflict``;
    one done or dropped meanwhile is ``FollowupGone``.
    """
    if not title.strip():
        raise FollowupError("Give the follow-up a title.")
    if item.source == "interview":
        raise FollowupError("A scheduled interview is changed in the Interviews section.")
    now = clock.now()
    with store.write() as conn:
        if item.source == "checkin":
            data = _checkin_input(item)
            data.title, data.due, data.draft = title, due, draft
            _insert(conn, data, now)
        else:
            # A new due date replaces any snooze.
            versions.write(conn, FOLLOWUP, item.id,
                           "title = :title, due_date = :due_date, snoozed_until = NULL, draft = :draft, "
                           "updated_at = :updated_at",
                           {"title": title.strip(), "due_date": due.isoformat(), "draft": draft,
                            "updated_at": to_iso(now)},
                           item.version if expected_version is None else expected_version)
    return "Saved."


def followup_for_edit(store: Store, followup_id: int, clock: Clock) -> FollowupItem | None:
    """A stored follow-up as the queue shows it, open or snoozed (None: it is done, dropped or gone)."""
    with store.fast() as conn:
        found = _stored(conn, clock.today(), {}, {}, set(), " AND f.id = :id", {"id": followup_id})
    return found[0] if found else None


# -- drafts -------------------------------------------------------------------

def get_draft(store: Store, item: FollowupItem, clock: Clock) -> Draft:
    """The item's own draft, or one netnet writes from the person and the conversation."""
    if item.draft.strip():
        return Draft(item.title, item.draft, generated=False, contact_name=item.contact_name)
    if item.kind not in DRAFT_KINDS:
        raise FollowupError("This follow-up has no message to send.")
    today = clock.today()
    with store.read() as conn:
        given, organisation = "", ""
        if item.contact_id is not None:
            found = conn.execute("SELECT given_name, display_name, organisation FROM contact WHERE id = :id",
                                 {"id": item.contact_id}).fetchone()
            if found:
                given = found.given_name or found.display_name.split()[0]
                organisation = found.organisation
        interview_day, learned, introduced, about, asked_on, goal_title = None, "", "", "", None, ""
        if item.interview_id is not None:
            found = conn.execute("SELECT coalesce(ended_at, started_at, scheduled_at) AS held_at, learned "
                                 "FROM interview WHERE id = :id", {"id": item.interview_id}).fetchone()
            if found:
                interview_day, learned = _local_date(found.held_at), found.learned
        if item.referral_ask_id is not None:
            found = conn.execute(
                "SELECT a.asked_at, t.person_name, t.job_title, t.organisation, t.field, ic.display_name "
                "FROM referral_ask a JOIN target t ON t.id = a.target_id "
                "LEFT JOIN contact ic ON ic.id = a.introduced_contact_id WHERE a.id = :id",
                {"id": item.referral_ask_id}).fetchone()
            if found:
                asked_on = _local_date(found.asked_at)
                about = target_text(found.person_name, found.job_title, found.organisation, found.field)
                introduced = found.display_name or ""
        elif item.target_id is not None:
            found = conn.execute("SELECT person_name, job_title, organisation, field FROM target WHERE id = :id",
                                 {"id": item.target_id}).fetchone()
            if found:
                about = target_text(found.person_name, found.job_title, found.organisation, found.field)
        if item.kind == "checkin":
            found = conn.execute(
                "SELECT title FROM goal WHERE status = 'active' ORDER BY (id = :id) DESC, updated_at DESC LIMIT 1",
                {"id": item.goal_id or 0}).fetchone()
            goal_title = found.title if found else ""
        new_title, new_organisation = "", ""
        if item.reason == "congratulate" and item.id is not None:  # the job change that queued it
            found = conn.execute("SELECT to_org, to_title FROM job_change WHERE followup_id = :id "
                                 "ORDER BY id DESC LIMIT 1", {"id": item.id}).fetchone()
            if found:
                new_title, new_organisation = found.to_title, found.to_org
    text = draft_for(DraftContext(
        reason=item.reason, new_title=new_title, new_organisation=new_organisation,
        kind=item.kind, contact_name=item.contact_name, given_name=given, organisation=organisation,
        interview_day=interview_day, learned=learned,
        introduced_name=introduced if item.kind == "thank_you" and item.interview_id is None else "",
        target_text=about, asked_on=asked_on, goal_title=goal_title, today=today,
    ))
    return Draft(item.title, text, generated=True, contact_name=item.contact_name)


def save_draft(store: Store, path: Path, text: str) -> Path:
    """Save a drafted message to a file of the person's choosing (0600, atomically, never onto netnet's own files)."""
    from netnet.data.files import save_text
    from netnet.data.store import StoreError

    try:
        return save_text(store, Path(path), text)
    except StoreError as exc:
        raise FollowupError(str(exc)) from exc


def find_contact_by_name(store: Store, name: str) -> int | None:
    """The live contact called exactly ``name`` (accents and case aside); None for an empty name."""
    from netnet.core.text import fold

    wanted = " ".join(fold(name).split())
    if not wanted:
        return None
    with store.read() as conn:
        rows = conn.execute("SELECT id, display_name FROM contact WHERE deleted_at IS NULL "
                            "AND merged_into_id IS NULL").fetchall()
    found = [r.id for r in rows if " ".join(fold(r.display_name).split()) == wanted]
    if not found:
        raise FollowupError(f"No contact is called “{name.strip()}”; leave the name empty or pick a suggestion.")
    if len(found) > 1:
        raise FollowupError(f"{len(found)} contacts are called “{name.strip()}”; add the follow-up without a name.")
    return found[0]


def contact_names(store: Store) -> list[str]:
    """Every live contact's name, for suggestions as the user types."""
    with store.read() as conn:
        return [r.display_name for r in conn.execute("SELECT display_name FROM contact WHERE deleted_at IS NULL "
                                           "AND merged_into_id IS NULL ORDER BY sort_key")]
