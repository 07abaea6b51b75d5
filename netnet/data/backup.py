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
import sqlite3
from datetime import datetime
from pathlib import Path

from netnet.data.schema import SCHEMA_VERSION
from netnet.data.store import (
    Store,
    StoreError,
    _inspect_readonly,
    _private_dir,
    check_file,
    migrate,
    raw_connect,
)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_backup_target(target: Path, db_path: Path) -> None:
    """Refuse targets that would overwrite something that is not an older netnet backup."""
    if _same_file(target, db_path):
        raise StoreError(f"{target} is the database itself; choose another file for the backup.")
    if target.is_dir():
        raise StoreError(f"{target} is a folder; give a file name for the backup.")
    if not target.parent.is_dir():
        raise StoreError(f"{target.parent} does not exist; create the folder first.")
    if target.exists() and target.stat().st_size > 0:
        check_file(target)  # an older netnet backup may be replaced; anything else is refused


def backup_database(store: Store, target: Path) -> Path:
    """A consistent 0600 copy of the database, taken while other processes may be writing."""
    target = Path(target).expanduser()
    check_backup_target(target, store.path)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        store.backup(partial)
        os.replace(partial, target)
    finally:
        if partial.exists():
            partial.unlink()
    os.chmod(target, 0o600)
    return target


def check_restorable(source: Path) -> int:
    """Check a file to restore from, without changing it; returns its schema version."""
    source = Path(source).expanduser()
    if not source.exists():
        raise StoreError(f"{source} does not exist.")
    if check_file(source) == "new":
        raise StoreError(f"{source} is empty; there is nothing to restore from it.")
    version = _inspect_readonly(source, deep=True)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{source} was written by a newer netnet (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); please upgrade netnet before restoring it."
        )
    return version


def restore_database(store: Store, source: Path, now: datetime) -> Path:
    """Replace the database's contents with ``source``; returns where the old contents were kept."""
    source = Path(source).expanduser()
    if _same_file(source, store.path):
        raise StoreError(f"{source} is the database itself; there is nothing to restore.")
    check_restorable(source)
    folder = store.path.parent / "backups"
    _private_dir(folder)
    kept = folder / f"{store.path.stem}-before-restore-{now.strftime('%Y%m%dT%H%M%SZ')}.db"
    store.backup(kept)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    dest = raw_connect(store.path)
    try:
        src.backup(dest)
        migrate(dest, store.path, backup_dir=folder)
    finally:
        src.close()
        dest.close()
    return kept

