"""``netnet opportunities``: one a line or --json, most pressing first, --goal and --stage, and the
exit status rule (0 listed, 1 none, 2 a mistake). Runs on SQLite and on PostgreSQL (BOTH_ENGINES)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from netnet.cli import run
from netnet.data import opportunities as svc
from netnet.data.interviews import quick_call
from netnet.data.opportunities import OpportunityInput
from tests import builders as b

# The --json fields the README promises (more may be added, none renamed).
PROMISED = {"key", "title", "organisation", "goal", "stage", "next_step", "next_due", "source"}


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
def made(store, clock) -> dict[str, int]:
    analytics = b.goal(store, clock, "Move into analytics")
    teach = b.goal(store, clock, "Learn to teach")
    ada = b.person(store, clock, "Ada Park")
    call = quick_call(store, clock, "Ada Park")
    late = svc.add_opportunity(store, OpportunityInput(
        "Data analyst", organisation="Harbour Health", goal_id=analytics, source_contact_id=ada,
        source_interview_id=call, source_seconds=75, next_step="Send my CV",
        next_due=clock.today() - timedelta(days=1)), clock)
    svc.move_stage(store, late, 1, clock)
    svc.move_stage(store, late, 1, clock)
    soon = svc.add_opportunity(store, OpportunityInput(
        "Tutor programme", kind="programme", organisation="City Library", goal_id=teach,
        next_step="Ask Grace", next_due=clock.today() + timedelta(days=3)), clock)
    closed = svc.add_opportunity(store, OpportunityInput("Night school", goal_id=teach), clock)
    svc.close_opportunity(store, closed, "declined", clock)
    return {"late": late, "soon": soon, "closed": closed, "analytics": analytics, "teach": teach}


def test_one_line_each_most_pressing_first(cli, made) -> None:
    code, out, err = cli("opportunities")
    assert code == 0 and err == ""
    lines = [line.split("\t") for line in out.splitlines()]
    assert [line[2] for line in lines] == ["Data analyst", "Tutor programme", "Night school"]
    first = lines[0]
    assert first[0] == f"o{made['late']}" and first[1] == "applied" and first[3] == "Harbour Health"
    assert first[4] == "Move into analytics"
    assert first[5].endswith("(1 day late): Send my CV")
    assert first[6].startswith("Ada Park, in the call") and first[6].endswith("at 01:15")
    assert lines[2][1] == "closed: declined" and lines[2][6] == "found it myself"
    assert all(len(line) == 7 for line in lines)


def test_json_has_the_promised_fields(cli, made, clock) -> None:
    code, out, _ = cli("opportunities", "--json")
    assert code == 0
    items = json.loads(out)
    assert all(PROMISED <= set(item) for item in items)
    first = items[0]
    assert first["key"] == f"o{made['late']}" and first["title"] == "Data analyst"
    assert first["organisation"] == "Harbour Health" and first["goal"] == "Move into analytics"
    assert first["stage"] == "applied" and first["next_step"] == "Send my CV"
    assert first["next_due"] == (clock.today() - timedelta(days=1)).isoformat()
    assert first["source"].startswith("Ada Park")
    closed = items[2]
    assert closed["stage"] == "closed" and closed["outcome"] == "declined"
    assert closed["next_step"] is None and closed["next_due"] is None and closed["goal"] == "Learn to teach"


def test_goal_and_stage_narrow_the_list(cli, made) -> None:
    code, out, _ = cli("opportunities", "--goal", "teach")
    assert code == 0 and [line.split("\t")[2] for line in out.splitlines()] == ["Tutor programme", "Night school"]
    code, out, _ = cli("opportunities", "--goal", f"#{made['analytics']}", "--json")
    assert code == 0 and [i["title"] for i in json.loads(out)] == ["Data analyst"]
    code, out, _ = cli("opportunities", "--stage", "open")
    assert code == 0 and [line.split("\t")[2] for line in out.splitlines()] == ["Data analyst", "Tutor programme"]
    code, out, _ = cli("opportunities", "--stage", "Heard of", "--goal", "teach")
    assert code == 0 and [line.split("\t")[2] for line in out.splitlines()] == ["Tutor programme"]
    code, out, _ = cli("opportunities", "--stage", "closed", "--json")
    assert code == 0 and [i["stage"] for i in json.loads(out)] == ["closed"]


def test_none_listed_is_a_normal_no(cli, made) -> None:
    code, out, err = cli("opportunities", "--stage", "offer")
    assert (code, out) == (1, "")
    code, out, err = cli("opportunities", "--stage", "offer", "--json")
    assert (code, json.loads(out)) == (1, [])


def test_an_empty_network_lists_nothing_and_exits_1(cli) -> None:
    code, out, err = cli("opportunities")
    assert (code, out) == (1, "")


def test_mistakes_are_one_sentence_with_status_2_and_an_unknown_goal_1(cli, made, store, clock) -> None:
    code, _, err = cli("opportunities", "--stage", "someday")
    assert code == 2 and err.strip().startswith("netnet: --stage takes one of") and len(err.strip().splitlines()) == 1
    code, _, err = cli("opportunities", "--goal", "astronaut")
    assert code == 1 and err.strip() == "netnet: no goal matches “astronaut”."
    b.goal(store, clock, "Learn to teach adults")
    code, _, err = cli("opportunities", "--goal", "learn")
    assert code == 2 and "matches 2 goals" in err and "Traceback" not in err
    code, out, _ = cli("opportunities", "--goal", "learn to teach")  # a whole title beats one it begins
    assert code == 0 and "Tutor programme" in out
