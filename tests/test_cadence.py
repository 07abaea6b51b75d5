"""Keep-in-touch rules: defaults by circle and connector role, the restart at the last interaction."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from netnet.core.cadence import Cadence, effective_cadence, next_checkin, touch_state
from netnet.core.enums import TouchState

TODAY = date(2026, 11, 27)


def at(days_ago: int) -> datetime:
    return datetime(2026, 11, 27, 9, 0, tzinfo=UTC) - timedelta(days=days_ago)


def test_no_circle_means_no_cadence_so_imports_create_no_overdue_contacts() -> None:
    assert effective_cadence(None, None, None, None) is None
    assert touch_state(None, None, at(900), TODAY) == (TouchState.NONE, 0)


def test_defaults_follow_the_circle_and_close_ties_come_more_often() -> None:
    family = effective_cadence("family", None, None, None)
    other = effective_cadence("other", None, None, None)
    assert family == Cadence(30, 60)
    assert family.ideal_days < other.ideal_days


def test_connectors_use_the_more_frequent_connector_default() -> None:
    assert effective_cadence("other", "clergy", None, None) == Cadence(30, 60)
    assert effective_cadence("family", "retail", None, None, connector_default=(40, 80)) == Cadence(30, 60)


def test_a_contacts_own_interval_wins() -> None:
    assert effective_cadence("family", None, 7, 14) == Cadence(7, 14)
    assert effective_cadence(None, None, 7, 14) == Cadence(7, 14)
    only_ideal = effective_cadence("family", None, 90, None)
    assert only_ideal.ideal_days == 90 and only_ideal.max_days >= 90


def test_settings_can_change_the_defaults() -> None:
    assert effective_cadence("friend", None, None, None, defaults={"friend": (5, 10)}) == Cadence(5, 10)


def test_maximum_below_ideal_is_refused() -> None:
    with pytest.raises(ValueError):
        Cadence(30, 10)
    with pytest.raises(ValueError):
        Cadence(0, 10)


@pytest.mark.parametrize(
    ("days", "state", "late"),
    [(0, TouchState.OK, 0), (30, TouchState.OK, 0), (31, TouchState.AMBER, 1), (60, TouchState.AMBER, 30),
     (61, TouchState.RED, 31), (400, TouchState.RED, 370)],
)
def test_states_at_the_boundaries(days: int, state: TouchState, late: int) -> None:
    assert touch_state(Cadence(30, 60), at(days), at(1000), TODAY) == (state, late)


def test_clock_restarts_at_the_last_interaction_not_the_creation_date() -> None:
    cadence = Cadence(30, 60)
    assert touch_state(cadence, at(3), at(500), TODAY)[0] is TouchState.OK
    assert touch_state(cadence, None, at(500), TODAY)[0] is TouchState.RED
    assert next_checkin(cadence, at(3), at(500)) == TODAY + timedelta(days=27)
    assert next_checkin(None, at(3), at(500)) is None


def test_every_state_has_a_word_and_a_symbol_not_only_a_colour() -> None:
    for state in TouchState:
        assert state.label
    assert {TouchState.OK.symbol, TouchState.AMBER.symbol, TouchState.RED.symbol} == {"✓", "!", "‼"}
