"""Contacts performance: list, search as you type, fuzzy fallback, end jump, memory, CLI.

    .venv/bin/python benchmarks/contacts.py [--sizes 1000 10000 30000]

Builds a database per size (about 3.3 interactions per contact: 100,000 at
30,000 contacts) with ``executemany`` inside one transaction, then prints:

- list: time to read every row of the list (the first screen's query)
- key: search latency per key typed, through the service (median and max)
- ui key: the same typed into the running app, until the list shows the result
- fuzzy: a typo that only the fuzzy fallback finds
- end: jumping to the end of the list and drawing the visible lines (and the
  same through a pilot key press, which adds the pilot's own waiting)
- memory: peak resident memory of the app process holding the list
- cli: ``netnet contacts QUERY`` wall time as a subprocess

Targets: a key within 50 ms, the CLI within 0.5 s, memory under 150 MB.
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

from engines import add_engine_argument, engine_name, fresh_target  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST = ["Søren", "Łucja", "Maria", "José", "Chloé", "Ahmed", "Grace", "Kwame", "Ingrid", "Yuki", "Priya",
         "Oliver", "Zoë", "Mei", "Carlos", "Fatima", "Lars", "Hannah", "Tomás", "Aisha", "Ben", "Ruth",
         "Kristina", "Dmitri", "Nora", "Jan", "Amara", "Henrik", "Sofia", "Tariq", "Elena", "Marcus"]
LAST = ["Kjær", "Wiśniewska", "Lindqvist", "García", "Dubois", "Haddad", "Liu", "Mensah", "Holm", "Tanaka",
        "Natarajan", "Grant", "Fischer", "Chen", "Mendes", "Zahra", "Eriksen", "Schmidt", "Rivera", "Bello",
        "Adeyemi", "Okonkwo", "Johansson", "Petrov", "O'Brien", "Nowak", "Nwosu", "Lund", "Rossi", "Ali",
        "Straße", "Ødegård", "Æbelø", "Novak", "Kowalski", "Smith", "Jones", "Brown", "Müller", "Dupont"]
ORGS = [f"{a} {b}" for a in ("Harbour", "Northwind", "Kestrel", "Bluebird", "Brightline", "Fjord", "Copper",
                              "Open", "Baltic", "Rotary")
        for b in ("Health", "Analytics", "Software", "Labs", "Energy", "Partners", "Group", "Institute")]
TITLES = ["Engineer", "Data Scientist", "Recruiter", "Product Manager", "Nurse", "Teacher", "Director",
          "Analyst", "Designer", "Consultant", "Founder", "Accountant"]
CIRCLES = [None, None, None, "friend", "coworker", "classmate", "organisation", "family", "neighbour", "other"]
KINDS = ["call", "meeting", "email", "message", "checkin"]


def build(path: Path | str, n: int, seed: int = 1) -> None:
    """A database of ``n`` contacts and about 3.3 interactions each (a file, or a PostgreSQL URL)."""
    from engines import bulk_insert

    from netnet.core.clock import to_iso
    from netnet.core.text import sort_key, words
    from netnet.data.contacts import normalise_method

    rng = random.Random(seed)
    now = datetime(2026, 11, 27, 9, tzinfo=UTC)
    stamp = to_iso(now)
    contacts, methods, tags, interactions = [], [], [], []
    for cid in range(1, n + 1):
        given, family = rng.choice(FIRST), rng.choice(LAST)
        if cid == n // 2:
            given, family = "Kristina", "Johansson"  # the person the benchmark types
        name = f"{given} {family}"
        org, title = rng.choice(ORGS), rng.choice(TITLES)
        circle = rng.choice(CIRCLES)
        email = f"{given.lower()}.{cid}@example.org" if rng.random() < 0.6 else ""
        contact_tags = rng.sample(["alumni", "mentor", "rotary", "climbing", "hiring"], rng.randint(0, 2))
        notes = []
        for _ in range(rng.choice((3, 3, 3, 4))):
            if len(interactions) >= n * 10 // 3:
                break
            when = to_iso(now - timedelta(days=rng.randint(0, 900)))
            note = rng.choice(["", "", "Coffee near the harbour", "Talked about hiring", "Sent the article"])
            interactions.append({"uuid": str(uuid.uuid4()), "contact_id": cid, "kind": rng.choice(KINDS),
                                 "occurred_at": when, "notes": note, "created_at": stamp, "updated_at": stamp})
            if note:
                notes.append(note)
        parts = [name, given, family, org, title, *contact_tags, *( [email] if email else []), *notes]
        contacts.append({"id": cid, "uuid": str(uuid.uuid4()), "display_name": name, "given_name": given,
                         "family_name": family, "sort_key": sort_key(name, family, given), "circle": circle,
                         "organisation": org, "title": title, "search_text": " ".join(words(" ".join(parts))),
                         "created_at": stamp, "updated_at": stamp})
        if email:
            methods.append({"contact_id": cid, "kind": "email", "value": email,
                            "norm": normalise_method("email", email)})
        tags += [{"contact_id": cid, "tag": t} for t in contact_tags]
    bulk_insert(path, [
        ("INSERT INTO contact (id, uuid, display_name, given_name, family_name, sort_key, circle, organisation, "
         "title, search_text, created_at, updated_at) VALUES (:id, :uuid, :display_name, :given_name, "
         ":family_name, :sort_key, :circle, :organisation, :title, :search_text, :created_at, :updated_at)",
         contacts),
        ("INSERT INTO contact_method (contact_id, kind, value, norm) VALUES (:contact_id, :kind, :value, :norm)",
         methods),
        ("INSERT INTO contact_tag (contact_id, tag) VALUES (:contact_id, :tag)", tags),
        ("INSERT INTO interaction (uuid, contact_id, kind, occurred_at, notes, created_at, updated_at) "
         "VALUES (:uuid, :contact_id, :kind, :occurred_at, :notes, :created_at, :updated_at)", interactions),
    ], finish=["UPDATE contact SET last_interaction_at = (SELECT max(occurred_at) FROM interaction i "
               "WHERE i.contact_id = contact.id)"])


def timed(func, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def service_figures(path: Path | str) -> dict[str, float]:
    from netnet.data import contacts as svc
    from netnet.data.contacts import ListQuery
    from netnet.data.stores import open_store

    store = open_store(path, deep_check=False)
    today = datetime(2026, 11, 27, tzinfo=UTC).date()
    figures: dict[str, float] = {}
    figures["list_ms"] = timed(lambda: svc.query_contacts(store, ListQuery(), today=today)) * 1000
    figures["rows"] = len(svc.query_contacts(store, ListQuery(), today=today)[0])
    typed = "kristina johansson"
    per_key = []
    for end in range(1, len(typed) + 1):
        prefix = typed[:end]
        started = time.perf_counter()
        svc.query_contacts(store, ListQuery(text=prefix), today=today)
        svc.count_contacts(store)
        per_key.append(time.perf_counter() - started)
    figures["key_median_ms"] = statistics.median(per_key) * 1000
    figures["key_max_ms"] = max(per_key) * 1000
    rows, fuzzy = svc.query_contacts(store, ListQuery(text="kristnia johanssno"), today=today)
    assert fuzzy and rows, "the fuzzy fallback found nothing"
    figures["fuzzy_ms"] = timed(lambda: svc.query_contacts(store, ListQuery(text="kristnia johanssno"),
                                                           today=today), 3) * 1000
    figures["losing_touch_ms"] = timed(lambda: svc.query_contacts(
        store, ListQuery(overdue=True, sort="overdue"), today=today), 3) * 1000
    store.close()
    return figures


async def _app_child(path: Path | str) -> dict[str, float]:

    from netnet.app import NetnetApp
    from netnet.core.clock import FakeClock
    from netnet.data.stores import open_store
    from netnet.widgets.contact_table import ContactTable

    store = open_store(path, deep_check=False)
    app = NetnetApp(store, clock=FakeClock(datetime(2026, 11, 27, 9, tzinfo=UTC)), poll_interval=0, blink=False)
    figures: dict[str, float] = {}
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        table = app.screen.query_one(ContactTable)
        started = time.perf_counter()
        await pilot.press("end")
        await pilot.pause()
        figures["end_ms"] = (time.perf_counter() - started) * 1000
        assert table.cursor == len(table.rows) - 1
        await pilot.press("home")
        await pilot.pause()
        started = time.perf_counter()  # the widget's own work: move, scroll, draw every visible line
        table.action_last()
        for y in range(table.size.height):
            table.render_line(y)
        figures["end_widget_ms"] = (time.perf_counter() - started) * 1000
        await pilot.press("home", "slash")
        screen = app.screen
        shown: dict[str, float] = {}
        original = screen._show

        def spy(loaded) -> None:  # when the list is handed the rows for what was typed
            original(loaded)
            shown.setdefault(loaded.query.text, time.perf_counter())

        screen._show = spy
        per_key = []
        typed = ""
        for letter in "kristina":
            typed += letter
            started = time.perf_counter()
            await pilot.press(letter)
            await app.workers.wait_for_complete()
            await pilot.pause()
            per_key.append(shown[typed] - started)
        figures["ui_key_median_ms"] = statistics.median(per_key) * 1000
        figures["ui_key_max_ms"] = max(per_key) * 1000
    figures["peak_mb"] = _peak_mb()
    store.close()
    return figures


def _peak_mb() -> float:
    """This process's own peak resident memory. ru_maxrss survives exec on Linux, so in a
    child it can report the parent's size (the builder of the network); /proc's VmHWM
    belongs to this program alone."""
    import resource

    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cli_seconds(path: Path | str, query: str) -> float:
    from engines import db_args

    netnet = Path(sys.executable).parent / "netnet"
    command = [str(netnet)] if netnet.exists() else [sys.executable, "-m", "netnet"]
    times = []
    for _ in range(3):
        started = time.perf_counter()
        result = subprocess.run([*command, *db_args(path), "contacts", *query.split()],
                                capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - started)
        assert result.stdout.strip(), "the CLI printed nothing"
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[1000, 10000, 30000])
    parser.add_argument("--app-child", help=argparse.SUPPRESS)
    add_engine_argument(parser)
    args = parser.parse_args()
    if args.app_child:
        target = args.app_child if "://" in args.app_child else Path(args.app_child)
        print(json.dumps(asyncio.run(_app_child(target))))
        return 0
    folder = Path(tempfile.mkdtemp(prefix="netnet-bench-"))
    try:
        print(f"{'contacts':>9} {'build s':>8} {'list ms':>8} {'key med':>8} {'key max':>8} {'ui key':>8} "
              f"{'ui max':>8} {'fuzzy':>7} {'losing':>7} {'end ms':>7} {'(pilot)':>8} {'peak MB':>8} {'cli s':>6}")
        for n in args.sizes:
            path = fresh_target(folder / f"bench-{n}.db", args.db_url)
            started = time.perf_counter()
            build(path, n)
            build_s = time.perf_counter() - started
            s = service_figures(path)
            child = subprocess.run([sys.executable, __file__, "--app-child", str(path)],
                                   capture_output=True, text=True, check=True)
            a = json.loads(child.stdout.strip().splitlines()[-1])
            cli = cli_seconds(path, "kristina johansson")
            print(f"{n:>9,} {build_s:>8.2f} {s['list_ms']:>8.1f} {s['key_median_ms']:>8.1f} "
                  f"{s['key_max_ms']:>8.1f} {a['ui_key_median_ms']:>8.1f} {a['ui_key_max_ms']:>8.1f} "
                  f"{s['fuzzy_ms']:>7.1f} {s['losing_touch_ms']:>7.1f} {a['end_widget_ms']:>7.1f} {a['end_ms']:>8.1f} "
                  f"{a['peak_mb']:>8.1f} {cli:>6.2f}", flush=True)
        print(f"engine: {engine_name(path)}. Targets: a key within 50 ms, the CLI within 0.5 s, "
              f"peak memory under 150 MB")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
