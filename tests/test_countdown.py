"""The countdown on a fake clock: exact from a monotonic origin, never counted in ticks."""

from __future__ import annotations

from netnet.core.autosave import AutosavePolicy
from netnet.core.countdown import Countdown, Level, clock_text


def test_fifteen_minutes_simulated_second_by_second(clock) -> None:
    countdown = Countdown(clock, 900)
    assert countdown.text() == "15:00 left"
    assert countdown.display() == "15:00"
    events: list[tuple[int, str]] = []
    for second in range(1, 901):
        clock.advance(1)
        events += [(second, e) for e in countdown.poll()]
    assert events == [(720, "soon"), (840, "last"), (900, "ring")]
    assert countdown.remaining == 0
    assert countdown.level is Level.OVER
    assert countdown.text() == "0:00 over time"


def test_text_rounds_up_while_counting_down(clock) -> None:
    countdown = Countdown(clock, 900)
    clock.advance(0.4)
    assert countdown.text() == "15:00 left"
    clock.advance(0.6)
    assert countdown.text() == "14:59 left"
    clock.advance(2 * 60 + 18)
    assert countdown.text() == "12:41 left"
    assert countdown.elapsed_text() == "2:19"


def test_a_stalled_loop_loses_nothing_and_rings_once(clock) -> None:
    countdown = Countdown(clock, 900)
    clock.advance(10)
    assert countdown.poll() == []
    clock.advance(1000)  # the event loop (or a suspended terminal) did not tick for 16 minutes
    assert countdown.elapsed == 1010
    assert countdown.text() == "1:50 over time"
    assert countdown.display() == "+1:50"
    assert countdown.poll() == ["soon", "last", "ring"]
    clock.advance(60)
    assert countdown.poll() == []


def test_pause_and_resume_do_not_count_paused_time(clock) -> None:
    countdown = Countdown(clock, 900)
    clock.advance(100)
    countdown.pause()
    assert countdown.paused
    clock.advance(500)
    assert countdown.elapsed == 100
    assert countdown.text() == "13:20 left (paused)"
    countdown.resume()
    clock.advance(20)
    assert countdown.elapsed == 120
    assert countdown.toggle() is True
    assert countdown.toggle() is False
    assert countdown.text() == "13:00 left"


def test_levels_carry_a_word_and_a_symbol(clock) -> None:
    countdown = Countdown(clock, 900)
    seen = {}
    for advance in (0, 900 - 90, 60, 31):
        clock.advance(advance)
        seen[countdown.level] = (countdown.level.symbol, countdown.level.word)
    assert set(seen) == {Level.OK, Level.SOON, Level.LAST, Level.OVER}
    assert all(symbol and word for symbol, word in seen.values())


def test_overtime_counts_up(clock) -> None:
    countdown = Countdown(clock, 60)
    clock.advance(125)
    assert countdown.overtime == 65
    assert countdown.display() == "+1:05"
    assert countdown.level is Level.OVER


def test_a_recovered_call_in_overtime_does_not_ring_again(clock) -> None:
    countdown = Countdown(clock, 900, elapsed=950)
    assert countdown.poll() == []
    assert countdown.text() == "0:50 over time"
    resumed = Countdown(clock, 900, elapsed=850, running=False)
    assert resumed.paused and resumed.elapsed == 850
    resumed.resume()
    clock.advance(200)
    assert resumed.poll() == ["ring"]  # "soon" and "last" were behind it already


def test_short_calls_scale_their_warnings(clock) -> None:
    countdown = Countdown(clock, 300)
    assert countdown.thresholds.soon == 60 and countdown.thresholds.last == 30


def test_clock_text() -> None:
    assert clock_text(0) == "0:00"
    assert clock_text(761) == "12:41"
    assert clock_text(3725) == "1:02:05"


def test_autosave_policy_idle_and_max_age(clock) -> None:
    policy = AutosavePolicy(clock, max_age=1.0, idle=0.4)
    assert not policy.due()
    policy.changed()
    clock.advance(0.3)
    assert not policy.due()
    clock.advance(0.1)
    assert policy.due()  # typing stopped 0.4 s ago
    policy.saved()
    # typing without pause: saved at least every second
    for _ in range(5):
        policy.changed()
        clock.advance(0.2)
    policy.changed()
    assert policy.due()
