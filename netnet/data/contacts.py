"""Contact services: list, search, read, write, trash. Return plain objects.

The list and search paths run named-parameter SQL straight on the store's
DB-API connection, reading plain tuples matched to fields by name once per
cursor (they are on the way to the first frame and run on every key typed);
ordinary writes are small.
"""

from __future__ import annotations

import re
import uuid as uuidlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date, datetime
from typing import Any

from netnet.core.clock import Clock, from_iso, to_iso
from netnet.core.fields import EDITABLE  # the contact columns a form edits, defined once
from netnet.core.names import name_parts
from netnet.core.notes import interaction_words
from netnet.core.records import ContactFields, ContactInput, Method
from netnet.core.rows import ContactRow
from netnet.core.text import fold, sort_key, words
from netnet.data import versions
from netnet.data.errors import RecordGone, VersionConflict  # noqa: F401 - re-exported for the forms
from netnet.data.sqlrows import columns, in_list, rows_as
from netnet.data.store import Store, Tx

LIST_COLUMNS = (
    "id, display_name, organisation, title, circle, connector_role, "
    "last_interaction_at, created_at, ideal_days, max_days"
)


@dataclass
class Interaction:
    id: int
    kind: str
    occurred_at: datetime
    notes: str
    interview_id: int | None = None


@dataclass
class ContactDetail(ContactFields):
    """A stored contact as its page shows it: its own fields, plus what netnet keeps about it."""

    id: int = dc_field(kw_only=True)
    uuid: str = dc_field(kw_only=True)
    version: int = dc_field(kw_only=True)
    last_interaction_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None
    methods: list[Method] = dc_field(default_factory=list)
    tags: list[str] = dc_field(default_factory=list)

    @property
    def emails(self) -> list[str]:
        return [m.value for m in self.methods if m.kind == "email"]

    @property
    def phones(self) -> list[str]:
        return [m.value for m in self.methods if m.kind == "phone"]


# The columns of ``contact`` that a ContactDetail takes as they are (the dates are parsed).
_DETAIL_FIELDS = ("id", "uuid", "version", *EDITABLE)
_DETAIL_DATES = ("last_interaction_at", "created_at", "updated_at", "deleted_at")






# -- normalisation ------------------------------------------------------------

def normalise_method(kind: str, value: str) -> str:
    """The form of a handle used to spot duplicates."""
    value = value.strip()
    if kind == "email":
        return value.casefold()
    if kind == "phone":
        digits = re.sub(r"\D", "", value)
        return digits[-10:] if len(digits) > 10 else digits
    if kind == "link":
        link = re.sub(r"^https?://", "", value.casefold())
        link = re.sub(r"^www\.", "", link)
        return link.rstrip("/")
    return fold(value)


_SEARCHED = ("display_name", "given_name", "family_name", "nickname", "organisation", "title", "field", "notes")
_SEARCH_CHUNK = 500  # contacts per IN (...) list


@dataclass(frozen=True)
class Searched:
    """What a contact's search text is made of, apart from their timeline: the row's own values
    (``_SEARCHED``), tags, and (kind, value, position) of every e-mail, phone, link and address."""

    fields: Mapping[str, Any]
    tags: Iterable[str]
    methods: Iterable[tuple[str, str, int]]


def _search_parts(found: Searched) -> list[str]:
    """The parts in one order, whoever gathered them (tags by name, handles by kind and position)."""
    parts = [str(found.fields[name]) for name in _SEARCHED if found.fields.get(name)]
    parts += sorted(found.tags)
    for kind, value, _position in sorted(found.methods):
        parts.append(value)
        if kind == "phone":
            digits = re.sub(r"\D", "", value)
            parts.append(digits)
            if len(digits) > 10:  # the number without its country code
                parts.append(digits[-10:])
    return parts


def search_texts_for(conn: Tx, ids, known: Mapping[int, Searched] | None = None) -> dict[int, str]:
    """Everything a search may match for each of the contacts ``ids``, folded: their names,
    job, notes, tags, e-mails, phones (also as digits), links and addresses, and the notes of
    their timeline. A few statements per 500 contacts (an import refreshes thousands).

    ``known`` holds what an import already has in hand about some of them, as it is about to
    write it (the row, its tags and handles): only their timeline is read."""
    ids = sorted(set(ids))
    known = known or {}
    texts: dict[int, str] = {}
    for start in range(0, len(ids), _SEARCH_CHUNK):
        chunk = ids[start:start + _SEARCH_CHUNK]
        parts: dict[int, list[str]] = {cid: _search_parts(known[cid]) for cid in chunk if cid in known}
        unread = [cid for cid in chunk if cid not in known]
        if unread:
            marks, args = in_list("id", unread)
            rows = {row.id: Searched(dict(row._mapping), [], []) for row in conn.execute(
                f"SELECT id, {', '.join(_SEARCHED)} FROM contact WHERE id IN ({marks})", args)}
            for row in conn.execute(f"SELECT contact_id, tag FROM contact_tag WHERE contact_id IN ({marks})", args):
                rows[row.contact_id].tags.append(row.tag)
            for row in conn.execute(f"SELECT contact_id, kind, value, position FROM contact_method "
                                    f"WHERE contact_id IN ({marks})", args):
                rows[row.contact_id].methods.append((row.kind, row.value, row.position))
            parts.update((cid, _search_parts(found)) for cid, found in rows.items())
        marks, args = in_list("id", chunk)
        for row in conn.execute(f"SELECT contact_id, notes FROM interaction WHERE contact_id IN ({marks}) "
                                "AND notes != '' ORDER BY contact_id, occurred_at, id", args):
            if row.contact_id in parts:
                parts[row.contact_id].append(row.notes)
        texts.update((cid, " ".join(words(" ".join(found)))) for cid, found in parts.items())
    return texts


def search_text_for(conn: Tx, contact_id: int) -> str:
    """Everything a search may match for one contact, folded."""
    return search_texts_for(conn, [contact_id]).get(contact_id, "")


def refresh_search_text(conn: Tx, contact_id: int) -> None:
    refresh_search_texts(conn, [contact_id])


def refresh_search_texts(conn: Tx, ids) -> None:
    """Write the search text of the contacts ``ids`` again (one statement for them all)."""
    conn.executemany("UPDATE contact SET search_text = :search_text WHERE id = :id",
                     [{"search_text": text, "id": cid} for cid, text in search_texts_for(conn, ids).items()])


# -- reads --------------------------------------------------------------------

def count_contacts(store: Store) -> int:
    with store.fast() as conn:
        return conn.execute("SELECT count(*) AS n FROM contact WHERE deleted_at IS NULL").fetchone().n


def list_contacts(store: Store, *, limit: int | None = None, trash: bool = False) -> list[ContactRow]:
    """All live contacts (or the trash) in human name order."""
    where = "deleted_at IS NOT NULL AND merged_into_id IS NULL" if trash else "deleted_at IS NULL"
    sql = f"SELECT {LIST_COLUMNS} FROM contact WHERE {where} ORDER BY sort_key, id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with store.fast() as conn:
        names, rows = conn.tuples(sql)
        return rows_as(ContactRow, names, rows)


def search_ids(store: Store, text: str) -> list[int] | None:
    """Ids of live contacts matching every word of ``text`` (None: no query)."""
    tokens = words(text)
    if not tokens:
        return None
    matching, params = store.dialect.match_where(tokens)
    with store.fast() as conn:
        rows = conn.execute(
            f"SELECT id FROM contact WHERE {matching} AND deleted_at IS NULL ORDER BY sort_key, id", params,
        ).fetchall()
    return [r.id for r in rows]


def fuzzy_ids(store: Store, text: str, limit: int = 50, cutoff: int | None = None) -> list[int]:
    """Contacts whose name is close to ``text`` (a typo still finds them).

    Names are read from the ``contact_sort`` index alone (sort_key holds the
    folded name words, and the index holds it with the id), which is several
    times faster at 30,000 contacts than reading the table. Two or more words
    are compared in any order; a single word may match any part of a name.
    """
    from rapidfuzz import fuzz, process

    tokens = words(text)
    query = " ".join(tokens)
    if len(query) < 3:
        return []
    with store.fast() as conn:
        found_names, names = conn.tuples("SELECT id, sort_key FROM contact")  # read from contact_sort alone
        where = columns(found_names)
        id_at, key_at = where["id"], where["sort_key"]
        hidden = {r.id for r in conn.execute("SELECT id FROM contact WHERE deleted_at IS NOT NULL")}
    if len(tokens) > 1:
        scorer, floor = fuzz.token_sort_ratio, 70
    else:
        scorer, floor = fuzz.partial_token_sort_ratio, 80
    found = process.extract(query, [row[key_at] for row in names], scorer=scorer, processor=None,
                            limit=limit + len(hidden), score_cutoff=cutoff or floor)
    ids = [names[index][id_at] for _, _, index in found if names[index][id_at] not in hidden]
    return ids[:limit]


def search(store: Store, text: str) -> tuple[list[ContactRow], bool]:
    """Matching contacts and whether they came from the fuzzy fallback."""
    ids = search_ids(store, text)
    if ids is None:
        return list_contacts(store), False
    fuzzy = False
    if not ids:
        ids = fuzzy_ids(store, text)
        fuzzy = bool(ids)
    return rows_for_ids(store, ids), fuzzy


def rows_for_ids(store: Store, ids: list[int]) -> list[ContactRow]:
    """List rows for ``ids``, in the order given."""
    if not ids:
        return []
    found: dict[int, ContactRow] = {}
    with store.fast() as conn:
        for start in range(0, len(ids), 900):
            chunk = ids[start:start + 900]
            marks, params = in_list("id", chunk)
            names, rows = conn.tuples(f"SELECT {LIST_COLUMNS} FROM contact WHERE id IN ({marks})", params)
            for row in rows_as(ContactRow, names, rows):
                found[row.id] = row
    return [found[i] for i in ids if i in found]


def get_contact(store: Store, contact_id: int) -> ContactDetail | None:
    with store.read() as conn:
        return _detail(conn, contact_id)


def _detail(conn: Tx, contact_id: int) -> ContactDetail | None:
    row = conn.execute(
        f"SELECT {', '.join(_DETAIL_FIELDS + _DETAIL_DATES)} FROM contact WHERE id = :id",
        {"id": contact_id},
    ).fetchone()
    if row is None:
        return None
    values = row._mapping
    detail = ContactDetail(**{name: values[name] for name in _DETAIL_FIELDS},
                           **{name: from_iso(values[name]) for name in _DETAIL_DATES})
    detail.methods = [
        Method(r.kind, r.value, r.label)
        for r in conn.execute(
            "SELECT kind, value, label FROM contact_method WHERE contact_id = :contact_id ORDER BY kind, position",
            {"contact_id": contact_id},
        )
    ]
    detail.tags = [r.tag for r in conn.execute(
        "SELECT tag FROM contact_tag WHERE contact_id = :contact_id ORDER BY tag", {"contact_id": contact_id}
    )]
    return detail


def interactions(store: Store, contact_id: int) -> list[Interaction]:
    """The contact's timeline, newest first."""
    with store.read() as conn:
        rows = conn.execute(
            "SELECT id, kind, occurred_at, notes, interview_id FROM interaction "
            "WHERE contact_id = :contact_id ORDER BY occurred_at DESC, id DESC",
            {"contact_id": contact_id},
        ).fetchall()
    return [Interaction(r.id, r.kind, from_iso(r.occurred_at), r.notes, r.interview_id) for r in rows]


def names_for(store: Store, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    marks, params = in_list("id", ids)
    with store.read() as conn:
        return {r.id: r.display_name
                for r in conn.execute(f"SELECT id, display_name FROM contact WHERE id IN ({marks})", params)}


# -- writes -------------------------------------------------------------------

def _write_methods_and_tags(conn: Tx, contact_id: int, data: ContactInput) -> None:
    conn.execute("DELETE FROM contact_method WHERE contact_id = :contact_id", {"contact_id": contact_id})
    positions: dict[str, int] = {}
    for method in data.methods:
        if not method.value.strip():
            continue
        pos = positions.get(method.kind, 0)
        positions[method.kind] = pos + 1
        conn.execute(
            "INSERT INTO contact_method (contact_id, kind, label, value, norm, "
            "position) VALUES (:contact_id, :kind, :label, :value, :norm, :position)",
            {"contact_id": contact_id, "kind": method.kind, "label": method.label, "value": method.value.strip(),
             "norm": normalise_method(method.kind, method.value), "position": pos},
        )
    conn.execute("DELETE FROM contact_tag WHERE contact_id = :contact_id", {"contact_id": contact_id})
    for tag in sorted({t.strip() for t in data.tags if t.strip()}):
        conn.execute("INSERT INTO contact_tag (contact_id, tag) VALUES (:contact_id, :tag)",
                     {"contact_id": contact_id, "tag": tag})


def insert_contact(conn: Tx, data: ContactInput, now: datetime,
                   import_batch_id: int | None = None) -> int:
    """Insert inside an open transaction; returns the new id.

    A contact given only a whole name gets its given and family names from the one
    splitter (``core.names.split_name``), whatever way it arrived.
    """
    stamp = to_iso(now)
    given, family = name_parts(data.display_name, data.given_name, data.family_name)
    cur = conn.execute(
        "INSERT INTO contact (uuid, display_name, given_name, family_name, nickname, sort_key, circle, "
        "connector_role, organisation, title, field, birthday, notes, introduced_by_id, ideal_days, "
        "max_days, import_batch_id, created_at, updated_at) VALUES (:uuid, :display_name, :given_name, "
        ":family_name, :nickname, :sort_key, :circle, :connector_role, :organisation, :title, :field, "
        ":birthday, :notes, :introduced_by_id, :ideal_days, :max_days, :import_batch_id, :created_at, :updated_at) "
        "RETURNING id",
        {
            "uuid": str(uuidlib.uuid4()), "display_name": data.display_name.strip(),
            "given_name": given,
            "family_name": family, "nickname": data.nickname.strip(),
            "sort_key": sort_key(data.display_name, family, given),
            "circle": data.circle or None, "connector_role": data.connector_role or None,
            "organisation": data.organisation.strip(),
            "title": data.title.strip(), "field": data.field.strip(), "birthday": data.birthday or None,
            "notes": data.notes,
            "introduced_by_id": data.introduced_by_id, "ideal_days": data.ideal_days,
            "max_days": data.max_days, "import_batch_id": import_batch_id, "created_at": stamp, "updated_at": stamp,
        },
    )
    contact_id = cur.fetchone().id
    _write_methods_and_tags(conn, contact_id, data)
    refresh_search_text(conn, contact_id)
    return contact_id


def create_contact(store: Store, data: ContactInput, clock: Clock) -> int:
    with store.write() as conn:
        return insert_contact(conn, data, clock.now())


def update_contact(store: Store, contact_id: int, data: ContactInput, clock: Clock,
                   expected_version: int | None = None) -> None:
    """Replace a contact's editable fields.

    With ``expected_version`` (the version a form was filled from) the edit is refused when
    the contact changed meanwhile (``VersionConflict``); the check is part of the UPDATE
    itself (``versions.write``), so two devices saving at once cannot both win. A contact
    gone or in the trash is never written (``RecordGone``), with or without a version.
    """
    if data.introduced_by_id == contact_id:
        raise ValueError("A contact cannot introduce themselves.")
    with store.write() as conn:
        values = [getattr(data, name) for name in EDITABLE]
        values = [v.strip() if isinstance(v, str) and name not in ("notes",) else v
                  for name, v in zip(EDITABLE, values, strict=True)]
        values = [None if (name in ("circle", "connector_role", "birthday") and not v) else v
                  for name, v in zip(EDITABLE, values, strict=True)]
        named = dict(zip(EDITABLE, values, strict=True))
        if "given_name" in named and "family_name" in named:
            named["given_name"], named["family_name"] = name_parts(data.display_name, data.given_name,
                                                                   data.family_name)
        assignments = ", ".join(f"{name} = :{name}" for name in EDITABLE)
        versions.write(
            conn, versions.CONTACT, contact_id, f"{assignments}, sort_key = :sort_key, updated_at = :updated_at",
            {**named,
             "sort_key": sort_key(data.display_name, *name_parts(data.display_name, data.given_name,
                                                                 data.family_name)[::-1]),
             "updated_at": to_iso(clock.now())},
            expected_version,
        )
        _write_methods_and_tags(conn, contact_id, data)
        refresh_search_text(conn, contact_id)


def trash_contacts(store: Store, ids: list[int], clock: Clock) -> None:
    """Move contacts to the trash (undoable with :func:`restore_contacts`)."""
    with store.write() as conn:
        conn.executemany(
            "UPDATE contact SET deleted_at = :deleted_at, version = version + 1 "
            "WHERE id = :id AND deleted_at IS NULL",
            [{"deleted_at": to_iso(clock.now()), "id": i} for i in ids],
        )


def restore_contacts(store: Store, ids: list[int]) -> None:
    with store.write() as conn:
        conn.executemany(
            "UPDATE contact SET deleted_at = NULL, version = version + 1 WHERE id = :id", [{"id": i} for i in ids]
        )


def empty_trash(store: Store) -> int:
    """Delete every trashed contact for good; returns how many."""
    with store.write() as conn:
        # Contacts merged into another stay (hidden) so the merge can be undone.
        ids = [r.id for r in conn.execute(
            "SELECT id FROM contact WHERE deleted_at IS NOT NULL AND merged_into_id IS NULL")]
        conn.executemany("DELETE FROM contact WHERE id = :id", [{"id": i} for i in ids])
    return len(ids)


def forget_contact(store: Store, contact_id: int) -> None:
    """Remove every trace of a person: the row, its links, its search index entry.

    The dialect makes the delete leave no readable trace (SQLite overwrites the freed pages
    and rebuilds the search index).
    """
    with store.write() as conn, conn.dialect.erased_for_good(conn):
        conn.execute("UPDATE contact SET introduced_by_id = NULL WHERE introduced_by_id "
                     "= :introduced_by_id", {"introduced_by_id": contact_id})
        conn.execute("DELETE FROM import_change WHERE contact_id = :contact_id", {"contact_id": contact_id})
        conn.execute("DELETE FROM merge_record WHERE kept_id = :kept_id OR merged_id = :merged_id",
                     {"kept_id": contact_id, "merged_id": contact_id})
        conn.execute("DELETE FROM contact WHERE id = :id", {"id": contact_id})


def log_interaction(store: Store, contact_id: int, kind: str, clock: Clock, notes: str = "",
                    when: datetime | None = None, interview_id: int | None = None) -> int:
    """Add to the timeline; the keep-in-touch clock restarts at the latest interaction."""
    with store.write() as conn:
        return insert_interaction(conn, contact_id, kind, when or clock.now(), clock.now(), notes, interview_id)


def insert_interaction(conn: Tx, contact_id: int, kind: str, when: datetime,
                       now: datetime, notes: str = "", interview_id: int | None = None,
                       import_batch_id: int | None = None) -> int:
    stamp = to_iso(now)
    interaction_id = conn.execute(
        "INSERT INTO interaction (uuid, contact_id, kind, occurred_at, notes, interview_id, import_batch_id, "
        "created_at, updated_at, search_text) VALUES (:uuid, :contact_id, :kind, :occurred_at, :notes, "
        ":interview_id, :import_batch_id, :created_at, :updated_at, :search_text) RETURNING id",
        {"uuid": str(uuidlib.uuid4()), "contact_id": contact_id, "kind": kind,
         "occurred_at": to_iso(when), "notes": notes, "interview_id": interview_id,
         "import_batch_id": import_batch_id, "created_at": stamp, "updated_at": stamp,
         "search_text": interaction_words(kind, notes)},
    ).fetchone().id
    conn.execute(
        "UPDATE contact SET last_interaction_at = (SELECT max(occurred_at) FROM interaction "
        "WHERE contact_id = :contact_id AND kind != 'connected') WHERE id = :id",
        {"contact_id": contact_id, "id": contact_id},
    )
    if notes:
        refresh_search_text(conn, contact_id)
    return interaction_id


# -- the list with sort and filters ------------------------------------------

SORTS = ("name", "last", "overdue")
SORT_LABELS = {"name": "name", "last": "last interaction", "overdue": "most overdue"}


@dataclass
class ListQuery:
    """What the contact list shows: a search, filters and an order."""

    text: str = ""
    circle: str | None = None
    tag: str | None = None
    connector: bool = False
    overdue: bool = False  # past the ideal interval (due or overdue)
    sort: str = "name"
    trash: bool = False

    def describe(self) -> str:
        """The filters in words, for the status line ('' when none)."""
        parts = []
        if self.circle:
            from netnet.core.cadence import circle_label

            parts.append(f"circle: {circle_label(self.circle)}")
        if self.tag:
            parts.append(f"tag: {self.tag}")
        if self.connector:
            parts.append("connectors ★")
        if self.overdue:
            parts.append("losing touch")
        return ", ".join(parts)


def _where(q: ListQuery, dialect) -> tuple[list[str], dict[str, object]]:
    """The WHERE clauses and parameters of a list query (the search is the dialect's)."""
    if q.trash:
        clauses = ["deleted_at IS NOT NULL", "merged_into_id IS NULL"]
    else:
        clauses = ["deleted_at IS NULL"]
    args: dict[str, object] = {}
    if q.circle:
        clauses.append("circle = :circle")
        args["circle"] = q.circle
    if q.connector:
        clauses.append("connector_role IS NOT NULL")
    if q.tag:
        clauses.append("id IN (SELECT contact_id FROM contact_tag WHERE tag = :tag)")
        args["tag"] = q.tag
    tokens = words(q.text)
    if tokens:
        matching, params = dialect.match_where(tokens)
        clauses.append(matching)
        args.update(params)
    return clauses, args


_ORDER = {
    "name": "sort_key, id",
    "last": "last_interaction_at IS NULL, last_interaction_at DESC, sort_key, id",
    "overdue": "sort_key, id",
}


def lateness(rows: list[ContactRow], today, defaults=None, connector_default=None) -> dict[int, tuple[str, int]]:
    """Each row's keep-in-touch state and days past the ideal interval.

    Fast enough for 30,000 rows: cadences are cached per (circle, role,
    intervals) and each timestamp's local day per minute of the timestamp.
    """
    from netnet.core.cadence import effective_cadence, state_after

    result: dict[int, tuple[str, int]] = {}
    cadences: dict[tuple, object] = {}
    days_cache: dict[str, date] = {}
    for row in rows:
        key = (row.circle, row.connector_role, row.ideal_days, row.max_days)
        cadence = cadences.get(key, False)
        if cadence is False:
            cadence = cadences[key] = effective_cadence(*key, defaults, connector_default)
        if cadence is None:
            result[row.id] = ("none", 0)
            continue
        start = row.last_interaction_at or row.created_at
        if not start:
            result[row.id] = ("amber", 0)
            continue
        day = days_cache.get(start[:16])
        if day is None:  # offsets are whole minutes, so the minute fixes the local day
            day = days_cache[start[:16]] = from_iso(start).astimezone().date()
        state, late = state_after(cadence, (today - day).days)
        result[row.id] = (state.value, late)
    return result


def query_contacts(store: Store, q: ListQuery, *, today=None, defaults=None,
                   connector_default=None, limit: int | None = None) -> tuple[list[ContactRow], bool]:
    """The rows the list shows for ``q`` and whether they came from the fuzzy fallback.

    ``today``, ``defaults`` and ``connector_default`` feed the keep-in-touch
    rules, needed for the overdue filter and the "most overdue" order.
    ``limit`` returns only the first rows of an order SQL can give (a first
    screenful); it is ignored for the overdue filter and order.
    """
    clauses, args = _where(q, store.dialect)
    sql = f"SELECT {LIST_COLUMNS} FROM contact WHERE {' AND '.join(clauses)} ORDER BY {_ORDER.get(q.sort, _ORDER['name'])}"
    if limit is not None and not (q.overdue or q.sort == "overdue"):
        sql += f" LIMIT {int(limit)}"
    with store.fast() as conn:
        rows = rows_as(ContactRow, *conn.tuples(sql, args))  # plain tuples: a third faster than named rows
    fuzzy = False
    if not rows and words(q.text):
        ids = fuzzy_ids(store, q.text) if not q.trash else []
        if ids:
            plain = ListQuery(circle=q.circle, tag=q.tag, connector=q.connector, trash=q.trash)
            clauses, args = _where(plain, store.dialect)
            rank = {cid: n for n, cid in enumerate(ids)}
            marks, params = in_list("id", ids)
            with store.fast() as conn:
                found = rows_as(ContactRow, *conn.tuples(
                    f"SELECT {LIST_COLUMNS} FROM contact WHERE {' AND '.join(clauses)} AND id IN ({marks})",
                    {**args, **params},
                ))
            rows = sorted(found, key=lambda r: rank[r.id])
            fuzzy = bool(rows)
    if q.overdue or q.sort == "overdue":
        if today is None:
            from netnet.core.clock import Clock

            today = Clock().today()
        late = lateness(rows, today, defaults, connector_default)
        if q.overdue:
            rows = [r for r in rows if late[r.id][0] in ("amber", "red")]
        if q.sort == "overdue":
            # ‼ overdue (past the maximum) before ! due, then the most days past the ideal interval;
            # stable: name order among equals
            rows.sort(key=lambda r: (late[r.id][0] != "red", -late[r.id][1]))
    return rows, fuzzy


def losing_touch(store: Store, *, today, defaults=None, connector_default=None) -> list[ContactRow]:
    """Everyone past their ideal interval, most overdue first."""
    rows, _ = query_contacts(store, ListQuery(overdue=True, sort="overdue"), today=today,
                             defaults=defaults, connector_default=connector_default)
    return rows


def all_tags(store: Store) -> list[tuple[str, int]]:
    """Every tag in use on a live contact, with how many carry it."""
    with store.read() as conn:
        return [(r.tag, r.n) for r in conn.execute(
            "SELECT t.tag, count(*) AS n FROM contact_tag t JOIN contact c ON c.id = t.contact_id "
            "WHERE c.deleted_at IS NULL GROUP BY t.tag ORDER BY lower(t.tag), t.tag"
        )]


def count_trash(store: Store) -> int:
    with store.read() as conn:
        return conn.execute(
            "SELECT count(*) AS n FROM contact WHERE deleted_at IS NOT NULL AND merged_into_id IS NULL"
        ).fetchone().n


def restore_last_deleted(store: Store) -> list[str]:
    """Bring back the contacts moved to the trash most recently (one delete's worth).

    Returns their names; pressing undo again brings back the delete before.
    """
    with store.write() as conn:
        row = conn.execute(
            "SELECT max(deleted_at) AS last FROM contact WHERE deleted_at IS NOT NULL AND merged_into_id IS NULL"
        ).fetchone()
        if row is None or row.last is None:
            return []
        found = conn.execute(
            "SELECT id, display_name FROM contact WHERE deleted_at = :deleted_at AND merged_into_id IS "
            "NULL ORDER BY sort_key",
            {"deleted_at": row.last},
        ).fetchall()
        conn.executemany(
            "UPDATE contact SET deleted_at = NULL, version = version + 1 WHERE id = :id", [{"id": r.id} for r in found]
        )
    return [r.display_name for r in found]


def person_choices(store: Store) -> list[tuple[int, str]]:
    """Every live contact as ``(id, name)``, for suggestions while a person's name is typed."""
    with store.read() as conn:
        return [(r.id, r.display_name) for r in conn.execute(
            "SELECT id, display_name FROM contact WHERE deleted_at IS NULL AND merged_into_id IS NULL "
            "ORDER BY sort_key, id")]
