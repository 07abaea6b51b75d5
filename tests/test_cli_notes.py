"""`netnet notes QUERY`: one line per matching line of notes, the exit status rule, and the --json
fields. Each test that takes `store` runs on SQLite and on PostgreSQL (conftest.py: BOTH_ENGINES)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from netnet.cli import run
from netnet.data.contacts import log_interaction
from tests import builders
from tests.notes_builders import held_interview

# The --json fields, exactly (documented in the README: a change here is a change for every script).
FIELDS = {"date", "at", "person", "contact_id", "interview_id", "where", "where_words", "stamp", "question",
          "question_number", "kind", "line"}


def _target(store) -> list[str]:
    return ["--db-url", store.url] if store.dialect.name == "postgresql" else ["--db", str(store.path)]


@pytest.fixture
def cli(store, clock, capsys):
    def call(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = run([*_target(store), *argv], clock=clock)
        out, err = capsys.readouterr()
        return code, out, err

    return call


@pytest.fixture
def said(store, clock) -> dict[str, int]:
    maria = builders.person(store, clock, "Maria Lindqvist")
    joe = builders.person(store, clock, "Joe Okafor")
    interview = held_interview(
        store, clock, maria, days_ago=3,
        notes="[00:40] Most analysts came from operations.\n[14:20] Talk to Søren\tKjær about the data team.",
        answers={3: "Søren, and Carlos."}, learned="Søren knows the hiring plan.")
    log_interaction(store, joe, "email", clock, "Søren is moving to Harbour Health.", clock.now() - timedelta(days=1))
    return {"maria": maria, "joe": joe, "interview": interview}


def test_each_matching_line_says_when_who_where_and_the_line(cli, said) -> None:
    code, out, err = cli("notes", "SOREN")
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "2026-11-26\tJoe Okafor\tlogged e-mail\tSøren is moving to Harbour Health.",
        "2026-11-24\tMaria Lindqvist\tcall note [14:20]\tTalk to Søren Kjær about the data team.",
        "2026-11-24\tMaria Lindqvist\tquestion 3: Who else should I talk to?\tSøren, and Carlos.",
        "2026-11-24\tMaria Lindqvist\tlesson\tSøren knows the hiring plan.",
    ]
    code, out, _ = cli("notes", "data", "team")
    assert code == 0 and len(out.splitlines()) == 1


def test_nothing_matching_is_exit_1_and_a_query_without_words_is_exit_2(cli, said) -> None:
    assert cli("notes", "glaciology") == (1, "", "")
    code, out, err = cli("notes", "!!")
    assert code == 2 and out == ""
    assert err.startswith("netnet: ") and len(err.strip().splitlines()) == 1
    with pytest.raises(SystemExit) as stopped:  # argparse: a query is required
        cli("notes")
    assert stopped.value.code == 2


def test_json_is_a_list_of_objects_with_the_documented_fields(cli, said) -> None:
    code, out, _ = cli("notes", "soren", "--json")
    assert code == 0
    found = json.loads(out)
    assert [set(item) for item in found] == [FIELDS] * 4
    email, call, question, lesson = found
    assert email == {"date": "2026-11-26", "at": email["at"], "person": "Joe Okafor", "contact_id": said["joe"],
                     "interview_id": None, "where": "interaction", "where_words": "logged e-mail", "stamp": None,
                     "question": None, "question_number": None, "kind": "email",
                     "line": "Søren is moving to Harbour Health."}
    assert (call["where"], call["stamp"], call["interview_id"]) == ("call_note", "14:20", said["interview"])
    assert (question["where"], question["question_number"], question["question"]) == (
        "question", 3, "Who else should I talk to?")
    assert (lesson["where"], lesson["contact_id"]) == ("lesson", said["maria"])
    assert cli("notes", "glaciology", "--json")[:2] == (1, "[]\n")
