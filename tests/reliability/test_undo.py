"""Undoing an import is quick and whole: every link is indexed, and the undo removes
exactly what the import created (the speed figure is printed by benchmarks/import.py)."""

from __future__ import annotations

from pathlib import Path

from netnet.data.store import Store


def _first_index_columns(conn, table: str) -> set[str]:
    first = set()
    for index in conn.execute(f"PRAGMA index_list({table})").fetchall():
        columns = conn.execute(f"PRAGMA index_info({index['name']})").fetchall()
        if columns:
            first.add(columns[0]["name"])
    return first


def test_every_foreign_key_column_is_indexed(store: Store) -> None:
    """Deleting a parent row looks up its children: an unindexed link is a scan per row."""
    conn = store.conn()
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
        "AND name NOT LIKE 'sqlite_%'")]
    missing = []
    for table in tables:
        indexed = _first_index_columns(conn, table)
        for link in conn.execute(f"PRAGMA foreign_key_list({table})").fetchall():
            if link["from"] not in indexed:
                missing.append(f"{table}.{link['from']}")
    assert missing == []


def _connections(path: Path, rows: int) -> None:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [f"Ada,Person{n},https://www.linkedin.com/in/ada-{n},,Acme,Engineer,01 Jan 2020"
              for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_undo_removes_every_created_contact_and_keeps_the_others(store: Store, clock, tmp_path) -> None:
    from netnet.data.contacts import ContactInput, count_contacts, create_contact
    from netnet.data.undo import undo_last_import
    from netnet.importing import import_file

    mine = create_contact(store, ContactInput(display_name="Kept Person"), clock)
    source = tmp_path / "Connections.csv"
    _connections(source, 500)
    import_file(store, "linkedin", source, clock)
    assert count_contacts(store) == 501
    summary = undo_last_import(store, clock)
    assert summary.removed == 500
    assert count_contacts(store) == 1
    assert store.conn().execute("SELECT id FROM contact").fetchone()[0] == mine
