"""Birthdays as address books write them in CSV files.

ISO (``1984-07-09``, with a time after it, or ``--07-09`` without a year),
compact ``19840709``, the US order Outlook writes (``8/26/1918``, ``8/26/18``),
the European dotted order (``26.08.1918``) and month names (``9 Jul 1984``,
``July 9, 1984``). Outlook's ``0/0/00`` means "no birthday".
"""

from __future__ import annotations

import re
from datetime import date, datetime

from netnet.core.validation import check_stored_birthday

_NONE = {"0/0/00", "0/0/0000", "00/00/0000", "0.0.00", "00.00.0000"}
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_NAMED = ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y", "%d-%b-%Y", "%d-%b-%y")


def _year(text: str, today: date | None = None) -> int:
    """A two-digit year of a birthday: in this century unless that would be in the future."""
    if len(text) == 4:
        return int(text)
    this = (today or date.today()).year
    year = this - this % 100 + int(text)
    return year - 100 if year > this else year


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_birthday(text: str) -> tuple[str | None, bool]:
    """(``YYYY-MM-DD`` or ``--MM-DD``, True) for a date; (None, True) for an empty one; (None, False) otherwise."""
    text = text.strip()
    if not text or text in _NONE:
        return None, True
    for candidate in (text, text[:10]):
        value, error = check_stored_birthday(candidate)
        if error is None and value:
            return value, True
    if match := _COMPACT.fullmatch(text):
        value = _iso(*(int(g) for g in match.groups()))
        return value, value is not None
    if match := _US.fullmatch(text):
        month, day, year = match.groups()
        value = _iso(_year(year), int(month), int(day))
        return value, value is not None
    if match := _DOTTED.fullmatch(text):
        day, month, year = match.groups()
        value = _iso(_year(year), int(month), int(day))
        return value, value is not None
    for fmt in _NAMED:
        try:
            return datetime.strptime(text, fmt).date().isoformat(), True
        except ValueError:
            continue
    return None, False
