"""Job changes: last month's Connections.csv, then this month's, in which three people moved.

The import records one change per person (from, to, when, the file), counts them in its
summary line, queues a congratulation for the people it matters for (in a circle, a
connector, tied to a target or an ask) and only lists everyone else's; the contact page
and timeline show the history; the referral finder ranks the mover to a target's
organisation first and says why; the goal page says so once; `netnet changes` lists them
newest first. Undo takes the changes and untouched congratulations away. Both engines.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from netnet.cli import run
from netnet.core.job_changes import is_job_change
from netnet.data import followups as fu
from netnet.data import goals as goals_svc
from netnet.data.contact_page import load_page
from netnet.data.job_changes import list_changes
from netnet.data.schema import SCHEMA_VERSION
from netnet.data.undo import undo_last_import
from netnet.importing import import_file
from tests import builders

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
LAST_MONTH = [
    "Dana,Whitfield,https://www.linkedin.com/in/dana-whitfield,,Northwind Analytics,Analytics Lead,12 Mar 2021",
    "Omar,Said,https://www.linkedin.com/in/omar-said,omar@kestrel.example,Kestrel Software,Engineer,3 Jan 2020",
    "Rui,Costa,https://www.linkedin.com/in/rui-costa,,Bluebird Labs,Data Scientist,8 Aug 2022",
    "Ines,Park,https://www.linkedin.com/in/ines-park,,Harbour Health,Nurse Practitioner,1 Feb 2019",
    "Lee,Grant,https://www.linkedin.com/in/lee-grant,,Acme,Welder,5 May 2018",
    "Noor,Haddad,https://www.linkedin.com/in/noor-haddad,,Cobalt Studio,Designer,9 Sep 2017",
]
THIS_MONTH = [
    # Dana (a friend) moved; Omar (a co-worker) was promoted; Rui (no circle) moved to a target's organisation
    "Dana,Whitfield,https://www.linkedin.com/in/dana-whitfield,,Lumen Bank,Head of Data,12 Mar 2021",
    "Omar,Said,https://www.linkedin.com/in/omar-said,omar@kestrel.example,Kestrel Software,Engineering Manager,"
    "3 Jan 2020",
    "Rui,Costa,https://www.linkedin.com/in/rui-costa,,Harbour Health,Data Scientist,8 Aug 2022",
    "Ines,Park,https://www.linkedin.com/in/ines-park,,Harbour Health,Nurse Practitioner,1 Feb 2019",
    "Lee,Grant,https://www.linkedin.com/in/lee-grant,,Acme,Welder,5 May 2018",
    # only the spelling of the title changed: refreshed, but no new job
    "Noor,Haddad,https://www.linkedin.com/in/noor-haddad,,Cobalt Studio,designer,9 Sep 2017",
]


def _file(folder: Path, name: str, rows: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(["Notes:", '"Exported."', "", HEADER, *rows]) + "\r\n").encode())
    return path


def _ids(store) -> dict[str, int]:
    with store.read() as conn:
        return {r.display_name: r.id for r in conn.execute("SELECT id, display_name FROM contact")}


def _set(store, contact_id: int, **columns) -> None:
    with store.write() as conn:
        assignments = ", ".join(f"{name} = :{name}" for name in columns)
        conn.execute(f"UPDATE contact SET {assignments} WHERE id = :id", {**columns, "id": contact_id})


@pytest.fixture
def network(store, clock, tmp_path: Path):
    """Last month's file imported a month ago; two of them put in a circle since; a goal with
    Harbour Health on its list (twice: an organisation and a job title there)."""
    now = clock.wall
    clock.wall = now - timedelta(days=31)
    import_file(store, "linkedin", _file(tmp_path / "october", "Connections.csv", LAST_MONTH), clock)
    clock.wall = now
    ids = _ids(store)
    _set(store, ids["Dana Whitfield"], circle="friend")
    _set(store, ids["Omar Said"], circle="coworker")
    _set(store, ids["Lee Grant"], circle="friend")
    goal = builders.goal(store, clock, "Move into healthcare analytics")
    org_target = builders.target(store, clock, goal, organisation="Harbour Health")
    builders.target(store, clock, goal, job_title="Data Engineer", organisation="Harbour Health")
    return {"ids": ids, "goal": goal, "org_target": org_target,
            "this_month": _file(tmp_path / "november", "Connections.csv", THIS_MONTH)}


def test_three_people_moved(store, clock, network) -> None:
    ids = network["ids"]
    summary = import_file(store, "linkedin", network["this_month"], clock)
    assert (summary.created, summary.updated, summary.job_changes) == (0, 4, 3)  # Noor's spelling: updated only
    assert summary.line() == ("Imported Connections.csv: 0 created, 4 updated, 3 changed jobs, 2 skipped, "
                              "0 rejected.")

    changes = list_changes(store)
    assert [c.contact_name for c in changes] == ["Rui Costa", "Omar Said", "Dana Whitfield"]  # newest first
    by_name = {c.contact_name: c for c in changes}
    dana = by_name["Dana Whitfield"]
    assert (dana.from_org, dana.from_title, dana.to_org, dana.to_title, dana.filename) == (
        "Northwind Analytics", "Analytics Lead", "Lumen Bank", "Head of Data", "Connections.csv")
    assert dana.seen_at == clock.now()
    assert dana.words(clock.today()) == ("Analytics Lead at Northwind Analytics → Head of Data at Lumen Bank, "
                                         "seen 27 Nov")
    assert not by_name["Omar Said"].moved and by_name["Rui Costa"].moved

    # on their pages (the employment history, which the timeline shows too)
    for name in ("Dana Whitfield", "Omar Said", "Rui Costa"):
        page = load_page(store, ids[name])
        assert [job.id for job in page.jobs] == [by_name[name].id]
    assert load_page(store, ids["Noor Haddad"]).jobs == []

    # two congratulations, for the two in a circle; Rui's change is listed, not queued
    queue = fu.list_queue(store, clock)
    congratulations = [item for item in queue if item.title.startswith("Congratulate")]
    assert sorted(item.title for item in congratulations) == [
        "Congratulate Dana Whitfield on joining Lumen Bank", "Congratulate Omar Said on becoming Engineering Manager"]
    for item in congratulations:
        assert (item.kind, item.reason, item.kind_label) == ("checkin", "congratulate", "check-in: new job")
        assert item.due == clock.today() + timedelta(days=2)
    dana_item = next(i for i in congratulations if i.contact_name == "Dana Whitfield")
    draft = fu.get_draft(store, dana_item, clock)
    assert draft.text.startswith("Hi Dana,") and "Head of Data at Lumen Bank" in draft.text
    assert not any(item.contact_id == ids["Rui Costa"] for item in queue)
    assert by_name["Rui Costa"].followup_id is None and by_name["Dana Whitfield"].followup_open

    # the mover to the target's organisation is ranked first, and the reason says why
    ranked = goals_svc.who_can_introduce(store, network["org_target"], clock)
    assert ranked[0].candidate.name == "Rui Costa"
    assert ranked[0].reasons[0].text == "moved to Harbour Health on 27 Nov"
    assert ranked[1].candidate.name == "Ines Park" and ranked[1].reasons[0].text == "works at Harbour Health"
    # the goal page says so once, though two of its targets are at Harbour Health
    detail = goals_svc.get_goal(store, network["goal"], clock)
    assert [(m.name, m.words) for m in detail.moves] == [("Rui Costa", "moved to Harbour Health on 27 Nov")]

    # the same file again notices nothing new
    again = import_file(store, "linkedin", network["this_month"], clock)
    assert (again.updated, again.job_changes) == (0, 0)
    assert len(list_changes(store)) == 3


def test_a_congratulation_done_restarts_the_clock_like_any_check_in(store, clock, network) -> None:
    import_file(store, "linkedin", network["this_month"], clock)
    dana = network["ids"]["Dana Whitfield"]
    item = next(i for i in fu.list_queue(store, clock) if i.contact_id == dana and i.reason == "congratulate")
    clock.advance(3600)
    outcome = fu.apply_done(store, item, clock)
    assert outcome.message == "Done, and noted on Dana Whitfield's timeline. The keep-in-touch clock starts again."
    page = load_page(store, dana)
    assert page.detail.last_interaction_at == clock.now()
    assert (page.timeline[0].kind, page.timeline[0].notes) == (
        "checkin", "Checked in: Congratulate Dana Whitfield on joining Lumen Bank")
    assert not any(i.contact_id == dana for i in fu.list_queue(store, clock))  # no check-in due either
    assert fu.undo(store, outcome.undo, clock).startswith("Undone")
    assert any(i.key == item.key for i in fu.list_queue(store, clock))


def test_who_else_gets_a_congratulation(store, clock, tmp_path: Path) -> None:
    """Connectors and anyone tied to an active goal's target or to an ask; not someone in the
    trash, and not a second one while the first still waits."""
    def row(first: str, company: str) -> str:
        return f"{first},Person,https://www.linkedin.com/in/{first.lower()},,{company},Analyst,1 Jan 2020"

    names = ["Cora", "Tess", "Abe", "Bin", "Pia"]
    import_file(store, "linkedin", _file(tmp_path / "a", "Connections.csv", [row(n, "Old Co") for n in names]), clock)
    ids = _ids(store)
    _set(store, ids["Cora Person"], connector_role="clergy")
    goal = builders.goal(store, clock)
    tied = builders.target(store, clock, goal, person_name="Tess Person")
    with store.write() as conn:
        conn.execute("UPDATE target SET contact_id = :contact_id WHERE id = :id",
                     {"contact_id": ids["Tess Person"], "id": tied})
    asked = builders.target(store, clock, goal, organisation="Elsewhere")
    goals_svc.log_ask(store, asked, ids["Abe Person"], "Do you know anyone at Elsewhere?", clock)
    _set(store, ids["Bin Person"], circle="friend", deleted_at="2026-11-01T00:00:00+00:00")
    import_file(store, "linkedin", _file(tmp_path / "b", "Connections.csv", [row(n, "New Co") for n in names]), clock)
    queued = {i.contact_name for i in fu.list_queue(store, clock) if i.reason == "congratulate"}
    assert queued == {"Cora Person", "Tess Person", "Abe Person"}  # Pia: listed only; Bin: in the trash
    import_file(store, "linkedin", _file(tmp_path / "c", "Connections.csv", [row(n, "Third Co") for n in names]),
                clock)
    assert sum(1 for i in fu.list_queue(store, clock) if i.reason == "congratulate") == 3  # one each is enough
    assert len(list_changes(store)) == 2 * 4  # Bin is in the trash: recorded, not listed


def test_undo_takes_the_changes_and_untouched_congratulations_away(store, clock, network) -> None:
    import_file(store, "linkedin", network["this_month"], clock)
    ids = network["ids"]
    omar = next(i for i in fu.list_queue(store, clock) if i.contact_id == ids["Omar Said"])
    fu.apply_done(store, omar, clock)  # done before the undo: history, kept
    undone = undo_last_import(store, clock)
    assert undone.restored == 4
    assert list_changes(store) == []
    with store.read() as conn:
        rows = [(r.title, r.status) for r in conn.execute("SELECT title, status FROM followup WHERE reason = 'congratulate'")]
        dana = conn.execute("SELECT organisation, title FROM contact WHERE id = :id",
                            {"id": ids["Dana Whitfield"]}).fetchone()
    assert rows == [("Congratulate Omar Said on becoming Engineering Manager", "done")]
    assert (dana.organisation, dana.title) == ("Northwind Analytics", "Analytics Lead")


def test_a_dry_run_counts_them_and_writes_nothing(store, clock, network) -> None:
    summary = import_file(store, "linkedin", network["this_month"], clock, dry_run=True)
    assert summary.job_changes == 3 and "3 changed jobs" in summary.line()
    assert list_changes(store) == []
    assert not any(i.reason for i in fu.list_queue(store, clock))


def test_other_imports_notice_changes_too(store, clock, tmp_path: Path) -> None:
    """vCard and CSV files and a JSON merge: the same rule, whatever the file."""
    from netnet.core.records import Method

    builders.person(store, clock, "Ada Quill", organisation="Quill & Ink", title="Scribe", circle="friend",
                    methods=[Method("email", "ada@quill.example")])
    card = tmp_path / "ada.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:4.0\nFN:Ada Quill\nEMAIL:ada@quill.example\nORG:Inkwell\n"
                    "TITLE:Head Scribe\nEND:VCARD\n", encoding="utf-8")
    assert import_file(store, "vcard", card, clock).job_changes == 1
    sheet = tmp_path / "people.csv"
    sheet.write_text("Full Name,E-mail,Company,Job Title\nAda Quill,ada@quill.example,Inkwell,Chief Scribe\n",
                     encoding="utf-8")
    assert import_file(store, "csv", sheet, clock).job_changes == 1
    changes = list_changes(store)
    assert [(c.before, c.after, c.filename) for c in changes] == [
        ("Head Scribe at Inkwell", "Chief Scribe at Inkwell", "people.csv"),
        ("Scribe at Quill & Ink", "Head Scribe at Inkwell", "ada.vcf")]


def test_job_changes_travel_with_the_network(store, clock, network, tmp_path: Path) -> None:
    """A JSON export restores them exactly (and the congratulations' reasons); a merge takes
    them to the contact kept, and its undo back."""
    from netnet.data.json_file import dump_json, import_json
    from netnet.data.merge import merge_contacts, undo_merge
    from netnet.data.store import Store

    import_file(store, "linkedin", network["this_month"], clock)
    text = dump_json(store, clock.now())
    copy = Store(tmp_path / "copy.db")
    try:
        import_json(copy, text.encode(), "netnet.json", clock)
        with store.read() as a, copy.read() as b:
            for sql in ("SELECT * FROM job_change ORDER BY id", "SELECT id, reason FROM followup ORDER BY id"):
                assert [tuple(r) for r in a.execute(sql)] == [tuple(r) for r in b.execute(sql)]
    finally:
        copy.close()
    ids = network["ids"]
    record = merge_contacts(store, ids["Lee Grant"], ids["Dana Whitfield"], clock)
    assert [j.contact_name for j in load_page(store, ids["Lee Grant"]).jobs] == ["Lee Grant"]
    undo_merge(store, record, clock)
    assert len(load_page(store, ids["Dana Whitfield"]).jobs) == 1


@pytest.mark.parametrize("before, after, changed", [
    (("Northwind", "Analyst"), ("Harbour Health", "Analyst"), True),
    (("Northwind", "Analyst"), ("Northwind", "Lead Analyst"), True),
    (("Northwind analytics", "analyst "), ("NORTHWIND Analytics", "Analyst"), False),  # spelling only
    (("", "Analyst"), ("Northwind", "Analyst"), False),  # an organisation learnt, not a move
    (("", ""), ("Northwind", "Analyst"), False),
    (("Ørsted", "Ingeniør"), ("Orsted", "Ingenior"), False),  # accents aside
])
def test_what_counts_as_a_job_change(before, after, changed) -> None:
    assert is_job_change(*before, *after) is changed


# -- the command line ---------------------------------------------------------------------

def _db(store) -> list[str]:
    url = getattr(store, "url", None)
    return ["--db-url", url] if url else ["--db", str(store.path)]


def test_netnet_changes(store, clock, network, capsys) -> None:
    assert run([*_db(store), "changes"]) == 1  # none yet: a normal "no"
    assert capsys.readouterr().out == ""
    import_file(store, "linkedin", network["this_month"], clock)
    assert run([*_db(store), "changes"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "2026-11-27\tRui Costa\tData Scientist at Bluebird Labs → Data Scientist at Harbour Health\tConnections.csv",
        "2026-11-27\tOmar Said\tEngineer at Kestrel Software → Engineering Manager at Kestrel Software\t"
        "Connections.csv",
        "2026-11-27\tDana Whitfield\tAnalytics Lead at Northwind Analytics → Head of Data at Lumen Bank\t"
        "Connections.csv",
    ]
    assert run([*_db(store), "changes", "--json", "--since", "2026-11-27"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["contact"] for d in data] == ["Rui Costa", "Omar Said", "Dana Whitfield"]
    assert set(data[0]) == {"id", "contact_id", "contact", "seen_at", "seen_on", "from_organisation", "from_title",
                            "to_organisation", "to_title", "moved", "file", "congratulation_key"}
    assert data[0]["seen_on"] == "2026-11-27" and data[0]["moved"] is True and data[0]["congratulation_key"] is None
    dana = fu.list_queue(store, clock)
    key = next(i.key for i in dana if i.contact_name == "Dana Whitfield" and i.reason == "congratulate")
    assert data[2]["congratulation_key"] == key  # what `netnet done KEY` takes
    assert run([*_db(store), "changes", "--since", "2026-11-28"]) == 1
    assert run([*_db(store), "changes", "--since", "2026-11-28", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == []
    assert run([*_db(store), "changes", "--since", "last tuesdayish"]) == 2
    err = capsys.readouterr().err
    assert err == "netnet: --since takes a day such as 2026-11-01, yesterday or 30 days ago, not “last tuesdayish”.\n"


def test_netnet_import_says_how_many_changed_jobs(store, clock, network, capsys) -> None:
    assert run([*_db(store), "import", "linkedin", str(network["this_month"])]) == 0
    assert capsys.readouterr().out == (
        "Imported Connections.csv: 0 created, 4 updated, 3 changed jobs, 2 skipped, 0 rejected.\n")
    assert run([*_db(store), "changes", "--since", (date.today() - timedelta(days=1)).isoformat()]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3


# -- the schema step ------------------------------------------------------------------------

def _pg_shape(store) -> dict:
    with store.read() as conn:
        columns = sorted(tuple(r) for r in conn.execute(
            "SELECT table_name, column_name, data_type, is_nullable, column_default, collation_name "
            "FROM information_schema.columns WHERE table_schema = 'public'"))
        indexes = sorted(tuple(r) for r in conn.execute(
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"))
        rules = sorted(tuple(r) for r in conn.execute(
            "SELECT conrelid::regclass::text AS tab, contype, pg_get_constraintdef(oid) AS body "
            "FROM pg_constraint WHERE connamespace = 'public'::regnamespace"))
    return {"columns": columns, "indexes": indexes, "rules": rules}


def test_a_version_4_server_database_is_migrated_to_the_new_shape(store, engine, clock) -> None:
    """Version 5 on PostgreSQL: the new column and table come out exactly as a new database has
    them (SQLite's steps are proven from version 1 in test_schema_equivalence)."""
    if engine != "postgresql":
        pytest.skip("SQLite's migrations are proven from version 1 in test_schema_equivalence")
    from netnet.data.postgres import PostgresStore

    fresh = _pg_shape(store)
    builders.followup(store, clock, "Kept across the step")
    with store.write() as conn:  # back to version 4
        conn.execute("DROP TABLE job_change")
        conn.execute("ALTER TABLE followup DROP COLUMN reason")
        # and without what later versions added: the notes' words and their indexes
        conn.execute("DROP INDEX interaction_search_trgm")
        conn.execute("DROP INDEX interaction_occurred_at")
        for table in ("interaction", "interview", "interview_question"):
            conn.execute(f"ALTER TABLE {table} DROP COLUMN search_text")
        conn.execute("UPDATE schema_version SET version = 4")  # a new database has one row, its own version
    store.close()
    migrated = PostgresStore(store.url)
    try:
        assert migrated.backup_made is not None  # a JSON copy of the version-4 rows is kept first
        kept = json.loads(migrated.backup_made.read_text(encoding="utf-8"))
        assert kept["schema_version"] == 4 and "job_change" not in kept["tables"]
        assert "reason" not in kept["tables"]["followup"]["columns"]
        assert _pg_shape(migrated) == fresh
        with migrated.read() as conn:
            assert [(r.title, r.reason) for r in conn.execute("SELECT title, reason FROM followup")] == [
                ("Kept across the step", "")]
            assert [r.version for r in conn.execute("SELECT version FROM schema_version ORDER BY version")][-1] \
                == SCHEMA_VERSION
    finally:
        migrated.close()


def test_many_moves_keep_the_search_index_whole(store, engine, clock, tmp_path: Path) -> None:
    """Past 500 changed people the search index is renewed in bulk (SQLite sets its update
    trigger aside meanwhile): every new word is found, no old one, and the trigger is back."""
    from netnet.data.contacts import ContactInput, search_ids, update_contact

    def rows(company: str) -> list[str]:
        return [f"P{n},Mover,https://www.linkedin.com/in/p{n}-mover,,{company},Analyst,1 Jan 2020" for n in range(700)]

    import_file(store, "linkedin", _file(tmp_path / "a", "Connections.csv", rows("Quillon Works")), clock)
    assert import_file(store, "linkedin", _file(tmp_path / "b", "Connections.csv", rows("Zebulon Labs")),
                       clock).job_changes == 700
    assert len(search_ids(store, "zebulon")) == 700
    assert search_ids(store, "quillon") == []
    if engine == "sqlite":
        with store.write() as conn:
            conn.execute("INSERT INTO contact_fts(contact_fts) VALUES ('integrity-check')")
            assert conn.execute("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' "
                                "AND name = 'contact_fts_au'").fetchone().n == 1
    first = _ids(store)["P0 Mover"]
    update_contact(store, first, ContactInput("P0 Mover", organisation="Xylo Partners"), clock)
    assert search_ids(store, "xylo") == [first]  # one person's edit still reaches the index
    undo_last_import(store, clock)  # the edited one is kept; the others leave Zebulon again
    assert len(search_ids(store, "zebulon")) == 0
    assert len(search_ids(store, "quillon")) == 699


def test_netnet_show_lists_the_employment_history(store, clock, network, capsys) -> None:
    import_file(store, "linkedin", network["this_month"], clock)
    assert run([*_db(store), "show", "Dana Whitfield"]) == 0
    text = capsys.readouterr().out
    assert "Employment history" in text
    assert "Analytics Lead at Northwind Analytics → Head of Data at Lumen Bank" in text
    assert run([*_db(store), "show", "Dana Whitfield", "--json"]) == 0
    page = json.loads(capsys.readouterr().out)
    assert [f["reason"] for f in page["followups"] if f["title"].startswith("Congratulate")] == ["congratulate"]
    [change] = page["employment_history"]
    assert (change["from_organisation"], change["to_organisation"], change["to_title"]) == \
        ("Northwind Analytics", "Lumen Bank", "Head of Data")
    assert set(change) == {"id", "contact_id", "contact", "seen_at", "seen_on", "from_organisation", "from_title",
                           "to_organisation", "to_title", "moved", "file", "congratulation_key"}
    assert run([*_db(store), "show", "Lee Grant", "--json"]) == 0  # no change: an empty history
    assert json.loads(capsys.readouterr().out)["employment_history"] == []
