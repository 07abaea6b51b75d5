"""Hostile imports: every value is checked at the door, a bad row is rejected with where it is.

Items 7, 8, 9 and 14 of the Trust issue: bad dates in a JSON file bricked the
app, an unmatched quote merged the rest of a CSV into one contact, names without
letters were merged into one person, and huge integers gave an internal error.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netnet.cli import run
from netnet.core.clock import from_iso
from netnet.core.duplicates import Person, find_duplicates
from netnet.data.json_file import dump_json
from netnet.data.store import Store
from netnet.importing import import_file
from netnet.io.records import FileRefused
from tests.io_helpers import fresh_store

EXPORT_KINDS = ("json", "vcard", "csv", "ics", "markdown")


# -- helpers ---------------------------------------------------------------------------

def _demo_document(tmp_path: Path, clock) -> dict:
    from netnet.demo import build_demo

    with fresh_store(tmp_path) as store:
        build_demo(store, clock)
        return json.loads(dump_json(store, clock.now()))


def _set(document: dict, table: str, column: str, value, row: int = 0) -> None:
    body = document["tables"][table]
    body["rows"][row][body["columns"].index(column)] = value


def _row_with(document: dict, table: str, column: str, test) -> int:
    body = document["tables"][table]
    position = body["columns"].index(column)
    return next(i for i, row in enumerate(body["rows"]) if test(row[position]))


def _id_of(document: dict, table: str, row: int):
    body = document["tables"][table]
    return body["rows"][row][body["columns"].index("id")]


def _write(path: Path, document: dict) -> Path:
    path.write_text(json.dumps(document))
    return path


def _digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def _moment_columns() -> dict[str, list[str]]:
    from netnet.data.models import ISODate, SQLModel, UTCDateTime

    found: dict[str, list[str]] = {}
    for table in SQLModel.metadata.tables.values():
        for column in table.columns:
            if isinstance(column.type, UTCDateTime | ISODate):
                found.setdefault(table.name, []).append(column.name)
    return found


def _assert_every_stored_date_reads_back(db: Path) -> None:
    """What the app and `netnet due` do with these columns must work for every stored value."""
    conn = sqlite3.connect(db)
    try:
        for table, columns in _moment_columns().items():
            for column in columns:
                for (value,) in conn.execute(f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL'):
                    if column in ("due_date", "snoozed_until", "target_date"):
                        assert len(value) == 10 and date.fromisoformat(value), (table, column, value)
                    else:
                        assert from_iso(value).utcoffset().total_seconds() == 0, (table, column, value)
        for (value,) in conn.execute("SELECT birthday FROM contact WHERE birthday IS NOT NULL"):
            assert value.startswith("--") or date.fromisoformat(value), value
    finally:
        conn.close()


def _readers_work(db: Path, capsys) -> None:
    """`netnet due` and every export still work on what was imported."""
    capsys.readouterr()
    assert run(["--db", str(db), "due"]) in (0, 1)  # 1 only means something is due
    for kind in EXPORT_KINDS:
        assert run(["--db", str(db), "export", kind]) == 0, kind
    err = capsys.readouterr().err
    assert "internal error" not in err.lower() and "Traceback" not in err


# -- item 7: bad dates and other bad values in a JSON restore -------------------------

def _bad_dates(document: dict) -> dict[str, str]:
    """Bad values in many columns; returns the JSON path of each rejected row -> the column named."""
    expected = {}

    def spoil(table: str, column: str, value, row: int = 0) -> None:
        _set(document, table, column, value, row)
        expected[f"$.tables.{table}.rows[{row}]"] = column

    spoil("interaction", "occurred_at", "garbage")
    spoil("followup", "due_date", "99")
    spoil("followup", "due_at", "2026-13-45T10:00:00", 1)
    spoil("followup", "snoozed_until", "soon", 2)
    spoil("goal", "target_date", "31/12/2027")
    spoil("interview", "scheduled_at", "tomorrow at 9")
    spoil("referral_ask", "asked_at", 99)
    spoil("target_stage_event", "at", "0000-00-00")
    spoil("plan_item", "created_at", "")
    spoil("contact", "last_interaction_at", "garbage", 1)  # the contact list reads it at start-up
    spoil("contact", "created_at", "99", 2)
    return expected


def test_bad_dates_in_a_restore_are_rejected_with_their_path_and_the_rest_is_restored(
        tmp_path: Path, clock, capsys) -> None:
    document = _demo_document(tmp_path, clock)
    expected = _bad_dates(document)
    path = _write(tmp_path / "bad.json", document)
    db = tmp_path / "net.db"
    assert run(["--db", str(db), "import", "json", str(path)]) == 0
    out, err = capsys.readouterr()
    rejected = [line for line in err.splitlines() if line.endswith("; not imported.")]
    for where, column in expected.items():
        assert any(line.startswith(f"bad.json {where}: {column} ") for line in rejected), (where, err)
    assert out.startswith("Imported bad.json: 38 created")  # every contact but the two with bad stamps
    _assert_every_stored_date_reads_back(db)
    _readers_work(db, capsys)


def test_a_rejected_row_takes_the_rows_that_belong_to_it_along(tmp_path: Path, clock, store) -> None:
    document = _demo_document(tmp_path, clock)
    row = _row_with(document, "contact", "id", lambda v: True)
    cid = _id_of(document, "contact", row)
    _set(document, "contact", "birthday", "garbage", row)
    summary = import_file(store, "json", _write(tmp_path / "bad.json", document), clock)
    places = {r.place: r.reason for r in summary.rejected}
    assert places[f"$.tables.contact.rows[{row}]"].startswith("birthday “garbage” is not a date")
    assert any("belongs to $.tables.contact.rows" in reason for reason in places.values())
    with store.read() as conn:
        assert conn.execute("SELECT count(*) FROM contact WHERE id = ?", (cid,)).fetchone()[0] == 0
        for table in ("contact_method", "contact_tag", "interaction"):
            assert conn.execute(f"SELECT count(*) FROM {table} WHERE contact_id = ?", (cid,)).fetchone()[0] == 0
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert summary.created == 39


@pytest.mark.parametrize("table, column, value, words", [
    ("contact", "circle", "bestie", "circle 'bestie' is not one of"),
    ("contact", "connector_role", "wizard", "connector_role 'wizard' is not one of"),
    ("contact", "ideal_days", -5, "ideal_days -5 must be more than 0"),
    ("contact", "ideal_days", "thirty", "ideal_days 'thirty' is not a whole number"),
    ("contact", "ideal_days", 99999, "The ideal interval must be between 1 and 3650 days."),
    ("contact", "max_days", 3, "Give an ideal interval too"),
    ("contact", "display_name", "Ann\nBell", "its name holds a line break"),
    ("contact", "display_name", "x" * 300, "its name is longer than 200 characters"),
    ("contact", "vcard_extra", "not json", "vcard_extra is not the JSON list"),
    ("contact", "notes", 12, "notes '12' is not text"),
    ("contact", "last_interaction_at", "2026-02-30T10:00:00+00:00", "last_interaction_at"),
    ("interview", "status", "bogus", "status 'bogus' is not one of"),
    ("interview", "length_seconds", 0, "length_seconds 0 must be more than 0"),
    ("interview", "paused_seconds", float("nan"), "paused_seconds 'nan' is not a number"),
    ("interview_question", "answered", 2, "answered '2' is not one of 0, 1"),
    ("followup", "kind", "party", "kind 'party' is not one of"),
    ("goal", "title", "   ", "title is blank"),
    ("setting", "value", '"a lot"', "the setting"),
])
def test_every_kind_of_bad_value_rejects_its_row(tmp_path: Path, clock, store, table, column, value, words) -> None:
    document = _demo_document(tmp_path, clock)
    row = 0
    if table == "setting":
        document["tables"]["setting"]["rows"] = [["call_minutes", "15"]]
        document["tables"]["setting"]["columns"] = ["key", "value"]
    _set(document, table, column, value, row)
    summary = import_file(store, "json", _write(tmp_path / "bad.json", json.loads(json.dumps(document))), clock)
    place = f"$.tables.{table}.rows[{row}]"
    reasons = [r.reason for r in summary.rejected if r.place == place]
    assert reasons and words in reasons[0], summary.rejected
    with store.read() as conn:  # nothing invalid was stored: the demo's other rows all came through
        assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] >= 39


def test_a_row_repeating_a_unique_value_is_rejected_with_the_rows_that_belong_to_it(tmp_path: Path, clock,
                                                                                     store) -> None:
    document = _demo_document(tmp_path, clock)
    body = document["tables"]["contact"]
    uuid = body["rows"][0][body["columns"].index("uuid")]
    _set(document, "contact", "uuid", uuid, 1)
    cid = _id_of(document, "contact", 1)
    summary = import_file(store, "json", _write(tmp_path / "twice.json", document), clock)
    places = {r.place: r.reason for r in summary.rejected}
    assert places["$.tables.contact.rows[1]"] == "its uuid repeats that of $.tables.contact.rows[0]"
    assert summary.created == 39
    with store.read() as conn:
        assert conn.execute("SELECT count(*) FROM contact_method WHERE contact_id = ?", (cid,)).fetchone()[0] == 0
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_bad_values_in_a_merge_into_a_populated_database_are_rejected_with_their_path(
        tmp_path: Path, clock, demo_store, capsys) -> None:
    document = _demo_document(tmp_path, clock)
    for table in ("contact", "contact_method", "contact_tag"):
        document["tables"][table]["rows"] = document["tables"][table]["rows"][:0]
    columns = ["id", "uuid", "display_name", "sort_key", "birthday", "created_at", "updated_at"]
    stamp = "2026-01-01T00:00:00+00:00"
    document["tables"]["contact"] = {"columns": columns, "rows": [
        [900, "00000000-0000-4000-8000-000000000900", "Nora Newperson", "newperson nora", "1990-02-03", stamp, stamp],
        [901, "00000000-0000-4000-8000-000000000901", "Bad Birthday", "birthday bad", "garbage", stamp, stamp],
        [902, "00000000-0000-4000-8000-000000000902", "Bad Stamp", "stamp bad", None, "99", stamp],
    ]}
    path = _write(tmp_path / "merge.json", document)
    summary = import_file(demo_store, "json", path, clock)
    assert summary.created == 1
    assert [r.place for r in summary.rejected] == ["$.tables.contact.rows[1]", "$.tables.contact.rows[2]"]
    with demo_store.read() as conn:
        assert conn.execute("SELECT count(*) FROM contact WHERE birthday = 'garbage'").fetchone()[0] == 0


def test_the_app_starts_after_a_file_with_bad_values_was_imported(tmp_path: Path, clock, make_app) -> None:
    import asyncio

    document = _demo_document(tmp_path, clock)
    _bad_dates(document)
    store = Store(tmp_path / "net.db")
    try:
        import_file(store, "json", _write(tmp_path / "bad.json", document), clock)
        app = make_app(store)

        async def start() -> None:
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                for key in ("2", "3", "4", "1"):  # every section reads its rows
                    await pilot.press(key)
                    await app.workers.wait_for_complete()
                    await pilot.pause()

        asyncio.run(start())
        assert app.return_code in (None, 0)
    finally:
        store.close()


def test_bad_values_from_csv_vcard_and_linkedin_reject_their_row(tmp_path: Path, clock, store, capsys) -> None:
    csv_path = tmp_path / "people.csv"
    csv_path.write_text("Name,Email,Birthday\nAda,ada@x.example,1815-12-10\nBea,bea@x.example,garbage\n"
                        "Cid,cid@x.example,0001-01-01\nDot,dot@x.example,--03-21\n")
    summary = import_file(store, "csv", csv_path, clock)
    assert summary.created == 2
    assert [(r.line, r.reason.split(" (")[0]) for r in summary.rejected] == [
        (3, "its birthday “garbage” is not a date"), (4, "its birthday “0001-01-01” is not a date")]
    vcf = tmp_path / "cards.vcf"
    vcf.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Old Timer\r\nBDAY:0001-01-01\r\nEND:VCARD\r\n"
                   "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fine Person\r\nBDAY:1990-01-01\r\nEND:VCARD\r\n")
    summary = import_file(store, "vcard", vcf, clock)
    assert summary.created == 1 and [r.line for r in summary.rejected] == [1]
    assert "outside the years" in summary.rejected[0].reason
    linkedin = tmp_path / "Connections.csv"
    linkedin.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                        "Ann,Old,,,,,10 Oct 1066\nBo,New,,,,,12 Mar 2024\n")
    summary = import_file(store, "linkedin", linkedin, clock)
    assert summary.created == 1 and [r.line for r in summary.rejected] == [2]
    with store.read() as conn:
        assert {b for (b,) in conn.execute("SELECT birthday FROM contact")} == {"1815-12-10", "--03-21", "1990-01-01",
                                                                             None}


# -- item 14: huge integers --------------------------------------------------------------

def test_a_huge_integer_in_a_row_rejects_that_row_with_its_path(tmp_path: Path, clock, capsys) -> None:
    document = _demo_document(tmp_path, clock)
    _set(document, "contact", "ideal_days", 2**64)
    _set(document, "interview", "length_seconds", -(2**63) - 1)
    db = tmp_path / "net.db"
    assert run(["--db", str(db), "import", "json", str(_write(tmp_path / "big.json", document))]) == 0
    err = capsys.readouterr().err
    assert "big.json $.tables.contact.rows[0]: ideal_days: the number 184467440737… is too large to store" in err
    assert "big.json $.tables.interview.rows[0]: length_seconds: the number -92233720368… is too large" in err
    assert "OverflowError" not in err and "internal error" not in err
    _readers_work(db, capsys)


def test_a_huge_integer_merged_into_a_populated_database_rejects_the_row(tmp_path: Path, clock, demo_store) -> None:
    document = _demo_document(tmp_path, clock)
    _set(document, "contact_method", "position", 10**30)
    summary = import_file(demo_store, "json", _write(tmp_path / "big.json", document), clock)
    assert [r.place for r in summary.rejected] == ["$.tables.contact_method.rows[0]"]


@pytest.mark.parametrize("text, words", [
    ('{"format": "netnet", "schema_version": 100000000000000000000000, "tables": {}}', "newer netnet"),
    ('{"format": "netnet", "schema_version": -100000000000000000000000, "tables": {}}', "no schema version"),
    ('{"format": "netnet", "schema_version": 1, "tables": {}, "n": ' + "9" * 5000 + "}", "a number too long"),
])
def test_a_huge_integer_in_the_document_itself_is_one_sentence_and_exit_2(tmp_path: Path, clock, capsys,
                                                                         demo_store, db_path, text, words) -> None:
    demo_store.close()
    before = _digest(db_path)
    path = tmp_path / "huge.json"
    path.write_text(text)
    assert run(["--db", str(db_path), "import", "json", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "was not imported" in err and words in err
    assert _digest(db_path) == before


# -- item 8: quotes that swallow lines -------------------------------------------------------

def test_an_unmatched_quote_rejects_its_row_and_keeps_the_rows_around_it(tmp_path: Path, clock, capsys) -> None:
    path = tmp_path / "quote.csv"
    path.write_text('Name,Email\nGood One,g1@x.example\n"Bad Quote,bq@x.example\nGood Two,g2@x.example\n'
                    "Good Three,g3@x.example\n")
    db = tmp_path / "net.db"
    assert run(["--db", str(db), "import", "csv", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out == "Imported quote.csv: 3 created, 0 updated, 0 skipped, 1 rejected.\n"
    assert "quote.csv line 3: a quoted value starting on this line never closes; not imported." in err
    conn = sqlite3.connect(db)
    names = sorted(n for (n,) in conn.execute("SELECT display_name FROM contact"))
    conn.close()
    assert names == ["Good One", "Good Three", "Good Two"]


def test_a_name_holding_a_line_break_is_a_rejected_row(tmp_path: Path, clock, store) -> None:
    path = tmp_path / "breaks.csv"
    path.write_text('Name,Email,Notes\n"Ann\nBell",ab@x.example,fine\n'  # quoted well: skipped whole
                    'Cy,cy@x.example,"two\nlines of notes, with a comma"\n'  # notes may hold line breaks
                    '"Dee,dee@x.example,x\nEve,eve@x.example,"y"\n'  # a runaway that closes later
                    "Fay,fay@x.example,z\n")
    summary = import_file(store, "csv", path, clock)
    assert [(r.line, r.reason) for r in summary.rejected] == [
        (2, "its name holds a line break (a missing closing quote?)"),
        (6, "a quoted value starting on this line never closes"),  # read again from line 7
    ]
    with store.read() as conn:
        names = sorted(n for (n,) in conn.execute("SELECT display_name FROM contact"))
        assert names == ["Cy", "Eve", "Fay"]
        assert conn.execute("SELECT count(*) FROM contact WHERE display_name LIKE '%' || char(10) || '%'"
                            ).fetchone()[0] == 0


def test_a_quote_that_runs_on_for_pages_is_rejected_and_reading_resumes(tmp_path: Path, clock, store) -> None:
    from netnet.io.records import MAX_RECORD_LINES

    body = "".join(f"Person {i},p{i}@x.example,note {i}\n" for i in range(MAX_RECORD_LINES + 20))
    path = tmp_path / "long.csv"
    path.write_text('Name,Email,Notes\nFirst,f@x.example,"opened and never closed\n' + body + 'Last,l@x.example,"x""y"\n')
    summary = import_file(store, "csv", path, clock)
    assert [(r.line, r.reason.split(" (")[0]) for r in summary.rejected] == [
        (2, f"a quoted value starting on this line runs on for more than {MAX_RECORD_LINES} lines or 1 MB")]
    assert summary.created == MAX_RECORD_LINES + 20 + 1  # every row it swallowed, and the last


def test_linkedin_rows_after_an_unmatched_quote_are_kept(tmp_path: Path, clock, capsys) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text("Notes:\nSome text\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Ann,One,,a1@x.example,Acme,,12 Mar 2024\n"
                    '"Bad,Quote,,bq@x.example,Acme,,12 Mar 2024\n'
                    "Bo,Two,,b2@x.example,Beta,,12 Mar 2024\n")
    db = tmp_path / "net.db"
    assert run(["--db", str(db), "import", "linkedin", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Imported Connections.csv: 2 created, 0 updated, 0 skipped, 1 rejected.")
    assert "Connections.csv line 6: " in err


def test_a_vcard_without_end_or_with_a_broken_name_does_not_swallow_the_next(tmp_path: Path, clock, store) -> None:
    path = tmp_path / "cards.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No End\r\n"
                    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\\nBell\r\nEND:VCARD\r\n"
                    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kept Person\r\nEND:VCARD\r\n")
    summary = import_file(store, "vcard", path, clock)
    assert [(r.line, r.reason) for r in summary.rejected] == [
        (1, "the card has no END:VCARD line"), (4, "its name holds a line break (a missing closing quote?)")]
    assert summary.created == 1


_hostile = st.text(alphabet=st.sampled_from(list('ab ,"\n\r;@-🙂') + ["\u2028"]), max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_hostile, min_size=1, max_size=4), max_size=8),
       raw=st.lists(_hostile, max_size=6))
def test_hostile_csv_never_stores_a_broken_name(tmp_path: Path, clock, rows, raw) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["Name", "Email", "Notes", "Tags"], *rows])
    data = buffer.getvalue() + "\n".join(raw)  # written rows, then raw text with stray quotes
    with fresh_store(tmp_path) as store:
        path = Path(store.path).parent / "hostile.csv"
        path.write_text(data, newline="")
        try:
            summary = import_file(store, "csv", path, clock)
        except FileRefused:
            return
        with store.read() as conn:
            names = [n for (n,) in conn.execute("SELECT display_name FROM contact")]
        assert not any("\n" in n or "\r" in n for n in names)
        assert len(names) <= summary.created
        for rejected in summary.rejected:
            assert rejected.line >= 1 and rejected.reason


# -- item 9: names without letters ------------------------------------------------------------

def test_names_without_letters_are_each_their_own_contact(tmp_path: Path, clock, capsys) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Name,Email\n🙂,smile@x.example\n🎉,party@x.example\n?,what@x.example\n"
                    "-,dash@x.example\n@,at@x.example\n42,answer@x.example\n")
    db = tmp_path / "net.db"
    assert run(["--db", str(db), "import", "csv", str(path)]) == 0
    assert capsys.readouterr().out == "Imported odd.csv: 6 created, 0 updated, 0 skipped, 0 rejected.\n"
    conn = sqlite3.connect(db)
    rows = sorted(conn.execute(
        "SELECT c.display_name, group_concat(m.value) FROM contact c JOIN contact_method m ON m.contact_id = c.id "
        "GROUP BY c.id"))
    conn.close()
    assert rows == sorted([("🙂", "smile@x.example"), ("🎉", "party@x.example"), ("?", "what@x.example"),
                           ("-", "dash@x.example"), ("@", "at@x.example"), ("42", "answer@x.example")])
    assert run(["--db", str(db), "import", "csv", str(path)]) == 0  # and again: nothing changes
    assert capsys.readouterr().out == "Imported odd.csv: 0 created, 0 updated, 6 skipped, 0 rejected.\n"


def test_letterless_names_still_match_by_email_and_rows_without_handles_import_once(tmp_path: Path, clock,
                                                                                   store) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Name,Email,Company\n?,q@x.example,\n?,q@x.example,Acme\n-,,\n🙂,,\n")
    summary = import_file(store, "csv", path, clock)
    assert (summary.created, summary.updated) == (3, 1)  # the second "?" row is the first one, by e-mail
    again = import_file(store, "csv", path, clock)
    assert (again.created, again.updated, again.skipped) == (0, 0, 4)
    with store.read() as conn:
        assert sorted(n for (n,) in conn.execute("SELECT display_name FROM contact")) == ["-", "?", "🙂"]


def test_duplicate_proposals_never_pair_letterless_names() -> None:
    people = [Person(1, "🙂"), Person(2, "🙂"), Person(3, "?", "acme"), Person(4, "?", "acme"),
              Person(5, "-"), Person(6, "-", "beta"), Person(7, "42"), Person(8, "42"),
              Person(9, "@", handles=(("email", "same@x.example"),)),
              Person(10, "🎉", handles=(("email", "same@x.example"),))]
    pairs = find_duplicates(people)
    assert [(p.first, p.second, p.reason) for p in pairs] == [(9, 10, "same e-mail address")]
