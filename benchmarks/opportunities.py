"""How long the Opportunities section takes with many opportunities on a large network.

    python benchmarks/opportunities.py [N] [--contacts C] [--db-url postgresql://…]
                                       (default 2,000 opportunities, 30,000 contacts)

Builds C contacts, three goals and N opportunities (a source person for most, two
thirds with a next step in the queue, two to four stage moves each), then prints:

- list: ``list_opportunities`` for everything, most pressing first (median of 5)
- key: a search per key typed, through the service (median and max of "harbour")
- ui key: the same typed into section 5 of the running app, until the list shows it
- end: the cursor to the last opportunity and every visible line drawn (the widget's work)
- goals: ``list_goals`` with every goal's opportunity counts (median of 5)
- cli: ``netnet opportunities`` as a whole process (median of 3)
"""

from __future__ import annotations

import asyncio
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engines import add_engine_argument, db_args, engine_name, fresh_target  # noqa: E402

from netnet.core.clock import FakeClock, to_iso  # noqa: E402
from netnet.data.stores import open_store  # noqa: E402

NOW = datetime(2026, 11, 27, 9, tzinfo=UTC)
ORGS = ["Harbour Health", "Northwind Analytics", "Open Health Institute", "Kestrel Software", "Data for Good",
        "Brightline Energy", "City Library", "Bluebird Labs", "Fjord Energy", "Rossi & Partners"]
KINDS = ["opening", "project", "team", "programme", "volunteer"]
PATH = ["heard", "researching", "applied", "interviewing", "offer"]


def build(target: Path | str, contacts: int, n: int) -> None:
    rng = random.Random(11)
    store = open_store(target)
    stamp = to_iso(NOW)
    try:
        with store.write() as conn:
            conn.executemany(
                "INSERT INTO contact (uuid, display_name, sort_key, organisation, created_at, updated_at) "
                "VALUES (:uuid, :name, :sort_key, :org, :at, :at)",
                [{"uuid": f"c{i}", "name": f"Person {i}", "sort_key": f"person {i:06d}", "org": rng.choice(ORGS),
                  "at": stamp} for i in range(contacts)])
            first = conn.execute("SELECT min(id) AS first FROM contact").fetchone().first
            goals = [conn.execute(
                "INSERT INTO goal (uuid, kind, title, created_at, updated_at) VALUES (:uuid, 'career_change', "
                ":title, :at, :at) RETURNING id", {"uuid": f"g{g}", "title": f"Goal {g}", "at": stamp}).fetchone().id
                for g in range(3)]
            for i in range(n):
                followup_id = None
                if i % 3:
                    followup_id = conn.execute(
                        "INSERT INTO followup (uuid, kind, title, due_date, created_at, updated_at) VALUES "
                        "(:uuid, 'action', :title, :due, :at, :at) RETURNING id",
                        {"uuid": f"f{i}", "title": f"Next step {i}", "at": stamp,
                         "due": (NOW.date() + timedelta(days=rng.randint(-10, 40))).isoformat()}).fetchone().id
                moves = rng.randint(1, 4)
                closed = rng.random() < 0.2
                stage = "closed" if closed else PATH[moves - 1]
                oid = conn.execute(
                    "INSERT INTO opportunity (uuid, kind, title, organisation, goal_id, source_contact_id, "
                    "followup_id, notes, stage, outcome, created_at, updated_at) VALUES (:uuid, :kind, :title, :org, "
                    ":goal, :source, :followup, :notes, :stage, :outcome, :at, :at) RETURNING id",
                    {"uuid": f"o{i}", "kind": rng.choice(KINDS), "title": f"Opening {i}", "org": rng.choice(ORGS),
                     "goal": rng.choice(goals), "source": first + rng.randrange(contacts) if i % 4 else None,
                     "followup": followup_id, "notes": "Heard over coffee; referrals first.", "stage": stage,
                     "outcome": "not_chosen" if closed else None,
                     "at": to_iso(NOW - timedelta(days=rng.randint(0, 200)))}).fetchone().id
                conn.executemany(
                    "INSERT INTO opportunity_stage_event (opportunity_id, stage, outcome, at, note) "
                    "VALUES (:id, :stage, NULL, :at, '')",
                    [{"id": oid, "stage": PATH[m], "at": to_iso(NOW - timedelta(days=50 - m))} for m in range(moves)])
    finally:
        store.close()


def median_ms(func, runs: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


async def in_the_app(target: Path | str) -> dict[str, float]:
    from netnet.app import NetnetApp
    from netnet.widgets.opportunity_list import OpportunityList

    store = open_store(target, deep_check=False)
    app = NetnetApp(store, clock=FakeClock(NOW), poll_interval=0, blink=False)
    figures: dict[str, float] = {}
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        # Imported before the key, as a second visit has it.
        from netnet.screens.opportunities import OpportunitiesScreen

        started = time.perf_counter()
        await pilot.press("5")
        while not (isinstance(app.screen, OpportunitiesScreen) and app.screen.loaded is not None):
            await asyncio.sleep(0.001)
        figures["open_ms"] = (time.perf_counter() - started) * 1000
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        screen = app.screen
        listing = screen.query_one(OpportunityList)
        started = time.perf_counter()
        listing.action_last()
        for y in range(listing.size.height):
            listing.render_line(y)
        figures["end_ms"] = (time.perf_counter() - started) * 1000
        await pilot.press("home", "slash")
        shown: dict[str, float] = {}
        original = screen._show

        def spy(loaded) -> None:  # when the list is handed what was typed
            original(loaded)
            shown.setdefault(loaded.text, time.perf_counter())

        screen._show = spy
        per_key, typed = [], ""
        for letter in "harbour":
            typed += letter
            started = time.perf_counter()
            await pilot.press(letter)
            await app.workers.wait_for_complete()
            await pilot.pause()
            per_key.append((shown[typed] - started) * 1000)
        figures["ui_key_median_ms"] = statistics.median(per_key)
        figures["ui_key_max_ms"] = max(per_key)
    store.close()
    return figures


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("opportunities", nargs="?", type=int, default=2_000)
    parser.add_argument("--contacts", type=int, default=30_000)
    add_engine_argument(parser)
    args = parser.parse_args()
    clock = FakeClock(NOW)
    from netnet.data.goals import list_goals
    from netnet.data.opportunities import list_opportunities

    with tempfile.TemporaryDirectory() as folder:
        target = fresh_target(Path(folder) / "bench.db", args.db_url)
        build(target, args.contacts, args.opportunities)
        store = open_store(target, deep_check=False)
        list_ms, views = median_ms(lambda: list_opportunities(store, clock))
        keys = []
        for n in range(1, len("harbour") + 1):
            ms, _ = median_ms(lambda n=n: list_opportunities(store, clock, query="harbour"[:n]), runs=3)
            keys.append(ms)
        goals_ms, _ = median_ms(lambda: list_goals(store, clock))
        store.close()
        app = asyncio.run(in_the_app(target))
        cli = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "netnet", *db_args(target), "opportunities"], check=True,
                           stdout=subprocess.DEVNULL)
            cli.append(time.perf_counter() - started)
    print(f"{engine_name(target)}: {len(views):,} opportunities, {args.contacts:,} contacts")
    print(f"  list (most pressing first)       {list_ms:7.1f} ms")
    print(f"  search per key, service          {statistics.median(keys):7.1f} ms median, {max(keys):.1f} ms max")
    print(f"  search per key, in the app       {app['ui_key_median_ms']:7.1f} ms median, "
          f"{app['ui_key_max_ms']:.1f} ms max")
    print(f"  section 5 opened (list drawn)    {app['open_ms']:7.1f} ms")
    print(f"  to the last one, lines drawn     {app['end_ms']:7.1f} ms")
    print(f"  goals with their counts          {goals_ms:7.1f} ms")
    print(f"  netnet opportunities (process)   {statistics.median(cli):7.2f} s")


if __name__ == "__main__":
    main()
