"""The store: pragmas, file modes, refusals that leave files untouched, migrations."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from netnet.data import schema
from netnet.data.store import NamedRow, SQLiteDialect, Store, StoreError, raw_connect


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_private_and_configured(db_path: Path) -> None:
    store = Store(db_path)
    assert store.created
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    conn = store.conn()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    store.close()


def test_writes_begin_immediate(store: Store) -> None:
    """A second writer waits for the lock up front instead of failing mid-transaction."""
    other = raw_connect(store.path)
    other.execute("PRAGMA busy_timeout = 0")
    with store.write():
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.close()


def test_zero_byte_file_becomes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    store = Store(path)
    assert store.created
    assert store.conn().execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    store.close()


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)


def test_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 10)
    before = digest(path)
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store(path)
    assert digest(path) == before
    assert not Path(str(path) + "-wal").exists()


def test_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.execute("INSERT INTO songs VALUES ('a')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError, match="another program"):
        Store(path)
    assert digest(path) == before


def test_corrupt_database_is_refused_untouched(store: Store, demo_store: Store) -> None:
    path = store.path
    store.close()
    # Checkpoint so everything is in the main file, then damage a page in the middle.
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    data[3 * page: 3 * page + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(StoreError, match="damaged"):
        Store(path)
    assert digest(path) == before


def test_newer_schema_is_refused_untouched(store: Store) -> None:
    path = store.path
    store.conn().execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError, match="newer netnet"):
        Store(path)
    assert digest(path) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_location_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    with pytest.raises(StoreError, match="not writable"):
        Store(folder / "netnet.db")


def test_unwritable_location_is_refused_even_for_root(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError):
        Store(blocker / "sub" / "netnet.db")


def _v1_interaction(conn, contact_id: int, kind: str, when, now, notes: str = "",
                    interview_id: int | None = None) -> int:
    """An interaction as version 1 held it (no search text beside its notes)."""
    import uuid

    from netnet.core.clock import to_iso

    return conn.execute(
        "INSERT INTO interaction (uuid, contact_id, kind, occurred_at, notes, interview_id, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (str(uuid.uuid4()), contact_id, kind, to_iso(when), notes, interview_id,
                                             to_iso(now), to_iso(now))).lastrowid


def _fill_every_table(conn: sqlite3.Connection) -> dict[str, int]:
    """One row at least in every table of the version-1 schema."""
    from unittest import mock

    from netnet.core.clock import FakeClock
    from netnet.demo import _goals  # the demo's own writer covers goals to follow-ups

    clock = FakeClock()
    ids = {}
    from netnet.data.contacts import ContactInput, Method, insert_contact

    for name in ["Maria Lindqvist", "Carlos Mendes", "Amara Nwosu", "Łucja Wiśniewska", "Joe Okafor"]:
        ids[name] = insert_contact(conn, ContactInput(name, tags=["t"], methods=[Method("email", f"{name[:3]}@x.example")]), clock.now())
        _v1_interaction(conn, ids[name], "call", clock.now(), clock.now(), "hello")
    with mock.patch("netnet.demo.insert_interaction", _v1_interaction):
        _goals(conn, ids, clock.now())
    conn.execute("INSERT INTO setting VALUES ('theme', '\"nord\"')")
    conn.execute("INSERT INTO saved_question (uuid, text, created_at) VALUES ('u1', 'My question?', '2026-01-01T00:00:00+00:00')")
    batch = conn.execute("INSERT INTO import_batch (uuid, source, created_at) VALUES ('b1', 'csv', '2026-01-01T00:00:00+00:00')").lastrowid
    conn.execute("INSERT INTO import_change (batch_id, contact_id, action) VALUES (?, ?, 'created')", (batch, ids["Joe Okafor"]))
    conn.execute("INSERT INTO merge_record (kept_id, merged_id, snapshot, at) VALUES (?, ?, '{}', '2026-01-01T00:00:00+00:00')",
                 (ids["Joe Okafor"], ids["Amara Nwosu"]))
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%'")]
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def make_version_one(path: Path) -> dict[str, int]:
    """A version-1 database at ``path`` with rows in every table; returns the row counts."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = NamedRow  # the services below read rows by name
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("BEGIN")
    schema.MIGRATIONS[0](conn)
    SQLiteDialect().create_extras(conn)  # version 1 shipped with the search index
    conn.execute("PRAGMA user_version = 1")
    counts = _fill_every_table(conn)
    conn.execute("COMMIT")
    conn.close()
    return counts


def test_every_row_survives_every_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "v1.db"
    counts = make_version_one(path)
    conn = sqlite3.connect(path, isolation_level=None)
    dump_before = {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in counts if t != "contact_tag"}
    conn.close()
    assert all(n > 0 for n in counts.values()), counts

    # A later release adds a step; it must run after a 0600 backup and keep every row.
    def v2(c) -> None:
        c.execute("ALTER TABLE contact ADD COLUMN pronouns TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, v2])
    monkeypatch.setattr("netnet.data.store.MIGRATIONS", schema.MIGRATIONS)
    monkeypatch.setattr("netnet.data.store.SCHEMA_VERSION", len(schema.MIGRATIONS))
    migrated = Store(path)  # opening an older database migrates it
    backup = migrated.backup_made
    migrated.close()
    conn = raw_connect(path)
    assert backup is not None and backup.exists()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
    for table, n in counts.items():
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == n, table
    for table, rows in dump_before.items():
        after = [tuple(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid")]
        # Columns a migration added come last (the step above adds one to contact, version 5
        # one to followup): every value that was there is there, unchanged.
        width = len(rows[0]) if rows else 0
        assert [row[:width] for row in after] == rows, table
    conn.close()
    # The backup is the untouched version-1 database.
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT count(*) FROM contact").fetchone()[0] == counts["contact"]
    old.close()


def test_models_agree_with_migrated_schema(store: Store) -> None:
    from sqlmodel import SQLModel

    import netnet.data.models  # noqa: F401

    conn = store.conn()
    tables = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%'")}
    assert tables == set(SQLModel.metadata.tables)
    for table in SQLModel.metadata.sorted_tables:
        db_cols = {r[1] for r in conn.execute(f"PRAGMA table_info({table.name})")}
        assert db_cols == {c.name for c in table.columns}, table.name


def test_session_round_trips_aware_datetimes(store: Store, clock) -> None:
    from sqlmodel import select

    from netnet.data.models import Goal

    with store.session() as session:
        session.add(Goal(kind="first_job", title="A first job", created_at=clock.now(), updated_at=clock.now()))
    with store.session() as session:
        goal = session.exec(select(Goal)).one()
    assert goal.created_at == clock.now()
    assert goal.created_at.tzinfo is not None


def test_backup_is_consistent_and_private(demo_store: Store, tmp_path: Path) -> None:
    everyone = demo_store.conn().execute("SELECT count(*) FROM contact").fetchone()[0]
    target = demo_store.backup(tmp_path / "copy.db")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    copy = Store(target)
    assert copy.conn().execute("SELECT count(*) FROM contact").fetchone()[0] == everyone > 0
    copy.close()


def test_data_version_moves_when_another_connection_writes(store: Store) -> None:
    before = store.data_version()
    other = raw_connect(store.path)
    other.execute("INSERT INTO setting VALUES ('x', '1')")
    other.close()
    assert store.data_version() != before


def _damage(path: Path, wal: bool = True) -> None:
    """Overwrite part of a page in the middle (netnet's files are WAL unless told otherwise)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if not wal:
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    data = bytearray(path.read_bytes())
    data[3 * 4096: 3 * 4096 + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))


def test_background_check_blocks_writes_to_a_damaged_file(store: Store, demo_store: Store) -> None:
    path = store.path
    store.close()
    _damage(path)
    before = digest(path)
    damaged = Store(path, deep_check="background")
    with pytest.raises(StoreError, match="damaged"):
        with damaged.write() as conn:
            conn.execute("INSERT INTO setting VALUES ('x', '1')")
    damaged.close()
    assert digest(path) == before


def test_background_check_is_synchronous_for_a_rollback_journal_file(store: Store, demo_store: Store) -> None:
    path = store.path
    store.close()
    _damage(path, wal=False)
    before = digest(path)
    with pytest.raises(StoreError, match="damaged"):
        Store(path, deep_check="background")
    assert digest(path) == before


def test_background_check_lets_a_sound_file_be_written(demo_store: Store) -> None:
    path = demo_store.path
    demo_store.close()
    sound = Store(path, deep_check="background")
    with sound.write() as conn:
        conn.execute("INSERT INTO setting VALUES ('x', '1')")
    sound.close()
