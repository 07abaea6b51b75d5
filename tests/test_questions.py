"""The question bank: every purpose has its families, in our own words."""

from __future__ import annotations

from pathlib import Path

from netnet.core import questions as q

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "networking-1-o-1.txt"


def test_each_purpose_has_the_families_the_method_names() -> None:
    assert set(q.JOB_ORG) == {"Career paths", "How hiring works", "Projects under way", "Skills that give an edge"}
    assert set(q.EXPLORE_FIELD) == {"Overview", "Where it is heading", "New technology and research", "Challenges"}
    assert set(q.BUILD_NETWORK) == {"Who else to talk to", "Organisations to join"}
    assert q.GENERAL_FAMILIES == ("Trends", "Insights", "Advice", "Resources", "Assignments")
    challenges = " ".join(q.EXPLORE_FIELD["Challenges"]).lower()
    for word in ("government", "funded", "social", "physical"):
        assert word in challenges


def test_closing_asks_who_else_and_which_organisations() -> None:
    texts = [c.text for c in q.closing_questions()]
    assert "Who else should I talk to?" in texts
    assert any("organisations" in t for t in texts)


def test_proposed_lists_fit_a_short_call_and_end_with_closing() -> None:
    for purpose in ("job_org", "explore_field", "build_network", "own_words"):
        picked = q.proposed(purpose)
        assert 4 <= len(picked) <= 8, purpose
        assert picked[-1].family == q.CLOSING_FAMILY
        assert len({p.text for p in picked}) == len(picked)
    assert {p.family for p in q.proposed("job_org")} >= set(q.JOB_ORG)
    assert {p.family for p in q.proposed("own_words")} >= set(q.GENERAL)


def test_full_bank_has_no_duplicates_and_every_question_is_a_question() -> None:
    for purpose in q.BY_PURPOSE:
        bank = q.full_bank(purpose)
        assert len({b.text for b in bank}) == len(bank)
        assert all(b.text.endswith("?") for b in bank)


def test_general_call_list() -> None:
    picked = q.general_call()
    assert [p.family for p in picked[:5]] == list(q.GENERAL_FAMILIES)
    assert picked[-1].family == q.CLOSING_FAMILY


def test_written_in_our_own_words_not_copied_from_the_column() -> None:
    if not SEED.exists():  # the shared folder travels beside the repository
        import pytest

        pytest.skip("seed text not available")
    source = " ".join(SEED.read_text(encoding="utf-8").lower().split())
    for item in q.full_bank("job_org") + q.full_bank("explore_field") + q.full_bank("build_network"):
        words = item.text.lower().rstrip("?").split()
        # no run of seven words appears verbatim in the source
        for start in range(max(1, len(words) - 6)):
            assert " ".join(words[start:start + 7]) not in source, item.text
