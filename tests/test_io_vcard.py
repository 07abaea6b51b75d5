"""vCard 3.0/4.0: the fixture's quirks, lossless round trips, hostile cards."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from netnet.data.exports import full_contacts
from netnet.importing import import_file
from netnet.io.records import FileRefused
from netnet.io.vcard import parse_vcards, write_vcards
from tests.io_helpers import contact_inputs, distinct, fill, fresh_store, people

CARDS = Path(__file__).parent / "fixtures" / "cards.vcf"


def test_the_fixture_cards_are_read() -> None:
    parsed = parse_vcards(CARDS.read_bytes())
    tilly, rafael, wen = parsed.candidates
    c = tilly.contact
    assert (c.display_name, c.given_name, c.family_name, c.nickname) == (
        "Ottilie Brandvold", "Ottilie", "Brandvold", "Tilly")
    assert c.organisation == "Fjellheim Instruments, Calibration Lab"
    assert c.title == "Metrology Lead" and c.birthday == "1984-07-09"
    assert c.notes.startswith("Met at the sensor meetup") and "handling team, and asked" in c.notes  # unfolded
    assert c.tags == ["instruments", "mentor"]
    assert [(m.kind, m.value, m.label) for m in c.methods] == [
        ("email", "ottilie@fjellheim.example", "work"), ("email", "tilly.b@mail.example", "home"),
        ("phone", "+47 912 34 567", "cell"), ("phone", "+47 22 00 11 22", "work"),
        ("address", "Strandgata 4, Bergen, 5013, Norway", "work"),
        ("link", "https://fjellheim.example/people/ottilie", ""),
    ]
    assert tilly.vcard_extra == ["X-SOCIALPROFILE;TYPE=mastodon:https://social.example/@tilly",
                                 "item1.X-ABLABEL:_$!<Anniversary>!$_"][::-1]  # the broken photo was dropped
    assert rafael.contact.birthday == "--03-15"  # vCard 4.0, no year
    assert [(m.kind, m.value) for m in rafael.contact.methods][1] == ("phone", "+1-555-010-2030")
    assert rafael.vcard_extra == ["KIND:individual"]
    assert wen.contact.display_name == "Wen Ng"  # no FN: built from N
    assert [(r.line, r.reason) for r in parsed.rejected] == [
        (34, "the card has no name (FN or N)"), (44, "the card has no END:VCARD line")]


def test_import_twice_changes_nothing(store, clock) -> None:
    first = import_file(store, "vcard", CARDS, clock)
    assert (first.created, len(first.rejected)) == (3, 2)
    again = import_file(store, "vcard", CARDS, clock)
    assert (again.created, again.updated, again.skipped) == (0, 0, 3)


def test_fixture_round_trip_keeps_unknown_properties(store, clock, tmp_path: Path) -> None:
    import_file(store, "vcard", CARDS, clock)
    text = write_vcards(full_contacts(store))
    assert text.count("BEGIN:VCARD") == 3 and "VERSION:4.0" in text
    assert "X-SOCIALPROFILE;TYPE=mastodon:https://social.example/@tilly" in text
    out = tmp_path / "out.vcf"
    out.write_text(text)
    with fresh_store(tmp_path) as other:
        import_file(other, "vcard", out, clock)
        assert people(other) == people(store)


def test_demo_network_round_trips_with_introductions(demo_store, clock, tmp_path: Path) -> None:
    text = write_vcards(full_contacts(demo_store))
    assert "RELATED;TYPE=contact;VALUE=uri;X-NETNET=introduced-by:urn:uuid:" in text
    out = tmp_path / "demo.vcf"
    out.write_text(text)
    with fresh_store(tmp_path) as other:
        summary = import_file(other, "vcard", out, clock)
        assert summary.created == len(people(demo_store)) and not summary.rejected
        assert people(other) == people(demo_store)


@pytest.mark.parametrize("data", [b"", b"hello\n", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", b"\x00\xff"])
def test_a_file_that_is_not_vcard_is_refused(data: bytes) -> None:
    with pytest.raises(FileRefused):
        parse_vcards(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(contacts=st.lists(contact_inputs(), min_size=1, max_size=4))
def test_any_contacts_round_trip_through_vcard(clock, tmp_path, contacts) -> None:
    assume(distinct(contacts))
    with fresh_store(tmp_path) as source, fresh_store(tmp_path) as target:
        fill(source, contacts, clock)
        path = Path(source.path.parent) / "out.vcf"
        path.write_text(write_vcards(full_contacts(source)))
        summary = import_file(target, "vcard", path, clock)
        assert not summary.rejected
        assert people(target) == people(source)


_line = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40).map(
    lambda s: s.replace("\r", "").replace("\n", ""))


@settings(max_examples=200, deadline=None)
@given(cards=st.lists(st.lists(_line, max_size=6), min_size=1, max_size=4))
def test_hostile_cards_are_each_imported_or_rejected_with_a_reason(cards) -> None:
    text = "".join("BEGIN:VCARD\r\nVERSION:3.0\r\n" + "".join(f"{line}\r\n" for line in card)
                   + "END:VCARD\r\n" for card in cards)
    try:
        parsed = parse_vcards(text.encode("utf-8"))
    except FileRefused:
        return
    assert all(r.reason for r in parsed.rejected)
    assert all(c.contact.display_name.strip() for c in parsed.candidates)
    assert len(parsed.candidates) + len(parsed.rejected) >= 1
