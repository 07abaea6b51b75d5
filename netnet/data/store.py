"""Opening netnet's SQLite file safely.

Every connection runs in WAL mode with ``synchronous=FULL``, foreign keys on
and a busy timeout; writes begin IMMEDIATE. A file is checked before SQLite
opens it read-write, so a folder, a foreign or corrupt file, or a database
from a newer netnet is refused without one byte changing.

SQLite-specific work (pragmas, header checks, online backup, file modes) stays
in this module so another dialect can be added beside it.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from netnet.data.errors import CannotWriteNow, StoreError
from netnet.data.pragmas import pragma, pragma_values
from netnet.data.schema import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    create_current,
    fts5_available,
    record_version,
)

BUSY_TIMEOUT_MS = 5000
_HEADER = b"SQLite format 3\x00"


class Tx(Protocol):
    """What a service receives inside one of the store's reads or writes: a connection that
    runs SQL with named parameters and returns rows read by name. Services name this type,
    never the driver's, so the engine behind it can change."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any: ...

    def cursor(self) -> Any: ...


# The engine's error for anything a statement can fail with (a constraint, a lock, a full disk).
DatabaseError = sqlite3.Error


class NamedRow(sqlite3.Row):
    """A row read by name: ``row.display_name`` (as SQLAlchemy's Core rows read) or
    ``row["display_name"]`` (C speed, for the hot paths that stay on the DB-API)."""

    __slots__ = ()

    def __getattr__(self, name: str):
        try:
            return self[name]
        except IndexError:
            raise AttributeError(name) from None



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


def explain(exc: BaseException, path: Path) -> StoreError | None:
    """``diagnose`` for any exception met while working on ``path``: SQLite's own errors,
    the same wrapped by SQLAlchemy, and a full disk reported by the operating system.
    None for anything that is netnet's fault (to be logged)."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return CannotWriteNow(f"The disk is full: netnet could not finish its work on {path}; nothing already "
                              f"saved was changed. Free some space and try again.")
    cause = exc if isinstance(exc, sqlite3.Error) else getattr(exc, "orig", None)
    return diagnose(cause, path) if isinstance(cause, sqlite3.Error) else None


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
    """A configured connection in autocommit mode (transactions are explicit)."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
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


def migrate(conn: sqlite3.Connection, path: Path, backup_dir: Path | None = None) -> Path | None:
    """Bring the database up to SCHEMA_VERSION, with a backup first when it holds data."""
    version = pragma(conn, "user_version")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer netnet (schema {version}, this one knows {SCHEMA_VERSION}); please upgrade."
        )
    if version == SCHEMA_VERSION:
        return None
    if version == 0:  # a new database: created from the metadata at the current version
        with immediate(conn):
            create_current(conn)
        return None
    backup = None
    if version > 0:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        folder = backup_dir or path.parent / "backups"
        backup = keep_copy(conn, folder, f"{path.stem}-v{version}-{stamp}.db")
    for step in range(version, SCHEMA_VERSION):
        rebuild = getattr(MIGRATIONS[step], "rebuilds_tables", False)
        if rebuild:
            conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with immediate(conn):
                MIGRATIONS[step](conn)
                problems = conn.execute("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise StoreError(f"Migration {step + 1} would break {len(problems)} links; nothing was changed.")
                record_version(conn, step + 1)
        finally:
            if rebuild:
                conn.execute("PRAGMA foreign_keys = ON")
    return backup


class Store:
    """A handle on one netnet database. Services open short connections through it.

    Screens hold a Store, never a connection or session.
    """

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
        self._verified = threading.Event()
        self._verify_error: StoreError | None = None
        self.write_wait = WRITE_WAIT_SECONDS  # tests shorten it
        self.on_wait: Callable[[], None] | None = None  # told once when a write has to wait
        self.quick_thread: int | None = None  # the interface's thread: its writes wait QUICK_WAIT_SECONDS
        self._open(deep_check)

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
        try:
            self.backup_made = migrate(conn, self.path)
            self.has_fts = fts5_available(conn) and bool(
                conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'contact_fts'").fetchone()
            )
        except sqlite3.Error as exc:
            conn.close()
            found = diagnose(exc, self.path)
            if found is not None:
                raise found from exc
            raise StoreError(f"{self.path} could not be brought up to date: {exc}.") from exc
        except BaseException:
            conn.close()
            raise
        conn.row_factory = NamedRow
        self._local.conn = conn  # this thread's connection from now on
        for suffix in ("-wal", "-shm"):
            side = Path(str(self.path) + suffix)
            if side.exists():
                try:
                    os.chmod(side, 0o600)
                except OSError:
                    pass

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
        """This thread's connection (created on first use)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._new_connection()
            conn.row_factory = NamedRow
            self._local.conn = conn
        return conn

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A connection for reads (autocommit; each statement sees committed data)."""
        yield self.conn()

    @contextmanager
    def write(self, *, wait: float | None = None) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE write transaction (only once the file is known to be sound).

        When another process holds the write lock, the wait is visible: after a
        short quiet try ``on_wait`` is called once (the app shows "waiting for
        another netnet…"), then the lock is retried until ``write_wait`` seconds
        have passed in all (``wait`` overrides it for one write), and StoreBusy
        (one sentence) is raised: nothing written.
        """
        self.verified()
        conn = self.conn()
        self._begin_immediate(conn, wait)
        with _finish(conn):
            yield conn

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
        """A SQLAlchemy engine over the same file and pragmas (imported lazily)."""
        with self._lock:
            if self._engine is None:
                from sqlalchemy import create_engine, event

                path = self.path

                def creator() -> sqlite3.Connection:
                    return raw_connect(path)

                engine = create_engine("sqlite://", creator=creator)

                @event.listens_for(engine, "begin")
                def _begin(conn) -> None:  # pragma: no cover - exercised via sessions
                    self._begin_immediate(conn.connection.dbapi_connection)

                self._engine = engine
            return self._engine

    @contextmanager
    def session(self):
        """A short SQLModel session inside one IMMEDIATE transaction."""
        from sqlmodel import Session

        self.verified()
        with Session(self.engine(), expire_on_commit=False) as session:
            yield session
            session.commit()

    def backup(self, target: Path, *, how: str = "replace") -> Path:
        """A consistent 0600 copy taken while others may be writing (see ``backup_to``)."""
        conn = self._new_connection()
        try:
            return backup_to(conn, target, how=how)
        finally:
            conn.close()

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
