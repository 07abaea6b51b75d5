"""Notes read line by line (time stamps, which lines a search finds, the words kept for the search)
and what I've learned narrowed by a search: pure logic, no database."""

from __future__ import annotations

from datetime import UTC, datetime

from netnet.core.lessons import InterviewLessons, PlanLine, QuestionNotes, lesson_lines, narrowed
from netnet.core.notes import (
    NoteLine,
    NoteMatch,
    interaction_words,
    matching_lines,
    note_lines,
    note_words,
    query_words,
    stamped_lines,
)

CALL = """[00:40] Most analysts came from operations.
They said the data team is hiring.

[04:10]
[05:02] Ask Søren Kjær about the HIRING freeze.
[1:02:05] Over an hour in: a long call."""


def test_each_line_carries_its_own_stamp_or_the_one_above() -> None:
    lines = note_lines(CALL)
    assert [(line.stamp, line.own, line.text) for line in lines] == [
        ("00:40", True, "Most analysts came from operations."),
        ("00:40", False, "They said the data team is hiring."),
        ("04:10", True, ""),
        ("05:02", True, "Ask Søren Kjær about the HIRING freeze."),
        ("1:02:05", True, "Over an hour in: a long call."),
    ]
    assert [line.number for line in lines] == [0, 1, 3, 4, 5]
    assert "" not in [line.text for line in stamped_lines(CALL)]  # a stamp alone holds nothing to read
    assert note_lines("no stamp at all")[0] == NoteLine("no stamp at all", "", False, 0)


def test_a_line_matches_when_every_word_begins_one_of_its_words_accents_and_case_aside() -> None:
    lines = stamped_lines(CALL)
    assert [line.stamp for line in matching_lines(lines, query_words("soren"))] == ["05:02"]
    assert [line.stamp for line in matching_lines(lines, query_words("HIR"))] == ["00:40", "05:02"]
    assert matching_lines(lines, query_words("iring")) == []  # the beginning of a word, not its middle
    assert [line.stamp for line in matching_lines(lines, query_words("kjaer hiring"))] == ["05:02"]
    assert matching_lines(lines, []) == []


def test_words_on_lines_of_their_own_still_find_the_note_by_its_first_line_holding_one() -> None:
    lines = note_lines("Spoke about budgets.\nAnd about the spring launch.")
    found = matching_lines(lines, query_words("budget launch"))
    assert [line.text for line in found] == ["Spoke about budgets."]
    assert matching_lines(lines, query_words("budget autumn")) == []


def test_the_words_kept_for_the_search_are_folded_and_connections_are_left_out() -> None:
    assert note_words("Søren: café at Straße 5", "ÆBLE") == "soren cafe at strasse 5 aeble"
    assert interaction_words("call", "Talked with Zoë") == "talked with zoe"
    assert interaction_words("connected", "Connected on LinkedIn") == ""


def test_where_a_match_is_written_is_said_in_words() -> None:
    when = datetime(2026, 11, 20, tzinfo=UTC)
    assert NoteMatch(when, "Maria", 1, "call_note", "x", stamp="14:20").where_words == "call note [14:20]"
    assert NoteMatch(when, "Maria", 1, "call_note", "x").where_words == "call note"
    assert NoteMatch(when, "Maria", 1, "question", "x", question="Who else?", question_number=3).where_words \
        == "question 3: Who else?"
    assert NoteMatch(when, "Maria", 1, "lesson", "x").where_words == "lesson"
    assert NoteMatch(when, "Maria", 1, "interaction", "x", kind="email").where_words == "logged e-mail"


def test_lessons_are_the_lines_of_the_wrap_up_without_list_marks() -> None:
    assert lesson_lines("- SQL matters\n\n* Ask Carlos\n• Apply in spring\nPlain line") == [
        "SQL matters", "Ask Carlos", "Apply in spring", "Plain line"]


def _interview(person: str, **parts) -> InterviewLessons:
    return InterviewLessons(1, person, 1, "Harbour Health", datetime(2026, 11, 20, tzinfo=UTC), "done", **parts)


def test_a_search_within_keeps_the_lines_holding_it_and_a_person_who_matches_whole() -> None:
    maria = _interview("Maria Lindqvist", lessons=["Learn SQL properly", "Operations is an asset"],
                       call_notes=[NoteLine("Hiring starts in spring", "04:10", True)],
                       questions=[QuestionNotes(2, "How does hiring work?", [NoteLine("Referrals first")]),
                                  QuestionNotes(3, "What projects?", [NoteLine("Discharge delays")])],
                       plan=[PlanLine("Take an SQL course", "skill", "short", "doing")])
    [kept] = narrowed([maria], query_words("sql"))
    assert kept.lessons == ["Learn SQL properly"] and kept.call_notes == [] and kept.questions == []
    assert [p.text for p in kept.plan] == ["Take an SQL course"]
    [kept] = narrowed([maria], query_words("hiring"))  # the question itself holds it: its notes stay
    assert kept.call_notes[0].stamp == "04:10" and [q.number for q in kept.questions] == [2]
    assert narrowed([maria], query_words("harbour")) == [maria]  # the organisation: the whole interview
    assert narrowed([maria], query_words("nothing like this")) == []
    assert narrowed([maria], []) == [maria]
