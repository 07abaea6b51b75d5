"""Print the peak memory of importing large files (each import in its own process).

    .venv/bin/python benchmarks/import_memory.py [--keep DIR]

Generates the files first (in a temporary folder, or DIR), then imports each
into an empty database in a fresh Python process and prints that process's
peak resident memory (VmHWM from /proc/self/status, the high-water mark of
that process alone) and the import's summary line:

- a 50 MB Google Contacts CSV (several e-mails and phones, addresses, notes);
- a 20 MB vCard file of phone-style cards (vCard 2.1 and 3.0 mixed);
- the same 20 MB of cards with one card carrying a 5 MB NOTE;
- a vCard file holding only the card with the 5 MB NOTE;
- 100,000 rows of a LinkedIn Connections.csv;
- the Google CSV again, into the database that now holds it (nothing changes),
  and once more with every job title changed (every contact is updated).

The goal is under 300 MB for any file up to 100 MB. Figures, not a test:
nothing here asserts.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MB = 1024 * 1024
GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,"
    "Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,"
    "Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,"
    "Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,"
    "Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Website 1 - Label,"
    "Website 1 - Value"
)
FIRSTS = ["Ada", "Bea", "Cai", "Dev", "Eli", "Fen", "Gus", "Hal", "Ida", "Jo", "Kit", "Lu", "Mo", "Ned"]
LASTS = ["Arden", "Birch", "Cole", "Dunn", "Ember", "Frost", "Gale", "Hollis", "Ives", "Juno", "Kerr"]
COMPANIES = ["Acme, Inc.", "Brightline", "Copperleaf", "Dovetail Labs", "Everstone", "Fathom & Co"]
WORDS = "met at the meetup asked about roles in data platform teams and offered an intro to".split()


def _note(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def make_google_csv(path: Path, size: int, seed: int = 1) -> int:
    rng = random.Random(seed)
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(GOOGLE_HEADER + "\r\n")
        written = len(GOOGLE_HEADER) + 2
        while written < size:
            first, last = rng.choice(FIRSTS), f"{rng.choice(LASTS)}{rows}"
            company = rng.choice(COMPANIES)
            line = (
                f'{first},,{last},,,,,,,,"{company}",Engineer,Platform,1984-0{rng.randint(1, 9)}-1{rng.randint(0, 9)},'
                f'"{_note(rng, 40)}",,* myContacts ::: Work,* Work,{first}.{last}@work.example,Home,'
                f"{first}{rows}@home.example,Mobile,+1 555 {rows:07d},Work,+1 556 {rows:07d},Home,"
                f'"12 Long Road\nSpringfield 12345",12 Long Road,Springfield,,,12345,US,,Profile,'
                f"https://people.example/{first}-{last}\r\n"
            )
            out.write(line)
            written += len(line.encode("utf-8"))
            rows += 1
    return rows


def _card(rng: random.Random, n: int, note: str = "") -> str:
    first, last = rng.choice(FIRSTS), f"{rng.choice(LASTS)}{n}"
    if n % 2:
        lines = ["BEGIN:VCARD", "VERSION:2.1", f"N;CHARSET=UTF-8:{last};{first};;;", f"FN:{first} {last}",
                 f"TEL;CELL:+49 170 {n:07d}", f"EMAIL;HOME:{first}.{last}@mail.example",
                 f"ORG:{rng.choice(COMPANIES).replace(',', '')}",
                 "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Erste Zeile=0D=0A=",
                 "Zweite Zeile =C3=BCber die Br=C3=BCcke", "END:VCARD"]
    else:
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{last};{first};;;", f"FN:{first} {last}",
                 f"TEL;TYPE=CELL:+49 170 {n:07d}", f"EMAIL;TYPE=INTERNET,HOME:{first}.{last}@mail.example",
                 "TITLE:Engineer", f"NOTE:{_note(rng, 30)}", "END:VCARD"]
    if note:
        lines.insert(-1, "NOTE:" + note)
    return "\r\n".join(lines) + "\r\n"


def make_vcards(path: Path, size: int, big_note: int = 0, seed: int = 2) -> int:
    rng = random.Random(seed)
    cards = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        written = 0
        if big_note:
            card = _card(rng, 0, "x" * big_note)
            out.write(card)
            written += len(card)
            cards += 1
        while written < size:
            card = _card(rng, cards)
            out.write(card)
            written += len(card)
            cards += 1
    return cards


def make_linkedin(path: Path, rows: int, seed: int = 7) -> None:
    import importlib

    importlib.import_module("benchmarks.import").make_connections(path, rows, seed)


def child(kind: str, path: Path, into: str = "") -> None:
    """Import one file into an empty database (or the database ``into``, as it is); print the
    peak memory of this process."""
    from netnet.core.clock import Clock
    from netnet.data.store import Store
    from netnet.importing import import_file

    db = path.parent / (into or f"{path.stem}.db")
    for old in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if not into else ():
        old.unlink(missing_ok=True)
    store = Store(db)
    start = time.perf_counter()
    summary = import_file(store, kind, path, Clock())
    took = time.perf_counter() - start
    store.close()
    status = Path("/proc/self/status").read_text()
    peak = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    print(f"{int(peak) / 1024:.0f} MB\t{took:.1f} s\t{summary.line()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="DIR", help="generate the files in DIR and keep them")
    parser.add_argument("--child", nargs="+", metavar="KIND FILE [DB]", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), *args.child[2:])
        return
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        cases = []
        rows = make_google_csv(folder / "google.csv", 50 * MB)
        cases.append(("csv", folder / "google.csv", f"Google CSV, {rows:,} rows"))
        cases.append(("csv", folder / "google.csv", "the same again, into its database", "google.db"))
        changed = (folder / "google.csv").read_bytes().replace(b",Engineer,Platform,", b",Lead,Platform,")
        (folder / "google-changed.csv").write_bytes(changed)
        del changed
        cases.append(("csv", folder / "google-changed.csv", "every title changed, into it", "google.db"))
        cards = make_vcards(folder / "cards.vcf", 20 * MB)
        cases.append(("vcard", folder / "cards.vcf", f"vCard, {cards:,} cards"))
        cards = make_vcards(folder / "cards-note.vcf", 20 * MB, big_note=5 * MB)
        cases.append(("vcard", folder / "cards-note.vcf", f"vCard, {cards:,} cards, one 5 MB NOTE"))
        make_vcards(folder / "one-note.vcf", 0, big_note=5 * MB)
        cases.append(("vcard", folder / "one-note.vcf", "vCard, one card with a 5 MB NOTE"))
        make_linkedin(folder / "Connections.csv", 100_000)
        cases.append(("linkedin", folder / "Connections.csv", "LinkedIn, 100,000 rows"))
        print("peak (VmHWM)\ttime\tfile\tsummary")
        for kind, path, label, *into in cases:
            size = path.stat().st_size / MB
            result = subprocess.run([sys.executable, __file__, "--child", kind, str(path), *into],
                                    capture_output=True, text=True)
            figures = result.stdout.strip() or ("failed: " + result.stderr.strip().splitlines()[-1])
            peak, _tab, rest = figures.partition("\t")
            print(f"{peak}\t{label} ({size:.1f} MB)\t{rest}")


if __name__ == "__main__":
    main()
