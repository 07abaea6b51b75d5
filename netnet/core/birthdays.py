"""Birthdays as a reason to write: when the next one falls, and when to say so.

A birthday is stored as ``YYYY-MM-DD``, or ``--MM-DD`` when the year is not
known. A reminder is listed from ``days_before`` days ahead of the day until
:data:`BELATED_DAYS` after it (a late greeting is still kind; a month late it
is not). The 29th of February is kept on the 28th in other years.
Pure Python.
"""

from __future__ import annotations

from datetime import date, timedelta

BELATED_DAYS = 7
DEFAULT_DAYS_BEFORE = 3


def month_day(stored: str | None) -> tuple[int, int] | None:
    """The (month, day) of a stored birthday, or None when there is none (or it cannot be read)."""
    if not stored:
        return None
    text = stored.strip()
    try:
        if text.startswith("--"):
            month, day = int(text[2:4]), int(text[5:7])
        else:
            found = date.fromisoformat(text[:10])
            month, day = found.month, found.day
        date(2000, month, day)  # a leap year: every real day exists
    except ValueError:
        return None
    return month, day


def on_year(month: int, day: int, year: int) -> date:
    """The birthday in ``year`` (the 29th of February falls on the 28th in other years)."""
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, day - 1)


def reminder_day(stored: str | None, today: date, days_before: int = DEFAULT_DAYS_BEFORE,
                 belated: int = BELATED_DAYS) -> date | None:
    """The birthday a reminder is listed for today, or None: one whose window
    (``days_before`` ahead of it to ``belated`` after it) holds ``today``."""
    found = month_day(stored)
    if found is None:
        return None
    for year in (today.year - 1, today.year, today.year + 1):
        day = on_year(*found, year)
        if day - timedelta(days=max(0, days_before)) <= today <= day + timedelta(days=belated):
            return day
    return None


def window_start(day: date, days_before: int = DEFAULT_DAYS_BEFORE) -> date:
    """The first day a reminder for the birthday on ``day`` is listed."""
    return day - timedelta(days=max(0, days_before))
