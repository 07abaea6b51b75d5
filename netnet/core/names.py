"""People's names: one way to split a name, one way to find a person by part of a name.

``split_name`` is the one splitter of a full name into given and family names,
used wherever a name arrives whole (typed in a form or a dialog, imported
without separate parts, captured during a call, merged, exported as a vCard's
``N``). ``name_matches`` is the one rule for suggesting existing people while a
name is typed: accents and case aside, by any part of the name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from netnet.core.text import fold, words

# Words that begin a family name rather than end the given names ("Ludwig van Beethoven",
# "Anna de la Cruz"); only in lower case, so "Van Morrison" keeps Van as a given name.
PARTICLES = frozenset({
    "van", "von", "vom", "der", "den", "de", "del", "della", "dei", "degli", "di", "da", "das", "dos", "do",
    "du", "des", "la", "le", "lo", "ten", "ter", "te", "zu", "zum", "zur", "af", "av", "bin", "ibn", "al",
    "el", "y", "mac",
})


def split_name(name: str) -> tuple[str, str]:
    """Given and family names of a whole name.

    "Linda Marsh" → ("Linda", "Marsh"); "Mary Ann Smith" → ("Mary Ann", "Smith");
    "Ludwig van Beethoven" → ("Ludwig", "van Beethoven"); "Marsh, Linda" →
    ("Linda", "Marsh"); a single name is a given name: "Linda" → ("Linda", "").
    """
    name = " ".join(name.split())
    if not name:
        return "", ""
    if "," in name:
        family, _, given = (part.strip() for part in name.partition(","))
        if family and given:
            return given, family
        name = family or given
    parts = name.split(" ")
    if len(parts) == 1:
        return parts[0], ""
    start = len(parts) - 1
    for n in range(1, len(parts) - 1):  # the first lower-case particle after the first word
        if parts[n] in PARTICLES:
            start = n
            break
    return " ".join(parts[:start]), " ".join(parts[start:])


def name_parts(display_name: str, given_name: str = "", family_name: str = "") -> tuple[str, str]:
    """The given and family names to store: those typed, or else split from the whole name."""
    given, family = given_name.strip(), family_name.strip()
    if given or family:
        return given, family
    return split_name(display_name)


Person = TypeVar("Person", bound=Sequence)


def name_score(query: str, name: str) -> int:
    """How well a typed ``query`` matches ``name`` (0: not at all), accents and case aside.

    3: the whole name; 2: every typed word begins a word of the name ("lin mar",
    "soren"); 1: the typed text appears inside the name ("kegaard").
    """
    wanted = words(query)
    if not wanted:
        return 0
    have = words(name)
    if wanted == have:
        return 3
    if all(any(h.startswith(w) for h in have) for w in wanted):
        return 2
    if " ".join(wanted) in " ".join(have) or "".join(wanted) in fold(name).replace(" ", ""):
        return 1
    return 0


def name_matches(query: str, people: Iterable[Person], limit: int = 6) -> list[Person]:
    """The people whose name (each person's item 1: ``(id, name, …)``) matches ``query``, best first."""
    scored = []
    for n, person in enumerate(people):
        score = name_score(query, person[1])
        if score:
            scored.append((-score, n, person))
    scored.sort(key=lambda item: item[:2])
    return [person for _, _, person in scored[:limit]]


def same_given_name(single: str, whole: str) -> bool:
    """Whether ``single`` is one word that is ``whole``'s given name (accents and case aside)."""
    one = words(single)
    return len(one) == 1 and len(words(whole)) > 1 and words(split_name(whole)[0])[:1] == one
