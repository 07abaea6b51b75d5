"""Recovery files: typing that could not be saved in the database is kept on disk.

When a save fails (the row is gone after a restore, the disk is full, the file
is locked for too long), the screen's text is written to a plain-text file in a
``recovered/`` folder beside the database, readable only by its owner, and the
screen says where. A screen keeps one recovery file and replaces it as the
person goes on typing; a new screen never overwrites an older file. Every
write goes through the one writer in ``files.py``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from netnet.data.files import make_private_dirs, write_file


def recovery_folder(db_path: Path) -> Path:
    return Path(db_path).parent / "recovered"


def keep_recovery(db_path: Path, what: str, text: str, now: datetime, *,
                  replace: Path | None = None) -> Path:
    """Write ``text`` to a recovery file and return its path.

    ``replace``: a recovery file this screen wrote earlier, brought up to date
    in place (atomically). Otherwise a new file with a unique name is created.
    """
    folder = make_private_dirs(recovery_folder(db_path))
    body = text if text.endswith("\n") else text + "\n"
    if replace is not None and replace.parent == folder:
        return write_file(replace, body, database=Path(db_path), what="the recovery file")
    name = f"{what}-{now.strftime('%Y%m%dT%H%M%S')}.txt"
    return write_file(folder / name, body, database=Path(db_path), unique=True, what="the recovery file")
