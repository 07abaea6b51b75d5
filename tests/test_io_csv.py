"""Generic CSV import with recognised columns; spreadsheet-safe export; round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from netnet.data.contacts import ContactInput, Method
from netnet.data.exports import full_contacts
from netnet.importing import import_file
from netnet.io.csv_io import DANGEROUS, neutralise, parse_csv, unneutralise, write_csv
from netnet.io.records import FileRefused
from tests.io_helpers import contact_inputs, distinct, fill, fresh_store, people

GENERIC = Path(__file__).parent / "fixtures" / "generic.csv"


def test_columns_are_recognised_and_reported() -> None:
    parsed = parse_csv(GENERIC.read_bytes())
    assert parsed.mapping == [
        ("Full Name", "name"), ("E-mail", "e-mail"), ("Phone", "phone"), ("Company", "organisation"),
        ("Job Title", "job title"), ("Notes", "notes"), ("Tags", "tags"),
    ]
    assert parsed.ignored_columns == ["Favourite Colour"]
    pernille = parsed.candidates[0].contact
    assert [m.value for m in pernille.methods if m.kind == "email"] == [
        "pernille@vasquez.example", "p.vasquez@home.example"]
    assert pernille.notes == "Knows everyone at the guild,\nand runs the Thursday meetup"
    assert pernille.tags == ["ceramics", "guild"]
    assert parsed.candidates[2].contact.display_name == 'Quoted "Nick" Marlow'
    assert parsed.candidates[2].contact.title == "=1+1"  # someone else's file: kept as given
    assert [(r.line, r.reason) for r in parsed.rejected] == [(5, "has no name")]


def test_first_and_last_name_columns_make_the_name() -> None:
    parsed = parse_csv(b"First Name,Surname,Email Address\nAda,Byron,ada@byron.example\n")
    c = parsed.candidates[0].contact
    assert (c.display_name, c.given_name, c.family_name) == ("Ada Byron", "Ada", "Byron")


@pytest.mark.parametrize("data", [b"", b"\n\n", b"colour,size\nred,10\n", b"\x00binary"])
def test_a_file_without_a_name_column_is_refused(data: bytes) -> None:
    with pytest.raises(FileRefused):
        parse_csv(data)


def test_import_twice_changes_nothing(store, clock) -> None:
    first = import_file(store, "csv", GENERIC, clock)
    assert (first.created, first.updated, len(first.rejected)) == (3, 1, 1)
    again = import_file(store, "csv", GENERIC, clock)
    assert (again.created, again.updated) == (0, 0)


@pytest.mark.parametrize("cell", ["=SUM(A1:A9)", "+1 555 0100", "-2", "@import", "\tx", "\rx"])
def test_dangerous_cells_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert unneutralise(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["Ada", "", "'quoted", "a=b", " =x", "1+1"])
def test_safe_cells_are_left_alone(cell: str) -> None:
    assert neutralise(cell) == cell


def test_export_never_starts_a_cell_with_a_formula(store, clock) -> None:
    fill(store, [ContactInput(display_name="=HYPERLINK(\"http://evil.example\")", organisation="+Acme",
                              title="-Boss", notes="@everyone", methods=[Method("phone", "+1 555 0100")],
                              tags=["=tag"])], clock)
    import csv
    import io

    rows = list(csv.reader(io.StringIO(write_csv(full_contacts(store)), newline="")))
    for cell in rows[1]:
        assert not cell.startswith(DANGEROUS), cell


def test_reimporting_a_netnet_csv_removes_the_mark(store, clock, tmp_path: Path) -> None:
    fill(store, [ContactInput(display_name="-Dash", organisation="=SUM(1)", title="@Lead",
                              methods=[Method("phone", "+44 20 7946 0000")], notes="'kept as is")], clock)
    path = tmp_path / "out.csv"
    path.write_text(write_csv(full_contacts(store)), newline="")
    with fresh_store(tmp_path) as other:
        import_file(other, "csv", path, clock)
        assert people(other) == people(store)


def test_someone_elses_csv_keeps_a_leading_apostrophe(store, clock, tmp_path: Path) -> None:
    path = tmp_path / "theirs.csv"
    path.write_text("name,company\nAda,'=not ours\n")
    import_file(store, "csv", path, clock)
    assert full_contacts(store)[0].organisation == "'=not ours"


def test_demo_network_round_trips_as_far_as_csv_allows(demo_store, clock, tmp_path: Path) -> None:
    path = tmp_path / "demo.csv"
    path.write_text(write_csv(full_contacts(demo_store)), newline="")
    with fresh_store(tmp_path) as other:
        summary = import_file(other, "csv", path, clock)
        assert summary.created == len(people(demo_store)) and not summary.rejected
        # CSV has no place for the labels of e-mails and phones; everything else comes back.
        assert people(other, labels=False) == people(demo_store, labels=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(contacts=st.lists(contact_inputs(), min_size=1, max_size=4))
def test_any_contacts_round_trip_through_csv(clock, tmp_path, contacts) -> None:
    assume(distinct(contacts))
    with fresh_store(tmp_path) as source, fresh_store(tmp_path) as target:
        fill(source, contacts, clock)
        path = Path(source.path.parent) / "out.csv"
        path.write_text(write_csv(full_contacts(source)), newline="")
        summary = import_file(target, "csv", path, clock)
        assert not summary.rejected
        assert people(target, labels=False) == people(source, labels=False)


_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=25)


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.lists(_cell, max_size=6), max_size=8))
def test_hostile_rows_are_each_imported_or_rejected_with_a_reason(rows) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["name", "email", "phone", "tags", "company"])
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    try:
        parsed = parse_csv(data)  # a NUL byte costs only its row
    except FileRefused as exc:  # unless control bytes are a tenth of the file: not text at all
        assert "binary" in str(exc)
        assert sum(1 for b in data[:4096] if b < 32 and b not in b"\t\n\r\x0c\x1a\x1b") * 10 > len(data[:4096])
        return
    assert all(r.reason and r.line >= 2 for r in parsed.rejected)
    assert not any("\x00" in c.contact.display_name + c.contact.notes for c in parsed.candidates)
    assert all(c.contact.display_name.strip() for c in parsed.candidates)
