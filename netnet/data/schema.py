"""Creating the schema and migrating it, both driven by the models' metadata.

A new database is created from the SQLModel metadata in ``models.py`` (the one
definition of every table, column, constraint and index), then given the
dialect's extras (SQLite's FTS5 search table and its triggers), and stamped
with SCHEMA_VERSION. An older database is brought to the same shape by the
versioned steps below; a test proves the two are identical, table by table,
column by column and index by index, and that every row survives.

Why our own runner and not Alembic: netnet's migrations must keep a copy of
the file first, check foreign keys before committing a table rebuild, and
refuse a file from a newer netnet without touching it. The runner
(``run_step`` here, driven by ``Store.migrate``) does exactly that in a few
dozen lines, and the steps are few. Alembic would add a dependency, an
``env.py`` and a second notion of "current" to keep in step with the models.

Each step receives netnet's connection (``sql.SqlTx``, over SQLAlchemy) and
creates what it adds from the metadata's own objects (``CreateIndex``,
``CreateTable``), compiled by the connection's engine, so steps 2 on run
unchanged on any SQLAlchemy engine. Step 1 is the schema as it first shipped,
SQLite's DDL of the time; it is never run on a new database (which starts from
the metadata at the current version) and is kept for the record and the tests.
Whatever only one engine knows (the search index, where the version is
mirrored, the foreign-key check) is asked of the dialect (``dialect.Dialect``).

The version is recorded in the ``schema_version`` table (one row per version
reached) and mirrored by the dialect (SQLite: ``PRAGMA user_version``, which
can be read without opening the file for writing). Each step runs inside one
write transaction and never drops data. Table rebuilds run with foreign keys
unchecked and a check of every link before commit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from netnet.data.errors import StoreError

APPLICATION_ID = 0x6E65746E  # "netn"

_V1 = """
CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE import_batch (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL CHECK (source IN ('linkedin','vcard','csv','json')),
    filename TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    counts TEXT NOT NULL DEFAULT '{}',
    undone_at TEXT
);

CREATE TABLE contact (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL DEFAULT 1,
    display_name TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
    given_name TEXT NOT NULL DEFAULT '',
    family_name TEXT NOT NULL DEFAULT '',
    nickname TEXT NOT NULL DEFAULT '',
    sort_key TEXT NOT NULL,
    circle TEXT CHECK (circle IN ('family','neighbour','friend','coworker','classmate','organisation','other')),
    connector_role TEXT CHECK (connector_role IN ('clergy','real_estate','hair_beauty','hospitality','retail','counselling','other')),
    organisation TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    field TEXT NOT NULL DEFAULT '',
    birthday TEXT,
    notes TEXT NOT NULL DEFAULT '',
    introduced_by_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    ideal_days INTEGER CHECK (ideal_days IS NULL OR ideal_days > 0),
    max_days INTEGER CHECK (max_days IS NULL OR ideal_days IS NULL OR max_days >= ideal_days),
    last_interaction_at TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    vcard_extra TEXT NOT NULL DEFAULT '[]',
    import_batch_id INTEGER REFERENCES import_batch(id) ON DELETE SET NULL,
    merged_into_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX contact_sort ON contact(sort_key);
CREATE INDEX contact_last ON contact(last_interaction_at);
CREATE INDEX contact_introduced_by ON contact(introduced_by_id);
CREATE INDEX contact_org ON contact(organisation COLLATE NOCASE);
CREATE INDEX contact_deleted ON contact(deleted_at);

CREATE TABLE contact_method (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('email','phone','link','address')),
    label TEXT NOT NULL DEFAULT '',
    value TEXT NOT NULL,
    norm TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contact_method_contact ON contact_method(contact_id);
CREATE INDEX contact_method_norm ON contact_method(kind, norm);

CREATE TABLE contact_tag (
    contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (contact_id, tag)
) WITHOUT ROWID;
CREATE INDEX contact_tag_tag ON contact_tag(tag);

CREATE TABLE goal (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL DEFAULT 1,
    kind TEXT NOT NULL CHECK (kind IN ('first_job','new_skill','career_change','grow_current','own_words')),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','paused','completed','archived')),
    target_date TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE target (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL DEFAULT 1,
    goal_id INTEGER NOT NULL REFERENCES goal(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('person','title','organisation')),
    person_name TEXT NOT NULL DEFAULT '',
    job_title TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    field TEXT NOT NULL DEFAULT '',
    want TEXT NOT NULL DEFAULT 'like' CHECK (want IN ('like','need')),
    stage TEXT NOT NULL DEFAULT 'listed' CHECK (stage IN ('listed','referral_asked','introduced','contacted','interviewed','dropped')),
    contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    allow_parallel_asks INTEGER NOT NULL DEFAULT 0 CHECK (allow_parallel_asks IN (0,1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX target_goal ON target(goal_id);
CREATE INDEX target_contact ON target(contact_id);

CREATE TABLE target_stage_event (
    id INTEGER PRIMARY KEY,
    target_id INTEGER NOT NULL REFERENCES target(id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('listed','referral_asked','introduced','contacted','interviewed','dropped')),
    at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX target_stage_event_target ON target_stage_event(target_id);

CREATE TABLE referral_ask (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL DEFAULT 1,
    target_id INTEGER NOT NULL REFERENCES target(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    asked_at TEXT NOT NULL,
    draft TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL DEFAULT 'pending' CHECK (answer IN ('pending','introduced','no_one','declined')),
    answered_at TEXT,
    introduced_contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX referral_ask_target ON referral_ask(target_id);
CREATE INDEX referral_ask_contact ON referral_ask(contact_id);

CREATE TABLE interview (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL DEFAULT 1,
    contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    goal_id INTEGER REFERENCES goal(id) ON DELETE SET NULL,
    target_id INTEGER REFERENCES target(id) ON DELETE SET NULL,
    purpose TEXT NOT NULL DEFAULT 'job_org' CHECK (purpose IN ('job_org','explore_field','build_network','own_words')),
    purpose_text TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT 'phone' CHECK (format IN ('phone','in_person','video')),
    scheduled_at TEXT,
    length_seconds INTEGER NOT NULL DEFAULT 900 CHECK (length_seconds > 0),
    started_at TEXT,
    ended_at TEXT,
    paused_seconds REAL NOT NULL DEFAULT 0,
    paused_at TEXT,
    elapsed_seconds REAL NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','scheduled','live','done','cancelled')),
    wizard_step INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    learned TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX interview_contact ON interview(contact_id);
CREATE INDEX interview_status ON interview(status);

CREATE TABLE interview_question (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    interview_id INTEGER NOT NULL REFERENCES interview(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    family TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    answered INTEGER NOT NULL DEFAULT 0 CHECK (answered IN (0,1)),
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX interview_question_interview ON interview_question(interview_id, position);

CREATE TABLE saved_question (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL UNIQUE CHECK (length(trim(text)) > 0),
    family TEXT NOT NULL DEFAULT '',
    purpose TEXT CHECK (purpose IS NULL OR purpose IN ('job_org','explore_field','build_network','own_words')),
    created_at TEXT NOT NULL
);

CREATE TABLE interaction (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL DEFAULT 1,
    contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('call','meeting','email','message','checkin','interview','introduction','connected','note')),
    occurred_at TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    interview_id INTEGER REFERENCES interview(id) ON DELETE SET NULL,
    import_batch_id INTEGER REFERENCES import_batch(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX interaction_contact ON interaction(contact_id, occurred_at);

CREATE TABLE followup (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL DEFAULT 1,
    kind TEXT NOT NULL CHECK (kind IN ('thank_you','referral_next','referral_nudge','checkin','action','interview','manual')),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    draft TEXT NOT NULL DEFAULT '',
    due_date TEXT NOT NULL,
    due_at TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','cancelled')),
    snoozed_until TEXT,
    done_at TEXT,
    contact_id INTEGER REFERENCES contact(id) ON DELETE CASCADE,
    interview_id INTEGER REFERENCES interview(id) ON DELETE SET NULL,
    goal_id INTEGER REFERENCES goal(id) ON DELETE SET NULL,
    target_id INTEGER REFERENCES target(id) ON DELETE SET NULL,
    referral_ask_id INTEGER REFERENCES referral_ask(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX followup_status_due ON followup(status, due_date);
CREATE INDEX followup_contact ON followup(contact_id);

CREATE TABLE plan_item (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL DEFAULT 1,
    goal_id INTEGER REFERENCES goal(id) ON DELETE SET NULL,
    kind TEXT NOT NULL DEFAULT 'skill' CHECK (kind IN ('skill','insight')),
    horizon TEXT NOT NULL DEFAULT 'short' CHECK (horizon IN ('short','long')),
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    status TEXT NOT NULL DEFAULT 'idea' CHECK (status IN ('idea','doing','done')),
    source_interview_id INTEGER REFERENCES interview(id) ON DELETE SET NULL,
    source_contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX plan_item_goal ON plan_item(goal_id);

CREATE TABLE import_change (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('created','updated')),
    before TEXT
);
CREATE INDEX import_change_batch ON import_change(batch_id);

CREATE TABLE merge_record (
    id INTEGER PRIMARY KEY,
    kept_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    merged_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    snapshot TEXT NOT NULL,
    at TEXT NOT NULL,
    undone_at TEXT
);
"""

def _v1(conn) -> None:
    """The schema as it first shipped (SQLite's DDL of the time; the runner adds the dialect's
    extras after it). Kept for the record and for tests: a new database starts from the
    metadata at the current version and never runs it."""
    for statement in _V1.split(";\n"):
        if statement.strip():
            conn.execute(statement.strip())


def _ddl(*objects) -> list[str]:
    """The SQLite DDL of metadata objects (tables and indexes), compiled without an engine."""
    from sqlalchemy.dialects import sqlite as sqlite_dialect
    from sqlalchemy.schema import CreateIndex, CreateTable, Index, Table

    dialect = sqlite_dialect.dialect()
    statements = []
    for obj in objects:
        if isinstance(obj, Table):
            statements.append(str(CreateTable(obj).compile(dialect=dialect)).strip())
            statements += [str(CreateIndex(index).compile(dialect=dialect)).strip()
                           for index in sorted(obj.indexes, key=lambda i: i.name)]
        elif isinstance(obj, Index):
            statements.append(str(CreateIndex(obj).compile(dialect=dialect)).strip())
    return statements


def metadata():
    """The models' metadata (imports SQLModel: only on creation and migration)."""
    from sqlmodel import SQLModel

    import netnet.data.models  # noqa: F401 - registers every table

    return SQLModel.metadata


# The metadata's DDL for SQLite, compiled once and shipped beside this module, so that
# creating a database (the first start, every `--demo`) does not import SQLAlchemy and
# SQLModel (0.5 s and 40 MB). A test proves the file is exactly what the metadata
# compiles to; `python -m netnet.data.schema` writes it again after a model changes.
CURRENT_DDL = Path(__file__).with_name("schema_current.sql")
_SEPARATOR = "\n;\n"


def current_ddl() -> list[str]:
    """The statements that create every table and index of the current schema."""
    return _ddl(*metadata().sorted_tables)


def current_statements() -> list[str]:
    """The shipped DDL of the current schema, one statement each (SQLite's dialect runs it)."""
    return [statement for statement in CURRENT_DDL.read_text(encoding="utf-8").split(_SEPARATOR)
            if statement.strip()]


def write_current_ddl() -> Path:
    """Compile the metadata's DDL into CURRENT_DDL (a development step, not run by netnet)."""
    CURRENT_DDL.write_text(_SEPARATOR.join(current_ddl()) + "\n", encoding="utf-8")
    return CURRENT_DDL


def record_version(conn, dialect, version: int) -> None:
    """Note that the database reached ``version``: a row in ``schema_version`` (from version 4,
    when the table exists) and the dialect's mirror of it (SQLite's header)."""
    if dialect.has_table(conn, "schema_version"):
        conn.execute("DELETE FROM schema_version WHERE version = :version", {"version": version})
        conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (:version, :at)",
                     {"version": version, "at": datetime.now(UTC).isoformat(timespec="microseconds")})
    dialect.mirror_version(conn, version)


def run_step(conn, dialect, step: int) -> None:
    """Migrate from version ``step`` to ``step + 1`` inside the caller's write transaction,
    on any SQLAlchemy engine: the step itself, the dialect's extras once the first tables
    exist, a check that no row lost what it points at, and the version recorded."""
    MIGRATIONS[step](conn)
    if step == 0:
        dialect.create_extras(conn)
    broken = dialect.broken_links(conn)
    if broken:
        raise StoreError(f"Migration {step + 1} would break links in {', '.join(sorted(set(broken)))}; "
                         f"nothing was changed.")
    record_version(conn, dialect, step + 1)


def _index(name: str):
    """An index of the models' metadata, by name."""
    for table in metadata().tables.values():
        for index in table.indexes:
            if index.name == name:
                return index
    raise KeyError(name)


def _create(conn, *objects) -> None:
    """Create tables or indexes of the metadata, compiled for the connection's own engine."""
    from sqlalchemy.schema import CreateIndex, CreateTable, Index

    for obj in objects:
        conn.execute(CreateIndex(obj) if isinstance(obj, Index) else CreateTable(obj))


def _v2(conn) -> None:
    """A covering index for the contact list: the list reads the index alone (about 2x faster at 30k)."""
    _create(conn, _index("contact_list"))


# Foreign keys whose child column had no index up to version 2. Deleting a parent
# row makes SQLite look for its children: without an index that is a full scan
# per deleted row (undoing an import of 30,000 contacts took 103 s).
_UNINDEXED_LINKS_V2 = [
    ("contact", "merged_into_id"),
    ("contact", "import_batch_id"),
    ("referral_ask", "introduced_contact_id"),
    ("interview", "target_id"),
    ("interview", "goal_id"),
    ("interaction", "import_batch_id"),
    ("interaction", "interview_id"),
    ("followup", "referral_ask_id"),
    ("followup", "target_id"),
    ("followup", "goal_id"),
    ("followup", "interview_id"),
    ("plan_item", "source_contact_id"),
    ("plan_item", "source_interview_id"),
    ("merge_record", "merged_id"),
    ("merge_record", "kept_id"),
]


def _v3(conn) -> None:
    """Index every foreign key's child column (deletes of parents stop scanning tables),
    and add the draft table that keeps typing from forms open when netnet was closed."""
    from netnet.data.models import Draft

    _create(conn, *(_index(f"{table}_{column}") for table, column in _UNINDEXED_LINKS_V2))
    _create(conn, Draft.__table__)


def _v4(conn) -> None:
    """The version moves into a table of its own (created from the metadata), one row per
    version reached; the dialect's mirror (``PRAGMA user_version``) stays beside it."""
    from netnet.data.models import SchemaVersion

    _create(conn, SchemaVersion.__table__)


def _add_column(conn, table, name: str) -> None:
    """Add a column of the metadata to an existing table, with the CHECK rules that begin with it,
    compiled for the connection's own engine (``ALTER TABLE … ADD COLUMN`` on every engine)."""
    from sqlalchemy import CheckConstraint
    from sqlalchemy.schema import CreateColumn

    column = table.columns[name]
    dialect = conn.connection.dialect
    definition = str(CreateColumn(column).compile(dialect=dialect)).strip()
    for rule in table.constraints:
        if isinstance(rule, CheckConstraint) and str(rule.sqltext).split()[0] == name:
            definition += f" CHECK ({rule.sqltext})"
    conn.execute(f"ALTER TABLE {table.name} ADD COLUMN {definition}")


def _v5(conn) -> None:
    """Job changes an import notices (the employment history), and why a check-in was queued
    (a congratulation on a new job, a birthday): a new table and a new last column of
    ``followup``, both from the metadata."""
    from netnet.data.models import Followup, JobChange

    _add_column(conn, Followup.__table__, "reason")
    table = JobChange.__table__
    _create(conn, table, *sorted(table.indexes, key=lambda index: index.name))


def _v6(conn) -> None:
    """Opportunities (openings people mention, with their stage history): two new tables."""
    from netnet.data.models import Opportunity, OpportunityStageEvent

    for table in (Opportunity.__table__, OpportunityStageEvent.__table__):
        _create(conn, table, *sorted(table.indexes, key=lambda index: index.name))


def _v7(conn) -> None:
    """Every note keeps its folded words beside it, for the one search across all notes ("who told
    me about …"): a new last column ``search_text`` of ``interaction``, ``interview`` (its call notes
    and lessons) and ``interview_question``, from the metadata, filled from the notes there are; the
    engine's index over the interactions' (the dialect's ``create_note_search``); and an index of the
    interactions by date, which reads the newest of thousands of matching notes first."""
    from netnet.data.models import Interaction, Interview, InterviewQuestion
    from netnet.data.notes_search import fill_search_texts

    for table in (Interaction.__table__, Interview.__table__, InterviewQuestion.__table__):
        _add_column(conn, table, "search_text")
    fill_search_texts(conn)
    conn.dialect.create_note_search(conn)
    _create(conn, _index("interaction_occurred_at"))


# Each entry migrates from version (index) to version (index + 1).
MIGRATIONS: list[Callable[[Any], None]] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7]
SCHEMA_VERSION = len(MIGRATIONS)


if __name__ == "__main__":  # python -m netnet.data.schema: refresh schema_current.sql from the models
    print(write_current_ddl())
