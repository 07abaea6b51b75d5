"""Reading SQLite's PRAGMAs by name, on any connection (with or without a row factory).

A PRAGMA answers in a column named after itself (``PRAGMA user_version`` in
``user_version``), so its value is read by that name, never by position.
"""

from __future__ import annotations

from typing import Any


def _column(statement: str) -> str:
    return statement.split("=", 1)[0].split("(", 1)[0].strip()


def pragma_values(conn: Any, statement: str) -> list[Any]:
    """Every row's value of ``PRAGMA statement`` (e.g. ``quick_check``), read by column name."""
    cursor = conn.execute(f"PRAGMA {statement}")
    names = [d[0] for d in cursor.description or ()]
    wanted = _column(statement)
    return [dict(zip(names, values, strict=True))[wanted] for values in cursor.fetchall()]


def pragma(conn: Any, statement: str) -> Any:
    """The value of a one-row PRAGMA (``user_version``, ``journal_mode = WAL``), or None."""
    found = pragma_values(conn, statement)
    return found[0] if found else None
