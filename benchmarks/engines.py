"""Running a benchmark on SQLite (a file, the default) or on PostgreSQL (``--db-url``).

A PostgreSQL database named with ``--db-url`` is EMPTIED first: give it one made for the
benchmark (``createdb netnet_bench``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# benchmarks/copy.py has the name of the standard library's copy module, which pydantic (under
# SQLModel, loaded to create a PostgreSQL schema) imports: load the standard one while this folder
# is off the path, or every benchmark run with --db-url stops at "cannot import name 'deepcopy'".
_HERE = os.path.abspath(os.path.dirname(__file__))
_PATH = list(sys.path)
sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or ".") != _HERE]
import copy  # noqa: E402, F401

sys.path[:] = _PATH

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from netnet.data.stores import is_url, open_store  # noqa: E402


def add_engine_argument(parser) -> None:
    parser.add_argument("--db-url", metavar="URL",
                        help="run on this PostgreSQL database instead of a SQLite file (it is emptied first)")


def fresh_target(path: Path, db_url: str | None) -> Path | str:
    """Where the benchmark's network goes: ``path`` (SQLite), or the emptied PostgreSQL database."""
    if db_url:
        from netnet.data.postgres import drop_everything

        drop_everything(db_url)
        return db_url
    return path


def db_args(target: Path | str) -> list[str]:
    """The command-line arguments that open ``target``."""
    return ["--db-url", str(target)] if is_url(target) else ["--db", str(target)]


def engine_name(target: Path | str) -> str:
    return "PostgreSQL" if is_url(target) else "SQLite"


def bulk_insert(target: Path | str, statements: list[tuple[str, list[dict]]], finish: list[str] = (),
                tables: tuple[str, ...] = ("contact",)) -> None:
    """Create the schema at ``target`` and run each (SQL, rows) in one write transaction; ``tables``
    got ids chosen by the caller."""
    store = open_store(target)
    try:
        with store.write() as tx:
            for sql, rows in statements:
                tx.executemany(sql, rows)
            for table in tables:
                tx.dialect.ids_given(tx, table)
            for sql in finish:
                tx.execute(sql)
        if store.dialect.name == "sqlite":
            store.conn().execute("PRAGMA optimize")
        else:  # in a write, which commits: statistics gathered in a read are rolled back with it
            with store.write() as tx:
                tx.execute("ANALYZE")
    finally:
        store.close()
