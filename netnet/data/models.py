"""SQLModel classes for every table, for typed reads and writes in services.

The migrations in ``schema.py`` create the tables; these classes mirror them
(a test proves each column agrees). Timestamps are aware UTC datetimes stored
as ISO 8601 text; naive datetimes are refused.
"""

from __future__ import annotations

import uuid as uuidlib
from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Integer, String, types
from sqlmodel import Field, SQLModel

from netnet.core.clock import from_iso, to_iso


class UTCDateTime(types.TypeDecorator):
    """Aware datetimes stored as UTC ISO text."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, str):
            return value
        return to_iso(value)

    def process_result_value(self, value, dialect):
        return from_iso(value)


class ISODate(types.TypeDecorator):
    impl = String
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return value if isinstance(value, str) else value.isoformat()

    def process_result_value(self, value, dialect):
        return date.fromisoformat(value) if value else None


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def _ts(nullable: bool = False):
    return Field(default=None, sa_type=UTCDateTime, nullable=nullable)


def _fk(target: str, ondelete: str, nullable: bool = True):
    return Field(default=None, sa_column=Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable))


class Setting(SQLModel, table=True):
    __tablename__ = "setting"
    key: str = Field(primary_key=True)
    value: str


class ImportBatch(SQLModel, table=True):
    __tablename__ = "import_batch"
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, unique=True)
    source: str
    filename: str = ""
    created_at: datetime = _ts()
    counts: str = "{}"
    undone_at: datetime | None = _ts(True)


class Contact(SQLModel, table=True):
    __tablename__ = "contact"
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, unique=True)
    version: int = 1
    display_name: str
    given_name: str = ""
    family_name: str = ""
    nickname: str = ""
    sort_key: str = ""
    circle: str | None = None
    connector_role: str | None = None
    organisation: str = ""
    title: str = ""
    field: str = ""
    birthday: str | None = None
    notes: str = ""
    introduced_by_id: int | None = _fk("contact.id", "SET NULL")
    ideal_days: int | None = None
    max_days: int | None = None
    last_interaction_at: datetime | None = _ts(True)
    search_text: str = ""
    vcard_extra: str = "[]"
    import_batch_id: int | None = _fk("import_batch.id", "SET NULL")
    merged_into_id: int | None = _fk("contact.id", "SET NULL")
    deleted_at: datetime | None = _ts(True)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class ContactMethod(SQLModel, table=True):
    __tablename__ = "contact_method"
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = _fk("contact.id", "CASCADE", nullable=False)
    kind: str
    label: str = ""
    value: str
    norm: str
    position: int = 0


class ContactTag(SQLModel, table=True):
    __tablename__ = "contact_tag"
    contact_id: int = Field(sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True))
    tag: str = Field(primary_key=True)


class Goal(SQLModel, table=True):
    __tablename__ = "goal"
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, unique=True)
    version: int = 1
    kind: str
    title: str
    description: str = ""
    status: str = "active"
    target_date: date | None = Field(default=None, sa_type=ISODate)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class Target(SQLModel, table=True):
    __tablename__ = "target"
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, unique=True)
    version: int = 1
    goal_id: int = _fk("goal.id", "CASCADE", nullable=False)
    kind: str
    person_name: str = ""
    job_title: str = ""
    organisation: str = ""
    field: str = ""
    want: str = "like"
    stage: str = "listed"
    contact_id: int | None = _fk("contact.id", "SET NULL")
    notes: str = ""
    position: int = 0
    allow_parallel_asks: bool = False
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class TargetStageEvent(SQLModel, table=True):
    __tablename__ = "target_stage_event"
    id: int | None = Field(default=None, primary_key=True)
    target_id: int = _fk("target.id", "CASCADE", nullable=False)
    stage: str
    at: datetime = _ts()
    note: str = ""


class ReferralAsk(SQLModel, table=True):
    __tablename__ = "referral_ask"
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, unique=True)
    version: int = 1
    target_id: int = _fk("target.id", "CASCADE", nullable=False)
    contact_id: int = _fk("contact.id", "CASCADE", nullable=False)
    asked_at: datetime = _ts()
    draft: str = ""
    answer: str = "pending"
    answered_at: datetime | None = _ts(True)
    introduced_contact_id: int | None = _fk("contact.id", "SET NULL")
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class Interview(SQLModel, table=True):
    __tablename__ = "interview"
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, unique=True)
    version: int = 1
    contact_id: int | None = _fk("contact.id", "SET NULL")
    goal_id: int | None = _fk("goal.id", "SET NULL")
    target_id: int | None = _fk("target.id", "SET NULL")
    purpose: str = "job_org"
    purpose_text: str = ""
    format: str = "phone"
    scheduled_at: datetime | None = _ts(True)
    length_seconds: int = 900
    started_at: datetime | None = _ts(True)
    ended_at: datetime | None = _ts(True)
    paused_seconds: float = 0.0
    paused_at: datetime | None = _ts(True)
    elapsed_seconds: float = 0.0
    status: str = "draft"
    wizard_step: int = 0
    notes: str = ""
    learned: str = ""
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class InterviewQuestion(SQLModel, table=True):
    __tablename__ = "interview_question"
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, unique=True)
    interview_id: int = _fk("interview.id", "CASCADE", nullable=False)
    position: int = 0
    family: str = ""
    text: str
    answered: bool = False
    notes: str = ""


class SavedQuestion(SQLModel, table=True):
    __tablename__ = "saved_question"
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, unique=True)
    text: str = Field(unique=True)
    family: str = ""
    purpose: str | None = None
    created_at: datetime = _ts()


class Interaction(SQLModel, table=True):
    __tablename__ = "interaction"
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, unique=True)
    version: int = 1
    contact_id: int = _fk("contact.id", "CASCADE", nullable=False)
    kind: str
    occurred_at: datetime = _ts()
    notes: str = ""
    interview_id: int | None = _fk("interview.id", "SET NULL")
    import_batch_id: int | None = _fk("import_batch.id", "SET NULL")
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class Followup(SQLModel, table=True):
    __tablename__ = "followup"
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, unique=True)
    version: int = 1
    kind: str
    title: str
    draft: str = ""
    due_date: date = Field(sa_type=ISODate)
    due_at: datetime | None = _ts(True)
    status: str = "open"
    snoozed_until: date | None = Field(default=None, sa_type=ISODate)
    done_at: datetime | None = _ts(True)
    contact_id: int | None = _fk("contact.id", "CASCADE")
    interview_id: int | None = _fk("interview.id", "SET NULL")
    goal_id: int | None = _fk("goal.id", "SET NULL")
    target_id: int | None = _fk("target.id", "SET NULL")
    referral_ask_id: int | None = _fk("referral_ask.id", "CASCADE")
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class PlanItem(SQLModel, table=True):
    __tablename__ = "plan_item"
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, unique=True)
    version: int = 1
    goal_id: int | None = _fk("goal.id", "SET NULL")
    kind: str = "skill"
    horizon: str = "short"
    text: str
    status: str = "idea"
    source_interview_id: int | None = _fk("interview.id", "SET NULL")
    source_contact_id: int | None = _fk("contact.id", "SET NULL")
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class ImportChange(SQLModel, table=True):
    __tablename__ = "import_change"
    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = _fk("import_batch.id", "CASCADE", nullable=False)
    contact_id: int
    action: str
    before: str | None = None


class MergeRecord(SQLModel, table=True):
    __tablename__ = "merge_record"
    id: int | None = Field(default=None, primary_key=True)
    kept_id: int = _fk("contact.id", "CASCADE", nullable=False)
    merged_id: int = _fk("contact.id", "CASCADE", nullable=False)
    snapshot: str
    at: datetime = _ts()
    undone_at: datetime | None = _ts(True)


class Draft(SQLModel, table=True):
    """Typing from a form that was open when netnet was closed, offered back at the next start."""

    __tablename__ = "draft"
    id: int | None = Field(default=None, primary_key=True)
    kind: str
    title: str = ""
    args: str = "{}"
    fields: str = "{}"
    created_at: datetime = _ts()
