"""How long "who can introduce me" takes on a large network.

    python benchmarks/referral.py [N]

Builds a temporary database of N contacts (default 30,000) spread over many
organisations, titles and fields, adds a goal with a target, and prints the
median time of ``who_can_introduce`` and how many candidates SQL kept.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from netnet.core.clock import FakeClock
from netnet.data import goals as svc
from netnet.data.contacts import ContactInput, insert_contact
from netnet.data.store import Store

ORGS = [f"Company {i}" for i in range(2000)] + ["Harbour Health"] * 20
TITLES = ["Engineer", "Data Analyst", "Nurse", "Manager", "Designer", "Recruiter", "Clerk", "Director"]
FIELDS = ["software", "healthcare", "finance", "retail", "education", "logistics"]


def main(n: int = 30_000) -> None:
    rng = random.Random(7)
    clock = FakeClock()
    folder = Path(tempfile.mkdtemp(prefix="netnet-bench-"))
    store = Store(folder / "bench.db")
    with store.write() as conn:
        for i in range(n):
            insert_contact(conn, ContactInput(
                f"Person {i}", organisation=rng.choice(ORGS), title=rng.choice(TITLES),
                field=rng.choice(FIELDS),
                circle=rng.choice([None, None, None, "friend", "coworker", "other"]),
                connector_role="retail" if rng.random() < 0.01 else None,
            ), clock.now())
    gid = svc.create_goal(store, svc.GoalInput("career_change", "Analytics"), clock)
    tid = svc.add_target(store, gid, svc.TargetInput(
        "title", job_title="Clinical Data Analyst", organisation="Harbour Health", field="healthcare"), clock)
    spec = svc.get_target(store, tid).spec
    with store.read() as conn:
        kept = len(svc.candidates_for(conn, spec, clock.now()))
    times = []
    for _ in range(7):
        start = time.perf_counter()
        ranked = svc.who_can_introduce(store, tid, clock)
        times.append(time.perf_counter() - start)
    print(f"contacts: {n:,}  kept by SQL: {kept:,}  shown: {len(ranked)}  "
          f"median who_can_introduce: {statistics.median(times) * 1000:.0f} ms")
    store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30_000)
