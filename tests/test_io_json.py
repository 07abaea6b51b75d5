"""JSON: a lossless export whose import into an empty database gives back the same data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netnet.data.contacts import ContactInput, list_contacts
from netnet.data.imports import CannotUndo
from netnet.data.json_file import dump_json, load_dump
from netnet.data.undo import undo_last_import
from netnet.importing import import_file
from netnet.io.records import FileRefused
from tests.io_helpers import fill, fresh_store


def _tables(text: str) -> dict:
    return json.loads(text)["tables"]


def test_export_holds_every_table(demo_store, clock) -> None:
    document = json.loads(dump_json(demo_store, clock.now()))
    assert document["format"] == "netnet"
    with demo_store.read() as conn:
        if demo_store.dialect.name == "sqlite":
            names = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE '%fts%'")}
        else:
            names = {r[0] for r in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
        names -= {"schema_version", "draft"}  # about the file, not data
        for table in names:
            count = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            assert len(document["tables"][table]["rows"]) == count, table
    assert set(document["tables"]) == names


def test_round_trip_into_an_empty_database_reproduces_the_data(demo_store, clock, tmp_path: Path) -> None:
    original = dump_json(demo_store, clock.now())
    path = tmp_path / "netnet.json"
    path.write_text(original)
    with fresh_store(tmp_path) as other:
        summary = import_file(other, "json", path, clock)
        assert summary.created == len(list_contacts(demo_store))
        again = _tables(dump_json(other, clock.now()))
        before = _tables(original)
        batches = again.pop("import_batch")
        assert [row[2:4] for row in batches["rows"]] == [["json", "netnet.json"]]  # the restore itself
        before.pop("import_batch")
        assert again == before
        # search works on the restored rows
        from netnet.data.contacts import search_ids

        assert search_ids(other, "lindqvist")


def test_undo_of_a_restore_empties_the_database_again(demo_store, clock, tmp_path: Path) -> None:
    path = tmp_path / "netnet.json"
    path.write_text(dump_json(demo_store, clock.now()))
    with fresh_store(tmp_path) as other:
        import_file(other, "json", path, clock)
        summary = undo_last_import(other, clock)
        assert summary.removed == len(list_contacts(demo_store))
        assert list_contacts(other) == []


def test_undo_of_a_restore_refuses_once_the_data_changed(demo_store, clock, tmp_path: Path) -> None:
    path = tmp_path / "netnet.json"
    path.write_text(dump_json(demo_store, clock.now()))
    with fresh_store(tmp_path) as other:
        import_file(other, "json", path, clock)
        fill(other, [ContactInput(display_name="Added later")], clock)
        with pytest.raises(CannotUndo):
            undo_last_import(other, clock)
        assert len(list_contacts(other)) == len(list_contacts(demo_store)) + 1


def test_into_a_populated_database_only_contacts_merge(demo_store, clock, tmp_path: Path) -> None:
    path = tmp_path / "netnet.json"
    path.write_text(dump_json(demo_store, clock.now()))
    summary = import_file(demo_store, "json", path, clock)
    assert (summary.created, summary.updated, summary.skipped) == (0, 0, len(list_contacts(demo_store)))
    assert summary.notes and "only contacts" in summary.notes[0]


def test_dry_run_restores_nothing(demo_store, clock, tmp_path: Path) -> None:
    path = tmp_path / "netnet.json"
    path.write_text(dump_json(demo_store, clock.now()))
    with fresh_store(tmp_path) as other:
        summary = import_file(other, "json", path, clock, dry_run=True)
        assert summary.created == len(list_contacts(demo_store))
        assert list_contacts(other) == []


@pytest.mark.parametrize("data, words", [
    (b"not json", "not JSON"),
    (b"[]", "format"),
    (b'{"format": "netnet", "schema_version": 999, "tables": {}}', "newer netnet"),
    (b'{"format": "netnet", "schema_version": 1, "tables": {"contact": {"columns": ["id"], "rows": [[1, 2]]}}}',
     "malformed"),
])
def test_a_file_that_is_not_a_netnet_export_is_refused(data: bytes, words: str) -> None:
    with pytest.raises(FileRefused, match=words):
        load_dump(data)


def test_rows_that_break_the_schema_are_rejected_and_nothing_of_them_is_written(store, clock, tmp_path: Path) -> None:
    document = {"format": "netnet", "schema_version": 1, "tables": {
        "contact": {"columns": ["id", "uuid", "display_name", "sort_key", "created_at", "updated_at",
                                "introduced_by_id"],
                    "rows": [[1, "u1", "Ada", "ada", "2020-01-01T00:00:00+00:00", "2020-01-01T00:00:00+00:00", 99]]},
    }}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    with pytest.raises(FileRefused, match="points at a row"):
        import_file(store, "json", path, clock)
    document["tables"]["contact"]["rows"][0][2] = "   "
    document["tables"]["contact"]["rows"][0][6] = None
    path.write_text(json.dumps(document))
    summary = import_file(store, "json", path, clock)  # a bad row is rejected with its path, not the file
    assert [(r.place, r.reason) for r in summary.rejected] == [("$.tables.contact.rows[0]", "display_name is blank")]
    assert list_contacts(store) == []


_scalar = st.one_of(st.none(), st.integers(-5, 5), st.text(max_size=8), st.floats(allow_nan=False))
_columns = st.lists(st.sampled_from(["id", "uuid", "display_name", "sort_key", "created_at", "updated_at",
                                     "contact_id", "kind", "value", "norm", "tag", "position", "bogus"]),
                    min_size=1, max_size=5)


@st.composite
def _documents(draw) -> dict:
    tables = {}
    for name in draw(st.lists(st.sampled_from(["contact", "contact_method", "contact_tag", "goal", "nope"]),
                              max_size=3, unique=True)):
        columns = draw(_columns)
        rows = draw(st.lists(st.lists(_scalar, min_size=len(columns), max_size=len(columns)), max_size=3))
        tables[name] = {"columns": columns, "rows": rows}
    return {"format": "netnet", "schema_version": draw(st.integers(0, 2)), "tables": tables}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=_documents())
def test_hostile_documents_are_restored_or_refused_whole(clock, tmp_path, document) -> None:
    with fresh_store(tmp_path) as store:
        path = Path(store.path.parent) / "in.json"
        path.write_text(json.dumps(document))
        try:
            import_file(store, "json", path, clock)
        except FileRefused:
            with store.read() as conn:
                assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 0
                assert conn.execute("SELECT count(*) FROM import_batch").fetchone()[0] == 0
