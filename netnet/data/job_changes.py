"""Job changes: written by an import, read by the contact page, the referral finder, the goal
page and ``netnet changes``.

An import that finds a known person at another organisation or with another
title (``core.job_changes.is_job_change``) records one ``job_change`` row for
them, from and to, with the moment and the file. For the people a change
matters most for — anyone in a circle, a connector, or tied to a target of an
active goal or to a referral ask — it also queues a congratulation: a check-in
(so marking it done restarts their keep-in-touch clock like any check-in)
titled "Congratulate …", due two days later, with a message naming the new
role. Everyone else's change is recorded and listed, not queued.

Undoing the import removes its changes and the congratulations nobody touched.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from netnet.core.clock import from_iso, to_iso
from netnet.core.followup_drafts import congratulation
from netnet.core.job_changes import (
    CONGRATULATE_IN_DAYS,
    MOVED_RECENTLY_DAYS,
    JobChange,
    changed_organisation,
    congratulation_title,
)
from netnet.data.sqlrows import in_list
from netnet.data.store import Store, Tx

CHUNK = 500  # ids per IN (...) list

# Who is congratulated on a new job, besides people in a circle and connectors: anyone a query
# here names, tied to what you are working on (a target, an ask, the source of an opportunity
# still open).
TIES = (
    "SELECT t.contact_id AS id FROM target t JOIN goal g ON g.id = t.goal_id "
    "WHERE t.contact_id IS NOT NULL AND g.status = 'active' AND t.stage != 'dropped'",
    "SELECT contact_id AS id FROM referral_ask",
    "SELECT introduced_contact_id AS id FROM referral_ask WHERE introduced_contact_id IS NOT NULL",
    "SELECT source_contact_id AS id FROM opportunity WHERE source_contact_id IS NOT NULL "
    "AND deleted_at IS NULL AND stage != 'closed'",
)

COLUMNS = ("contact_id", "import_batch_id", "seen_at", "filename", "from_org", "from_title", "to_org",
           "to_title", "followup_id")


@dataclass(frozen=True)
class Noticed:
    """A change an import found, before it is written."""

    contact_id: int
    from_org: str
    from_title: str
    to_org: str
    to_title: str


@dataclass
class Congratulating:
    """Who a job change queues a congratulation for, read once (an import asks for thousands)."""

    tied: set[int]  # tied to a target of an active goal, or to a referral ask (:data:`TIES`)
    waiting: set[int]  # a congratulation already waits for them: one is enough

    @classmethod
    def read(cls, conn: Tx) -> Congratulating:
        tied = {row.id for query in TIES for row in conn.execute(query)}
        waiting = {row.contact_id for row in conn.execute(
            "SELECT contact_id FROM followup WHERE status = 'open' AND reason = 'congratulate' "
            "AND contact_id IS NOT NULL")}
        return cls(tied, waiting)

    def wants(self, contact_id: int, circle: str | None, connector_role: str | None, live: bool) -> bool:
        """People in a circle, connectors and anyone tied to your goals, alive (not in the trash
        or merged into another) and with no congratulation waiting already."""
        return live and contact_id not in self.waiting and (
            circle is not None or connector_role is not None or contact_id in self.tied)


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ids = sorted(set(ids))
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def to_congratulate(conn: Tx, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """Of the contacts ``ids``, those a job change queues a congratulation for: (name, given name)."""
    rule = Congratulating.read(conn)
    found: dict[int, tuple[str, str]] = {}
    for chunk in _chunks(ids):
        marks, args = in_list("id", chunk)
        for row in conn.execute(
            f"SELECT id, display_name, given_name, circle, connector_role, deleted_at, merged_into_id "
            f"FROM contact WHERE id IN ({marks})", args,
        ):
            if rule.wants(row.id, row.circle, row.connector_role,
                          row.deleted_at is None and row.merged_into_id is None):
                found[row.id] = (row.display_name, given_name(row.display_name, row.given_name))
    return found


def given_name(display_name: str, given: str | None) -> str:
    """What a message calls them: their given name, else the first word of their name."""
    return given or (display_name.split() or [display_name])[0]


def record_changes(conn: Tx, noticed: list[Noticed], *, batch_id: int | None, filename: str, now: datetime,
                   today: date, people: dict[int, tuple[str, str]] | None = None) -> int:
    """Write the changes one import noticed (at most one per person) and queue the congratulations:
    for ``people`` ((name, given name) by contact, as the import decided), else for those
    :func:`to_congratulate` finds."""
    if not noticed:
        return 0
    queue = dict(people) if people is not None else to_congratulate(conn, (n.contact_id for n in noticed))
    stamp = to_iso(now)
    due = (today + timedelta(days=CONGRATULATE_IN_DAYS)).isoformat()
    rows = []
    for change in noticed:
        followup_id = None
        who = queue.pop(change.contact_id, None)
        if who is not None:
            name, given = who
            followup_id = conn.execute(
                "INSERT INTO followup (uuid, kind, reason, title, draft, due_date, status, contact_id, "
                "created_at, updated_at) VALUES (:uuid, 'checkin', 'congratulate', :title, :draft, :due_date, "
                "'open', :contact_id, :created_at, :updated_at) RETURNING id",
                {"uuid": str(uuidlib.uuid4()),
                 "title": congratulation_title(name, change.from_org, change.to_org, change.to_title),
                 "draft": congratulation(given, change.to_title, change.to_org), "due_date": due,
                 "contact_id": change.contact_id, "created_at": stamp, "updated_at": stamp},
            ).fetchone().id
        rows.append({"contact_id": change.contact_id, "import_batch_id": batch_id, "seen_at": stamp,
                     "filename": filename, "from_org": change.from_org, "from_title": change.from_title,
                     "to_org": change.to_org, "to_title": change.to_title, "followup_id": followup_id})
    conn.dialect.insert_rows(conn, "job_change", COLUMNS, rows)
    return len(rows)


def forget_import(conn: Tx, batch_id: int, contact_id: int) -> None:
    """An import is undone for this person: its change goes, and the congratulation it queued
    too unless it was touched since (done, snoozed, dropped or edited)."""
    args = {"batch_id": batch_id, "contact_id": contact_id}
    conn.execute(
        "DELETE FROM followup WHERE status = 'open' AND version = 1 AND id IN (SELECT followup_id FROM "
        "job_change WHERE import_batch_id = :batch_id AND contact_id = :contact_id)", args)
    conn.execute("DELETE FROM job_change WHERE import_batch_id = :batch_id AND contact_id = :contact_id", args)


# -- reads ------------------------------------------------------------------------------------

_SELECT = (
    "SELECT j.id, j.contact_id, c.display_name, j.seen_at, j.filename, j.from_org, j.from_title, j.to_org, "
    "j.to_title, j.followup_id, f.status AS followup_status FROM job_change j "
    "JOIN contact c ON c.id = j.contact_id LEFT JOIN followup f ON f.id = j.followup_id"
)


def _change(row) -> JobChange:
    return JobChange(row.id, row.contact_id, row.display_name, from_iso(row.seen_at), row.filename,
                     row.from_org, row.from_title, row.to_org, row.to_title, row.followup_id,
                     row.followup_status == "open")


def for_contact(conn: Tx, contact_id: int) -> list[JobChange]:
    """One person's employment history as netnet saw it change, newest first."""
    return [_change(row) for row in conn.execute(
        _SELECT + " WHERE j.contact_id = :contact_id ORDER BY j.seen_at DESC, j.id DESC",
        {"contact_id": contact_id})]


def list_changes(store: Store, since: date | None = None) -> list[JobChange]:
    """Every job change seen (since the start of ``since``, a local day), newest first; people in
    the trash or merged into another are left out."""
    where = " WHERE c.deleted_at IS NULL AND c.merged_into_id IS NULL"
    args: dict = {}
    if since is not None:
        start = datetime.combine(since, datetime.min.time()).astimezone()  # local midnight
        where += " AND j.seen_at >= :since"
        args["since"] = to_iso(start)
    with store.read() as conn:
        return [_change(row) for row in conn.execute(_SELECT + where + " ORDER BY j.seen_at DESC, j.id DESC",
                                                       args)]


def recent_moves(conn: Tx, ids: Iterable[int], now: datetime) -> dict[int, JobChange]:
    """Of the contacts ``ids``, those who moved to another organisation lately (within
    ``MOVED_RECENTLY_DAYS``): their latest such move."""
    since = to_iso(now - timedelta(days=MOVED_RECENTLY_DAYS))
    found: dict[int, JobChange] = {}
    for chunk in _chunks(ids):
        marks, args = in_list("id", chunk)
        for row in conn.execute(_SELECT + f" WHERE j.contact_id IN ({marks}) AND j.seen_at >= :since "
                                "ORDER BY j.seen_at, j.id", {**args, "since": since}):
            if changed_organisation(row.from_org, row.to_org):
                found[row.contact_id] = _change(row)  # the latest wins
    return found


def moves_since(conn: Tx, now: datetime) -> list[JobChange]:
    """Every move to another organisation lately, of people still in the network, newest first."""
    since = to_iso(now - timedelta(days=MOVED_RECENTLY_DAYS))
    return [change for change in map(_change, conn.execute(
        _SELECT + " WHERE j.seen_at >= :since AND c.deleted_at IS NULL AND c.merged_into_id IS NULL "
        "ORDER BY j.seen_at DESC, j.id DESC", {"since": since})) if change.moved]
