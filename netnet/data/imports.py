"""Applying an import: match against the network, create or update, record a batch, undo it.

Importers (``netnet.io``) read files into candidates; this service decides for
each one whether it is new (created), a person already known with something new
(updated), or nothing new (skipped). A person is known when a candidate shares
a row uuid, an e-mail, a phone or a link with a contact, or has the same name
and organisation (a name with a letter in it: "🙂", "?" or "-" name no one in
particular, see :func:`match_key`); candidates also match earlier rows of the
same file, so nothing is ever doubled and importing the same file twice changes
nothing.

Imported contacts get no circle and so no keep-in-touch cadence: an import
never floods the follow-up queue.

A known person whose organisation or title the file changes has changed jobs:
the first row naming them records it (``job_changes.record_changes``: from, to,
when and the file), and queues a congratulation for those it matters for.

Everything runs in one IMMEDIATE transaction with ``executemany`` (30,000
LinkedIn rows in well under the three seconds allowed); new people are
written in batches while the file is read, so memory does not grow with the
file (see :class:`_Import`); every change is recorded in ``import_change`` so
``undo.undo_last_import`` can reverse it.
"""

from __future__ import annotations

import itertools
import json
import re
import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from netnet.core.clock import Clock, from_iso, to_iso
from netnet.core.fields import IMPORT_FILL, IMPORT_REFRESH
from netnet.core.job_changes import is_job_change
from netnet.core.names import name_parts
from netnet.core.records import Candidate
from netnet.core.text import sort_key, words
from netnet.core.validation import has_letters
from netnet.data.contacts import ContactInput, Searched, normalise_method, search_texts_for
from netnet.data.job_changes import Congratulating, Noticed, given_name, record_changes
from netnet.data.store import Store, Tx

if TYPE_CHECKING:  # the data layer does not depend on netnet.io at run time
    from netnet.core.records import Parsed, Rejected

# What an import fills on a known contact and what it brings up to date: from core.fields.
FILL = IMPORT_FILL
REFRESH = IMPORT_REFRESH
FIELDS = ("display_name",) + FILL + REFRESH
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
CONNECTED_NOTE = "Connected on LinkedIn"


class CannotUndo(Exception):
    """An import cannot be undone (one sentence)."""


class NothingToUndo(CannotUndo):
    """There is no import left to undo."""


@dataclass
class ImportSummary:
    source: str
    filename: str
    created: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    batch_id: int | None = None
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)
    job_changes: int = 0  # known people the file shows at another organisation or with another title

    def line(self) -> str:
        moved = ""
        if self.job_changes:
            moved = f"{self.job_changes} changed job{'' if self.job_changes == 1 else 's'}, "
        counts = (f"{self.created} created, {self.updated} updated, {moved}{self.skipped} skipped, "
                  f"{len(self.rejected)} rejected")
        if self.dry_run:
            return f"Dry run of {self.filename}, nothing written: {counts}."
        return f"Imported {self.filename}: {counts}."


@dataclass
class UndoSummary:
    source: str
    filename: str
    removed: int = 0
    restored: int = 0
    kept: int = 0

    def line(self) -> str:
        text = (f"Undid the import of {self.filename}: {self.removed} removed, "
                f"{self.restored} restored to how they were")
        if self.kept:
            text += f", {self.kept} kept because they changed since"
        return text + "."


def handle_norms(kind: str, value: str) -> str | None:
    """The normalised handle used for matching, or None when it is too weak to match on."""
    norm = normalise_method(kind, value)
    if kind == "email":
        return norm if "@" in norm else None
    if kind == "phone":
        return norm if len(norm) >= 7 else None
    if kind == "link":
        return norm or None
    return None


def name_key(display_name: str, organisation: str) -> tuple[str, str]:
    return " ".join(words(display_name)), " ".join(words(organisation))


def match_key(display_name: str, organisation: str, has_handles: bool) -> tuple[str, str] | None:
    """The key a person is matched by when no uuid or handle leads to them, or None.

    A name without a letter ("🙂", "?", "-", "42") folds to nothing that tells
    people apart, so it never pairs a person who has an e-mail, phone or link
    (each of those is imported as their own contact). A row with no handle at all
    is found again only by the exact same text, so importing it twice still
    changes nothing.
    """
    key = name_key(display_name, organisation)
    if has_letters(key[0]):
        return key
    if has_handles:
        return None
    return "=" + " ".join(display_name.split()), key[1]  # "=" never occurs in folded words


class _Names:
    """Contacts by name and organisation, kept exactly as the next import will rebuild it.

    A key names its lowest contact id, the contact an index read from the
    database picks. A key that a row without any handle was matched (or
    created) by is pinned for the rest of the import: no contact may move onto
    it or off it by a changed organisation, or importing the file again would
    send that row to another contact or create it a second time.

    Kept for every row of a file, so kept small: a key is stored as one string
    (the name part never holds "\x1f", which both foldings drop), and a key held
    by one contact maps to its id, not to a set.
    """

    def __init__(self) -> None:
        self.holders: dict[str, int | set[int]] = {}
        self.pinned: set[str] = set()

    @staticmethod
    def _key(key: tuple[str, str]) -> str:
        return "\x1f".join(key)

    def pin(self, key: tuple[str, str]) -> None:
        self.pinned.add(self._key(key))

    def add(self, key: tuple[str, str], cid: int) -> None:
        self._add(self._key(key), cid)

    def _add(self, key: str, cid: int) -> None:
        found = self.holders.get(key)
        if found is None:
            self.holders[key] = cid
        elif isinstance(found, set):
            found.add(cid)
        elif found != cid:
            self.holders[key] = {found, cid}

    def find(self, key: tuple[str, str]) -> int | None:
        found = self.holders.get(self._key(key))
        if isinstance(found, set):
            return min(found) if found else None
        return found

    def change(self, cid: int, display_name: str, old: str, new: str) -> bool:
        """Move a contact to a new organisation's key; False when a pinned key forbids it."""
        before = self._key(match_key(display_name, old, has_handles=False))
        after = self._key(match_key(display_name, new, has_handles=False))
        found = self.holders.get(before)
        held = cid in found if isinstance(found, set) else found == cid
        if before == after or not held:  # not known by its name: nothing moves
            return True
        if before in self.pinned or after in self.pinned:
            return False
        if isinstance(found, set):
            found.discard(cid)
        else:
            del self.holders[before]
        self._add(after, cid)
        return True


# -- matching -------------------------------------------------------------------

@dataclass
class _Known:
    """What the import needs to know about an existing contact."""

    id: int
    uuid: str
    version: int
    fields: dict[str, str | None]
    introduced_by_id: int | None
    vcard_extra: list[str]
    methods: list[tuple[str, str, str, str, int]] = field(default_factory=list)  # kind, label, value, norm, pos
    tags: set[str] = field(default_factory=set)
    connected: bool = False
    circle: str | None = None  # whether a job change is congratulated (job_changes.Congratulating)
    connector_role: str | None = None
    live: bool = True  # not in the trash, not merged into another


@dataclass
class _New:
    """A person this import creates, while their rows are read (or read back to take another)."""

    id: int
    uuid: str
    candidate: Candidate
    methods: list[tuple[str, str, str, str, int]]
    tags: list[str]
    written: bool = False  # already written in an earlier batch and read back by _Import._reload
    had_methods: int = 0  # what the written row already has: only the rest is written again
    had_tags: frozenset[str] = frozenset()
    had_connected: bool = False
    changed: bool = False  # a later row changed it since it was read back


@dataclass
class _Update:
    """What the file changes on a known contact (its ``before`` snapshot is taken from ``known``
    when it is written: nothing changes ``known`` during an import)."""

    known: _Known
    fields: dict[str, str | None]
    add_methods: list[tuple[str, str, str, str, int]]
    add_tags: list[str]
    extra: list[str]
    connected_on: datetime | None
    introduced_by_uuid: str | None
    introduced_by_row_changed: bool = True  # whether the row that named the introducer changed anything else
    dirty: bool = False  # a row changed it: to be written
    rewrite: bool = False  # written earlier in this import and read back: no second version or change row


def _load(conn: Tx, ids: Iterable[int]) -> dict[int, _Known]:
    """The known contacts ``ids``, read in a few statements per 500."""
    known: dict[int, _Known] = {}
    columns = ", ".join(FIELDS)
    ids = sorted(set(ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        params = {f"id_{n}": cid for n, cid in enumerate(chunk)}
        marks = ", ".join(f":{name}" for name in params)
        for row in conn.execute(
            f"SELECT id, uuid, version, introduced_by_id, vcard_extra, circle, connector_role, "
            f"deleted_at, merged_into_id, {columns} FROM contact WHERE id IN ({marks})",
            params,
        ):
            try:
                extra = json.loads(row.vcard_extra or "[]")
            except ValueError:
                extra = []
            fields = row._mapping
            known[row.id] = _Known(row.id, row.uuid, row.version, {name: fields[name] for name in FIELDS},
                                   row.introduced_by_id, extra if isinstance(extra, list) else [],
                                   circle=row.circle, connector_role=row.connector_role,
                                   live=row.deleted_at is None and row.merged_into_id is None)
        for row in conn.execute(
            "SELECT contact_id, kind, label, value, norm, position FROM contact_method "
            f"WHERE contact_id IN ({marks}) ORDER BY contact_id, position, id", params,
        ):
            known[row.contact_id].methods.append((row.kind, row.label, row.value, row.norm, row.position))
        for row in conn.execute(f"SELECT contact_id, tag FROM contact_tag WHERE contact_id IN ({marks})", params):
            known[row.contact_id].tags.add(row.tag)
        for row in conn.execute(
            f"SELECT DISTINCT contact_id FROM interaction WHERE kind = 'connected' AND contact_id IN ({marks})",
            params,
        ):
            known[row.contact_id].connected = True
    return known


def _methods_of(candidate: Candidate) -> list[tuple[str, str, str, str, int]]:
    """The candidate's handles without blanks or repeats, with positions per kind."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str, str, str, int]] = []
    positions: dict[str, int] = {}
    for method in candidate.contact.methods:
        value = method.value.strip()
        if not value:
            continue
        norm = normalise_method(method.kind, value)
        if (method.kind, norm) in seen:
            continue
        seen.add((method.kind, norm))
        pos = positions.get(method.kind, 0)
        positions[method.kind] = pos + 1
        out.append((method.kind, method.label, value, norm, pos))
    return out


def _snapshot(known: _Known) -> dict:
    return {
        "fields": known.fields, "introduced_by_id": known.introduced_by_id,
        "vcard_extra": known.vcard_extra, "methods": known.methods, "tags": sorted(known.tags),
        "version": known.version,
    }


BATCH = 2000  # new people held in memory before they are written; a module constant so tests can shrink it


class _Import:
    """One import while its file is read: each row matched, created, folded or skipped.

    Importing the same file again must change nothing, so every row has to
    match the same contact then as now, when the indexes are rebuilt from the
    database. Hence: a handle (e-mail, phone, link) is given only to the contact
    it already leads to, never to a second one; a name key that a row without
    handles relied on stays where it is (:class:`_Names`); a uuid from the file
    becomes a new contact's uuid only when no earlier row carried it; and an
    introducer that names no one is no change.

    Memory stays bounded by the batch, not the file or the database: what is
    kept for the whole import are small keys (uuid, handle and name key to
    contact id, the introducer a new person names, the known contacts a row
    named). Known contacts are read when a row may name them, a few statements
    per ``BATCH`` rows read ahead (:meth:`take_all`); those a row changed are
    written ``BATCH`` at a time too (:meth:`_flush_known`), and a later row
    naming one reads it back. New people wait in ``pending``
    until ``BATCH`` of them are there, then are written inside the same
    transaction. A later row naming someone already written reads that contact
    back (:meth:`_reload`) and folds into it exactly as into one still waiting
    (:func:`_fold_into_new`); it is written again with the next batch, still as
    created by this import (version 1, one ``created`` change), so counts and
    undo are the same whatever the distance between the two rows.
    """

    def __init__(self, conn: Tx, batch_id: int, now: datetime, *, filename: str = "",
                 today: date | None = None) -> None:
        self.conn = conn
        self.batch_id = batch_id
        self.now = now
        self.today = today or now.astimezone().date()
        self.filename = filename
        self.job_changes = 0  # known people whose organisation or title the file changed
        self.congratulating: Congratulating | None = None  # read at the first job change
        self.stamp = to_iso(now)
        self.by_uuid: dict[str, int] = {}
        self.by_handle: dict[str, int] = {}  # "kind:normalised handle" -> contact id
        self.names = _Names()
        strong: set[int] = set()  # contacts with an e-mail, phone or link to match on
        for row in conn.execute("SELECT contact_id, kind, value FROM contact_method "
                                "ORDER BY contact_id, position, id"):
            handle = handle_norms(row.kind, row.value)
            if handle:
                self.by_handle.setdefault(f"{row.kind}:{handle}", row.contact_id)
                strong.add(row.contact_id)
        for row in conn.execute("SELECT id, uuid, display_name, organisation FROM contact ORDER BY id"):
            self.by_uuid[row.uuid] = row.id
            key = match_key(row.display_name or "", row.organisation or "", row.id in strong)
            if key is not None:
                self.names.add(key, row.id)
        del strong
        self.first_new = self.next_id = conn.execute(
            "SELECT coalesce(max(id), 0) AS last_id FROM contact").fetchone().last_id + 1
        self.uuid_to_id = dict(self.by_uuid)
        self.pending: dict[int, _New] = {}  # new people not written yet, and written ones read back
        self.introducers: dict[int, str] = {}  # written new person -> the uuid their row named as introducer
        self.drafts: dict[int, _Update] = {}  # known contacts a row changed (or named an introducer for)
        self.seen: set[int] = set()  # known contacts a row matched and left as they were
        self.ahead: dict[int, _Known] = {}  # known contacts the rows read ahead may name
        self.touched: set[int] = set()  # known contacts already written by this import
        self.dirty = 0  # drafts changed since known contacts were last written
        self.skipped = 0
        self.updated_rows = 0

    @property
    def created(self) -> int:
        return self.next_id - self.first_new

    def take_all(self, candidates: Iterable[Candidate]) -> None:
        """Every row in order, ``BATCH`` read ahead so the known contacts they may name are
        read together (a guess: a row naming someone else is read then)."""
        rows = iter(candidates)
        while chunk := list(itertools.islice(rows, BATCH)):
            keyed = [self._keys(cand) for cand in chunk]
            maybe = set()
            for cand, _methods, handles, nkey in keyed:
                if cand.uuid and (cid := self.by_uuid.get(cand.uuid.lower())) is not None:
                    maybe.add(cid)
                maybe.update(cid for handle in handles if (cid := self.by_handle.get(handle)) is not None)
                if nkey is not None and (cid := self.names.find(nkey)) is not None:
                    maybe.add(cid)
            self.ahead = _load(self.conn, (cid for cid in maybe if cid < self.first_new
                                           and cid not in self.drafts and cid not in self.seen))
            for row in keyed:
                self.take(*row)
            self.ahead = {}

    @staticmethod
    def _keys(cand: Candidate):
        methods = _methods_of(cand)
        handles = [f"{kind}:{s}" for kind, _l, value, _n, _p in methods
                   if (s := handle_norms(kind, value))]
        nkey = match_key(cand.contact.display_name, cand.contact.organisation, bool(handles))
        return cand, methods, handles, nkey

    def take(self, cand: Candidate, methods, handles, nkey) -> None:
        """Decide one row's fate; a full batch of new people is written at once."""
        match = self.by_uuid.get(cand.uuid.lower()) if cand.uuid else None
        if match is None:
            for handle in handles:
                match = self.by_handle.get(handle)
                if match is not None:
                    break
        if match is None and nkey is not None:
            if not handles:  # the next import can find this row again only by its name key
                self.names.pin(nkey)
            match = self.names.find(nkey)
        if match is None:
            self._create(cand, methods, handles, nkey)
        else:
            if cand.uuid:
                self.uuid_to_id.setdefault(cand.uuid.lower(), match)
            methods = _own_methods(methods, self.by_handle, match)
            if match >= self.first_new:
                self._fold(match, cand, methods)
            else:
                self._merge_known(match, cand, methods)
        if len(self.pending) >= BATCH:
            self.flush()
        if self.dirty >= BATCH:
            self._flush_known()

    def _create(self, cand: Candidate, methods, handles, nkey) -> None:
        cid = self.next_id
        self.next_id += 1
        row_uuid = cand.uuid.lower() if cand.uuid and _UUID.match(cand.uuid.lower()) else None
        if row_uuid is None or row_uuid in self.uuid_to_id:  # taken, or an earlier row matched by it
            row_uuid = str(uuidlib.uuid4())
        else:  # a fresh random uuid is not indexed: no row of the file can name it
            self.by_uuid[row_uuid] = cid
            self.uuid_to_id[row_uuid] = cid
        data = cand.contact
        for name in FILL + REFRESH:  # as stored, so a row folding in later sees what a read-back would
            value = getattr(data, name)
            if name != "notes" and isinstance(value, str):
                setattr(data, name, value.strip())
        item = _New(cid, row_uuid, cand, methods, sorted({t.strip() for t in data.tags if t.strip()}))
        data.methods = []  # kept once, as ``methods``
        self.pending[cid] = item
        if cand.uuid:
            self.uuid_to_id.setdefault(cand.uuid.lower(), cid)
        for handle in handles:
            self.by_handle.setdefault(handle, cid)
        if nkey is not None:
            self.names.add(nkey, cid)

    def _fold(self, cid: int, cand: Candidate, methods) -> None:
        item = self.pending.get(cid)
        if item is None:
            item = self.pending[cid] = self._reload(cid)
        if _fold_into_new(item, cand, methods, self.names):
            item.changed = True
            self.updated_rows += 1
        else:
            self.skipped += 1

    def _merge_known(self, cid: int, cand: Candidate, methods) -> None:
        update = self.drafts.get(cid)
        # only the first row naming them may refresh their job
        first = update is None and cid not in self.seen and cid not in self.touched
        if update is None:  # a draft left unchanged is dropped: the next row starts from the contact again
            target = self.ahead.get(cid) or _load(self.conn, [cid])[cid]
            update = _Update(target, dict(target.fields), [], [], list(target.vcard_extra), None, None,
                             rewrite=cid in self.touched)
        changed = _merge(update, cand, methods, self.names, refresh=first)
        if changed or update.introduced_by_uuid is not None:
            self.drafts[cid] = update
        else:
            self.seen.add(cid)
        if not changed:
            self.skipped += 1
            return
        self.updated_rows += 1
        if not update.dirty:
            update.dirty = True
            self.dirty += 1

    def _reload(self, cid: int) -> _New:
        """A person this import created and already wrote, read back to take a later row of the file."""
        conn = self.conn
        columns = ", ".join(FILL + REFRESH)
        row = conn.execute(f"SELECT uuid, display_name, vcard_extra, {columns} FROM contact WHERE id = :id",
                           {"id": cid}).fetchone()
        values = row._mapping
        data = ContactInput(display_name=row.display_name,
                            **{name: values[name] if name == "birthday" else values[name] or ""
                               for name in FILL + REFRESH})
        methods = [(m.kind, m.label, m.value, m.norm, m.position) for m in conn.execute(
            "SELECT kind, label, value, norm, position FROM contact_method WHERE contact_id = :contact_id "
            "ORDER BY id", {"contact_id": cid})]
        tags = sorted(t.tag for t in conn.execute(
            "SELECT tag FROM contact_tag WHERE contact_id = :contact_id", {"contact_id": cid}))
        connected = conn.execute(
            "SELECT occurred_at FROM interaction WHERE contact_id = :contact_id AND kind = 'connected' "
            "AND import_batch_id = :batch_id", {"contact_id": cid, "batch_id": self.batch_id}).fetchone()
        cand = Candidate(0, data, connected_on=from_iso(connected.occurred_at) if connected else None,
                         vcard_extra=json.loads(row.vcard_extra or "[]"),
                         introduced_by_uuid=self.introducers.get(cid))
        return _New(cid, row.uuid, cand, methods, tags, written=True, had_methods=len(methods),
                    had_tags=frozenset(tags), had_connected=connected is not None)

    def flush(self) -> None:
        """Write the waiting new people, and those read back that a later row changed."""
        items = list(self.pending.values())
        self.pending.clear()
        new = [item for item in items if not item.written]
        again = [item for item in items if item.written and item.changed]
        for item in items:
            if item.candidate.introduced_by_uuid:
                self.introducers[item.id] = item.candidate.introduced_by_uuid
        conn, stamp, batch_id = self.conn, self.stamp, self.batch_id
        if new:  # ids ascend within a batch and every earlier batch is indexed already
            with conn.dialect.bulk_search_index(conn, len(new), new[0].id):
                conn.dialect.insert_rows(conn, "contact", CONTACT_COLUMNS, (
                    {**_columns(item), "id": item.id, "uuid": item.uuid, "import_batch_id": batch_id,
                     "created_at": stamp, "updated_at": stamp} for item in new))
        assignments = ", ".join(f"{name} = :{name}" for name in _COLUMNS)
        for item in again:  # still as created: the version stays 1, so undo removes it whole
            conn.execute(f"UPDATE contact SET {assignments}, updated_at = :updated_at WHERE id = :id",
                         {**_columns(item), "updated_at": stamp, "id": item.id})
        insert = conn.dialect.insert_rows
        insert(conn, "contact_method", METHOD_COLUMNS, itertools.chain(
            (method_params(item.id, m) for item in new for m in item.methods),
            (method_params(item.id, m) for item in again for m in item.methods[item.had_methods:])))
        insert(conn, "contact_tag", TAG_COLUMNS, (
            {"contact_id": item.id, "tag": t} for item in new + again for t in item.tags
            if t not in item.had_tags), suffix=" ON CONFLICT DO NOTHING")
        insert(conn, "interaction", INTERACTION_COLUMNS, (
            {"uuid": str(uuidlib.uuid4()), "contact_id": item.id, "kind": "connected",
             "occurred_at": to_iso(item.candidate.connected_on), "notes": CONNECTED_NOTE,
             "import_batch_id": batch_id, "created_at": stamp, "updated_at": stamp}
            for item in new + again if item.candidate.connected_on is not None and not item.had_connected))
        insert(conn, "import_change", CHANGE_COLUMNS, (
            {"batch_id": batch_id, "contact_id": item.id, "action": "created", "before": None} for item in new))
        if new:
            conn.dialect.ids_given(conn, "contact")

    def finish(self) -> None:
        """Write the last batch, then the known contacts the file changed and every introducer."""
        self.flush()
        for update in self.drafts.values():  # an introducer counts only when it names someone else
            ref = update.introduced_by_uuid
            if ref is None or update.introduced_by_row_changed:
                continue
            if self.uuid_to_id.get(ref) in (None, update.known.id):
                update.introduced_by_uuid = None
                continue
            self.skipped -= 1
            self.updated_rows += 1
            update.dirty = True
        self._write_known([update for update in self.drafts.values() if update.dirty], final=True)

    def _flush_known(self) -> None:
        """Write the changed known contacts, all but those waiting for their introducer (who is
        known once the file is read): a later row naming one reads it back (``rewrite``)."""
        ready = [update for update in self.drafts.values() if update.dirty and update.introduced_by_uuid is None]
        for update in ready:
            cid = update.known.id
            del self.drafts[cid]
            self.touched.add(cid)
            self.ahead.pop(cid, None)  # read before it was written
        self.dirty = 0
        self._write_known(ready, final=False)

    def _write_known(self, updates: list[_Update], *, final: bool) -> None:
        """Write changed known contacts: one new version and one ``updated`` change (with the
        contact as it was) each, however often they are written; the introducers at the end.
        A few statements for them all, whatever their number (an import may change thousands),
        and the job changes among them."""
        conn, stamp, batch_id = self.conn, self.stamp, self.batch_id
        methods = []
        tags = []
        interactions = []
        changes = []
        noticed = []
        rows = []
        for update in updates:
            cid = update.known.id
            rows.append({**{name: update.fields.get(name) or ("" if name != "birthday" else None)
                            for name in FILL + REFRESH},
                         "vcard_extra": json.dumps(update.extra), "updated_at": stamp, "id": cid,
                         "version": 0 if update.rewrite else 1})  # added to the version
            methods.extend(method_params(cid, m) for m in update.add_methods)
            tags.extend({"contact_id": cid, "tag": t} for t in update.add_tags)
            if update.connected_on is not None:
                interactions.append({"uuid": str(uuidlib.uuid4()), "contact_id": cid, "kind": "connected",
                                     "occurred_at": to_iso(update.connected_on), "notes": CONNECTED_NOTE,
                                     "import_batch_id": batch_id, "created_at": stamp, "updated_at": stamp})
            if not update.rewrite:
                changes.append({"batch_id": batch_id, "contact_id": cid, "action": "updated",
                                "before": json.dumps(_snapshot(update.known))})
                # A rewrite never changes a job: only the first row naming a person may (see _merge).
                before, after = update.known.fields, update.fields
                old_org, old_title = before.get("organisation") or "", before.get("title") or ""
                new_org, new_title = after.get("organisation") or "", after.get("title") or ""
                if is_job_change(old_org, old_title, new_org, new_title):
                    noticed.append((update, Noticed(cid, old_org, old_title, new_org, new_title)))
        conn.dialect.insert_rows(conn, "contact_method", METHOD_COLUMNS, methods)
        conn.dialect.insert_rows(conn, "contact_tag", TAG_COLUMNS, tags, suffix=" ON CONFLICT DO NOTHING")
        conn.dialect.insert_rows(conn, "interaction", INTERACTION_COLUMNS, interactions)
        # The search text from the row as it is about to be written (its handles, tags and
        # timeline are written above): one UPDATE per contact, not two.
        texts = search_texts_for(conn, [row["id"] for row in rows], known={
            update.known.id: Searched(update.fields, update.known.tags | set(update.add_tags),
                                      [(kind, value, pos) for kind, _label, value, _norm, pos
                                       in update.known.methods + update.add_methods])
            for update in updates})
        for row in rows:
            row["search_text"] = texts.get(row["id"], "")
        with conn.dialect.bulk_search_update(conn, [row["id"] for row in rows]):
            conn.dialect.update_rows(conn, "contact", (*FILL, *REFRESH, "vcard_extra", "search_text", "updated_at"),
                                     rows, added=("version",))
        links = []
        for cid, ref in self.introducers.items() if final else ():
            target = self.uuid_to_id.get(ref.lower())
            if target not in (None, cid):
                links.append({"introduced_by_id": target, "id": cid})
        for update in updates:
            ref = update.introduced_by_uuid
            if ref and self.uuid_to_id.get(ref) not in (None, update.known.id):
                links.append({"introduced_by_id": self.uuid_to_id[ref], "id": update.known.id})
        conn.executemany("UPDATE contact SET introduced_by_id = :introduced_by_id WHERE id = :id", links)
        conn.dialect.insert_rows(conn, "import_change", CHANGE_COLUMNS, changes)
        if noticed:
            self._record_job_changes(noticed)

    def _record_job_changes(self, noticed: list[tuple[_Update, Noticed]]) -> None:
        """Write the job changes among the contacts just written, and decide from what was read of
        them whom to congratulate (no query per person: an import may notice thousands)."""
        if self.congratulating is None:
            self.congratulating = Congratulating.read(self.conn)
        rule, people = self.congratulating, {}
        for update, _change in noticed:
            known = update.known
            if rule.wants(known.id, known.circle, known.connector_role, known.live):
                name = update.fields.get("display_name") or ""
                people[known.id] = (name, given_name(name, update.fields.get("given_name")))
                rule.waiting.add(known.id)
        self.job_changes += record_changes(self.conn, [change for _update, change in noticed],
                                           batch_id=self.batch_id, filename=self.filename, now=self.now,
                                           today=self.today, people=people)


def _own_methods(methods, by_handle: dict[str, int], cid: int):
    """The methods a matched contact may take: no handle that already leads to another contact.

    The handles it may take are registered to it, so later rows find it by them.
    """
    out = []
    for method in methods:
        kind, _label, value, _norm, _pos = method
        strong = handle_norms(kind, value)
        if strong:
            if by_handle.setdefault(f"{kind}:{strong}", cid) != cid:
                continue
        out.append(method)
    return out


def _fold_into_new(item: _New, cand: Candidate, methods, names: _Names) -> bool:
    """A later row of the same file names someone created earlier: fill gaps, add handles and tags."""
    changed = False
    data = item.candidate.contact
    for name in FILL + REFRESH:
        value = _value(cand.contact, name)
        current = getattr(data, name) or ""
        if value and not current:
            if name == "organisation" and not names.change(item.id, data.display_name, current, value):
                continue
            setattr(data, name, value)
            changed = True
    have = {(kind, norm) for kind, _l, _v, norm, _p in item.methods}
    counts: dict[str, int] = {}
    for kind, *_ in item.methods:
        counts[kind] = counts.get(kind, 0) + 1
    for kind, label, value, norm, _pos in methods:
        if (kind, norm) not in have:
            item.methods.append((kind, label, value, norm, counts.get(kind, 0)))
            counts[kind] = counts.get(kind, 0) + 1
            have.add((kind, norm))
            changed = True
    tags = sorted(set(item.tags) | {t.strip() for t in cand.contact.tags if t.strip()})
    changed |= tags != item.tags
    item.tags = tags
    for line in cand.vcard_extra:
        if line not in item.candidate.vcard_extra:
            item.candidate.vcard_extra.append(line)
            changed = True
    if cand.connected_on is not None and item.candidate.connected_on is None:
        item.candidate.connected_on = cand.connected_on
        changed = True
    if cand.introduced_by_uuid and not item.candidate.introduced_by_uuid:
        item.candidate.introduced_by_uuid = cand.introduced_by_uuid
        changed = True
    return changed


def _value(data: ContactInput, name: str) -> str:
    value = getattr(data, name) or ""
    return value if name == "notes" else value.strip()


def _merge(update: _Update, cand: Candidate, methods, names: _Names, refresh: bool) -> bool:
    """Fold a candidate into a known contact; True when anything would change.

    Only the first row of a file that names a known person may replace their
    organisation and title; later rows for the same person fill gaps, so
    importing the file again finds nothing to change.
    """
    changed = False
    data = cand.contact
    for name in FILL + REFRESH:
        value = _value(data, name)
        current = update.fields.get(name) or ""
        if value and (not current or (refresh and name in REFRESH and value != current)):
            if name == "organisation" and not names.change(
                update.known.id, update.fields["display_name"] or "", current, value
            ):
                continue
            update.fields[name] = value
            changed = True
    have = {(kind, norm) for kind, _l, _v, norm, _p in update.known.methods}
    have |= {(kind, norm) for kind, _l, _v, norm, _p in update.add_methods}
    counts: dict[str, int] = {}
    for kind, *_ in update.known.methods + update.add_methods:
        counts[kind] = counts.get(kind, 0) + 1
    for kind, label, value, norm, _pos in methods:
        if (kind, norm) not in have:
            update.add_methods.append((kind, label, value, norm, counts.get(kind, 0)))
            counts[kind] = counts.get(kind, 0) + 1
            have.add((kind, norm))
            changed = True
    tags = {t.strip() for t in data.tags if t.strip()} - update.known.tags - set(update.add_tags)
    if tags:
        update.add_tags.extend(sorted(tags))
        changed = True
    for line in cand.vcard_extra:
        if line not in update.extra:
            update.extra.append(line)
            changed = True
    if cand.connected_on is not None and not update.known.connected and update.connected_on is None:
        update.connected_on = cand.connected_on
        changed = True
    if cand.introduced_by_uuid and update.known.introduced_by_id is None and not update.introduced_by_uuid:
        update.introduced_by_uuid = cand.introduced_by_uuid.lower()
        update.introduced_by_row_changed = changed  # whether it is a change is known once the file is read
    return changed


# -- writing --------------------------------------------------------------------

def _search_text(cand: Candidate, methods, tags: list[str], note: str) -> str:
    """What a search may match for a new person, from the name parts as stored (the one splitter):
    the same whether the person is still in memory or was read back after an earlier batch."""
    c = cand.contact
    given, family = name_parts(c.display_name, c.given_name, c.family_name)
    parts = [v for v in (c.display_name, given, family, c.nickname, c.organisation,
                         c.title, c.field, c.notes) if v]
    parts += tags
    for kind, _label, value, _norm, _pos in methods:
        parts.append(value)
        if kind == "phone":
            parts.append(re.sub(r"\D", "", value))
    if note:
        parts.append(note)
    return " ".join(words(" ".join(parts)))


_METHOD_COLUMNS = ("kind", "label", "value", "norm", "position")
# The columns an import writes, table by table (the dialect inserts many rows at once).
METHOD_COLUMNS = ("contact_id", *_METHOD_COLUMNS)
# The columns of a new person's row that its file rows decide (see _columns).
_COLUMNS = ("display_name", "given_name", "family_name", "nickname", "sort_key", "organisation", "title",
            "field", "birthday", "notes", "search_text", "vcard_extra")
CONTACT_COLUMNS = ("id", "uuid", *_COLUMNS, "import_batch_id", "created_at", "updated_at")
TAG_COLUMNS = ("contact_id", "tag")
INTERACTION_COLUMNS = ("uuid", "contact_id", "kind", "occurred_at", "notes", "import_batch_id",
                       "created_at", "updated_at")
CHANGE_COLUMNS = ("batch_id", "contact_id", "action", "before")


def method_params(contact_id: int, method) -> dict:
    """A method as (kind, label, value, norm, position), kept so in a plan and an undo
    snapshot, as the named parameters of one contact_method row."""
    return {"contact_id": contact_id, **dict(zip(_METHOD_COLUMNS, method, strict=True))}


def _columns(item: _New) -> dict:
    """A new person's row as their file rows made it (the values of ``_COLUMNS``)."""
    c = item.candidate.contact
    note = CONNECTED_NOTE if item.candidate.connected_on else ""
    given, family = name_parts(c.display_name, c.given_name, c.family_name)  # the one splitter
    return {
        "display_name": c.display_name.strip(), "given_name": given,
        "family_name": family, "nickname": c.nickname.strip(),
        "sort_key": sort_key(c.display_name, family, given),
        "organisation": c.organisation.strip(), "title": c.title.strip(), "field": c.field.strip(),
        "birthday": c.birthday or None, "notes": c.notes,
        "search_text": _search_text(item.candidate, item.methods, item.tags, note),
        "vcard_extra": json.dumps(item.candidate.vcard_extra),
    }


class _DryRun(Exception):
    """Raised inside a dry run's transaction so that everything it wrote is rolled back."""


def apply_import(store: Store, parsed: Parsed, source: str, filename: str, clock: Clock,
                 *, dry_run: bool = False) -> ImportSummary:
    """Create, update or skip every candidate in one transaction; record the batch for undo.

    Every candidate passes the importers' one door first (``netnet.core.import_check.vet``):
    a value netnet could not read back later rejects its row, never reaches the database.
    ``parsed.candidates`` may be a generator reading the file: it is consumed
    once, inside the transaction, and new people are written in batches while
    it is read (:class:`_Import`), so a file found unreadable halfway writes
    nothing and memory stays bounded whatever the file's size.

    A dry run takes the very same road and rolls the transaction back at the
    end. Its counts are then the import's by construction — a later row that
    folds into someone written earlier reads them back from the database, as
    in the import — and its memory is as bounded. Planning without writing
    would have to keep every new person in memory until the file ends (a later
    row may fold into any of them): the half gigabyte a 50 MB file took. The
    price is that a dry run holds the write lock while it reads the file and
    takes about as long as the import.
    """
    from netnet.core.import_check import vet

    parsed = vet(parsed)  # lazy: a streamed file is read while the rows are matched
    summary = ImportSummary(source, filename, dry_run=dry_run)
    now = clock.now()
    try:
        with store.write() as conn:
            batch_id = conn.execute(
                "INSERT INTO import_batch (uuid, source, filename, created_at) VALUES (:uuid, :source, "
                ":filename, :created_at) RETURNING id",
                {"uuid": str(uuidlib.uuid4()), "source": source, "filename": filename, "created_at": to_iso(now)},
            ).fetchone().id
            run = _Import(conn, batch_id, now, filename=filename, today=clock.today())
            run.take_all(parsed.candidates)
            run.finish()
            summary.created, summary.updated, summary.skipped = run.created, run.updated_rows, run.skipped
            summary.job_changes = run.job_changes
            if dry_run:
                raise _DryRun
            if not (run.created or run.updated_rows):  # an import that changed nothing leaves no batch to undo
                conn.execute("DELETE FROM import_batch WHERE id = :id", {"id": batch_id})
                raise _DryRun  # nothing else was written: the transaction ends as it began
            summary.batch_id = batch_id
            counts = {"created": run.created, "updated": run.updated_rows, "skipped": run.skipped,
                      "rejected": len(parsed.rejected), "job_changes": run.job_changes}
            conn.execute("UPDATE import_batch SET counts = :counts WHERE id = :id",
                         {"counts": json.dumps(counts), "id": batch_id})
    except _DryRun:
        pass
    summary.rejected = parsed.sorted_rejections()  # complete once every candidate was read
    return summary
