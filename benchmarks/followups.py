"""How long the follow-up queue and the header counts take on a large network.

    python benchmarks/followups.py [N]     (default 30,000 contacts)

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

from netnet.core.clock import FakeClock, to_iso
from netnet.data.followups import list_queue, queue_counts
from netnet.data.store import Store

CIRCLES = ["family", "neighbour", "friend", "coworker", "classmate", "organisation", "other"]


def build(path: Path, n: int, circled: float, clock: FakeClock) -> Store:
    store = Store(path)
    rng = random.Random(7)
    now = clock.now()
    rows = []
    for i in range(n):
        circle = rng.choice(CIRCLES) if rng.random() < circled else None
        last = to_iso(now - timedelta(days=rng.randint(0, 500))) if rng.random() < 0.8 else None
        rows.append((f"u{i}", f"Person {i}", f"person {i:06d}", circle, "clergy" if i % 50 == 0 else None,
                     last, to_iso(now - timedelta(days=600)), to_iso(now)))
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO contact (uuid, display_name, sort_key, circle, connector_role, last_interaction_at, "
            "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)", rows)
        for i in range(300):
            due = (now.date() + timedelta(days=rng.randint(-20, 40))).isoformat()
            conn.execute(
                "INSERT INTO followup (uuid, kind, title, due_date, contact_id, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?)", (f"f{i}", "action", f"Do thing {i}", due, i + 1, to_iso(now), to_iso(now)))
    return store


def median_ms(func) -> tuple[float, object]:
    times, result = [], None
    for _ in range(5):
        start = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30_000
    clock = FakeClock()
    for label, circled in (("2% with a circle", 0.02), ("every contact with a circle", 1.0)):
        with tempfile.TemporaryDirectory() as folder:
            store = build(Path(folder) / "bench.db", n, circled, clock)
            queue_ms, items = median_ms(lambda s=store: list_queue(s, clock))
            counts_ms, counts = median_ms(lambda s=store: queue_counts(s, clock))
            store.close()
        print(f"{n:,} contacts, {label}: queue {queue_ms:.0f} ms ({len(items):,} items), "
              f"header counts {counts_ms:.0f} ms ({counts['overdue']:,} overdue, {counts['due_today']:,} today)")


if __name__ == "__main__":
    main()
