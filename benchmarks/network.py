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
sys.path.insert(0, str(Path(__file__).resolve().parent))

from engines import bulk_insert  # noqa: E402

from netnet.core.clock import to_iso  # noqa: E402
from netnet.core.text import sort_key, words  # noqa: E402

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


def build(path: Path | str, contacts: int, interactions: int, seed: int = 7) -> Path | str:
    """The network at ``path`` (a SQLite file, or an emptied PostgreSQL database's URL)."""
    rng = random.Random(seed)
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    rows = []
    for n in range(contacts):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        name = f"{given} {family}"
        org, title = rng.choice(ORGS), rng.choice(TITLES)
        created = to_iso(now - timedelta(days=rng.randint(30, 3000)))
        email = f"{given.lower()}.{family.lower()}{n}@example.org"
        text = " ".join(words(f"{name} {org} {title} {email}"))
        rows.append({"id": n + 1, "uuid": str(uuid.uuid4()), "display_name": name, "given_name": given,
                     "family_name": family, "sort_key": sort_key(name, family, given),
                     "circle": rng.choice(CIRCLES), "organisation": org, "title": title, "search_text": text,
                     "created_at": created, "updated_at": created})
    inter = []
    for _ in range(interactions):
        cid = rng.randint(1, contacts)
        when = to_iso(now - timedelta(days=rng.randint(0, 900)))
        inter.append({"uuid": str(uuid.uuid4()), "contact_id": cid, "kind": rng.choice(["call", "meeting", "email"]),
                      "occurred_at": when, "created_at": when, "updated_at": when})
    bulk_insert(path, [
        ("INSERT INTO contact (id, uuid, display_name, given_name, family_name, sort_key, circle, "
         "organisation, title, search_text, created_at, updated_at) VALUES (:id, :uuid, :display_name, "
         ":given_name, :family_name, :sort_key, :circle, :organisation, :title, :search_text, :created_at, "
         ":updated_at)", rows),
        ("INSERT INTO contact_method (contact_id, kind, value, norm) VALUES (:contact_id, 'email', :value, :value)",
         [{"contact_id": r["id"], "value": r["search_text"].split()[-1]} for r in rows]),
        ("INSERT INTO interaction (uuid, contact_id, kind, occurred_at, created_at, updated_at) "
         "VALUES (:uuid, :contact_id, :kind, :occurred_at, :created_at, :updated_at)", inter),
    ], finish=["UPDATE contact SET last_interaction_at = (SELECT max(occurred_at) FROM interaction i "
               "WHERE i.contact_id = contact.id)"])
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
