"""Finding people from what someone typed: a name, as the app suggests them, and the people
netnet already knows before adding someone (so a person is never added twice by accident).

Both run on the hot-path connection (``store.fast()``) and read only the few contacts the
typed words can name, so they answer as quickly at 30,000 contacts as at 30: they are on
the way of every write from the shell (``netnet log NAME``, ``netnet add``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netnet.core.duplicates import SAME_EMAIL, SAME_LINK, SAME_PHONE, SAME_PROFILE
from netnet.core.names import name_score
from netnet.core.records import ContactInput
from netnet.core.text import fold, words
from netnet.data.contacts import normalise_method
from netnet.data.imports import handle_norms, name_key
from netnet.data.sqlrows import in_list
from netnet.data.store import Store

SAME_NAME_AND_ORGANISATION = "same name and organisation"
_HANDLE_REASONS = {"email": SAME_EMAIL, "phone": SAME_PHONE, "link": SAME_LINK}
_LIVE = "deleted_at IS NULL AND merged_into_id IS NULL"
_ID = re.compile(r"#\s*([0-9]{1,18})")


@dataclass(frozen=True)
class PersonRef:
    """One live contact as a list names them: enough to tell two people apart."""

    id: int
    name: str
    organisation: str
    title: str

    def described(self) -> str:
        """"Ann Lee (Analyst at Harbour Health)", or just the name."""
        role = " at ".join(part for part in (self.title, self.organisation) if part)
        return f"{self.name} ({role})" if role else self.name


@dataclass(frozen=True)
class Known:
    """A contact netnet already has who is probably the person about to be added, and why."""

    person: PersonRef
    reason: str


def _refs(store: Store, ids: list[int]) -> dict[int, PersonRef]:
    found: dict[int, PersonRef] = {}
    with store.fast() as conn:
        for start in range(0, len(ids), 900):
            marks, params = in_list("id", ids[start:start + 900])
            for row in conn.execute(f"SELECT id, display_name, organisation, title FROM contact "
                                    f"WHERE id IN ({marks}) AND {_LIVE}", params):
                found[row.id] = PersonRef(row.id, row.display_name, row.organisation or "", row.title or "")
    return found


def _named(store: Store, tokens: list[str]) -> list[PersonRef]:
    """Live contacts whose search text has a word beginning with every token (a superset of those
    whose name does: the search index narrows 30,000 people to a handful)."""
    matching, params = store.dialect.match_where(tokens)
    with store.fast() as conn:
        rows = conn.execute(f"SELECT id, display_name, organisation, title FROM contact "
                            f"WHERE {matching} AND {_LIVE} ORDER BY sort_key, id", params).fetchall()
    return [PersonRef(r.id, r.display_name, r.organisation or "", r.title or "") for r in rows]


def find_people(store: Store, text: str) -> list[PersonRef]:
    """The people ``text`` names, by the app's rule for suggesting people (``core.names``): accents
    and case aside, by any part of the name. The best kind of match wins: the whole name, else
    every typed word beginning a word of the name ("lin mar"), else the typed text inside a name
    ("kegaard"); more than one person returned means ``text`` is ambiguous. ``#12`` names the
    contact with id 12 (as ``netnet contacts --json`` prints it)."""
    by_id = _ID.fullmatch(text.strip())
    if by_id:
        found = _refs(store, [int(by_id.group(1))])
        return list(found.values())
    tokens = words(text)
    if not tokens:
        return []
    best: dict[int, list[PersonRef]] = {}
    for person in _named(store, tokens):  # whole names and word beginnings are all in the index
        score = name_score(text, person.name)
        if score >= 2:
            best.setdefault(score, []).append(person)
    if best:
        return best[max(best)]
    return _inside_names(store, text, tokens)


def _inside_names(store: Store, text: str, tokens: list[str]) -> list[PersonRef]:
    """The typed text inside a name ("kegaard", "sø ren"): every name is read, so this runs only
    when no name has a word beginning with what was typed."""
    with store.fast() as conn:
        rows = conn.execute(f"SELECT id, display_name, organisation, title FROM contact WHERE {_LIVE} "
                            "ORDER BY sort_key, id").fetchall()
    found = []
    for row in rows:
        squeezed = fold(row.display_name).replace(" ", "")
        if all(token in squeezed for token in tokens) and name_score(text, row.display_name):
            found.append(PersonRef(row.id, row.display_name, row.organisation or "", row.title or ""))
    return found


def close_names(store: Store, text: str, limit: int = 3) -> list[str]:
    """Names close to ``text`` (a typo), for saying whom a name that matched no one may mean."""
    from netnet.data.contacts import fuzzy_ids

    if not words(text):
        return []
    ids = fuzzy_ids(store, text, limit=limit)
    people = _refs(store, ids)
    return [people[i].name for i in ids if i in people]


def known_people(store: Store, data: ContactInput) -> list[Known]:
    """Live contacts who are probably the person ``data`` describes, by the rule an import uses to
    recognise people: the same e-mail, phone or link, or the same name and organisation (accents,
    case and punctuation aside; a name with no letter is recognised only by its handles)."""
    reasons: dict[int, str] = {}
    with store.fast() as conn:
        for method in data.methods:
            if handle_norms(method.kind, method.value) is None:  # too weak to recognise anyone by
                continue
            norm = normalise_method(method.kind, method.value)
            for row in conn.execute("SELECT contact_id FROM contact_method WHERE kind = :kind AND norm = :norm",
                                    {"kind": method.kind, "norm": norm}):
                reason = _HANDLE_REASONS[method.kind]
                if method.kind == "link" and "linkedin.com/" in norm:
                    reason = SAME_PROFILE
                reasons.setdefault(row.contact_id, reason)
    wanted = name_key(data.display_name, data.organisation)
    if any(ch.isalpha() for ch in wanted[0]):
        for person in _named(store, wanted[0].split()):
            if name_key(person.name, person.organisation) == wanted:
                reasons.setdefault(person.id, SAME_NAME_AND_ORGANISATION)
    people = _refs(store, sorted(reasons))
    return [Known(people[cid], reasons[cid]) for cid in sorted(reasons) if cid in people]
