"""`netnet copy --to`: a whole network from SQLite to PostgreSQL and back, or file to file.

The copy keeps every row of every table as it was (ids, uuids, versions, timestamps, drafts,
settings, import history, merges), leaves the source byte for byte as it was, refuses a target
that holds anything or is the source however spelled (one sentence, exit 2, the target
untouched), and prints each table's rows on both sides. The PostgreSQL half needs a server
(NETNET_TEST_DATABASE_URL); without it those tests are skipped with the reason shown.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from netnet.cli import run
from netnet.core.clock import FakeClock
from netnet.data.network_copy import copy_network, copy_tables
from netnet.data.stores import open_store
from tests import builders
from tests.conftest import FIXED_NOW, PG_SKIP, TEST_DATABASE_URL

VCARDS = """BEGIN:VCARD
VERSION:4.0
FN:Ada Quill
N:Quill;Ada;;;
EMAIL;TYPE=work:ada@quill.example
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Joe Okafor
EMAIL:joe.second@example.org
NOTE:Met again at the library — ünïcode and a "quote".
END:VCARD
"""


def build_network(path: Path | str, tmp_path: Path) -> None:
    """The demo network plus what the demo lacks: a draft, settings, an import batch with its
    changes, a merge, a held keep-in-touch interval."""
    from netnet.data import drafts
    from netnet.data.merge import merge_contacts
    from netnet.data.settings import save_setting
    from netnet.demo import build_demo
    from netnet.importing import import_file

    clock = FakeClock(FIXED_NOW)
    store = open_store(path)
    try:
        build_demo(store, clock)
        drafts.keep(store, "contact", "Add a person — Maria", {"id": None}, {"name": "Maria"}, clock)
        save_setting(store, "call_minutes", 20)
        save_setting(store, "autosave_seconds", 2.5)
        cards = tmp_path / "people.vcf"
        cards.write_text(VCARDS, encoding="utf-8")
        import_file(store, "vcard", cards, clock)
        keep = builders.person(store, clock, "Lena Voss", organisation="Kestrel Software")
        twin = builders.person(store, clock, "Lena Voss", organisation="Kestrel")
        merge_contacts(store, keep, twin, clock)
    finally:
        store.close()


def every_row(target: Path | str) -> dict[str, list[dict]]:
    """Every row of every copied table, in primary-key order, read by name."""
    from netnet.data.schema import metadata

    store = open_store(target)
    try:
        with store.read() as tx:
            found = {}
            for table in copy_tables():
                model = metadata().tables[table]
                order = ", ".join(f'"{c.name}"' for c in model.primary_key.columns)
                found[table] = [dict(r._mapping) for r in tx.execute(f'SELECT * FROM "{table}" ORDER BY {order}')]
            return found
    finally:
        store.close()


def exported(target: Path | str) -> dict:
    """The netnet JSON export, less the moment it was taken."""
    from netnet.data.json_file import dump_json

    store = open_store(target)
    try:
        document = json.loads(dump_json(store, FIXED_NOW))
    finally:
        store.close()
    document.pop("exported_at")
    return document


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_of(out: str) -> dict[str, tuple[int, int]]:
    """The printed counts: table -> (source, target)."""
    lines = out.splitlines()
    assert lines[0].split() == ["table", "source", "target"]
    counts = {}
    for line in lines[1:-1]:
        table, source, target = line.split()
        counts[table] = (int(source.replace(",", "")), int(target.replace(",", "")))
    return counts


def one_sentence(err: str) -> str:
    """The whole of standard error: one line, one sentence, no traceback."""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("netnet: ") and lines[0].endswith("."), err
    assert "Traceback" not in err
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".netnet-tmp-" in p.name)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "source.db"
    build_network(path, tmp_path)
    return path


@pytest.fixture
def pg_url(pg_database: str) -> str:
    """An empty database on the test server (skipped, with the reason, without one)."""
    from netnet.data.postgres import drop_everything

    drop_everything(pg_database)
    return pg_database


@pytest.fixture(scope="module")
def second_pg() -> str:
    if not TEST_DATABASE_URL:
        pytest.skip(PG_SKIP)
    from tests.pg import scratch_database

    with scratch_database(TEST_DATABASE_URL, "copy_second") as url:
        yield url


# -- SQLite → PostgreSQL → SQLite --------------------------------------------------------------

def test_round_trip_through_postgresql_keeps_every_row(source: Path, pg_url: str, tmp_path: Path,
                                                       capsys) -> None:
    before = digest(source)
    rows = every_row(source)
    assert all(rows[t] for t in ("draft", "setting", "import_batch", "import_change", "merge_record", "contact"))

    assert run(["--db", str(source), "copy", "--to", pg_url]) == 0
    out = capsys.readouterr().out
    counts = table_of(out)
    assert list(counts) == copy_tables()
    assert all(s == t for s, t in counts.values())
    assert counts["contact"][0] == len(rows["contact"]) and counts["draft"] == (1, 1)
    assert out.splitlines()[-1].startswith("Copied ")
    assert digest(source) == before  # the source is only read
    assert not Path(str(source) + "-wal").exists()
    assert every_row(pg_url) == rows  # the server holds the very same rows

    back = tmp_path / "back.db"
    assert run(["--db-url", pg_url, "copy", "--to", str(back)]) == 0
    counts_back = table_of(capsys.readouterr().out)
    assert counts_back == counts
    assert every_row(back) == rows
    assert exported(back) == exported(source)
    assert oct(back.stat().st_mode & 0o777) == "0o600"
    assert leftovers(tmp_path) == []


def test_the_server_gives_new_rows_ids_past_the_copied_ones(source: Path, pg_url: str) -> None:
    store = open_store(source)
    try:
        copy_network(store, pg_url)
        with store.read() as tx:
            highest = tx.execute("SELECT max(id) AS id FROM contact").fetchone().id
    finally:
        store.close()
    server = open_store(pg_url)
    try:
        assert builders.person(server, FakeClock(FIXED_NOW), "Nadia Brook") == highest + 1
    finally:
        server.close()


def test_a_server_database_that_holds_a_network_is_refused(source: Path, pg_url: str, capsys) -> None:
    assert run(["--db", str(source), "copy", "--to", pg_url]) == 0
    capsys.readouterr()
    store = open_store(pg_url)
    try:
        builders.person(store, FakeClock(FIXED_NOW), "Only On The Server")
    finally:
        store.close()
    held = every_row(pg_url)
    assert run(["--db", str(source), "copy", "--to", pg_url]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "already holds a network" in one_sentence(captured.err)
    assert every_row(pg_url) == held


def test_a_server_database_with_only_settings_is_refused_too(source: Path, pg_url: str, capsys) -> None:
    from netnet.data.settings import save_setting

    store = open_store(pg_url)
    try:
        save_setting(store, "call_minutes", 30)
    finally:
        store.close()
    assert run(["--db", str(source), "copy", "--to", pg_url]) == 2
    assert "(in its setting table)" in one_sentence(capsys.readouterr().err)


def test_a_server_database_with_other_tables_is_refused_untouched(source: Path, pg_url: str, capsys) -> None:
    import psycopg
    from sqlalchemy import make_url

    dsn = make_url(pg_url).render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id integer PRIMARY KEY, total numeric)")
    assert run(["--db", str(source), "copy", "--to", pg_url]) == 2
    assert "not netnet's" in one_sentence(capsys.readouterr().err)
    with psycopg.connect(dsn, autocommit=True) as conn:
        tables = [r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables "
                                             "WHERE table_schema = 'public'")]
    assert tables == ["invoices"]


def test_the_source_database_is_refused_however_its_url_is_spelled(source: Path, pg_url: str, capsys) -> None:
    assert run(["--db", str(source), "copy", "--to", pg_url]) == 0
    capsys.readouterr()
    held = every_row(pg_url)
    from sqlalchemy import make_url

    spelled = make_url(pg_url).set(password="not-needed")
    other = spelled.update_query_dict({"connect_timeout": "7"}).render_as_string(hide_password=False)
    for target in (pg_url, spelled.render_as_string(hide_password=False), other):
        assert run(["--db-url", pg_url, "copy", "--to", target]) == 2
        err = one_sentence(capsys.readouterr().err)
        assert "is the database being copied" in err
        assert "not-needed" not in err  # a password is never printed
    assert every_row(pg_url) == held


def test_a_look_tells_the_same_database_by_a_tagged_session(pg_url: str, second_pg: str) -> None:
    from sqlalchemy import make_url

    from netnet.data.pg_copy import look, tag_session

    other_spelling = make_url(pg_url).update_query_dict({"connect_timeout": "9"}).render_as_string(
        hide_password=False)
    store = open_store(pg_url)
    try:
        with store.read() as tx, tx.dialect.snapshot(tx):
            tag = tag_session(tx)
            assert look(other_spelling, ["contact"], tag).tagged
            assert not look(second_pg, ["contact"], tag).tagged
        assert not look(pg_url, ["contact"], tag).tagged  # the name lasts only as long as the read
    finally:
        store.close()


def test_server_to_server(source: Path, pg_url: str, second_pg: str, capsys) -> None:
    from netnet.data.postgres import drop_everything

    drop_everything(second_pg)
    assert run(["--db", str(source), "copy", "--to", pg_url]) == 0
    assert run(["--db-url", pg_url, "copy", "--to", second_pg]) == 0
    capsys.readouterr()
    assert every_row(second_pg) == every_row(source)


def test_a_failed_copy_leaves_the_server_database_empty(source: Path, pg_url: str, monkeypatch, capsys) -> None:
    lose_a_row(monkeypatch)
    assert run(["--db", str(source), "copy", "--to", pg_url]) == 70
    captured = capsys.readouterr()
    counts = table_of(captured.out + "verdict\n")
    assert counts["followup"][0] == counts["followup"][1] + 1
    assert "followup" in one_sentence(captured.err)
    assert not any(every_row(pg_url).values())


def test_passwords_are_never_printed(source: Path, pg_url: str, capsys) -> None:
    from sqlalchemy import make_url

    with_password = make_url(pg_url).set(password="s3cret-word").render_as_string(hide_password=False)
    assert run(["--db", str(source), "copy", "--to", with_password]) == 0
    out = capsys.readouterr().out
    assert "s3cret-word" not in out and "***" in out.splitlines()[-1]


# -- SQLite → SQLite -------------------------------------------------------------------------

def test_file_to_file_keeps_every_row(source: Path, tmp_path: Path, capsys) -> None:
    before = digest(source)
    target = tmp_path / "copy.db"
    assert run(["--db", str(source), "copy", "--to", str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert all(s == t for s, t in table_of(captured.out).values())
    assert captured.out.splitlines()[-1] == (
        f"Copied {sum(len(rows) for rows in every_row(source).values()):,} rows in {len(copy_tables())} tables "
        f"from {source} to {target}; every table has the same number of rows on both sides.")
    assert digest(source) == before
    assert every_row(target) == every_row(source)
    assert exported(target) == exported(source)
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert leftovers(tmp_path) == []


def test_the_copy_searches_as_the_source_does(source: Path, tmp_path: Path) -> None:
    from netnet.data.contacts import search_ids

    target = tmp_path / "copy.db"
    store = open_store(source)
    try:
        copy_network(store, target)
        wanted = {q: search_ids(store, q) for q in ("soren", "okafor", "ada quill")}
    finally:
        store.close()
    copied = open_store(target)
    try:
        assert {q: search_ids(copied, q) for q in wanted} == wanted
        assert all(wanted.values())
    finally:
        copied.close()


def test_a_file_that_holds_a_network_is_refused_untouched(source: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "other.db"
    store = open_store(target)
    try:
        builders.person(store, FakeClock(FIXED_NOW), "Someone Else")
    finally:
        store.close()
    before = digest(target)
    assert run(["--db", str(source), "copy", "--to", str(target)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert one_sentence(captured.err) == (
        f"netnet: {target} already holds a network; netnet copies only into a new file or an empty database, "
        f"so it was left untouched.")
    assert digest(target) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("other")) == ["other.db"]


def test_the_source_file_is_refused_however_it_is_spelled(source: Path, tmp_path: Path, capsys) -> None:
    before = digest(source)
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.db").symlink_to(source)
    for spelled in (source, tmp_path / "sub" / ".." / "source.db", tmp_path / "link.db"):
        assert run(["--db", str(source), "copy", "--to", str(spelled)]) == 2
        assert "is the database itself" in one_sentence(capsys.readouterr().err)
    assert run(["--db", str(source), "copy", "--to", str(source) + "-wal"]) == 2
    assert "-wal" in one_sentence(capsys.readouterr().err)
    assert digest(source) == before


def test_a_kept_backup_is_refused(source: Path, tmp_path: Path, capsys) -> None:
    kept = tmp_path / "backups"
    kept.mkdir()
    assert run(["--db", str(source), "copy", "--to", str(kept / "new.db")]) == 2
    assert "backups" in one_sentence(capsys.readouterr().err)
    assert list(kept.iterdir()) == []


def test_other_files_are_refused_untouched(source: Path, tmp_path: Path, capsys) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n" * 20)
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    for path in (text, foreign):
        before = digest(path)
        assert run(["--db", str(source), "copy", "--to", str(path)]) == 2
        one_sentence(capsys.readouterr().err)
        assert digest(path) == before
    assert run(["--db", str(source), "copy", "--to", str(tmp_path)]) == 2
    assert "is a folder" in one_sentence(capsys.readouterr().err)
    assert run(["--db", str(source), "copy", "--to", str(tmp_path / "missing" / "x.db")]) == 2
    assert "does not exist" in one_sentence(capsys.readouterr().err)
    assert run(["--db", str(source), "copy", "--to", "mysql://me@host/db"]) == 2
    assert "not supported" in one_sentence(capsys.readouterr().err)


def test_an_empty_file_or_an_empty_netnet_file_is_filled(source: Path, tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    os.chmod(empty, 0o644)
    fresh = tmp_path / "fresh.db"
    open_store(fresh).close()  # a netnet database with no network yet
    for target in (empty, fresh):
        assert run(["--db", str(source), "copy", "--to", str(target)]) == 0
        capsys.readouterr()
        assert every_row(target) == every_row(source)
        assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert leftovers(tmp_path) == []


def lose_a_row(monkeypatch) -> None:
    """Make the copy lose the last follow-up inside its transaction (the counts then differ); one
    no other row points at (the demo's congratulation is a job change's, an opportunity's next step
    its opportunity's), so no link breaks."""
    from netnet.data import network_copy

    original = network_copy._copy_table

    def losing(src, dst, table, *args):
        original(src, dst, table, *args)
        if table == "followup":
            steps = [r.followup_id for r in src.execute(
                "SELECT followup_id FROM opportunity WHERE followup_id IS NOT NULL")] or [0]
            dst.execute("DELETE FROM followup WHERE id = (SELECT max(id) AS id FROM followup WHERE reason = '' "
                        f"AND id NOT IN ({', '.join(str(int(i)) for i in steps)}))")

    monkeypatch.setattr(network_copy, "_copy_table", losing)


def test_a_failed_copy_leaves_no_file(source: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    lose_a_row(monkeypatch)
    target = tmp_path / "copy.db"
    assert run(["--db", str(source), "copy", "--to", str(target)]) == 70
    captured = capsys.readouterr()
    assert one_sentence(captured.err) == (
        f"netnet: The row counts differ in followup, so the copy was undone and nothing of it was kept in "
        f"{target}. Details are in {tmp_path / 'log' / 'netnet.log'}.")  # netnet's fault: exit 70, the log named
    assert "followup" in (tmp_path / "log" / "netnet.log").read_text()
    assert table_of(captured.out + "verdict\n")["followup"][1] == table_of(captured.out + "verdict\n")["followup"][0] - 1
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_a_failed_copy_leaves_an_empty_netnet_file_empty(source: Path, tmp_path: Path, monkeypatch,
                                                         capsys) -> None:
    target = tmp_path / "fresh.db"
    open_store(target).close()
    lose_a_row(monkeypatch)
    assert run(["--db", str(source), "copy", "--to", str(target)]) == 70
    capsys.readouterr()
    assert not any(every_row(target).values())


def write_while_copying(monkeypatch, store) -> None:
    """Once the contacts are copied, another writer adds a tagged person with an interaction to
    the source: the copy must not see them (its reads share one view taken at its start)."""
    from netnet.data import network_copy

    original = network_copy._copy_table

    def meanwhile(src, dst, table, *args):
        original(src, dst, table, *args)
        if table == "contact":
            from netnet.data.contacts import log_interaction

            late = builders.person(store, FakeClock(FIXED_NOW), "Late Arrival", tags=["late"])
            log_interaction(store, late, "call", FakeClock(FIXED_NOW), "Rang while the copy ran.")

    monkeypatch.setattr(network_copy, "_copy_table", meanwhile)


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_the_copy_reads_one_view_while_others_write(engine: str, source: Path, tmp_path: Path, monkeypatch,
                                                    request) -> None:
    origin: Path | str = source
    if engine == "postgresql":
        origin = request.getfixturevalue("pg_url")
        store = open_store(source)
        try:
            copy_network(store, origin)
        finally:
            store.close()
    before = every_row(origin)
    store = open_store(origin)
    try:
        write_while_copying(monkeypatch, store)
        report = copy_network(store, tmp_path / "copy.db")
    finally:
        store.close()
    assert report.matches
    assert every_row(tmp_path / "copy.db") == before
    assert len(every_row(origin)["contact"]) == len(before["contact"]) + 1  # the write itself went through


def test_the_demo_copies_through_the_command_line(tmp_path: Path, capsys) -> None:
    target = tmp_path / "demo.db"
    assert run(["--demo", "copy", "--to", str(target)]) == 0
    counts = table_of(capsys.readouterr().out)
    assert counts["contact"][0] > 20 and all(s == t for s, t in counts.values())


def test_copy_needs_a_target(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(["--demo", "copy"])
    assert exit_info.value.code == 2
    assert "--to" in capsys.readouterr().err
