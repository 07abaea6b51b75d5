"""Typing left in open forms when netnet was closed, kept to be offered back.

A draft is one form's typed values: ``kind`` says which form, ``title`` is the
line a person reads ("Add a person — Maria"), ``args`` what is needed to open
the same form again, ``fields`` each widget id with its value. Everything is
plain JSON text in the ``draft`` table (migration 3).

These functions are synchronous and short, so the app can call them from a
signal handler on its own thread: ``keep`` waits for another writer at most
``wait`` seconds (a closing terminal does not wait long).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from netnet.core.clock import Clock
from netnet.data.store import Store


@dataclass(frozen=True)
class DraftRow:
    id: int
    kind: str
    title: str
    args: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)
    created_at: datetime | None = None


def _stamp(clock: Clock | None) -> str:
    now = clock.now() if clock is not None else datetime.now(UTC)
    return now.astimezone(UTC).isoformat()


def keep(store: Store, kind: str, title: str, args: dict[str, Any], fields: dict[str, Any],
         clock: Clock | None = None, *, replace_id: int | None = None, wait: float | None = None) -> int:
    """Store one draft (replacing ``replace_id`` if given) and return its id."""
    args_text = json.dumps(args, ensure_ascii=False, default=str)
    fields_text = json.dumps(fields, ensure_ascii=False, default=str)
    with store.write(wait=wait) as conn:
        if replace_id is not None:
            conn.execute("DELETE FROM draft WHERE id = :id", {"id": replace_id})
        cur = conn.execute(
            "INSERT INTO draft (kind, title, args, fields, created_at) "
            "VALUES (:kind, :title, :args, :fields, :at) RETURNING id",
            {"kind": kind, "title": title, "args": args_text, "fields": fields_text, "at": _stamp(clock)},
        )
        return int(cur.fetchone().id)


def _row(row) -> DraftRow:
    def load(text: str) -> dict[str, Any]:
        try:
            value = json.loads(text or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    try:
        created = datetime.fromisoformat(row.created_at)
    except (TypeError, ValueError):
        created = None
    return DraftRow(row.id, row.kind, row.title, load(row.args), load(row.fields), created)


def list_drafts(store: Store) -> list[DraftRow]:
    """Every kept draft, oldest first."""
    with store.fast() as conn:  # offered before the first frame
        rows = conn.execute("SELECT id, kind, title, args, fields, created_at FROM draft ORDER BY id").fetchall()
    return [_row(r) for r in rows]


def take(store: Store, draft_id: int) -> DraftRow | None:
    """One draft, or None when it is gone (it stays stored until ``discard``)."""
    with store.read() as conn:
        row = conn.execute("SELECT id, kind, title, args, fields, created_at FROM draft WHERE id = :id",
                           {"id": draft_id}).fetchone()
    return _row(row) if row is not None else None


def discard(store: Store, draft_ids: list[int] | int) -> int:
    """Forget drafts (saved, or deliberately thrown away); returns how many went."""
    ids = [draft_ids] if isinstance(draft_ids, int) else list(draft_ids)
    if not ids:
        return 0
    with store.write() as conn:
        gone = 0
        for draft_id in ids:
            gone += conn.execute("DELETE FROM draft WHERE id = :id", {"id": draft_id}).rowcount
    return gone
