"""Dates typed as text, for snoozing and due dates."""

from __future__ import annotations

from datetime import date

import pytest

from netnet.core.when import WhenError, describe_due, next_week, parse_when

FRI = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", FRI),
        ("tomorrow", date(2026, 11, 28)),
        ("  Tomorrow ", date(2026, 11, 28)),
        ("next week", date(2026, 11, 30)),  # Monday
        ("friday", date(2026, 12, 4)),  # today is Friday: the next one
        ("fri", date(2026, 12, 4)),
        ("next friday", date(2026, 12, 4)),
        ("monday", date(2026, 11, 30)),
        ("Tue", date(2026, 12, 1)),
        ("3d", date(2026, 11, 30)),
        ("in 3 days", date(2026, 11, 30)),
        ("+10", date(2026, 12, 7)),
        ("2w", date(2026, 12, 11)),
        ("2 weeks", date(2026, 12, 11)),
        ("1m", date(2026, 12, 27)),
        ("3bd", date(2026, 12, 2)),
        ("3 business days", date(2026, 12, 2)),
        ("2026-12-10", date(2026, 12, 10)),
        ("dec 10", date(2026, 12, 10)),
        ("December 10", date(2026, 12, 10)),
        ("10 dec", date(2026, 12, 10)),
        ("10th December 2027", date(2027, 12, 10)),
        ("jan 5", date(2027, 1, 5)),  # already past this year: next year
        ("nov 27", FRI),
    ],
)
def test_parse(text: str, expected: date) -> None:
    assert parse_when(text, FRI) == expected


def test_month_end_arithmetic() -> None:
    assert parse_when("1m", date(2027, 1, 31)) == date(2027, 2, 28)


def test_custom_weekend_for_next_week_and_business_days() -> None:
    weekend = (4, 5)  # Friday and Saturday: the week starts on Sunday
    thursday = date(2026, 11, 26)
    assert next_week(thursday, weekend) == date(2026, 11, 29)
    assert parse_when("3bd", thursday, weekend) == date(2026, 12, 1)
    assert next_week(FRI, ()) == date(2026, 12, 4)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "Type a date"),
        ("someday", "not a date netnet understands"),
        ("feb 30", "not a real date"),
        ("2026-13-01", "not a real date"),
        ("x", "not a date netnet understands"),
    ],
)
def test_bad_text_is_one_clear_sentence(text: str, words: str) -> None:
    with pytest.raises(WhenError) as caught:
        parse_when(text, FRI)
    message = str(caught.value)
    assert words in message
    assert message.endswith(".") and message.count(". ") == 0


def test_describe_due() -> None:
    assert describe_due(FRI, FRI) == "today"
    assert describe_due(date(2026, 11, 26), FRI) == "1 day late"
    assert describe_due(date(2026, 11, 20), FRI) == "7 days late"
    assert describe_due(date(2026, 11, 28), FRI) == "tomorrow"
    assert describe_due(date(2026, 11, 30), FRI) == "Mon 30 Nov"
    assert describe_due(date(2026, 12, 24), FRI) == "Thu 24 Dec"
    assert describe_due(date(2027, 1, 4), FRI) == "Mon 4 Jan 2027"


def test_one_date_style_for_every_day() -> None:
    """Issue 14, item 22: "Fri 4 Dec" everywhere, the year only outside this one, a time after it."""
    from datetime import UTC, datetime

    from netnet.core.when import day_words

    assert day_words(date(2026, 12, 4), FRI) == "Fri 4 Dec"
    assert day_words(date(2027, 12, 3), FRI) == "Fri 3 Dec 2027"
    assert day_words(datetime(2026, 12, 4, 14, 30, tzinfo=UTC), FRI, time=True) == "Fri 4 Dec 14:30"
    assert day_words(None) == ""
