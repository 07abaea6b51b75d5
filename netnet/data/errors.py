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
    the edit is refused, in one sentence, and the typing stays on screen."""
