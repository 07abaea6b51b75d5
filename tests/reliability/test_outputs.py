"""Outputs never harm inputs: exports, backups, kept copies and saved texts (Trust items 1, 2, 3, 10, 17).

Every command here goes through ``netnet.cli.run`` and checks the exit status,
the one sentence on stderr, and the database's bytes before and after.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from netnet.cli import run
from netnet.data import files
from netnet.data.store import Store, StoreError, file_mode

FIXTURES = Path(__file__).parents[1] / "fixtures"
CONNECTIONS = FIXTURES / "linkedin_connections.csv"  # 4 people
CARDS = FIXTURES / "cards.vcf"  # 3 more
EXPORTS = ["json", "csv", "ics", "vcard", "markdown"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count(db: Path) -> int:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM contact").fetchone()[0]
    finally:
        conn.close()


def settled(db: Path) -> str:
    """The database's digest once every connection of this process has closed."""
    gc.collect()
    return digest(db)


def one_sentence(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("netnet: "), err
    assert "Traceback" not in err
    return err


@pytest.fixture
def db(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "net.db"
    assert run(["--db", str(path), "import", "linkedin", str(CONNECTIONS)]) == 0
    assert run(["--db", str(path), "import", "vcard", str(CARDS)]) == 0
    capsys.readouterr()
    return path


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# -- item 1: no output lands on the database, its side files or a kept copy -------------

def _spellings(db: Path) -> dict[str, Path]:
    folder = db.parent
    (folder / "sub").mkdir(exist_ok=True)
    link = folder / "innocent.json"
    if not link.is_symlink():
        link.symlink_to(db)
    hard = folder / "hard.db"
    if not hard.exists():
        os.link(db, hard)
    return {
        "plain": db,
        "dotdot": folder / "sub" / ".." / db.name,
        "symlink": link,
        "hardlink": hard,
        "wal": Path(str(db) + "-wal"),
        "shm": Path(str(db) + "-shm"),
        "journal": Path(str(db) + "-journal"),
    }


@pytest.mark.parametrize("kind", EXPORTS)
@pytest.mark.parametrize("spelling", ["plain", "dotdot", "symlink", "hardlink", "wal", "shm", "journal"])
def test_export_onto_the_database_is_refused(db: Path, capsys, kind: str, spelling: str) -> None:
    target = _spellings(db)[spelling]
    before = settled(db)
    assert run(["--db", str(db), "export", kind, "-o", str(target)]) == 2
    err = one_sentence(capsys)
    assert "database" in err and "Wrote" not in err
    assert settled(db) == before
    assert count(db) == 7
    assert not Path(str(db) + "-wal").exists() or spelling != "wal" or Path(str(db) + "-wal").stat().st_size == 0
    assert not [p for p in db.parent.iterdir() if ".netnet-tmp-" in p.name]


@pytest.mark.parametrize("spelling", ["plain", "dotdot", "symlink", "hardlink", "wal", "shm"])
def test_backup_onto_the_database_is_refused(db: Path, capsys, spelling: str) -> None:
    target = _spellings(db)[spelling]
    before = settled(db)
    assert run(["--db", str(db), "backup", str(target)]) == 2
    assert "database" in one_sentence(capsys)
    assert settled(db) == before and count(db) == 7


def test_outputs_onto_a_kept_backup_are_refused(db: Path, tmp_path: Path, capsys) -> None:
    copy = tmp_path / "copy.db"
    assert run(["--db", str(db), "backup", str(copy)]) == 0
    assert run(["--db", str(db), "restore", str(copy)]) == 0
    (kept,) = (db.parent / "backups").glob("*.db")
    link = tmp_path / "kept-link.db"
    link.symlink_to(kept)
    hard = tmp_path / "kept-hard.db"
    os.link(kept, hard)
    capsys.readouterr()
    kept_before = digest(kept)
    for target in (kept, link, hard, db.parent / "backups" / "new.json"):
        assert run(["--db", str(db), "export", "json", "-o", str(target)]) == 2
        assert "backups" in one_sentence(capsys)
    for target in (kept, link, hard):
        assert run(["--db", str(db), "backup", str(target)]) == 2
        assert "backups" in one_sentence(capsys)
    assert digest(kept) == kept_before
    assert not (db.parent / "backups" / "new.json").exists()


def test_export_through_a_symlink_updates_the_file_it_points_to(db: Path, tmp_path: Path, capsys) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run(["--db", str(db), "export", "json", "-o", str(link)]) == 0
    assert link.is_symlink() and '"format": "netnet"' in real.read_text()
    assert file_mode(real) == 0o600


def test_saved_texts_refuse_the_database(db: Path) -> None:
    from netnet.data.followups import FollowupError, save_draft

    store = Store(db)
    try:
        before = digest(db)
        for target in _spellings(db).values():
            with pytest.raises(FollowupError, match="database"):
                save_draft(store, target, "Hi Linda,")
            with pytest.raises(StoreError, match="database"):
                files.save_text(store, target, "Do you happen to know…", exclusive=True)
        assert digest(db) == before
    finally:
        store.close()


async def test_the_follow_up_message_saved_onto_the_database_is_refused_on_screen(demo_store, make_app) -> None:
    from netnet.screenshots import settle
    from netnet.widgets.followup_list import FollowupList

    db = demo_store.path
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        queue = app.screen.query_one(FollowupList)
        queue.cursor = next(n for n, item in enumerate(queue.items) if item.title == "Check in with Linda Marsh")
        await pilot.pause()
        count_before = count(db)
        await pilot.press("m")
        await settle(pilot)
        draft = app.screen
        await pilot.press("s")
        await pilot.pause()
        draft.query_one("#draft-path").value = str(db)
        await pilot.press("enter")
        await settle(pilot)
        status = str(draft.query_one("#draft-status").render())
        assert status.startswith("✗") and "database itself" in status
        assert app.screen is draft  # still open: nothing crashed
    assert count(db) == count_before
    assert Store(db).close() is None  # still a netnet database


async def test_the_ask_saved_onto_the_database_is_refused_on_screen(demo_store, make_app) -> None:
    from textual.widgets import Input

    from netnet.screenshots import settle
    from tests.test_goals_ui import _open_target

    db = demo_store.path
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_target(pilot, "Northwind Analytics")
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#form-path", Input).value = str(db)
        await pilot.press("enter")
        await pilot.pause()
        error = str(app.screen.query_one("#path-error").render())
        assert error.startswith("✗") and "database itself" in error
    Store(db).close()


# -- item 2: only regular files or new paths ----------------------------------------------

@pytest.mark.parametrize("command", [["backup"], ["export", "json", "-o"]])
def test_a_fifo_is_refused_and_stays_a_fifo(db: Path, tmp_path: Path, capsys, command: list[str]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so a regression fails here instead of hanging
    try:
        assert run(["--db", str(db), *command, str(fifo)]) == 2
        assert "not a regular file" in one_sentence(capsys)
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert os.read(reader, 1) == b""  # nothing was written into it
    finally:
        os.close(reader)


@pytest.mark.parametrize("command", [["backup"], ["export", "csv", "-o"]])
def test_a_device_is_refused_before_it_is_opened(db: Path, capsys, monkeypatch, command: list[str]) -> None:
    opened = []
    real_open, real_replace = os.open, os.replace

    def watch(path, *args, **kwargs):
        if str(path) == os.devnull:  # never even opened (and a regression cannot harm the real device)
            opened.append(path)
            raise AssertionError("netnet opened the device")
        return real_open(path, *args, **kwargs)

    def replace(src, dst, *args, **kwargs):
        if str(dst) == os.devnull:
            opened.append(dst)
            raise AssertionError("netnet tried to replace the device")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "open", watch)
    monkeypatch.setattr(os, "replace", replace)
    before = os.stat(os.devnull)
    assert run(["--db", str(db), *command, os.devnull]) == 2
    assert "not a regular file" in one_sentence(capsys)
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert opened == []


def test_a_folder_and_a_missing_folder_are_refused(db: Path, tmp_path: Path, capsys) -> None:
    assert run(["--db", str(db), "export", "json", "-o", str(tmp_path)]) == 2
    assert "is a folder" in one_sentence(capsys)
    assert run(["--db", str(db), "export", "json", "-o", str(tmp_path / "nope" / "x.json")]) == 2
    assert "does not exist" in one_sentence(capsys)
    assert run(["--db", str(db), "backup", str(tmp_path / "nope" / "x.db")]) == 2
    assert "does not exist" in one_sentence(capsys)


# -- item 3: a kept copy is never overwritten -----------------------------------------------

def test_two_restores_in_the_same_second_keep_both_earlier_versions(db: Path, tmp_path: Path, capsys,
                                                                     clock, monkeypatch) -> None:
    monkeypatch.setattr("netnet.cli.Clock", lambda: clock)  # the same second for every command
    b = tmp_path / "b.db"
    assert run(["--db", str(b), "import", "linkedin", str(CONNECTIONS)]) == 0
    c = tmp_path / "c.db"
    Store(c).close()
    capsys.readouterr()
    assert run(["--db", str(db), "restore", str(b)]) == 0
    first = capsys.readouterr().out
    assert run(["--db", str(db), "restore", str(c)]) == 0
    second = capsys.readouterr().out
    kept = sorted((db.parent / "backups").glob("net-before-restore-*.db"), key=lambda p: len(p.name))
    assert len(kept) == 2
    assert f"kept in {kept[0]}." in first and f"kept in {kept[1]}." in second
    assert [count(k) for k in kept] == [7, 4]  # A's seven people and B's four are both still there
    assert all(file_mode(k) == 0o600 for k in kept)
    assert count(db) == 0


def test_a_file_already_using_the_kept_name_is_left_alone(db: Path, tmp_path: Path, capsys,
                                                          clock, monkeypatch) -> None:
    monkeypatch.setattr("netnet.cli.Clock", lambda: clock)
    copy = tmp_path / "copy.db"
    assert run(["--db", str(db), "backup", str(copy)]) == 0
    folder = db.parent / "backups"
    folder.mkdir()
    squatter = folder / f"net-before-restore-{clock.now().strftime('%Y%m%dT%H%M%SZ')}.db"
    squatter.write_text("someone's notes")
    assert run(["--db", str(db), "restore", str(copy)]) == 0
    assert squatter.read_text() == "someone's notes"
    assert count(squatter.with_name(squatter.stem + "-2.db")) == 7


def test_kept_copies_before_a_migration_are_never_overwritten(tmp_path: Path) -> None:
    from netnet.data.store import keep_copy

    source = sqlite3.connect(tmp_path / "src.db")
    source.execute("CREATE TABLE t (x)")
    source.commit()
    folder = tmp_path / "backups"
    first = keep_copy(source, folder, "n-v1-20261127T090000Z.db")
    second = keep_copy(source, folder, "n-v1-20261127T090000Z.db")
    source.close()
    assert first != second and first.exists() and second.exists()
    assert second.name == "n-v1-20261127T090000Z-2.db"
    assert file_mode(folder) == 0o700 and file_mode(first) == 0o600
    assert {p.name for p in folder.iterdir()} == {first.name, second.name}  # no journal, no temp


# -- item 10: every write is atomic ------------------------------------------------------------

def _full_disk_on_temp_files(monkeypatch) -> None:
    real_write = os.write

    def write(fd, data):
        if ".netnet-tmp-" in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)


@pytest.mark.parametrize("kind", EXPORTS)
def test_export_on_a_full_disk_keeps_the_old_file_whole(db: Path, tmp_path: Path, capsys, monkeypatch,
                                                         kind: str) -> None:
    old = tmp_path / "export.out"
    old.write_text("last week's export\n")
    _full_disk_on_temp_files(monkeypatch)
    assert run(["--db", str(db), "export", kind, "-o", str(old)]) == 3
    assert "disk is full" in one_sentence(capsys)
    assert old.read_text() == "last week's export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_write_file_replaces_whole_and_private(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    os.chmod(target, 0o644)
    assert files.write_file(target, "new", database=tmp_path / "n.db") == target
    assert target.read_text() == "new" and file_mode(target) == 0o600
    with pytest.raises(files.OutputRefused, match="already exists"):
        files.write_file(target, "newer", database=tmp_path / "n.db", exclusive=True)
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "out.txt"]


class _FullDiskConnection(sqlite3.Connection):
    """The backup's copy runs out of space as it is finished."""

    def execute(self, sql, *rest):
        if "journal_mode = DELETE" in sql:
            raise sqlite3.OperationalError("database or disk is full")
        return super().execute(sql, *rest)


def test_backup_on_a_full_disk_keeps_the_old_backup_and_leaves_nothing(db: Path, tmp_path: Path, capsys,
                                                                       monkeypatch) -> None:
    old = tmp_path / "copy.db"
    assert run(["--db", str(db), "backup", str(old)]) == 0
    before = digest(old)
    real_connect = sqlite3.connect

    def connect(path, *args, **kwargs):
        if ".netnet-tmp-" in str(path):
            kwargs["factory"] = _FullDiskConnection
        return real_connect(path, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    capsys.readouterr()
    assert run(["--db", str(db), "backup", str(old)]) == 3
    assert "disk is full" in one_sentence(capsys)
    monkeypatch.undo()
    assert digest(old) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# -- item 17: nothing left behind ------------------------------------------------------------------

def test_an_interrupted_backup_leaves_nothing(db: Path, tmp_path: Path, monkeypatch) -> None:
    store = Store(db)
    target = tmp_path / "copy.db"
    real_connect = sqlite3.connect

    def connect(path, *args, **kwargs):
        conn = real_connect(path, *args, **kwargs)
        if ".netnet-tmp-" in str(path):
            conn.execute("PRAGMA journal_mode = OFF")
            conn.close()
            raise KeyboardInterrupt  # Ctrl-C in the middle of the copy
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    with pytest.raises(KeyboardInterrupt):
        store.backup(target)
    monkeypatch.undo()
    store.close()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert not target.exists()


def test_stale_temp_files_of_a_killed_restore_are_removed_next_time(db: Path, tmp_path: Path, capsys) -> None:
    folder = db.parent / "backups"
    folder.mkdir()
    pid = dead_pid()
    stale = folder / f".net-before-restore-20261127T090000Z.db.netnet-tmp-{pid}-0123abcd"
    stale.write_bytes(b"half a copy")
    journal = Path(str(stale) + "-journal")
    journal.write_bytes(b"journal")
    alive = folder / f".net-before-restore-20261127T090000Z.db.netnet-tmp-{os.getppid()}-0123abcd"
    alive.write_bytes(b"another netnet at work")
    mine = folder / "my-notes.txt"
    mine.write_text("not netnet's")
    copy = tmp_path / "copy.db"
    assert run(["--db", str(db), "backup", str(copy)]) == 0
    stale_beside_copy = tmp_path / f".copy.db.netnet-tmp-{pid}-89abcdef"
    stale_beside_copy.write_bytes(b"half a backup")
    assert run(["--db", str(db), "backup", str(copy)]) == 0
    assert not stale_beside_copy.exists()
    assert run(["--db", str(db), "restore", str(copy)]) == 0
    assert not stale.exists() and not journal.exists()
    assert alive.exists() and mine.read_text() == "not netnet's"
    assert not [p for p in folder.iterdir() if p.name.endswith("-journal")]


def _newer_wal(path: Path) -> Path:
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()  # still in WAL mode; closing removed its -wal and -shm
    assert path.read_bytes()[18:20] == b"\x02\x02"
    return path


def _damaged_wal(path: Path) -> Path:
    store = Store(path)
    with store.write() as conn:
        conn.execute("CREATE TABLE filler (x)")
        conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 400,) for _ in range(200)])
    store.close()
    gc.collect()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for at in range(page * 2, len(data), page):
        data[at:at + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("make", [_newer_wal, _damaged_wal])
def test_a_refused_file_gets_no_side_files(tmp_path: Path, capsys, make) -> None:
    path = make(tmp_path / "refused.db")
    assert not Path(str(path) + "-wal").exists() and not Path(str(path) + "-shm").exists()
    before = digest(path)
    assert run(["--db", str(path), "contacts"]) == 2
    err = one_sentence(capsys)
    assert "newer netnet" in err or "damaged" in err
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "refused.db"]


@pytest.mark.parametrize("make", [_newer_wal, _damaged_wal])
def test_a_refused_restore_source_gets_no_side_files(db: Path, tmp_path: Path, capsys, make) -> None:
    (tmp_path / "bad").mkdir()
    source = make(tmp_path / "bad" / "source.db")
    before = (settled(db), digest(source))
    assert run(["--db", str(db), "restore", str(source)]) == 2
    one_sentence(capsys)
    assert (settled(db), digest(source)) == before
    assert [p.name for p in source.parent.iterdir()] == ["source.db"]
    assert not (db.parent / "backups").exists()


def test_a_refused_backup_or_export_does_not_even_create_the_database(tmp_path: Path, capsys) -> None:
    db = tmp_path / "never.db"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert run(["--db", str(db), "backup", str(fifo)]) == 2
    one_sentence(capsys)
    assert run(["--db", str(db), "export", "json", "-o", str(db)]) == 2
    one_sentence(capsys)
    assert not db.exists()


def test_a_stale_temp_beside_an_export_is_removed_by_the_next_export(db: Path, tmp_path: Path, capsys) -> None:
    stale = tmp_path / f".out.json.netnet-tmp-{dead_pid()}-0123abcd"
    stale.write_text("half an export")
    other = tmp_path / f".other.json.netnet-tmp-{dead_pid()}-0123abcd"
    other.write_text("another file's business")
    assert run(["--db", str(db), "export", "json", "-o", str(tmp_path / "out.json")]) == 0
    assert not stale.exists() and other.exists()


def test_export_appended_to_the_database_by_the_shell_is_refused(db: Path, capsys, monkeypatch) -> None:
    before = settled(db)
    with open(db, "a", encoding="utf-8") as redirected:  # netnet export json >> net.db
        monkeypatch.setattr(sys, "stdout", redirected)
        status = run(["--db", str(db), "export", "json"])
        monkeypatch.undo()
    assert status == 2
    assert "Standard output is" in one_sentence(capsys)
    assert settled(db) == before


def test_side_files_are_guarded_when_the_database_is_named_through_a_symlink(db: Path, tmp_path: Path,
                                                                             capsys) -> None:
    link = tmp_path / "elsewhere" / "alias.db"
    link.parent.mkdir()
    link.symlink_to(db)
    for suffix in ("-wal", "-shm"):
        assert run(["--db", str(link), "export", "json", "-o", str(db) + suffix]) == 2
        assert "own files" in one_sentence(capsys)


def test_a_restore_that_cannot_keep_a_copy_changes_nothing(db: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    copy = tmp_path / "copy.db"
    assert run(["--db", str(db), "backup", str(copy)]) == 0
    before = settled(db)

    def full(final):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "_new_temp", full)
    capsys.readouterr()
    assert run(["--db", str(db), "restore", str(copy)]) == 3
    assert "disk is full" in one_sentence(capsys)
    assert settled(db) == before


KILL_DURING_KEPT_COPY = """
import os, signal, sys
from datetime import datetime, timezone
from pathlib import Path
import netnet.data.store as store

real = store.backup_to

def backup_to(source, target, *, how="replace"):
    class Killer:
        def __getattr__(self, name):
            return getattr(source, name)

        def backup(self, dest, *args, **kwargs):
            source.backup(dest, pages=1)  # part of the copy is written, then the process dies
            os.kill(os.getpid(), signal.SIGKILL)

    return real(Killer(), target, how=how)

store.backup_to = backup_to
from netnet.data.backup import restore_database
s = store.Store(Path(sys.argv[1]))
restore_database(s, Path(sys.argv[2]), datetime(2026, 11, 27, 9, tzinfo=timezone.utc))
"""


def test_a_restore_killed_while_keeping_the_copy_leaves_nothing_next_time(db: Path, tmp_path: Path,
                                                                          capsys) -> None:
    copy = tmp_path / "copy.db"
    assert run(["--db", str(db), "backup", str(copy)]) == 0
    before = settled(db)
    killed = subprocess.run([sys.executable, "-c", KILL_DURING_KEPT_COPY, str(db), str(copy)],
                            capture_output=True, text=True)
    assert killed.returncode == -9, killed.stderr
    folder = db.parent / "backups"
    left = [p.name for p in folder.iterdir()]
    assert left and all(".netnet-tmp-" in name for name in left)  # only hidden temp files, no kept-copy name
    assert not [name for name in left if name.startswith("net-before-restore")]
    assert settled(db) == before
    assert run(["--db", str(db), "restore", str(copy)]) == 0
    names = [p.name for p in folder.iterdir()]
    assert len(names) == 1 and names[0].startswith("net-before-restore-") and count(folder / names[0]) == 7


def test_kept_backups_beside_the_real_file_are_guarded_when_the_database_is_named_through_a_symlink(
        db: Path, tmp_path: Path, capsys) -> None:
    copy = tmp_path / "copy.db"
    assert run(["--db", str(db), "backup", str(copy)]) == 0
    assert run(["--db", str(db), "restore", str(copy)]) == 0
    (kept,) = (db.parent / "backups").glob("*.db")
    link = tmp_path / "elsewhere" / "alias.db"
    link.parent.mkdir()
    link.symlink_to(db)
    capsys.readouterr()
    before = digest(kept)
    assert run(["--db", str(link), "export", "json", "-o", str(kept)]) == 2
    assert "backups" in one_sentence(capsys)
    assert digest(kept) == before


def test_a_kept_copy_can_itself_be_restored(db: Path, tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.db"
    Store(empty).close()
    assert run(["--db", str(db), "restore", str(empty)]) == 0
    (kept,) = (db.parent / "backups").glob("*.db")
    assert run(["--db", str(db), "restore", str(kept)]) == 0  # reading from backups/ is fine
    assert count(db) == 7 and len(list((db.parent / "backups").glob("*.db"))) == 2
