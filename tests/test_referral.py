"""Referral ranking: who could introduce me, in a clear expected order, with reasons in words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from netnet.core.referral import Candidate, TargetSpec, rank, same_organisation, search_words

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


TARGET = TargetSpec("title", job_title="Clinical Data Analyst", organisation="Harbour Health",
                    field="healthcare")

PEOPLE = [
    Candidate(1, "Stranger Danger", "Acme", "Welder", "metalwork"),
    Candidate(2, "Insider Ida", "Harbour Health Inc.", "Recruiter", "healthcare"),
    Candidate(3, "Field Fred", "Other Hospital", "Nurse", "healthcare"),
    Candidate(4, "Pastor Paul", "St. Mark's", "Pastor", "community", "organisation", "clergy"),
    Candidate(5, "Sister Sue", "", "Retired", "", "family"),
    Candidate(6, "Recent Rita", "Shop", "Clerk", "retail-ish", None, None, ago(3)),
    Candidate(7, "Analyst Ann", "Bank", "Data Analyst", "finance"),
    Candidate(8, "Old Olga", "Shop", "Clerk", "", None, None, ago(400)),
]


def test_expected_order_and_reasons_in_words() -> None:
    ranked = rank(TARGET, PEOPLE, NOW)
    assert [s.candidate.name for s in ranked] == [
        "Insider Ida",   # same organisation (50) + same field (20)
        "Field Fred",    # same field (20)
        "Analyst Ann",   # title words (15): ties with the connector, first by name
        "Pastor Paul",   # connector (15)
        "Sister Sue",    # close tie (12)
        "Recent Rita",   # in touch 3 days ago (10)
    ]
    ida = ranked[0]
    assert ida.reason_text == "works at Harbour Health Inc. · same field (healthcare)"
    assert ranked[2].reason_text == "similar title (Data Analyst)"
    assert ranked[3].reason_text == "a connector (clergy)"
    assert ranked[4].reason_text == "close tie (family)"
    assert ranked[5].reason_text == "in touch 3 days ago"


def test_no_reason_no_suggestion() -> None:
    names = {s.candidate.name for s in rank(TARGET, PEOPLE, NOW)}
    assert "Stranger Danger" not in names and "Old Olga" not in names


def test_recency_breaks_ties_then_name() -> None:
    target = TargetSpec("organisation", organisation="Northwind")
    people = [
        Candidate(1, "B Friend", circle="friend", last_interaction_at=ago(60)),
        Candidate(2, "A Friend", circle="friend", last_interaction_at=ago(60)),
        Candidate(3, "C Friend", circle="friend", last_interaction_at=ago(50)),
        Candidate(4, "D Friend", circle="friend", last_interaction_at=ago(20)),
    ]
    ranked = rank(target, people, NOW)
    # D is in touch within 30 days (12 + 10); the others score 12 + 5, C most recent, then A, B by name
    assert [s.candidate.name for s in ranked] == ["D Friend", "C Friend", "A Friend", "B Friend"]
    assert ranked[1].reason_text == "close tie (friend) · in touch 7 weeks ago"


def test_already_asked_go_last_and_the_target_itself_is_never_suggested() -> None:
    target = TargetSpec("person", person_name="Carlos Mendes", organisation="Harbour Health", contact_id=9)
    people = [
        Candidate(9, "Carlos Mendes", "Harbour Health", "Director"),
        Candidate(2, "Insider Ida", "Harbour Health", "Recruiter"),
        Candidate(3, "Joe Friend", "Harbour Health", "Porter", circle="friend"),
        Candidate(4, "Dup Carlos", "Harbour Health"),
    ]
    ranked = rank(target, people, NOW, asked={3: "pending"})
    assert [s.candidate.name for s in ranked] == ["Dup Carlos", "Insider Ida", "Joe Friend"]
    assert ranked[-1].asked == "pending"


def test_person_named_like_the_target_is_skipped_even_without_a_link() -> None:
    target = TargetSpec("person", person_name="Søren Kjær", organisation="Northwind")
    people = [Candidate(1, "Soren Kjaer", "Northwind"), Candidate(2, "Jan", "Northwind")]
    assert [s.candidate.name for s in rank(target, people, NOW)] == ["Jan"]


def test_organisation_matching_ignores_suffixes_and_accents() -> None:
    assert same_organisation("Harbour Health", "harbour health inc")
    assert same_organisation("The Café Group", "Cafe")
    assert same_organisation("Northwind", "Northwind Analytics")
    assert not same_organisation("Northwind", "Southwind")
    assert not same_organisation("", "Anything")


def test_search_words_are_significant_and_folded() -> None:
    assert search_words(TARGET) == ["harbour", "health", "analyst", "clinical", "data", "healthcare"]
    assert search_words(TargetSpec("title", job_title="Head of Data")) == ["data"]


def test_limit() -> None:
    people = [Candidate(i, f"Friend {i:02}", circle="friend") for i in range(80)]
    assert len(rank(TARGET, people, NOW)) == 50
    assert len(rank(TARGET, people, NOW, limit=None)) == 80
