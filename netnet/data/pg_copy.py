"""PostgreSQL's part of ``netnet copy``: looking at a database before copying into it, and telling
whether two URLs, however spelled, reach one database (the same server, the same database).

Kept beside ``postgres.py`` (the dialect) because only the copy needs it; it writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import create_engine

from netnet.data.errors import StoreError
from netnet.data.pg_errors import explain
from netnet.data.postgres import CONNECT_TIMEOUT, MARK, PostgresDialect, _sa_url, check_url, masked
from netnet.data.sql import SqlTx


def tag_session(conn: Any) -> str:
    """Name this connection's session with a new random word until its transaction ends, so that
    ``look`` can tell whether another URL reaches the same database, however it is spelled."""
    import secrets

    token = f"netnet-copy-{secrets.token_hex(8)}"
    conn.execute("SELECT set_config('application_name', :token, true) AS done", {"token": token})
    return token


@dataclass
class Look:
    """What a database holds, seen without changing it."""

    version: int  # netnet's schema version, 0 for a database without tables
    full: list[str]  # which of the tables asked about hold a row
    tagged: bool  # a session named by ``tag_session`` is on this very database


def look(url: str, tables: Sequence[str], tag: str | None = None) -> Look:
    """Connect to ``url`` and look: refuses, in one sentence, a database netnet cannot use
    (unreachable, tables that are not netnet's); writes nothing."""
    from sqlalchemy.pool import NullPool

    check_url(url)
    label = masked(url)
    engine = create_engine(_sa_url(url), poolclass=NullPool,
                           connect_args={"connect_timeout": CONNECT_TIMEOUT, "application_name": "netnet"})
    try:
        with engine.connect() as connection:
            tx = SqlTx(connection, PostgresDialect())
            tagged = tag is not None and tx.execute(
                "SELECT 1 AS found FROM pg_stat_activity WHERE application_name = :tag "
                "AND datname = current_database()", {"tag": tag}).fetchone() is not None
            present = {r.table_name for r in tx.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
            if not present:
                return Look(0, [], tagged)
            mark = tx.execute("SELECT obj_description(to_regclass('schema_version'), 'pg_class') AS mark").fetchone()
            if "schema_version" not in present or mark.mark != MARK:
                raise StoreError(f"{label} holds tables that are not netnet's, so netnet will not write there; "
                                 f"use an empty database.")
            version = tx.execute("SELECT coalesce(max(version), 0) AS version FROM schema_version").fetchone().version
            full = [table for table in tables if table in present
                    and tx.execute(f'SELECT 1 AS found FROM "{table}" LIMIT 1').fetchone() is not None]
            return Look(version, full, tagged)
    except StoreError:
        raise
    except Exception as exc:
        found = explain(exc, label)
        if found is not None:
            raise found from exc
        raise
    finally:
        engine.dispose()
