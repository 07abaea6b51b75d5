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
import sqlite3
from datetime import datetime

from netnet.core.clock import Clock, to_iso
from netnet.data.contacts import ContactInput, Method
from netnet.data.imports import CannotUndo, ImportSummary, apply_import
from netnet.data.schema import SCHEMA_VERSION
from netnet.data.store import Store
from netnet.io.records import Candidate, FileRefused, Parsed, Rejected

FORMAT = "netnet"
FORMAT_VERSION = 1
WHAT = "a netnet JSON export"
# Tables that may hold rows in a database that counts as empty.
_HISTORY = ("setting", "import_batch", "import_change")
# Tables about the file, not the network: never exported, never restored.
_NOT_DATA = ("schema_version", "draft")


def data_tables(conn: sqlite3.Connection) -> list[str]:
    """Every table that holds data, parents before children (not SQLite's, not the search index)."""
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    names = [name for name, _sql in rows
             if name not in virtual and name not in _NOT_DATA
             and not any(name.startswith(v + "_") for v in virtual)]
    parents = {
        name: {r[2] for r in conn.execute(f'PRAGMA foreign_key_list("{name}")')} - {name}
        for name in names
    }
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and parents[n] <= set(ordered)]
        if not ready:  # a cycle between tables: keep the rest in name order
            ready = [n for n in names if n not in ordered]
        ordered.extend(ready)
    return ordered


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def dump_json(store: Store, now: datetime) -> str:
    """Every row of every table as JSON text."""
    with store.read() as conn:
        tables = {}
        for table in data_tables(conn):
            columns = _columns(conn, table)
            order = ", ".join(str(i + 1) for i in range(len(columns)))
            rows = conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall()
            tables[table] = {"columns": columns, "rows": [list(r) for r in rows]}
    document = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "schema_version": SCHEMA_VERSION,
        "exported_at": to_iso(now), "tables": tables,
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def load_dump(data: bytes) -> dict:
    """Parse and check an export; refuses anything that is not one."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise FileRefused(f"it is not {WHAT} (not JSON text)") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FileRefused(f"it is not {WHAT} (no \"format\": \"netnet\" marker)")
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
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


def _is_empty(conn: sqlite3.Connection) -> bool:
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
        summary = apply_import(store, contacts_of(document), "json", filename, clock, dry_run=dry_run)
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
    summary.batch_id = None if dry_run else counts["batch_id"]
    total = sum(counts["rows"].values())
    summary.notes.append(f"Restored every table into the empty database ({total} rows).")
    return summary


def _restore(conn: sqlite3.Connection, document: dict, filename: str, now: datetime) -> dict:
    import uuid as uuidlib

    if not _is_empty(conn):
        raise FileRefused("the database stopped being empty while it was being read")
    conn.execute("PRAGMA defer_foreign_keys = ON")
    known = data_tables(conn)
    tables = document["tables"]
    unknown = [name for name in tables if name not in known]
    if unknown:
        raise FileRefused(f"it holds a table this netnet does not know ({str(unknown[0])[:40]!r})")
    conn.execute("DELETE FROM import_change")
    conn.execute("DELETE FROM import_batch")
    rows_per_table: dict[str, int] = {}
    for table in known:
        if table not in tables:
            continue
        columns = tables[table]["columns"]
        have = _columns(conn, table)
        strange = [c for c in columns if c not in have]
        if strange:
            raise FileRefused(f"its table {table} has a column this netnet does not know ({str(strange[0])[:40]!r})")
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" * len(columns))
        verb = "INSERT OR REPLACE" if table == "setting" else "INSERT"
        try:
            conn.executemany(f'{verb} INTO "{table}" ({names}) VALUES ({marks})', tables[table]["rows"])
        except sqlite3.Error as exc:
            raise FileRefused(f"a row of its table {table} breaks a rule of the database ({exc})") from exc
        rows_per_table[table] = len(tables[table]["rows"])
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise FileRefused(f"a row of its table {problems[0][0]} points at a row that is not there")
    counts = {"mode": "restore", "rows": {t: n for t, n in rows_per_table.items() if t not in _HISTORY}}
    batch_id = conn.execute(
        "INSERT INTO import_batch (uuid, source, filename, created_at, counts) VALUES (?,?,?,?,?)",
        (str(uuidlib.uuid4()), "json", filename, to_iso(now), json.dumps(counts)),
    ).lastrowid
    counts["batch_id"] = batch_id
    return counts


def undo_restore(conn: sqlite3.Connection, batch_id: int, counts: dict) -> int:
    """Empty the tables a restore filled, if nothing changed since; returns contacts removed."""
    recorded = counts.get("rows", {})
    tables = [t for t in data_tables(conn) if t not in _HISTORY]
    for table in tables:
        now = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        if now != recorded.get(table, 0):
            raise CannotUndo("The restored data has changed since the import, so it was not undone; "
                             "use `netnet restore` with a backup instead.")
    conn.execute("PRAGMA defer_foreign_keys = ON")
    for table in reversed(tables):
        conn.execute(f'DELETE FROM "{table}"')
    conn.execute("DELETE FROM import_batch WHERE id != ?", (batch_id,))
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

    for index, c in enumerate(contacts, 1):
        if c.get("deleted_at") or c.get("merged_into_id"):
            continue
        if not text(c, "display_name").strip():
            parsed.rejected.append(Rejected(index, "has no name", "contact"))
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
            index, data, uuid=text(c, "uuid") or None,
            vcard_extra=[x for x in extra if isinstance(x, str)] if isinstance(extra, list) else [],
            introduced_by_uuid=uuid_of.get(c.get("introduced_by_id")) if c.get("introduced_by_id") else None,
        ))
    return parsed
