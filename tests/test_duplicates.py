"""Duplicate detection: shared handles, similar names at the same organisation, and speed by blocking."""

from __future__ import annotations

import random
import time

from netnet.core.duplicates import (
    SAME_EMAIL,
    SAME_NAME,
    SAME_PHONE,
    SAME_PROFILE,
    SIMILAR_NAME,
    Person,
    find_duplicates,
)


def test_same_email_is_proposed() -> None:
    pairs = find_duplicates([
        Person(1, "ann lee", "acme", (("email", "ann@acme.example"),)),
        Person(2, "a lee", "", (("email", "ann@acme.example"),)),
        Person(3, "bob stone", "acme", (("email", "bob@acme.example"),)),
    ])
    assert [(p.first, p.second, p.reason) for p in pairs] == [(1, 2, SAME_EMAIL)]


def test_same_phone_and_linkedin_profile() -> None:
    pairs = find_duplicates([
        Person(1, "x", "", (("phone", "5550102233"),)),
        Person(2, "y", "", (("phone", "5550102233"),)),
        Person(3, "p", "", (("link", "linkedin.com/in/pat"),)),
        Person(4, "q", "", (("link", "linkedin.com/in/pat"),)),
    ])
    assert {(p.first, p.second, p.reason) for p in pairs} == {(1, 2, SAME_PHONE), (3, 4, SAME_PROFILE)}


def test_short_handles_are_not_evidence() -> None:
    assert find_duplicates([Person(1, "a", "", (("phone", "12"),)), Person(2, "b", "", (("phone", "12"),))]) == []


def test_similar_names_at_the_same_organisation() -> None:
    pairs = find_duplicates([
        Person(1, "maria lindqvist", "harbour health"),
        Person(2, "maria lindquist", "harbour health"),
        Person(3, "maria lindquist", "other place"),
        Person(4, "mark lind", "harbour health"),
    ])
    assert [(p.first, p.second, p.reason) for p in pairs] == [(1, 2, SIMILAR_NAME)]
    assert 88 <= pairs[0].score < 100


def test_word_order_does_not_hide_a_duplicate() -> None:
    pairs = find_duplicates([Person(1, "kjaer soren", "northwind"), Person(2, "soren kjaer", "northwind")])
    assert len(pairs) == 1 and pairs[0].score == 100


def test_same_name_when_one_has_no_organisation() -> None:
    pairs = find_duplicates([Person(5, "joe okafor", ""), Person(9, "joe okafor", "harbour health"),
                             Person(11, "joe okafor", "elsewhere")])
    assert {(p.first, p.second, p.reason) for p in pairs} == {(5, 9, SAME_NAME), (5, 11, SAME_NAME)}


def test_different_people_with_the_same_name_at_different_organisations_are_left_alone() -> None:
    assert find_duplicates([Person(1, "john smith", "acme"), Person(2, "john smith", "globex")]) == []


def test_each_pair_is_proposed_once_with_the_strongest_reason() -> None:
    pairs = find_duplicates([
        Person(1, "ann lee", "acme", (("email", "ann@acme.example"),)),
        Person(2, "ann lee", "acme", (("email", "ann@acme.example"),)),
    ])
    assert [(p.first, p.second, p.reason) for p in pairs] == [(1, 2, SAME_EMAIL)]


def test_fast_enough_at_thirty_thousand_contacts() -> None:
    """Blocking keeps this far from 450 million comparisons (timed, not asserted)."""
    rng = random.Random(7)
    first = ["ann", "bob", "carla", "dev", "emma", "farid", "gita", "hugo", "ines", "jon"]
    letters = "abcdefghijklmnopqrstuvwxyz"
    last = ["".join(rng.choice(letters) for _ in range(7)) for _ in range(3000)]
    orgs = [f"org{n}" for n in range(400)] + ["bigcorp"] * 50
    people = [
        Person(i, f"{rng.choice(first)} {rng.choice(last)}", rng.choice(orgs),
               (("email", f"user{i}@example.org"),))
        for i in range(30000)
    ]
    people.append(Person(30000, people[0].name, people[0].organisation, (("email", "user0@example.org"),)))
    started = time.perf_counter()
    pairs = find_duplicates(people)
    elapsed = time.perf_counter() - started
    print(f"find_duplicates on 30,001 people: {elapsed * 1000:.0f} ms, {len(pairs)} pairs")
    assert any(p.first == 0 and p.second == 30000 and p.reason == SAME_EMAIL for p in pairs)
