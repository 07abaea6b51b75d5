"""One name splitter for every path, one rule for suggesting people while a name is typed,
and a single given name proposed as a likely duplicate of the one person it fits (issue 14,
items 3-6)."""

from __future__ import annotations

import pytest

from netnet.core.duplicates import GIVEN_NAME, Person, find_duplicates
from netnet.core.names import name_matches, split_name


@pytest.mark.parametrize("whole, given, family", [
    ("Linda Marsh", "Linda", "Marsh"),
    ("Mary Ann Smith", "Mary Ann", "Smith"),
    ("Ludwig van Beethoven", "Ludwig", "van Beethoven"),
    ("Anna de la Cruz", "Anna", "de la Cruz"),
    ("Jan van der Berg", "Jan", "van der Berg"),
    ("Van Morrison", "Van", "Morrison"),
    ("Linda", "Linda", ""),
    ("Marsh, Linda", "Linda", "Marsh"),
    ("  Léa   Dubois ", "Léa", "Dubois"),
    ("", "", ""),
])
def test_split_name(whole: str, given: str, family: str) -> None:
    assert split_name(whole) == (given, family)


PEOPLE = [(1, "Linda Marsh"), (2, "Søren Kierkegaard"), (3, "Zoë Fischer"), (4, "Ana Ribeiro"),
          (5, "Maria Lindqvist")]


@pytest.mark.parametrize("typed, first", [
    ("linda", "Linda Marsh"), ("soren", "Søren Kierkegaard"), ("ZOE", "Zoë Fischer"),
    ("fischer", "Zoë Fischer"), ("ana rib", "Ana Ribeiro"), ("kegaard", "Søren Kierkegaard"),
    ("lind", "Linda Marsh"),
])
def test_people_are_matched_by_any_part_of_the_name_accents_and_case_aside(typed: str, first: str) -> None:
    found = name_matches(typed, PEOPLE)
    assert found and found[0][1] == first


def test_an_exact_name_comes_first_and_a_stranger_matches_nobody() -> None:
    assert [name for _, name in name_matches("lind", PEOPLE)] == ["Linda Marsh", "Maria Lindqvist"]
    assert name_matches("Linda Smith", PEOPLE) == []
    assert name_matches("", PEOPLE) == []


def test_a_single_given_name_pairs_with_the_one_person_of_that_name() -> None:
    pairs = find_duplicates([Person(1, "linda marsh"), Person(2, "linda"), Person(3, "ana ribeiro")])
    assert [(p.first, p.second, p.reason) for p in pairs] == [(1, 2, GIVEN_NAME)]


def test_a_single_given_name_shared_by_two_people_is_left_alone() -> None:
    assert find_duplicates([Person(1, "linda marsh"), Person(2, "linda"), Person(3, "linda berg")]) == []


def test_a_typed_person_sorts_by_family_name_and_exports_n(store, clock) -> None:
    from netnet.data.contacts import ContactInput, create_contact, get_contact, list_contacts
    from netnet.data.exports import full_contacts
    from netnet.io.vcard import write_vcards

    for name in ("Linda Marsh", "Dana Lee", "Ludwig van Beethoven", "Cher"):
        create_contact(store, ContactInput(display_name=name), clock)  # only the Name typed
    rows = list_contacts(store)
    assert [r.display_name for r in rows] == ["Cher", "Dana Lee", "Linda Marsh", "Ludwig van Beethoven"]
    beethoven = get_contact(store, rows[-1].id)
    assert (beethoven.given_name, beethoven.family_name) == ("Ludwig", "van Beethoven")
    text = write_vcards(full_contacts(store))
    assert "N:Marsh;Linda;;;" in text and "N:van Beethoven;Ludwig;;;" in text and "N:;;;;" not in text


def test_merge_proposals_pair_a_single_name_with_its_person(store, clock) -> None:
    from netnet.data.merge import duplicate_pairs
    from tests.builders import person

    linda = person(store, clock, "Linda Marsh")
    alone = person(store, clock, "linda")
    assert [(p.first, p.second) for p in duplicate_pairs(store)] == [(linda, alone)]
