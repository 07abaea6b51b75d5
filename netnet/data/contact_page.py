"""Everything the contact page shows, read in one go as plain objects.

The contact's details and timeline, the referral chain both ways (who
introduced them, back to you; whom they introduced, and whom those people
introduced), their targets and interviews, the follow-ups that concern
them, and their employment history as imports saw it change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from netnet.core.clock import from_iso
from netnet.core.job_changes import JobChange
from netnet.data.contacts import ContactDetail, Interaction, _detail
from netnet.data.job_changes import for_contact
from netnet.data.store import Store, Tx

MAX_CHAIN = 50  # a guard against a loop someone made by hand


@dataclass
class Link:
    id: int
    name: str
    depth: int = 1  # in the "introduced" tree: 1 = introduced by this contact directly
    deleted: bool = False


@dataclass
class PageTarget:
    id: int
    goal_id: int
    goal_title: str
    kind: str
    label: str
    want: str
    stage: str


@dataclass
class PageInterview:
    id: int
    purpose: str
    format: str
    status: str
    scheduled_at: datetime | None
    started_at: datetime | None
    goal_title: str


@dataclass
class PageFollowup:
    id: int
    kind: str
    title: str
    due_date: date
    status: str
    snoozed_until: date | None


@dataclass
class PageAsk:
    id: int
    target_label: str
    asked_at: datetime | None
    answer: str
    introduced_name: str


@dataclass
class ContactPage:
    detail: ContactDetail
    chain: list[Link] = field(default_factory=list)  # you → … → their introducer (oldest first)
    introduced: list[Link] = field(default_factory=list)
    timeline: list[Interaction] = field(default_factory=list)
    targets: list[PageTarget] = field(default_factory=list)
    interviews: list[PageInterview] = field(default_factory=list)
    followups: list[PageFollowup] = field(default_factory=list)
    asks: list[PageAsk] = field(default_factory=list)
    merged_into: Link | None = None
    jobs: list[JobChange] = field(default_factory=list)  # job changes seen, newest first


def target_label(kind: str, person: str, title: str, organisation: str) -> str:
    if kind == "person" and person:
        return person + (f" ({organisation})" if organisation else "")
    if kind == "title" and title:
        return title + (f" at {organisation}" if organisation else "")
    return organisation or title or person or "someone"


def _chain(conn: Tx, introduced_by: int | None, self_id: int) -> list[Link]:
    chain: list[Link] = []
    seen = {self_id}
    current = introduced_by
    while current is not None and current not in seen and len(chain) < MAX_CHAIN:
        seen.add(current)
        row = conn.execute(
            "SELECT id, display_name, introduced_by_id, deleted_at FROM contact WHERE id = :id", {"id": current}
        ).fetchone()
        if row is None:
            break
        chain.append(Link(row.id, row.display_name, deleted=row.deleted_at is not None))
        current = row.introduced_by_id
    chain.reverse()
    return chain


def _introduced(conn: Tx, contact_id: int) -> list[Link]:
    rows = conn.execute(
        """
        WITH RECURSIVE tree(id, depth, path) AS (
            SELECT id, 1, ',' || :contact_id || ',' || id || ',' FROM contact WHERE introduced_by_id = :introduced_by_id
            UNION ALL
            SELECT c.id, t.depth + 1, t.path || c.id || ','
            FROM contact c JOIN tree t ON c.introduced_by_id = t.id
            WHERE t.depth < :depth AND t.path NOT LIKE '%,' || c.id || ',%'
        )
        SELECT c.id, c.display_name, t.depth, c.deleted_at, t.path
        FROM tree t JOIN contact c ON c.id = t.id
        WHERE c.merged_into_id IS NULL
        ORDER BY t.path
        """,
        {"contact_id": contact_id, "introduced_by_id": contact_id, "depth": MAX_CHAIN},
    ).fetchall()
    return [Link(r.id, r.display_name, r.depth, r.deleted_at is not None) for r in rows]


def load_page(store: Store, contact_id: int) -> ContactPage | None:
    """The whole contact page, or None when the contact no longer exists (read on the hot-path
    connection: `netnet show` prints it without loading SQLAlchemy)."""
    with store.fast() as conn:
        detail = _detail(conn, contact_id)
        if detail is None:
            return None
        page = ContactPage(detail)
        page.chain = _chain(conn, detail.introduced_by_id, contact_id)
        page.introduced = _introduced(conn, contact_id)
        merged = conn.execute(
            "SELECT m.id, m.display_name FROM contact c JOIN contact m ON m.id = c.merged_into_id WHERE c.id = :id",
            {"id": contact_id},
        ).fetchone()
        if merged:
            page.merged_into = Link(merged.id, merged.display_name)
        page.timeline = [
            Interaction(r.id, r.kind, from_iso(r.occurred_at), r.notes, r.interview_id)
            for r in conn.execute(
                "SELECT id, kind, occurred_at, notes, interview_id FROM interaction "
                "WHERE contact_id = :contact_id ORDER BY occurred_at DESC, id DESC",
                {"contact_id": contact_id},
            )
        ]
        page.jobs = for_contact(conn, contact_id)
        page.targets = [
            PageTarget(r.target_id, r.goal_id, r.title, r.kind,
                       target_label(r.kind, r.person_name, r.job_title, r.organisation), r.want, r.stage)
            for r in conn.execute(
                "SELECT t.id AS target_id, g.id AS goal_id, g.title, t.kind, t.person_name, t.job_title, "
                "t.organisation, t.want, t.stage "
                "FROM target t JOIN goal g ON g.id = t.goal_id WHERE t.contact_id = :contact_id "
                "ORDER BY g.status = 'active' DESC, g.id, t.position, t.id",
                {"contact_id": contact_id},
            )
        ]
        page.interviews = [
            PageInterview(r.id, r.purpose, r.format, r.status, from_iso(r.scheduled_at),
                          from_iso(r.started_at), r.title or "")
            for r in conn.execute(
                "SELECT i.id, i.purpose, i.format, i.status, i.scheduled_at, i.started_at, g.title "
                "FROM interview i LEFT JOIN goal g ON g.id = i.goal_id WHERE i.contact_id = :contact_id "
                "ORDER BY coalesce(i.started_at, i.scheduled_at, i.created_at) DESC, i.id DESC",
                {"contact_id": contact_id},
            )
        ]
        page.followups = [
            PageFollowup(r.id, r.kind, r.title, date.fromisoformat(r.due_date), r.status,
                         date.fromisoformat(r.snoozed_until[:10]) if r.snoozed_until else None)
            for r in conn.execute(
                "SELECT id, kind, title, due_date, status, snoozed_until FROM followup WHERE contact_id = :contact_id "
                "ORDER BY status != 'open', due_date, id",
                {"contact_id": contact_id},
            )
        ]
        page.asks = [
            PageAsk(r.id, target_label(r.kind, r.person_name, r.job_title, r.organisation),
                    from_iso(r.asked_at), r.answer, r.display_name or "")
            for r in conn.execute(
                "SELECT a.id, t.kind, t.person_name, t.job_title, t.organisation, a.asked_at, a.answer, "
                "ic.display_name FROM referral_ask a JOIN target t ON t.id = a.target_id "
                "LEFT JOIN contact ic ON ic.id = a.introduced_contact_id WHERE a.contact_id = :contact_id "
                "ORDER BY a.asked_at DESC",
                {"contact_id": contact_id},
            )
        ]
    return page
