"""The 3B7 routine: 3 business days, ask the next person; 7, one polite nudge."""

from __future__ import annotations

from datetime import date

from netnet.core.referral_timing import (
    ReferralStatus,
    business_days_waiting,
    referral_schedule,
    referral_status,
)

FRI = date(2026, 11, 27)


def test_schedule_from_a_friday_skips_the_weekends() -> None:
    plan = referral_schedule(FRI)
    assert plan.asked_on == FRI
    assert plan.ask_next_on == date(2026, 12, 2)  # Wednesday
    assert plan.nudge_on == date(2026, 12, 8)  # the Tuesday after


def test_schedule_from_a_monday() -> None:
    plan = referral_schedule(date(2026, 11, 23))
    assert plan.ask_next_on == date(2026, 11, 26)  # Thursday
    assert plan.nudge_on == date(2026, 12, 2)


def test_schedule_with_a_friday_saturday_weekend() -> None:
    plan = referral_schedule(date(2026, 11, 26), weekend=(4, 5))  # Thursday
    assert plan.ask_next_on == date(2026, 12, 1)  # Sun, Mon, Tue
    assert plan.nudge_on == date(2026, 12, 7)


def test_status_moves_from_waiting_to_ask_next_to_nudge() -> None:
    seen = {}
    for n in range(0, 16):
        today = date(2026, 11, 27 + n) if n < 4 else date(2026, 12, n - 3)
        seen[today] = referral_status(FRI, today)
    assert seen[date(2026, 12, 1)] is ReferralStatus.WAITING  # 2 business days
    assert seen[date(2026, 12, 2)] is ReferralStatus.ASK_NEXT  # 3
    assert seen[date(2026, 12, 7)] is ReferralStatus.ASK_NEXT  # 6
    assert seen[date(2026, 12, 8)] is ReferralStatus.NUDGE  # 7
    assert seen[date(2026, 11, 29)] is ReferralStatus.WAITING  # a Sunday counts for nothing


def test_an_answer_ends_the_routine() -> None:
    assert referral_status(FRI, date(2026, 12, 20), answered=True) is ReferralStatus.ANSWERED
    assert ReferralStatus.NUDGE.label == "no answer yet: one polite nudge"


def test_waiting_is_never_negative() -> None:
    assert business_days_waiting(FRI, date(2026, 11, 20)) == 0
    assert business_days_waiting(FRI, date(2026, 12, 8)) == 7
