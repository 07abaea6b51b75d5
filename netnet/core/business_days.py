"""Business-day arithmetic. Weekend days are the user's (Monday is 0)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

DEFAULT_WEEKEND = (5, 6)


def is_business_day(day: date, weekend: Iterable[int] = DEFAULT_WEEKEND) -> bool:
    return day.weekday() not in set(weekend)


def add_business_days(start: date, days: int, weekend: Iterable[int] = DEFAULT_WEEKEND) -> date:
    """The date ``days`` business days after ``start`` (before it when negative).

    ``start`` itself is not counted, so 3 business days after a Friday is the
    next Wednesday with a Saturday-Sunday weekend.
    """
    weekend = set(weekend)
    if len(weekend) >= 7:
        raise ValueError("at least one day of the week must be a working day")
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    current = start
    while remaining:
        current += timedelta(days=step)
        if current.weekday() not in weekend:
            remaining -= 1
    return current


def business_days_between(start: date, end: date, weekend: Iterable[int] = DEFAULT_WEEKEND) -> int:
    """Business days after ``start`` up to and including ``end`` (negative if end is earlier)."""
    weekend = set(weekend)
    if end == start:
        return 0
    sign = 1 if end > start else -1
    low, high = (start, end) if sign > 0 else (end, start)
    count = 0
    current = low
    while current < high:
        current += timedelta(days=1)
        if current.weekday() not in weekend:
            count += 1
    return sign * count
