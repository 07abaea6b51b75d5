"""Build a large synthetic network quickly (shared by the benchmarks).

    python benchmarks/network.py PATH [--contacts N] [--interactions M]

Uses ``executemany`` in one transaction; the people are invented.
"""

from __future__ import annotations

import argparse
import random
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from netnet.core.clock import to_iso  # noqa: E402
from netnet.core.text import sort_key, words  # noqa: E402
from netnet.data.store import Store  # noqa: E402

GIVEN = ["Anna", "Ben", "Chloé", "David", "Elif", "Farid", "Grace", "Hiro", "Ingrid", "Jonas", "Kemi",
         "Lars", "Maria", "Nils", "Olga", "Pedro", "Quinn", "Rosa", "Søren", "Tomás", "Ula", "Vera",
         "Wen", "Xavier", "Yusuf", "Zoë", "Łucja", "Åsa", "Björn", "Mateo"]
FAMILY = ["Okafor", "Lindqvist", "Kjær", "Rivera", "Marsh", "Natarajan", "Haddad", "Liu", "Becker",
          "Schmidt", "Grant", "Dubois", "Mensah", "Petrova", "Webb", "Bello", "Nowak", "Wiśniewska",
          "Martínez", "Cohen", "Tanaka", "Adeyemi", "O'Brien", "Eriksen", "Zahra", "Costa", "Holm",
          "Huang", "Chen", "Doyle", "Nwosu", "Lund", "Rossi", "Ali", "Fischer", "Okonkwo", "Mendes"]
ORGS = ["Harbour Health", "Northwind Analytics", "Kestrel Software", "Brightline Energy", "City Library",
        "Open Health Institute", "Baltic Freight", "Bluebird Labs", "Data for Good", "Fjord Energy"]
TITLES = ["Engineer", "Analyst", "Manager", "Director", "Designer", "Recruiter", "Nurse", "Teacher",
          "Consultant", "Data Scientist", "Product Manager", "Accountant"]
CIRCLES = [None, None, None, "friend", "coworker", "classmate", "organisation", "family", "neighbour", "other"]


def build(path: Path, contacts: int, interactions: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    store = Store(path)
    rows = []
    for n in range(contacts):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        name = f"{given} {family}"
        org, title = rng.choice(ORGS), rng.choice(TITLES)
        created = to_iso(now - timedelta(days=rng.randint(30, 3000)))
        email = f"{given.lower()}.{family.lower()}{n}@example.org"
        text = " ".join(words(f"{name} {org} {title} {email}"))
        rows.append((n + 1, str(uuid.uuid4()), name, given, family, sort_key(name, family, given),
                     rng.choice(CIRCLES), org, title, text, created, created))
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO contact (id, uuid, display_name, given_name, family_name, sort_key, circle, "
            "organisation, title, search_text, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        conn.executemany(
            "INSERT INTO contact_method (contact_id, kind, value, norm) VALUES (?, 'email', ?, ?)",
            [(r[0], r[9].split()[-1], r[9].split()[-1]) for r in rows],
        )
        inter = []
        for _ in range(interactions):
            cid = rng.randint(1, contacts)
            when = to_iso(now - timedelta(days=rng.randint(0, 900)))
            inter.append((str(uuid.uuid4()), cid, rng.choice(["call", "meeting", "email"]), when, when, when))
        conn.executemany(
            "INSERT INTO interaction (uuid, contact_id, kind, occurred_at, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?)", inter)
        conn.execute(
            "UPDATE contact SET last_interaction_at = (SELECT max(occurred_at) FROM interaction i "
            "WHERE i.contact_id = contact.id)")
    store.close()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=0)
    args = parser.parse_args()
    build(args.path, args.contacts, args.interactions)
    print(args.path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
