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


def test_fold_through_the_table_equals_folding_the_whole_text() -> None:
    """``fold`` folds character by character through a table: for every character, and for
    texts mixing them (marks after letters, ligatures, special letters, other scripts), the
    result is that of folding the whole text at once."""
    import random

    from netnet.core.text import _fold_slowly

    for code in range(0x80, 0x3000):
        if not 0xD800 <= code < 0xE000:
            assert fold(chr(code)) == _fold_slowly(chr(code)), hex(code)
    rng = random.Random(5)
    alphabet = [chr(code) for code in [*range(0x20, 0x250), *range(0x300, 0x370), *range(0x390, 0x4FF),
                                        *range(0x1E00, 0x1F00), 0x2018, 0x2019, 0xFB01, 0x2460, 0xAC00]]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
        assert fold(text) == _fold_slowly(text), repr(text)
    assert fold("Ǆemal İstanbul ﬁsh") == _fold_slowly("Ǆemal İstanbul ﬁsh")
