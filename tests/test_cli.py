"""The command line: version, where, contacts, refusals with one sentence and exit 2."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from netnet import __version__
from netnet.cli import run
from tests import builders


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"netnet {__version__}"


def test_where_prints_locations_without_creating_anything(capsys, isolated_dirs: Path) -> None:
    assert run(["where"]) == 0
    out = capsys.readouterr().out
    assert f"database: {isolated_dirs / 'data' / 'netnet.db'}" in out
    assert "config:" in out and "log:" in out
    assert not (isolated_dirs / "data").exists()
    assert out.splitlines()[-1].endswith(" (none yet)")  # no log file until something fails
    (isolated_dirs / "log").mkdir()
    from netnet import paths

    paths.log_file().write_text("")
    assert run(["where"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"log:      {paths.log_file()}"


def test_db_option_and_environment(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("NETNET_DB", str(tmp_path / "env.db"))
    assert run(["where"]) == 0
    assert str(tmp_path / "env.db") in capsys.readouterr().out
    assert run(["--db", str(tmp_path / "opt.db"), "where"]) == 0
    assert str(tmp_path / "opt.db") in capsys.readouterr().out


def test_contacts_prints_one_line_each(capsys, store, clock, db_path: Path) -> None:
    builders.people(store, clock, "Zoë Fischer", "Maria Lindqvist", "Ben Adeyemi")
    assert run(["--db", str(db_path), "contacts"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert [line.split("\t")[0] for line in lines] == ["Ben Adeyemi", "Zoë Fischer", "Maria Lindqvist"]  # family-name order


def test_contacts_query_folds_accents_and_finds_typos(capsys) -> None:
    assert run(["--demo", "contacts", "soren"]) == 0
    assert capsys.readouterr().out == "Søren Kjær\tNorthwind Analytics\tData Scientist\tsoren@northwind.example\n"
    assert run(["--demo", "contacts", "lucja"]) == 0
    assert capsys.readouterr().out.startswith("Łucja Wiśniewska")
    assert run(["--demo", "contacts", "Okafr"]) == 0
    assert capsys.readouterr().out.startswith("Joe Okafor")


@pytest.mark.parametrize("query", ['"', "c++", "foo-bar", "NEAR(", "a OR", "*", "'"])
def test_contacts_query_never_raises_on_operators(capsys, query: str) -> None:
    assert run(["--demo", "contacts", query]) in (0, 1)  # 1: nothing matched, as grep says it
    assert capsys.readouterr().err == ""


def test_contacts_that_match_nothing_exit_1_and_say_so_on_a_terminal(capsys, monkeypatch) -> None:
    import sys

    assert run(["--demo", "contacts", "nobodyxyz"]) == 1
    assert capsys.readouterr() == ("", "")  # piped: quiet, like grep
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert run(["--demo", "contacts", "nobodyxyz"]) == 1
    assert capsys.readouterr().err == "netnet: no contact matches “nobodyxyz”.\n"


def test_demo_never_touches_the_real_database(isolated_dirs: Path, capsys) -> None:
    assert run(["--demo", "contacts"]) == 0
    assert not (isolated_dirs / "data" / "netnet.db").exists()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_foreign_file_gets_one_sentence_and_exit_2(tmp_path: Path, capsys) -> None:
    path = tmp_path / "music.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = _digest(path)
    assert run(["--db", str(path), "contacts"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "another program" in err
    assert _digest(path) == before


def test_folder_gets_exit_2(tmp_path: Path, capsys) -> None:
    assert run(["--db", str(tmp_path), "contacts"]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_internal_errors_are_logged_with_a_pointer(monkeypatch, capsys, isolated_dirs: Path) -> None:
    import netnet.cli as cli

    def boom(ctx):
        raise RuntimeError("kaboom")

    monkeypatch.setitem(cli._COMMANDS, "where", boom)
    assert run(["where"]) == 70  # EX_SOFTWARE: netnet's fault, the log named
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error" in err
    log = isolated_dirs / "log" / "netnet.log"
    assert "kaboom" in log.read_text()


def test_damaged_database_gets_exit_2_untouched(tmp_path: Path, capsys) -> None:
    from netnet.core.clock import FakeClock
    from netnet.data.store import Store
    from netnet.demo import build_demo
    from tests.test_store import _damage

    path = tmp_path / "damaged.db"
    store = Store(path)
    build_demo(store, FakeClock())
    store.close()
    _damage(path)
    before = _digest(path)
    for argv in (["--db", str(path), "contacts"], ["--db", str(path), "where"]):
        code = run(argv)
        if argv[-1] == "where":
            assert code == 0  # where never opens the file
        else:
            assert code == 2
            err = capsys.readouterr().err
            assert err.count("\n") == 1 and "damaged" in err
    assert _digest(path) == before


async def test_app_refuses_a_damaged_database(tmp_path: Path, make_app) -> None:
    from netnet.core.clock import FakeClock
    from netnet.data.store import Store
    from netnet.demo import build_demo
    from tests.test_store import _damage

    path = tmp_path / "damaged.db"
    store = Store(path)
    build_demo(store, FakeClock())
    store.close()
    _damage(path)
    before = _digest(path)
    app = make_app(Store(path, deep_check="background"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 2
    assert _digest(path) == before


def test_call_with_a_near_miss_name_names_the_person_and_starts_nothing(tmp_path: Path, capsys) -> None:
    from netnet.core.clock import Clock
    from netnet.data.contacts import ContactInput, create_contact, list_contacts
    from netnet.data.store import Store

    db = tmp_path / "net.db"
    store = Store(db)
    create_contact(store, ContactInput("Linda Marsh"), Clock())
    store.close()
    assert run(["--db", str(db), "call", "linda"]) == 2
    assert "“linda” may be “Linda Marsh”" in capsys.readouterr().err
    store = Store(db)
    assert [r.display_name for r in list_contacts(store)] == ["Linda Marsh"]
    store.close()
