"""The one definition of every table: columns, defaults, constraints and indexes.

A new database, of any engine, is created from this metadata (``schema.py``
stamps it with the current version); older databases reach the same shape
through the versioned migrations, and a test proves both are identical.
Timestamps are aware UTC datetimes stored as ISO 8601 text; naive datetimes
are refused. Table names and the contact's ``display_name`` stay as they are:
scripts read them.
"""

from __future__ import annotations

import uuid as uuidlib
from datetime import date, datetime
from enum import Enum

from sqlalchemy import (
    REAL,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    Text,
    literal_column,
    types,
)
from sqlalchemy import text as sql
from sqlalchemy.dialects.postgresql import DOUBLE_PRECISION
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Field, SQLModel

from netnet.core import enums
from netnet.core.clock import from_iso, to_iso

# Text compares byte by byte on every engine: SQLite's TEXT does, and on PostgreSQL the
# "C" collation does (a server's default, such as en_US, would sort names differently).
TEXT = Text().with_variant(Text(collation="C"), "postgresql")
# A float of double precision on every engine (PostgreSQL's REAL is single precision).
DOUBLE = REAL().with_variant(DOUBLE_PRECISION(), "postgresql")


class folded(FunctionElement):
    """A column compared without regard to case, for an index: SQLite's ``COLLATE NOCASE``,
    elsewhere ``lower(column)``."""

    inherit_cache = True
    name = "folded"


@compiles(folded)
def _folded_elsewhere(element, compiler, **kw) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(folded, "sqlite")
def _folded_sqlite(element, compiler, **kw) -> str:
    return f'{compiler.process(element.clauses, **kw)} COLLATE "NOCASE"'



class UTCDateTime(types.TypeDecorator):
    """Aware datetimes stored as UTC ISO text."""

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect):
        return dialect.type_descriptor(TEXT)

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, str):
            return value
        return to_iso(value)

    def process_result_value(self, value, dialect):
        return from_iso(value)


class ISODate(types.TypeDecorator):
    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect):
        return dialect.type_descriptor(TEXT)

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return value if isinstance(value, str) else value.isoformat()

    def process_result_value(self, value, dialect):
        return date.fromisoformat(value) if value else None


class Flag(types.TypeDecorator):
    """A yes/no stored as 0 or 1 (with a CHECK), read back as bool."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else int(bool(value))

    def process_result_value(self, value, dialect):
        return None if value is None else bool(value)


def new_uuid() -> str:
    return str(uuidlib.uuid4())


# -- column builders: each says once what a column is ----------------------------

def _default(value) -> object:
    if value is None:
        return None
    if isinstance(value, str):
        return sql("'" + value.replace("'", "''") + "'")
    return sql(str(value))


def string(default: str | None = "", *, nullable: bool = False, unique: bool = False):
    """A TEXT column; ``default`` is also the database's default (None: no default)."""
    return Field(default=default, sa_column=Column(TEXT, nullable=nullable, unique=unique,
                                                   server_default=_default(default)))


def required_text(*, unique: bool = False):
    return Field(sa_column=Column(TEXT, nullable=False, unique=unique))


def optional_text():
    return Field(default=None, sa_column=Column(TEXT, nullable=True))


def number(default: int | None = None, *, nullable: bool = False):
    return Field(default=default, sa_column=Column(Integer, nullable=nullable, server_default=_default(default)))


def real(default: float = 0):
    return Field(default=default, sa_column=Column(DOUBLE, nullable=False, server_default=_default(default)))


def flag(default: bool = False):
    return Field(default=default, sa_column=Column(Flag, nullable=False, server_default=_default(int(default))))


def stamp(nullable: bool = False):
    return Field(default=None, sa_column=Column(UTCDateTime, nullable=nullable))


def day(nullable: bool = True):
    return Field(default=None, sa_column=Column(ISODate, nullable=nullable))


def link(target: str, ondelete: str, *, nullable: bool = True):
    return Field(default=None, sa_column=Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable))


def ident():
    return Field(default=None, primary_key=True)


def uuid_column():
    return Field(default_factory=new_uuid, sa_column=Column(TEXT, nullable=False, unique=True))


def version_column():
    return number(1)


def one_of(column: str, enum: type[Enum], *, nullable: bool = False) -> CheckConstraint:
    """The CHECK that keeps a column to an enumeration's values (defined once, in core.enums)."""
    values = ",".join(f"'{member.value}'" for member in enum)
    rule = f"{column} IN ({values})"
    if nullable:
        rule = f"{column} IS NULL OR {rule}"
    return CheckConstraint(rule)


def not_blank(column: str) -> CheckConstraint:
    return CheckConstraint(f"length(trim({column})) > 0")


def zero_or_one(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} IN (0,1)")


class SchemaVersion(SQLModel, table=True):
    """One row per schema version this database reached (``PRAGMA user_version`` follows it)."""

    __tablename__ = "schema_version"
    version: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    applied_at: datetime = stamp()


class Setting(SQLModel, table=True):
    __tablename__ = "setting"
    key: str = Field(primary_key=True, sa_type=TEXT)
    value: str = required_text()


class ImportBatch(SQLModel, table=True):
    __tablename__ = "import_batch"
    __table_args__ = (one_of("source", enums.ImportSource),)
    id: int | None = ident()
    uuid: str = uuid_column()
    source: str = required_text()
    filename: str = string()
    created_at: datetime = stamp()
    counts: str = string("{}")
    undone_at: datetime | None = stamp(True)


class Contact(SQLModel, table=True):
    __tablename__ = "contact"
    __table_args__ = (
        not_blank("display_name"),
        one_of("circle", enums.Circle),  # NULL passes a CHECK: no circle is allowed
        one_of("connector_role", enums.ConnectorRole),
        CheckConstraint("ideal_days IS NULL OR ideal_days > 0"),
        CheckConstraint("max_days IS NULL OR ideal_days IS NULL OR max_days >= ideal_days"),
        Index("contact_sort", "sort_key"),
        Index("contact_last", "last_interaction_at"),
        Index("contact_introduced_by", "introduced_by_id"),
        Index("contact_org", folded(literal_column("organisation"))),
        Index("contact_deleted", "deleted_at"),
        # The contact list reads this index alone (about 2x faster at 30,000 contacts).
        Index("contact_list", "sort_key", "id", "display_name", "organisation", "title", "circle",
              "connector_role", "last_interaction_at", "created_at", "ideal_days", "max_days",
              sqlite_where=sql("deleted_at IS NULL"), postgresql_where=sql("deleted_at IS NULL")),
        Index("contact_merged_into_id", "merged_into_id"),
        Index("contact_import_batch_id", "import_batch_id"),
    )
    id: int | None = ident()
    uuid: str = uuid_column()
    version: int = version_column()
    display_name: str = required_text()
    given_name: str = string()
    family_name: str = string()
    nickname: str = string()
    sort_key: str = string(None)
    circle: str | None = optional_text()
    connector_role: str | None = optional_text()
    organisation: str = string()
    title: str = string()
    field: str = string()
    birthday: str | None = optional_text()
    notes: str = string()
    introduced_by_id: int | None = link("contact.id", "SET NULL")
    ideal_days: int | None = number(nullable=True)
    max_days: int | None = number(nullable=True)
    last_interaction_at: datetime | None = stamp(True)
    search_text: str = string()
    vcard_extra: str = string("[]")
    import_batch_id: int | None = link("import_batch.id", "SET NULL")
    merged_into_id: int | None = link("contact.id", "SET NULL")
    deleted_at: datetime | None = stamp(True)
    created_at: datetime = stamp()
    updated_at: datetime = stamp()


class ContactMethod(SQLModel, table=True):
    __tablename__ = "contact_method"
    __table_args__ = (
        one_of("kind", enums.MethodKind),
        Index("contact_method_contact", "contact_id"),
        Index("contact_method_norm", "kind", "norm"),
    )
    id: int | None = ident()
    contact_id: int = link("contact.id", "CASCADE", nullable=False)
    kind: str = required_text()
    label: str = string()
    value: str = required_text()
    norm: str = required_text()
    position: int = number(0)


class ContactTag(SQLModel, table=True):
    __tablename__ = "contact_tag"
    __table_args__ = (Index("contact_tag_tag", "tag"), {"sqlite_with_rowid": False})
    contact_id: int = Field(sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"),
                                             primary_key=True))
    tag: str = Field(sa_column=Column(TEXT, primary_key=True))


class Goal(SQLModel, table=True):
    __tablename__ = "goal"
    __table_args__ = (one_of("kind", enums.GoalKind), not_blank("title"), one_of("status", enums.GoalStatus))
    id: int | None = ident()
    uuid: str = uuid_column()
    version: int = version_column()
    kind: str = required_text()
    title: str = required_text()
    description: str = string()
    status: str = string("active")
    target_date: date | None = day()
    created_at: datetime = stamp()
    updated_at: datetime = stamp()


class Target(SQLModel, table=True):
    __tablename__ = "target"
    __table_args__ = (
        one_of("kind", enums.TargetKind),
        one_of("want", enums.Want),
        one_of("stage", enums.Stage),
        zero_or_one("allow_parallel_asks"),
        Index("target_goal", "goal_id"),
        Index("target_contact", "contact_id"),
    )
    id: int | None = ident()
    uuid: str = uuid_column()
    version: int = version_column()
    goal_id: int = link("goal.id", "CASCADE", nullable=False)
    kind: str = required_text()
    person_name: str = string()
    job_title: str = string()
    organisation: str = string()
    field: str = string()
    want: str = string("like")
    stage: str = string("listed")
    contact_id: int | None = link("contact.id", "SET NULL")
    notes: str = string()
    position: int = number(0)
    allow_parallel_asks: bool = flag(False)
    created_at: datetime = stamp()
    updated_at: datetime = stamp()


class TargetStageEvent(SQLModel, table=True):
    __tablename__ = "target_stage_event"
    __table_args__ = (one_of("stage", enums.Stage), Index("target_stage_event_target", "target_id"))
    id: int | None = ident()
    target_id: int = link("target.id", "CASCADE", nullable=False)
    stage: str = required_text()
    at: datetime = stamp()
    note: str = string()


class ReferralAsk(SQLModel, table=True):
    __tablename__ = "referral_ask"
    __table_args__ = (
        one_of("answer", enums.AskAnswer),
        Index("referral_ask_target", "target_id"),
        Index("referral_ask_contact", "contact_id"),
        Index("referral_ask_introduced_contact_id", "introduced_contact_id"),
    )
    id: int | None = ident()
    uuid: str = uuid_column()
    version: int = version_column()
    target_id: int = link("target.id", "CASCADE", nullable=False)
    contact_id: int = link("contact.id", "CASCADE", nullable=False)
    asked_at: datetime = stamp()
    draft: str = string()
    answer: str = string("pending")
    answered_at: datetime | None = stamp(True)
    introduced_contact_id: int | None = link("contact.id", "SET NULL")
    created_at: datetime = stamp()
    updated_at: datetime = stamp()


class Interview(SQLModel, table=True):
    __tablename__ = "interview"
    __table_args__ = (
        one_of("purpose", enums.Purpose),
        one_of("format", enums.Format),
        CheckConstraint("length_seconds > 0"),
        one_of("status", enums.InterviewStatus),
        Index("interview_contact", "contact_id"),
        Index("interview_status", "status"),
        Index("interview_target_id", "target_id"),
        Index("interview_goal_id", "goal_id"),
    )
    id: int | None = ident()
    uuid: str = uuid_column()
    version: int = version_column()
    contact_id: int | None = link("contact.id", "SET NULL")
    goal_id: int | None = link("goal.id", "SET NULL")
    target_id: int | None = link("target.id", "SET NULL")
    purpose: str = string("job_org")
    purpose_text: str = string()
    format: str = string("phone")
    scheduled_at: datetime | None = stamp(True)
    length_seconds: int = number(900)
    started_at: datetime | None = stamp(True)
    ended_at: datetime | None = stamp(True)
    paused_seconds: float = real(0)
    paused_at: datetime | None = stamp(True)
    elapsed_seconds: float = real(0)
    status: str = string("draft")
    wizard_step: int = number(0)
    notes: str = string()
    learned: str = string()
    created_at: datetime = stamp()
    updated_at: datetime = stamp()
    # The folded words of the notes and the lessons, for the notes search (``notes_search``).
    # Last, as a later version added it to existing tables.
    search_text: str = string()


class InterviewQuestion(SQLModel, table=True):
    __tablename__ = "interview_question"
    __table_args__ = (
        not_blank("text"),
        zero_or_one("answered"),
        Index("interview_question_interview", "interview_id", "position"),
    )
    id: int | None = ident()
    uuid: str = uuid_column()
    interview_id: int = link("interview.id", "CASCADE", nullable=False)
    position: int = number(0)
    family: str = string()
    text: str = required_text()
    answered: bool = flag(False)
    notes: str = string()
    search_text: str = string()  # the notes' folded words (added later, so last)


class SavedQuestion(SQLModel, table=True):
    __tablename__ = "saved_question"
    __table_args__ = (not_blank("text"), one_of("purpose", enums.Purpose, nullable=True))
    id: int | None = ident()
    uuid: str = uuid_column()
    text: str = required_text(unique=True)
    family: str = string()
    purpose: str | None = optional_text()
    created_at: datetime = stamp()


class Interaction(SQLModel, table=True):
    __tablename__ = "interaction"
    __table_args__ = (
        one_of("kind", enums.InteractionKind),
        Index("interaction_contact", "contact_id", "occurred_at"),
        Index("interaction_import_batch_id", "import_batch_id"),
        Index("interaction_interview_id", "interview_id"),
        # The newest notes first when a search matches thousands (added with ``search_text``).
        Index("interaction_occurred_at", "occurred_at"),
    )
    id: int | None = ident()
    uuid: str = uuid_column()
    version: int = version_column()
    contact_id: int = link("contact.id", "CASCADE", nullable=False)
    kind: str = required_text()
    occurred_at: datetime = stamp()
    notes: str = string()
    interview_id: int | None = link("interview.id", "SET NULL")
    import_batch_id: int | None = link("import_batch.id", "SET NULL")
    created_at: datetime = stamp()
    updated_at: datetime = stamp()
    # The notes' folded words, for the notes search: indexed by SQLite's FTS5 (``interaction_fts``)
    # or PostgreSQL's pg_trgm. Last, as a later version added it to existing tables.
    search_text: str = string()


class Followup(SQLModel, table=True):
    __tablename__ = "followup"
    __table_args__ = (
        one_of("kind", enums.FollowupKind),
        not_blank("title"),
        one_of("status", enums.FollowupStatus),
        one_of("reason", enums.FollowupReason),
        Index("followup_status_due", "status", "due_date"),
        Index("followup_contact", "contact_id"),
        Index("followup_referral_ask_id", "referral_ask_id"),
        Index("followup_target_id", "target_id"),
        Index("followup_goal_id", "goal_id"),
        Index("followup_interview_id", "interview_id"),
    )
    id: int | None = ident()
    uuid: str = uuid_column()
    version: int = version_column()
    kind: str = required_text()
    title: str = required_text()
    draft: str = string()
    due_date: date = day(nullable=False)
    due_at: datetime | None = stamp(True)
    status: str = string("open")
    snoozed_until: date | None = day()
    done_at: datetime | None = stamp(True)
    contact_id: int | None = link("contact.id", "CASCADE")
    interview_id: int | None = link("interview.id", "SET NULL")
    goal_id: int | None = link("goal.id", "SET NULL")
    target_id: int | None = link("target.id", "SET NULL")
    referral_ask_id: int | None = link("referral_ask.id", "CASCADE")
    created_at: datetime = stamp()
    updated_at: datetime = stamp()
    # Why a check-in was queued beyond keeping in touch (a new job, a birthday); "" for the rest.
    # Last, as version 5 added it to existing tables.
    reason: str = string("")


class PlanItem(SQLModel, table=True):
    __tablename__ = "plan_item"
    __table_args__ = (
        one_of("kind", enums.PlanKind),
        one_of("horizon", enums.Horizon),
        not_blank("text"),
        one_of("status", enums.PlanStatus),
        Index("plan_item_goal", "goal_id"),
        Index("plan_item_source_contact_id", "source_contact_id"),
        Index("plan_item_source_interview_id", "source_interview_id"),
    )
    id: int | None = ident()
    uuid: str = uuid_column()
    version: int = version_column()
    goal_id: int | None = link("goal.id", "SET NULL")
    kind: str = string("skill")
    horizon: str = string("short")
    text: str = required_text()
    status: str = string("idea")
    source_interview_id: int | None = link("interview.id", "SET NULL")
    source_contact_id: int | None = link("contact.id", "SET NULL")
    created_at: datetime = stamp()
    updated_at: datetime = stamp()


class ImportChange(SQLModel, table=True):
    __tablename__ = "import_change"
    __table_args__ = (one_of("action", enums.ImportAction), Index("import_change_batch", "batch_id"))
    id: int | None = ident()
    batch_id: int = link("import_batch.id", "CASCADE", nullable=False)
    contact_id: int = number(None)
    action: str = required_text()
    before: str | None = optional_text()


class JobChange(SQLModel, table=True):
    """A known person's organisation or title as an import found it changed: from, to, when
    it was seen and the file it came from (the employment history on the contact page)."""

    __tablename__ = "job_change"
    __table_args__ = (
        Index("job_change_contact", "contact_id", "seen_at"),
        Index("job_change_seen_at", "seen_at"),
        Index("job_change_import_batch_id", "import_batch_id"),
        Index("job_change_followup_id", "followup_id"),
    )
    id: int | None = ident()
    contact_id: int = link("contact.id", "CASCADE", nullable=False)
    import_batch_id: int | None = link("import_batch.id", "SET NULL")
    seen_at: datetime = stamp()
    filename: str = string()
    from_org: str = string()
    from_title: str = string()
    to_org: str = string()
    to_title: str = string()
    followup_id: int | None = link("followup.id", "SET NULL")  # the congratulation it queued


class Opportunity(SQLModel, table=True):
    """An opening, a project, a team about to hire, a programme or a volunteer role someone
    mentioned (or you found): where it came from, the goal it serves, its stage, its next step."""

    __tablename__ = "opportunity"
    __table_args__ = (
        one_of("kind", enums.OpportunityKind),
        not_blank("title"),
        one_of("stage", enums.OpportunityStage),
        one_of("outcome", enums.OpportunityOutcome, nullable=True),
        CheckConstraint("source_seconds IS NULL OR source_seconds >= 0"),
        Index("opportunity_goal_id", "goal_id"),
        Index("opportunity_source_contact_id", "source_contact_id"),
        Index("opportunity_source_interview_id", "source_interview_id"),
        Index("opportunity_followup_id", "followup_id"),
        Index("opportunity_deleted", "deleted_at"),
    )
    id: int | None = ident()
    uuid: str = uuid_column()
    version: int = version_column()
    kind: str = string("opening")
    title: str = required_text()
    organisation: str = string()
    goal_id: int | None = link("goal.id", "SET NULL")
    source_contact_id: int | None = link("contact.id", "SET NULL")
    source_interview_id: int | None = link("interview.id", "SET NULL")
    source_seconds: int | None = number(nullable=True)  # the moment in that call it was mentioned
    followup_id: int | None = link("followup.id", "SET NULL")  # its next step, in the queue
    link: str = string()  # (after the last link() above: this name hides that function here)
    notes: str = string()
    stage: str = string("heard")
    outcome: str | None = optional_text()  # how a closed one ended
    deleted_at: datetime | None = stamp(True)
    created_at: datetime = stamp()
    updated_at: datetime = stamp()


class OpportunityStageEvent(SQLModel, table=True):
    __tablename__ = "opportunity_stage_event"
    __table_args__ = (
        one_of("stage", enums.OpportunityStage),
        one_of("outcome", enums.OpportunityOutcome, nullable=True),
        Index("opportunity_stage_event_opportunity", "opportunity_id", "at"),
    )
    id: int | None = ident()
    opportunity_id: int = link("opportunity.id", "CASCADE", nullable=False)
    stage: str = required_text()
    outcome: str | None = optional_text()
    at: datetime = stamp()
    note: str = string()


class MergeRecord(SQLModel, table=True):
    __tablename__ = "merge_record"
    __table_args__ = (
        Index("merge_record_merged_id", "merged_id"),
        Index("merge_record_kept_id", "kept_id"),
    )
    id: int | None = ident()
    kept_id: int = link("contact.id", "CASCADE", nullable=False)
    merged_id: int = link("contact.id", "CASCADE", nullable=False)
    snapshot: str = required_text()
    at: datetime = stamp()
    undone_at: datetime | None = stamp(True)


class Draft(SQLModel, table=True):
    """Typing from a form that was open when netnet was closed, offered back at the next start."""

    __tablename__ = "draft"
    id: int | None = ident()
    kind: str = required_text()
    title: str = string()
    args: str = string("{}")
    fields: str = string("{}")
    created_at: datetime = stamp()
