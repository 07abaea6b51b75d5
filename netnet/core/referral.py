"""Who could introduce you to a target: rank your contacts, with reasons in words.

Pure Python over plain candidate objects. The data layer narrows 30,000
contacts down to plausible ones in SQL (same organisation, field or title
words, connectors, close ties, recently in touch) and hands them here; this
module decides the order and explains it.

Someone who recently moved to the target's organisation (a job change an
import noticed) is a door that just opened and a reason to write already: the
reason says so ("moved to Harbour Health on 1 Dec") and weighs more than
working there.

A score is the sum of the weights of the reasons that apply. The order is:
people not yet asked for this target first, then higher score, then the more
recently in touch, then name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from netnet.core.enums import ConnectorRole
from netnet.core.job_changes import short_day
from netnet.core.text import fold, words

# Reason codes and their weights. Working at the organisation matters most;
# a connector or a close tie can open doors anywhere.
W_SAME_ORG = 50
W_MOVED_IN = 20  # on top of working there: they moved there lately
W_SAME_FIELD = 20
W_TITLE_WORDS = 15
W_CONNECTOR = 15
W_CLOSE_TIE = 12
W_RECENT = 10
W_LATELY = 5

RECENT_DAYS = 30
LATELY_DAYS = 90
CLOSE_CIRCLES = ("family", "friend")

# Words that say nothing about a job or an organisation.
STOPWORDS = frozenset(
    "a an and at de der die du for in of on the to with y et und la le les "
    "inc ltd llc plc gmbh co corp company group limited sa ag bv "
    "senior junior jr sr lead head chief assistant associate principal staff".split()
)


@dataclass(frozen=True)
class TargetSpec:
    """What the user wants to reach: a person, a job title, an organisation (or a title there)."""

    kind: str  # person, title, organisation
    person_name: str = ""
    job_title: str = ""
    organisation: str = ""
    field: str = ""
    contact_id: int | None = None  # the target's own contact, never suggested


@dataclass(frozen=True)
class Candidate:
    """One of the user's contacts, as the ranking sees them."""

    id: int
    name: str
    organisation: str = ""
    title: str = ""
    field: str = ""
    circle: str | None = None
    connector_role: str | None = None
    last_interaction_at: datetime | None = None
    moved_to: str = ""  # the organisation they lately moved to (a job change netnet saw), and when
    moved_on: date | None = None


@dataclass(frozen=True)
class Reason:
    code: str  # same_org, moved_in, same_field, title, connector, close_tie, recent
    text: str
    weight: int


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    reasons: tuple[Reason, ...]
    asked: str | None = None  # this contact's answer if already asked for this target

    @property
    def score(self) -> int:
        return sum(r.weight for r in self.reasons)

    @property
    def reason_text(self) -> str:
        return " · ".join(r.text for r in self.reasons)


@lru_cache(maxsize=65536)
def significant_words(text: str) -> frozenset[str]:
    """Folded words that carry meaning (no articles, company suffixes or seniority)."""
    return frozenset(w for w in words(text) if w not in STOPWORDS and len(w) > 1)


@lru_cache(maxsize=65536)
def org_key(text: str) -> str:
    """An organisation name reduced for comparison ("The Harbour Health Inc." -> "harbour health")."""
    return " ".join(w for w in words(text) if w not in STOPWORDS)


def same_organisation(a: str, b: str) -> bool:
    """Same organisation, allowing a suffix or a longer form of the same name."""
    ka, kb = org_key(a), org_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    return long_.startswith(short + " ")


def search_words(target: TargetSpec) -> list[str]:
    """Words the data layer may use to narrow candidates (organisation, title, field)."""
    found: list[str] = []
    for text in (target.organisation, target.job_title, target.field):
        for word in sorted(significant_words(text)):
            if word not in found:
                found.append(word)
    return found


def reasons_for(target: TargetSpec, candidate: Candidate, now: datetime) -> tuple[Reason, ...]:
    """Why this contact could help reach the target, strongest reason first."""
    reasons: list[Reason] = []
    if target.organisation and same_organisation(target.organisation, candidate.organisation):
        if candidate.moved_on is not None and same_organisation(candidate.moved_to, candidate.organisation):
            when = short_day(candidate.moved_on, now.astimezone().date())
            reasons.append(Reason("moved_in", f"moved to {candidate.moved_to} on {when}", W_SAME_ORG + W_MOVED_IN))
        else:
            reasons.append(Reason("same_org", f"works at {candidate.organisation}", W_SAME_ORG))
    target_field = significant_words(target.field)
    cand_field = significant_words(candidate.field)
    if target_field and cand_field and (
        target_field & cand_field
    ):
        reasons.append(Reason("same_field", f"same field ({candidate.field})", W_SAME_FIELD))
    shared = significant_words(target.job_title) & significant_words(candidate.title)
    if shared:
        reasons.append(Reason("title", f"similar title ({candidate.title})", W_TITLE_WORDS))
    if candidate.connector_role:
        try:
            role = ConnectorRole(candidate.connector_role).label
        except ValueError:
            role = "connector"
        reasons.append(Reason("connector", f"a connector ({role})", W_CONNECTOR))
    if candidate.circle in CLOSE_CIRCLES:
        reasons.append(Reason("close_tie", f"close tie ({candidate.circle})", W_CLOSE_TIE))
    if candidate.last_interaction_at is not None:
        days = (now - candidate.last_interaction_at).days
        if 0 <= days <= RECENT_DAYS:
            reasons.append(Reason("recent", _recent_words(days), W_RECENT))
        elif RECENT_DAYS < days <= LATELY_DAYS:
            reasons.append(Reason("recent", f"in touch {days // 7} weeks ago", W_LATELY))
    reasons.sort(key=lambda r: -r.weight)
    return tuple(reasons)


def _recent_words(days: int) -> str:
    if days == 0:
        return "in touch today"
    if days == 1:
        return "in touch yesterday"
    return f"in touch {days} days ago"


def rank(
    target: TargetSpec,
    candidates: list[Candidate],
    now: datetime,
    asked: dict[int, str] | None = None,
    limit: int | None = 50,
) -> list[Suggestion]:
    """Contacts who could introduce the user to ``target``, best first.

    Contacts with no reason at all are left out, as is the target's own
    contact. ``asked`` maps contact ids already asked for this target to their
    answer; they stay on the list (so the user sees who was asked) but after
    everyone not yet asked.
    """
    asked = asked or {}
    found: list[Suggestion] = []
    for candidate in candidates:
        if candidate.id == target.contact_id:
            continue
        if target.kind == "person" and target.person_name and fold(candidate.name) == fold(target.person_name):
            continue
        reasons = reasons_for(target, candidate, now)
        if not reasons:
            continue
        found.append(Suggestion(candidate, reasons, asked.get(candidate.id)))

    def key(s: Suggestion):
        last = s.candidate.last_interaction_at
        recency = -last.timestamp() if last is not None else float("inf")
        return (s.asked is not None, -s.score, recency, s.candidate.name.casefold(), s.candidate.id)

    found.sort(key=key)
    return found[:limit] if limit is not None else found
