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

Everything runs in one IMMEDIATE transaction with ``executemany`` (30,000
LinkedIn rows in well under the three seconds allowed); every change is
recorded in ``import_change`` so ``undo.undo_last_import`` can reverse it.
"""

from __future__ import annotations

import itertools
import json
import re
import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from netnet.core.clock import Clock, to_iso
from netnet.core.fields import IMPORT_FILL, IMPORT_REFRESH
from netnet.core.names import name_parts
from netnet.core.text import sort_key, words
from netnet.core.validation import has_letters
from netnet.data.contacts import ContactInput, normalise_method, refresh_search_text
from netnet.data.store import Store, Tx

if TYPE_CHECKING:  # the data layer does not depend on netnet.io at run time
    from netnet.core.records import Candidate, Parsed, Rejected

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

    def line(self) -> str:
        counts = (f"{self.created} created, {self.updated} updated, {self.skipped} skipped, "
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
    """

    def __init__(self) -> None:
        self.holders: dict[tuple[str, str], set[int]] = {}
        self.pinned: set[tuple[str, str]] = set()

    def add(self, key: tuple[str, str], cid: int) -> None:
        self.holders.setdefault(key, set()).add(cid)

    def find(self, key: tuple[str, str]) -> int | None:
        found = self.holders.get(key)
        return min(found) if found else None

    def change(self, cid: int, display_name: str, old: str, new: str) -> bool:
        """Move a contact to a new organisation's key; False when a pinned key forbids it."""
        before = match_key(display_name, old, has_handles=False)
        after = match_key(display_name, new, has_handles=False)
        if before == after or cid not in self.holders.get(before, ()):  # not known by its name: nothing moves
            return True
        if before in self.pinned or after in self.pinned:
            return False
        self.holders.get(before, set()).discard(cid)
        self.add(after, cid)
        return True


# -- the plan -------------------------------------------------------------------

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


@dataclass
class _New:
    id: int
    uuid: str
    candidate: Candidate
    methods: list[tuple[str, str, str, str, int]]
    tags: list[str]


@dataclass
class _Update:
    known: _Known
    before: str
    fields: dict[str, str | None]
    add_methods: list[tuple[str, str, str, str, int]]
    add_tags: list[str]
    extra: list[str]
    connected_on: datetime | None
    introduced_by_uuid: str | None
    introduced_by_row_changed: bool = True  # whether the row that named the introducer changed anything else


@dataclass
class _Plan:
    new: list[_New] = field(default_factory=list)
    updates: list[_Update] = field(default_factory=list)
    skipped: int = 0
    updated_rows: int = 0
    uuid_to_id: dict[str, int] = field(default_factory=dict)


def _load(conn: Tx) -> dict[int, _Known]:
    known: dict[int, _Known] = {}
    columns = ", ".join(FIELDS)
    for row in conn.execute(
        f"SELECT id, uuid, version, introduced_by_id, vcard_extra, {columns} FROM contact"
    ):
        try:
            extra = json.loads(row.vcard_extra or "[]")
        except ValueError:
            extra = []
        fields = row._mapping
        known[row.id] = _Known(row.id, row.uuid, row.version, {name: fields[name] for name in FIELDS},
                               row.introduced_by_id, extra if isinstance(extra, list) else [])
    for row in conn.execute(
        "SELECT contact_id, kind, label, value, norm, position FROM contact_method ORDER BY contact_id, position"
    ):
        if row.contact_id in known:
            known[row.contact_id].methods.append(
                (row.kind, row.label, row.value, row.norm, row.position))
    for row in conn.execute("SELECT contact_id, tag FROM contact_tag"):
        if row.contact_id in known:
            known[row.contact_id].tags.add(row.tag)
    for row in conn.execute("SELECT DISTINCT contact_id FROM interaction WHERE kind = 'connected'"):
        if row.contact_id in known:
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


def _plan(conn: Tx, candidates: Iterable[Candidate]) -> _Plan:
    """Decide each candidate's fate.

    Importing the same file again must change nothing, so every row has to
    match the same contact then as now, when the indexes are rebuilt from the
    database. Hence: a handle (e-mail, phone, link) is given only to the contact
    it already leads to, never to a second one; a name key that a row without
    handles relied on stays where it is (:class:`_Names`); a uuid from the file
    becomes a new contact's uuid only when no earlier row carried it; and an
    introducer that names no one is no change.
    """
    known = _load(conn)
    by_uuid = {k.uuid: k.id for k in known.values()}
    by_handle: dict[tuple[str, str], int] = {}
    names = _Names()
    for k in known.values():
        for kind, _label, value, _norm, _pos in k.methods:
            strong = handle_norms(kind, value)
            if strong:
                by_handle.setdefault((kind, strong), k.id)
        strong = any(handle_norms(kind, value) for kind, _label, value, _norm, _pos in k.methods)
        key = match_key(k.fields["display_name"] or "", k.fields["organisation"] or "", strong)
        if key is not None:
            names.add(key, k.id)
    next_id = conn.execute("SELECT coalesce(max(id), 0) AS last_id FROM contact").fetchone().last_id + 1
    plan = _Plan(uuid_to_id=dict(by_uuid))
    new_by_id: dict[int, _New] = {}
    drafts: dict[int, _Update] = {}  # every known contact a row matched, changed or not
    in_plan: set[int] = set()

    for cand in candidates:
        methods = _methods_of(cand)
        handles = [(kind, s) for kind, _l, value, _n, _p in methods
                   if (s := handle_norms(kind, value))]
        nkey = match_key(cand.contact.display_name, cand.contact.organisation, bool(handles))
        match = by_uuid.get(cand.uuid.lower()) if cand.uuid else None
        if match is None:
            for handle in handles:
                match = by_handle.get(handle)
                if match is not None:
                    break
        if match is None and nkey is not None:
            if not handles:  # the next import can find this row again only by its name key
                names.pinned.add(nkey)
            match = names.find(nkey)
        if match is None:
            cid = next_id
            next_id += 1
            row_uuid = cand.uuid.lower() if cand.uuid and _UUID.match(cand.uuid.lower()) else None
            if row_uuid is None or row_uuid in plan.uuid_to_id:  # taken, or an earlier row matched by it
                row_uuid = str(uuidlib.uuid4())
            item = _New(cid, row_uuid, cand, methods, sorted({t.strip() for t in cand.contact.tags if t.strip()}))
            cand.contact.methods = []  # kept once, as ``methods``: the plan holds every new person until written
            plan.new.append(item)
            new_by_id[cid] = item
            by_uuid[row_uuid] = cid
            plan.uuid_to_id[row_uuid] = cid
            if cand.uuid:
                plan.uuid_to_id.setdefault(cand.uuid.lower(), cid)
            for handle in handles:
                by_handle.setdefault(handle, cid)
            if nkey is not None:
                names.add(nkey, cid)
            continue
        if cand.uuid:
            plan.uuid_to_id.setdefault(cand.uuid.lower(), match)
        methods = _own_methods(methods, by_handle, match)
        if match in new_by_id:
            if _fold_into_new(new_by_id[match], cand, methods, names):
                plan.updated_rows += 1
            else:
                plan.skipped += 1
            continue
        update = drafts.get(match)
        first = update is None  # only the first row naming a known person may refresh their job
        if update is None:
            target = known[match]
            update = drafts[match] = _Update(target, json.dumps(_snapshot(target)), dict(target.fields),
                                             [], [], list(target.vcard_extra), None, None)
        changed = _merge(update, cand, methods, names, refresh=first)
        if not changed:
            plan.skipped += 1
            continue
        plan.updated_rows += 1
        if match not in in_plan:
            in_plan.add(match)
            plan.updates.append(update)
    for update in drafts.values():  # an introducer counts only when it names someone else
        ref = update.introduced_by_uuid
        if ref is None or update.introduced_by_row_changed:
            continue
        if plan.uuid_to_id.get(ref) in (None, update.known.id):
            update.introduced_by_uuid = None
            continue
        plan.skipped -= 1
        plan.updated_rows += 1
        if update.known.id not in in_plan:
            in_plan.add(update.known.id)
            plan.updates.append(update)
    return plan


def _own_methods(methods, by_handle: dict[tuple[str, str], int], cid: int):
    """The methods a matched contact may take: no handle that already leads to another contact.

    The handles it may take are registered to it, so later rows find it by them.
    """
    out = []
    for method in methods:
        kind, _label, value, _norm, _pos = method
        strong = handle_norms(kind, value)
        if strong:
            if by_handle.setdefault((kind, strong), cid) != cid:
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
    c = cand.contact
    parts = [v for v in (c.display_name, c.given_name, c.family_name, c.nickname, c.organisation,
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
INSERT_METHOD = (
    "INSERT INTO contact_method (contact_id, kind, label, value, norm, position) "
    "VALUES (:contact_id, :kind, :label, :value, :norm, :position)"
)


def method_params(contact_id: int, method) -> dict:
    """A method as (kind, label, value, norm, position), kept so in a plan and an undo
    snapshot, as the named parameters of one contact_method row."""
    return {"contact_id": contact_id, **dict(zip(_METHOD_COLUMNS, method, strict=True))}


def _write(conn: Tx, plan: _Plan, batch_id: int, now: datetime) -> None:
    # The rows of new contacts are made as they are written (generators, not lists): an
    # import of 100,000 people never holds their row dictionaries all at once.
    stamp = to_iso(now)
    methods = []
    tags = []
    interactions = []
    changes = []

    def contacts():
        for item in plan.new:
            c = item.candidate.contact
            note = CONNECTED_NOTE if item.candidate.connected_on else ""
            given, family = name_parts(c.display_name, c.given_name, c.family_name)  # the one splitter
            yield {
                "id": item.id, "uuid": item.uuid, "display_name": c.display_name.strip(),
                "given_name": given, "family_name": family,
                "nickname": c.nickname.strip(), "sort_key": sort_key(c.display_name, family, given),
                "organisation": c.organisation.strip(), "title": c.title.strip(), "field": c.field.strip(),
                "birthday": c.birthday or None, "notes": c.notes,
                "search_text": _search_text(item.candidate, item.methods, item.tags, note),
                "vcard_extra": json.dumps(item.candidate.vcard_extra), "import_batch_id": batch_id,
                "created_at": stamp, "updated_at": stamp,
            }

    new_methods = (method_params(item.id, m) for item in plan.new for m in item.methods)
    new_tags = ({"contact_id": item.id, "tag": t} for item in plan.new for t in item.tags)
    new_interactions = (
        {"uuid": str(uuidlib.uuid4()), "contact_id": item.id, "occurred_at": to_iso(item.candidate.connected_on),
         "notes": CONNECTED_NOTE, "import_batch_id": batch_id, "created_at": stamp, "updated_at": stamp}
        for item in plan.new if item.candidate.connected_on is not None)
    new_changes = ({"batch_id": batch_id, "contact_id": item.id, "action": "created", "before": None}
                   for item in plan.new)
    with conn.dialect.bulk_search_index(conn, len(plan.new), plan.new[0].id if plan.new else 0):
        conn.executemany(
            "INSERT INTO contact (id, uuid, display_name, given_name, family_name, nickname, sort_key, "
            "organisation, title, field, birthday, notes, search_text, vcard_extra, import_batch_id, "
            "created_at, updated_at) VALUES (:id, :uuid, :display_name, :given_name, :family_name, "
            ":nickname, :sort_key, :organisation, :title, :field, :birthday, :notes, :search_text, "
            ":vcard_extra, :import_batch_id, :created_at, :updated_at)",
            contacts(),
        )
    if plan.new:
        conn.dialect.ids_given(conn, "contact")
    for update in plan.updates:
        cid = update.known.id
        assignments = ", ".join(f"{name} = :{name}" for name in FILL + REFRESH)
        conn.execute(
            f"UPDATE contact SET {assignments}, vcard_extra = :vcard_extra, version = version + 1, "
            "updated_at = :updated_at WHERE id = :id",
            {**{name: update.fields.get(name) or ("" if name != "birthday" else None) for name in FILL + REFRESH},
             "vcard_extra": json.dumps(update.extra), "updated_at": stamp, "id": cid},
        )
        methods.extend(method_params(cid, m) for m in update.add_methods)
        tags.extend({"contact_id": cid, "tag": t} for t in update.add_tags)
        if update.connected_on is not None:
            interactions.append({"uuid": str(uuidlib.uuid4()), "contact_id": cid,
                                 "occurred_at": to_iso(update.connected_on), "notes": CONNECTED_NOTE,
                                 "import_batch_id": batch_id, "created_at": stamp, "updated_at": stamp})
        changes.append({"batch_id": batch_id, "contact_id": cid, "action": "updated", "before": update.before})
    conn.executemany(
        INSERT_METHOD,
        itertools.chain(new_methods, methods),
    )
    conn.executemany("INSERT INTO contact_tag (contact_id, tag) VALUES (:contact_id, :tag) ON CONFLICT DO NOTHING",
                     itertools.chain(new_tags, tags))
    conn.executemany(
        "INSERT INTO interaction (uuid, contact_id, kind, occurred_at, notes, import_batch_id, "
        "created_at, updated_at) VALUES (:uuid, :contact_id, 'connected', :occurred_at, :notes, "
        ":import_batch_id, :created_at, :updated_at)",
        itertools.chain(new_interactions, interactions),
    )
    links = []
    for item in plan.new:
        ref = item.candidate.introduced_by_uuid
        if ref and plan.uuid_to_id.get(ref.lower()) not in (None, item.id):
            links.append({"introduced_by_id": plan.uuid_to_id[ref.lower()], "id": item.id})
    for update in plan.updates:
        ref = update.introduced_by_uuid
        if ref and plan.uuid_to_id.get(ref) not in (None, update.known.id):
            links.append({"introduced_by_id": plan.uuid_to_id[ref], "id": update.known.id})
    conn.executemany("UPDATE contact SET introduced_by_id = :introduced_by_id WHERE id = :id", links)
    for update in plan.updates:
        refresh_search_text(conn, update.known.id)
    conn.executemany(
        "INSERT INTO import_change (batch_id, contact_id, action, before) "
        "VALUES (:batch_id, :contact_id, :action, :before)", itertools.chain(new_changes, changes)
    )


def apply_import(store: Store, parsed: Parsed, source: str, filename: str, clock: Clock,
                 *, dry_run: bool = False) -> ImportSummary:
    """Create, update or skip every candidate in one transaction; record the batch for undo.

    Every candidate passes the importers' one door first (``netnet.core.import_check.vet``):
    a value netnet could not read back later rejects its row, never reaches the database.
    ``parsed.candidates`` may be a generator reading the file: it is consumed
    once, inside the transaction, so a file found unreadable halfway writes nothing.
    """
    from netnet.core.import_check import vet

    parsed = vet(parsed)  # lazy: a streamed file is read while the plan is made
    summary = ImportSummary(source, filename, dry_run=dry_run)
    if dry_run:
        with store.read() as conn:
            plan = _plan(conn, parsed.candidates)
    else:
        now = clock.now()
        with store.write() as conn:
            plan = _plan(conn, parsed.candidates)
            if plan.new or plan.updates:  # an import that changed nothing leaves no batch to undo
                batch_id = conn.execute(
                    "INSERT INTO import_batch (uuid, source, filename, created_at) VALUES (:uuid, :source, "
                    ":filename, :created_at) RETURNING id",
                    {"uuid": str(uuidlib.uuid4()), "source": source, "filename": filename, "created_at": to_iso(now)},
                ).fetchone().id
                _write(conn, plan, batch_id, now)
                summary.batch_id = batch_id
                counts = {"created": len(plan.new), "updated": plan.updated_rows, "skipped": plan.skipped,
                          "rejected": len(parsed.rejected)}
                conn.execute("UPDATE import_batch SET counts = :counts WHERE id = :id",
                             {"counts": json.dumps(counts), "id": batch_id})
    summary.created, summary.updated, summary.skipped = len(plan.new), plan.updated_rows, plan.skipped
    summary.rejected = parsed.sorted_rejections()  # complete once the plan has read every candidate
    return summary
