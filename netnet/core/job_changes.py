"""Job changes: when a new file says someone works elsewhere, or as something else.

An import compares what a file says about a known person with what netnet
holds. A *job change* is a different organisation or title where netnet held
one (filling an empty organisation is learning, not news), compared as words
(case, accents and punctuation aside), so "Northwind analytics" is no move.
Pure Python: the words people read about a change are written here once, for
the contact page, the timeline, the queue, the referral finder and
``netnet changes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from netnet.core.text import words

CONGRATULATE_IN_DAYS = 2  # a congratulation falls due this many days after the change is seen
MOVED_RECENTLY_DAYS = 365  # the referral finder and the goal page speak of a move this recent


def _same(a: str, b: str) -> bool:
    return words(a or "") == words(b or "")


def is_job_change(from_org: str, from_title: str, to_org: str, to_title: str) -> bool:
    """Whether a known organisation or title was replaced by a different one."""
    return (bool(words(from_org or "")) and not _same(from_org, to_org)) or (
        bool(words(from_title or "")) and not _same(from_title, to_title))


def changed_organisation(from_org: str, to_org: str) -> bool:
    """A move to another organisation (not a new title where they were)."""
    return bool(words(to_org or "")) and not _same(from_org, to_org)


def role_words(organisation: str, title: str) -> str:
    """"Head of Data at Harbour Health", or whichever of the two is known ("" when neither)."""
    organisation, title = (organisation or "").strip(), (title or "").strip()
    if title and organisation:
        return f"{title} at {organisation}"
    return title or organisation


def short_day(day: date | datetime, today: date | None = None) -> str:
    """"1 Dec" (with the year when it is not ``today``'s): how a change's day is written."""
    if isinstance(day, datetime):
        day = day.astimezone().date()
    text = f"{day.day} {day:%b}"
    if today is not None and day.year != today.year:
        text += f" {day.year}"
    return text


@dataclass(frozen=True)
class JobChange:
    """One change as the screens and the command line show it."""

    id: int
    contact_id: int
    contact_name: str
    seen_at: datetime
    filename: str
    from_org: str
    from_title: str
    to_org: str
    to_title: str
    followup_id: int | None = None  # the congratulation it queued, if any
    followup_open: bool = False

    @property
    def before(self) -> str:
        return role_words(self.from_org, self.from_title) or "(nothing known)"

    @property
    def after(self) -> str:
        return role_words(self.to_org, self.to_title) or "(nothing known)"

    @property
    def moved(self) -> bool:
        """To another organisation (not only a new title)."""
        return changed_organisation(self.from_org, self.to_org)

    def words(self, today: date | None = None) -> str:
        """"Analytics Lead at Northwind Analytics → Head of Data at Harbour Health, seen 1 Dec"."""
        return f"{self.before} → {self.after}, seen {short_day(self.seen_at, today)}"

    def moved_words(self, today: date | None = None) -> str:
        """"moved to Harbour Health on 1 Dec" (a new title where they were: "now Head of Data at …")."""
        if self.moved:
            return f"moved to {self.to_org} on {short_day(self.seen_at, today)}"
        return f"now {self.after} (seen {short_day(self.seen_at, today)})"


def congratulation_title(name: str, from_org: str, to_org: str, to_title: str) -> str:
    """The queue's line for a congratulation: it always starts with "Congratulate"."""
    if changed_organisation(from_org, to_org):
        return f"Congratulate {name} on joining {to_org.strip()}"
    if to_title.strip():
        return f"Congratulate {name} on becoming {to_title.strip()}"
    return f"Congratulate {name} on the new role"
