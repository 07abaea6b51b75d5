"""Spotting people who are probably in the network twice.

Pairs are proposed when two contacts share an e-mail address, a phone number
or a profile link, or when their names are very close and they work at the
same organisation (or carry the same name and one has no organisation), or when
one is a single name ("linda") that is the given name of exactly one other
person ("Linda Marsh"). (How an import matches people is its own rule and does
not use these proposals.)

Comparing every contact with every other is 450 million pairs at 30,000
contacts, so candidates are *blocked*: only people sharing a normalised
handle, an organisation or a folded name are ever compared. Names without a
letter ("🙂", "?", "-", "42") are never compared: only their handles can pair them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from netnet.core.names import split_name
from netnet.core.validation import has_letters

SAME_EMAIL = "same e-mail address"
SAME_PHONE = "same phone number"
SAME_PROFILE = "same LinkedIn profile"
SAME_LINK = "same web link"
SIMILAR_NAME = "very similar names at the same organisation"
SAME_NAME = "same name, one without an organisation"
GIVEN_NAME = "a single name, the given name of only one person"
GIVEN_SCORE = 80

_HANDLE_REASONS = {"email": SAME_EMAIL, "phone": SAME_PHONE, "link": SAME_LINK}
_MIN_HANDLE = {"email": 3, "phone": 7, "link": 4}
NAME_CUTOFF = 88
_MAX_BLOCK = 400  # a larger block is split by the initials of the first and the last word


@dataclass(frozen=True)
class Person:
    """What duplicate detection needs to know about one contact (all text folded)."""

    id: int
    name: str
    organisation: str = ""
    handles: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DuplicatePair:
    first: int  # the lower id: usually the older record, kept by default
    second: int
    reason: str
    score: int  # 100 for a shared handle, the name similarity otherwise


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _sub_blocks(block: list[Person]) -> list[list[Person]]:
    """Split a big organisation so names are compared only with names sharing an initial.

    Two splits, by the first letter of the first word and of the last word,
    so a typo in one initial still meets its twin through the other.
    """
    if len(block) <= _MAX_BLOCK:
        return [block]
    groups: list[list[Person]] = []
    for pick in (lambda words: words[0][:1], lambda words: words[-1][:1]):
        split: dict[str, list[Person]] = defaultdict(list)
        for person in block:
            split[pick(person.name.split())].append(person)
        groups.extend(g for g in split.values() if len(g) > 1)
    return groups


def find_duplicates(people: Iterable[Person], *, cutoff: int = NAME_CUTOFF) -> list[DuplicatePair]:
    """Likely duplicate pairs, strongest first."""
    from rapidfuzz import fuzz
    from rapidfuzz.process import extract_iter

    found: dict[tuple[int, int], DuplicatePair] = {}

    def propose(a: int, b: int, reason: str, score: int) -> None:
        if a == b:
            return
        key = _pair(a, b)
        if key not in found:
            found[key] = DuplicatePair(key[0], key[1], reason, score)

    by_handle: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_org: dict[str, list[Person]] = defaultdict(list)
    by_name: dict[str, list[Person]] = defaultdict(list)
    by_given: dict[str, list[Person]] = defaultdict(list)  # whole names, by their first given name
    singles: list[Person] = []
    for person in people:
        for kind, norm in person.handles:
            if kind in _MIN_HANDLE and len(norm) >= _MIN_HANDLE[kind]:
                by_handle[(kind, norm)].append(person.id)
        if has_letters(person.name):  # "🙂", "?" or "-" is no one in particular: never paired by name
            by_name[person.name].append(person)
            if len(person.name.split()) == 1:
                singles.append(person)
            else:
                by_given[split_name(person.name)[0].split()[0]].append(person)
            if person.organisation:
                by_org[person.organisation].append(person)

    for (kind, norm), ids in by_handle.items():
        if len(ids) < 2:
            continue
        reason = SAME_PROFILE if kind == "link" and "linkedin.com/" in norm else _HANDLE_REASONS[kind]
        first = min(ids)
        for other in ids:  # a star, not every pair: merging them in turn joins them all
            propose(first, other, reason, 100)

    for block in by_org.values():
        if len(block) < 2:
            continue
        for group in _sub_blocks(block):
            keys = [" ".join(sorted(p.name.split())) for p in group]
            for i in range(len(group) - 1):
                rest = keys[i + 1:]
                for _, score, j in extract_iter(keys[i], rest, scorer=fuzz.ratio, processor=None,
                                                score_cutoff=cutoff):
                    propose(group[i].id, group[i + 1 + j].id, SIMILAR_NAME, int(round(score)))

    for group in by_name.values():
        if len(group) < 2:
            continue
        anchor = min(group, key=lambda p: p.id)
        for lone in group:
            if lone is not anchor and (not lone.organisation or not anchor.organisation):
                propose(anchor.id, lone.id, SAME_NAME, 100)

    for single in singles:
        whole = by_given.get(single.name, [])
        if len(whole) == 1:  # several people called Linda: "linda" could be any of them
            propose(single.id, whole[0].id, GIVEN_NAME, GIVEN_SCORE)

    return sorted(found.values(), key=lambda p: (-p.score, p.first, p.second))
