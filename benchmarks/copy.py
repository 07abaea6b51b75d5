"""Print how long `netnet copy` takes to move a big network to PostgreSQL and back.

    .venv/bin/python benchmarks/copy.py --db-url postgresql://me@host/netnet_bench [--contacts 30000]

Builds a SQLite network (``contacts.build``: about 3.3 interactions, 0.6 e-mails and
one tag per contact), copies it into the PostgreSQL database (EMPTIED first: give it one
made for the benchmark), then from there into a new SQLite file, and prints for each way
the copy itself (``copy_network``) and the whole command as a person runs it (a new
process: start, open and check the source, copy). The two SQLite files' JSON exports are
compared at the end: the round trip must change nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
# This script is named like the standard library's `copy`, which SQLModel's imports need: the
# library's is imported first, before this folder goes on the path for the shared helpers.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]
import copy  # noqa: E402, F401, I001
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from contacts import build  # noqa: E402
from engines import fresh_target  # noqa: E402

from netnet.data.stores import open_store  # noqa: E402


def copy_seconds(source: Path | str, target: Path | str) -> tuple[float, int]:
    """The copy alone, the source already open: seconds and rows copied."""
    from netnet.data.network_copy import copy_network

    store = open_store(source)
    try:
        started = time.perf_counter()
        report = copy_network(store, target)
        took = time.perf_counter() - started
    finally:
        store.close()
    assert report.matches
    return took, report.rows


def command_seconds(source: Path | str, target: Path | str, env: dict[str, str]) -> float:
    """`netnet copy --to TARGET` in a new process, as typed."""
    opening = ["--db-url", str(source)] if "://" in str(source) else ["--db", str(source)]
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "netnet", *opening, "copy", "--to", str(target)],
                   check=True, capture_output=True, env=env)
    return time.perf_counter() - started


def export(path: Path) -> str:
    from netnet.data.json_file import dump_json

    store = open_store(path)
    try:
        text = dump_json(store, datetime(2026, 1, 1, tzinfo=UTC))
    finally:
        store.close()
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db-url", required=True, metavar="URL",
                        help="the PostgreSQL database to copy into and back from (it is emptied first)")
    parser.add_argument("--contacts", type=int, default=30_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="netnet-bench-copy-"))
    env = {**os.environ, "NETNET_DATA_DIR": str(folder / "data"), "NETNET_LOG_DIR": str(folder / "log"),
           "NETNET_CONFIG_DIR": str(folder / "config")}
    os.environ.update({k: env[k] for k in ("NETNET_DATA_DIR", "NETNET_LOG_DIR", "NETNET_CONFIG_DIR")})
    try:
        source = folder / "source.db"
        started = time.perf_counter()
        build(source, args.contacts)
        print(f"built {args.contacts:,} contacts in SQLite: {time.perf_counter() - started:.2f} s", flush=True)
        ways = [("SQLite → PostgreSQL", source, lambda: fresh_target(folder / "unused", args.db_url)),
                ("PostgreSQL → SQLite", args.db_url, lambda: folder / "back.db")]
        for label, origin, fresh in ways:
            target = fresh()
            took, rows = copy_seconds(origin, target)
            print(f"{label}: copy {took:.2f} s ({rows:,} rows, {rows / took:,.0f} rows/s)", flush=True)
            target = fresh() if "://" in str(target) else folder / "back-command.db"
            print(f"{label}: `netnet copy` as a command {command_seconds(origin, target, env):.2f} s", flush=True)
        same = export(source) == export(folder / "back.db") == export(folder / "back-command.db")
        print(f"round trip: the JSON exports are {'identical' if same else 'DIFFERENT'}")
        return 0 if same else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
