"""Who told me about X, at 30,000 contacts and 100,000 interactions with notes.

    .venv/bin/python benchmarks/notes.py [--contacts 30000] [--interactions 100000]
                                         [--interviews 400] [--db-url postgresql://…]

Builds a network whose every interaction has a note (a sentence or two from a
vocabulary of a few hundred words, names with accents in about a third of them),
and a few hundred finished information interviews spread over three goals, with
stamped call notes, notes on each question, lessons and plan items. Then prints:

- service: ``notes_search.search_notes`` per query, as the command line runs it (every
  match) and as the app runs it per key (the newest matches a screen shows), median and
  max of the keys of each query typed letter by letter (from the second: one letter is
  in nearly every note, and the app waits for another);
- app: the same typed into the running app's "Who told me…" screen, until the list
  shows the result, per key (median and max);
- cli: ``netnet notes QUERY`` wall time as a subprocess, whole command (median of 5), with
  ``netnet where`` and ``netnet contacts QUERY`` beside it, as the machine's yardstick;
- learned: the "What I've learned" read of the goal with the most interviews.

Targets: ``netnet notes`` within 0.3 s, a key in the app within 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engines import add_engine_argument, db_args, engine_name, fresh_target  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NOW = datetime(2026, 11, 27, 9, tzinfo=UTC)
# The people and organisations of the contacts benchmark, the same network's names.
from contacts import FIRST, KINDS, LAST, ORGS, TITLES  # noqa: E402

# Words of everyday notes, the common ones first (drawn with falling weights: a few are in many
# notes, most in few), and a handful of rare ones the benchmark looks for.
TOPICS = """team hiring project budget spring autumn data lead role coffee lunch conference talk paper
article course mentor board grant research ward clinic nurse patients forecast planning logistics
warehouse supply chain migration cloud platform product launch design review roadmap quarter contract
freelance volunteer committee festival school library museum council funding policy audit compliance
security privacy training workshop meetup podcast newsletter interview referral introduction reorg
merger acquisition startup founder investor pitch demo prototype pilot trial study survey analytics
dashboard reporting pipeline warehouse model forecasting scheduling rota discharge admissions triage
pharmacy radiology oncology paediatrics maternity ambulance emergency outpatient community outreach
charity fundraising donors trustees governance strategy vision values culture onboarding retention
promotion salary bonus equity pension relocation remote hybrid office commute parental leave sabbatical
certification diploma masters doctorate thesis supervisor lab experiment results publication journal
editor reviewer deadline manuscript slides keynote panel moderator sponsor booth exhibition tender bid
procurement vendor supplier invoice payment budget forecast variance headcount backfill vacancy opening
shortlist assessment exercise portfolio references offer negotiation start date notice period""".split()
RARE = ["kubernetes", "sabbaticals", "ornithology", "harpsichord", "glaciology"]
VERBS = ["mentioned", "said", "thinks", "asked about", "is worried about", "is excited about", "suggested",
         "is leaving for", "recommended", "knows someone in"]
QUERIES = ["harbour", "budget", "soren", "kubernetes", "discharge delays", "maria hiring"]


def _weights(n: int) -> list[float]:
    return [1 / (rank + 1) ** 0.9 for rank in range(n)]


def _sentence(rng: random.Random, weights: list[float]) -> str:
    topic = rng.choices(TOPICS, weights)[0]
    parts = [rng.choice(["", "", "Quick", "Long", "Short"]), rng.choice(VERBS), "the",
             *rng.choices(TOPICS, weights, k=rng.randint(2, 6)), topic]
    roll = rng.random()
    if roll < 0.33:
        parts.insert(2, f"{rng.choice(FIRST)} {rng.choice(LAST)}")
    elif roll < 0.5:
        parts.append(f"at {rng.choice(ORGS)}")
    if rng.random() < 0.002:
        parts.append(rng.choice(RARE))
    text = " ".join(p for p in parts if p)
    return text[0].upper() + text[1:] + "."


def build(target: Path | str, contacts: int, interactions: int, interviews: int, seed: int = 11) -> None:
    """The network at ``target`` (a SQLite file, or an emptied PostgreSQL database's URL)."""
    from engines import bulk_insert

    from netnet.core.clock import to_iso
    from netnet.core.notes import note_words
    from netnet.core.text import sort_key, words

    rng = random.Random(seed)
    weights = _weights(len(TOPICS))
    stamp = to_iso(NOW)
    people, notes_of = [], {}
    for cid in range(1, contacts + 1):
        given, family = rng.choice(FIRST), rng.choice(LAST)
        org, title = rng.choice(ORGS), rng.choice(TITLES)
        people.append({"id": cid, "uuid": str(uuid.uuid4()), "display_name": f"{given} {family}",
                       "given_name": given, "family_name": family,
                       "sort_key": sort_key(f"{given} {family}", family, given), "organisation": org,
                       "title": title, "circle": rng.choice([None, "friend", "coworker", "organisation"]),
                       "created_at": stamp, "updated_at": stamp})
        notes_of[cid] = []
    rows = []
    for _ in range(interactions):
        cid = rng.randint(1, contacts)
        when = to_iso(NOW - timedelta(days=rng.randint(0, 1500), minutes=rng.randint(0, 1440)))
        note = _sentence(rng, weights)
        if rng.random() < 0.2:
            note += "\n" + _sentence(rng, weights)
        notes_of[cid].append(note)
        rows.append({"uuid": str(uuid.uuid4()), "contact_id": cid, "kind": rng.choice(KINDS), "occurred_at": when,
                     "notes": note, "search_text": note_words(note), "created_at": stamp, "updated_at": stamp})
    for person in people:  # the contact search text holds the notes of their timeline, as the app keeps it
        parts = [person["display_name"], person["organisation"], person["title"], *notes_of[person["id"]]]
        person["search_text"] = " ".join(words(" ".join(parts)))
    goals = [{"id": n, "uuid": str(uuid.uuid4()), "kind": kind, "title": title, "created_at": stamp,
              "updated_at": stamp}
             for n, (kind, title) in enumerate([("career_change", "Move into healthcare analytics"),
                                               ("new_skill", "Bring forecasting into my work"),
                                               ("first_job", "A first role in a museum")], 1)]
    held, questions, plan = [], [], []
    for n in range(1, interviews + 1):
        cid = rng.randint(1, contacts)
        started = NOW - timedelta(days=rng.randint(1, 1200), hours=rng.randint(0, 9))
        lines, seconds = [], 20
        for _ in range(rng.randint(6, 16)):
            lines.append(f"[{seconds // 60:02d}:{seconds % 60:02d}] {_sentence(rng, weights)}")
            if rng.random() < 0.3:
                lines.append(_sentence(rng, weights))
            seconds += rng.randint(30, 120)
        learned = "\n".join(_sentence(rng, weights) for _ in range(rng.randint(1, 4)))
        held.append({"id": n, "uuid": str(uuid.uuid4()), "contact_id": cid, "goal_id": rng.randint(1, 3),
                     "status": "done", "scheduled_at": to_iso(started), "started_at": to_iso(started),
                     "ended_at": to_iso(started + timedelta(minutes=16)), "elapsed_seconds": seconds,
                     "notes": "\n".join(lines), "learned": learned,
                     "search_text": note_words("\n".join(lines), learned), "created_at": stamp, "updated_at": stamp})
        for position in range(8):
            said = _sentence(rng, weights) if rng.random() < 0.7 else ""
            questions.append({"uuid": str(uuid.uuid4()), "interview_id": n, "position": position,
                              "family": "Insights", "text": f"What about {rng.choice(TOPICS)}?", "answered": 1,
                              "notes": said, "search_text": note_words(said)})
        for _ in range(rng.randint(0, 2)):
            plan.append({"uuid": str(uuid.uuid4()), "goal_id": held[-1]["goal_id"],
                         "text": f"Learn more about {rng.choice(TOPICS)}", "source_interview_id": n,
                         "source_contact_id": cid, "created_at": stamp, "updated_at": stamp})
    bulk_insert(target, [
        ("INSERT INTO contact (id, uuid, display_name, given_name, family_name, sort_key, circle, organisation, "
         "title, search_text, created_at, updated_at) VALUES (:id, :uuid, :display_name, :given_name, "
         ":family_name, :sort_key, :circle, :organisation, :title, :search_text, :created_at, :updated_at)",
         people),
        ("INSERT INTO interaction (uuid, contact_id, kind, occurred_at, notes, search_text, created_at, updated_at) "
         "VALUES (:uuid, :contact_id, :kind, :occurred_at, :notes, :search_text, :created_at, :updated_at)", rows),
        ("INSERT INTO goal (id, uuid, kind, title, created_at, updated_at) VALUES (:id, :uuid, :kind, :title, "
         ":created_at, :updated_at)", goals),
        ("INSERT INTO interview (id, uuid, contact_id, goal_id, status, scheduled_at, started_at, ended_at, "
         "elapsed_seconds, notes, learned, search_text, created_at, updated_at) VALUES (:id, :uuid, :contact_id, "
         ":goal_id, :status, :scheduled_at, :started_at, :ended_at, :elapsed_seconds, :notes, :learned, "
         ":search_text, :created_at, :updated_at)", held),
        ("INSERT INTO interview_question (uuid, interview_id, position, family, text, answered, notes, search_text) "
         "VALUES (:uuid, :interview_id, :position, :family, :text, :answered, :notes, :search_text)", questions),
        ("INSERT INTO plan_item (uuid, goal_id, text, source_interview_id, source_contact_id, created_at, "
         "updated_at) VALUES (:uuid, :goal_id, :text, :source_interview_id, :source_contact_id, :created_at, "
         ":updated_at)", plan),
    ], finish=["UPDATE contact SET last_interaction_at = (SELECT max(occurred_at) FROM interaction i "
               "WHERE i.contact_id = contact.id)"], tables=("contact", "goal", "interview"))


def _prefixes(query: str) -> list[str]:
    """What the app searches as the query is typed: from the second letter on."""
    from netnet.screens.notes_search import FIRST_LETTERS

    return [query[:end] for end in range(FIRST_LETTERS, len(query) + 1) if query[:end].strip()]


def service_figures(target: Path | str, limit: int) -> dict[str, list[float]]:
    from netnet.data.notes_search import search_notes
    from netnet.data.stores import open_store

    store = open_store(target, deep_check=False)
    figures: dict[str, list[float]] = {"all": [], "keys": []}
    try:
        search_notes(store, "warm")  # the first read brings the file into the cache
        for query in QUERIES:
            started = time.perf_counter()
            found = search_notes(store, query)
            figures["all"].append(time.perf_counter() - started)
            figures.setdefault("matches", []).append(len(found.matches))
            for prefix in _prefixes(query):
                started = time.perf_counter()
                search_notes(store, prefix, limit=limit)
                figures["keys"].append(time.perf_counter() - started)
    finally:
        store.close()
    return figures


async def _app_child(target: Path | str) -> dict[str, float]:
    from netnet.app import NetnetApp
    from netnet.core.clock import FakeClock
    from netnet.data.stores import open_store
    from netnet.screens.notes_search import NotesSearchScreen

    store = open_store(target, deep_check=False)
    app = NetnetApp(store, clock=FakeClock(NOW), poll_interval=0, blink=False)
    per_key: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        app.push_screen(NotesSearchScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NotesSearchScreen)
        shown: dict[str, float] = {}
        original = screen.show_found

        def spy(query, found) -> None:  # when the list is handed the matches for what was typed
            original(query, found)
            shown.setdefault(query, time.perf_counter())

        screen.show_found = spy
        for query in QUERIES:
            await pilot.press("ctrl+u")
            await app.workers.wait_for_complete()
            await pilot.pause()
            typed = ""
            for letter in query:
                typed += letter
                started = time.perf_counter()
                await pilot.press("space" if letter == " " else letter)
                await app.workers.wait_for_complete()
                await pilot.pause()
                if typed in _prefixes(query) and typed in shown:  # the keys that search (as the service's)
                    per_key.append(shown[typed] - started)
            shown.clear()
    store.close()
    return {"median_ms": statistics.median(per_key) * 1000, "max_ms": max(per_key) * 1000, "keys": len(per_key)}


def cli_seconds(target: Path | str, *argv: str) -> float:
    """``netnet ARGV`` on the network, start to exit, median of 5."""
    netnet = Path(sys.executable).parent / "netnet"
    command = [str(netnet)] if netnet.exists() else [sys.executable, "-m", "netnet"]
    times = []
    for _ in range(5):
        started = time.perf_counter()
        result = subprocess.run([*command, *db_args(target), *argv], capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if result.returncode not in (0, 1):
            raise SystemExit(f"netnet {' '.join(argv)} exited {result.returncode}: {result.stderr.strip()}")
    return statistics.median(times)


def learned_ms(target: Path | str) -> float:
    from netnet.data.lessons import goal_lessons
    from netnet.data.stores import open_store

    store = open_store(target, deep_check=False)
    try:
        goal_lessons(store, 1)
        times = []
        for _ in range(5):
            started = time.perf_counter()
            goal_lessons(store, 1)
            times.append(time.perf_counter() - started)
    finally:
        store.close()
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--interactions", type=int, default=100_000)
    parser.add_argument("--interviews", type=int, default=400)
    parser.add_argument("--app-child", help=argparse.SUPPRESS)
    add_engine_argument(parser)
    args = parser.parse_args()
    if args.app_child:
        target = args.app_child if "://" in args.app_child else Path(args.app_child)
        print(json.dumps(asyncio.run(_app_child(target))))
        return 0
    from netnet.screens.notes_search import SHOWN

    folder = Path(tempfile.mkdtemp(prefix="netnet-bench-"))
    try:
        target = fresh_target(folder / "notes.db", args.db_url)
        started = time.perf_counter()
        build(target, args.contacts, args.interactions, args.interviews)
        print(f"{engine_name(target)}: {args.contacts:,} contacts, {args.interactions:,} interactions with notes, "
              f"{args.interviews:,} interviews (built in {time.perf_counter() - started:.1f} s)")
        s = service_figures(target, SHOWN)
        print(f"queries: {', '.join(QUERIES)}")
        print(f"matches: {', '.join(f'{n:,}' for n in s['matches'])}")
        print(f"service, every match (as the command line): median {statistics.median(s['all']) * 1000:.1f} ms, "
              f"max {max(s['all']) * 1000:.1f} ms")
        print(f"service, per key (the newest {SHOWN}, as the app): median "
              f"{statistics.median(s['keys']) * 1000:.1f} ms, max {max(s['keys']) * 1000:.1f} ms "
              f"({len(s['keys'])} keys)")
        child = subprocess.run([sys.executable, __file__, "--app-child", str(target)], capture_output=True,
                               text=True)
        if child.returncode:
            raise SystemExit(child.stderr)
        a = json.loads(child.stdout.strip().splitlines()[-1])
        print(f"app, per key until the list shows it: median {a['median_ms']:.1f} ms, max {a['max_ms']:.1f} ms "
              f"({a['keys']} keys)")
        for query in QUERIES:
            print(f"netnet notes {query}: {cli_seconds(target, 'notes', *query.split()):.2f} s")
        print(f"for comparison, in the same run: netnet where {cli_seconds(target, 'where'):.2f} s, "
              f"netnet contacts soren {cli_seconds(target, 'contacts', 'soren'):.2f} s")
        print(f"What I've learned, goal of {args.interviews // 3}-odd interviews: {learned_ms(target):.1f} ms")
        print("Targets: netnet notes within 0.3 s, a key in the app within 50 ms.")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
