"""netnet's PostgreSQL dialect: the second engine, for a network shared between devices.

The same services run on it through the same ``SqlTx`` (SQLAlchemy over psycopg
3). What differs from SQLite lives here, behind ``dialect.Dialect``:

- **Opening.** A server that cannot be reached, a wrong password or a missing
  database each get one sentence, within a connect timeout. A database holding
  tables that are not netnet's, or written by a newer netnet, is refused
  without anything in it changing. netnet's mark is the comment on its
  ``schema_version`` table (SQLite's is the header's ``application_id``).
- **Schema.** A new database is created from the models' metadata; older ones
  run the same migration steps. Two processes starting at once never both
  migrate: the work happens under a transaction-level advisory lock, and the
  version is read again once the lock is held. Before a migration the whole
  database is kept as a netnet JSON export (0600) in the backups folder.
- **Search.** Contacts' ``search_text`` is folded by netnet itself (accents,
  case, ø ł æ ß), so the same LIKE search as SQLite's fallback finds the same
  people; a ``pg_trgm`` GIN index over the padded text makes it fast. The
  extension is created when the role may; otherwise one sentence names the
  statement for an administrator.
- **Links.** Foreign keys are created DEFERRABLE (INITIALLY IMMEDIATE), so a
  restore can check them at commit, as SQLite's ``defer_foreign_keys`` does.
- **Other devices' changes.** Every write transaction that changed something
  sends ``NOTIFY netnet_changed`` with its process's token as it commits (so
  ``netnet import`` or any other command is heard too); ``ChangeWatcher`` keeps
  one listening connection in a thread and counts what others committed, which
  is what ``data_version`` returns (SQLite's own counter plays that part for a
  file). When that connection breaks, the watcher says the server is offline,
  retries, and counts one change when it is back (something may have been missed).
- **A network that drops.** Connections give up on an unanswering server within
  seconds (TCP user timeout and keepalives), so a write fails with one sentence
  instead of hanging; ``is_unreachable`` tells such a failure from a refusal.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ForeignKeyConstraint, create_engine, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.compiler import compiles

from netnet.data.dialect import like_match_where
from netnet.data.errors import StoreError
from netnet.data.pg_errors import explain
from netnet.data.schema import SCHEMA_VERSION, metadata, record_version, run_step
from netnet.data.sql import SqlTx

MARK = "netnet"  # the comment on schema_version that says the database is netnet's
ADVISORY_KEY = 0x6E65746E  # "netn": the lock held while a database is created or migrated
CONNECT_TIMEOUT = 5  # seconds
CHANNEL = "netnet_changed"  # what every write transaction NOTIFYs as it commits
# A server that stops answering mid-transaction is given up on within seconds, not minutes.
NETWORK_ARGS = {"tcp_user_timeout": 5000, "keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2,
                "keepalives_count": 2}
SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
EXTENSION_STATEMENT = "CREATE EXTENSION IF NOT EXISTS pg_trgm"
SEARCH_INDEX = ("CREATE INDEX IF NOT EXISTS contact_search_trgm ON contact "
                "USING gin ((' ' || search_text || ' ') gin_trgm_ops)")
NOTE_SEARCH_INDEX = ("CREATE INDEX IF NOT EXISTS interaction_search_trgm ON interaction "
                     "USING gin ((' ' || search_text || ' ') gin_trgm_ops)")


@compiles(ForeignKeyConstraint, "postgresql")
def _deferrable_links(constraint, compiler, **kw) -> str:
    """Every foreign key can be checked at commit when a transaction asks (``defer_links``)."""
    text = compiler.visit_foreign_key_constraint(constraint, **kw)
    return text if "DEFERRABLE" in text else text + " DEFERRABLE INITIALLY IMMEDIATE"


def masked(url: str) -> str:
    """The URL as netnet prints it: the password, if any, never shown."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparseable URL is refused elsewhere; never echo what it holds
        return "(a database URL netnet cannot read)"


def _sa_url(url: str) -> URL:
    parsed = make_url(url)
    return parsed.set(drivername="postgresql+psycopg")


def _libpq_url(url: str) -> str:
    """The URL as psycopg takes it (for the listening connection, which is not SQLAlchemy's)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def check_url(url: str) -> None:
    """Refuse, in one sentence, a URL netnet cannot use (before anything is opened)."""
    scheme = url.split("://", 1)[0].lower()
    if scheme not in SCHEMES:
        raise StoreError(f"netnet stores a network in a SQLite file (--db PATH) or a PostgreSQL database "
                         f"(--db-url postgresql://user@host/dbname); {scheme!r} URLs are not supported.")
    try:
        make_url(url)
    except Exception as exc:
        raise StoreError("The database URL cannot be read; write it as postgresql://user@host:port/dbname.") from exc
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise StoreError("PostgreSQL needs its driver, which is not installed: "
                         "pip install 'netnet[postgres]'.") from exc


class PostgresDialect:
    """What only PostgreSQL knows, asked for by services and the migration runner."""

    name = "postgresql"

    def __init__(self) -> None:
        self.has_search = True
        self.has_note_search = True

    def create_current(self, conn: Any) -> None:
        metadata().create_all(conn.connection)
        self.create_extras(conn)
        self.create_note_search(conn)
        record_version(conn, self, SCHEMA_VERSION)

    def create_extras(self, conn: Any) -> None:
        try:
            with conn.savepoint():
                conn.execute(EXTENSION_STATEMENT)
        except DBAPIError as exc:
            raise StoreError(f"netnet's search needs the pg_trgm extension, which this role may not create; "
                             f"ask an administrator to run: {EXTENSION_STATEMENT};") from exc
        conn.execute(SEARCH_INDEX)

    def create_note_search(self, conn: Any) -> None:
        """A pg_trgm index over the interactions' padded search text (the extension is there: the
        contacts' search index needed it first)."""
        conn.execute(NOTE_SEARCH_INDEX)

    def note_match_where(self, tokens: list[str]) -> tuple[str, dict[str, Any]]:
        return like_match_where(tokens, name="note")

    def newest_notes_from(self, conn: Any, tokens: list[str], many: int) -> str:
        return "interaction"  # the planner weighs the trigram index against the date index itself

    def mirror_version(self, conn: Any, version: int) -> None:
        conn.execute(f"COMMENT ON TABLE schema_version IS '{MARK}'")

    def has_table(self, conn: Any, name: str) -> bool:
        return conn.execute("SELECT to_regclass(:name) AS found", {"name": name}).fetchone().found is not None

    def links_unchecked(self, conn: Any):
        return nullcontext()  # PostgreSQL changes tables in place; its links stay checked

    def broken_links(self, conn: Any) -> list[str]:
        """Check now what was deferred (the server would otherwise refuse only at commit)."""
        try:
            with conn.savepoint():
                conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
        except DBAPIError as exc:
            diag = getattr(getattr(exc, "orig", None), "diag", None)
            return [getattr(diag, "table_name", None) or "a table"]
        return []

    def defer_links(self, conn: Any) -> None:
        conn.execute("SET CONSTRAINTS ALL DEFERRED")

    def match_where(self, tokens: list[str], *, any_word: bool = False) -> tuple[str, dict[str, Any]]:
        return like_match_where(tokens, any_word=any_word)

    def bulk_search_index(self, conn: Any, rows: int, first_id: int, *, table: str = "contact"):
        """Nothing to set aside: the trigram index takes an import's rows as they come (rebuilding
        it after a batch measured no faster, and would lock the table for other devices)."""
        return nullcontext()

    def bulk_search_update(self, conn: Any, ids: Sequence[int]):
        """Nothing to set aside: the trigram index follows each row's new search text itself."""
        return nullcontext()

    def erased_for_good(self, conn: Any):
        return nullcontext()  # the server reclaims deleted rows itself (autovacuum)

    def insert_rows(self, conn: Any, table: str, columns: Sequence[str], rows: Iterable[Mapping[str, Any]],
                    suffix: str = "") -> None:
        """COPY, the server's own bulk road, inside the caller's transaction (30,000 contacts in a
        fraction of the time of as many INSERTs); with a ``suffix`` (COPY cannot skip conflicts),
        one INSERT per row, sent in a pipeline."""
        names = ", ".join(columns)
        if suffix:
            marks = ", ".join(f":{column}" for column in columns)
            conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks}){suffix}", rows)
            return
        raw = conn.connection.connection.dbapi_connection  # the same connection, the same transaction
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[column] for column in columns])

    def update_rows(self, conn: Any, table: str, columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *,
                    added: Sequence[str] = ()) -> None:
        """COPY into a temporary table shaped like the columns, then one UPDATE … FROM it: one
        statement for thousands of rows instead of one each (an import changing 3,000 people)."""
        rows = list(rows)
        if len(rows) < 100:
            assignments = [f"{column} = :{column}" for column in columns]
            assignments += [f"{column} = {column} + :{column}" for column in added]
            conn.executemany(f"UPDATE {table} SET {', '.join(assignments)} WHERE id = :id", rows)
            return
        names = ["id", *columns, *added]
        conn.execute(f"CREATE TEMP TABLE netnet_changed AS SELECT {', '.join(names)} FROM {table} WITH NO DATA")
        raw = conn.connection.connection.dbapi_connection  # the same connection, the same transaction
        with raw.cursor() as cursor, cursor.copy(f"COPY netnet_changed ({', '.join(names)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[name] for name in names])
        assignments = [f"{column} = u.{column}" for column in columns]
        assignments += [f"{column} = t.{column} + u.{column}" for column in added]
        conn.execute(f"UPDATE {table} AS t SET {', '.join(assignments)} FROM netnet_changed AS u WHERE t.id = u.id")
        conn.execute("DROP TABLE netnet_changed")

    def ids_given(self, conn: Any, table: str) -> None:
        """After rows were inserted with ids netnet chose, move the table's id sequence past them."""
        conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                     f"coalesce((SELECT max(id) FROM \"{table}\"), 0) + 1, false)")

    @contextmanager
    def snapshot(self, conn: Any) -> Iterator[None]:
        """A read-only REPEATABLE READ transaction: one view of every table until it ends."""
        transaction = conn.connection.begin()
        try:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        finally:
            transaction.rollback()


class PostgresStore:
    """A handle on a netnet database on a PostgreSQL server (see ``store.Store`` for SQLite's)."""

    remote = True  # every write crosses a network that can drop (the call screen writes accordingly)
    driver_writes = False  # no DB-API road of its own (see ``Store.driver_writes``): SQLAlchemy either way

    def __init__(self, url: str, *, deep_check: bool | str = True, connect_timeout: float = CONNECT_TIMEOUT,
                 backups: Path | None = None) -> None:
        check_url(url)
        self.url = url
        self.label = masked(url)
        parsed = make_url(url)
        from netnet import paths

        # Files netnet writes about this database (kept copies, recovery files) go to the data
        # folder; no file of that name is ever made (outputs are checked against it all the same).
        self.path = (backups or paths.data_dir()) / f"{parsed.database or 'netnet'}.postgresql"
        self.dialect = PostgresDialect()
        self.created = False
        self.backup_made: Path | None = None
        self.write_wait = 15.0
        self.on_wait = None
        self.quick_thread: int | None = None
        self.connect_timeout = max(1, int(connect_timeout))
        self.token = secrets.token_hex(8)  # this process's writes, told apart from other devices'
        self.watcher: ChangeWatcher | None = None
        self._engine = create_engine(
            _sa_url(url), pool_size=4, max_overflow=8, pool_pre_ping=True,
            connect_args={"connect_timeout": self.connect_timeout, "application_name": "netnet",
                          **NETWORK_ARGS},
        )
        try:
            self._open()
        except BaseException as exc:
            self._engine.dispose()
            found = explain(exc, self.label)
            if found is not None:
                raise found from exc
            raise

    def __str__(self) -> str:
        return self.label

    # -- opening -------------------------------------------------------------
    def _open(self) -> None:
        with self._connection() as tx:
            version = self._version(tx)
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.label} was written by a newer netnet (schema {version}, this one knows "
                             f"{SCHEMA_VERSION}); please upgrade netnet.")
        if version < SCHEMA_VERSION:
            self.backup_made = self.migrate()

    def _version(self, tx: SqlTx) -> int:
        """The schema version, 0 for an empty database; refuses a database that is not netnet's."""
        tables = [r.table_name for r in tx.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")]
        if not tables:
            return 0
        mark = tx.execute("SELECT obj_description(to_regclass('schema_version'), 'pg_class') AS mark").fetchone()
        if "schema_version" not in tables or mark.mark != MARK:
            raise StoreError(f"{self.label} holds tables that are not netnet's; it was left untouched. "
                             f"Use an empty database for netnet.")
        return tx.execute("SELECT coalesce(max(version), 0) AS version FROM schema_version").fetchone().version

    def migrate(self) -> Path | None:
        """Create or upgrade the schema under the advisory lock (one process at a time)."""
        with self._connection() as tx, tx.connection.begin():
            tx.execute("SELECT pg_advisory_xact_lock(:key)", {"key": ADVISORY_KEY})
            version = self._version(tx)  # again, now that no one else can be migrating
            if version == SCHEMA_VERSION:
                return None
            if version == 0:
                self.dialect.create_current(tx)
                self.created = True
                return None
            kept = self._keep_json(tx, version)
            for step in range(version, SCHEMA_VERSION):
                run_step(tx, self.dialect, step)
            return kept

    def _keep_json(self, tx: SqlTx, version: int) -> Path:
        from netnet.data import files
        from netnet.data.json_file import dump_rows

        now = datetime.now(UTC)
        stamp = now.strftime("%Y%m%dT%H%M%SZ")
        return files.keep_text(files.backups_folder(self.path), f"{self.path.stem}-v{version}-{stamp}.json",
                               dump_rows(tx, now, version))

    def verified(self, timeout: float | None = None) -> None:
        """The server checks its own pages; nothing to wait for."""

    # -- connections ---------------------------------------------------------
    @contextmanager
    def _connection(self) -> Iterator[SqlTx]:
        connection = self._engine.connect()
        try:
            yield SqlTx(connection, self.dialect)
        finally:
            connection.close()

    @contextmanager
    def read(self) -> Iterator[SqlTx]:
        with self._connection() as tx:
            yield tx

    fast = read  # no DB-API road of its own: the hot paths read through SQLAlchemy too

    @contextmanager
    def write(self, *, wait: float | None = None) -> Iterator[SqlTx]:
        """One write transaction; a lock another device holds is waited for up to ``write_wait``
        seconds (``wait`` for this one), then the change is refused with one sentence."""
        seconds = self.write_wait if wait is None else wait
        with self._connection() as tx, tx.connection.begin():
            tx.execute(f"SET LOCAL lock_timeout = '{max(1, int(seconds * 1000))}ms'")
            yield tx
            # Heard by every other netnet on this database once this commits; a transaction that
            # changed nothing has no transaction id and tells no one.
            tx.execute("SELECT pg_notify(:channel, :token) WHERE pg_current_xact_id_if_assigned() IS NOT NULL",
                       {"channel": CHANNEL, "token": self.token})

    @contextmanager
    def session(self):
        from sqlmodel import Session

        with self.write() as tx, Session(bind=tx.connection, expire_on_commit=False) as session:
            yield session
            session.commit()  # joined to the write's transaction: flushes; the write commits

    def watch(self) -> ChangeWatcher:
        """Start hearing other processes' commits (once; the app calls this, commands do not)."""
        if self.watcher is None:
            self.watcher = ChangeWatcher(_libpq_url(self.url), self.token, connect_timeout=self.connect_timeout)
            self.watcher.start()
        return self.watcher

    def data_version(self) -> int:
        """How many commits of other processes were heard (0 until ``watch`` starts the listener)."""
        return self.watcher.changes if self.watcher is not None else 0

    @property
    def online(self) -> bool:
        """False while the listening connection cannot reach the server."""
        return self.watcher.online if self.watcher is not None else True

    def engine(self):
        return self._engine

    @property
    def has_fts(self) -> bool:
        return self.dialect.has_search

    @has_fts.setter
    def has_fts(self, value: bool) -> None:
        self.dialect.has_search = value  # LIKE either way: the trigram index only makes it fast

    def backup(self, target: Path, *, how: str = "replace") -> Path:
        """A complete netnet JSON export of the database, 0600, written atomically."""
        from netnet.data import files
        from netnet.data.json_file import dump_rows

        with self.read() as tx:
            text = dump_rows(tx, datetime.now(UTC))
        return files.write_file(target, text, database=self.path, unique=(how == "unique"), what="the backup")

    def close(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        self._engine.dispose()


class ChangeWatcher:
    """One listening connection in a daemon thread: counts what other processes commit.

    ``changes`` only grows (read by the app's refresh timer); ``online`` says
    whether the server answers. A broken connection is retried with a growing
    pause (up to ``MAX_PAUSE``); when it is back one change is counted, as
    commits made meanwhile were not heard. The connection is also asked a
    question every ``PROBE_SECONDS`` so a silent network is noticed.
    """

    MAX_PAUSE = 2.0
    PROBE_SECONDS = 2.0

    def __init__(self, conninfo: str, token: str, *, connect_timeout: int = CONNECT_TIMEOUT) -> None:
        self.conninfo = conninfo
        self.token = token
        self.connect_timeout = connect_timeout
        self.changes = 0
        self.last_heard = ""  # the token of the last other process heard (tests wait for it)
        self.online = True
        self.listening = threading.Event()  # set while LISTEN is in place (tests wait for it)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="netnet-listen", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)

    def _run(self) -> None:
        import time

        import psycopg

        pause = 0.25
        missed = False
        while not self._stop.is_set():
            try:
                with psycopg.connect(self.conninfo, autocommit=True, connect_timeout=self.connect_timeout,
                                     application_name="netnet (listening)", **NETWORK_ARGS) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    self.online = True
                    pause = 0.25
                    if missed:
                        self.changes += 1
                        missed = False
                    probed = time.monotonic()
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.2):
                            if note.payload != self.token:
                                self.last_heard = note.payload
                                self.changes += 1
                        if time.monotonic() - probed >= self.PROBE_SECONDS:
                            conn.execute("SELECT 1")
                            probed = time.monotonic()
            except Exception:
                if self._stop.is_set():
                    return
                self.listening.clear()
                self.online = False
                missed = True
                self._stop.wait(pause)
                pause = min(pause * 2, self.MAX_PAUSE)


def is_unreachable(exc: BaseException) -> bool:
    """Whether a failed write failed because the server could not be reached (not because it refused)."""
    cause = getattr(exc, "orig", exc)
    seen = 0
    while cause is not None and seen < 5:
        if type(cause).__module__.startswith("psycopg"):
            import psycopg

            return (isinstance(cause, psycopg.OperationalError)
                    and not isinstance(cause, psycopg.errors.LockNotAvailable | psycopg.errors.DiskFull))
        cause, seen = cause.__cause__, seen + 1
    return False


def drop_everything(url: str) -> None:
    """Empty a database of every table netnet made (for tests and ``--demo``-like set-ups)."""
    engine = create_engine(_sa_url(url))
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    finally:
        engine.dispose()
