"""The contact services: search, sort and filters, trash, forget, the contact page, merging."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netnet.data import contacts as svc
from netnet.data.contact_page import load_page
from netnet.data.contacts import ContactInput, ListQuery, Method
from netnet.data.merge import (
    MergeError,
    candidates,
    duplicate_pairs,
    last_merge,
    merge_contacts,
    undo_merge,
)

TODAY = date(2026, 11, 27)


def add(store, clock, name, **kw) -> int:
    given, _, family = name.rpartition(" ")
    kw.setdefault("given_name", given)
    kw.setdefault("family_name", family)
    return svc.create_contact(store, ContactInput(name, **kw), clock)


def names(rows) -> list[str]:
    return [r.display_name for r in rows]


def find(store, text: str, **kw) -> list[str]:
    rows, _ = svc.query_contacts(store, ListQuery(text=text, **kw), today=TODAY)
    return names(rows)


@pytest.fixture
def people(store, clock):
    ids = {
        "soren": add(store, clock, "Søren Kjær", organisation="Northwind"),
        "lucja": add(store, clock, "Łucja Wiśniewska", notes="met at the Gdańsk meetup"),
        "aesa": add(store, clock, "Æsa Strauß", title="C++ developer", tags=["foo-bar"]),
        "joe": add(store, clock, "Joe Okafor", methods=[Method("email", "joe@example.org"),
                                                        Method("phone", "+1 555 010 2233")]),
    }
    return ids


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("soren", ["Søren Kjær"]), ("SØREN", ["Søren Kjær"]), ("kjaer", ["Søren Kjær"]),
        ("lucja", ["Łucja Wiśniewska"]), ("wisniew", ["Łucja Wiśniewska"]), ("gdansk", ["Łucja Wiśniewska"]),
        ("aesa", ["Æsa Strauß"]), ("strauss", ["Æsa Strauß"]), ("ß", []),
        ("joe@example", ["Joe Okafor"]), ("5550102233", ["Joe Okafor"]), ("north", ["Søren Kjær"]),
    ],
)
def test_search_folds_accents_and_special_letters(people, store, typed, expected) -> None:
    if typed == "ß":  # folds to "ss", which begins no word here: an empty answer, not an error
        assert find(store, typed) == []
        return
    assert find(store, typed) == expected


@pytest.mark.parametrize("typed", ['c++', 'foo-bar', '"', '""', "AND", "OR", "NOT", "NEAR(", "near(a b",
                                   "*", "^", "a:b", "(", ")", "'", "-", "title:x", "\\"])
def test_fts_syntax_typed_by_a_user_never_raises(people, store, typed) -> None:
    rows, _ = svc.query_contacts(store, ListQuery(text=typed), today=TODAY)
    assert isinstance(rows, list)
    from netnet.core.text import words

    _sql, params = store.dialect.match_where(words(typed))
    assert all(str(value).count('"') % 2 == 0 for value in params.values())  # every word stays quoted


def test_operators_are_searched_as_words(people, store) -> None:
    assert find(store, "c++") == ["Æsa Strauß"]
    assert find(store, "foo-bar") == ["Æsa Strauß"]
    assert find(store, '"') == names(svc.list_contacts(store))
    add(store, svc.Clock(), "Andy Near", organisation="AND Partners")
    assert find(store, "AND") == ["Andy Near"]
    assert find(store, "NEAR(") == ["Andy Near"]


def test_search_reaches_interaction_notes_and_tags(people, store, clock) -> None:
    svc.log_interaction(store, people["joe"], "call", clock, notes="talked about the harbour project")
    assert find(store, "harbour proj") == ["Joe Okafor"]
    assert find(store, "foo") == ["Æsa Strauß"]


def test_a_typo_in_a_name_still_finds_the_person(people, store) -> None:
    rows, fuzzy = svc.query_contacts(store, ListQuery(text="sorne kjear"), today=TODAY)
    assert fuzzy and names(rows)[0] == "Søren Kjær"


def test_search_without_fts_uses_the_folded_text(people, store) -> None:
    store.has_fts = False
    assert find(store, "soren") == ["Søren Kjær"]
    assert find(store, "c++") == ["Æsa Strauß"]
    assert find(store, "100%_") == []


def test_trashed_contacts_are_not_found(people, store, clock) -> None:
    svc.trash_contacts(store, [people["soren"]], clock)
    assert find(store, "soren") == []
    assert find(store, "soren", trash=True) == ["Søren Kjær"]


def test_sort_by_name_last_interaction_and_most_overdue(store, clock) -> None:
    now = clock.now()
    a = add(store, clock, "Ann Able", circle="friend")          # 45/90
    b = add(store, clock, "Bea Bold", circle="family")          # 30/60
    c = add(store, clock, "Cy Calm")                            # no circle: no cadence
    svc.log_interaction(store, a, "call", clock, when=now - timedelta(days=50))   # 5 past ideal
    svc.log_interaction(store, b, "call", clock, when=now - timedelta(days=100))  # 70 past ideal
    svc.log_interaction(store, c, "call", clock, when=now - timedelta(days=1))
    def order(sort, **kw):
        return names(svc.query_contacts(store, ListQuery(sort=sort, **kw), today=TODAY)[0])
    assert order("name") == ["Ann Able", "Bea Bold", "Cy Calm"]
    assert order("last") == ["Cy Calm", "Ann Able", "Bea Bold"]
    assert order("overdue") == ["Bea Bold", "Ann Able", "Cy Calm"]
    assert names(svc.losing_touch(store, today=TODAY)) == ["Bea Bold", "Ann Able"]
    # The clock restarts at the last interaction.
    svc.log_interaction(store, b, "checkin", clock)
    assert names(svc.losing_touch(store, today=TODAY)) == ["Ann Able"]
    # Settings change the defaults.
    assert names(svc.losing_touch(store, today=TODAY, defaults={"friend": (60, 120)})) == []


def test_filters_by_circle_tag_and_connector(store, clock) -> None:
    add(store, clock, "Ann Able", circle="friend", tags=["climbing"])
    add(store, clock, "Father Bo", circle="organisation", connector_role="clergy")
    add(store, clock, "Cy Calm", circle="friend", connector_role="retail", tags=["climbing"])
    assert find(store, "", circle="friend") == ["Ann Able", "Cy Calm"]
    assert find(store, "", tag="climbing") == ["Ann Able", "Cy Calm"]
    assert find(store, "", connector=True) == ["Father Bo", "Cy Calm"]
    assert find(store, "", circle="friend", connector=True, tag="climbing") == ["Cy Calm"]
    assert find(store, "cy", circle="organisation") == []
    assert svc.all_tags(store) == [("climbing", 2)]
    assert ListQuery(circle="friend", connector=True).describe() == "circle: friend, connectors ★"


def test_trash_restore_and_empty(people, store, clock) -> None:
    svc.trash_contacts(store, [people["soren"], people["joe"]], clock)
    assert svc.count_contacts(store) == 2 and svc.count_trash(store) == 2
    svc.restore_contacts(store, [people["joe"]])
    assert svc.count_trash(store) == 1
    assert svc.empty_trash(store) == 1
    assert svc.get_contact(store, people["soren"]) is None
    assert svc.get_contact(store, people["joe"]) is not None


def test_forget_removes_every_trace_including_the_search_index(people, store, clock) -> None:
    intro = add(store, clock, "Zed Zero", introduced_by_id=people["lucja"])
    svc.log_interaction(store, people["lucja"], "call", clock, notes="secret topic")
    svc.forget_contact(store, people["lucja"])
    assert svc.get_contact(store, people["lucja"]) is None
    assert find(store, "lucja") == [] and find(store, "secret") == []
    with store.read() as conn:
        if store.dialect.name == "sqlite":  # SQLite's own search index forgets the words too
            assert conn.execute("SELECT count(*) FROM contact_fts WHERE contact_fts MATCH 'lucja'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM interaction WHERE notes LIKE '%secret%'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM contact WHERE search_text LIKE '%lucja%'").fetchone()[0] == 0
    assert svc.get_contact(store, intro).introduced_by_id is None


def test_contact_page_gathers_chain_targets_interviews_and_followups(demo_store) -> None:
    ids = {r.display_name: r.id for r in svc.list_contacts(demo_store)}
    page = load_page(demo_store, ids["Carlos Mendes"])
    assert [link.name for link in page.chain] == ["Joe Okafor", "Maria Lindqvist"]
    maria = load_page(demo_store, ids["Maria Lindqvist"])
    assert [link.name for link in maria.chain] == ["Joe Okafor"]
    assert {link.name for link in maria.introduced} == {"Carlos Mendes", "Søren Kjær"}
    joe = load_page(demo_store, ids["Joe Okafor"])
    assert joe.chain == []
    assert [(link.name, link.depth) for link in joe.introduced][0] == ("Maria Lindqvist", 1)
    assert {link.name for link in joe.introduced if link.depth == 2} == {"Carlos Mendes", "Søren Kjær"}
    assert [t.stage for t in maria.targets] == ["interviewed"]
    assert maria.interviews and maria.interviews[0].status == "done"
    assert any("Thank Maria" in f.title for f in maria.followups)
    assert maria.followups[0].status == "open"
    times = [i.occurred_at for i in maria.timeline]
    assert times == sorted(times, reverse=True) and maria.timeline[0].kind == "interview"
    assert maria.asks and maria.asks[0].introduced_name == "Carlos Mendes"
    assert load_page(demo_store, 999999) is None


def test_chain_survives_a_loop_made_by_hand(store, clock) -> None:
    a = add(store, clock, "Ann Able")
    b = add(store, clock, "Bea Bold", introduced_by_id=a)
    with store.write() as conn:
        conn.execute("UPDATE contact SET introduced_by_id = :b WHERE id = :a", {"b": b, "a": a})
    assert [link.name for link in load_page(store, a).chain] == ["Bea Bold"]
    assert [link.name for link in load_page(store, a).introduced] == ["Bea Bold"]


def test_duplicates_come_from_the_store(store, clock) -> None:
    a = add(store, clock, "Ann Lee", methods=[Method("email", "Ann@Example.org")])
    b = add(store, clock, "A. Lee", methods=[Method("email", "ann@example.org ")])
    c = add(store, clock, "Maria Lindqvist", organisation="Harbour Health")
    d = add(store, clock, "Maria Lindquist", organisation="harbour health")
    pairs = {(p.first, p.second) for p in duplicate_pairs(store)}
    assert pairs == {(a, b), (c, d)}
    found = candidates(store)
    assert found[0].first.display_name == "Ann Lee" and found[0].first.handles == ["Ann@Example.org"]
    svc.trash_contacts(store, [d], clock)
    assert {(p.first, p.second) for p in duplicate_pairs(store)} == {(a, b)}


def test_merge_keeps_everything_and_undo_restores_both(demo_store, clock) -> None:
    store = demo_store
    ids = {r.display_name: r.id for r in svc.list_contacts(store)}
    maria = ids["Maria Lindqvist"]
    twin = add(store, clock, "Maria Lindquist", organisation="Harbour Health", title="Data Lead",
               circle="friend", nickname="Mia", notes="Loves sailing.", tags=["sailing", "data"],
               methods=[Method("email", "MARIA.LINDQVIST@harbourhealth.example"),
                        Method("phone", "555 0199"), Method("link", "https://linkedin.com/in/maria")])
    svc.log_interaction(store, twin, "meeting", clock, notes="Coffee by the docks")
    with store.write() as conn:
        conn.execute("UPDATE contact SET introduced_by_id = :twin WHERE id = :tom", {"twin": twin, "tom": ids["Tom Becker"]})
        conn.execute("INSERT INTO followup (uuid, kind, title, due_date, contact_id, created_at, updated_at) "
                     "VALUES ('f-twin', 'manual', 'Send Mia the article', '2026-12-01', :twin, 'x', 'x')",
                     {"twin": twin})
    before = load_page(store, maria)
    before_count = svc.count_contacts(store)

    record = merge_contacts(store, maria, twin, clock)
    after = load_page(store, maria)
    d = after.detail
    assert svc.count_contacts(store) == before_count - 1
    assert d.nickname == "Mia" and d.circle == "coworker" and d.title == "Head of Data"
    assert "Loves sailing." in d.notes and "title: Data Lead" in d.notes and "also known as Maria Lindquist" in d.notes
    assert d.emails == ["maria.lindqvist@harbourhealth.example"]  # same address, kept once
    assert "555 0199" in d.phones and any(m.kind == "link" for m in d.methods)
    assert set(d.tags) == {"data", "sailing"}
    assert len(after.timeline) == len(before.timeline) + 1
    assert any(f.title == "Send Mia the article" for f in after.followups)
    assert "Tom Becker" in {link.name for link in after.introduced}
    assert d.last_interaction_at == clock.now()
    assert find(store, "sailing") == ["Maria Lindqvist"]
    assert find(store, "", trash=True) == []  # a merged record is not in the trash
    assert last_merge(store) == record

    undo_merge(store, record, clock)
    restored = load_page(store, maria)
    assert restored.detail.notes == before.detail.notes and restored.detail.nickname == ""
    assert restored.detail.methods == before.detail.methods and restored.detail.tags == before.detail.tags
    assert len(restored.timeline) == len(before.timeline)
    assert restored.detail.last_interaction_at == before.detail.last_interaction_at
    twin_page = load_page(store, twin)
    assert twin_page.detail.deleted_at is None and len(twin_page.timeline) == 1
    assert any(f.title == "Send Mia the article" for f in twin_page.followups)
    assert svc.get_contact(store, ids["Tom Becker"]).introduced_by_id == twin
    assert svc.count_contacts(store) == before_count
    assert last_merge(store) is None
    with pytest.raises(MergeError):
        undo_merge(store, record, clock)


def test_merge_refuses_itself_and_the_trash(store, clock) -> None:
    a = add(store, clock, "Ann Able")
    b = add(store, clock, "Ann Able")
    with pytest.raises(MergeError):
        merge_contacts(store, a, a, clock)
    svc.trash_contacts(store, [b], clock)
    with pytest.raises(MergeError):
        merge_contacts(store, a, b, clock)


def test_merge_when_one_introduced_the_other(store, clock) -> None:
    a = add(store, clock, "Ann Able")
    b = add(store, clock, "Ann Able", introduced_by_id=a)
    merge_contacts(store, b, a, clock)
    assert svc.get_contact(store, b).introduced_by_id is None


def test_undo_brings_back_the_last_deletion_then_the_one_before(people, store, clock) -> None:
    svc.trash_contacts(store, [people["soren"]], clock)
    clock.advance(5)
    svc.trash_contacts(store, [people["joe"], people["aesa"]], clock)
    assert svc.restore_last_deleted(store) == ["Joe Okafor", "Æsa Strauß"]
    assert svc.restore_last_deleted(store) == ["Søren Kjær"]
    assert svc.restore_last_deleted(store) == []
    assert svc.count_contacts(store) == 4


def test_most_overdue_first_puts_overdue_before_due(store, clock) -> None:
    """Issue 14, item 23: "‼ overdue" (past the maximum) comes before "! due", however many days."""
    now = clock.now()
    due = add(store, clock, "Ada Due", circle="friend", ideal_days=30, max_days=400)
    late = add(store, clock, "Bo Late", circle="friend", ideal_days=7, max_days=14)
    svc.log_interaction(store, due, "call", clock, when=now - timedelta(days=200))   # 170 past ideal, ! due
    svc.log_interaction(store, late, "call", clock, when=now - timedelta(days=20))   # 13 past ideal, ‼ overdue
    assert names(svc.losing_touch(store, today=TODAY)) == ["Bo Late", "Ada Due"]


def test_every_link_to_a_contact_moves_on_merge_or_is_named_as_not_moving() -> None:
    """A table that points at contacts (a new one, say) must say what a merge does with it."""
    from netnet.data import merge
    from netnet.data.schema import metadata

    handled_elsewhere = {
        ("contact", "merged_into_id"),  # the merge itself
        ("contact_method", "contact_id"), ("contact_tag", "contact_id"),  # merged field by field
        ("merge_record", "kept_id"), ("merge_record", "merged_id"),  # the record of the merge
    }
    links = {(table.name, fk.parent.name) for table in metadata().sorted_tables
             for fk in table.foreign_keys if fk.column.table.name == "contact"}
    assert links - handled_elsewhere == set(merge._MOVED)


def test_merge_moves_the_source_of_an_opportunity(store, clock) -> None:
    from netnet.data import opportunities

    a = add(store, clock, "Ann Able")
    b = add(store, clock, "Ann Able")
    oid = opportunities.add_opportunity(store, opportunities.OpportunityInput("Analyst", source_contact_id=b), clock)
    record = merge_contacts(store, a, b, clock)
    assert opportunities.get_opportunity(store, oid).source_contact_id == a
    undo_merge(store, record, clock)
    assert opportunities.get_opportunity(store, oid).source_contact_id == b
