"""Small helpers for SQL with named parameters and rows read by name.

Services write ``WHERE id = :id`` with a dict and read ``row.display_name``.
Two cases need a helper: a list of values for ``IN (...)`` (one named
parameter per value) and the hot paths that read plain tuples for speed, where
columns are matched to fields by name once per cursor, never by position.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any


def in_list(name: str, values: Iterable[Any]) -> tuple[str, dict[str, Any]]:
    """``(":name_0, :name_1", {"name_0": …, "name_1": …})`` for ``x IN (...)``."""
    params = {f"{name}_{n}": value for n, value in enumerate(values)}
    return ", ".join(f":{key}" for key in params), params


def columns(result) -> dict[str, int]:
    """Where each column of a result is, by name (read once per result): ``result`` is the
    column names themselves (from ``tuples``), a SQLAlchemy result or a DB-API cursor."""
    if isinstance(result, list | tuple):
        names = result
    elif hasattr(result, "keys"):
        names = list(result.keys())
    else:
        names = [column[0] for column in result.description]
    return {name: index for index, name in enumerate(names)}


def rows_as(cls, names, rows: Sequence[Sequence[Any]]) -> list:
    """Build ``cls`` (a NamedTuple) from ``rows`` whose columns are ``names`` (see ``columns``),
    each field from the column of its name. The columns are matched once; when they already
    come in the fields' order (the usual case) the tuples are used as they are, at C speed."""
    where = columns(names)
    picks = [where[name] for name in cls._fields]
    if picks == list(range(len(where))):
        return list(map(cls._make, rows))
    pick = itemgetter(*picks)
    return [cls._make(pick(row)) for row in rows]


def values(cursor, names: Sequence[str]) -> Iterator[tuple]:
    """Each remaining row of ``cursor`` as a tuple of the columns ``names``, in that order.

    For loops over many rows (the queue, the check-ins): the columns are found by
    name once per cursor, then each row is picked at C speed."""
    where = columns(cursor)
    pick = itemgetter(*(where[name] for name in names))
    if len(names) == 1:
        return ((value,) for value in map(pick, cursor))
    return map(pick, cursor)

