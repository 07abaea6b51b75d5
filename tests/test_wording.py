"""Words a new user tripped over (issue 14, item 24)."""

from __future__ import annotations

from netnet.core.asks import _article, draft_ask
from netnet.core.clock import FakeClock
from netnet.core.countdown import Countdown
from netnet.core.referral import TargetSpec
from netnet.data.interviews import QuestionItem, specifics


def test_a_or_an_by_sound() -> None:
    assert _article("UX researcher") == "a"
    assert _article("MBA graduate") == "an"
    assert _article("analyst") == "an"
    assert _article("university lecturer") == "a"
    assert _article("hour-long role") == "an"
    assert _article("data analyst") == "a"


def test_a_goal_title_reads_as_part_of_the_sentence() -> None:
    spec = TargetSpec(kind="title", job_title="UX Researcher")
    text = draft_ask(spec, "Zoë Fischer", "Move from operations into healthcare analytics")
    assert "matters to me: move from operations into healthcare analytics." in text
    assert "works as a UX researcher" in text
    assert "matters to me: UX research at Northwind." in draft_ask(spec, "Zoë", "UX research at Northwind")


def test_a_long_note_is_quoted_as_a_whole_sentence_never_cut_off() -> None:
    note = ("The discharge project needs an analyst by March, and the team wants someone who has run "
            "a ward. They hire mostly by referral.")
    found = specifics(note, [QuestionItem(1, 0, "Own", "Q", answered=True, notes="")])
    assert found == ["The discharge project needs an analyst by March, and the team wants someone who has "
                     "run a ward"]
    assert not any("…" in line for line in found)


async def test_the_pause_label_says_paused_once() -> None:
    from textual.app import App

    from netnet.widgets.countdown import CountdownDisplay

    clock = FakeClock()
    countdown = Countdown(clock, 900)
    countdown.toggle()

    class One(App):
        def compose(self):
            yield CountdownDisplay(countdown, id="cd")

    app = One()
    async with app.run_test(size=(60, 10)):
        words = str(app.query_one("#countdown-text").render())
        assert words == "15:00 left · ⏸ paused"
