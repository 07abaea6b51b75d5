"""Print how long importing a LinkedIn Connections.csv takes (default 30,000 rows).

    .venv/bin/python benchmarks/import.py [ROWS] [--moved N] [--repeat R] [--db-url postgresql://…]

Generates the file (with the quirks real exports have: byte-order mark, a
"Notes:" preamble, CRLF, quoted commas, empty e-mails), then times a dry run,
the import into an empty database, importing the same file again (which
must change nothing, and leaves no batch), then `import --undo`: the import
itself (every created contact deleted inside one write).

Then, the file imported again, it times next month's export, side by side with the plain
re-import: the same rows, but N of the people (default a tenth) at another
organisation with another title, so netnet records N job changes. Each of the
two is run R times (default 3), alternately, the moved file's import undone
after each run; the medians and their ratio are printed, with a third run of
the moved file that does not look for job changes (what noticing costs).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    del sys.path[0]  # run as a script: benchmarks/copy.py must not hide the standard library's copy module


def make_connections(path: Path, rows: int, seed: int = 7, moved: int = 0) -> None:
    """The export; with ``moved``, next month's: that many people (spread over the file) work
    elsewhere now, everyone else exactly as before."""
    rng = random.Random(seed)
    every = rows // moved if moved else 0
    firsts = ["Ada", "Bea", "Cai", "Dev", "Eli", "Fen", "Gus", "Hal", "Ida", "Jo", "Kit", "Lu", "Mo", "Ned"]
    lasts = ["Arden", "Birch", "Cole", "Dunn", "Ember", "Frost", "Gale", "Hollis", "Ives", "Juno", "Kerr"]
    companies = ["Acme, Inc.", "Brightline", "Copperleaf", "Dovetail Labs", "Everstone", "Fathom & Co"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    lines = ["Notes:", '"Some e-mail addresses are missing, as members choose whether to share them."', "",
             "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for n in range(rows):
        first, last = rng.choice(firsts), f"{rng.choice(lasts)}{n}"
        email = f"{first.lower()}.{last.lower()}@example.com" if rng.random() < 0.4 else ""
        company = rng.choice(companies)
        company = f'"{company}"' if "," in company else company
        date = f"{rng.randint(1, 28):02d} {rng.choice(months)} {rng.randint(2008, 2025)}"
        title = "Engineer"
        if every and n % every == 0 and n // every < moved:
            company, title = "Harbour Health", "Head of Data"
        lines.append(f"{first},{last},https://www.linkedin.com/in/{first.lower()}-{last.lower()},{email},"
                     f"{company},{title},{date}")
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8"))


def _timed(action):
    start, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, time.perf_counter() - start, time.process_time() - cpu


def main() -> None:
    import argparse
    import statistics

    here = str(Path(__file__).resolve().parent)
    sys.path.insert(0, here)
    try:
        from engines import add_engine_argument, engine_name, fresh_target
    finally:
        sys.path.remove(here)  # benchmarks/copy.py would hide the standard library's copy module

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=30_000)
    parser.add_argument("--moved", type=int, default=None, help="people who changed jobs in next month's file "
                        "(default: a tenth of the rows)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the re-import and of the moved file")
    add_engine_argument(parser)
    args = parser.parse_args()
    rows = args.rows
    moved = rows // 10 if args.moved is None else args.moved
    from netnet.core.clock import Clock
    from netnet.data.stores import open_store
    from netnet.data.undo import undo_last_import
    from netnet.importing import import_file

    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "Connections.csv"
        make_connections(csv_path, rows)
        next_month = Path(folder) / "next" / "Connections.csv"
        next_month.parent.mkdir()
        make_connections(next_month, rows, moved=moved)
        target = fresh_target(Path(folder) / "netnet.db", args.db_url)
        print(f"engine: {engine_name(target)}")
        store = open_store(target)
        clock = Clock()
        for label, dry in (("dry run", True), ("import", False), ("same file again", False)):
            summary, took, cpu = _timed(lambda dry=dry: import_file(store, "linkedin", csv_path, clock, dry_run=dry))
            print(f"{label:16s} {rows:,} rows: {took:.2f} s wall, {cpu:.2f} s CPU  ({summary.line()})")

        for label in ("undo import",):  # the unchanged re-import left nothing to undo
            undone, took, cpu = _timed(lambda: undo_last_import(store, clock))
            print(f"{label:16s} {rows:,} rows: {took:.2f} s wall, {cpu:.2f} s CPU  ({undone.line()})")

        # Next month's file beside the plain re-import, alternately; the moves are undone after each run.
        import_file(store, "linkedin", csv_path, clock)  # this month's network again
        from netnet.data import imports

        def unnoticed():  # the same import, job changes not looked for: what noticing them costs
            noticing = imports.is_job_change
            imports.is_job_change = lambda *_args: False
            try:
                return import_file(store, "linkedin", next_month, clock)
            finally:
                imports.is_job_change = noticing

        runs = {"same file again": lambda: import_file(store, "linkedin", csv_path, clock),
                f"{moved:,} moved": lambda: import_file(store, "linkedin", next_month, clock),
                f"{moved:,} moved, unnoticed": unnoticed}
        times: dict[str, list[tuple[float, float]]] = {label: [] for label in runs}
        lines = {}
        for _ in range(max(1, args.repeat)):
            for label, run in runs.items():
                summary, took, cpu = _timed(run)
                times[label].append((took, cpu))
                lines[label] = summary.line()
                if summary.updated:
                    undone, undo_took, _cpu = _timed(lambda: undo_last_import(store, clock))
        median = {label: (statistics.median(t for t, _c in got), statistics.median(c for _t, c in got))
                  for label, got in times.items()}
        best = {label: min(t for t, _c in got) for label, got in times.items()}
        print(f"next month's file, {moved:,} of {rows:,} moved, beside the plain re-import "
              f"(median and best of {max(1, args.repeat)} runs each, alternately):")
        base = median["same file again"]
        for label, (took, cpu) in median.items():
            ratio = "" if label == "same file again" else (
                f" = {took / base[0]:.2f} x wall ({best[label] / best['same file again']:.2f} x best), "
                f"{cpu / base[1]:.2f} x CPU")
            print(f"  {label:28s} {took:.2f} s wall (best {best[label]:.2f} s), {cpu:.2f} s CPU{ratio}")
            print(f"  {'':28s} {lines[label]}")
        print(f"  undoing the moves: {undo_took:.2f} s ({undone.line()})")
        store.close()


if __name__ == "__main__":
    main()
