"""Imports write new people in batches while the file is read (``imports.BATCH`` at a time).

A later row of the same file naming someone already written must fold into
them exactly as into someone still waiting: the same contacts, the same
counts, the same undo, whatever the distance between the two rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netnet.data import imports
from netnet.data.contacts import ContactInput, Method, insert_contact, search_ids
from netnet.data.undo import undo_last_import
from netnet.importing import import_file

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "Full Name,E-mail,Phone,Company,Job Title,Notes,Tags"
FAR = 5000  # rows in the far files: the first and the last are 2,000+ rows apart


def _filler(n: int) -> str:
    return f"Filler Person {n},filler{n}@people.example,,Co {n % 7},,,"


def _csv(path: Path, first: str, last: str, *, near: bool, extra: tuple[str, ...] = ()) -> Path:
    """``first`` on row 1 and ``last`` on row FAR (far) or row 2 (near), fillers between."""
    fillers = [_filler(n) for n in range(2, FAR)]
    rows = [first, last, *fillers] if near else [first, *fillers, last]
    path.write_text("\n".join([HEADER, *rows, *extra]) + "\n", encoding="utf-8")
    return path


def _state(store) -> dict:
    """Everything an import writes, by name and without ids, uuids or times."""
    with store.read() as conn:
        names = {row.id: row.display_name for row in conn.execute("SELECT id, display_name FROM contact")}
        contacts = {}
        for row in conn.execute(
            "SELECT id, display_name, given_name, family_name, nickname, sort_key, organisation, title, field, "
            "birthday, notes, search_text, vcard_extra, version, introduced_by_id, deleted_at FROM contact"
        ):
            values = dict(row._mapping)
            cid = values.pop("id")
            values["introduced_by"] = names.get(values.pop("introduced_by_id"))
            values["methods"] = [tuple(m._mapping.values()) for m in conn.execute(
                "SELECT kind, label, value, norm, position FROM contact_method WHERE contact_id = :id "
                "ORDER BY kind, position", {"id": cid})]
            values["tags"] = sorted(t.tag for t in conn.execute(
                "SELECT tag FROM contact_tag WHERE contact_id = :id", {"id": cid}))
            values["interactions"] = sorted(tuple(i._mapping.values()) for i in conn.execute(
                "SELECT kind, occurred_at, notes FROM interaction WHERE contact_id = :id", {"id": cid}))
            assert values["display_name"] not in contacts, "the files here name each person once"
            contacts[values["display_name"]] = values
        changes = sorted((names.get(c.contact_id, "(removed)"), c.action) for c in conn.execute(
            "SELECT contact_id, action FROM import_change"))
        batches = conn.execute("SELECT count(*) AS n FROM import_batch WHERE undone_at IS NULL").fetchone().n
    return {"contacts": contacts, "changes": changes, "batches": batches}


def _counts(summary) -> tuple:
    return summary.created, summary.updated, summary.skipped, [r.place for r in summary.rejected]


def _import_both(tmp_path: Path, first: str, last: str, clock, store_factory, **kwargs):
    """Import the near and the far file into fresh stores; their summaries and states."""
    results = []
    for near in (True, False):
        store = store_factory(tmp_path / ("near" if near else "far"))
        path = _csv(tmp_path / f"{'near' if near else 'far'}.csv", first, last, near=near, **kwargs)
        summary = import_file(store, "csv", path, clock)
        results.append((store, path, summary, _state(store)))
    return results


@pytest.fixture
def store_factory():
    from netnet.data.store import Store

    opened = []

    def make(folder: Path):
        folder.mkdir()
        store = Store(folder / "netnet.db")
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


def test_a_duplicate_by_email_far_apart_folds_as_one_nearby(tmp_path, clock, store_factory) -> None:
    first = "Ada Lovelace,ada@engines.example,,,,,maths"
    last = "Ada Lovelace,ADA@engines.example,+44 20 7946 0018,Analytical Engines,Countess,Wrote the notes,poetry"
    (_s1, _p1, near, near_state), (store, path, far, far_state) = _import_both(
        tmp_path, first, last, clock, store_factory)
    assert _counts(far) == _counts(near) == (FAR - 1, 1, 0, [])
    assert far_state == near_state
    ada = far_state["contacts"]["Ada Lovelace"]
    assert (ada["organisation"], ada["title"], ada["notes"], ada["version"]) == (
        "Analytical Engines", "Countess", "Wrote the notes", 1)
    assert [m[:3] for m in ada["methods"]] == [("email", "", "ada@engines.example"),
                                              ("phone", "", "+44 20 7946 0018")]
    assert ada["tags"] == ["maths", "poetry"]
    assert "analytical" in ada["search_text"] and "442079460018" in ada["search_text"]
    assert far_state["changes"].count(("Ada Lovelace", "created")) == 1
    # the search index holds every batch, and Ada as the later row left her
    assert len(search_ids(store, "Countess Analytical maths poetry")) == 1
    for n in (600, 1999, 2500, 4001, FAR - 1):  # from 500 on no other filler begins with the same digits
        assert len(search_ids(store, f"filler{n}@people.example")) == 1

    again = import_file(store, "csv", path, clock)  # the same file twice changes nothing
    assert _counts(again) == (0, 0, FAR, [])
    assert _state(store)["contacts"] == far_state["contacts"]
    undone = undo_last_import(store, clock)  # the same file again left no batch: this is the import
    assert (undone.removed, undone.restored, undone.kept) == (FAR - 1, 0, 0)
    assert _state(store)["contacts"] == {}


def test_a_duplicate_by_name_far_apart_folds_as_one_nearby(tmp_path, clock, store_factory) -> None:
    first = "Grace Hopper,,,US Navy,,,"
    last = "Grace Hopper,,,US Navy,Rear Admiral,Wrote the first compiler,compilers"
    (_s1, _p1, near, near_state), (store, path, far, far_state) = _import_both(
        tmp_path, first, last, clock, store_factory)
    assert _counts(far) == _counts(near) == (FAR - 1, 1, 0, [])
    assert far_state == near_state
    grace = far_state["contacts"]["Grace Hopper"]
    assert (grace["title"], grace["notes"], grace["tags"], grace["version"]) == (
        "Rear Admiral", "Wrote the first compiler", ["compilers"], 1)
    assert _counts(import_file(store, "csv", path, clock)) == (0, 0, FAR, [])
    assert _state(store)["contacts"] == far_state["contacts"]


def test_a_far_duplicate_that_brings_nothing_new_is_skipped(tmp_path, clock, store_factory) -> None:
    row = "Lin Okafor,lin@okafor.example,+1 555 0100 200,Okafor Labs,Chemist,,lab"
    (_s1, _p1, near, near_state), (_s2, _p2, far, far_state) = _import_both(
        tmp_path, row, row, clock, store_factory)
    assert _counts(far) == _counts(near) == (FAR - 1, 0, 1, [])
    assert far_state == near_state


def test_undo_restores_a_known_contact_and_removes_far_folded_ones(tmp_path, clock, store) -> None:
    with store.write() as conn:
        insert_contact(conn, ContactInput(display_name="Charles Babbage", organisation="Cambridge",
                                          methods=[Method("email", "charles@engines.example")], tags=["maths"]),
                       clock.now())
    before = _state(store)
    babbage = "Charles Babbage,charles@engines.example,,Analytical Engines,Inventor,,engines"
    path = _csv(tmp_path / "far.csv", "Ada Lovelace,ada@engines.example,,,,,",
                "Ada Lovelace,ada@engines.example,+44 20 7946 0018,,Countess,,", near=False, extra=(babbage,))
    dry = import_file(store, "csv", path, clock, dry_run=True)
    assert _state(store) == before  # the dry run wrote nothing, not even its batch
    summary = import_file(store, "csv", path, clock)
    assert _counts(dry) == _counts(summary) == (FAR - 1, 2, 0, [])
    after = _state(store)["contacts"]
    assert (after["Charles Babbage"]["organisation"], after["Charles Babbage"]["version"]) == (
        "Analytical Engines", 2)
    assert after["Ada Lovelace"]["title"] == "Countess"
    undone = undo_last_import(store, clock)
    assert (undone.removed, undone.restored, undone.kept) == (FAR - 1, 1, 0)
    restored = _state(store)["contacts"]
    assert {name: {k: v for k, v in c.items() if k != "version"} for name, c in restored.items()} == {
        name: {k: v for k, v in c.items() if k != "version"} for name, c in before["contacts"].items()}


VCARDS = """BEGIN:VCARD
VERSION:3.0
FN:Tilly Marsh
EMAIL:tilly@marsh.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Otto Reed
EMAIL:otto@reed.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Tilly Marsh
EMAIL:tilly@marsh.example
TEL;TYPE=CELL:+49 170 1234567
ORG:Marsh & Fen
X-SOCIALPROFILE;TYPE=mastodon:https://social.example/@tilly
CATEGORIES:friends
NOTE:Met at the fen
END:VCARD
"""

LINKEDIN = """First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ada,Quill,https://www.linkedin.com/in/ada-quill,,,,
Bo,Reed,https://www.linkedin.com/in/bo-reed,,Reed Co,Engineer,01 Feb 2020
Ada,Quill,https://www.linkedin.com/in/ada-quill,ada@quill.example,Quill Ink,Scribe,12 Mar 2024
Bo,Reed,https://www.linkedin.com/in/bo-reed,bo@reed.example,Reed Co,Engineer,03 Mar 2021
"""


@pytest.mark.parametrize("kind,name", [
    ("vcard", "cards.vcf"), ("vcard", "android_21.vcf"), ("vcard", "cards_40.vcf"), ("csv", "generic.csv"),
    ("csv", "google_contacts.csv"), ("csv", "outlook_contacts.csv"), ("csv", "thunderbird_contacts.csv"),
    ("linkedin", "linkedin_connections.csv"), ("vcard", VCARDS), ("linkedin", LINKEDIN),
], ids=lambda value: value if "\n" not in value else "made")
def test_a_batch_of_one_gives_what_one_batch_gives(kind, name, tmp_path, clock, store_factory,
                                                   monkeypatch) -> None:
    """Every fold through a read-back (a batch of one) matches the fold in memory."""
    if "\n" in name:
        path = tmp_path / ("made.vcf" if kind == "vcard" else "made.csv")
        path.write_text(name, encoding="utf-8")
    else:
        path = FIXTURES / name
    results = []
    for run, batch in enumerate((imports.BATCH, 1)):
        monkeypatch.setattr(imports, "BATCH", batch)
        store = store_factory(tmp_path / f"run{run}")
        first = import_file(store, kind, path, clock)
        again = import_file(store, kind, path, clock)
        results.append((_counts(first), _counts(again), _state(store)))
    assert results[0] == results[1]
    assert results[0][1][:2] == (0, 0)  # importing the same file twice changes nothing


def test_known_contacts_changed_by_far_apart_rows_are_written_once(tmp_path, clock, store_factory,
                                                                 monkeypatch) -> None:
    """A known contact written with one batch and changed again by a later row keeps one new
    version and one change row, so undo restores it; the same as with every change in memory."""
    people = [f"Known Person {n},known{n}@people.example,,Co {n % 5},,," for n in range(FAR)]
    base = tmp_path / "base.csv"
    base.write_text("\n".join([HEADER, *people]) + "\n", encoding="utf-8")
    changed = [f"Known Person {n},known{n}@people.example,,Co {n % 5},Title {n},," for n in range(FAR)]
    changed.insert(0, "Known Person 4999,known4999@people.example,+1 555 0100 999,,Boss,,first")
    changed.append("Known Person 0,known0@people.example,+1 555 0100 000,,,Seen again,last")
    update = tmp_path / "update.csv"
    update.write_text("\n".join([HEADER, *changed]) + "\n", encoding="utf-8")
    results = []
    for run, batch in enumerate((imports.BATCH, 300)):
        monkeypatch.setattr(imports, "BATCH", batch)
        store = store_factory(tmp_path / f"run{run}")
        import_file(store, "csv", base, clock)
        before = _state(store)
        summary = import_file(store, "csv", update, clock)
        after = _state(store)
        again = import_file(store, "csv", update, clock)
        assert _counts(again) == (0, 0, FAR + 2, [])
        undone = undo_last_import(store, clock)  # the unchanged re-import left no batch: this is the update
        assert (undone.removed, undone.restored, undone.kept) == (0, FAR, 0)
        assert {n: {k: v for k, v in c.items() if k != "version"} for n, c in _state(store)["contacts"].items()} \
            == {n: {k: v for k, v in c.items() if k != "version"} for n, c in before["contacts"].items()}
        results.append((_counts(summary), after))
    assert results[0] == results[1]
    counts, after = results[1]
    assert counts == (0, FAR + 1, 1, [])
    zero, last = after["contacts"]["Known Person 0"], after["contacts"]["Known Person 4999"]
    assert (zero["title"], zero["notes"], zero["tags"], zero["version"]) == ("Title 0", "Seen again", ["last"], 2)
    assert (last["title"], last["tags"], last["version"]) == ("Boss", ["first"], 2)  # only the first row refreshes
    assert after["changes"].count(("Known Person 0", "updated")) == 1
