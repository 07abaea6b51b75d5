"""One sentence for a write that could not happen now: the disk is full, or another
netnet holds the write lock. SQLite rolls the transaction back in both cases, so
nothing was changed; the command line exits 3, screens show the sentence."""

from __future__ import annotations

import errno
from pathlib import Path

NOT_NOW_EXIT = 3


def not_now_sentence(exc: BaseException, db_path: Path) -> str | None:
    """The sentence for ``exc`` when it means "not now", or None for anything else."""
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT) or "disk is full" in text:
        return (f"The disk holding {Path(db_path).parent} is full: nothing was changed. "
                "Free some space and try again.")
    if "database is locked" in text or "database is busy" in text:
        return "Another netnet is writing to this database: nothing was changed. Try again in a moment."
    return None
