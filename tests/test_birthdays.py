"""Birthdays: a greeting in the queue a few days before (Settings: on or off, how many days;
by default on, 3 days), for people in a circle, with a drafted message and the word
"birthday". The clock is a fake one, moved day by day. Both engines for the queue."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from netnet.core.birthdays import month_day, reminder_day
from netnet.core.clock import FakeClock
from netnet.data import followups as fu
from netnet.data.settings import Settings, load_settings, save_setting
from tests import builders


@pytest.mark.parametrize("stored, today, expected", [
    ("1988-12-03", date(2026, 11, 30), date(2026, 12, 3)),  # three days before: listed
    ("1988-12-03", date(2026, 11, 29), None),  # four days before: not yet
    ("--12-03", date(2026, 12, 3), date(2026, 12, 3)),  # no year known
    ("1988-12-03", date(2026, 12, 10), date(2026, 12, 3)),  # a week late: still listed, as late
    ("1988-12-03", date(2026, 12, 11), None),  # later than that: gone until next year
    ("1990-01-01", date(2026, 12, 30), date(2027, 1, 1)),  # across the new year
    ("1990-12-30", date(2027, 1, 2), date(2026, 12, 30)),  # late, across the new year
    ("1992-02-29", date(2027, 2, 26), date(2027, 2, 28)),  # a leap-day birthday in another year: the 28th
    ("1992-02-29", date(2028, 2, 27), date(2028, 2, 29)),
    ("", date(2026, 12, 3), None),
    ("1988-13-40", date(2026, 12, 3), None),
])
def test_when_a_birthday_is_listed(stored, today, expected) -> None:
    assert reminder_day(stored, today) == expected


def test_days_before_is_a_setting() -> None:
    assert reminder_day("1988-12-03", date(2026, 11, 28), days_before=5) == date(2026, 12, 3)
    assert reminder_day("1988-12-03", date(2026, 12, 2), days_before=0) is None
    assert month_day("--02-29") == (2, 29) and month_day("nonsense") is None


def test_the_defaults_are_on_and_three_days() -> None:
    settings = Settings()
    assert (settings.birthday_reminders, settings.birthday_days_before) == (True, 3)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))  # a Monday; the birthdays are on Thursday 3 Dec


def _items(store, clock, **kwargs):
    return [i for i in fu.list_queue(store, clock, **kwargs) if i.key.startswith("b")]


def test_a_birthday_in_a_circle_is_a_greeting_in_the_queue(store, clock) -> None:
    grace = builders.person(store, clock, "Grace Liu", circle="family", birthday="1988-12-03")
    builders.person(store, clock, "No Circle", birthday="1988-12-03")
    builders.person(store, clock, "Far Away", circle="friend", birthday="1988-12-20")
    items = _items(store, clock)
    assert [(i.key, i.title, i.kind_label, i.due, i.group.value, i.when) for i in items] == [
        (f"b{grace}", "Wish Grace Liu a happy birthday", "check-in: birthday", date(2026, 12, 3), "week", "Thu 3 Dec")]
    item = items[0]
    assert "birthday" in item.title and "birthday" in item.kind_label
    draft = fu.get_draft(store, item, clock)
    assert draft.generated and draft.text.startswith("Hi Grace,\n\nHappy birthday!")
    # the greeting is this time's check-in: no second line for Grace
    assert [i.key for i in fu.list_queue(store, clock) if i.contact_id == grace] == [f"b{grace}"]


def test_day_by_day(store, clock) -> None:
    builders.person(store, clock, "Grace Liu", circle="family", birthday="--12-03")
    seen = {}
    clock.wall -= timedelta(days=1)  # Sunday 29 Nov: four days before
    for _ in range(13):
        items = _items(store, clock)
        group = seen[clock.today()] = items[0].group.value if items else None
        counts = fu.queue_counts(store, clock)  # the header's counts agree with the queue
        assert (counts["due_today"], counts["overdue"]) == (int(group == "today"), int(group == "overdue"))
        clock.advance(24 * 3600)
    assert seen == {
        date(2026, 11, 29): None, date(2026, 11, 30): "week", date(2026, 12, 1): "week", date(2026, 12, 2): "week",
        date(2026, 12, 3): "today", **{date(2026, 12, d): "overdue" for d in range(4, 11)}, date(2026, 12, 11): None,
    }


def test_settings_switch_it_off_or_change_the_days(store, clock) -> None:
    builders.person(store, clock, "Grace Liu", circle="family", birthday="1988-12-03")
    save_setting(store, "birthday_reminders", False)
    assert _items(store, clock) == []
    assert load_settings(store).birthday_reminders is False
    save_setting(store, "birthday_reminders", True)
    save_setting(store, "birthday_days_before", 2)
    assert _items(store, clock) == []  # three days ahead: not yet
    clock.advance(24 * 3600)
    assert len(_items(store, clock)) == 1


def test_done_restarts_the_clock_and_waits_for_next_year(store, clock) -> None:
    grace = builders.person(store, clock, "Grace Liu", circle="family", birthday="1988-12-03")
    item = _items(store, clock)[0]
    clock.advance(3600)
    outcome = fu.apply_done(store, item, clock)
    assert outcome.message == "Done, and noted on Grace Liu's timeline. The keep-in-touch clock starts again."
    from netnet.data.contact_page import load_page

    page = load_page(store, grace)
    assert page.detail.last_interaction_at == clock.now()
    assert page.timeline[0].notes == "Checked in: Wish Grace Liu a happy birthday"
    for _ in range(12):  # not again this time round
        assert _items(store, clock) == []
        clock.advance(24 * 3600)
    clock.wall = datetime(2027, 11, 30, 9, 0, tzinfo=UTC)
    assert [i.due for i in _items(store, clock)] == [date(2027, 12, 3)]
    # undo brings this year's greeting back
    clock.wall = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    fu.undo(store, outcome.undo, clock)
    assert [i.key for i in _items(store, clock)] == [item.key]


def test_snooze_and_drop(store, clock) -> None:
    grace = builders.person(store, clock, "Grace Liu", circle="family", birthday="1988-12-03")
    tom = builders.person(store, clock, "Tom Becker", circle="family", birthday="1988-12-03")
    with store.write() as conn:  # Tom was last seen long ago: his keep-in-touch check-in is overdue
        conn.execute("UPDATE contact SET created_at = '2025-01-01T00:00:00+00:00' WHERE id = :id", {"id": tom})
    assert {i.key for i in fu.list_queue(store, clock) if i.contact_id == tom} == {f"b{tom}"}
    greet_grace = next(i for i in _items(store, clock) if i.contact_id == grace)
    fu.apply_snooze(store, greet_grace, date(2026, 12, 5), clock)
    stored = [i for i in fu.list_queue(store, clock) if i.contact_id == grace]
    assert [(i.source, i.reason, i.title, i.due) for i in stored] == [
        ("followup", "birthday", "Wish Grace Liu a happy birthday", date(2026, 12, 5))]
    greet_tom = next(i for i in _items(store, clock) if i.contact_id == tom)
    assert fu.apply_drop(store, greet_tom, clock).message.startswith("Dropped")
    # the greeting stays dropped, but dropping it says nothing about keeping in touch
    assert [i.key for i in fu.list_queue(store, clock) if i.contact_id == tom] == [f"c{tom}"]


def test_a_birthday_the_queue_counts_on_the_day(store, clock) -> None:
    builders.person(store, clock, "Grace Liu", circle="family", birthday="1988-11-30")
    assert fu.queue_counts(store, clock)["due_today"] == 1
    assert [i.when for i in _items(store, clock)] == ["today"]
