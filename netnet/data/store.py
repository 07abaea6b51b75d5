"""netnet's SQLite dialect: opening the file safely, and everything only SQLite knows.

This is the one module that imports ``sqlite3``. Every connection runs in WAL
mode with ``synchronous=FULL``, foreign keys on and a busy timeout; writes
begin IMMEDIATE. A file is checked before SQLite opens it read-write, so a
folder, a foreign or corrupt file, or a database from a newer netnet is
refused without one byte changing. The header check and ``application_id``,
the PRAGMAs, the online backup, ``data_version``, file modes and the FTS5
search index with its triggers all live here; services reach the last of
these through :class:`SQLiteDialect` (the interface is ``dialect.Dialect``).

:class:`Store` hands services a SQLAlchemy connection (``read``, ``write``,
``session``) and serves the few hot-path reads (the first screenful, search
per key, ``netnet contacts``, ``netnet due``) through the DB-API with rows read
by name (``fast``), and the shell's short writes too (``driver_writes``), so
SQLAlchemy stays off the first frame and the command line.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from netnet.data.dialect import like_match_where
from netnet.data.errors import CannotWriteNow, StoreError
from netnet.data.schema import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    current_statements,
    record_version,
    run_step,
)

BUSY_TIMEOUT_MS = 5000


def _pragma_column(statement: str) -> str:
    return statement.split("=", 1)[0].split("(", 1)[0].strip()


def pragma_values(conn: Any, statement: str) -> list[Any]:
    """Every row's value of ``PRAGMA statement`` (e.g. ``quick_check``), read by the name of its
    column (a PRAGMA answers in a column named after itself), with or without a row factory."""
    cursor = conn.execute(f"PRAGMA {statement}")
    names = [d[0] for d in cursor.description or ()]
    wanted = _pragma_column(statement)
    return [dict(zip(names, values, strict=True))[wanted] for values in cursor.fetchall()]


def pragma(conn: Any, statement: str) -> Any:
    """The value of a one-row PRAGMA (``user_version``, ``journal_mode = WAL``), or None."""
    found = pragma_values(conn, statement)
    return found[0] if found else None
_HEADER = b"SQLite format 3\x00"


class Tx(Protocol):
    """What a service receives inside one of the store's reads or writes (``sql.SqlTx``, a
    SQLAlchemy connection) or a hot-path read (``fast``, the DB-API): SQL with named parameters
    or, on the former, SQLAlchemy expressions; rows read by name. Services name this type,
    never the driver's, so the engine behind it can change."""

    def execute(self, sql: Any, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: Any, parameters: Iterable[Any], /) -> Any: ...


class FastTx(Tx, Protocol):
    """The hot paths' connection (``Store.fast``): rows by name, or plain tuples for speed."""

    dialect: Any

    def tuples(self, sql: str, parameters: Any = ..., /) -> tuple[list[str], list]: ...


class NamedRow(sqlite3.Row):
    """A row of the hot paths' DB-API connection, read by name as SQLAlchemy's Core rows are:
    ``row.display_name``, or ``row._mapping[name]`` for a name known only at run time
    (``row["display_name"]`` too, at C speed)."""

    __slots__ = ()

    def __getattr__(self, name: str):
        try:
            return self[name]
        except IndexError:
            raise AttributeError(name) from None

    @property
    def _mapping(self) -> dict[str, Any]:
        """The row as a mapping of column to value, as a Core row's ``_mapping`` (for names
        only known at run time)."""
        return dict(zip(self.keys(), self, strict=True))



# SQLite's primary result codes that a person can act on.
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 11, 13, 14, 26


def diagnose(exc: sqlite3.Error, path: Path) -> StoreError | None:
    """Say what is true about a SQLite error met on ``path``; None when it is not one a person can act on.

    Only real corruption is called damage: a full disk, a lock, a read-only
    file or folder each get their own sentence.
    """
    code = getattr(exc, "sqlite_errorcode", None)
    base = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if base == _SQLITE_FULL or "disk is full" in text:
        return CannotWriteNow(f"The disk is full: netnet could not finish its work on {path}; nothing already "
                              f"saved was changed. Free some space and try again.")
    if base in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
        return CannotWriteNow(f"{path} is locked by another program; nothing was changed. Try again in a moment.")
    if base in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text or "not a database" in text:
        return StoreError(f"{path} is damaged ({exc}); it was left untouched.")
    if base in (_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_CANTOPEN) or "readonly" in text or "unable to open" in text:
        folder = path.parent
        if path.exists() and not os.access(path, os.W_OK):
            return StoreError(f"{path} is read-only, so it is not writable by netnet; it was left untouched.")
        if not os.access(folder, os.W_OK | os.X_OK):
            return StoreError(f"netnet cannot write in {folder} (SQLite needs to create its journal files "
                              f"there); {path} was left untouched.")
        return StoreError(f"{path} cannot be opened ({exc}); it was left untouched.")
    return None


def explain(exc: BaseException, path: Path | str) -> StoreError | None:
    """``diagnose`` for any exception met while working on ``path``: SQLite's own errors,
    the same wrapped by SQLAlchemy, and a full disk reported by the operating system;
    PostgreSQL's are explained by its dialect module (``path`` is then the masked URL, or
    any other path stands for "the PostgreSQL database"). None for anything that is
    netnet's fault (to be logged)."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return CannotWriteNow(f"The disk is full: netnet could not finish its work on {path}; nothing already "
                              f"saved was changed. Free some space and try again.")
    cause = exc if isinstance(exc, sqlite3.Error) else getattr(exc, "orig", None)
    if isinstance(cause, sqlite3.Error):
        return diagnose(cause, Path(path))
    if type(cause if cause is not None else exc).__module__.startswith("psycopg"):
        from netnet.data.pg_errors import explain as explain_postgres

        return explain_postgres(exc, path if isinstance(path, str) else "the PostgreSQL database")
    return None


def driver_error(exc: BaseException) -> bool:
    """Whether ``exc`` is the engine's own error (raised by the DB-API or wrapped by SQLAlchemy)."""
    cause = getattr(exc, "orig", None) or exc
    return isinstance(cause, sqlite3.Error) or type(cause).__module__.startswith("psycopg")


class StoreBusy(CannotWriteNow):
    """Another process held the write lock for longer than a write may wait."""

    def __init__(self, message: str = "Another netnet is writing to this database; nothing was saved "
                                      "— try again in a moment.") -> None:
        super().__init__(message)


WRITE_WAIT_SECONDS = 15.0  # how long a write waits for another process's lock in all
QUICK_WAIT_SECONDS = 1.0  # the most a write on the interface's own thread waits (it must stay responsive)
_FIRST_TRY_MS = 300  # the quiet first wait, before saying so on screen
_RETRY_MS = 500


def _locked(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _read_header(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(100)


def check_file(path: Path, *, writable: bool = True) -> str:
    """Check a database path without modifying it.

    Returns "new" for a path to create (missing or zero bytes) or "existing".
    Raises StoreError with one sentence for anything netnet must not open.
    ``writable=False`` checks a file netnet will only read (a backup to restore from).
    """
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a netnet database file.")
    if not path.exists():
        parent = path.parent
        probe = parent
        while not probe.exists():
            probe = probe.parent
        if not os.access(probe, os.W_OK | os.X_OK):
            raise StoreError(f"Cannot create a database in {parent}: the location is not writable.")
        return "new"
    if not path.is_file():
        raise StoreError(f"{path} is not a regular file.")
    if not os.access(path, os.R_OK):
        raise StoreError(f"{path} cannot be read: permission denied.")
    size = path.stat().st_size
    if size == 0:
        if writable and not os.access(path, os.W_OK):
            raise StoreError(f"{path} is not writable.")
        return "new"
    header = _read_header(path)
    if len(header) < 100 or not header.startswith(_HEADER):
        raise StoreError(f"{path} is not a SQLite database; netnet will not open it.")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id != APPLICATION_ID:
        raise StoreError(
            f"{path} is a SQLite database of another program, not netnet's; it was left untouched."
        )
    if writable and not os.access(path, os.W_OK):
        raise StoreError(f"{path} is read-only, so it is not writable by netnet; it was left untouched.")
    sides_missing = not all(os.path.exists(str(path) + s) for s in ("-wal", "-shm"))
    if writable and sides_missing and not os.access(path.parent, os.W_OK | os.X_OK):
        raise StoreError(f"netnet cannot write in {path.parent} (SQLite needs to create its journal files "
                         f"there); {path} was left untouched.")
    return "existing"


def _inspect_readonly(path: Path, deep: bool) -> int:
    """Open read-only, check integrity and return the schema version."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise (diagnose(exc, path) or StoreError(f"{path} cannot be opened: {exc}.")) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        app_id = pragma(conn, "application_id")
        if app_id != APPLICATION_ID:
            raise StoreError(f"{path} is a SQLite database of another program, not netnet's.")
        version = pragma(conn, "user_version")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if deep:
            if pragma_values(conn, "quick_check") != ["ok"]:
                raise StoreError(f"{path} is damaged (SQLite's check failed); it was left untouched.")
        return version
    except sqlite3.DatabaseError as exc:
        found = diagnose(exc, path)
        raise (found or StoreError(f"{path} is damaged or not a database ({exc}); it was left untouched.")) from exc
    finally:
        conn.close()


def tables_with_rows(path: Path, tables: Sequence[str]) -> list[str]:
    """Which of ``tables`` hold a row in the netnet file at ``path`` (checked by
    ``_inspect_readonly`` first), read without changing it; a table the file does not have yet
    holds nothing."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise (diagnose(exc, path) or StoreError(f"{path} cannot be opened: {exc}.")) from exc
    conn.row_factory = NamedRow
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        present = {row.name for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return [table for table in tables
                if table in present and conn.execute(f'SELECT 1 AS found FROM "{table}" LIMIT 1').fetchone()]
    except sqlite3.DatabaseError as exc:
        found = diagnose(exc, path)
        raise (found or StoreError(f"{path} is damaged or not a database ({exc}); it was left untouched.")) from exc
    finally:
        conn.close()


def side_files(path: Path) -> dict[str, bool]:
    """Which of SQLite's side files exist beside ``path`` now."""
    return {suffix: os.path.lexists(str(path) + suffix) for suffix in ("-wal", "-shm")}


def tidy_side_files(path: Path, before: dict[str, bool]) -> None:
    """Remove the empty ``-wal``/``-shm`` a read-only look created beside a file netnet refused.

    Only when neither existed before (so no one else had the file open) and the
    ``-wal`` holds nothing.
    """
    if any(before.values()):
        return
    wal = Path(str(path) + "-wal")
    try:
        if wal.exists() and wal.stat().st_size > 0:
            return
    except OSError:
        return
    for suffix in before:
        try:
            os.unlink(str(path) + suffix)
        except OSError:
            pass


def _safe_to_check_later(path: Path) -> bool:
    """Whether opening read-write can leave the main file unchanged until the check ends.

    True for a WAL database with no pending WAL: switching the journal mode
    would rewrite the header, and closing would checkpoint a pending WAL.
    """
    header = _read_header(path)
    wal = Path(str(path) + "-wal")
    return header[18:20] == b"\x02\x02" and (not wal.exists() or wal.stat().st_size == 0)


def configure(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Apply netnet's pragmas to a fresh connection."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    mode = pragma(conn, "journal_mode = WAL")
    if mode.lower() != "wal":
        raise StoreError("SQLite could not switch the database to WAL mode.")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def raw_connect(path: Path) -> sqlite3.Connection:
    """A configured connection in autocommit mode (transactions are explicit), rows read by name."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.row_factory = NamedRow
    return configure(conn)


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, begun IMMEDIATE so the write lock is taken up front."""
    conn.execute("BEGIN IMMEDIATE")
    with _finish(conn):
        yield conn


@contextmanager
def _finish(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Commit a begun transaction, or roll it back on any error."""
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:  # SQLite has already rolled back after a full disk or I/O error
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def backup_to(source: sqlite3.Connection, target: Path, *, how: str = "replace") -> Path:
    """A consistent 0600 copy through SQLite's online backup; returns the path it got.

    The copy is made in a hidden temporary file beside ``target`` (no rollback
    journal while copying, so nothing is left beside it), synced, switched to
    rollback-journal mode (so it can later be opened read-only without side
    files) and renamed into place. ``how`` is "replace" or "unique" (a kept
    copy: never overwrite, add a number to the name instead).
    """
    from netnet.data import files

    with files.atomic_target(target, how=how) as job:
        dest = sqlite3.connect(str(job.temp), isolation_level=None)
        try:
            dest.execute("PRAGMA journal_mode = OFF")
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    assert job.published is not None
    return job.published


def keep_copy(source: sqlite3.Connection, folder: Path, name: str) -> Path:
    """A kept copy in netnet's backups folder, under a name no other file has (never overwritten)."""
    from netnet.data import files

    try:
        files.make_private_dirs(folder)
        files.remove_stale_temps(folder)
        return backup_to(source, folder / name, how="unique")
    except OSError as exc:
        raise files.os_error(exc, folder / name) from exc


_FTS = [
    """CREATE VIRTUAL TABLE contact_fts USING fts5(
    search_text, content='contact', content_rowid='id',
    tokenize = 'unicode61 remove_diacritics 2'
)""",
    """CREATE TRIGGER contact_fts_ai AFTER INSERT ON contact BEGIN
    INSERT INTO contact_fts(rowid, search_text) VALUES (new.id, new.search_text);
END""",
    """CREATE TRIGGER contact_fts_ad AFTER DELETE ON contact BEGIN
    INSERT INTO contact_fts(contact_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END""",
    """CREATE TRIGGER contact_fts_au AFTER UPDATE OF search_text ON contact BEGIN
    INSERT INTO contact_fts(contact_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO contact_fts(rowid, search_text) VALUES (new.id, new.search_text);
END""",
]


# The notes search's index: the interactions' folded note words (``interaction.search_text``, which
# netnet writes beside each note), kept in step by triggers. Rows without words are left out of it.
_NOTE_FTS = [
    """CREATE VIRTUAL TABLE interaction_fts USING fts5(
    search_text, content='interaction', content_rowid='id',
    tokenize = 'unicode61 remove_diacritics 2'
)""",
    """CREATE TRIGGER interaction_fts_ai AFTER INSERT ON interaction WHEN new.search_text != '' BEGIN
    INSERT INTO interaction_fts(rowid, search_text) VALUES (new.id, new.search_text);
END""",
    """CREATE TRIGGER interaction_fts_ad AFTER DELETE ON interaction WHEN old.search_text != '' BEGIN
    INSERT INTO interaction_fts(interaction_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END""",
    """CREATE TRIGGER interaction_fts_au AFTER UPDATE OF search_text ON interaction BEGIN
    INSERT INTO interaction_fts(interaction_fts, rowid, search_text)
        SELECT 'delete', old.id, old.search_text WHERE old.search_text != '';
    INSERT INTO interaction_fts(rowid, search_text) SELECT new.id, new.search_text WHERE new.search_text != '';
END""",
]


# For each table with a search index: its insert trigger, the index, and which rows it holds.
_BULK_INDEXES = {
    "contact": ("contact_fts_ai", "contact_fts", ""),
    "interaction": ("interaction_fts_ai", "interaction_fts", " AND search_text != ''"),
}


def fts5_available(conn: Any) -> bool:
    """Whether this SQLite build has FTS5 (checked once at start-up)."""
    try:
        return any("ENABLE_FTS5" in row.compile_options
                   for row in conn.execute("PRAGMA compile_options").fetchall())
    except (sqlite3.Error, AttributeError):
        return False


class FastConnection:
    """SQLite's hot-path connection: this thread's DB-API connection (rows read by name), and
    plain tuples with their column names when a list of thousands is read."""

    __slots__ = ("raw", "dialect")

    def __init__(self, raw: sqlite3.Connection, dialect: SQLiteDialect) -> None:
        self.raw = raw
        self.dialect = dialect

    def execute(self, sql: str, parameters: Any = None, /) -> Any:
        return self.raw.execute(sql, () if parameters is None else parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any:
        return self.raw.executemany(sql, parameters)

    def tuples(self, sql: str, parameters: Any = None, /) -> tuple[list[str], list]:
        cursor = self.raw.cursor()
        cursor.row_factory = None
        rows = cursor.execute(sql, () if parameters is None else parameters).fetchall()
        return [column[0] for column in cursor.description], rows


class SQLiteDialect:
    """What only SQLite knows, asked for by services and the migration runner (see ``dialect.Dialect``)."""

    name = "sqlite"

    def __init__(self, has_search: bool = False) -> None:
        self.has_search = has_search
        self.has_note_search = False

    def create_current(self, conn: Any) -> None:
        for statement in current_statements():
            conn.execute(statement)
        self.create_extras(conn)
        self.create_note_search(conn)
        record_version(conn, self, SCHEMA_VERSION)

    def create_extras(self, conn: Any) -> None:
        if fts5_available(conn):
            for statement in _FTS:
                conn.execute(statement)

    def create_note_search(self, conn: Any) -> None:
        """FTS5 over the interactions' search text and its triggers (nothing without FTS5: the notes
        search reads the column with LIKE instead), filled from the rows that have words."""
        if not fts5_available(conn) or self.has_table(conn, "interaction_fts"):
            return
        for statement in _NOTE_FTS:
            conn.execute(statement)
        conn.execute("INSERT INTO interaction_fts(rowid, search_text) SELECT id, search_text FROM interaction "
                     "WHERE search_text != ''")

    def note_match_where(self, tokens: list[str]) -> tuple[str, dict[str, Any]]:
        """FTS5 over the interactions' search text, every token prefix-matched and quoted (as
        ``match_where``); without the index, LIKE finds the same notes."""
        if not self.has_note_search or not tokens:
            return like_match_where(tokens, name="note")
        query = " AND ".join('"' + token.replace('"', '""') + '"*' for token in tokens)
        return "id IN (SELECT rowid FROM interaction_fts WHERE interaction_fts MATCH :note_match)", {
            "note_match": query}

    def newest_notes_from(self, conn: Any, tokens: list[str], many: int) -> str:
        """SQLite's planner cannot tell how many notes a MATCH finds: counted in the index (up to
        ``many`` and one, so a common word costs no more than a rare one), thousands are read by
        walking the date index (a screenful in a few ms), fewer are all sorted (faster than the walk)."""
        if not self.has_note_search or not tokens:
            return "interaction"
        matching, params = self.note_match_where(tokens)
        found = conn.execute(
            "SELECT count(*) AS n FROM (SELECT rowid FROM interaction_fts WHERE interaction_fts MATCH :note_match "
            f"LIMIT {int(many) + 1}) AS found", params).fetchone().n
        return "interaction INDEXED BY interaction_occurred_at" if found > many else "interaction"

    def mirror_version(self, conn: Any, version: int) -> None:
        conn.execute(f"PRAGMA user_version = {int(version)}")

    def has_table(self, conn: Any, name: str) -> bool:
        return conn.execute("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = :name",
                            {"name": name}).fetchone() is not None

    @contextmanager
    def links_unchecked(self, conn: Any) -> Iterator[None]:
        conn.execute("PRAGMA foreign_keys = OFF")
        try:
            yield
        finally:
            conn.execute("PRAGMA foreign_keys = ON")

    def broken_links(self, conn: Any) -> list[str]:
        return [row.table for row in conn.execute("PRAGMA foreign_key_check").fetchall()]

    def defer_links(self, conn: Any) -> None:
        conn.execute("PRAGMA defer_foreign_keys = ON")

    def match_where(self, tokens: list[str], *, any_word: bool = False) -> tuple[str, dict[str, Any]]:
        """FTS5 over the contacts' search text: every token prefix-matched (``"word"*``), all
        required; or any of them as whole words. Each token is quoted, so input such as
        ``c++`` or a lone ``"`` never raises. Without FTS5, LIKE gives the same people."""
        if not self.has_search or not tokens:
            return like_match_where(tokens, any_word=any_word)
        quoted = ['"' + token.replace('"', '""') + '"' for token in tokens]
        query = " OR ".join(quoted) if any_word else " AND ".join(q + "*" for q in quoted)
        return "id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH :match)", {"match": query}

    @contextmanager
    def bulk_search_index(self, conn: Any, rows: int, first_id: int, *, table: str = "contact") -> Iterator[None]:
        """Inside the import's transaction the insert trigger is set aside and put back exactly as
        it was (its text is read from the schema), and the new rows are indexed in one statement
        instead of one trigger run per row; a failure rolls both back. ``table``: ``contact`` or
        ``interaction`` (whose rows without words stay out of its index, as the trigger leaves them)."""
        trigger, index, words = _BULK_INDEXES[table]
        found = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name", {"name": trigger}
        ).fetchone()
        if rows < 500 or found is None:
            yield
            return
        conn.execute(f"DROP TRIGGER {trigger}")
        yield
        conn.execute(
            f"INSERT INTO {index}(rowid, search_text) SELECT id, search_text FROM {table} WHERE id >= :id{words}",
            {"id": first_id},
        )
        conn.execute(found.sql)

    @contextmanager
    def bulk_search_update(self, conn: Any, ids: Sequence[int]) -> Iterator[None]:
        """Inside the caller's transaction the update trigger is set aside and put back exactly as
        it was: the rows' old texts leave the index in one statement before the block, their new
        ones enter it in one after (an import renewing 3,000 took a third of the time the trigger
        takes, run per row); a failure rolls everything back."""
        found = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'contact_fts_au'"
        ).fetchone()
        if len(ids) < 500 or found is None:
            yield
            return
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS search_renewed (id INTEGER PRIMARY KEY)")
        conn.execute("DELETE FROM search_renewed")
        conn.executemany("INSERT OR IGNORE INTO search_renewed (id) VALUES (:id)", [{"id": i} for i in ids])
        conn.execute("INSERT INTO contact_fts(contact_fts, rowid, search_text) SELECT 'delete', c.id, "
                     "c.search_text FROM contact c JOIN search_renewed r ON r.id = c.id")
        conn.execute("DROP TRIGGER contact_fts_au")
        yield
        conn.execute("INSERT INTO contact_fts(rowid, search_text) SELECT c.id, c.search_text "
                     "FROM contact c JOIN search_renewed r ON r.id = c.id")
        conn.execute(found.sql)
        conn.execute("DELETE FROM search_renewed")

    def insert_rows(self, conn: Any, table: str, columns: Sequence[str], rows: Iterable[Mapping[str, Any]],
                    suffix: str = "") -> None:
        """One prepared statement run for every row (SQLite has no round trips to save)."""
        names = ", ".join(columns)
        marks = ", ".join(f":{column}" for column in columns)
        conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks}){suffix}", rows)

    def update_rows(self, conn: Any, table: str, columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *,
                    added: Sequence[str] = ()) -> None:
        """One prepared statement run for every row."""
        assignments = [f"{column} = :{column}" for column in columns]
        assignments += [f"{column} = {column} + :{column}" for column in added]
        conn.executemany(f"UPDATE {table} SET {', '.join(assignments)} WHERE id = :id", rows)

    def ids_given(self, conn: Any, table: str) -> None:
        """Nothing to do: SQLite's next id is always past the largest one in the table."""

    @contextmanager
    def snapshot(self, conn: Any) -> Iterator[None]:
        """A read transaction: in WAL mode it keeps the view of its first read until it ends."""
        raw = conn.connection.connection.dbapi_connection
        raw.execute("BEGIN")
        try:
            yield
        finally:
            if raw.in_transaction:
                raw.execute("ROLLBACK")

    @contextmanager
    def erased_for_good(self, conn: Any) -> Iterator[None]:
        """``secure_delete`` overwrites the freed pages; the search index is rebuilt afterwards so
        no deleted words stay in its segments."""
        conn.execute("PRAGMA secure_delete = ON")
        try:
            yield
            if self.has_search:
                conn.execute("INSERT INTO contact_fts(contact_fts) VALUES ('optimize')")
            if self.has_note_search:
                conn.execute("INSERT INTO interaction_fts(interaction_fts) VALUES ('optimize')")
        finally:
            conn.execute("PRAGMA secure_delete = OFF")


class Store:
    """A handle on one netnet database. Services open short connections through it.

    Screens hold a Store, never a connection or session.
    """

    remote = False  # a file on this machine: a write is quick, and the call screen writes it at once
    online = True  # a file does not go offline (``PostgresStore.online`` can)
    # The command line's short writes (`netnet add`, `log`, `done`, `snooze`, `drop`): each is one small
    # transaction of SQL text with named parameters, which sqlite3 runs as written, so ``write`` runs it
    # on the DB-API connection and SQLAlchemy's import (about 0.2 s) stays off the command, as ``fast``
    # keeps it off the hot-path reads. The same transaction, lock and waiting as any write; other
    # processes see the commit in ``data_version`` as they see any other. Only for services whose
    # writes are SQL text (a SQLAlchemy expression or a session needs the ordinary road).
    driver_writes = False

    def watch(self) -> None:
        """Nothing to start: other processes' commits show in ``data_version`` by themselves."""

    @property
    def label(self) -> str:
        """The database as netnet names it in a sentence (a server's store names its masked URL)."""
        return str(self.path)

    def __init__(self, path: Path, *, deep_check: bool | str = True) -> None:
        """Open ``path``, refusing files netnet must not touch.

        ``deep_check``: True runs SQLite's full ``quick_check`` before returning;
        "background" runs it in a thread (it reads the whole file: about 0.2 s
        for 30,000 contacts) and makes every write wait for its verdict, so a
        damaged file is still never written to. A migration always checks first.
        """
        self.path = Path(path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._engine = None
        self.created = False
        self.backup_made: Path | None = None
        self.dialect = SQLiteDialect()
        self._verified = threading.Event()
        self._verify_error: StoreError | None = None
        self.write_wait = WRITE_WAIT_SECONDS  # tests shorten it
        self.on_wait: Callable[[], None] | None = None  # told once when a write has to wait
        self.quick_thread: int | None = None  # the interface's thread: its writes wait QUICK_WAIT_SECONDS
        self._open(deep_check)

    @property
    def has_fts(self) -> bool:
        """Whether contacts are searched through SQLite's FTS5 index (else LIKE over search_text)."""
        return self.dialect.has_search

    @has_fts.setter
    def has_fts(self, value: bool) -> None:
        self.dialect.has_search = value

    # -- opening -------------------------------------------------------------
    def _open(self, deep_check: bool | str) -> None:
        state = check_file(self.path)
        if state == "existing":
            before = side_files(self.path)
            try:
                version = _inspect_readonly(self.path, deep=False)
                if version > SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.path} was written by a newer netnet (schema {version}, this one knows "
                        f"{SCHEMA_VERSION}); please upgrade netnet."
                    )
                if deep_check == "background" and not _safe_to_check_later(self.path):
                    deep_check = True
                check_now = deep_check is True or version < SCHEMA_VERSION
                if check_now:
                    _inspect_readonly(self.path, deep=True)
            except StoreError:
                tidy_side_files(self.path, before)  # a refused file is left as it was found
                raise
            if check_now:
                self._verified.set()
            elif deep_check == "background":
                threading.Thread(target=self._verify, name="netnet-verify", daemon=True).start()
            else:
                self._verified.set()
        else:
            self._verified.set()
            from netnet.data.files import make_private_dirs

            try:
                make_private_dirs(self.path.parent)
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600)
                os.close(fd)
                os.chmod(self.path, 0o600)
            except OSError as exc:
                raise StoreError(f"Cannot create {self.path}: {exc.strerror}.") from exc
            self.created = True
            conn = sqlite3.connect(str(self.path), isolation_level=None)
            try:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            finally:
                conn.close()
        conn = self._new_connection()
        conn.row_factory = NamedRow
        self._local.conn = conn  # this thread's connection from now on
        try:
            self.backup_made = self.migrate()
            indexes = {row.name for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE name IN ('contact_fts', 'interaction_fts')")}
            fts5 = fts5_available(conn)
            self.dialect.has_search = fts5 and "contact_fts" in indexes
            self.dialect.has_note_search = fts5 and "interaction_fts" in indexes
        except sqlite3.Error as exc:
            self.close()
            found = diagnose(exc, self.path)
            if found is not None:
                raise found from exc
            raise StoreError(f"{self.path} could not be brought up to date: {exc}.") from exc
        except BaseException as exc:
            self.close()
            found = explain(exc, self.path)
            if found is not None and found is not exc:
                raise found from exc
            raise
        for suffix in ("-wal", "-shm"):
            side = Path(str(self.path) + suffix)
            if side.exists():
                try:
                    os.chmod(side, 0o600)
                except OSError:
                    pass

    def migrate(self, backup_dir: Path | None = None) -> Path | None:
        """Bring the database up to SCHEMA_VERSION, with a kept copy first when it holds data.

        A new database is created from the shipped DDL of the metadata on the DB-API (no
        SQLAlchemy on a first start); an older one is migrated step by step by the runner in
        ``schema.py`` on this store's SQLAlchemy connection, one IMMEDIATE transaction per step.
        """
        conn = self.conn()
        version = pragma(conn, "user_version")
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer netnet (schema {version}, this one knows "
                             f"{SCHEMA_VERSION}); please upgrade.")
        if version == SCHEMA_VERSION:
            return None
        if version == 0:  # a new database: created from the metadata at the current version
            with immediate(conn):
                self.dialect.create_current(conn)
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup = keep_copy(conn, backup_dir or self.path.parent / "backups",
                           f"{self.path.stem}-v{version}-{stamp}.db")
        for step in range(version, SCHEMA_VERSION):
            with self._connection() as tx:
                rebuild = getattr(MIGRATIONS[step], "rebuilds_tables", False)
                with self.dialect.links_unchecked(tx) if rebuild else nullcontext():
                    with self._transaction(tx):
                        run_step(tx, self.dialect, step)
        return backup

    def _verify(self) -> None:
        try:
            _inspect_readonly(self.path, deep=True)
        except StoreError as exc:
            self._verify_error = exc
        finally:
            self._verified.set()

    def verified(self, timeout: float | None = None) -> None:
        """Wait for the integrity check; raise StoreError if the file is damaged."""
        self._verified.wait(timeout)
        if self._verify_error is not None:
            raise self._verify_error

    def _new_connection(self) -> sqlite3.Connection:
        try:
            return raw_connect(self.path)
        except sqlite3.Error as exc:
            found = diagnose(exc, self.path)
            raise (found or StoreError(f"{self.path} cannot be opened for writing: {exc}.")) from exc

    # -- connections ---------------------------------------------------------
    def conn(self) -> sqlite3.Connection:
        """This thread's DB-API connection (created on first use), rows read by name."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._new_connection()
            conn.row_factory = NamedRow
            self._local.conn = conn
        return conn

    @contextmanager
    def fast(self) -> Iterator[FastTx]:
        """A hot-path read on the DB-API (autocommit; each statement sees committed data)."""
        yield FastConnection(self.conn(), self.dialect)

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        """A SQLAlchemy connection from the pool, as netnet's ``SqlTx``; no transaction begun."""
        from netnet.data.sql import SqlTx

        connection = self.engine().connect()
        try:
            yield SqlTx(connection, self.dialect)
        finally:
            connection.close()  # SQLAlchemy's rollback on return finds nothing open

    @contextmanager
    def _transaction(self, tx: Any, wait: float | None = None) -> Iterator[Any]:
        """One IMMEDIATE transaction on ``tx``'s connection, committed when the block ends
        (unless a session committed it already) and rolled back on any error."""
        raw = tx.connection.connection.dbapi_connection
        self._begin_immediate(raw, wait)
        try:
            yield tx
        except BaseException:
            if raw.in_transaction:  # SQLite has already rolled back after a full disk or I/O error
                raw.execute("ROLLBACK")
            raise
        else:
            if raw.in_transaction:
                raw.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[Any]:
        """A SQLAlchemy connection for reads (autocommit; each statement sees committed data)."""
        with self._connection() as tx:
            yield tx

    @contextmanager
    def write(self, *, wait: float | None = None) -> Iterator[Any]:
        """One IMMEDIATE write transaction (only once the file is known to be sound).

        When another process holds the write lock, the wait is visible: after a
        short quiet try ``on_wait`` is called once (the app shows "waiting for
        another netnet…"), then the lock is retried until ``write_wait`` seconds
        have passed in all (``wait`` overrides it for one write), and StoreBusy
        (one sentence) is raised: nothing written.

        With ``driver_writes`` set, the transaction runs on this thread's DB-API
        connection instead (see ``driver_writes``).
        """
        self.verified()
        if self.driver_writes:
            conn = self.conn()
            self._begin_immediate(conn, wait)
            with _finish(conn):
                yield FastConnection(conn, self.dialect)
            return
        with self._sqlalchemy_write(wait) as tx:
            yield tx

    @contextmanager
    def _sqlalchemy_write(self, wait: float | None = None) -> Iterator[Any]:
        with self._connection() as tx, self._transaction(tx, wait):
            yield tx

    def write_bound(self) -> float:
        """How long a write from this thread may wait for another process's lock."""
        if self.quick_thread is not None and threading.get_ident() == self.quick_thread:
            return min(self.write_wait, QUICK_WAIT_SECONDS)  # e.g. the call's autosave, retried each second
        return self.write_wait

    def _begin_immediate(self, conn: sqlite3.Connection, wait: float | None = None) -> None:
        """BEGIN IMMEDIATE, waiting for another writer as ``write`` describes."""
        import time

        deadline = time.monotonic() + max(self.write_bound() if wait is None else wait, 0.0)
        told = False
        wait_ms = _FIRST_TRY_MS
        try:
            while True:
                left_ms = int((deadline - time.monotonic()) * 1000)
                conn.execute(f"PRAGMA busy_timeout = {max(0, min(wait_ms, left_ms))}")
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if not _locked(exc):
                        raise
                    if time.monotonic() >= deadline:
                        raise StoreBusy() from exc
                if not told:
                    told = True
                    callback = self.on_wait
                    if callback is not None:
                        try:
                            callback()
                        except Exception:  # pragma: no cover - a message must never stop a write
                            pass
                wait_ms = _RETRY_MS
        finally:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def data_version(self) -> int:
        """Changes when another connection commits (cheap; polled to refresh views)."""
        return pragma(self.conn(), "data_version")

    def engine(self):
        """A SQLAlchemy engine over the same file, its connections configured as ``raw_connect``'s
        (imported lazily). Transactions are netnet's own (``write``): SQLAlchemy's pysqlite
        dialect never begins one itself."""
        with self._lock:
            if self._engine is None:
                from sqlalchemy import create_engine
                from sqlalchemy.pool import QueuePool

                path = self.path

                def creator() -> sqlite3.Connection:
                    return raw_connect(path)

                self._engine = create_engine("sqlite://", creator=creator, poolclass=QueuePool,
                                             pool_size=4, max_overflow=8)
            return self._engine

    @contextmanager
    def session(self):
        """A short SQLModel session inside one IMMEDIATE transaction (for editing one object)."""
        from sqlmodel import Session

        self.verified()
        with self._sqlalchemy_write() as tx:  # a session needs SQLAlchemy's connection, whatever driver_writes says
            with Session(bind=tx.connection, expire_on_commit=False) as session:
                yield session
                session.commit()

    def backup(self, target: Path, *, how: str = "replace") -> Path:
        """A consistent 0600 copy taken while others may be writing (see ``backup_to``)."""
        conn = self._new_connection()
        try:
            return backup_to(conn, target, how=how)
        finally:
            conn.close()

    def keep_copy(self, folder: Path, name: str) -> Path:
        """A kept copy of the database in ``folder`` (see ``keep_copy``)."""
        conn = self._new_connection()
        try:
            return keep_copy(conn, folder, name)
        finally:
            conn.close()

    def replace_contents(self, source: Path, backup_dir: Path) -> None:
        """Copy every page of ``source`` (opened read-only) into this database through SQLite's
        online backup, then migrate it if it is older; other processes see the new contents."""
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        try:
            dest = raw_connect(self.path)
        except BaseException:
            src.close()
            raise
        try:
            src.backup(dest)
        finally:
            src.close()
            dest.close()
        self.migrate(backup_dir=backup_dir)

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


def file_mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)
