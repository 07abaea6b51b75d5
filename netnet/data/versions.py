"""An edit made from a copy read earlier (a form) lands only on the row as it was read.

Every table has a ``version`` that each write moves on. A form keeps the version of
the row it was filled from; its save is one statement::

    UPDATE t SET ..., version = version + 1
    WHERE id = :id AND <the row is live> AND version = :expected

so the check and the write are one step on every engine: on PostgreSQL (read
committed) a second device's UPDATE waits for the first one's row lock, then finds
the version moved on and changes nothing. No lost update, and no engine-only SQL.

When the statement changed no row, a second look says why, in one sentence:

- the row is gone, or no longer live (a contact in the trash, a follow-up done or
  dropped): :class:`~netnet.data.errors.RecordGone` — nothing was saved, and an edit
  never brings it back;
- the row is there at another version: :class:`~netnet.data.errors.VersionConflict`
  with the row's current version, so the person can write over the other change on
  purpose (save again with that version expected).

A table joins by describing itself once with :class:`Editable` (contacts, goals,
targets, plan items, follow-ups and opportunities below).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from netnet.data.errors import RecordGone, VersionConflict
from netnet.data.store import Tx


def _plain(name: str) -> str:
    return name


def _titled(what: str) -> Callable[[str], str]:
    def label(name: str) -> str:
        return f"The {what} “{name}”"

    return label


@dataclass(frozen=True)
class Editable:
    """How the rows of one table are edited from a copy read earlier.

    ``name`` is SQL naming the row in sentences; ``label`` turns that name into the
    sentence's subject. ``live`` is SQL that holds while the row may be edited;
    ``state`` is SQL saying why a row that is not live is not, and ``gone_words``
    turns that into words ("moved to the trash"; "removed" when not listed).
    """

    table: str
    what: str  # "contact": "This contact was removed on another device" when the row is gone
    name: str  # SQL: the row's name, for the sentence
    label: Callable[[str], str] = _plain
    live: str = "1 = 1"
    state: str = "''"
    gone_words: Mapping[str, str] = field(default_factory=dict)
    conflict_error: type[VersionConflict] = VersionConflict
    gone_error: type[RecordGone] = RecordGone

    def changed(self, name: str, current_version: int) -> VersionConflict:
        return self.conflict_error(
            f"{self.label(name)} was changed on another device since you opened this form; nothing was saved.",
            current_version=current_version)

    def removed(self, name: str | None, state: str = "") -> RecordGone:
        subject = self.label(name) if name else f"This {self.what}"
        words = self.gone_words.get(state, "removed")
        return self.gone_error(f"{subject} was {words} on another device; nothing was saved.")


CONTACT = Editable(
    "contact", "contact", "display_name", live="deleted_at IS NULL",
    state="CASE WHEN merged_into_id IS NOT NULL THEN 'merged' ELSE 'trashed' END",
    gone_words={"trashed": "moved to the trash", "merged": "merged into another contact"},
)
GOAL = Editable("goal", "goal", "title", label=_titled("goal"))
TARGET = Editable(
    "target", "target",
    "CASE WHEN person_name != '' THEN person_name WHEN job_title != '' THEN job_title ELSE organisation END",
    label=_titled("target"))
PLAN_ITEM = Editable("plan_item", "plan item", "text", label=_titled("plan item"))
OPPORTUNITY = Editable("opportunity", "opportunity", "title", label=_titled("opportunity"),
                       live="deleted_at IS NULL", state="'trashed'", gone_words={"trashed": "moved to the trash"})


def write(conn: Tx, kind: Editable, row_id: int, assignments: str, params: Mapping[str, Any],
          expected_version: int | None) -> None:
    """``UPDATE kind.table SET assignments`` on one live row, moving its version on — only while
    it is still at ``expected_version`` (None: whatever its version). Raises ``RecordGone`` or
    ``VersionConflict`` (see the module's note) when no row was changed."""
    values = {**params, "_row_id": row_id}
    guard = ""
    if expected_version is not None:
        guard, values["_expected_version"] = " AND version = :_expected_version", expected_version
    changed = conn.execute(
        f"UPDATE {kind.table} SET {assignments}, version = version + 1 "
        f"WHERE id = :_row_id AND ({kind.live}){guard}", values,
    ).rowcount
    if changed != 1:
        raise refusal(conn, kind, row_id)


def refusal(conn: Tx, kind: Editable, row_id: int) -> VersionConflict:
    """Why an edit of ``row_id`` changed nothing: the error to raise (the row as it is now)."""
    row = conn.execute(
        f"SELECT version, {kind.name} AS name, CASE WHEN {kind.live} THEN 1 ELSE 0 END AS live, "
        f"{kind.state} AS state FROM {kind.table} WHERE id = :id", {"id": row_id},
    ).fetchone()
    if row is None:
        return kind.removed(None)
    if not row.live:
        return kind.removed(row.name, row.state)
    return kind.changed(row.name, row.version)
