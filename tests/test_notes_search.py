"""Who told me about X (the search across every note) and what I've learned per goal, as services.
Each test that takes `store` runs on SQLite and on PostgreSQL (conftest.py: BOTH_ENGINES)."""

from __future__ import annotations

import json
from datetime import timedelta

from netnet.data import interviews as iv
from netnet.data.contacts import log_interaction, trash_contacts
from netnet.data.json_file import dump_json, import_json
from netnet.data.lessons import goal_lessons, goal_sections
from netnet.data.notes_search import fill_search_texts, search_notes
from tests import builders
from tests.notes_builders import held_interview

NOTES = ("[00:40] Most analysts came from operations.\n"
         "[04:10] Hiring: referrals first, then a take-home exercise.\n"
         "They said Søren Kjær runs the take-home.\n"
         "[14:20] Suggested I talk to Carlos Mendes.")


def _found(store, query: str, **kwargs) -> list[tuple[str, str, str, str]]:
    return [(m.person, m.where_words, m.stamp, m.line) for m in search_notes(store, query, **kwargs).matches]


def test_one_search_finds_call_notes_answers_lessons_and_logged_notes(store, clock) -> None:
    maria = builders.person(store, clock, "Maria Lindqvist", organisation="Harbour Health")
    joe = builders.person(store, clock, "Joe Okafor")
    held_interview(store, clock, maria, notes=NOTES, answers={2: "Referrals, then a take-home."},
                   learned="Operations experience is an asset.\nAsk Carlos about the discharge project.",
                   days_ago=3)
    log_interaction(store, joe, "meeting", clock, "Coffee: Carlos at Harbour Health is hiring.",
                    clock.now() - timedelta(days=1))
    assert _found(store, "carlos") == [
        ("Joe Okafor", "logged meeting", "", "Coffee: Carlos at Harbour Health is hiring."),
        ("Maria Lindqvist", "call note [14:20]", "14:20", "Suggested I talk to Carlos Mendes."),
        ("Maria Lindqvist", "lesson", "", "Ask Carlos about the discharge project."),
    ]
    assert _found(store, "take-home") == [
        ("Maria Lindqvist", "call note [04:10]", "04:10", "Hiring: referrals first, then a take-home exercise."),
        ("Maria Lindqvist", "call note [04:10]", "04:10", "They said Søren Kjær runs the take-home."),
        ("Maria Lindqvist", "question 2: How does hiring work here?", "", "Referrals, then a take-home."),
    ]


def test_accents_and_case_do_not_matter_and_words_are_found_by_their_beginning(store, clock) -> None:
    maria = builders.person(store, clock, "Maria Lindqvist")
    held_interview(store, clock, maria, notes=NOTES)
    for query in ("soren kjaer", "SØREN", "Soren", "kjær"):
        assert [line for *_, line in _found(store, query)] == ["They said Søren Kjær runs the take-home."], query
    assert len(_found(store, "hir")) == 1
    assert _found(store, "iring") == []  # the middle of a word is not its beginning
    assert _found(store, "carlos glaciology") == []  # every word, not one of them
    # Both words in the note, on lines of their own: the first line holding one stands for it.
    assert [line for *_, line in _found(store, "carlos operations")] == ["Most analysts came from operations."]
    assert search_notes(store, "  !!  ").words == [] and search_notes(store, "!!").matches == []


def test_newest_first_and_a_limit_keeps_the_newest(store, clock) -> None:
    ana = builders.person(store, clock, "Ana Ribeiro")
    for days in (30, 2, 10):
        log_interaction(store, ana, "call", clock, f"Budget talk {days} days ago", clock.now() - timedelta(days=days))
    held_interview(store, clock, ana, notes="[01:00] The budget doubles next year.", days_ago=5)
    lines = [line for *_, line in _found(store, "budget")]
    assert lines == ["Budget talk 2 days ago", "The budget doubles next year.", "Budget talk 10 days ago",
                     "Budget talk 30 days ago"]
    newest = search_notes(store, "budget", limit=2)
    assert [m.line for m in newest.matches] == lines[:2] and not newest.complete
    assert search_notes(store, "budget", limit=10).complete


def test_people_in_the_trash_and_linkedin_connections_are_left_out(store, clock, tmp_path) -> None:
    kept = builders.person(store, clock, "Kept Person")
    gone = builders.person(store, clock, "Gone Person")
    log_interaction(store, kept, "call", clock, "Talked about the harbour project")
    log_interaction(store, gone, "call", clock, "Also the harbour project")
    trash_contacts(store, [gone], clock)
    assert [person for person, *_ in _found(store, "harbour")] == ["Kept Person"]
    from netnet.importing import import_file

    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Dana,Whitfield,,,Lumen Bank,Analyst,12 Mar 2021\n", encoding="utf-8")
    import_file(store, "linkedin", path, clock)
    assert _found(store, "linkedin") == []  # "Connected on LinkedIn" is netnet's own, thousands of times


def test_the_words_follow_the_notes_as_the_call_and_the_wrap_up_change_them(store, clock) -> None:
    maria = builders.person(store, clock, "Maria Lindqvist")
    interview = iv.quick_call(store, clock, "Maria Lindqvist")
    questions = iv.get_interview(store, interview).questions
    iv.autosave(store, clock, interview, notes="[01:00] Kubernetes everywhere",
                question_notes={questions[0].id: "Started as a nurse"})
    assert [m.where for m in search_notes(store, "kubernetes").matches] == ["call_note"]
    assert [m.where for m in search_notes(store, "nurse").matches] == ["question"]
    iv.autosave(store, clock, interview, notes="[01:00] Terraform everywhere")
    assert search_notes(store, "kubernetes").matches == []
    iv.end_call(store, clock, interview)
    iv.save_wrapup(store, clock, interview, learned="Learn Terraform next")
    assert [m.where for m in search_notes(store, "terraform").matches] == ["call_note", "lesson"]
    iv.save_wrapup(store, clock, interview, learned="Learn Ansible", notes="[01:00] Ansible only")
    assert search_notes(store, "terraform").matches == []
    assert [m.interview_done for m in search_notes(store, "ansible").matches] == [True, True]
    iv.replace_questions(store, interview, [("Insights", questions[0].text), ("Own", "A new one?")])
    assert [m.question_number for m in search_notes(store, "nurse").matches] == [1]  # the notes stay with it
    assert maria


def test_search_texts_are_filled_for_notes_written_without_them(store, clock) -> None:
    """Rows from before the notes kept their words (a restore of an older export, a hand-written row)."""
    ana = builders.person(store, clock, "Ana Ribeiro")
    log_interaction(store, ana, "call", clock, "Old note about glaciology")
    held_interview(store, clock, ana, notes="[02:00] More glaciology", learned="Glaciology matters",
                   answers={1: "Glaciology first"})
    with store.write() as conn:
        for table in ("interaction", "interview", "interview_question"):
            conn.execute(f"UPDATE {table} SET search_text = ''")
    assert search_notes(store, "glaciology").matches == []
    with store.write() as conn:
        assert fill_search_texts(conn) == 4  # the note, the call logged on the timeline, its notes, an answer
    assert sorted(m.where for m in search_notes(store, "glaciology").matches) == [
        "call_note", "interaction", "lesson", "question"]


def test_a_restore_of_an_export_without_search_texts_is_searchable(store, clock, tmp_path) -> None:
    ana = builders.person(store, clock, "Ana Ribeiro")
    log_interaction(store, ana, "call", clock, "Talked about ornithology")
    held_interview(store, clock, ana, notes="[02:00] Ornithology again")
    document = json.loads(dump_json(store, clock.now()))
    for name in ("interaction", "interview", "interview_question"):
        table = document["tables"][name]
        at = table["columns"].index("search_text")
        table["columns"].pop(at)
        for row in table["rows"]:
            row.pop(at)
    with store.write() as conn:
        for table in ("interview_question", "interaction", "followup", "plan_item", "interview", "target",
                      "goal", "contact_method", "contact_tag", "job_change", "contact"):
            conn.execute(f"DELETE FROM {table}")
    import_json(store, json.dumps(document).encode(), "old.json", clock)
    assert sorted(m.where for m in search_notes(store, "ornithology").matches) == ["call_note", "interaction"]


def test_what_i_learned_gathers_a_goals_interviews_newest_first(store, clock) -> None:
    goal = builders.goal(store, clock, "Move into analytics")
    other = builders.goal(store, clock, "Learn forecasting")
    target = builders.target(store, clock, goal, organisation="Harbour Health")
    maria = builders.person(store, clock, "Maria Lindqvist", organisation="Harbour Health")
    carlos = builders.person(store, clock, "Carlos Mendes")
    first = held_interview(store, clock, maria, goal_id=goal, notes=NOTES, learned="- SQL matters\n- Ask Carlos",
                           answers={2: "Referrals"}, plan=["Take an SQL course"], days_ago=10)
    second = held_interview(store, clock, carlos, target_id=target, notes="[03:00] Budget is set in spring",
                            days_ago=2)
    held_interview(store, clock, carlos, goal_id=other, learned="Forecasting needs clean data", days_ago=1)
    held_interview(store, clock, carlos, goal_id=goal, days_ago=1)  # nothing written: left out
    cancelled = builders.interview_draft(store, clock, carlos)
    iv.cancel_interview(store, clock, cancelled)
    lessons = goal_lessons(store, goal)
    assert lessons.title == "Move into analytics"
    assert [item.interview_id for item in lessons.interviews] == [second, first]
    newest, oldest = lessons.interviews
    assert [line.stamp for line in newest.call_notes] == ["03:00"]
    assert oldest.lessons == ["SQL matters", "Ask Carlos"]
    assert [(line.stamp, line.own) for line in oldest.call_notes] == [("00:40", True), ("04:10", True),
                                                                        ("04:10", False), ("14:20", True)]
    assert [(q.number, q.text, [line.text for line in q.lines]) for q in oldest.questions] == [
        (2, "How does hiring work here?", ["Referrals"])]
    assert [p.text for p in oldest.plan] == ["Take an SQL course"]
    assert lessons.counts() == {"interviews": 2, "lessons": 2, "call_notes": 5, "answers": 1, "plan": 1}
    assert goal_lessons(store, 9999) is None
    sections = {section.title: section for section in goal_sections(store)}
    assert [item.interview_id for item in sections["Move into analytics"].lessons] == [second, first]
    assert [item.lessons for item in sections["Learn forecasting"].lessons] == [["Forecasting needs clean data"]]


def test_the_interaction_index_is_the_engines_own(store) -> None:
    with store.read() as conn:
        if store.dialect.name == "sqlite":
            assert store.dialect.has_note_search
            assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'interaction_fts%' "
                                "AND type = 'trigger'").fetchone()[0] == 3
        else:
            assert conn.execute("SELECT to_regclass('interaction_search_trgm') IS NOT NULL").fetchone()[0]


def test_without_fts5_the_same_notes_are_found(store, clock) -> None:
    ana = builders.person(store, clock, "Ana Ribeiro")
    log_interaction(store, ana, "call", clock, "Søren mentioned the harpsichord")
    store.dialect.has_note_search = False  # LIKE over the same words
    try:
        assert [m.line for m in search_notes(store, "soren harp").matches] == ["Søren mentioned the harpsichord"]
    finally:
        store.dialect.has_note_search = True


def test_a_word_in_thousands_of_notes_finds_the_same_newest_by_the_date_index(store, clock, monkeypatch) -> None:
    from netnet.data import notes_search

    ana, ben = builders.people(store, clock, "Ana Ribeiro", "Ben Adeyemi")
    for days in (40, 3, 25, 9, 1, 17):  # logged out of date order: ids do not follow the dates
        log_interaction(store, ana if days % 2 else ben, "call", clock, f"Budget, {days} days ago",
                        clock.now() - timedelta(days=days))
    sorted_all = [m.line for m in search_notes(store, "budget", limit=4).matches]
    monkeypatch.setattr(notes_search, "MANY", 0)  # as if the word were in thousands of notes
    assert [m.line for m in search_notes(store, "budget", limit=4).matches] == sorted_all == [
        "Budget, 1 days ago", "Budget, 3 days ago", "Budget, 9 days ago", "Budget, 17 days ago"]


def test_a_network_from_before_notes_kept_their_words_is_searchable_once_migrated(store, clock) -> None:
    """The migration adds the columns, fills them from the notes there are and builds the indexes,
    on either engine: here a network is taken back to the version before it, then opened again."""
    from netnet.data import schema

    before = schema.SCHEMA_VERSION - 1  # the one version this migration moves from
    ana = builders.person(store, clock, "Ana Ribeiro")
    log_interaction(store, ana, "call", clock, "Søren talked about harpsichords")
    held_interview(store, clock, ana, notes="[02:00] Harpsichord lessons", learned="Harpsichords are back",
                   answers={1: "A harpsichord maker"})
    with store.write() as conn:
        if store.dialect.name == "sqlite":
            for trigger in ("interaction_fts_ai", "interaction_fts_ad", "interaction_fts_au"):
                conn.execute(f"DROP TRIGGER {trigger}")
            conn.execute("DROP TABLE interaction_fts")
        else:
            conn.execute("DROP INDEX interaction_search_trgm")
        conn.execute("DROP INDEX interaction_occurred_at")
        for table in ("interaction", "interview", "interview_question"):
            conn.execute(f"ALTER TABLE {table} DROP COLUMN search_text")
        conn.execute("DELETE FROM schema_version WHERE version > :version", {"version": before})
        schema.record_version(conn, store.dialect, before)
    store.close()
    if store.dialect.name == "sqlite":
        from netnet.data.store import Store

        again = Store(store.path)
    else:
        from netnet.data.postgres import PostgresStore

        again = PostgresStore(store.url)
    try:
        assert sorted(m.where for m in search_notes(again, "harpsichord").matches) == [
            "call_note", "interaction", "lesson", "question"]
        log_interaction(again, ana, "email", clock, "More harpsichord news")  # kept in step from now on
        assert len(search_notes(again, "harpsichord news").matches) == 1
        with again.read() as conn:
            versions = [r.version for r in conn.execute("SELECT version FROM schema_version ORDER BY version")]
        assert versions[-1] == schema.SCHEMA_VERSION
    finally:
        again.close()


def test_a_copy_into_a_new_file_indexes_the_notes_at_once_and_finds_them(store, clock, tmp_path) -> None:
    from netnet.data.contacts import insert_interaction
    from netnet.data.network_copy import copy_network
    from netnet.data.store import Store

    ana = builders.person(store, clock, "Ana Ribeiro")
    with store.write() as conn:  # enough for the copy to index them in one statement
        for n in range(600):
            insert_interaction(conn, ana, "note", clock.now() - timedelta(minutes=n), clock.now(),
                               "Glaciology again" if n % 100 == 0 else f"Note {n}")
    copy_network(store, tmp_path / "copy.db")
    copied = Store(tmp_path / "copy.db")
    try:
        assert len(search_notes(copied, "glaciology").matches) == 6
        assert [m.line for m in search_notes(copied, "note 599").matches] == ["Note 599"]
        with copied.write() as conn:
            conn.execute("INSERT INTO interaction_fts(interaction_fts) VALUES ('integrity-check')")
            assert conn.execute("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' "
                                "AND name = 'interaction_fts_ai'").fetchone().n == 1  # put back
    finally:
        copied.close()
