"""Dates typed as text ("friday", "3d", "2w", "2026-12-10", "dec 10").

Used to snooze and to set due dates. Everything is relative to ``today`` (a
local date) so tests and the fake clock agree. Pure Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from netnet.core.business_days import DEFAULT_WEEKEND, add_business_days

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
EXAMPLES = "today, tomorrow, next week, friday, 3d, 2w, 5bd, 2026-12-10 or dec 10"


class WhenError(ValueError):
    """Text that is not a date netnet understands (the message is one sentence)."""


def _weekday(word: str) -> int | None:
    if len(word) < 2:
        return None
    for n, name in enumerate(WEEKDAYS):
        if name.startswith(word) and (len(word) >= 3 or word in ("mo", "tu", "we", "th", "fr", "sa", "su")):
            return n
    return None


def _month(word: str) -> int | None:
    if len(word) < 3:
        return None
    for n, name in enumerate(MONTHS, start=1):
        if name.startswith(word):
            return n
    return None


def next_week(today: date, weekend: Iterable[int] = DEFAULT_WEEKEND) -> date:
    """The first working day after the coming weekend (Monday for a Saturday–Sunday weekend)."""
    weekend = set(weekend)
    if not weekend or len(weekend) >= 7:
        return today + timedelta(days=7)
    day = today + timedelta(days=1)
    while day.weekday() not in weekend:
        day += timedelta(days=1)
    while day.weekday() in weekend:
        day += timedelta(days=1)
    return day


def _add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year = start.year + month // 12
    month = month % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise WhenError("That date does not exist.")  # pragma: no cover - day 28 always exists


def _month_day(month: int, day: int, year: int | None, today: date, text: str) -> date:
    try:
        if year is not None:
            return date(year, month, day)
        found = date(today.year, month, day)
        if found < today:
            found = date(today.year + 1, month, day)
        return found
    except ValueError:
        raise WhenError(f"“{text}” is not a real date.") from None


def parse_when(text: str, today: date, weekend: Iterable[int] = DEFAULT_WEEKEND) -> date:
    """A date from text. Raises :class:`WhenError` with one sentence when it cannot."""
    raw = text
    text = " ".join(text.strip().casefold().replace(",", " ").split())
    if not text:
        raise WhenError(f"Type a date, for example {EXAMPLES}.")
    if text in ("today", "now", "tod"):
        return today
    if text in ("tomorrow", "tmrw", "tmr", "tom"):
        return today + timedelta(days=1)
    if text in ("next week", "nextweek", "nw"):
        return next_week(today, weekend)
    if text in ("next month", "nm"):
        return _add_months(today, 1)
    text = re.sub(r"^(in|\+)\s*", "", text)
    text = re.sub(r"^next\s+", "", text)
    match = re.fullmatch(r"(\d{1,3})\s*(d|days?|w|weeks?|m|months?|bd|business days?|working days?)?", text)
    if match:
        count = int(match.group(1))
        unit = match.group(2) or "d"
        if unit in ("d", "day", "days"):
            return today + timedelta(days=count)
        if unit.startswith("w") and not unit.startswith("working"):
            return today + timedelta(weeks=count)
        if unit.startswith("m"):
            return _add_months(today, count)
        return add_business_days(today, count, weekend)
    weekday = _weekday(text)
    if weekday is not None:
        ahead = (weekday - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _month_day(month, day, year, today, raw.strip())
    match = re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(\d{4}))?", text)
    if match and _month(match.group(1)):
        year = int(match.group(3)) if match.group(3) else None
        return _month_day(_month(match.group(1)), int(match.group(2)), year, today, raw.strip())
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:\s+(\d{4}))?", text)
    if match and _month(match.group(2)):
        year = int(match.group(3)) if match.group(3) else None
        return _month_day(_month(match.group(2)), int(match.group(1)), year, today, raw.strip())
    raise WhenError(f"“{raw.strip()}” is not a date netnet understands; try {EXAMPLES}.")


def day_words(day: date | datetime | None, today: date | None = None, *, time: bool = False) -> str:
    """The one way netnet writes a day: "Fri 4 Dec", "Fri 4 Dec 2027" outside ``today``'s year,
    and with ``time`` (a datetime, in local time) "Fri 4 Dec 14:30"."""
    if day is None:
        return ""
    clock = ""
    if isinstance(day, datetime):
        local = day.astimezone()
        clock = f" {local:%H:%M}" if time else ""
        day = local.date()
    text = f"{day:%a} {day.day} {day:%b}"
    if today is not None and day.year != today.year:
        text += f" {day.year}"
    return text + clock


def describe_due(due: date, today: date) -> str:
    """Short words for a due date relative to today ("today", "2 days late", "Mon 30 Nov")."""
    days = (due - today).days
    if days == 0:
        return "today"
    if days == -1:
        return "1 day late"
    if days < 0:
        return f"{-days} days late"
    if days == 1:
        return "tomorrow"
    return day_words(due, today)
