"""How long the follow-up queue and the header counts take on a large network.

    python benchmarks/followups.py [N] [--db-url postgresql://…]     (default 30,000 contacts)

Two shapes: a LinkedIn-style network where most people have no circle (no
cadence), and a worst case where every contact has a circle, so thousands of
check-ins are due at once. Prints the median of five runs of each service.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engines import add_engine_argument, engine_name, fresh_target  # noqa: E402

from netnet.core.clock import FakeClock, to_iso  # noqa: E402
from netnet.data.followups import list_queue, queue_counts  # noqa: E402
from netnet.data.stores import open_store  # noqa: E402

CIRCLES = ["family", "neighbour", "friend", "coworker", "classmate", "organisation", "other"]


def build(path: Path | str, n: int, circled: float, clock: FakeClock):
    store = open_store(path)
    rng = random.Random(7)
    now = clock.now()
    rows = []
    for i in range(n):
        circle = rng.choice(CIRCLES) if rng.random() < circled else None
        last = to_iso(now - timedelta(days=rng.randint(0, 500))) if rng.random() < 0.8 else None
        rows.append({"uuid": f"u{i}", "display_name": f"Person {i}", "sort_key": f"person {i:06d}",
                     "circle": circle, "connector_role": "clergy" if i % 50 == 0 else None,
                     "last_interaction_at": last, "created_at": to_iso(now - timedelta(days=600)),
                     "updated_at": to_iso(now)})
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO contact (uuid, display_name, sort_key, circle, connector_role, last_interaction_at, "
            "created_at, updated_at) VALUES (:uuid, :display_name, :sort_key, :circle, :connector_role, "
            ":last_interaction_at, :created_at, :updated_at)", rows)
        first = conn.execute("SELECT min(id) AS first FROM contact").fetchone().first
        for i in range(300):
            due = (now.date() + timedelta(days=rng.randint(-20, 40))).isoformat()
            conn.execute(
                "INSERT INTO followup (uuid, kind, title, due_date, contact_id, created_at, updated_at) "
                "VALUES (:uuid, 'action', :title, :due, :contact_id, :at, :at)",
                {"uuid": f"f{i}", "title": f"Do thing {i}", "due": due, "contact_id": first + i, "at": to_iso(now)})
    return store


def median_ms(func) -> tuple[float, object]:
    times, result = [], None
    for _ in range(5):
        start = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("contacts", nargs="?", type=int, default=30_000)
    add_engine_argument(parser)
    args = parser.parse_args()
    n = args.contacts
    clock = FakeClock()
    for label, circled in (("2% with a circle", 0.02), ("every contact with a circle", 1.0)):
        with tempfile.TemporaryDirectory() as folder:
            target = fresh_target(Path(folder) / "bench.db", args.db_url)
            store = build(target, n, circled, clock)
            queue_ms, items = median_ms(lambda s=store: list_queue(s, clock))
            counts_ms, counts = median_ms(lambda s=store: queue_counts(s, clock))
            store.close()
        print(f"{engine_name(target)}, {n:,} contacts, {label}: queue {queue_ms:.0f} ms ({len(items):,} items), "
              f"header counts {counts_ms:.0f} ms ({counts['overdue']:,} overdue, {counts['due_today']:,} today)")


if __name__ == "__main__":
    main()
