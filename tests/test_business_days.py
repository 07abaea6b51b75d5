"""Business-day arithmetic: weekends, month and year ends, the user's own weekend."""

from __future__ import annotations

from datetime import date

import pytest

from netnet.core.business_days import add_business_days, business_days_between, is_business_day

FRI = date(2026, 11, 27)  # a Friday


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (FRI, 0, FRI),
        (FRI, 1, date(2026, 11, 30)),  # Monday: the weekend is skipped
        (FRI, 3, date(2026, 12, 2)),  # Wednesday, across the month end
        (FRI, 7, date(2026, 12, 8)),  # the Tuesday after next
        (date(2026, 11, 28), 1, date(2026, 11, 30)),  # from a Saturday, Monday is the first
        (date(2026, 11, 29), 1, date(2026, 11, 30)),  # from a Sunday too
        (date(2026, 12, 30), 3, date(2027, 1, 4)),  # across the year end and a weekend
        (date(2026, 1, 30), 1, date(2026, 2, 2)),  # Friday 30 January to Monday 2 February
        (date(2028, 2, 28), 1, date(2028, 2, 29)),  # a leap day is a business day
        (date(2026, 12, 2), -3, FRI),  # backwards
        (date(2026, 11, 30), -1, FRI),
    ],
)
def test_add_business_days(start: date, days: int, expected: date) -> None:
    assert add_business_days(start, days) == expected


def test_custom_weekend_friday_saturday() -> None:
    weekend = (4, 5)  # Friday and Saturday
    thursday = date(2026, 11, 26)
    assert add_business_days(thursday, 1, weekend) == date(2026, 11, 29)  # Sunday is a working day
    assert add_business_days(thursday, 3, weekend) == date(2026, 12, 1)
    assert not is_business_day(FRI, weekend)
    assert is_business_day(date(2026, 11, 29), weekend)


def test_one_day_weekend_and_no_weekend() -> None:
    assert add_business_days(FRI, 2, (6,)) == date(2026, 11, 30)  # Saturday counts, Sunday does not
    assert add_business_days(FRI, 3, ()) == date(2026, 11, 30)


def test_a_week_without_working_days_is_refused() -> None:
    with pytest.raises(ValueError):
        add_business_days(FRI, 1, range(7))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (FRI, FRI, 0),
        (FRI, date(2026, 11, 28), 0),  # Saturday
        (FRI, date(2026, 11, 30), 1),
        (FRI, date(2026, 12, 2), 3),
        (FRI, date(2026, 12, 8), 7),
        (date(2026, 12, 8), FRI, -7),
        (date(2026, 12, 31), date(2027, 1, 1), 1),
    ],
)
def test_business_days_between(start: date, end: date, expected: int) -> None:
    assert business_days_between(start, end) == expected


def test_between_inverts_add_for_every_start_day() -> None:
    for offset in range(14):
        start = date(2026, 11, 23 + offset) if offset < 8 else date(2026, 12, offset - 7)
        for days in range(0, 12):
            assert business_days_between(start, add_business_days(start, days)) == days
