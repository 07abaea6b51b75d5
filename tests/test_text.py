"""Folding and human sort order."""

from __future__ import annotations

import pytest

from netnet.core.text import fold, sort_key, words


@pytest.mark.parametrize(
    ("given", "folded"),
    [
        ("Søren Kjær", "soren kjaer"),
        ("Łucja Wiśniewska", "lucja wisniewska"),
        ("Æsa Ødegård", "aesa odegard"),
        ("Straße", "strasse"),
        ("Chloé Dubois", "chloe dubois"),
        ("ZOË", "zoe"),
        ("Þór Ðorðević", "thor dordevic"),
        ("Nora O’Brien", "nora o'brien"),
    ],
)
def test_fold_removes_accents_and_special_letters(given: str, folded: str) -> None:
    assert fold(given) == folded


def test_words_split_on_punctuation() -> None:
    assert words("c++ foo-bar \"quoted\" NEAR(x") == ["c", "foo", "bar", "quoted", "near", "x"]
    assert words('"') == []
    assert words("   ") == []


def test_sort_key_puts_family_name_first_and_ignores_accents() -> None:
    assert sort_key("Søren Kjær", "Kjær", "Søren") == "kjaer soren"
    names = [("Zoë Fischer", "Fischer", "Zoë"), ("Chloé Dubois", "Dubois", "Chloé"),
             ("Ana Élan", "Élan", "Ana"), ("Ben Adeyemi", "Adeyemi", "Ben")]
    ordered = sorted(names, key=lambda n: sort_key(*n))
    assert [n[0] for n in ordered] == ["Ben Adeyemi", "Chloé Dubois", "Ana Élan", "Zoë Fischer"]


def test_sort_key_falls_back_to_the_display_name() -> None:
    assert sort_key("Prince") == "prince"
    assert sort_key("!!!") == "!!!"
