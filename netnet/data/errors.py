"""The data layer's errors a person can act on, each carrying one sentence.

Kept apart from ``store.py`` so the file writer and the store can both raise
them without importing each other.
"""

from __future__ import annotations


class StoreError(Exception):
    """A problem with the database file that a person can act on (one sentence)."""


class CannotWriteNow(StoreError):
    """Not the file's fault: the disk is full or the file is locked; try again later (exit status 3)."""


class VersionConflict(ValueError):
    """The row was changed elsewhere (another netnet, another device) since it was read:
    the edit is refused, in one sentence, and the typing stays on screen.

    ``current_version`` is the row's version when the edit was refused (None when not
    known): saving again with it as the expected version writes over the other change,
    and is refused again if the row moved on once more."""

    def __init__(self, message: str, *, current_version: int | None = None) -> None:
        super().__init__(message)
        self.current_version = current_version


class RecordGone(VersionConflict):
    """The row an edit was for was removed meanwhile (deleted, moved to the trash, closed):
    nothing was saved, and an edit never brings it back (no overwrite)."""
