"""netnet's handle for one read or write: SQL on a SQLAlchemy ``Connection``.

Services receive a :class:`SqlTx` from ``store.read()`` or ``store.write()``
and never see the driver. A statement is either a SQLAlchemy expression
(``select``, ``insert``, ``update`` with ``.where``) or SQL text with named
parameters (``WHERE id = :id``), which becomes ``text()``; rows come back as
Core rows, read by name (``row.display_name``), never as ORM objects. Bulk
work is one ``executemany`` per statement.

The handle also carries the engine's dialect (``tx.dialect``): the few things
only one engine knows (its search index, its pragmas) are asked of it, so a
service never spells them itself.

This module imports SQLAlchemy, so it is imported on the first read or write
that is not one of the hot paths (which ``store.fast()`` serves through the
DB-API with rows read by name).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from functools import lru_cache
from itertools import islice
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

# What a statement fails with (a constraint, a lock, a full disk), whatever the engine.
DatabaseError = DBAPIError


@lru_cache(maxsize=1024)
def _text(sql: str):
    """SQL text as a ``text()`` construct, built once per distinct statement."""
    return text(sql)


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

    def execute(self, statement: Any, parameters: Any = None, /) -> Any:
        """Run one statement. SQL text takes a mapping of named parameters (``:name``); a
        sequence is handed to the driver with its own positional marks, as written."""
        if isinstance(statement, str):
            if parameters is None:  # SQL as written: a driver that marks parameters with % reads %% as %
                if self.connection.dialect.paramstyle in ("format", "pyformat"):
                    statement = statement.replace("%", "%%")
                return self.connection.exec_driver_sql(statement)
            if isinstance(parameters, Mapping):
                return self.connection.execute(_text(statement), parameters)
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
                    result = self.connection.execute(_text(statement), chunk)
                else:
                    result = self.connection.exec_driver_sql(statement, [tuple(row) for row in chunk])
            else:
                result = self.connection.execute(statement, chunk)
            total += max(result.rowcount, 0)
        return _Done(total)

    def tuples(self, sql: str, parameters: Mapping[str, Any] | None = None, /) -> tuple[list[str], list]:
        """A hot path's read: the column names and every row (tuple-like), for ``sqlrows.rows_as``."""
        result = self.connection.execute(_text(sql), parameters or {})
        return list(result.keys()), result.all()

    @contextmanager
    def savepoint(self):
        """A nested transaction: rolled back alone if its block raises."""
        with self.connection.begin_nested():
            yield self
