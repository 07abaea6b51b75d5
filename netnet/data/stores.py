"""Opening a netnet database of either engine: a file path is SQLite, a URL is PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def is_url(target: str | Path) -> bool:
    return isinstance(target, str) and "://" in target


def open_store(target: str | Path, *, deep_check: bool | str = True) -> Any:
    """The store for ``target``: ``store.Store`` for a SQLite file, ``postgres.PostgresStore`` for a
    ``postgresql://`` URL (imported only then: it brings SQLAlchemy and the driver)."""
    if is_url(target):
        from netnet.data.postgres import PostgresStore

        return PostgresStore(str(target), deep_check=deep_check)
    from netnet.data.store import Store

    return Store(Path(target), deep_check=deep_check)
