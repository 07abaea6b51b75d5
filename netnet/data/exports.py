"""Reads for the exporters: whole contacts, calendar items and interview notes, as plain objects."""

from __future__ import annotations

import json
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date, datetime

from netnet.core.clock import Clock, from_iso
from netnet.core.fields import EDITABLE
from netnet.core.records import ContactFields
from netnet.data.contacts import Method
from netnet.data.sqlrows import in_list
from netnet.data.store import Store


@dataclass
class ExportContact(ContactFields):
    """A contact as the exporters write it: its own fields (``ContactFields``, spelled once), the
    introducer named by uuid and name rather than by row id, and what else an export carries."""

    uuid: str = dc_field(default="", kw_only=True)
    introduced_by_uuid: str | None = None
    introduced_by_name: str = ""
    last_interaction_at: datetime | None = None
    updated_at: datetime | None = None
    methods: list[Method] = dc_field(default_factory=list)
    tags: list[str] = dc_field(default_factory=list)
    vcard_extra: list[str] = dc_field(default_factory=list)


def full_contacts(store: Store) -> list[ExportContact]:
    """Every live contact with its handles, tags and kept vCard properties, in name order."""
    with store.read() as conn:
        own = ", ".join(f"c.{name}" for name in EDITABLE)
        rows = conn.execute(
            f"SELECT c.id, c.uuid, {own}, "
            "i.uuid AS introduced_by_uuid, i.display_name AS introduced_by_name, c.last_interaction_at, "
            "c.updated_at, c.vcard_extra FROM contact c "
            "LEFT JOIN contact i ON i.id = c.introduced_by_id "
            "WHERE c.deleted_at IS NULL AND c.merged_into_id IS NULL ORDER BY c.sort_key, c.id"
        ).fetchall()
        methods: dict[int, list[Method]] = {}
        for m in conn.execute(
            "SELECT contact_id, kind, label, value FROM contact_method ORDER BY contact_id, kind, position"
        ):
            methods.setdefault(m.contact_id, []).append(Method(m.kind, m.value, m.label))
        tags: dict[int, list[str]] = {}
        for t in conn.execute("SELECT contact_id, tag FROM contact_tag ORDER BY contact_id, tag"):
            tags.setdefault(t.contact_id, []).append(t.tag)
    result = []
    for r in rows:
        try:
            extra = json.loads(r.vcard_extra or "[]")
        except ValueError:
            extra = []
        values = r._mapping
        result.append(ExportContact(
            **{name: values[name] for name in EDITABLE}, uuid=r.uuid,
            introduced_by_uuid=r.introduced_by_uuid, introduced_by_name=r.introduced_by_name or "",
            last_interaction_at=from_iso(r.last_interaction_at), updated_at=from_iso(r.updated_at),
            methods=methods.get(r.id, []), tags=tags.get(r.id, []),
            vcard_extra=[x for x in extra if isinstance(x, str)] if isinstance(extra, list) else [],
        ))
    return result


@dataclass
class FollowupItem:
    uuid: str
    kind: str
    title: str
    draft: str
    due: date
    due_at: datetime | None
    status: str
    contact_name: str
    created_at: datetime | None
    updated_at: datetime | None


@dataclass
class InterviewEvent:
    uuid: str
    contact_name: str
    purpose: str
    purpose_text: str
    format: str
    scheduled_at: datetime
    length_seconds: int
    status: str
    updated_at: datetime | None


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def calendar_items(store: Store, clock: Clock, settings=None) -> tuple[list[FollowupItem], list[InterviewEvent]]:
    """The follow-up queue as to-dos, and scheduled interviews as events.

    The to-dos are exactly what the queue shows (netnet.data.followups.list_queue):
    stored follow-ups (due when their snooze ends) and the check-ins the
    keep-in-touch cadence makes due in the coming weeks. A check-in's UID is
    stable per person, so a calendar moves it rather than piling them up.
    Scheduled interviews appear once, as events.
    """
    from netnet.data.followups import list_queue

    queue = [item for item in list_queue(store, clock, settings) if item.source != "interview"]
    with store.read() as conn:
        stored = {r.id: (r.uuid, r.created_at, r.updated_at) for r in conn.execute(
            "SELECT id, uuid, created_at, updated_at FROM followup WHERE status = 'open'")}
        people = [item.contact_id for item in queue if item.source == "checkin" and item.contact_id]
        uuids: dict[int, str] = {}
        for start in range(0, len(people), 900):
            chunk = people[start:start + 900]
            marks, params = in_list("id", chunk)
            uuids.update((r.id, r.uuid) for r in conn.execute(
                f"SELECT id, uuid FROM contact WHERE id IN ({marks})", params))
        followups = []
        for item in queue:
            if item.source == "followup" and item.id in stored:
                uuid, created, updated = stored[item.id]
                created, updated = from_iso(created), from_iso(updated)
            elif item.source == "checkin" and item.contact_id in uuids:
                uuid, created, updated = f"checkin-{uuids[item.contact_id]}", None, None
            else:
                continue
            followups.append(FollowupItem(uuid, item.kind, item.title, item.draft, item.due, item.due_at,
                                          "open", item.contact_name, created, updated))
        interviews = [
            InterviewEvent(r.uuid, r.contact_name, r.purpose, r.purpose_text, r.format,
                           from_iso(r.scheduled_at), r.length_seconds, r.status, from_iso(r.updated_at))
            for r in conn.execute(
                "SELECT i.uuid, coalesce(c.display_name, '') AS contact_name, i.purpose, i.purpose_text, i.format, "
                "i.scheduled_at, i.length_seconds, i.status, i.updated_at FROM interview i "
                "LEFT JOIN contact c ON c.id = i.contact_id "
                "WHERE i.scheduled_at IS NOT NULL AND i.status IN ('scheduled', 'live') "
                "ORDER BY i.scheduled_at, i.id"
            )
        ]
    return followups, interviews


@dataclass
class QuestionNote:
    family: str
    text: str
    answered: bool
    notes: str


@dataclass
class InterviewNotes:
    uuid: str
    contact_name: str
    organisation: str
    purpose: str
    purpose_text: str
    format: str
    status: str
    when: datetime | None
    length_seconds: int
    elapsed_seconds: float
    notes: str
    learned: str
    goal_title: str
    questions: list[QuestionNote] = dc_field(default_factory=list)
    plan: list[tuple[str, str, str]] = dc_field(default_factory=list)  # kind, horizon, text


def interview_notes(store: Store) -> list[InterviewNotes]:
    """Every interview that took place or holds notes, oldest first, with its questions and lessons."""
    with store.read() as conn:
        rows = conn.execute(
            "SELECT i.id, i.uuid, coalesce(c.display_name, '') AS contact_name, "
            "coalesce(c.organisation, '') AS organisation, i.purpose, i.purpose_text, i.format, i.status, "
            "coalesce(i.started_at, i.scheduled_at, i.created_at) AS held_at, "
            "i.length_seconds, i.elapsed_seconds, i.notes, i.learned, coalesce(g.title, '') AS goal_title "
            "FROM interview i LEFT JOIN contact c ON c.id = i.contact_id LEFT JOIN goal g ON g.id = i.goal_id "
            "WHERE i.status IN ('live', 'done') OR i.notes != '' OR i.learned != '' "
            "ORDER BY coalesce(i.started_at, i.scheduled_at, i.created_at), i.id"
        ).fetchall()
        result = []
        for r in rows:
            item = InterviewNotes(r.uuid, r.contact_name, r.organisation, r.purpose, r.purpose_text, r.format,
                                  r.status, from_iso(r.held_at), r.length_seconds, r.elapsed_seconds,
                                  r.notes, r.learned, r.goal_title)
            item.questions = [
                QuestionNote(q.family, q.text, bool(q.answered), q.notes) for q in conn.execute(
                    "SELECT family, text, answered, notes FROM interview_question WHERE interview_id = :interview_id "
                    "ORDER BY position, id", {"interview_id": r.id})
            ]
            item.plan = [(p.kind, p.horizon, p.text) for p in conn.execute(
                "SELECT kind, horizon, text FROM plan_item WHERE source_interview_id "
                "= :source_interview_id ORDER BY id", {"source_interview_id": r.id})]
            result.append(item)
    return result


# -- per goal: its opportunities (the Markdown export's goal sections) ---------------------------

@dataclass
class OpportunityNote:
    title: str
    kind_words: str
    organisation: str
    stage_words: str
    source_words: str
    next_step: str
    next_due: date | None
    link: str
    notes: str
    history: list[tuple[datetime, str]] = dc_field(default_factory=list)  # (when, the stage in words)


def _opportunity_note(view) -> OpportunityNote:
    return OpportunityNote(view.title, view.kind_words, view.organisation, view.stage_words, view.source_words,
                           view.next_step, view.next_due, view.link, view.notes,
                           [(move.at, move.words) for move in view.history])


def goal_notes(store: Store, clock: Clock) -> list:
    """Every goal (archived ones last) with what its interviews taught and its opportunities, most
    pressing first (``data.lessons.GoalSection``); opportunities that serve no goal come last under
    a heading of their own."""
    from netnet.data.lessons import GoalSection, goal_sections
    from netnet.data.opportunities import list_opportunities

    by_goal: dict[int | None, list[OpportunityNote]] = {}
    for view in list_opportunities(store, clock):
        by_goal.setdefault(view.goal_id, []).append(_opportunity_note(view))
    sections = goal_sections(store)
    for section in sections:
        section.opportunities = by_goal.get(section.goal_id, [])
    if by_goal.get(None):
        sections.append(GoalSection("Opportunities without a goal", "", "", "", None, None, by_goal[None]))
    return sections
