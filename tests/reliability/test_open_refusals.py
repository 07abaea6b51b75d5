"""Saying what is true when a database cannot be used (Trust items 12 and 15).

A read-only folder, a read-only file, a full disk and a lock each get their
own sentence; only real corruption is called damage. A backup that is
read-only can still be restored from: netnet only reads it.

Tests run as root here, where permission bits stop nothing: the real
permission tests skip as root, and their twins simulate what the system
would say through monkeypatching.
"""

from __future__ import annotations

import gc
import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from netnet.cli import run
from netnet.data.store import CannotWriteNow, Store, StoreError, _inspect_readonly, diagnose

FIXTURES = Path(__file__).parents[1] / "fixtures"
CONNECTIONS = FIXTURES / "linkedin_connections.csv"
ROOT = os.geteuid() == 0


def digest(path: Path) -> str:
    gc.collect()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_sentence(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("netnet: ") and "Traceback" not in err, err
    return err


@pytest.fixture
def db(tmp_path: Path, capsys) -> Path:
    folder = tmp_path / "folder"
    folder.mkdir()
    path = folder / "net.db"
    assert run(["--db", str(path), "import", "linkedin", str(CONNECTIONS)]) == 0
    capsys.readouterr()
    gc.collect()
    assert not Path(str(path) + "-shm").exists()  # closed cleanly: opening needs to create side files
    return path


def deny(monkeypatch, path: Path, mode: int) -> None:
    """Make os.access answer as it would for a non-root user without ``mode`` on ``path``."""
    real_access = os.access

    def access(p, m, *args, **kwargs):
        if Path(p) == path and m & mode:
            return False
        return real_access(p, m, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


def sqlite_refuses(monkeypatch, message: str, *, only_uri: bool = False) -> None:
    real_connect = sqlite3.connect

    def connect(database, *args, **kwargs):
        if not only_uri or kwargs.get("uri"):
            raise sqlite3.OperationalError(message)
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)


# -- a read-only folder ------------------------------------------------------------------------

@pytest.mark.skipif(ROOT, reason="root can write in a 0500 folder; the simulated twin below covers it")
def test_a_read_only_folder_is_named_not_called_damage(db: Path, capsys) -> None:
    before = digest(db)
    os.chmod(db.parent, 0o500)
    try:
        assert run(["--db", str(db), "contacts"]) == 2
    finally:
        os.chmod(db.parent, 0o700)
    err = one_sentence(capsys)
    assert f"cannot write in {db.parent}" in err and "damaged" not in err
    assert digest(db) == before


def test_a_read_only_folder_is_named_not_called_damage_simulated(db: Path, capsys, monkeypatch) -> None:
    before = digest(db)
    deny(monkeypatch, db.parent, os.W_OK)
    assert run(["--db", str(db), "contacts"]) == 2
    err = one_sentence(capsys)
    assert f"cannot write in {db.parent}" in err and "journal files" in err and "damaged" not in err
    assert digest(db) == before


def test_sqlite_unable_to_open_in_a_read_only_folder_is_named(db: Path, monkeypatch) -> None:
    """What SQLite says when it cannot create the -shm beside a WAL file (before: 'is damaged')."""
    deny(monkeypatch, db.parent, os.W_OK)
    sqlite_refuses(monkeypatch, "unable to open database file")
    with pytest.raises(StoreError, match="cannot write in") as caught:
        _inspect_readonly(db, deep=True)
    assert "damaged" not in str(caught.value)


# -- a read-only file ---------------------------------------------------------------------------

def test_a_read_only_file_is_named_not_called_damage(db: Path, capsys, monkeypatch) -> None:
    before = digest(db)
    os.chmod(db, 0o400)
    deny(monkeypatch, db, os.W_OK)
    assert run(["--db", str(db), "contacts"]) == 2
    err = one_sentence(capsys)
    assert "read-only" in err and "damaged" not in err
    assert digest(db) == before


def test_sqlite_readonly_error_on_a_read_only_file_is_named(db: Path, monkeypatch) -> None:
    deny(monkeypatch, db, os.W_OK)
    error = sqlite3.OperationalError("attempt to write a readonly database")
    found = diagnose(error, db)
    assert found is not None and "read-only" in str(found) and "damaged" not in str(found)


# -- a full disk, a lock --------------------------------------------------------------------------

def test_a_full_disk_at_opening_is_named_and_exits_3(db: Path, capsys, monkeypatch) -> None:
    before = digest(db)
    sqlite_refuses(monkeypatch, "database or disk is full")
    assert run(["--db", str(db), "contacts"]) == 3
    err = one_sentence(capsys)
    assert "disk is full" in err and "damaged" not in err
    monkeypatch.undo()
    assert digest(db) == before


@pytest.mark.parametrize(("message", "said"), [("database or disk is full", "disk is full"),
                                               ("database is locked", "locked")])
def test_a_full_disk_or_a_lock_during_a_command_exits_3(db: Path, capsys, monkeypatch, message: str,
                                                        said: str) -> None:
    def fail(*args, **kwargs):
        raise sqlite3.OperationalError(message)

    monkeypatch.setattr("netnet.data.contacts.list_contacts", fail)
    assert run(["--db", str(db), "contacts"]) == 3
    err = one_sentence(capsys)
    assert said in err and "damaged" not in err and "internal error" not in err


def test_a_full_disk_while_migrating_is_not_called_damage(tmp_path: Path) -> None:
    error = sqlite3.OperationalError("database or disk is full")
    found = diagnose(error, tmp_path / "n.db")
    assert isinstance(found, CannotWriteNow) and "disk is full" in str(found)


def test_real_damage_is_still_called_damage(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.db"
    store = Store(bad)
    with store.write() as conn:
        conn.execute("CREATE TABLE filler (x)")
        conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 400,) for _ in range(200)])
    store.close()
    data = bytearray(bad.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for at in range(page * 2, len(data), page):
        data[at:at + 64] = b"\xff" * 64
    bad.write_bytes(bytes(data))
    assert run(["--db", str(bad), "contacts"]) == 2
    assert "damaged" in one_sentence(capsys)


# -- item 15: a read-only backup can be restored from ------------------------------------------------

def test_a_read_only_backup_can_be_restored(db: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    copy = tmp_path / "copy.db"
    assert run(["--db", str(db), "backup", str(copy)]) == 0
    run(["--db", str(db), "import", "vcard", str(FIXTURES / "cards.vcf")])
    os.chmod(copy, 0o400)
    deny(monkeypatch, copy, os.W_OK)  # what a non-root user would be told
    before = digest(copy)
    capsys.readouterr()
    assert run(["--db", str(db), "restore", str(copy)]) == 0
    assert "Restored" in capsys.readouterr().out
    assert digest(copy) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.db", "folder", "home"]  # no -wal, no -shm
    store = Store(db)
    try:
        with store.read() as conn:
            assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 4
    finally:
        store.close()


def test_a_full_disk_wrapped_by_sqlalchemy_exits_3(db: Path, capsys, monkeypatch) -> None:
    from sqlalchemy.exc import OperationalError

    def fail(*args, **kwargs):
        raise OperationalError("INSERT …", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr("netnet.data.contacts.list_contacts", fail)
    assert run(["--db", str(db), "contacts"]) == 3
    err = one_sentence(capsys)
    assert "disk is full" in err and "internal error" not in err
