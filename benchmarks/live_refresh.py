"""How soon one device hears another's save, on PostgreSQL (LISTEN/NOTIFY).

Two stores on one database, as two devices: the first listens, the second saves
a contact (or a call's notes) again and again; the time from the second's
commit to the first's count moving is printed, with the cost NOTIFY adds to a
write. The app looks at that count every 0.25 s, so what a person sees is this
figure plus up to 0.25 s plus the screen's own reload.

    .venv/bin/python benchmarks/live_refresh.py --db-url postgresql://me@host/netnet_bench

The database is EMPTIED first.
"""

from __future__ import annotations

import argparse
import statistics
import time

from engines import fresh_target  # noqa: F401 - sets the import path

from netnet.core.clock import Clock
from netnet.data import contacts as contacts_svc
from netnet.data.contacts import ContactInput
from netnet.data.postgres import PostgresStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db-url", required=True, help="a PostgreSQL database for the benchmark (emptied first)")
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    url = fresh_target(None, args.db_url)
    clock = Clock()
    listener, writer = PostgresStore(url), PostgresStore(url)
    try:
        watcher = listener.watch()
        if not watcher.listening.wait(10):
            raise SystemExit("the listening connection did not start")
        person = contacts_svc.create_contact(writer, ContactInput("Ada Lovelace"), clock)
        heard: list[float] = []
        writes: list[float] = []
        for round_ in range(args.rounds):
            before = listener.data_version()
            started = time.perf_counter()
            contacts_svc.update_contact(writer, person, ContactInput("Ada Lovelace", title=f"Round {round_}"), clock)
            committed = time.perf_counter()
            while listener.data_version() == before:
                time.sleep(0.0005)
            heard.append(time.perf_counter() - committed)
            writes.append(committed - started)
        # one UPDATE through netnet's write (which NOTIFYs) and bare (which does not): the cost of telling
        told: list[float] = []
        bare: list[float] = []
        for round_ in range(args.rounds):
            started = time.perf_counter()
            with writer.write() as tx:
                tx.execute("UPDATE contact SET title = :title WHERE id = :id", {"title": f"Told {round_}", "id": person})
            told.append(time.perf_counter() - started)
            started = time.perf_counter()
            with writer._connection() as tx, tx.connection.begin():
                tx.execute("UPDATE contact SET title = :title WHERE id = :id", {"title": f"Bare {round_}", "id": person})
            bare.append(time.perf_counter() - started)
        ms = 1000
        print(f"{args.rounds} saves on one device, heard on the other:")
        print(f"  heard after commit      median {statistics.median(heard) * ms:6.2f} ms   "
              f"worst {max(heard) * ms:6.2f} ms")
        print(f"  a contact's whole save  median {statistics.median(writes) * ms:6.2f} ms")
        print(f"  one UPDATE, NOTIFY sent median {statistics.median(told) * ms:6.2f} ms   "
              f"without  {statistics.median(bare) * ms:6.2f} ms")
        print("  the app looks at the count every 250 ms: another device's save shows within "
              f"{(max(heard) + 0.25) * ms:.0f} ms plus the screen's own reload")
    finally:
        listener.close()
        writer.close()


if __name__ == "__main__":
    main()
