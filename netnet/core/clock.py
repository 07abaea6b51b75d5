"""Time, injected.

Stored timestamps use wall time (aware UTC datetimes); durations use a
monotonic clock. Everything that needs the time takes a ``Clock`` so tests can
drive a :class:`FakeClock`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta


class Clock:
    """The real clock."""

    def now(self) -> datetime:
        """The current wall time as an aware UTC datetime."""
        return datetime.now(UTC)

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards, for durations."""
        return time.monotonic()

    def today(self) -> date:
        """Today's date in the user's local time zone."""
        return self.now().astimezone().date()


@dataclass
class FakeClock(Clock):
    """A clock that only moves when told to (tests, screenshots)."""

    wall: datetime = field(default_factory=lambda: datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    mono: float = 1000.0

    def __post_init__(self) -> None:
        if self.wall.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def today(self) -> date:
        return self.wall.date()

    def advance(self, seconds: float) -> None:
        """Move both clocks forward together."""
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds


def to_iso(moment: datetime | None) -> str | None:
    """Store an aware datetime as ISO 8601 text in UTC (sorts as text)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not stored; give a time zone")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_iso(text: str | None) -> datetime | None:
    """Read a stored timestamp back as an aware UTC datetime."""
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def ago(moment: datetime | None, now: datetime) -> str:
    """A short, human 'how long ago' ("today", "3 days ago", "2 years ago")."""
    if moment is None:
        return "never"
    days = (now.astimezone().date() - moment.astimezone().date()).days
    if days < 0:
        return "in the future"
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 365:
        return f"{days // 30} months ago"
    years = days // 365
    return "1 year ago" if years == 1 else f"{years} years ago"
