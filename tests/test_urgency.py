"""The urgency rule: groups by date, then a score; each test states the expected order."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netnet.core.urgency import Factors, Group, group_for, lateness_points, rank, score

TODAY = date(2026, 11, 27)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def order(items: dict[str, Factors]) -> list[str]:
    return rank(items, TODAY, lambda name: items[name], lambda name: name)


def test_groups_by_date() -> None:
    assert group_for(ago(1), TODAY) is Group.OVERDUE
    assert group_for(TODAY, TODAY) is Group.TODAY
    assert group_for(TODAY + timedelta(days=1), TODAY) is Group.WEEK
    assert group_for(TODAY + timedelta(days=7), TODAY) is Group.WEEK
    assert group_for(TODAY + timedelta(days=8), TODAY) is Group.LATER
    assert [g.label for g in Group] == ["Overdue", "Today", "This week", "Later"]


def test_a_checkin_is_due_from_its_ideal_date_and_overdue_past_its_maximum() -> None:
    assert group_for(ago(10), TODAY, overdue_from=TODAY + timedelta(days=5)) is Group.TODAY
    assert group_for(ago(10), TODAY, overdue_from=TODAY) is Group.TODAY
    assert group_for(ago(10), TODAY, overdue_from=ago(1)) is Group.OVERDUE
    assert group_for(TODAY + timedelta(days=3), TODAY, overdue_from=TODAY + timedelta(days=40)) is Group.WEEK


def test_lateness_counts_most_in_the_first_days_and_stops_growing() -> None:
    assert lateness_points(0) == 0 and lateness_points(-5) == 0
    assert lateness_points(1) < lateness_points(3) < lateness_points(7) < lateness_points(30)
    assert lateness_points(1) - lateness_points(0) > lateness_points(8) - lateness_points(7)
    assert lateness_points(60) == lateness_points(400) == 30


def test_a_thank_you_outranks_a_checkin() -> None:
    items = {
        "check in with Tom": Factors("checkin", ago(1)),
        "thank Maria": Factors("thank_you", ago(1)),
    }
    assert order(items) == ["thank Maria", "check in with Tom"]
    # Still first when the check-in is two months late and past its maximum.
    items["check in with Tom"] = Factors("checkin", ago(60), past_max=True, overdue_from=ago(30))
    assert order(items) == ["thank Maria", "check in with Tom"]


def test_kinds_in_order_when_equally_late() -> None:
    kinds = ["checkin", "manual", "action", "referral_nudge", "thank_you", "interview"]
    items = {kind: Factors(kind, ago(2)) for kind in kinds}
    assert order(items) == ["interview", "thank_you", "referral_nudge", "action", "manual", "checkin"]


def test_later_is_more_urgent_among_the_same_kind() -> None:
    items = {
        "a day late": Factors("action", ago(1)),
        "a week late": Factors("action", ago(7)),
        "three days late": Factors("action", ago(3)),
    }
    assert order(items) == ["a week late", "three days late", "a day late"]


def test_need_beats_like_beats_nobody() -> None:
    items = {
        "nobody": Factors("action", ago(2)),
        "like": Factors("action", ago(2), want="like"),
        "need": Factors("action", ago(2), want="need"),
    }
    assert order(items) == ["need", "like", "nobody"]


def test_goal_importance_outweighs_a_few_days_of_lateness() -> None:
    items = {
        "ten days late, no goal": Factors("action", ago(10)),
        "a day late, a NEED target": Factors("action", ago(1), want="need"),
    }
    assert order(items) == ["a day late, a NEED target", "ten days late, no goal"]


def test_a_connector_gets_a_little_more() -> None:
    items = {
        "neighbour": Factors("checkin", ago(5)),
        "connector": Factors("checkin", ago(5), connector=True),
    }
    assert order(items) == ["connector", "neighbour"]
    assert score(items["connector"], TODAY) - score(items["neighbour"], TODAY) == pytest.approx(8)


def test_groups_come_before_scores() -> None:
    items = {
        "interview tomorrow": Factors("interview", TODAY + timedelta(days=1), want="need"),
        "check-in a day late": Factors("checkin", ago(1)),
        "to-do today": Factors("manual", TODAY),
        "thank-you next month": Factors("thank_you", TODAY + timedelta(days=30)),
    }
    assert order(items) == ["check-in a day late", "to-do today", "interview tomorrow", "thank-you next month"]


def test_in_the_coming_days_the_sooner_comes_first() -> None:
    items = {
        "thank-you on Thursday": Factors("thank_you", TODAY + timedelta(days=6)),
        "check-in on Monday": Factors("checkin", TODAY + timedelta(days=3)),
        "action on Monday": Factors("action", TODAY + timedelta(days=3)),
    }
    assert order(items) == ["action on Monday", "check-in on Monday", "thank-you on Thursday"]


def test_equal_items_keep_a_stable_order_by_title() -> None:
    items = {name: Factors("manual", TODAY) for name in ["b", "C", "a"]}
    assert order(items) == ["a", "b", "C"]
