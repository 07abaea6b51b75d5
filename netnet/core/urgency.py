"""How urgent a follow-up is, and which group of the queue it belongs to.

The queue is grouped by date first (overdue, today, this week, later) and,
inside a group, ranked by an urgency score. The score adds up:

- **lateness**: days past the due date, with diminishing weight (the first
  days late count most; the weight stops growing after about a month);
- **kind**: a scheduled interview today, then a thank-you, then chasing a
  referral, an action item, a to-do, and last a keep-in-touch check-in;
- **importance to an active goal**: the person is (or the item is for) a
  target someone NEEDS to know, or one they would LIKE to know;
- **connectors**, who meet everyone, get a little more;
- a check-in past the contact's *maximum* interval gets a little more.

Inside "this week" and "later" the sooner item comes first whatever its score.
Pure Python: no database, no terminal.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import TypeVar

# Points by kind of follow-up. A thank-you outranks a check-in.
KIND_WEIGHT: dict[str, float] = {
    "interview": 70.0,
    "thank_you": 60.0,
    "referral_nudge": 45.0,
    "referral_next": 45.0,
    "action": 40.0,
    "manual": 30.0,
    "checkin": 10.0,
}
WANT_WEIGHT: dict[str, float] = {"need": 25.0, "like": 12.0}
CONNECTOR_WEIGHT = 8.0
PAST_MAX_WEIGHT = 10.0
LATENESS_SCALE = 6.0  # points per doubling of the days late
LATENESS_CAP = 30.0
WEEK_DAYS = 7  # "this week" is the next seven days after today


class Group(StrEnum):
    """The queue's groups, in the order they are shown."""

    OVERDUE = "overdue"
    TODAY = "today"
    WEEK = "week"
    LATER = "later"

    @property
    def label(self) -> str:
        return {"overdue": "Overdue", "today": "Today", "week": "This week", "later": "Later"}[self.value]

    @property
    def order(self) -> int:
        return _ORDER[self]


_ORDER = {group: n for n, group in enumerate(Group)}


@dataclass(frozen=True)
class Factors:
    """What the score looks at for one item."""

    kind: str
    due: date
    want: str | None = None  # "need" or "like": the item or its person matters to an active goal
    connector: bool = False
    past_max: bool = False  # a check-in past the contact's maximum interval
    overdue_from: date | None = None  # check-ins: overdue only after this date (else: after ``due``)


def group_for(due: date, today: date, overdue_from: date | None = None) -> Group:
    """The group for an item due on ``due``.

    Most items are overdue the day after they are due. A keep-in-touch check-in
    is *due* (shown under Today) from its ideal date until its maximum date,
    and overdue after that: ``overdue_from`` is that maximum date.
    """
    if overdue_from is not None:
        if today > overdue_from:
            return Group.OVERDUE
        if due <= today:
            return Group.TODAY
    elif due < today:
        return Group.OVERDUE
    elif due == today:
        return Group.TODAY
    if due <= today + timedelta(days=WEEK_DAYS):
        return Group.WEEK
    return Group.LATER


def lateness_points(days_late: int) -> float:
    """Points for being late: 6 for one day, 12 for three, 18 for a week, 30 at most."""
    if days_late <= 0:
        return 0.0
    return min(LATENESS_CAP, LATENESS_SCALE * math.log2(1 + days_late))


@lru_cache(maxsize=16384)
def points(kind: str, days_late: int, want: str | None = None, connector: bool = False,
           past_max: bool = False) -> float:
    """The urgency score from its parts (higher is more urgent). Cached: few distinct inputs."""
    total = KIND_WEIGHT.get(kind, KIND_WEIGHT["manual"])
    total += lateness_points(days_late)
    if want:
        total += WANT_WEIGHT.get(want, 0.0)
    if connector:
        total += CONNECTOR_WEIGHT
    if past_max:
        total += PAST_MAX_WEIGHT
    return round(total, 3)


def score(factors: Factors, today: date) -> float:
    """The urgency score of one item (higher is more urgent)."""
    return points(factors.kind, (today - factors.due).days, factors.want, factors.connector,
                  factors.past_max)


T = TypeVar("T")


def order_key(group: Group, urgency: float, due: date, title: str = "") -> tuple:
    """Order: group, then (overdue and today) score; (this week, later) date first."""
    if group is Group.OVERDUE or group is Group.TODAY:
        return (_ORDER[group], -urgency, due, title.casefold())
    return (_ORDER[group], due, -urgency, title.casefold())


def sort_key(factors: Factors, today: date, title: str = "") -> tuple:
    """The place of one item in the queue (see :func:`order_key`)."""
    return order_key(group_for(factors.due, today, factors.overdue_from), score(factors, today),
                     factors.due, title)


def rank(items: Iterable[T], today: date, factors: Callable[[T], Factors],
         title: Callable[[T], str] = lambda _item: "") -> list[T]:
    """The items, most urgent first."""
    keyed = [(sort_key(factors(item), today, title(item)), n, item) for n, item in enumerate(items)]
    keyed.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _key, _n, item in keyed]
