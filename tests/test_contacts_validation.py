"""The contact form's checks: one plain sentence for each mistake, cleaned values otherwise."""

from __future__ import annotations

import pytest

from netnet.core import validation as v


def test_a_name_is_required() -> None:
    assert v.check_name("") and v.check_name("   ")
    assert v.check_name("Joe") is None
    assert v.check_name("x" * 201)


@pytest.mark.parametrize("good", ["joe@example.org", "a.b+c@sub.example.co.uk", "ÅSA@exämple.se"])
def test_good_emails(good: str) -> None:
    assert v.check_email(good) is None


@pytest.mark.parametrize("bad", ["joe", "joe@", "@example.org", "joe@example", "joe@@example.org",
                                 "joe example@x.org", "joe@example..org", "joe@.org"])
def test_bad_emails_say_what_is_wrong(bad: str) -> None:
    message = v.check_email(bad)
    assert message and bad in message and "name@example.org" in message


def test_several_emails_are_split_and_the_bad_one_named() -> None:
    assert v.check_emails("a@x.org, b@y.org") == (["a@x.org", "b@y.org"], None)
    items, error = v.check_emails("a@x.org; nope")
    assert items == ["a@x.org", "nope"] and "“nope”" in error


@pytest.mark.parametrize("good", ["+1 555 010 2233", "(555) 013-4477", "555.0101", "020 7946 0018 ext 12",
                                  "+44 20 7946 0018 x3"])
def test_good_phones(good: str) -> None:
    assert v.check_phone(good) is None


@pytest.mark.parametrize("bad", ["555-CALL-NOW", "call me", "12", "+", "555 0101 o"])
def test_phones_with_letters_or_too_few_digits_are_refused(bad: str) -> None:
    assert v.check_phone(bad)


def test_links() -> None:
    assert v.check_links("https://linkedin.com/in/joe, example.org") == (["https://linkedin.com/in/joe", "example.org"], None)
    assert v.check_link("not a link")
    assert v.check_link("justaword")


def test_intervals() -> None:
    assert v.check_cadence("", "") == (None, None, None, None)
    assert v.check_cadence("30", "60") == (30, 60, None, None)
    assert v.check_cadence("30", "")[:2] == (30, None)
    assert "number of days" in v.check_cadence("soon", "")[2]
    assert "between 1 and" in v.check_cadence("0", "")[2]
    assert "at least the ideal" in v.check_cadence("60", "30")[3]
    assert "ideal interval too" in v.check_cadence("", "30")[3]


def test_birthdays() -> None:
    assert v.check_birthday("1984-03-21") == ("1984-03-21", None)
    assert v.check_birthday("03-21") == ("--03-21", None)
    assert v.check_birthday("02-29") == ("--02-29", None)
    assert v.check_birthday("") == (None, None)
    assert v.check_birthday("1983-02-29")[1]
    assert v.check_birthday("March 21")[1]
    assert v.show_birthday("--03-21") == "03-21" and v.show_birthday("1984-03-21") == "1984-03-21"


def test_tags_are_split_and_deduplicated_ignoring_case() -> None:
    assert v.check_tags("alumni, Rotary; rotary\n mentor") == ["alumni", "Rotary", "mentor"]


def test_when_something_happened() -> None:
    from datetime import date

    today = date(2026, 11, 27)
    assert v.check_when("", today) == (today, None)
    assert v.check_when("Yesterday", today) == (date(2026, 11, 26), None)
    assert v.check_when("3 days ago", today) == (date(2026, 11, 24), None)
    assert v.check_when("2w", today) == (date(2026, 11, 13), None)
    assert v.check_when("2026-11-01", today) == (date(2026, 11, 1), None)
    assert "still to come" in v.check_when("2026-12-01", today)[1]
    assert "not a day" in v.check_when("last tuesday-ish", today)[1]
