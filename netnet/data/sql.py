"""netnet's handle for one read or write: SQL on a SQLAlchemy ``Connection``.

Services receive a :class:`SqlTx` from ``store.read()`` or ``store.write()``
and never see the driver. A statement is either a SQLAlchemy expression
(``select``, ``insert``, ``update`` with ``.where``) or SQL text with named
parameters (``WHERE id = :id``), which goes to the driver as written (its
marks translated once per statement); rows come back as Core rows, read by
name (``row.display_name``), never as ORM objects. Bulk work is one
``executemany`` per statement, fed in chunks.

The handle also carries the engine's dialect (``tx.dialect``): the few things
only one engine knows (its search index, its pragmas) are asked of it, so a
service never spells them itself.

This module imports SQLAlchemy, so it is imported on the first read or write
that is not one of the hot paths (which ``store.fast()`` serves through the
DB-API with rows read by name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from functools import lru_cache
from itertools import islice
from typing import Any

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

# What a statement fails with (a constraint, a lock, a full disk), whatever the engine.
DatabaseError = DBAPIError


# A named parameter in SQL text, as SQLAlchemy's text() finds them (not a PostgreSQL cast, x::int).
_BIND = re.compile(r"(?<![:\w\\]):(\w+)(?!:)")


@lru_cache(maxsize=2048)
def _native(sql: str, paramstyle: str) -> str:
    """SQL text with ``:name`` parameters, written in the driver's own marks so it goes to the driver
    unchanged, without SQLAlchemy compiling it or processing each row's parameters (a third of an
    import's time): sqlite3 reads ``:name`` itself; psycopg reads ``%(name)s``, and ``%%`` as ``%``."""
    if paramstyle in ("format", "pyformat"):
        return _BIND.sub(r"%(\1)s", sql.replace("%", "%%"))
    return sql


CHUNK = 2000  # rows per driver call in executemany


class _Done:
    """What an ``executemany`` returns: how many rows it changed in all."""

    __slots__ = ("rowcount",)

    def __init__(self, rowcount: int) -> None:
        self.rowcount = rowcount


class SqlTx:
    """One connection's worth of work: named-parameter SQL or SQLAlchemy expressions, Core rows back."""

    __slots__ = ("connection", "dialect")

    def __init__(self, connection: Connection, dialect: Any) -> None:
        self.connection = connection
        self.dialect = dialect

    def _sql(self, statement: str) -> str:
        return _native(statement, self.connection.dialect.paramstyle)

    def execute(self, statement: Any, parameters: Any = None, /) -> Any:
        """Run one statement. SQL text takes a mapping of named parameters (``:name``) and goes to
        the driver as written (``_native``); a sequence of parameters is handed over with the
        driver's own positional marks, as written. An expression is compiled by SQLAlchemy."""
        if isinstance(statement, str):
            if parameters is None or isinstance(parameters, Mapping):
                return self.connection.exec_driver_sql(self._sql(statement), parameters or {})
            return self.connection.exec_driver_sql(statement, tuple(parameters))
        return self.connection.execute(statement, parameters)

    def executemany(self, statement: Any, parameters: Iterable[Any], /) -> Any:
        """Run one statement for each set of parameters, a driver call per ``CHUNK`` of them, so a
        generator of a million rows is never held in memory at once. Returns the total rowcount."""
        rows = iter(parameters)
        total = 0
        while chunk := list(islice(rows, CHUNK)):
            if isinstance(statement, str):
                if isinstance(chunk[0], Mapping):
                    result = self.connection.exec_driver_sql(self._sql(statement), chunk)
                else:
                    result = self.connection.exec_driver_sql(statement, [tuple(row) for row in chunk])
            else:
                result = self.connection.execute(statement, chunk)
            total += max(result.rowcount, 0)
        return _Done(total)

    def tuples(self, sql: str, parameters: Mapping[str, Any] | None = None, /) -> tuple[list[str], list]:
        """A hot path's read: the column names and every row (tuple-like), for ``sqlrows.rows_as``."""
        result = self.connection.exec_driver_sql(self._sql(sql), parameters or {})
        return list(result.keys()), result.all()

    def stream(self, sql: str, parameters: Mapping[str, Any] | None = None, /, *, batch: int = CHUNK) -> Any:
        """The rows of a long read, fetched ``batch`` at a time (on PostgreSQL a server-side cursor,
        inside the caller's transaction), so a table of any size is never held whole."""
        return self.connection.exec_driver_sql(self._sql(sql), parameters or {},
                                               execution_options={"yield_per": batch})

    @contextmanager
    def savepoint(self):
        """A nested transaction: rolled back alone if its block raises."""
        with self.connection.begin_nested():
            yield self
