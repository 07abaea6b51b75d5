"""Privacy of what netnet creates (Trust items 18 and 19).

Only folders netnet itself creates are made 0700; an existing folder's mode is
never changed. Every file netnet creates is 0600, whatever the umask.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from netnet.cli import run
from netnet.data.store import Store, file_mode

CONNECTIONS = Path(__file__).parents[1] / "fixtures" / "linkedin_connections.csv"


@pytest.fixture(autouse=True)
def usual_umask():
    old = os.umask(0o022)  # the common default, which would give 0644 files and 0755 folders
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("folder_mode", [0o755, 0o1777, 0o750])
def test_creating_a_database_leaves_an_existing_folder_as_it_was(tmp_path: Path, capsys, folder_mode: int) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, folder_mode)
    db = shared / "n.db"
    assert run(["--db", str(db), "import", "linkedin", str(CONNECTIONS)]) == 0
    assert mode(shared) == folder_mode
    assert file_mode(db) == 0o600


def test_a_database_named_in_the_current_folder_leaves_the_home_folder_alone(tmp_path: Path, monkeypatch,
                                                                             capsys) -> None:
    home = Path(os.environ["HOME"])
    os.chmod(home, 0o755)
    monkeypatch.chdir(home)
    assert run(["--db", "netnet.db", "contacts"]) == 0
    assert mode(home) == 0o755
    assert file_mode(home / "netnet.db") == 0o600


def test_netnet_db_in_documents_leaves_documents_alone(tmp_path: Path, monkeypatch, capsys) -> None:
    documents = Path(os.environ["HOME"]) / "Documents"
    documents.mkdir(mode=0o755)
    os.chmod(documents, 0o755)
    monkeypatch.setenv("NETNET_DB", str(documents / "n.db"))
    assert run(["contacts"]) == 0
    assert mode(documents) == 0o755
    assert (documents / "n.db").exists()


def test_folders_netnet_creates_are_0700_one_by_one(tmp_path: Path, capsys) -> None:
    os.chmod(tmp_path, 0o755)
    db = tmp_path / "a" / "b" / "c" / "n.db"
    assert run(["--db", str(db), "contacts"]) == 0
    assert [mode(tmp_path / p) for p in ("a", "a/b", "a/b/c")] == [0o700, 0o700, 0o700]
    assert mode(tmp_path) == 0o755


def test_the_backups_folder_is_private_but_its_parent_is_not_touched(tmp_path: Path, capsys) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o755)
    db = shared / "n.db"
    run(["--db", str(db), "import", "linkedin", str(CONNECTIONS)])
    copy = tmp_path / "copy.db"
    assert run(["--db", str(db), "backup", str(copy)]) == 0
    assert run(["--db", str(db), "restore", str(copy)]) == 0
    assert mode(shared) == 0o755
    assert mode(shared / "backups") == 0o700
    assert {file_mode(p) for p in (shared / "backups").iterdir()} == {0o600}
    assert file_mode(copy) == 0o600


def test_the_command_line_log_is_0600(tmp_path: Path) -> None:
    from netnet import paths
    from netnet.cli import log_error

    where = log_error(RuntimeError("something netnet got wrong"))
    assert where == paths.log_file()
    assert file_mode(where) == 0o600 and mode(where.parent) == 0o700


def test_an_existing_log_folder_keeps_its_mode(tmp_path: Path) -> None:
    from netnet import paths
    from netnet.cli import log_error

    paths.log_dir().mkdir(mode=0o755)
    os.chmod(paths.log_dir(), 0o755)
    log_error(RuntimeError("x"))
    assert mode(paths.log_dir()) == 0o755 and file_mode(paths.log_file()) == 0o600


async def test_the_app_log_is_0600(demo_store, make_app, tmp_path: Path) -> None:
    from netnet.screenshots import settle

    log = tmp_path / "log" / "netnet.log"
    app = make_app(demo_store, log_path=log)
    app._print_error_renderables = lambda: None

    def boom() -> None:
        raise RuntimeError("something netnet got wrong")

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.call_later(boom)
            await pilot.pause(0.2)
    assert "something netnet got wrong" in log.read_text()
    assert file_mode(log) == 0o600 and mode(log.parent) == 0o700


def test_files_sqlite_creates_beside_the_database_are_0600(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    store = Store(db)
    try:
        with store.write() as conn:
            conn.execute("INSERT INTO setting (key, value) VALUES ('theme', '\"x\"')")
        for suffix in ("", "-wal", "-shm"):
            assert file_mode(Path(str(db) + suffix)) == 0o600, suffix
    finally:
        store.close()


def test_saved_texts_are_0600_even_over_a_0644_file(store, tmp_path: Path) -> None:
    from netnet.data.files import save_text

    target = tmp_path / "ask.txt"
    target.write_text("old")
    os.chmod(target, 0o644)
    save_text(store, target, "Do you happen to know anyone at Northwind?")
    assert file_mode(target) == 0o600


def test_a_pipe_where_the_log_should_be_is_not_written_to(tmp_path: Path) -> None:
    from netnet import paths
    from netnet.cli import log_error

    paths.log_dir().mkdir()
    os.mkfifo(paths.log_file())
    reader = os.open(paths.log_file(), os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert log_error(RuntimeError("x")) == "(the log file could not be written)"
        assert os.read(reader, 1) == b""
    finally:
        os.close(reader)


async def test_errors_logged_in_the_app_reach_the_log_file_privately(store, make_app, tmp_path) -> None:
    """A form says "details are in the log": the traceback must be there, in a 0600 file."""
    import logging
    import stat as stat_module

    from netnet.app import LogFileHandler
    from netnet.screens.draftable import failure_sentence

    log_file = tmp_path / "logs" / "netnet.log"
    app = make_app(store, log_path=log_file)
    logger = logging.getLogger("netnet")
    try:
        async with app.run_test(size=(80, 24)):
            try:
                raise RuntimeError("boom inside a save")
            except RuntimeError as exc:
                sentence = failure_sentence(exc)
        assert "details are in the log" in sentence
        text = log_file.read_text(encoding="utf-8")
        assert "RuntimeError: boom inside a save" in text and "Traceback" in text
        assert stat_module.S_IMODE(log_file.stat().st_mode) == 0o600
    finally:
        for handler in [h for h in logger.handlers if isinstance(h, LogFileHandler)]:
            logger.removeHandler(handler)
        logger.propagate = True
