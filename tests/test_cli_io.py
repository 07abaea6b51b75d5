"""The command line: import, import --undo, export, backup and restore."""

from __future__ import annotations

import gc
import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from netnet.cli import run
from netnet.data.store import Store, file_mode
from tests.waiting import wait_for

FIXTURES = Path(__file__).parent / "fixtures"
CONNECTIONS = FIXTURES / "linkedin_connections.csv"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _count(db: Path, table: str = "contact") -> int:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "net.db"


def test_import_prints_one_summary_and_each_rejected_row(db: Path, capsys) -> None:
    assert run(["--db", str(db), "import", "linkedin", str(CONNECTIONS)]) == 0
    out, err = capsys.readouterr()
    assert out == "Imported linkedin_connections.csv: 4 created, 0 updated, 0 skipped, 2 rejected.\n"
    assert err.splitlines() == [
        "linkedin_connections.csv line 8: has no first or last name; not imported.",
        "linkedin_connections.csv line 9: Connected On 'sometime last year' is not a date; not imported.",
    ]
    assert run(["--db", str(db), "import", "linkedin", str(CONNECTIONS)]) == 0
    assert capsys.readouterr().out.startswith("Imported linkedin_connections.csv: 0 created, 0 updated, 4 skipped")


def test_csv_import_shows_the_column_mapping(db: Path, capsys) -> None:
    assert run(["--db", str(db), "import", "csv", str(FIXTURES / "generic.csv"), "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert err.startswith("Read as a spreadsheet. Columns read: Full Name → name, E-mail → e-mail,")
    assert "Not read: Favourite Colour." in err
    assert "nothing written" in out
    assert _count(db) == 0


@pytest.mark.parametrize("kind, name", [("linkedin", "README.md"), ("vcard", "generic.csv"),
                                        ("json", "cards.vcf"), ("csv", "missing.csv")])
def test_a_file_that_is_not_what_it_claims_gets_one_sentence_and_exit_2(db: Path, capsys, kind, name) -> None:
    path = FIXTURES / name if name != "README.md" else Path(__file__).parents[1] / "README.md"
    assert run(["--db", str(db), "import", kind, str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "was not imported" in err
    assert _count(db) == 0 and _count(db, "import_batch") == 0


def test_import_needs_a_kind_and_a_file(db: Path, capsys) -> None:
    assert run(["--db", str(db), "import"]) == 2
    assert "Name what to import" in capsys.readouterr().err


def test_undo_reverses_the_latest_import(db: Path, capsys) -> None:
    run(["--db", str(db), "import", "vcard", str(FIXTURES / "cards.vcf")])
    capsys.readouterr()
    assert run(["--db", str(db), "import", "--undo"]) == 0
    assert capsys.readouterr().out == "Undid the import of cards.vcf: 3 removed, 0 restored to how they were.\n"
    assert _count(db) == 0
    assert run(["--db", str(db), "import", "--undo"]) == 1
    assert capsys.readouterr().err == "netnet: There is no import to undo.\n"


@pytest.mark.parametrize("kind, marker", [("json", '"format": "netnet"'), ("vcard", "BEGIN:VCARD"),
                                          ("csv", "name,given name"), ("ics", "BEGIN:VCALENDAR"),
                                          ("markdown", "# Information interviews")])
def test_export_to_stdout_and_to_a_private_file(tmp_path: Path, capsys, kind: str, marker: str) -> None:
    assert run(["--demo", "export", kind]) == 0
    out = capsys.readouterr().out
    assert marker in out
    target = tmp_path / f"out.{kind}"
    assert run(["--demo", "export", kind, "-o", str(target)]) == 0
    assert file_mode(target) == 0o600
    assert marker in target.read_text()


def test_export_to_a_folder_is_refused(tmp_path: Path, capsys) -> None:
    assert run(["--demo", "export", "json", "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_backup_is_a_private_consistent_copy(tmp_path: Path, db: Path, capsys) -> None:
    run(["--db", str(db), "import", "linkedin", str(CONNECTIONS)])
    copy = tmp_path / "copy.db"
    assert run(["--db", str(db), "backup", str(copy)]) == 0
    assert file_mode(copy) == 0o600
    assert _count(copy) == 4
    Store(copy).close()  # a netnet database that opens cleanly
    assert run(["--db", str(db), "backup", str(copy)]) == 0  # an older backup may be replaced


def test_backup_refuses_to_overwrite_other_files(tmp_path: Path, db: Path, capsys) -> None:
    run(["--db", str(db), "where"])
    Store(db).close()
    precious = tmp_path / "notes.txt"
    precious.write_text("do not lose me")
    assert run(["--db", str(db), "backup", str(precious)]) == 2
    assert precious.read_text() == "do not lose me"
    assert run(["--db", str(db), "backup", str(db)]) == 2
    assert "database itself" in capsys.readouterr().err


def test_backup_while_another_process_imports(tmp_path: Path, db: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    try:
        from importlib import import_module

        make_connections = import_module("import").make_connections
    finally:
        sys.path.pop(0)
    big = tmp_path / "Connections.csv"
    make_connections(big, 8000)
    Store(db).close()
    importer = subprocess.Popen([sys.executable, "-m", "netnet", "--db", str(db), "import", "linkedin", str(big)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    counts = []

    def copy_taken_after_the_import() -> bool:
        """One more copy; True once the import has ended and a copy holds what it wrote."""
        copy = tmp_path / f"during-{len(counts)}.db"
        assert run(["--db", str(db), "backup", str(copy)]) == 0
        counts.append(_count(copy))
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        copy.unlink()
        return importer.poll() is not None and counts[-1] > 0

    try:
        # copies one after another while the import runs, until one shows it finished
        assert wait_for(copy_taken_after_the_import, timeout=120, interval=0) is not None
    finally:
        out, err = importer.communicate(timeout=120)
    assert importer.returncode == 0, err
    assert set(counts) <= {0, 8000}  # never half an import
    assert counts[0] == 0  # the first copy was taken before the import committed
    final = tmp_path / "after.db"
    assert run(["--db", str(db), "backup", str(final)]) == 0
    assert _count(final) == 8000


def _foreign(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    return path


def _newer(path: Path) -> Path:
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return path


def _garbage(path: Path) -> Path:
    path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    return path


def _text(path: Path) -> Path:
    path.write_text("name,email\n")
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize("make", [_foreign, _newer, _garbage, _text, _empty])
def test_restore_refusals_leave_both_files_unchanged(tmp_path: Path, db: Path, capsys, make) -> None:
    run(["--db", str(db), "import", "linkedin", str(CONNECTIONS)])
    Store(db).close()
    gc.collect()  # let every connection of this process close (and checkpoint) before the digests
    capsys.readouterr()
    source = make(tmp_path / "bad.db")
    before = (_digest(db), _digest(source))
    assert run(["--db", str(db), "restore", str(source)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("netnet: ")
    assert (_digest(db), _digest(source)) == before
    assert not (db.parent / "backups").exists()


def test_restore_brings_a_backup_back_and_keeps_the_current_database(tmp_path: Path, db: Path, capsys) -> None:
    run(["--db", str(db), "import", "linkedin", str(CONNECTIONS)])
    copy = tmp_path / "copy.db"
    run(["--db", str(db), "backup", str(copy)])
    run(["--db", str(db), "import", "vcard", str(FIXTURES / "cards.vcf")])
    assert _count(db) == 7
    capsys.readouterr()
    assert run(["--db", str(db), "restore", str(copy)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Restored {db} from {copy}")
    assert _count(db) == 4
    (kept,) = (db.parent / "backups").glob("net-before-restore-*.db")
    assert file_mode(kept) == 0o600 and _count(kept) == 7
    assert run(["--db", str(db), "contacts"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4


def test_an_import_that_changed_nothing_leaves_no_batch_to_undo(db: Path, capsys) -> None:
    assert run(["--db", str(db), "import", "vcard", str(FIXTURES / "cards.vcf")]) == 0
    assert run(["--db", str(db), "import", "vcard", str(FIXTURES / "cards.vcf")]) == 0
    capsys.readouterr()
    assert _count(db, "import_batch") == 1
    assert run(["--db", str(db), "import", "--undo"]) == 0  # the first import, not an empty one
    assert capsys.readouterr().out.startswith("Undid the import of cards.vcf: 3 removed")
    assert _count(db) == 0
