"""A scratch PostgreSQL database for a test module: created beside the one
NETNET_TEST_DATABASE_URL names, and dropped afterwards (even with connections left open)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def scratch_database(admin_url: str, label: str) -> Iterator[str]:
    import psycopg
    from sqlalchemy import make_url

    base = make_url(admin_url).set(drivername="postgresql")
    name = re.sub(r"[^a-z0-9_]", "_", f"netnet_t_{label}_{os.getpid()}".lower())[:60]
    dsn = base.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
