"""Recovery files: typing that could not be saved in the database is kept on disk.

When a save fails (the row is gone after a restore, the disk is full, the file
is locked for too long), the screen's text is written to a plain-text file in a
``recovered/`` folder beside the database, readable only by its owner, and the
screen says where. A screen keeps one recovery file and replaces it as the
person goes on typing; a new screen never overwrites an older file.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path


def _write(target: Path, body: str, *, exclusive: bool) -> Path:
    """Temporary file, fsync, then link (new, never overwriting) or replace (our own file)."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.partial")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(body.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if exclusive:
            os.link(temp, target)
            os.unlink(temp)
        else:
            os.replace(temp, target)
    finally:
        if temp.exists():
            temp.unlink()
    return target


def _private_folder(folder: Path) -> None:
    if not folder.is_dir():
        folder.mkdir(mode=0o700)
        os.chmod(folder, 0o700)


def recovery_folder(db_path: Path) -> Path:
    return Path(db_path).parent / "recovered"


def keep_recovery(db_path: Path, what: str, text: str, now: datetime, *,
                  replace: Path | None = None) -> Path:
    """Write ``text`` to a recovery file and return its path.

    ``replace``: a recovery file this screen wrote earlier, brought up to date
    in place (atomically). Otherwise a new file with a unique name is created.
    """
    folder = recovery_folder(db_path)
    _private_folder(folder)
    body = text if text.endswith("\n") else text + "\n"
    if replace is not None and replace.parent == folder:
        return _write(replace, body, exclusive=False)
    stem = f"{what}-{now.strftime('%Y%m%dT%H%M%S')}"
    for counter in range(1000):
        name = f"{stem}.txt" if counter == 0 else f"{stem}-{counter}.txt"
        target = folder / name
        if not os.path.lexists(target):
            return _write(target, body, exclusive=True)
    raise FileExistsError(f"too many recovery files named {stem} in {folder}")
