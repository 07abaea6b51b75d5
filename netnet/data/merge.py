"""Merging two records of the same person, and undoing it.

The contact kept receives everything of the other: empty fields are filled,
differing values are noted rather than dropped, e-mails, phones, links and
tags are joined, and every interaction, target, interview, referral ask,
follow-up, plan item, introduction and job change moves across. The other record stays
hidden (``merged_into_id``) and a ``merge_record`` holds a snapshot of what
changed, so the merge can be undone exactly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from netnet.core.clock import Clock, to_iso
from netnet.core.duplicates import DuplicatePair, Person, find_duplicates
from netnet.core.fields import MERGE_FILL, MERGE_NOTED
from netnet.data.contacts import normalise_method, refresh_search_text
from netnet.data.sqlrows import in_list
from netnet.data.store import Store, Tx

# Taken from the other contact when the kept one has none, and noted when different: from core.fields.
_FILLABLE = MERGE_FILL
_NOTED = {name: name.replace("_", " ") for name in MERGE_NOTED}
# (table, column) pairs whose rows move from the merged contact to the kept one.
_MOVED = (
    ("interaction", "contact_id"),
    ("target", "contact_id"),
    ("interview", "contact_id"),
    ("referral_ask", "contact_id"),
    ("referral_ask", "introduced_contact_id"),
    ("followup", "contact_id"),
    ("plan_item", "source_contact_id"),
    ("contact", "introduced_by_id"),
    ("job_change", "contact_id"),
    ("opportunity", "source_contact_id"),
)


class MergeError(Exception):
    """A merge that cannot be done (one sentence)."""


@dataclass
class Candidate:
    """A proposed pair, with enough of each side to decide."""

    pair: DuplicatePair
    first: ContactSummary
    second: ContactSummary


@dataclass
class ContactSummary:
    id: int
    display_name: str
    organisation: str
    title: str
    handles: list[str]
    interactions: int
    created_at: str


def duplicate_pairs(store: Store) -> list[DuplicatePair]:
    """Likely duplicates among live contacts."""
    from netnet.core.text import fold

    with store.read() as conn:
        people = conn.execute(
            "SELECT id, display_name, organisation FROM contact WHERE deleted_at IS NULL"
        ).fetchall()
        handles: dict[int, list[tuple[str, str]]] = {}
        # row.name (C speed): these loops run over the whole network.
        for row in conn.execute(
            "SELECT m.contact_id, m.kind, m.norm FROM contact_method m JOIN contact c ON c.id = m.contact_id "
            "WHERE c.deleted_at IS NULL AND m.kind != 'address'"
        ):
            handles.setdefault(row.contact_id, []).append((row.kind, row.norm))
    return find_duplicates(
        Person(p.id, " ".join(fold(p.display_name).split()), " ".join(fold(p.organisation).split()),
               tuple(handles.get(p.id, ())))
        for p in people
    )


def summaries(store: Store, ids: list[int]) -> dict[int, ContactSummary]:
    if not ids:
        return {}
    result: dict[int, ContactSummary] = {}
    with store.read() as conn:
        for start in range(0, len(ids), 900):
            chunk = ids[start:start + 900]
            marks, params = in_list("id", chunk)
            for row in conn.execute(
                f"SELECT id, display_name, organisation, title, created_at, "
                f"(SELECT count(*) FROM interaction i WHERE i.contact_id = contact.id) AS interactions "
                f"FROM contact WHERE id IN ({marks})", params,
            ):
                result[row.id] = ContactSummary(row.id, row.display_name, row.organisation, row.title, [],
                                                row.interactions, row.created_at)
            for row in conn.execute(
                f"SELECT contact_id, value FROM contact_method WHERE contact_id IN ({marks}) "
                f"AND kind != 'address' ORDER BY kind, position", params,
            ):
                result[row.contact_id].handles.append(row.value)
    return result


def candidates(store: Store, limit: int = 500) -> list[Candidate]:
    """Proposed pairs with both sides summarised (strongest first)."""
    pairs = duplicate_pairs(store)[:limit]
    info = summaries(store, sorted({p.first for p in pairs} | {p.second for p in pairs}))
    return [Candidate(p, info[p.first], info[p.second]) for p in pairs if p.first in info and p.second in info]


def _row(conn: Tx, contact_id: int) -> Any:
    return conn.execute("SELECT * FROM contact WHERE id = :id", {"id": contact_id}).fetchone()


def merge_contacts(store: Store, keep_id: int, merge_id: int, clock: Clock) -> int:
    """Fold ``merge_id`` into ``keep_id``; returns the merge record's id (for undo)."""
    if keep_id == merge_id:
        raise MergeError("A contact cannot be merged with itself.")
    now = to_iso(clock.now())
    with store.write() as conn:
        keep, other = _row(conn, keep_id), _row(conn, merge_id)
        if keep is None or other is None:
            raise MergeError("One of these contacts no longer exists.")
        if keep.deleted_at or other.deleted_at:
            raise MergeError("Only contacts outside the trash can be merged.")
        snapshot: dict[str, object] = {
            "kept": {name: keep._mapping[name] for name in (*_FILLABLE, "notes", "display_name", "last_interaction_at",
                                                   "version")},
            "merged": {"introduced_by_id": other.introduced_by_id, "version": other.version},
            "kept_methods": [[r.kind, r.label, r.value, r.norm, r.position] for r in conn.execute(
                "SELECT kind, label, value, norm, position FROM contact_method WHERE contact_id "
                "= :contact_id", {"contact_id": keep_id})],
            "kept_tags": [r.tag for r in conn.execute("SELECT tag FROM contact_tag WHERE contact_id "
                                                      "= :contact_id", {"contact_id": keep_id})],
            "moved": {},
        }
        updates: dict[str, object] = {}
        notes_extra: list[str] = []
        for name in _FILLABLE:
            mine, theirs = keep._mapping[name], other._mapping[name]
            if name == "introduced_by_id" and theirs == keep_id:
                continue
            if mine in (None, "") and theirs not in (None, ""):
                updates[name] = theirs
            elif name in _NOTED and theirs not in (None, "") and str(theirs).casefold() != str(mine).casefold():
                notes_extra.append(f"{_NOTED[name]}: {theirs}")
        ideal = updates.get("ideal_days", keep.ideal_days)
        maximum = updates.get("max_days", keep.max_days)
        if ideal and maximum and maximum < ideal:
            updates["max_days"] = ideal
        if other.display_name.strip().casefold() != keep.display_name.strip().casefold():
            notes_extra.insert(0, f"also known as {other.display_name}")
        notes = keep.notes
        if other.notes.strip() and other.notes.strip() not in notes:
            notes = (notes.rstrip() + "\n\n" if notes.strip() else "") + other.notes.strip()
        if notes_extra:
            notes = (notes.rstrip() + "\n\n" if notes.strip() else "") + "Merged record: " + "; ".join(notes_extra) + "."
        updates["notes"] = notes
        # E-mails, phones and links: keep ours, add theirs unless the same handle is there.
        have = {(r.kind, r.norm) for r in conn.execute(
            "SELECT kind, norm FROM contact_method WHERE contact_id = :contact_id", {"contact_id": keep_id})}
        positions = {r.kind: r.next_position for r in conn.execute(
            "SELECT kind, max(position) + 1 AS next_position FROM contact_method WHERE contact_id = :contact_id "
            "GROUP BY kind", {"contact_id": keep_id}
        ).fetchall()}
        for method in conn.execute(
            "SELECT kind, label, value FROM contact_method WHERE contact_id = :contact_id ORDER BY kind, position",
            {"contact_id": merge_id},
        ).fetchall():
            kind, label, value = method.kind, method.label, method.value
            norm = normalise_method(kind, value)
            if (kind, norm) in have:
                continue
            have.add((kind, norm))
            pos = positions.get(kind, 0)
            positions[kind] = pos + 1
            conn.execute(
                "INSERT INTO contact_method (contact_id, kind, label, value, norm, "
                "position) VALUES (:contact_id, :kind, :label, :value, :norm, :position)",
                {"contact_id": keep_id, "kind": kind, "label": label, "value": value, "norm": norm, "position": pos},
            )
        conn.execute(
            "INSERT INTO contact_tag (contact_id, tag) SELECT :keep_id, "
            "tag FROM contact_tag WHERE contact_id = :contact_id ON CONFLICT DO NOTHING",
            {"keep_id": keep_id, "contact_id": merge_id},
        )
        moved: dict[str, list[int]] = {}
        for table, column in _MOVED:
            ids = [r.id for r in conn.execute(
                f"SELECT id FROM {table} WHERE {column} = :merge_id"
                + (" AND id != :keep_id" if table == "contact" else ""),
                {"merge_id": merge_id, "keep_id": keep_id} if table == "contact" else {"merge_id": merge_id},
            )]
            if ids:
                moved[f"{table}.{column}"] = ids
                conn.executemany(f"UPDATE {table} SET {column} = :keep_id WHERE id = :id",
                                 [{"keep_id": keep_id, "id": i} for i in ids])
        if keep.introduced_by_id == merge_id:
            updates["introduced_by_id"] = other.introduced_by_id if other.introduced_by_id != keep_id else None
        snapshot["moved"] = moved
        assignments = ", ".join(f"{name} = :{name}" for name in updates)
        # Both rows only as read above (their versions): on PostgreSQL another device may write
        # between that read and these writes; then nothing is merged (the whole write rolls back).
        changed = conn.execute(
            f"UPDATE contact SET {assignments}, version = version + 1, updated_at = :updated_at "
            "WHERE id = :id AND version = :version AND deleted_at IS NULL",
            {**updates, "updated_at": now, "id": keep_id, "version": keep.version},
        ).rowcount
        changed += conn.execute(
            "UPDATE contact SET merged_into_id = :merged_into_id, deleted_at = :deleted_at, introduced_by_id = NULL, "
            "version = version + 1, updated_at = :updated_at WHERE id = :id AND version = :version "
            "AND deleted_at IS NULL",
            {"merged_into_id": keep_id, "deleted_at": now, "updated_at": now, "id": merge_id,
             "version": other.version},
        ).rowcount
        if changed != 2:
            raise MergeError("One of these contacts was changed on another device meanwhile, so nothing was "
                             "merged; look again and merge once more.")
        _recount(conn, keep_id)
        refresh_search_text(conn, keep_id)
        record = conn.execute(
            "INSERT INTO merge_record (kept_id, merged_id, snapshot, at) VALUES (:kept_id, :merged_id, :snapshot, :at) RETURNING id",
            {"kept_id": keep_id, "merged_id": merge_id, "snapshot": json.dumps(snapshot), "at": now},
        ).fetchone().id
    return record


def _recount(conn: Tx, contact_id: int) -> None:
    conn.execute(
        "UPDATE contact SET last_interaction_at = (SELECT max(occurred_at) FROM interaction "
        "WHERE contact_id = :contact_id AND kind != 'connected') WHERE id = :id",
        {"contact_id": contact_id, "id": contact_id},
    )


def undo_merge(store: Store, record_id: int, clock: Clock) -> tuple[int, int]:
    """Split a merge apart again; returns (kept id, restored id)."""
    now = to_iso(clock.now())
    with store.write() as conn:
        row = conn.execute(
            "SELECT kept_id, merged_id, snapshot, undone_at FROM merge_record WHERE id = :id", {"id": record_id}
        ).fetchone()
        if row is None:
            raise MergeError("That merge is no longer on record.")
        keep_id, merge_id = row.kept_id, row.merged_id
        if row.undone_at:
            raise MergeError("That merge was already undone.")
        snapshot = json.loads(row.snapshot)
        for key, ids in snapshot["moved"].items():
            table, column = key.split(".")
            conn.executemany(f"UPDATE {table} SET {column} = :merge_id WHERE id = :id AND {column} = :keep_id",
                             [{"merge_id": merge_id, "id": i, "keep_id": keep_id} for i in ids])
        kept = snapshot["kept"]
        fields = [name for name in kept if name not in ("version", "last_interaction_at")]
        conn.execute(
            f"UPDATE contact SET {', '.join(f'{n} = :{n}' for n in fields)}, version = version + 1, "
            "updated_at = :updated_at WHERE id = :id",
            {**{n: kept[n] for n in fields}, "updated_at": now, "id": keep_id},
        )
        conn.execute("DELETE FROM contact_method WHERE contact_id = :contact_id", {"contact_id": keep_id})
        conn.executemany(
            "INSERT INTO contact_method (contact_id, kind, label, value, norm, position) "
            "VALUES (:contact_id, :kind, :label, :value, :norm, :position)",
            # The snapshot keeps each method as [kind, label, value, norm, position].
            [{"contact_id": keep_id, **dict(zip(("kind", "label", "value", "norm", "position"), m, strict=True))}
             for m in snapshot["kept_methods"]],
        )
        conn.execute("DELETE FROM contact_tag WHERE contact_id = :contact_id", {"contact_id": keep_id})
        conn.executemany("INSERT INTO contact_tag (contact_id, tag) VALUES (:contact_id, :tag)",
                         [{"contact_id": keep_id, "tag": t} for t in snapshot["kept_tags"]])
        conn.execute(
            "UPDATE contact SET merged_into_id = NULL, deleted_at = NULL, introduced_by_id = :introduced_by_id, "
            "version = version + 1, updated_at = :updated_at WHERE id = :id",
            {"introduced_by_id": snapshot["merged"]["introduced_by_id"], "updated_at": now, "id": merge_id},
        )
        for contact_id in (keep_id, merge_id):
            _recount(conn, contact_id)
            refresh_search_text(conn, contact_id)
        conn.execute("UPDATE merge_record SET undone_at = :undone_at WHERE id = :id",
                     {"undone_at": now, "id": record_id})
    return keep_id, merge_id


def last_merge(store: Store) -> int | None:
    """The most recent merge that can still be undone."""
    with store.read() as conn:
        row = conn.execute(
            "SELECT id FROM merge_record WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
    return row.id if row else None
