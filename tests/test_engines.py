"""The same network on SQLite and on PostgreSQL: every command, the same search, and the
refusals that keep a database untouched. Each test that takes `store` runs on both engines
(see conftest.py; the PostgreSQL half needs NETNET_TEST_DATABASE_URL)."""

from __future__ import annotations

import json
import stat
import threading
from pathlib import Path

import pytest

from netnet.cli import run
from netnet.data.contacts import ListQuery, query_contacts
from netnet.data.schema import SCHEMA_VERSION
from netnet.demo import build_demo

SEARCHES = [
    ("soren", ["Søren Kjær"]),  # ø folded
    ("SØREN", ["Søren Kjær"]),  # case
    ("lucja", ["Łucja Wiśniewska"]),  # ł
    ("wisniew", ["Łucja Wiśniewska"]),  # a prefix, accents aside
    ("northwind", None),  # an organisation: everyone there
    ("maria lind", ["Maria Lindqvist"]),  # every word, each a prefix
    ("caught tomas", ["Father Tomás Rivera"]),  # interaction notes are searched too, accents aside
    ("zzzqqq", []),
    ("c++", None),
    ('"', None),
]


def _target(store) -> list[str]:
    """The command-line arguments that open the same database as ``store``."""
    return ["--db-url", store.url] if store.dialect.name == "postgresql" else ["--db", str(store.path)]


@pytest.fixture
def demo(store, clock):
    build_demo(store, clock)
    return store


@pytest.mark.parametrize(("typed", "expected"), SEARCHES)
def test_the_same_search_finds_the_same_people_on_both_engines(demo, typed: str, expected) -> None:
    rows, _fuzzy = query_contacts(demo, ListQuery(text=typed))
    found = sorted(r.display_name for r in rows)
    if expected is not None:
        assert found == sorted(expected)
    else:  # the answer is whatever every word matches: checked against the folded text itself
        from netnet.core.text import words

        tokens = words(typed)
        with demo.read() as tx:
            texts = {r.display_name: " " + r.search_text + " " for r in tx.execute(
                "SELECT display_name, search_text FROM contact WHERE deleted_at IS NULL")}
        wanted = sorted(name for name, text in texts.items() if all(f" {t}" in text for t in tokens)) \
            if tokens else sorted(texts)
        assert found == wanted or (not wanted and _fuzzy)


def test_the_typo_fallback_works_on_both_engines(demo) -> None:
    rows, fuzzy = query_contacts(demo, ListQuery(text="sorne kjear"))
    assert fuzzy and rows[0].display_name == "Søren Kjær"


def test_contacts_and_due_from_the_command_line(demo, capsys) -> None:
    demo.close()
    assert run([*_target(demo), "contacts"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Ben Adeyemi\t")
    assert run([*_target(demo), "contacts", "soren"]) == 0
    assert capsys.readouterr().out.startswith("Søren Kjær\tNorthwind Analytics")
    assert run([*_target(demo), "due"]) == 1  # as documented: 1 when anything is due
    assert "Thank Maria" in capsys.readouterr().out


def test_import_undo_and_every_export_from_the_command_line(store, tmp_path: Path, capsys) -> None:
    source = tmp_path / "Connections.csv"
    source.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                      "Ada,Arden,https://www.linkedin.com/in/ada,ada@example.com,Acme,Engineer,01 Jan 2024\n"
                      "Bea,Birch,,bea@example.com,Brightline,Designer,02 Feb 2023\n", encoding="utf-8")
    store.close()
    assert run([*_target(store), "import", "linkedin", str(source)]) == 0
    assert "2 created" in capsys.readouterr().out
    assert run([*_target(store), "import", "linkedin", str(source)]) == 0  # the same file again: no change
    assert "0 created" in capsys.readouterr().out
    for kind, suffix in (("json", "json"), ("vcard", "vcf"), ("csv", "csv"), ("ics", "ics"), ("markdown", "md")):
        out = tmp_path / f"out.{suffix}"
        assert run([*_target(store), "export", kind, "-o", str(out)]) == 0, capsys.readouterr().err
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = (tmp_path / "out.vcf").read_text(encoding="utf-8")
    assert "Ada Arden" in text and "Bea Birch" in text
    # The re-import changed nothing and left no batch: the undo reverses the import itself.
    assert run([*_target(store), "import", "--undo"]) == 0
    capsys.readouterr()
    assert run([*_target(store), "contacts"]) in (0, 1)
    assert "Ada Arden" not in capsys.readouterr().out


def test_a_backup_restores_into_an_empty_database_of_either_engine(demo, tmp_path: Path, capsys) -> None:
    demo.close()
    backup = tmp_path / "backup"
    assert run([*_target(demo), "backup", str(backup)]) == 0
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    fresh = tmp_path / "fresh.db"
    assert run(["--db", str(fresh), "restore", str(backup)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert run(["--db", str(fresh), "contacts"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 40
    assert run(["--db", str(fresh), "due"]) == 1  # something is due, as in the backup
    assert "Thank Maria" in capsys.readouterr().out


def test_restore_refuses_a_database_that_holds_a_network(demo, tmp_path: Path, capsys) -> None:
    demo.close()
    backup = tmp_path / "backup.json"
    assert run([*_target(demo), "export", "json", "-o", str(backup)]) == 0
    capsys.readouterr()
    assert run([*_target(demo), "restore", str(backup)]) == 2
    assert "only into an empty database" in capsys.readouterr().err
    assert run([*_target(demo), "contacts"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 40  # nothing was merged or lost


# -- PostgreSQL only -------------------------------------------------------------------

@pytest.fixture
def pg_url(request) -> str:
    url = request.getfixturevalue("pg_database")
    from netnet.data.postgres import drop_everything

    drop_everything(url)
    return url


def test_a_database_of_another_program_is_refused_untouched(pg_url: str, capsys) -> None:
    from sqlalchemy import create_engine

    from netnet.data.postgres import _sa_url

    engine = create_engine(_sa_url(pg_url))
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE invoices (id serial PRIMARY KEY, total numeric)")
        conn.exec_driver_sql("INSERT INTO invoices (total) VALUES (12.5)")
    assert run(["--db-url", pg_url, "contacts"]) == 2
    assert "not netnet's" in capsys.readouterr().err
    with engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
        assert tables == {"invoices"}
    engine.dispose()


def test_a_newer_netnets_database_is_refused_untouched(pg_url: str, capsys) -> None:
    from netnet.data.postgres import PostgresStore

    PostgresStore(pg_url).close()
    from sqlalchemy import create_engine

    from netnet.data.postgres import _sa_url

    engine = create_engine(_sa_url(pg_url))
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')")
    assert run(["--db-url", pg_url, "contacts"]) == 2
    assert "newer netnet" in capsys.readouterr().err
    with engine.connect() as conn:
        assert [r[0] for r in conn.exec_driver_sql("SELECT max(version) FROM schema_version")] == [99]
    engine.dispose()


def test_two_processes_starting_at_once_migrate_once(pg_url: str) -> None:
    from netnet.data.postgres import PostgresStore

    opened, errors = [], []

    def start() -> None:
        try:
            opened.append(PostgresStore(pg_url))
        except Exception as exc:  # pragma: no cover - the assertion below shows it
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(store.created for store in opened) == 1  # one of them created the schema
    with opened[0].read() as tx:
        assert [r.version for r in tx.execute("SELECT version FROM schema_version")] == [SCHEMA_VERSION]
    for store in opened:
        store.close()


def test_the_password_never_shows(pg_url: str, capsys, monkeypatch) -> None:
    from sqlalchemy import make_url

    with_password = make_url(pg_url).set(password="s3cret-word").render_as_string(hide_password=False)
    assert run(["--db-url", with_password, "where"]) == 0
    out = capsys.readouterr().out
    assert "s3cret-word" not in out and "***" in out
    missing = make_url(with_password).set(database="netnet_no_such_database").render_as_string(hide_password=False)
    assert run(["--db-url", missing, "contacts"]) == 2
    err = capsys.readouterr().err
    assert "s3cret-word" not in err and "does not exist" in err


def test_an_unreachable_server_is_one_sentence(capsys) -> None:
    # Stopped by the environment (the network, a server that is down), nothing changed: exit 3.
    assert run(["--db-url", "postgresql://nobody@127.0.0.1:1/netnet", "contacts"]) == 3
    err = capsys.readouterr().err.strip()
    assert err.startswith("netnet: The PostgreSQL server") and "could not be reached" in err
    assert len(err.splitlines()) == 1


def test_which_database_flag_environment_and_config(tmp_path: Path, capsys, monkeypatch) -> None:
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "config.toml").write_text('db_url = "postgresql://me@config-host/netnet"\n', encoding="utf-8")
    assert run(["where"]) == 0
    assert "postgresql://me@config-host/netnet" in capsys.readouterr().out
    monkeypatch.setenv("NETNET_DB_URL", "postgresql://me@env-host/netnet")
    assert run(["where"]) == 0
    assert "env-host" in capsys.readouterr().out  # the environment beats the config file
    assert run(["--db-url", "postgresql://me@flag-host/netnet", "where"]) == 0
    assert "flag-host" in capsys.readouterr().out  # a flag beats both
    assert run(["--db", str(tmp_path / "x.db"), "where"]) == 0
    assert str(tmp_path / "x.db") in capsys.readouterr().out
    monkeypatch.setenv("NETNET_DB", str(tmp_path / "y.db"))
    assert run(["where"]) == 2
    assert "both set" in capsys.readouterr().err
    assert run(["--db", "a.db", "--db-url", "postgresql://me@h/n", "where"]) == 2
    assert "not both" in capsys.readouterr().err
    monkeypatch.delenv("NETNET_DB")
    assert run(["--db-url", "mysql://me@h/n", "where"]) == 2
    assert "not supported" in capsys.readouterr().err
    (config / "config.toml").write_text("db_url = [", encoding="utf-8")
    monkeypatch.delenv("NETNET_DB_URL")
    assert run(["where"]) == 2
    assert "config.toml cannot be read" in capsys.readouterr().err


def test_the_demo_stays_sqlite(capsys, monkeypatch) -> None:
    monkeypatch.setenv("NETNET_DB_URL", "postgresql://me@nowhere.invalid/netnet")
    assert run(["--demo", "contacts", "soren"]) == 0
    assert capsys.readouterr().out.startswith("Søren Kjær")


def test_a_json_backup_is_complete(demo, tmp_path: Path) -> None:
    from netnet.data.backup import backup_database

    target = backup_database(demo, tmp_path / "b.json") if demo.dialect.name == "postgresql" else None
    if target is None:
        pytest.skip("SQLite's backup is a database file (tests/test_store.py)")
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "netnet"
    assert {"contact", "goal", "target", "interview", "followup", "interaction"} <= set(document["tables"])
    assert len(document["tables"]["contact"]["rows"]) == 40


def test_the_app_on_an_unreachable_server_says_so_before_drawing_anything(capsys) -> None:
    """The app connects while its modules load; a failure there is still one sentence, exit 3 (the
    environment stopped it: nothing changed, trying again later may work)."""
    assert run(["--db-url", "postgresql://nobody@127.0.0.1:1/netnet"]) == 3
    err = capsys.readouterr().err.strip()
    assert "could not be reached" in err and len(err.splitlines()) == 1
