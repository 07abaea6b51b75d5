"""Checking what a person types into the contact form.

Each check returns the cleaned value and either ``None`` or one plain sentence
saying what is wrong, so the form can show it next to the field while the
person is still typing.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\".]+(\.[^@\s,;<>\".]+)+$")
_PHONE_CHARS = re.compile(r"^\+?[0-9 ()./\-]+$")
_PHONE_EXT = re.compile(r"\s*(ext\.?|x)\s*\d+$", re.IGNORECASE)
_SPLIT = re.compile(r"[,;\n]+")
MAX_DAYS = 3650


def split_list(text: str) -> list[str]:
    """Items separated by commas, semicolons or new lines, trimmed, empty ones dropped."""
    return [part.strip() for part in _SPLIT.split(text) if part.strip()]


def check_name(text: str) -> str | None:
    if not text.strip():
        return "Every contact needs a name, even just a first name."
    if len(text.strip()) > 200:
        return "That name is longer than 200 characters."
    return None


def check_email(value: str) -> str | None:
    if ".." in value or not _EMAIL.match(value):
        return f"“{value}” is not an e-mail address (it should look like name@example.org)."
    return None


def check_emails(text: str) -> tuple[list[str], str | None]:
    items = split_list(text)
    for item in items:
        error = check_email(item)
        if error:
            return items, error
    return items, None


def check_phone(value: str) -> str | None:
    core = _PHONE_EXT.sub("", value)
    if not _PHONE_CHARS.match(core):
        return f"“{value}” is not a phone number: use digits, spaces, + - ( ) and an optional “ext 12”."
    if len(re.sub(r"\D", "", core)) < 3:
        return f"“{value}” has too few digits for a phone number."
    return None


def check_phones(text: str) -> tuple[list[str], str | None]:
    items = split_list(text)
    for item in items:
        error = check_phone(item)
        if error:
            return items, error
    return items, None


def check_link(value: str) -> str | None:
    if any(ch.isspace() for ch in value):
        return f"“{value}” has a space in it; put one link per line or separate them with commas."
    bare = re.sub(r"^[a-z][a-z0-9+.-]*://", "", value, flags=re.IGNORECASE)
    if "." not in bare.split("/")[0] and not value.lower().startswith(("http://", "https://")):
        return f"“{value}” does not look like a web address (for example linkedin.com/in/someone)."
    return None


def check_links(text: str) -> tuple[list[str], str | None]:
    items = [part.strip() for part in re.split(r"[,\n]+", text) if part.strip()]
    for item in items:
        error = check_link(item)
        if error:
            return items, error
    return items, None


def check_days(text: str, what: str) -> tuple[int | None, str | None]:
    raw = text.strip()
    if not raw:
        return None, None
    if not raw.isdigit():
        return None, f"{what} is a number of days, like 30."
    value = int(raw)
    if not 1 <= value <= MAX_DAYS:
        return None, f"{what} must be between 1 and {MAX_DAYS} days."
    return value, None


def check_cadence(ideal_text: str, max_text: str) -> tuple[int | None, int | None, str | None, str | None]:
    """Both intervals with an error for each field (ideal, maximum)."""
    ideal, ideal_error = check_days(ideal_text, "The ideal interval")
    maximum, max_error = check_days(max_text, "The maximum interval")
    if not ideal_error and not max_error:
        if maximum is not None and ideal is None:
            max_error = "Give an ideal interval too, or leave both empty to use the defaults."
        elif ideal is not None and maximum is not None and maximum < ideal:
            max_error = f"The maximum ({maximum} days) must be at least the ideal interval ({ideal} days)."
    return ideal, maximum, ideal_error, max_error


def check_birthday(text: str) -> tuple[str | None, str | None]:
    """A birthday as YYYY-MM-DD, or MM-DD when the year is unknown (stored as --MM-DD)."""
    raw = text.strip()
    if not raw:
        return None, None
    message = f"“{raw}” is not a date: write 1984-03-21, or 03-21 without the year."
    match = re.fullmatch(r"(?:(\d{4})-|--)?(\d{1,2})-(\d{1,2})", raw)
    if not match:
        return None, message
    year = int(match.group(1)) if match.group(1) else 2000  # a leap year, so 02-29 is allowed
    try:
        when = date(year, int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None, message
    if match.group(1):
        return when.isoformat(), None
    return f"--{when:%m-%d}", None


def show_birthday(value: str | None) -> str:
    """The stored birthday as the form shows it."""
    if not value:
        return ""
    return value[2:] if value.startswith("--") else value


def check_tags(text: str) -> list[str]:
    seen: dict[str, str] = {}
    for tag in split_list(text):
        seen.setdefault(tag.casefold(), tag)
    return list(seen.values())


def check_when(text: str, today: date) -> tuple[date | None, str | None]:
    """When something happened: today, yesterday, "3 days ago", "2 weeks ago" or a date."""
    raw = " ".join(text.strip().lower().split())
    if raw in ("", "today", "now"):
        return today, None
    if raw == "yesterday":
        return today - timedelta(days=1), None
    match = re.fullmatch(r"(\d{1,4})\s*(d|days?|w|weeks?)(\s+ago)?", raw)
    if match:
        n = int(match.group(1))
        days = n * 7 if match.group(2).startswith("w") else n
        return today - timedelta(days=days), None
    try:
        when = date.fromisoformat(raw)
    except ValueError:
        return None, f"“{text.strip()}” is not a day: write today, yesterday, 3 days ago or 2026-11-20."
    if when > today:
        return None, "That day is still to come; log what has already happened."
    return when, None


# -- values read from files (imports) -------------------------------------------------

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
MIN_YEAR, MAX_YEAR = 1800, 2200  # well inside what date arithmetic and calendars handle
MAX_LINE_FIELD = 1000  # organisation, title, field, nickname, a tag: one line of sane length
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_BREAK = re.compile(r"[\r\n\u0085\u2028\u2029\x0b\x0c]")


def has_letters(text: str) -> bool:
    """Whether a name has at least one letter: "🙂", "?", "-" or "42" name no one in particular."""
    return any(ch.isalpha() for ch in text)


def check_day(text: str) -> str | None:
    """A calendar day exactly as netnet stores one (YYYY-MM-DD, years 1800 to 2200)."""
    if not isinstance(text, str) or not _ISO_DAY.fullmatch(text):
        return f"“{str(text)[:40]}” is not a date written as YYYY-MM-DD"
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return f"“{text}” is not a date on the calendar"
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        return f"“{text}” is outside the years {MIN_YEAR} to {MAX_YEAR}"
    return None


def check_moment(text: str) -> tuple[str | None, str | None]:
    """A point in time as stored: ISO 8601, read as UTC when it names no zone.

    Returns the value as netnet writes it (UTC, ``+00:00``) so that text
    comparisons in queries keep working, or one clause saying what is wrong.
    """
    from datetime import UTC, datetime

    if not isinstance(text, str) or not _ISO_DAY.match(text) or len(text) > 40:
        return None, f"“{str(text)[:40]}” is not a date and time (ISO 8601, like 2026-11-27T09:00:00+00:00)"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None, f"“{text}” is not a date and time (ISO 8601, like 2026-11-27T09:00:00+00:00)"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        return None, f"“{text}” is outside the years {MIN_YEAR} to {MAX_YEAR}"
    moment = moment.astimezone(UTC)
    return moment.isoformat(timespec="microseconds" if moment.microsecond else "seconds"), None


def check_stored_birthday(text: str) -> tuple[str | None, str | None]:
    """A birthday as netnet stores it (YYYY-MM-DD or --MM-DD); the form's rules, plus a sane year."""
    value, error = check_birthday(text)
    if error:
        return None, error.rstrip(".")
    if value and not value.startswith("--"):
        error = check_day(value)
        if error:
            return None, error
    return value, None


def check_line(what: str, text: str, limit: int = MAX_LINE_FIELD) -> str | None:
    """A one-line value: no line break (a sign of a runaway quote) and not absurdly long."""
    if _BREAK.search(text):
        return f"its {what} holds a line break (a missing closing quote?)"
    if len(text) > limit:
        return f"its {what} is longer than {limit} characters"
    return None


def check_import_name(text: str) -> str | None:
    """A contact's name from a file: the form's rule, and on one line."""
    error = check_line("name", text.strip(), 10**9)
    if error:
        return error
    error = check_name(text)
    return error.rstrip(".").replace("That name", "its name") if error else None


def check_int64(value: int) -> str | None:
    """Whether a whole number fits SQLite's 64-bit integers."""
    if not INT64_MIN <= value <= INT64_MAX:
        digits = str(value)
        return f"the number {digits[:12]}{'…' if len(digits) > 12 else ''} is too large to store"
    return None
