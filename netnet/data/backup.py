"""Backup and restore of the whole database file (SQLite's online backup behind one seam).

A backup is written to a temporary name beside the target and renamed into
place, so an interrupted backup never leaves a half-written file under the
name asked for. A restore checks the file with the same rules that guard
opening a database, keeps a 0600 copy of the current one, then copies the
file's pages into the live database through the backup API (other netnet
processes that have it open simply see the new contents).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from netnet.data import files
from netnet.data.schema import SCHEMA_VERSION
from netnet.data.store import (
    Store,
    StoreError,
    _inspect_readonly,
    check_file,
    driver_error,
    explain,
    side_files,
    tidy_side_files,
)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_backup_target(target: Path, db_path: Path, *, as_json: bool = False) -> Path:
    """Refuse targets that would overwrite something that is not an older netnet backup; returns the real path.

    The rules of every output apply (not the database or its side files or a
    kept copy, however spelled; a regular file or a new path), and an existing
    non-empty file must itself be a netnet database (``as_json``: a netnet JSON
    export, the backup of a database on a server).
    """
    real = files.check_target(target, database=db_path, what="the backup")
    if real.exists() and real.stat().st_size > 0:
        if as_json:
            _check_json_backup(real)
        else:
            check_file(real, writable=False)  # an older netnet backup may be replaced; anything else is refused
    return real


def _check_json_backup(path: Path) -> dict:
    from netnet.core.records import FileRefused
    from netnet.data.json_file import load_dump

    try:
        return load_dump(path.read_bytes())
    except FileRefused as exc:
        raise StoreError(f"{path} is not a netnet backup ({exc}); it was left untouched.") from exc
    except OSError as exc:
        raise files.os_error(exc, path) from exc


def on_server(store) -> bool:
    """Whether the database lives on a server (its backup is a netnet JSON export)."""
    return store.dialect.name != "sqlite"


def is_json_backup(path: Path) -> bool:
    """Whether ``path`` holds JSON text (a netnet JSON export) rather than a SQLite file."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head.startswith(b"{")


def _failure(exc: BaseException, path: Path) -> StoreError:
    return explain(exc, path) or StoreError(f"{path} could not be written: {exc}.")


def backup_database(store: Store, target: Path) -> Path:
    """A consistent 0600 copy of the database, taken while other processes may be writing (on a
    server: a complete netnet JSON export, which ``restore`` loads into an empty database)."""
    target = Path(target).expanduser()
    real = check_backup_target(target, store.path, as_json=on_server(store))
    files.remove_stale_temps(real.parent)
    try:
        store.backup(real)
    except OSError as exc:
        raise files.os_error(exc, target) from exc
    except Exception as exc:
        if not driver_error(exc):
            raise
        raise _failure(exc, target) from exc
    return target


def check_restorable(source: Path) -> int:
    """Check a file to restore from, without changing it (it may be read-only); returns its schema version."""
    source = Path(source).expanduser()
    if not source.exists():
        raise StoreError(f"{source} does not exist.")
    if check_file(source, writable=False) == "new":
        raise StoreError(f"{source} is empty; there is nothing to restore from it.")
    before = side_files(source)
    try:
        version = _inspect_readonly(source, deep=True)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{source} was written by a newer netnet (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); please upgrade netnet before restoring it."
            )
    except StoreError:
        tidy_side_files(source, before)
        raise
    return version


def restore_json(store: Store, source: Path, clock) -> int:
    """Load a netnet JSON backup into an empty database (a new file, or an empty one on a server);
    returns the rows restored. A database that holds a network is refused: nothing is merged."""
    from netnet.data.json_file import import_json, is_empty

    document_bytes = Path(source).expanduser().read_bytes()
    if not is_empty(store):
        raise StoreError("A JSON backup is restored only into an empty database; this one holds a network. "
                         "Restore into a new file (--db) or an empty database, or import it to merge "
                         "the contacts (netnet import json).")
    summary = import_json(store, document_bytes, Path(source).name, clock)
    return summary.created


def restore_database(store: Store, source: Path, now: datetime) -> Path:
    """Replace the database's contents with ``source``; returns where the old contents were kept.

    The kept copy gets a name no file has yet (two restores in the same second
    keep both earlier versions).
    """
    source = Path(source).expanduser()
    if on_server(store):
        raise StoreError(f"{source} is a SQLite backup, which cannot be loaded into a database on a server; "
                         f"restore it into a file (netnet --db FILE restore …) and take a JSON backup there.")
    if _same_file(source, store.path):
        raise StoreError(f"{source} is the database itself; there is nothing to restore.")
    check_restorable(source)
    folder = files.backups_folder(store.path)
    name = f"{store.path.stem}-before-restore-{now.strftime('%Y%m%dT%H%M%SZ')}.db"
    try:
        kept = store.keep_copy(folder, name)
    except OSError as exc:
        raise files.os_error(exc, folder / name) from exc
    except Exception as exc:
        if not driver_error(exc):
            raise
        raise _failure(exc, folder / name) from exc
    try:
        store.replace_contents(source, backup_dir=folder)
    except Exception as exc:
        if not driver_error(exc):
            raise
        raise _failure(exc, store.path) from exc
    return kept
