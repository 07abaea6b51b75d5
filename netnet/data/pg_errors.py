"""PostgreSQL's errors in one sentence each (kept apart from ``postgres.py`` so that explaining an
error never imports the dialect, SQLAlchemy or the services)."""

from __future__ import annotations

from netnet.data.errors import CannotWriteNow, StoreError


def explain(exc: BaseException, where: str) -> StoreError | None:
    """One sentence for what the server said, when a person can act on it; None otherwise."""
    cause = getattr(exc, "orig", exc)
    module = type(cause).__module__
    if not module.startswith("psycopg"):
        return None
    import psycopg

    text = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
    if isinstance(cause, psycopg.errors.LockNotAvailable):
        return CannotWriteNow(f"{where} is busy: another netnet holds what this change needs; nothing was "
                              f"saved — try again in a moment.")
    if isinstance(cause, psycopg.errors.DiskFull):
        return CannotWriteNow(f"The server's disk is full: nothing already saved in {where} was changed.")
    if isinstance(cause, psycopg.errors.InvalidPassword) or "password authentication failed" in text:
        return StoreError(f"The server refused the password for {where}.")
    if isinstance(cause, psycopg.errors.InvalidCatalogName) or ("database" in text and "does not exist" in text):
        return StoreError(f"{where}: the database does not exist on that server; create it first "
                          f"(createdb) and try again.")
    if isinstance(cause, psycopg.errors.InsufficientPrivilege):
        return StoreError(f"{where}: the server refused this (permission denied: {text}).")
    if isinstance(cause, psycopg.OperationalError):  # the network or the server: try again later (exit 3)
        return CannotWriteNow(f"The PostgreSQL server for {where} could not be reached ({text}).")
    return None
