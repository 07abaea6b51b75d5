"""The "3B7" routine for referral asks, as dates.

When you ask a contact whether they know someone for a target and hear
nothing back:

- after **3 business days** without an answer, ask the *next* person on the
  list for that target (a ``referral_next`` follow-up, due that day);
- after **7 business days**, send the *first* person one polite nudge (a
  ``referral_nudge`` follow-up, due that day). Only one nudge: after that,
  let it go.

Business days skip the user's weekend days (``Settings.weekend_days``,
Monday is 0). The day of the ask is not counted, so an ask sent on a Friday
with a Saturday–Sunday weekend is due for "ask the next person" on
Wednesday and for the nudge on the Tuesday after.

How to use it: when an ask is logged, call :func:`referral_schedule` with the
ask's local date and the user's weekend, and queue a ``referral_next``
follow-up on ``ask_next_on`` and a ``referral_nudge`` on ``nudge_on``; when an
answer comes, cancel the open ones. :func:`referral_status` says where an open
ask stands on a given day (for a label beside the ask).

Pure Python: no database, no terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from netnet.core.business_days import DEFAULT_WEEKEND, add_business_days, business_days_between

ASK_NEXT_AFTER = 3  # business days without an answer: ask the next person for the target
NUDGE_AFTER = 7  # business days without an answer: one polite nudge to the first person


@dataclass(frozen=True)
class ReferralSchedule:
    """When the 3B7 follow-ups of one ask fall due."""

    asked_on: date
    ask_next_on: date
    nudge_on: date


class ReferralStatus(StrEnum):
    """Where an ask stands on a given day."""

    ANSWERED = "answered"  # an answer came back: nothing to chase
    WAITING = "waiting"  # fewer than 3 business days: give them time
    ASK_NEXT = "ask_next"  # 3 to 6 business days: ask the next person for the target
    NUDGE = "nudge"  # 7 business days or more: one polite nudge to the first

    @property
    def label(self) -> str:
        return {
            "answered": "answered",
            "waiting": "waiting for an answer",
            "ask_next": "no answer yet: ask the next person",
            "nudge": "no answer yet: one polite nudge",
        }[self.value]


def referral_schedule(asked_on: date, weekend: Iterable[int] = DEFAULT_WEEKEND) -> ReferralSchedule:
    """The dates to ask the next person (3 business days) and to nudge (7)."""
    weekend = tuple(weekend)
    return ReferralSchedule(
        asked_on=asked_on,
        ask_next_on=add_business_days(asked_on, ASK_NEXT_AFTER, weekend),
        nudge_on=add_business_days(asked_on, NUDGE_AFTER, weekend),
    )


def business_days_waiting(asked_on: date, today: date, weekend: Iterable[int] = DEFAULT_WEEKEND) -> int:
    """Business days since the ask (0 on the day itself, never negative)."""
    return max(0, business_days_between(asked_on, today, tuple(weekend)))


def referral_status(asked_on: date, today: date, answered: bool = False,
                    weekend: Iterable[int] = DEFAULT_WEEKEND) -> ReferralStatus:
    """Where an ask stands today under the 3B7 routine."""
    if answered:
        return ReferralStatus.ANSWERED
    waited = business_days_waiting(asked_on, today, weekend)
    if waited >= NUDGE_AFTER:
        return ReferralStatus.NUDGE
    if waited >= ASK_NEXT_AFTER:
        return ReferralStatus.ASK_NEXT
    return ReferralStatus.WAITING
