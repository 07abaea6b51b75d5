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


def check_backup_target(target: Path, db_path: Path) -> Path:
    """Refuse targets that would overwrite something that is not an older netnet backup; returns the real path.

    The rules of every output apply (not the database or its side files or a
    kept copy, however spelled; a regular file or a new path), and an existing
    non-empty file must itself be a netnet database.
    """
    real = files.check_target(target, database=db_path, what="the backup")
    if real.exists() and real.stat().st_size > 0:
        check_file(real, writable=False)  # an older netnet backup may be replaced; anything else is refused
    return real


def _failure(exc: BaseException, path: Path) -> StoreError:
    return explain(exc, path) or StoreError(f"{path} could not be written: {exc}.")


def backup_database(store: Store, target: Path) -> Path:
    """A consistent 0600 copy of the database, taken while other processes may be writing."""
    target = Path(target).expanduser()
    real = check_backup_target(target, store.path)
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


def restore_database(store: Store, source: Path, now: datetime) -> Path:
    """Replace the database's contents with ``source``; returns where the old contents were kept.

    The kept copy gets a name no file has yet (two restores in the same second
    keep both earlier versions).
    """
    source = Path(source).expanduser()
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
