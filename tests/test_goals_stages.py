"""Stage rules, progress in words, the activity sparkline."""

from __future__ import annotations

from netnet.core.goals import restore_stage, sparkline, stage_counts_text, step


def test_one_step_forward_and_back_along_the_path() -> None:
    assert step("listed", 1) == "referral_asked"
    assert step("referral_asked", 1) == "introduced"
    assert step("introduced", 1) == "contacted"
    assert step("contacted", 1) == "interviewed"
    assert step("interviewed", 1) is None
    assert step("interviewed", -1) == "contacted"
    assert step("listed", -1) is None
    assert step("dropped", 1) is None and step("dropped", -1) is None


def test_restore_goes_back_to_the_last_stage_reached() -> None:
    assert restore_stage(["listed", "referral_asked", "introduced", "dropped"]) == "introduced"
    assert restore_stage(["dropped"]) == "listed"


def test_stage_counts_are_written_out_in_path_order() -> None:
    text = stage_counts_text({"interviewed": 1, "listed": 2, "referral_asked": 1, "dropped": 1})
    assert text == "2 listed, 1 referral asked, 1 interviewed, 1 dropped"
    assert stage_counts_text({}) == "no targets yet"


def test_sparkline_scales_to_the_busiest_week() -> None:
    assert sparkline([0, 0, 0]) == "▁▁▁"
    assert sparkline([0, 1, 2, 4]) == "▁▃▅█"
    assert sparkline([]) == ""
