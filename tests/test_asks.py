"""The ask in plain words, adapted to the target, and the 3B7 schedule."""

from __future__ import annotations

from datetime import date

import pytest

from netnet.core.asks import (
    AskRefused,
    ask_question,
    check_can_ask,
    draft_ask,
    first_name,
    schedule_3b7,
)
from netnet.core.referral import TargetSpec

FRIDAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("target", "question"),
    [
        (TargetSpec("title", job_title="Clinical Data Analyst"),
         "Do you happen to know anyone who works as a clinical data analyst?"),
        (TargetSpec("title", job_title="Engineering Manager", organisation="Kestrel Software"),
         "Do you happen to know anyone who works as an engineering manager at Kestrel Software?"),
        (TargetSpec("organisation", organisation="Northwind Analytics"),
         "Do you happen to know anyone who works at Northwind Analytics?"),
        (TargetSpec("organisation", field="child protective services"),
         "Do you happen to know anyone who works in child protective services?"),
        (TargetSpec("title", job_title="CTO", organisation="Northwind"),
         "Do you happen to know anyone who works as a CTO at Northwind?"),
        (TargetSpec("person", person_name="Carlos Mendes", job_title="Director of Analytics",
                    organisation="Harbour Health"),
         "Do you happen to know Carlos Mendes, director of analytics at Harbour Health, "
         "or anyone who could put me in touch with them?"),
        (TargetSpec("person", person_name="Mei Chen"),
         "Do you happen to know Mei Chen, or anyone who could put me in touch with them?"),
    ],
)
def test_question_adapts_to_the_target(target: TargetSpec, question: str) -> None:
    assert ask_question(target) == question


def test_draft_greets_by_first_name_and_names_the_goal() -> None:
    text = draft_ask(TargetSpec("organisation", organisation="Northwind Analytics"), "Joe Okafor",
                     "Move into healthcare analytics.")
    assert text.startswith("Hi Joe,\n")
    assert "matters to me: move into healthcare analytics." in text
    assert "Do you happen to know anyone who works at Northwind Analytics?" in text
    assert first_name("Father Tomás Rivera") == "Father Tomás"
    assert first_name("") == "there"


def test_3b7_skips_the_weekend_from_a_friday() -> None:
    target = TargetSpec("title", job_title="Clinical Data Analyst")
    plan = schedule_3b7(FRIDAY, "Amara Nwosu", target, next_name="Joe Okafor")
    assert [(p.kind, p.due_date) for p in plan] == [
        ("referral_next", date(2026, 12, 2)),   # Wednesday: Mon, Tue, Wed
        ("referral_nudge", date(2026, 12, 8)),  # Tuesday of the week after
    ]
    assert plan[0].title == "No answer from Amara yet: ask the next person about Clinical Data Analyst"
    assert "Joe Okafor is next on the list" in plan[0].draft
    assert plan[1].draft.startswith("Hi Amara,")
    assert "do you happen to know anyone who works as a clinical data analyst?" in plan[1].draft


def test_3b7_respects_the_users_weekend() -> None:
    # A Friday-Saturday weekend: from Thursday 26 Nov, 3 business days is Monday 30 Nov... Sun, Mon, Tue
    plan = schedule_3b7(date(2026, 11, 26), "Amara", TargetSpec("organisation", organisation="X"),
                        weekend=(4, 5))
    assert plan[0].due_date == date(2026, 12, 1)


def test_one_open_ask_per_target_unless_allowed_or_the_routine_moves_on() -> None:
    check_can_ask([], False, FRIDAY)
    check_can_ask([FRIDAY], True, FRIDAY)
    with pytest.raises(AskRefused, match="wait until Wednesday 2 December"):
        check_can_ask([FRIDAY], False, FRIDAY)
    with pytest.raises(AskRefused, match="still awaiting"):
        check_can_ask([FRIDAY], False, date(2026, 12, 1))
    # three business days without an answer: asking the next person is allowed
    check_can_ask([FRIDAY], False, date(2026, 12, 2))
    with pytest.raises(AskRefused, match="already asked"):
        check_can_ask([FRIDAY], True, date(2026, 12, 9), contact_already_pending=True)
