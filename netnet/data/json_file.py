"""A lossless JSON export of every table, and its import.

The export holds every row of every table (not SQLite's own tables nor the
search index, which is rebuilt from the rows). Imported into an empty
database it restores everything, row ids included, so the same data comes
back; imported into a database that already holds people, only the contacts
are merged (matched like any other import), because goals, interviews and
follow-ups cannot be merged safely.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from netnet.core.clock import Clock, to_iso
from netnet.core.records import Candidate, ContactInput, FileRefused, Method, Parsed, Rejected
from netnet.core.validation import (
    check_cadence,
    check_day,
    check_import_name,
    check_int64,
    check_moment,
    check_stored_birthday,
)
from netnet.data.imports import CannotUndo, ImportSummary, apply_import
from netnet.data.schema import SCHEMA_VERSION
from netnet.data.store import Store, Tx

FORMAT = "netnet"
FORMAT_VERSION = 1
WHAT = "a netnet JSON export"
# Tables that may hold rows in a database that counts as empty.
_HISTORY = ("setting", "import_batch", "import_change")
# Tables about the file, not the network: never exported, never restored.
_NOT_DATA = ("schema_version", "draft")


def _tables() -> dict:
    """The models' tables by name (the one definition of the schema)."""
    from netnet.data.schema import metadata

    return metadata().tables


def data_tables(conn: Tx | None = None) -> list[str]:
    """Every table that holds data, parents before children, as the models define them (the
    engine's own tables and the search index are not among them)."""
    from netnet.data.schema import metadata

    return [table.name for table in metadata().sorted_tables if table.name not in _NOT_DATA]


def _columns(conn: Tx | None, table: str) -> list[str]:
    return [column.name for column in _tables()[table].columns]


def dump_json(store: Store, now: datetime) -> str:
    """Every row of every table as JSON text."""
    with store.read() as conn:
        return dump_rows(conn, now)


def dump_rows(conn: Tx, now: datetime, schema_version: int = SCHEMA_VERSION) -> str:
    """``dump_json`` on an open connection (a dialect's kept copy before a migration uses it).

    Before a migration the database is older than the models: only the tables and columns it
    has are written (a restore fills the rest with their defaults), and ``schema_version``
    says which version the rows are."""
    tables = {}
    for table in data_tables(conn):
        columns = _columns(conn, table)
        if schema_version < SCHEMA_VERSION:
            if not conn.dialect.has_table(conn, table):
                continue
            present = set(conn.execute(f'SELECT * FROM "{table}" WHERE 1 = 0').keys())
            columns = [c for c in columns if c in present]
        names = ", ".join(f'"{c}"' for c in columns)
        rows = conn.execute(f'SELECT {names} FROM "{table}" ORDER BY {names}').fetchall()
        tables[table] = {"columns": columns, "rows": [[r._mapping[c] for c in columns] for r in rows]}
    document = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "schema_version": schema_version,
        "exported_at": to_iso(now), "tables": tables,
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def load_dump(data: bytes) -> dict:
    """Parse and check an export; refuses anything that is not one."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except ValueError as exc:
        if "integer string conversion" in str(exc):  # Python refuses numbers over 4300 digits
            raise FileRefused(f"it holds a number too long to read (over 4300 digits), so it is not {WHAT}") from exc
        raise FileRefused(f"it is not {WHAT} (not JSON text)") from exc
    except RecursionError as exc:
        raise FileRefused(f"it is not {WHAT} (not JSON text)") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FileRefused(f"it is not {WHAT} (no \"format\": \"netnet\" marker)")
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FileRefused(f"it is not {WHAT} (no schema version)")
    if version > SCHEMA_VERSION:
        raise FileRefused(
            f"it was written by a newer netnet (schema {version}, this one knows {SCHEMA_VERSION})"
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise FileRefused(f"it is not {WHAT} (no tables)")
    for name, table in tables.items():
        if not isinstance(table, dict) or not isinstance(table.get("columns"), list) \
                or not isinstance(table.get("rows"), list):
            raise FileRefused(f"its table {str(name)[:40]!r} is malformed")
        width = len(table["columns"])
        for index, row in enumerate(table["rows"], 1):
            if not isinstance(row, list) or len(row) != width or not all(
                v is None or isinstance(v, str | int | float) for v in row
            ):
                raise FileRefused(f"row {index} of its table {str(name)[:40]!r} is malformed")
    return document


def is_empty(store: Store) -> bool:
    """Whether the database holds no network yet (settings and import history aside)."""
    with store.read() as conn:
        return _is_empty(conn)


def _is_empty(conn: Tx) -> bool:
    for table in data_tables(conn):
        if table not in _HISTORY and conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone():
            return False
    return True


class _DryRun(Exception):
    pass


def import_json(store: Store, data: bytes, filename: str, clock: Clock, *,
                dry_run: bool = False) -> ImportSummary:
    """Restore into an empty database, or merge the contacts into a populated one."""
    document = load_dump(data)
    with store.read() as conn:
        empty = _is_empty(conn)
    if not empty:
        with store.read() as conn:
            rejected = vet_tables(conn, document, ("contact", "contact_method", "contact_tag"))
        parsed = contacts_of(document)
        parsed.rejected[:0] = rejected
        summary = apply_import(store, parsed, "json", filename, clock, dry_run=dry_run)
        summary.notes.append("The database already held data, so only contacts were merged; goals, "
                             "interviews and follow-ups are restored only into an empty database.")
        return summary
    summary = ImportSummary("json", filename, dry_run=dry_run)
    try:
        with store.write() as conn:
            counts = _restore(conn, document, filename, clock.now())
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    summary.created = counts["rows"].get("contact", 0)
    summary.rejected = counts.pop("rejected")
    summary.batch_id = None if dry_run else counts["batch_id"]
    total = sum(counts["rows"].values())
    summary.notes.append(f"Restored every table into the empty database ({total} rows).")
    return summary


def _restore(conn: Tx, document: dict, filename: str, now: datetime) -> dict:
    import uuid as uuidlib

    from netnet.data.sql import DatabaseError

    if not _is_empty(conn):
        raise FileRefused("the database stopped being empty while it was being read")
    conn.dialect.defer_links(conn)
    known = data_tables(conn)
    tables = document["tables"]
    unknown = [name for name in tables if name not in known]
    if unknown:
        raise FileRefused(f"it holds a table this netnet does not know ({str(unknown[0])[:40]!r})")
    for table in known:
        if table in tables:
            have = _columns(conn, table)
            strange = [c for c in tables[table]["columns"] if c not in have]
            if strange:
                raise FileRefused(
                    f"its table {table} has a column this netnet does not know ({str(strange[0])[:40]!r})")
    rejected = vet_tables(conn, document)
    conn.execute("DELETE FROM import_change")
    conn.execute("DELETE FROM import_batch")
    rows_per_table: dict[str, int] = {}
    for table in known:
        if table not in tables:
            continue
        columns = tables[table]["columns"]
        names = ", ".join(f'"{c}"' for c in columns)
        # The file keeps each row as a list in the order of its "columns"; the parameters are
        # named after that order (c0, c1, ...) so any column name the file holds stays harmless.
        marks = ", ".join(f":c{i}" for i in range(len(columns)))
        sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
        if table == "setting":  # a later value of a key wins
            sql += ' ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"'
        rows = [{f"c{i}": value for i, value in enumerate(row)} for row in tables[table]["rows"]]
        try:
            with conn.savepoint():
                conn.executemany(sql, rows)
        except DatabaseError:  # find the rows that break a rule (a CHECK, a UNIQUE) and reject only them
            index = tables[table].get("index") or list(range(len(rows)))
            kept = 0
            for position, row in enumerate(rows):
                try:
                    conn.execute(sql, row)
                    kept += 1
                except DatabaseError as exc:
                    path = f"$.tables.{table}.rows[{index[position]}]"
                    rejected.append(Rejected(index[position], f"it breaks a rule of the database ({exc})",
                                             "row", path))
            rows_per_table[table] = kept
        else:
            rows_per_table[table] = len(rows)
        if "id" in columns:
            conn.dialect.ids_given(conn, table)
    broken = conn.dialect.broken_links(conn)
    if broken:
        raise FileRefused(f"a row of its table {broken[0]} points at a row that is not there")
    from netnet.data.notes_search import fill_search_texts

    fill_search_texts(conn)  # an export made before notes kept their words: searchable all the same
    counts = {"mode": "restore", "rows": {t: n for t, n in rows_per_table.items() if t not in _HISTORY}}
    batch_id = conn.execute(
        "INSERT INTO import_batch (uuid, source, filename, created_at, counts) VALUES (:uuid, :source, "
        ":filename, :created_at, :counts) RETURNING id",
        {"uuid": str(uuidlib.uuid4()), "source": "json", "filename": filename, "created_at": to_iso(now),
         "counts": json.dumps(counts)},
    ).fetchone().id
    counts["batch_id"] = batch_id
    counts["rejected"] = rejected
    return counts


def undo_restore(conn: Tx, batch_id: int, counts: dict) -> int:
    """Empty the tables a restore filled, if nothing changed since; returns contacts removed."""
    recorded = counts.get("rows", {})
    tables = [t for t in data_tables(conn) if t not in _HISTORY]
    for table in tables:
        now = conn.execute(f'SELECT count(*) AS n FROM "{table}"').fetchone().n
        if now != recorded.get(table, 0):
            raise CannotUndo("The restored data has changed since the import, so it was not undone; "
                             "use `netnet restore` with a backup instead.")
    conn.dialect.defer_links(conn)
    for table in reversed(tables):
        conn.execute(f'DELETE FROM "{table}"')
    conn.execute("DELETE FROM import_batch WHERE id != :id", {"id": batch_id})
    return recorded.get("contact", 0)


def contacts_of(document: dict) -> Parsed:
    """The live contacts of an export as import candidates (for merging into a populated database)."""
    tables = document["tables"]

    def rows(name: str) -> list[dict]:
        table = tables.get(name) or {"columns": [], "rows": []}
        return [dict(zip(table["columns"], row, strict=True)) for row in table["rows"]]

    methods: dict[object, list[Method]] = {}
    def position(row: dict) -> int:
        value = row.get("position")
        return value if isinstance(value, int) else 0

    for m in sorted(rows("contact_method"), key=lambda r: (str(r.get("kind")), position(r))):
        if m.get("kind") in ("email", "phone", "link", "address") and isinstance(m.get("value"), str):
            methods.setdefault(m.get("contact_id"), []).append(Method(m["kind"], m["value"], m.get("label") or ""))
    tags: dict[object, list[str]] = {}
    for t in rows("contact_tag"):
        if isinstance(t.get("tag"), str):
            tags.setdefault(t.get("contact_id"), []).append(t["tag"])
    contacts = rows("contact")
    uuid_of = {c.get("id"): c.get("uuid") for c in contacts if isinstance(c.get("uuid"), str)}
    parsed = Parsed()

    def text(row: dict, name: str) -> str:
        value = row.get(name)
        return value if isinstance(value, str) else ""

    positions = (tables.get("contact") or {}).get("index") or list(range(len(contacts)))
    for number, c in enumerate(contacts):
        index = positions[number]
        path = f"$.tables.contact.rows[{index}]"
        if c.get("deleted_at") or c.get("merged_into_id"):
            continue
        if not text(c, "display_name").strip():
            parsed.rejected.append(Rejected(index, "has no name", "contact", path))
            continue
        data = ContactInput(
            display_name=text(c, "display_name"), given_name=text(c, "given_name"),
            family_name=text(c, "family_name"), nickname=text(c, "nickname"),
            organisation=text(c, "organisation"), title=text(c, "title"), field=text(c, "field"),
            birthday=text(c, "birthday") or None, notes=text(c, "notes"),
            methods=methods.get(c.get("id"), []), tags=tags.get(c.get("id"), []),
        )
        try:
            extra = json.loads(text(c, "vcard_extra") or "[]")
        except ValueError:
            extra = []
        parsed.candidates.append(Candidate(
            index, data, path=path, uuid=text(c, "uuid") or None,
            vcard_extra=[x for x in extra if isinstance(x, str)] if isinstance(extra, list) else [],
            introduced_by_uuid=uuid_of.get(c.get("introduced_by_id")) if c.get("introduced_by_id") else None,
        ))
    return parsed


# -- checking every value before it is restored -------------------------------------

_IN = re.compile(r"\b(\w+)\s+IN\s*\(([^)]*)\)", re.IGNORECASE)
_NONBLANK = re.compile(r"length\(trim\((\w+)\)\)\s*>\s*0", re.IGNORECASE)
_POSITIVE = re.compile(r"(?<![\w)])(\w+)\s*>\s*0\b")
_JSON_COLUMNS = {("contact", "vcard_extra"): list, ("import_batch", "counts"): dict,
                 ("import_change", "before"): dict, ("merge_record", "snapshot"): dict,
                 ("draft", "args"): dict, ("draft", "fields"): dict}
MAX_TEXT = 1_000_000  # characters in one cell


@dataclass
class _Column:
    name: str
    kind: str  # integer, real, text
    required: bool
    choices: frozenset | None = None
    nonblank: bool = False
    positive: bool = False
    date: str = ""  # "moment", "day", "birthday" or ""
    json: type | None = None


def _rules(conn: Tx | None, table: str) -> dict[str, _Column]:
    """What each column of ``table`` accepts, read from the model classes: types, NOT NULL,
    and the CHECK rules (a list of choices, not blank, more than 0)."""
    from sqlalchemy import CheckConstraint, Float, Integer

    from netnet.data.models import ISODate, UTCDateTime

    model = _tables()[table]
    checks = " ".join(str(c.sqltext) for c in model.constraints if isinstance(c, CheckConstraint))
    rules: dict[str, _Column] = {}
    for info in model.columns:
        sa_type = info.type
        impl = getattr(sa_type, "impl", sa_type)
        kind = "integer" if isinstance(impl, Integer) else "real" if isinstance(impl, Float) else "text"
        column = _Column(info.name, kind, not info.nullable and not info.primary_key)
        if isinstance(sa_type, UTCDateTime):
            column.date = "moment"
        elif isinstance(sa_type, ISODate):
            column.date = "day"
        elif (table, info.name) == ("contact", "birthday"):
            column.date = "birthday"
        column.json = _JSON_COLUMNS.get((table, info.name))
        rules[info.name] = column
    for name, values in _IN.findall(checks):
        if name in rules:
            items = [v.strip() for v in values.split(",")]
            rules[name].choices = frozenset(int(v) if v.isdigit() else v.strip("'") for v in items)
    for name in _NONBLANK.findall(checks):
        if name in rules:
            rules[name].nonblank = True
    for name in _POSITIVE.findall(checks):
        if name in rules:
            rules[name].positive = True
    return rules


def _check_value(table: str, column: _Column, value):
    """(the value to store, None) or (None, why it cannot be stored)."""
    if value is None:
        return (None, f"{column.name} is empty but is required") if column.required else (None, None)
    if isinstance(value, bool):
        value = int(value)
    if column.kind in ("integer", "real") and isinstance(value, int):
        error = check_int64(value)
        if error:
            return None, f"{column.name}: {error}"
    if column.kind == "integer":
        if not isinstance(value, int):
            return None, f"{column.name} {str(value)[:40]!r} is not a whole number"
    elif column.kind == "real":
        if not isinstance(value, int | float) or not math.isfinite(value):
            return None, f"{column.name} {str(value)[:40]!r} is not a number"
    else:
        if not isinstance(value, str):
            return None, f"{column.name} {str(value)[:40]!r} is not text"
        if len(value) > MAX_TEXT:
            return None, f"{column.name} is longer than {MAX_TEXT:,} characters"
    if column.choices is not None and value not in column.choices:
        allowed = ", ".join(sorted(str(c) for c in column.choices))
        return None, f"{column.name} {str(value)[:40]!r} is not one of {allowed}"
    if column.nonblank and not value.strip():
        return None, f"{column.name} is blank"
    if column.positive and value <= 0:
        return None, f"{column.name} {value} must be more than 0"
    if column.date == "moment":
        value, error = check_moment(value)
        if error:
            return None, f"{column.name} {error}"
    elif column.date == "day":
        error = check_day(value)
        if error:
            return None, f"{column.name} {error}"
    elif column.date == "birthday":
        value, error = check_stored_birthday(value)
        if error:
            return None, f"{column.name} {error}"
    if column.json is not None:
        try:
            parsed = json.loads(value)
        except (ValueError, RecursionError):
            parsed = None
        if not isinstance(parsed, column.json):
            return None, f"{column.name} is not the JSON {column.json.__name__} netnet writes there"
    if (table, column.name) == ("contact", "display_name"):
        error = check_import_name(value)
        if error:
            return None, error
    return value, None


def _unique_keys(conn: Tx | None, table: str) -> list[tuple[str, ...]]:
    """The column sets that must not repeat in ``table`` (its primary key and UNIQUE constraints)."""
    from sqlalchemy import UniqueConstraint

    if table == "setting":  # restored with ON CONFLICT ... DO UPDATE: a later value wins, as it always has
        return []
    model = _tables()[table]
    keys = [tuple(c.name for c in model.primary_key.columns)]
    keys += [tuple(c.name for c in constraint.columns) for constraint in model.constraints
             if isinstance(constraint, UniqueConstraint)]
    keys += [tuple(c.name for c in index.columns) for index in model.indexes if index.unique]
    return list(dict.fromkeys(k for k in keys if k))


def _check_cadence(row: dict) -> str | None:
    """A contact's own keep-in-touch interval, by the contact form's rule (1 to 3650 days, max >= ideal)."""
    ideal, maximum = row.get("ideal_days"), row.get("max_days")
    if ideal is None and maximum is None:
        return None
    _i, _m, ideal_error, max_error = check_cadence("" if ideal is None else str(ideal),
                                                   "" if maximum is None else str(maximum))
    error = ideal_error or max_error
    return f"its keep-in-touch interval is not valid: {error}" if error else None


def _check_setting(row: dict) -> str | None:
    from netnet.data.settings import Settings

    defaults = Settings()
    try:
        value = json.loads(row["value"])
    except (ValueError, RecursionError, TypeError):
        return "value is not JSON text"
    key = row.get("key")
    if isinstance(key, str) and hasattr(defaults, key):
        expected = type(getattr(defaults, key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            return None
        if not isinstance(value, expected) or isinstance(value, bool) != isinstance(getattr(defaults, key), bool):
            return f"the setting {key} is not a {expected.__name__}"
    return None


def vet_tables(conn: Tx, document: dict, tables: Iterable[str] | None = None) -> list[Rejected]:
    """Check every value of every row against what this netnet stores and reads back.

    A row with a bad value is removed from ``document`` and reported with its
    JSON path (``$.tables.followup.rows[3]``) and the reason; so is every row
    that belongs to it (a foreign key with ON DELETE CASCADE), while a reference
    that the database would set to NULL on delete is set to NULL, as if the
    rejected row had been deleted. Good values are normalised in place (times
    to UTC as netnet writes them).
    """
    known = data_tables(conn)
    wanted = [t for t in known if t in document["tables"] and (tables is None or t in tables)]
    rejected: list[Rejected] = []
    bad: dict[str, dict[int, str]] = {}  # table -> row index -> path of the reason
    ids: dict[str, dict[object, int]] = {}
    for table in wanted:
        body = document["tables"][table]
        rules = _rules(conn, table)
        columns = body["columns"]
        bad[table] = {}
        ids[table] = {}
        unique = [keys for keys in _unique_keys(conn, table) if all(k in columns for k in keys)]
        seen: dict[tuple, int] = {}
        for index, row in enumerate(body["rows"]):
            path = f"$.tables.{table}.rows[{index}]"
            reason = None
            for position, name in enumerate(columns):
                column = rules.get(name)
                if column is None:
                    continue
                value, reason = _check_value(table, column, row[position])
                if reason:
                    break
                row[position] = value
            if reason is None and table == "setting":
                reason = _check_setting(dict(zip(columns, row, strict=True)))
            if reason is None and table == "contact":
                reason = _check_cadence(dict(zip(columns, row, strict=True)))
            for keys in unique if reason is None else ():
                key = (keys, *(row[columns.index(k)] for k in keys))
                if None in key[1:]:
                    continue
                if key in seen:
                    reason = f"its {', '.join(keys)} repeats that of $.tables.{table}.rows[{seen[key]}]"
                    break
                seen[key] = index
            if reason:
                bad[table][index] = path
                rejected.append(Rejected(index, reason, "row", path))
            if "id" in columns:  # the first row with an id is the one its children point at
                ids[table].setdefault(row[columns.index("id")], index)
    links = {table: [(key.parent.name, key.column.table.name, (key.ondelete or "").upper())
                     for key in _tables()[table].foreign_keys]
             for table in wanted}
    changed = True
    while changed:  # a rejected row takes the rows that belong to it along, to any depth
        changed = False
        for table in wanted:
            body = document["tables"][table]
            columns = body["columns"]
            for index, row in enumerate(body["rows"]):
                if index in bad[table]:
                    continue
                for column, parent, on_delete in links[table]:
                    if column not in columns or parent not in bad:
                        continue
                    value = row[columns.index(column)]
                    parent_index = ids[parent].get(value) if value is not None else None
                    if parent_index is None or parent_index not in bad[parent]:
                        continue
                    if on_delete == "SET NULL":
                        row[columns.index(column)] = None
                        continue
                    path = f"$.tables.{table}.rows[{index}]"
                    bad[table][index] = path
                    rejected.append(Rejected(index, f"it belongs to {bad[parent][parent_index]}, which was rejected",
                                             "row", path))
                    changed = True
                    break
    for table in wanted:
        if bad[table]:
            body = document["tables"][table]
            body["index"] = [index for index in range(len(body["rows"])) if index not in bad[table]]
            body["rows"] = [row for index, row in enumerate(body["rows"]) if index not in bad[table]]
    return rejected
