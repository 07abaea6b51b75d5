"""Print how long importing a LinkedIn Connections.csv takes (default 30,000 rows).

    .venv/bin/python benchmarks/import.py [ROWS] [--db-url postgresql://…]

Generates the file (with the quirks real exports have: byte-order mark, a
"Notes:" preamble, CRLF, quoted commas, empty e-mails), then times a dry run,
the import into an empty database, importing the same file again (which
must change nothing, and leaves no batch), then `import --undo`: the import
itself (every created contact deleted inside one write).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path


def make_connections(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
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
        lines.append(f"{first},{last},https://www.linkedin.com/in/{first.lower()}-{last.lower()},{email},"
                     f"{company},Engineer,{date}")
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8"))


def main() -> None:
    import argparse

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from engines import add_engine_argument, engine_name, fresh_target

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=30_000)
    add_engine_argument(parser)
    args = parser.parse_args()
    rows = args.rows
    from netnet.core.clock import Clock
    from netnet.data.stores import open_store
    from netnet.importing import import_file

    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "Connections.csv"
        make_connections(csv_path, rows)
        target = fresh_target(Path(folder) / "netnet.db", args.db_url)
        print(f"engine: {engine_name(target)}")
        store = open_store(target)
        clock = Clock()
        for label, dry in (("dry run", True), ("import", False), ("same file again", False)):
            start, cpu = time.perf_counter(), time.process_time()
            summary = import_file(store, "linkedin", csv_path, clock, dry_run=dry)
            took, cpu = time.perf_counter() - start, time.process_time() - cpu
            print(f"{label:16s} {rows:,} rows: {took:.2f} s wall, {cpu:.2f} s CPU  ({summary.line()})")
        from netnet.data.undo import undo_last_import

        for label in ("undo import",):  # the unchanged re-import left nothing to undo
            start, cpu = time.perf_counter(), time.process_time()
            undone = undo_last_import(store, clock)
            took, cpu = time.perf_counter() - start, time.process_time() - cpu
            print(f"{label:16s} {rows:,} rows: {took:.2f} s wall, {cpu:.2f} s CPU  ({undone.line()})")
        store.close()


if __name__ == "__main__":
    main()
