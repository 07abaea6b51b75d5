"""A database migrated step by step from version 1 has exactly the schema of a new one
created from the models' metadata: the same tables, columns (type, null, default, key),
foreign keys, indexes (columns, uniqueness, partial) and CHECK rules; and every row survives."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from netnet.data import schema
from netnet.data.store import Store
from tests.test_store import make_version_one


def _shape(conn: sqlite3.Connection) -> dict:
    conn.row_factory = sqlite3.Row
    tables = [r["name"] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    shape = {}
    for table in tables:
        if "_fts" in table:  # the search indexes (FTS5 tables and their shadow tables)
            shape[table] = "fts"
            continue
        # A key column counts as NOT NULL: an INTEGER key is the rowid and never NULL, and
        # the metadata's explicit NOT NULL on the text key of `setting` only forbids what
        # netnet never writes.
        columns = {r["name"]: (r["type"].upper(), bool(r["notnull"] or r["pk"]), r["dflt_value"], r["pk"])
                   for r in conn.execute(f"PRAGMA table_info({table})")}
        links = sorted((r["from"], r["table"], r["to"], r["on_delete"])
                       for r in conn.execute(f"PRAGMA foreign_key_list({table})"))
        indexes = {}
        for index in conn.execute(f"PRAGMA index_list({table})"):
            if index["origin"] != "c":  # primary keys and UNIQUE are in the columns' rules below
                continue
            info = [r["name"] or "<expr>" for r in conn.execute(f"PRAGMA index_xinfo({index['name']})") if r["key"]]
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (index["name"],)).fetchone()[0]
            indexes[index["name"]] = (tuple(info), bool(index["unique"]), bool(index["partial"]),
                                      _normal(sql.split(" ON ", 1)[1]))
        unique = sorted(tuple(r["name"] for r in conn.execute(f"PRAGMA index_info({index['name']})"))
                        for index in conn.execute(f"PRAGMA index_list({table})") if index["origin"] == "u")
        create = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        checks = sorted(_normal(c) for c in _checks(create))
        without_rowid = "WITHOUT ROWID" in create.upper()
        shape[table] = {"columns": columns, "links": links, "indexes": indexes, "unique": unique,
                        "checks": checks, "without_rowid": without_rowid}
    triggers = sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
    return {"tables": shape, "triggers": triggers}


def _checks(create: str) -> list[str]:
    """The bodies of CHECK (...) clauses, balanced parentheses included."""
    found = []
    for match in re.finditer(r"CHECK\s*\(", create, re.IGNORECASE):
        depth, start = 1, match.end()
        for pos in range(start, len(create)):
            depth += {"(": 1, ")": -1}.get(create[pos], 0)
            if depth == 0:
                found.append(create[start:pos])
                break
    return found


def _normal(text: str) -> str:
    return re.sub(r"\s+", "", text).replace('"', "").lower()


def test_migrated_database_has_exactly_the_schema_of_a_new_one(tmp_path: Path) -> None:
    counts = make_version_one(tmp_path / "old.db")
    migrated = Store(tmp_path / "old.db")
    fresh = Store(tmp_path / "new.db")
    try:
        old_shape, new_shape = _shape(migrated.conn()), _shape(fresh.conn())
        assert set(old_shape["tables"]) == set(new_shape["tables"])
        for table in new_shape["tables"]:
            assert old_shape["tables"][table] == new_shape["tables"][table], table
        assert old_shape["triggers"] == new_shape["triggers"]
        for table, n in counts.items():
            assert migrated.conn().execute(f"SELECT count(*) FROM {table}").fetchone()[0] == n, table
        versions = [r[0] for r in migrated.conn().execute("SELECT version FROM schema_version ORDER BY version")]
        assert versions == list(range(4, schema.SCHEMA_VERSION + 1))  # one row per version since the table came
        assert [r[0] for r in fresh.conn().execute("SELECT version FROM schema_version")] == [schema.SCHEMA_VERSION]
    finally:
        migrated.close()
        fresh.close()


def test_every_table_of_the_metadata_is_created(store: Store) -> None:
    tables = {r[0] for r in store.conn().execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
        "AND name NOT LIKE 'sqlite_%'")}
    assert tables == set(schema.metadata().tables)


def test_the_shipped_ddl_is_what_the_metadata_compiles_to() -> None:
    """A new database is created from schema_current.sql (no SQLAlchemy at start-up); the
    file must be exactly the models' DDL: after a model changes, run
    `python -m netnet.data.schema` to write it again."""
    shipped = [s for s in schema.CURRENT_DDL.read_text(encoding="utf-8").split(schema._SEPARATOR) if s.strip()]
    assert [s.strip() for s in shipped] == [s.strip() for s in schema.current_ddl()]


def test_creating_a_database_does_not_import_sqlalchemy(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from netnet.data.store import Store\n"
        f"Store(Path({str(tmp_path / 'new.db')!r})).close()\n"
        "print(','.join(m for m in ('sqlalchemy', 'sqlmodel') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
