"""Writes from the shell: add, log, done, snooze, drop, show, contacts --json; NAME matching,
the duplicate check, follow-up KEYs, the exit status rule and the JSON fields. Each test that
takes `store` runs on SQLite and on PostgreSQL (conftest.py: BOTH_ENGINES)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from netnet.cli import run
from netnet.data import followups as fu
from netnet.data.contacts import count_contacts, get_contact, interactions, log_interaction
from tests import builders

ROOT = Path(__file__).resolve().parent.parent

# The --json fields, exactly (documented in the README: a change here is a change for every script).
CONTACT_FIELDS = {"id", "name", "organisation", "title", "email", "circle", "connector", "last_interaction"}
ITEM_FIELDS = {"key", "group", "when", "due", "kind", "kind_label", "reason", "title", "contact", "contact_id",
               "score"}
PAGE_FIELDS = {"id", "name", "given_name", "family_name", "nickname", "organisation", "title", "field", "circle",
               "connector", "birthday", "emails", "phones", "links", "addresses", "tags", "notes",
               "introduced_by", "last_interaction", "keep_in_touch", "interactions", "followups", "targets",
               "employment_history"}
TOUCH_FIELDS = {"state", "label", "days_late", "ideal_days", "max_days", "own_interval", "next_checkin"}
INTERACTION_FIELDS = {"id", "kind", "kind_label", "when", "notes"}
TARGET_FIELDS = {"goal_id", "goal", "target", "want", "stage"}
INTRODUCER_FIELDS = {"id", "name"}


def _target(store) -> list[str]:
    """The command-line arguments that open the same database as ``store``."""
    return ["--db-url", store.url] if store.dialect.name == "postgresql" else ["--db", str(store.path)]


@pytest.fixture
def cli(store, clock, capsys):
    """Run one command line on the test's database with the test's clock: (status, stdout, stderr)."""

    def call(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = run([*_target(store), *argv], clock=clock)
        out, err = capsys.readouterr()
        return code, out, err

    return call


def one_sentence(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("netnet: ") and "Traceback" not in err
    return lines[0]


def _netnet() -> str:
    exe = shutil.which("netnet", path=str(Path(sys.executable).parent)) or shutil.which("netnet")
    assert exe, "netnet is installed with the package"
    return exe


# -- add ------------------------------------------------------------------------------

def test_add_prints_the_new_person_and_stores_every_field(store, cli) -> None:
    code, out, err = cli("add", "Ann", "Lee", "--org", "Harbour Health", "--title", "Analyst",
                         "--email", "ann@example.org", "--phone", "+1 555 010 2030",
                         "--link", "https://www.linkedin.com/in/annlee", "--circle", "co-worker",
                         "--tag", "data", "--tag", "Data", "--tag", "mentor", "--connector", "real estate",
                         "--note", "Met at the meetup")
    assert code == 0, err
    assert err == ""
    new_id = count_contacts(store)
    assert out == f"Added Ann Lee (Analyst at Harbour Health) as #{new_id}.\n"
    ann = get_contact(store, new_id)
    assert (ann.display_name, ann.given_name, ann.family_name) == ("Ann Lee", "Ann", "Lee")
    assert (ann.organisation, ann.title, ann.circle, ann.connector_role) == (
        "Harbour Health", "Analyst", "coworker", "real_estate")
    assert ann.notes == "Met at the meetup"
    assert ann.emails == ["ann@example.org"] and ann.phones == ["+1 555 010 2030"]
    assert [m.value for m in ann.methods if m.kind == "link"] == ["https://www.linkedin.com/in/annlee"]
    assert ann.tags == ["data", "mentor"]  # the form's rule: one of each, whatever the case


def test_add_json_prints_the_person_as_contacts_json_does(store, cli) -> None:
    code, out, _ = cli("add", "Ann Lee", "--org", "Harbour Health", "--email", "ann@example.org", "--json")
    assert code == 0
    added = json.loads(out)
    assert set(added) == CONTACT_FIELDS
    assert added["name"] == "Ann Lee" and added["email"] == "ann@example.org" and added["circle"] is None
    code, out, _ = cli("contacts", "ann", "lee", "--json")
    assert code == 0 and json.loads(out) == [added]


@pytest.mark.parametrize("existing, typed, reason", [
    ({"methods": [("email", "Ann.Lee@Example.org")]}, ["--email", "ann.lee@example.ORG"], "same e-mail address"),
    ({"methods": [("phone", "+1 (555) 010-2030")]}, ["--phone", "555 010 2030"], "same phone number"),
    ({"methods": [("link", "https://www.linkedin.com/in/annlee/")]}, ["--link", "linkedin.com/in/annlee"],
     "same LinkedIn profile"),
    ({"organisation": "Harbour Health"}, ["--org", "HARBOUR health"], "same name and organisation"),
    ({}, [], "same name and organisation"),  # both without an organisation: the import's rule too
])
def test_a_person_netnet_knows_is_not_added_twice(store, clock, cli, existing, typed, reason) -> None:
    from netnet.core.records import Method

    fields = {name: value for name, value in existing.items() if name != "methods"}  # shared by both engines' runs
    methods = [Method(kind, value) for kind, value in existing.get("methods", [])]
    known = builders.person(store, clock, "Ann Lée", methods=methods, **fields)
    name = "Ann Lee" if reason.startswith("same name") else "Annie"
    code, out, err = cli("add", name, *typed)
    assert code == 1
    assert out == ""
    first, *listed = err.strip().splitlines()
    assert first == (f"netnet: {name} may already be in netnet, so nothing was added; "
                     "add --force to add them anyway.")
    assert listed == [f"#{known}  Ann Lée" + (" (Harbour Health)" if existing.get("organisation") else "")
                      + f": {reason}"]
    assert count_contacts(store) == 1
    code, out, _ = cli("add", name, *typed, "--force")
    assert code == 0 and out.startswith(f"Added {name}")
    assert count_contacts(store) == 2


def test_the_same_name_elsewhere_is_someone_else(store, clock, cli) -> None:
    builders.person(store, clock, "Ann Lee", organisation="Harbour Health")
    code, out, _ = cli("add", "Ann Lee", "--org", "Northwind Analytics")
    assert code == 0 and out.startswith("Added Ann Lee (Northwind Analytics) as #")
    assert count_contacts(store) == 2


@pytest.mark.parametrize("argv, said", [
    (["add", " "], "Every contact needs a name, even just a first name."),
    (["add", "Ann", "--email", "ann@"], "“ann@” is not an e-mail address (it should look like name@example.org)."),
    (["add", "Ann", "--phone", "call me"], "“call me” is not a phone number"),
    (["add", "Ann", "--link", "my page"], "“my page” has a space in it"),
    (["add", "Ann", "--circle", "pals"], "“pals” is not a circle: use family, neighbour, friend, coworker, "
                                         "classmate, organisation or other."),
    (["add", "Ann", "--connector", "wizard"], "“wizard” is not a connector role"),
    (["add", "Ann", "--org", "Harbour\nHealth"], "The organisation must be on one line."),
])
def test_mistakes_in_add_exit_2_and_add_nothing(store, cli, argv, said) -> None:
    code, out, err = cli(*argv)
    assert code == 2
    assert out == ""
    assert one_sentence(err).startswith(f"netnet: {said}")
    assert count_contacts(store) == 0


# -- NAME ------------------------------------------------------------------------------

@pytest.fixture
def people(store, clock) -> dict[str, int]:
    names = ["Søren Kjær", "Ann Lee", "Ann Leeds", "Linda Marsh", "Linda Park", "Kierkegaard Olsen"]
    return {name: builders.person(store, clock, name) for name in names}


@pytest.mark.parametrize("typed, who", [
    ("soren", "Søren Kjær"),  # accents aside
    ("SØREN KJÆR", "Søren Kjær"),  # case aside
    ("kjaer", "Søren Kjær"),  # any part of the name
    ("so kj", "Søren Kjær"),  # each word a beginning
    ("linda marsh", "Linda Marsh"),
    ("ann lee", "Ann Lee"),  # the whole name beats "Ann Leeds", which it begins
    ("kegaard", "Kierkegaard Olsen"),  # inside a name, when nothing begins with it
])
def test_a_name_is_matched_as_in_the_app(cli, people, typed, who) -> None:
    code, out, err = cli("show", typed, "--json")
    assert code == 0, err
    assert json.loads(out)["id"] == people[who]


def test_an_ambiguous_name_exits_2_and_lists_them_one_a_line(store, cli, people) -> None:
    code, out, err = cli("log", "linda", "call")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "netnet: “linda” matches 2 people; give more of the name, or the #id of one of them:",
        f"#{people['Linda Marsh']}  Linda Marsh",
        f"#{people['Linda Park']}  Linda Park",
    ]
    assert all(not interactions(store, cid) for cid in people.values())  # nothing was logged


def test_no_match_exits_1_with_one_sentence(cli, people) -> None:
    code, out, err = cli("show", "zebedee")
    assert code == 1 and out == ""
    assert one_sentence(err) == "netnet: No contact matches “zebedee”."
    code, _, err = cli("log", "lynda mash", "call")  # a typo: who it may be
    assert code == 1
    assert one_sentence(err) == "netnet: No contact matches “lynda mash”; did you mean “Linda Marsh”?"


def test_a_person_is_named_by_id_too(store, clock, cli, people) -> None:
    from netnet.data.contacts import trash_contacts

    code, out, _ = cli("show", f"#{people['Linda Park']}", "--json")
    assert code == 0 and json.loads(out)["name"] == "Linda Park"
    trash_contacts(store, [people["Linda Park"]], clock)
    code, _, err = cli("show", f"#{people['Linda Park']}")
    assert code == 1 and one_sentence(err) == f"netnet: No contact matches “#{people['Linda Park']}”."
    code, _, _ = cli("show", "linda")  # the one in the trash is no one's match now
    assert code == 0


# -- log ---------------------------------------------------------------------------------

def test_log_adds_to_the_timeline_and_restarts_the_clock(store, clock, cli) -> None:
    tom = builders.person(store, clock, "Tom Becker", circle="friend")
    log_interaction(store, tom, "call", clock, when=clock.now() - timedelta(days=100))
    assert fu.find_item(store, clock, f"c{tom}").group.value == "overdue"
    code, out, err = cli("log", "Tom", "Becker", "call", "Talked", "about", "the", "opening")
    assert code == 0, err
    assert out == "Logged a call with Tom Becker today; their keep-in-touch clock starts again.\n"
    latest = interactions(store, tom)[0]
    assert (latest.kind, latest.notes, latest.occurred_at) == ("call", "Talked about the opening", clock.now())
    assert get_contact(store, tom).last_interaction_at == clock.now()
    assert fu.find_item(store, clock, f"c{tom}") is None  # kept in touch: no check-in due


@pytest.mark.parametrize("word, kind", [
    ("call", "call"), ("meeting", "meeting"), ("email", "email"), ("e-mail", "email"), ("message", "message"),
    ("check-in", "checkin"), ("checkin", "checkin"), ("note", "note"), ("CALL", "call"),
])
def test_log_takes_the_apps_kinds(store, clock, cli, word, kind) -> None:
    mei = builders.person(store, clock, "Mei Chen")
    code, _, err = cli("log", "Mei Chen", word)
    assert code == 0, err
    assert [i.kind for i in interactions(store, mei)] == [kind]


@pytest.mark.parametrize("when, day", [
    ("yesterday", date(2026, 11, 26)), ("3 days ago", date(2026, 11, 24)), ("2w", date(2026, 11, 13)),
    ("2026-11-20", date(2026, 11, 20)),
])
def test_log_when_it_happened(store, clock, cli, when, day) -> None:
    mei = builders.person(store, clock, "Mei Chen")
    code, out, _ = cli("log", "Mei Chen", "meeting", "--when", when)
    assert code == 0
    assert out.startswith("Logged a meeting with Mei Chen on ")
    logged = interactions(store, mei)[0].occurred_at
    assert logged == datetime.combine(day, time(12, 0)).astimezone()  # noon, as the app's log dialog


@pytest.mark.parametrize("argv, said", [
    (["log", "Mei Chen"], "Say what happened after the name"),
    (["log", "Mei", "Chen", "lunch"], "Say what happened after the name"),
    (["log", "Mei Chen", "call", "--when", "tomorrow"], "“tomorrow” is not a day"),
    (["log", "Mei Chen", "call", "--when", "2999-01-01"], "That day is still to come"),
])
def test_mistakes_in_log_exit_2_and_log_nothing(store, clock, cli, argv, said) -> None:
    mei = builders.person(store, clock, "Mei Chen")
    code, _, err = cli(*argv)
    assert code == 2
    assert one_sentence(err).startswith(f"netnet: {said}")
    assert interactions(store, mei) == []


# -- done, snooze, drop by KEY -----------------------------------------------------------------

def test_every_queue_item_is_found_by_its_key_as_the_queue_lists_it(demo_store, clock) -> None:
    queue = fu.list_queue(demo_store, clock)
    assert {item.key[0] for item in queue} >= {"f", "c", "i"}
    for item in queue:
        assert fu.find_item(demo_store, clock, item.key) == item
    for contact_id in {item.contact_id for item in queue if item.contact_id}:
        assert fu.contact_items(demo_store, clock, contact_id) == [i for i in queue if i.contact_id == contact_id]
    assert fu.find_item(demo_store, clock, "f99999") is None
    assert fu.find_item(demo_store, clock, "not a key") is None


def test_done_by_key_closes_it_and_notes_it_on_the_timeline(store, clock, cli) -> None:
    mei = builders.person(store, clock, "Mei Chen")
    fid = builders.followup(store, clock, "Send Mei the article", contact_id=mei, kind="action")
    code, out, err = cli("done", f"f{fid}")
    assert code == 0, err
    assert out == "“Send Mei the article”: Done, and noted on Mei Chen's timeline.\n"
    assert fu.find_item(store, clock, f"f{fid}") is None
    assert interactions(store, mei)[0].notes == "Done: Send Mei the article"
    code, out, err = cli("done", f"f{fid}")  # already closed: nothing matches now
    assert code == 1 and out == ""
    assert one_sentence(err).startswith(f"netnet: No follow-up in the queue has the key f{fid};")


def test_done_on_a_check_in_restarts_the_clock(store, clock, cli) -> None:
    tom = builders.person(store, clock, "Tom Becker", circle="friend")
    log_interaction(store, tom, "call", clock, when=clock.now() - timedelta(days=100))
    code, out, _ = cli("done", f"C{tom}")  # keys are read in any case
    assert code == 0
    assert out == ("“Check in with Tom Becker”: Done, and noted on Tom Becker's timeline. "
                   "The keep-in-touch clock starts again.\n")
    assert get_contact(store, tom).last_interaction_at == clock.now()


@pytest.mark.parametrize("words, until", [
    (["friday"], date(2026, 12, 4)),  # the clock says Friday 27 November: the next Friday
    (["3d"], date(2026, 11, 30)),
    (["dec", "10"], date(2026, 12, 10)),
    (["next", "week"], date(2026, 11, 30)),
    (["tomorrow"], date(2026, 11, 28)),
    (["2w"], date(2026, 12, 11)),
    (["5bd"], date(2026, 12, 4)),
])
def test_snooze_takes_the_apps_days(store, clock, cli, words, until) -> None:
    fid = builders.followup(store, clock, "Renew the membership")
    code, out, err = cli("snooze", f"f{fid}", *words)
    assert code == 0, err
    assert out.startswith("“Renew the membership”: Snoozed until ")
    assert fu.find_item(store, clock, f"f{fid}").due == until


def test_snoozing_a_check_in_stores_it_under_a_new_key(store, clock, cli) -> None:
    tom = builders.person(store, clock, "Tom Becker", circle="friend")
    log_interaction(store, tom, "call", clock, when=clock.now() - timedelta(days=100))
    code, out, _ = cli("snooze", f"c{tom}", "friday")
    assert code == 0
    key = out.strip().rsplit(" ", 1)[-1].rstrip(".")
    assert out == f"“Check in with Tom Becker”: Snoozed until Fri 4 Dec. Its key is now {key}.\n"
    assert fu.find_item(store, clock, f"c{tom}") is None
    assert fu.find_item(store, clock, key).due == date(2026, 12, 4)


def test_drop_by_key(store, clock, cli) -> None:
    tom = builders.person(store, clock, "Tom Becker", circle="friend")
    log_interaction(store, tom, "call", clock, when=clock.now() - timedelta(days=100))
    code, out, _ = cli("drop", f"c{tom}")
    assert code == 0
    assert out == "“Check in with Tom Becker”: Dropped; no check-in with Tom Becker until you are next in touch.\n"
    assert all(item.contact_id != tom for item in fu.list_queue(store, clock))


@pytest.mark.parametrize("argv, code, said", [
    (["done", "x12"], 2, "“x12” is not a follow-up's key"),
    (["done", "f"], 2, "“f” is not a follow-up's key"),
    (["drop", "f999"], 1, "No follow-up in the queue has the key f999"),
    (["snooze", "f{fid}", "someday"], 2, "“someday” is not a date netnet understands"),
    (["snooze", "f{fid}", "today"], 2, "Snooze until a day after today."),
    (["snooze", "i{iid}", "friday"], 2, "A scheduled interview cannot be snoozed"),
    (["drop", "i{iid}"], 2, "A scheduled interview cannot be dropped here"),
])
def test_keys_and_days_that_cannot_be_used(store, clock, cli, argv, code, said) -> None:
    from netnet.data.interviews import WizardState, save_draft

    mei = builders.person(store, clock, "Mei Chen")
    fid = builders.followup(store, clock, "Renew the membership")
    iid = save_draft(store, clock, WizardState(contact_id=mei, scheduled_at=clock.now() + timedelta(hours=3)),
                     schedule=True)
    with store.write() as tx:  # a scheduled interview the queue lists as itself (i…), without a follow-up row
        tx.execute("DELETE FROM followup WHERE interview_id = :id", {"id": iid})
    before = fu.list_queue(store, clock)
    assert f"i{iid}" in {item.key for item in before}
    got, out, err = cli(*[arg.format(fid=fid, iid=iid) for arg in argv])
    assert got == code and out == ""
    assert one_sentence(err).startswith(f"netnet: {said}")
    assert fu.list_queue(store, clock) == before  # nothing changed


# -- show, contacts --json, due --json: the fields ---------------------------------------------------

def test_show_prints_the_page(store, clock, cli) -> None:
    joe = builders.person(store, clock, "Joe Okafor")
    maria = builders.person(store, clock, "Maria Lindqvist", organisation="Harbour Health", title="Head of Data",
                            circle="coworker", introduced_by_id=joe, notes="Leads the data team.",
                            tags=["data"])
    log_interaction(store, maria, "call", clock, "Caught up.\nShe is hiring.", clock.now() - timedelta(days=3))
    fid = builders.followup(store, clock, "Send Maria the paper", contact_id=maria, kind="action", days=-1)
    goal = builders.goal(store, clock, "Move into analytics")
    from netnet.data.goals import TargetInput, add_target

    add_target(store, goal, TargetInput("person", person_name="Maria Lindqvist", want="need", contact_id=maria),
               clock)
    code, out, err = cli("show", "maria")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[:4] == [
        f"Maria Lindqvist  #{maria}",
        "Head of Data at Harbour Health",
        "circle: co-worker",
        "Last contact: 3 days ago.  Keep in touch: ✓ in touch (next check-in Sat 23 Jan 2027; every 60–120 days, "
        "default)",
    ]
    assert "  introduced by: you → Joe Okafor → Maria Lindqvist" in lines
    assert "  tags: data" in lines
    opened = lines.index("Open follow-ups")
    assert lines[opened + 1].startswith(f"  f{fid}  ‼ OVERDUE  1 day late")
    assert lines[opened + 1].endswith("Send Maria the paper")
    assert "  Maria Lindqvist · NEED to know · stage: listed  (Move into analytics)" in lines
    assert "Employment history" not in lines  # nothing to show until job changes are kept
    timeline = lines.index("Latest interactions (newest first)")
    assert lines[timeline + 1:] == ["  Tue 24 Nov      call  Caught up.",  # a note's lines stay in their column
                                    "                        She is hiring."]


def test_show_json_fields_are_stable(store, clock, cli) -> None:
    joe = builders.person(store, clock, "Joe Okafor")
    maria = builders.person(store, clock, "Maria Lindqvist", circle="coworker", introduced_by_id=joe)
    log_interaction(store, maria, "call", clock, "Caught up.", clock.now() - timedelta(days=200))
    builders.followup(store, clock, "Send Maria the paper", contact_id=maria, kind="action")
    goal = builders.goal(store, clock)
    from netnet.data.goals import TargetInput, add_target

    add_target(store, goal, TargetInput("person", person_name="Maria Lindqvist", contact_id=maria), clock)
    code, out, _ = cli("show", "Maria Lindqvist", "--json")
    assert code == 0
    page = json.loads(out)
    assert set(page) == PAGE_FIELDS
    assert set(page["keep_in_touch"]) == TOUCH_FIELDS
    assert set(page["introduced_by"]) == INTRODUCER_FIELDS and page["introduced_by"]["id"] == joe
    assert [set(i) for i in page["interactions"]] == [INTERACTION_FIELDS]
    assert [set(t) for t in page["targets"]] == [TARGET_FIELDS]
    assert {item["key"] for item in page["followups"]} == {item.key for item in fu.contact_items(store, clock, maria)}
    assert all(set(item) == ITEM_FIELDS for item in page["followups"]) and len(page["followups"]) == 2
    assert page["keep_in_touch"]["state"] == "red" and page["keep_in_touch"]["days_late"] == 140
    assert page["employment_history"] == []


def test_contacts_and_due_json_fields_are_stable(store, clock, cli) -> None:
    mei = builders.person(store, clock, "Mei Chen", organisation="Kestrel Labs")
    builders.followup(store, clock, "Call Mei back", contact_id=mei)
    code, out, _ = cli("contacts", "--json")
    assert code == 0
    assert [set(row) for row in json.loads(out)] == [CONTACT_FIELDS]
    code, out, _ = cli("contacts", "nobody-here", "--json")
    assert code == 1 and json.loads(out) == []  # nothing matched: exit 1, as without --json
    code, out, _ = cli("due", "--json")
    assert code == 1
    assert [set(item) for item in json.loads(out)] == [ITEM_FIELDS]


def test_the_readme_documents_every_json_field() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### JSON for scripts"):]
    section = section[:section.index("\n## ")]
    every = (CONTACT_FIELDS | ITEM_FIELDS | PAGE_FIELDS | TOUCH_FIELDS | INTERACTION_FIELDS | TARGET_FIELDS
             | INTRODUCER_FIELDS)
    assert [field for field in sorted(every) if f"`{field}`" not in section] == []


# -- the exit status rule ---------------------------------------------------------------------

def test_a_busy_database_exits_3_and_changes_nothing(store, clock, cli, monkeypatch) -> None:
    """Another netnet holds what the write needs: one sentence, exit 3, nothing changed."""
    fid = builders.followup(store, clock, "Renew the membership")
    if store.dialect.name == "postgresql":
        import psycopg

        from netnet.data.postgres import PostgresStore

        made = PostgresStore.__init__

        def impatient(self, *args, **kwargs):
            made(self, *args, **kwargs)
            self.write_wait = 0.5

        monkeypatch.setattr(PostgresStore, "__init__", impatient)
        holder = psycopg.connect(store.url.replace("postgresql+psycopg", "postgresql"))
        holder.execute("UPDATE followup SET title = title WHERE id = %s", (fid,))  # holds the row's lock
        release = holder.rollback
    else:
        import sqlite3

        monkeypatch.setattr("netnet.data.store.WRITE_WAIT_SECONDS", 0.5)
        holder = sqlite3.connect(store.path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")

        def release() -> None:
            holder.execute("ROLLBACK")
    try:
        code, out, err = cli("done", f"f{fid}")
    finally:
        release()
        holder.close()
    assert code == 3, err
    assert out == "" and "nothing was saved" in err.splitlines()[-1] and "Traceback" not in err
    assert fu.find_item(store, clock, f"f{fid}") is not None


def test_a_full_disk_exits_3_and_adds_no_one(tmp_path, clock, capsys, monkeypatch) -> None:
    from netnet.data import store as store_module
    from netnet.data.store import Store

    db = tmp_path / "full.db"
    Store(db).close()
    configure = store_module.configure

    def no_room(conn):
        configure(conn)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(store_module, "configure", no_room)
    code = run(["--db", str(db), "add", "Ann Lee", "--note", "x" * 200_000], clock=clock)
    err = capsys.readouterr().err
    assert code == 3
    assert one_sentence(err).startswith("netnet: The disk is full")
    monkeypatch.setattr(store_module, "configure", configure)
    check = Store(db)
    assert count_contacts(check) == 0
    check.close()


def test_an_internal_error_exits_70_and_names_the_log(store, cli, monkeypatch, isolated_dirs) -> None:
    import netnet.data.people

    def broken(store, text):
        raise RuntimeError("a bug in matching")

    monkeypatch.setattr(netnet.data.people, "find_people", broken)
    code, out, err = cli("show", "anyone")
    assert code == 70 and out == ""
    assert one_sentence(err).endswith(f"details in {isolated_dirs / 'log' / 'netnet.log'}")
    assert "a bug in matching" in (isolated_dirs / "log" / "netnet.log").read_text()


def test_command_line_mistakes_exit_2(cli) -> None:
    with pytest.raises(SystemExit) as stopped:  # argparse's own: usage on stderr, then exit 2
        cli("snooze", "f1")
    assert stopped.value.code == 2


# -- from a shell script, and into an open app ------------------------------------------------------

SCRIPT = r"""
set -u
netnet add "Ann Lee" --org "Harbour Health" --email ann@example.org --circle friend || exit 10
netnet add "Ann Lee" --org "Harbour Health" 2>/dev/null
[ $? -eq 1 ] || exit 11                      # already known: exit 1, nothing added
netnet log "ann lee" call "Talked about the analytics opening" || exit 12
netnet log "nobody at all" call 2>/dev/null
[ $? -eq 1 ] || exit 13                      # no one matches: exit 1
netnet due --json > due.json
[ $? -eq 1 ] || exit 14                      # something is due: exit 1, as documented
key=$("$PYTHON" -c 'import json; print(next(i["key"] for i in json.load(open("due.json")) if i["contact"] == "Tom Becker"))')
netnet done "$key" || exit 15
netnet done "$key" 2>/dev/null
[ $? -eq 1 ] || exit 16                      # closed already: nothing matches now
netnet due > /dev/null
[ $? -eq 0 ] || exit 17                      # nothing left due
echo "closed $key"
"""


def test_a_shell_script_adds_logs_and_closes_by_key(store, tmp_path) -> None:
    """The installed netnet, as a shell script runs it, checking each exit status."""
    from netnet.core.clock import Clock

    real = Clock()
    tom = builders.person(store, real, "Tom Becker", circle="friend")
    log_interaction(store, tom, "call", real, when=real.now() - timedelta(days=100))
    target = " ".join(f"'{arg}'" for arg in _target(store))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "netnet").write_text(f"#!/bin/sh\nexec '{_netnet()}' {target} \"$@\"\n")
    (bin_dir / "netnet").chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", PYTHON=sys.executable, TZ="UTC")
    done = subprocess.run(["sh", "-c", SCRIPT], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, (done.returncode, done.stdout, done.stderr)
    assert done.stdout.strip().splitlines()[-1] == f"closed c{tom}"
    ann = next(row for row in json.loads(subprocess.run(
        [_netnet(), *_target(store), "contacts", "--json"], capture_output=True, text=True, env=env).stdout)
        if row["name"] == "Ann Lee")
    assert interactions(store, ann["id"])[0].notes == "Talked about the analytics opening"
    assert count_contacts(store) == 2


async def test_an_open_app_sees_a_shell_write(store, clock, make_app) -> None:
    """The app refreshes on another process's commit (SQLite's data_version, PostgreSQL's NOTIFY): a
    person added from the shell appears in the open contact list."""
    from netnet.screenshots import settle
    from netnet.widgets.contact_table import ContactTable
    from tests.waiting import wait_until

    builders.people(store, clock, "Tom Becker", "Mei Chen")
    app = make_app(store, poll_interval=0.05)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        if store.dialect.name == "postgresql":
            assert await asyncio.to_thread(store.watcher.listening.wait, 10)
        done = await asyncio.to_thread(subprocess.run, [_netnet(), *_target(store), "add", "Aaron Aardvark"],
                                       capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        table = app.screen.query_one(ContactTable)
        await wait_until(pilot, lambda: bool(table.rows) and table.rows[0].display_name == "Aaron Aardvark")


HOT_WRITES = """
import sys
from netnet.cli import run
db = sys.argv[1]
codes = [
    run(["--db", db, "add", "Ann Lee", "--org", "Harbour Health", "--email", "ann@example.org", "--json"]),
    run(["--db", db, "add", "Ann Lee", "--org", "Harbour Health"]),
    run(["--db", db, "log", "ann lee", "call", "hello"]),
    run(["--db", db, "done", "f1"]),
    run(["--db", db, "snooze", "f2", "friday"]),
    run(["--db", db, "drop", "f3"]),
    run(["--db", db, "show", "ann", "--json"]),
    run(["--db", db, "contacts", "--json"]),
]
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("sqlalchemy", "sqlmodel"))
print(codes, loaded[:3])
"""


def test_shell_writes_never_import_sqlalchemy_on_sqlite(tmp_path, clock) -> None:
    """Each write from the shell runs on the DB-API (Store.driver_writes): SQLAlchemy's import alone is
    more than a shell write's budget of 0.15 s."""
    from netnet.data.store import Store

    db = tmp_path / "hot.db"
    store = Store(db)
    for title in ("one", "two", "three"):
        builders.followup(store, clock, title)
    store.close()
    done = subprocess.run([sys.executable, "-c", HOT_WRITES, str(db)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[0, 1, 0, 0, 0, 0, 0, 0] []"
