"""A lock held by another netnet or a full disk: one sentence, exit 3, nothing changed."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from netnet.cli import run


def _csv(path: Path, rows: int = 50) -> Path:
    lines = ["Name,Email"] + [f"Person {n},p{n}@example.com" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _contacts(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM contact").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def seeded(db_path: Path, tmp_path: Path) -> Path:
    assert run(["--db", str(db_path), "import", "csv", str(_csv(tmp_path / "first.csv", 3))]) == 0
    return db_path


def test_import_while_another_netnet_writes_says_so_and_changes_nothing(seeded, tmp_path, capsys,
                                                                       monkeypatch) -> None:
    monkeypatch.setattr("netnet.data.store.WRITE_WAIT_SECONDS", 0.6)
    holder = sqlite3.connect(seeded, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        capsys.readouterr()
        code = run(["--db", str(seeded), "import", "csv", str(_csv(tmp_path / "more.csv"))])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert code == 3
    assert "Another netnet is writing to this database; nothing was saved" in err
    assert "Traceback" not in err and err.splitlines()[-1].startswith("netnet: Another netnet is writing")
    assert _contacts(seeded) == 3


def test_undo_while_another_netnet_writes_says_so(seeded, capsys, monkeypatch) -> None:
    monkeypatch.setattr("netnet.data.store.WRITE_WAIT_SECONDS", 0.6)
    holder = sqlite3.connect(seeded, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        capsys.readouterr()
        code = run(["--db", str(seeded), "import", "--undo"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 3
    assert "Another netnet is writing to this database" in capsys.readouterr().err
    assert _contacts(seeded) == 3


def test_full_disk_during_import_says_so_and_keeps_the_database(seeded, tmp_path, capsys,
                                                                 monkeypatch) -> None:
    """A real SQLITE_FULL: the file may not grow past its current size."""
    from netnet.data import store as store_module

    configure = store_module.configure

    def no_room(conn):
        configure(conn)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(store_module, "configure", no_room)
    before = hashlib.sha256(seeded.read_bytes()).hexdigest()
    capsys.readouterr()
    code = run(["--db", str(seeded), "import", "csv", str(_csv(tmp_path / "big.csv", 3000))])
    err = capsys.readouterr().err
    assert code == 3, err
    assert "The disk is full" in err and "nothing already saved was changed" in err
    assert "Traceback" not in err and err.splitlines()[-1].startswith("netnet: The disk is full")
    assert hashlib.sha256(seeded.read_bytes()).hexdigest() == before
    assert _contacts(seeded) == 3



async def test_import_in_the_app_while_locked_says_so_and_can_be_tried_again(store, make_app, tmp_path,
                                                                              monkeypatch) -> None:
    from netnet.data.contacts import count_contacts
    from netnet.screens.import_dialog import ImportDialog

    monkeypatch.setattr("netnet.data.store.WRITE_WAIT_SECONDS", 0.6)
    source = _csv(tmp_path / "people.csv", 5)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = ImportDialog("csv")
        await app.push_screen(dialog)
        dialog.query_one("#import-path").value = str(source)
        holder = sqlite3.connect(store.path, isolation_level=None, timeout=0)
        holder.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        shown = str(dialog.query_one("#import-result").render())
        assert "Another netnet is writing to this database; nothing was saved" in shown
        assert count_contacts(store) == 0
        assert not dialog.query_one("#import-go").disabled  # the person can try again
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert count_contacts(store) == 5
