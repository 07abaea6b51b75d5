"""One road to the data: services on a SQLAlchemy connection, SQLite behind one dialect module.

- ``import sqlite3`` appears in one module of netnet (``data/store.py``), and so
  do the things only SQLite knows (PRAGMAs, ``sqlite_master``, the FTS5 table);
- that module's ``SQLiteDialect`` implements every method of ``dialect.Dialect``;
- ``read`` and ``write`` hand services a SQLAlchemy connection (Core rows, read
  by name), while the hot paths stay on the DB-API and never import SQLAlchemy.
"""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import netnet
from netnet.data.dialect import Dialect
from netnet.data.store import SQLiteDialect, Store

PACKAGE = Path(netnet.__file__).parent
DIALECT_MODULE = PACKAGE / "data" / "store.py"
ONLY_SQLITE_KNOWS = ("PRAGMA", "sqlite_master", "contact_fts", "interaction_fts")


def _sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, path.read_text(encoding="utf-8")


def test_only_the_dialect_module_imports_sqlite3() -> None:
    importers = []
    for path, source in _sources():
        for node in ast.walk(ast.parse(source)):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name == "sqlite3" or name.startswith("sqlite3.") for name in names):
                importers.append(path.relative_to(PACKAGE).as_posix())
    assert importers == ["data/store.py"]


def test_only_the_dialect_module_speaks_sqlite() -> None:
    """PRAGMAs, SQLite's catalogue and the FTS5 index are named in SQL nowhere else."""
    found = []
    for path, source in _sources():
        if path == DIALECT_MODULE:
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and not _is_docstring(node, source):
                found += [f"{path.relative_to(PACKAGE)}:{node.lineno} {word}" for word in ONLY_SQLITE_KNOWS
                          if word in node.value]
    assert found == []


def _is_docstring(node: ast.Constant, source: str) -> bool:
    line = source.splitlines()[node.lineno - 1].lstrip()
    return line.startswith(('"""', 'r"""'))


def _postgres_dialect():
    from netnet.data.postgres import PostgresDialect

    return PostgresDialect


@pytest.mark.parametrize("make", [lambda: SQLiteDialect, _postgres_dialect], ids=["sqlite", "postgresql"])
def test_each_dialect_implements_the_whole_interface(make) -> None:
    cls = make()
    wanted = {name for name, _ in inspect.getmembers(Dialect) if not name.startswith("_")}
    wanted |= set(Dialect.__annotations__)
    dialect = cls()
    missing = sorted(name for name in wanted if not hasattr(dialect, name))
    assert missing == []
    for name in wanted:
        member = getattr(Dialect, name, None)
        if callable(member):
            theirs = inspect.signature(getattr(cls, name))
            assert list(theirs.parameters) == list(inspect.signature(member).parameters), name


def test_services_get_a_sqlalchemy_connection_and_core_rows(store: Store) -> None:
    from sqlalchemy import select
    from sqlalchemy.engine import Connection, Row

    from netnet.data.models import Setting

    with store.write() as tx:
        assert isinstance(tx.connection, Connection)
        tx.execute("INSERT INTO setting (key, value) VALUES (:key, :value)", {"key": "theme", "value": '"nord"'})
        assert tx.dialect is store.dialect
    with store.read() as tx:
        row = tx.execute(select(Setting.__table__.c.key, Setting.__table__.c.value)).fetchone()
        assert isinstance(row, Row)
        assert (row.key, row.value) == ("theme", '"nord"')
        by_text = tx.execute("SELECT value FROM setting WHERE key = :key", {"key": "theme"}).fetchone()
        assert by_text.value == '"nord"'


def test_a_failed_write_leaves_nothing_and_the_next_one_works(store: Store) -> None:
    with pytest.raises(ZeroDivisionError), store.write() as tx:
        tx.execute("INSERT INTO setting (key, value) VALUES ('a', '1')")
        raise ZeroDivisionError
    with store.write() as tx:
        tx.execute("INSERT INTO setting (key, value) VALUES ('b', '2')")
    with store.read() as tx:
        assert [r.key for r in tx.execute("SELECT key FROM setting ORDER BY key")] == ["b"]


def test_an_empty_executemany_does_nothing(store: Store) -> None:
    with store.write() as tx:
        assert tx.executemany("INSERT INTO setting (key, value) VALUES (:key, :value)", []).rowcount == 0
    with store.read() as tx:
        assert tx.execute("SELECT count(*) AS n FROM setting").fetchone().n == 0


HOT_PATHS = """
import sys
from pathlib import Path
from netnet.core.clock import Clock
from netnet.data.contacts import count_contacts, list_contacts, query_contacts, search, ListQuery
from netnet.data.drafts import list_drafts
from netnet.data.export_rows import first_emails
from netnet.data.interviews import unfinished_calls
from netnet.data.followups import list_queue, queue_counts
from netnet.data.settings import load_settings
from netnet.data.store import Store

store = Store(Path(sys.argv[1]))
clock = Clock()
assert count_contacts(store) > 0
assert list_contacts(store, limit=40)
query_contacts(store, ListQuery(text="maria"))
search(store, "mraia")  # a typo: the fuzzy fallback too
list_queue(store, clock)
queue_counts(store, clock)
load_settings(store)
list_drafts(store)
first_emails(store)  # `netnet contacts`
first_emails(store, [1, 2])
unfinished_calls(store)  # asked at every start
store.data_version()
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("sqlalchemy", "sqlmodel"))
print(loaded[:3])
"""


def test_the_hot_paths_never_import_sqlalchemy(demo_store: Store) -> None:
    """The first screenful, search per key, the queue, settings and drafts read through the
    DB-API, so SQLAlchemy (0.15 s to import) stays off the first frame and the command line."""
    path = demo_store.path
    demo_store.close()
    done = subprocess.run([sys.executable, "-c", HOT_PATHS, str(path)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
