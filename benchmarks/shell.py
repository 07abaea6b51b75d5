"""Writes from the shell at 30,000 contacts: how long each command takes, start to exit.

    .venv/bin/python benchmarks/shell.py [--contacts 30000] [--runs 7] [--db-url postgresql://…]

Builds the network of ``benchmarks/contacts.py`` (30,000 contacts, about 100,000
interactions, most people in a circle, so thousands of check-ins are due), adds one
person to write about and follow-ups to close, then runs the installed ``netnet`` as a
shell script would, one process per command, and prints the median and the slowest of
``--runs`` runs of each:

- ``add NAME --org O --email E`` (a new person each run: the duplicate check, then the write)
- ``log NAME call NOTE`` (the name matched among 30,000, then the write)
- ``done KEY``, ``snooze KEY friday``, ``drop KEY`` (a stored follow-up each run)
- ``done KEY`` of a computed check-in (``c…``: its cadence read for that one person)
- ``show NAME``, and ``contacts QUERY`` and ``due`` for comparison.

Each command's exit status is checked, so a figure is never that of a refusal. The target
is 0.15 s for each write on SQLite. With ``--db-url`` the same runs on PostgreSQL (the
database is emptied first): every command there loads SQLAlchemy and the driver and
connects to the server, which the figures include.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engines import add_engine_argument, db_args, engine_name, fresh_target  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PERSON = "Wilhelmina Quartermaine"  # one of a kind among the generated names


def prepare(target, runs: int) -> dict[str, list[str]]:
    """The person to write about, a stored follow-up per run for done, snooze and drop, and as many
    computed check-ins: the keys each command will close."""
    from datetime import timedelta

    from netnet.core.clock import Clock
    from netnet.data.contacts import ContactInput, create_contact
    from netnet.data.followups import FollowupInput, add_followup, list_queue
    from netnet.data.stores import open_store

    clock = Clock()
    store = open_store(target)
    try:
        person = create_contact(store, ContactInput(PERSON, organisation="Harbour Health", circle="friend"), clock)
        keys: dict[str, list[str]] = {}
        for action in ("done", "snooze", "drop"):
            keys[action] = [
                "f" + str(add_followup(store, FollowupInput("action", f"{action} {n}", clock.today() - timedelta(days=1),
                                                            contact_id=person), clock))
                for n in range(runs)]
        keys["checkin"] = [item.key for item in list_queue(store, clock) if item.key.startswith("c")][:runs]
    finally:
        store.close()
    return keys


# As an installed netnet runs: with its modules' bytecode cached (a first run writes it).
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], expected: int = 0) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=ENV)
    seconds = time.perf_counter() - started
    if done.returncode != expected:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=7)
    add_engine_argument(parser)
    args = parser.parse_args()
    from contacts import build

    netnet = Path(sys.executable).parent / "netnet"
    program = [str(netnet)] if netnet.exists() else [sys.executable, "-m", "netnet"]
    folder = Path(tempfile.mkdtemp(prefix="netnet-bench-"))
    try:
        target = fresh_target(folder / "shell.db", args.db_url)
        build(target, args.contacts)
        keys = prepare(target, args.runs)
        base = [*program, *db_args(target)]
        commands = {
            "add": lambda n: (["add", f"Bench Person {n}", "--org", "Kestrel Labs",
                               "--email", f"bench.{n}@example.org"], 0),
            "log": lambda n: (["log", PERSON, "call", f"Bench call {n}"], 0),
            "done": lambda n: (["done", keys["done"][n]], 0),
            "snooze": lambda n: (["snooze", keys["snooze"][n], "friday"], 0),
            "drop": lambda n: (["drop", keys["drop"][n]], 0),
            "done (check-in)": lambda n: (["done", keys["checkin"][n]], 0),
            "show": lambda n: (["show", PERSON], 0),
            "contacts QUERY": lambda n: (["contacts", "wilhelmina", "quartermaine"], 0),
            "due": lambda n: (["due"], 1),
        }
        timed([*base, "where"])  # warm the file cache and the interpreter's
        print(f"{'command':<18} {'median s':>9} {'max s':>7}   ({args.contacts:,} contacts, "
              f"{engine_name(target)}, {args.runs} runs each)")
        for label, make in commands.items():
            times = []
            for n in range(args.runs):
                argv, expected = make(n)
                times.append(timed([*base, *argv], expected))
            print(f"{label:<18} {statistics.median(times):>9.3f} {max(times):>7.3f}", flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
