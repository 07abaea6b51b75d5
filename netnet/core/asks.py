"""Asking a contact for a referral: the draft in plain words and the 3B7 schedule.

3B7: when an ask gets no answer after 3 business days, ask the next person on
the list for the same target; after 7 business days, send the first person one
polite nudge. Both follow-ups are cancelled as soon as the ask is answered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from netnet.core.business_days import DEFAULT_WEEKEND
from netnet.core.referral import TargetSpec
from netnet.core.referral_timing import referral_schedule


class AskRefused(Exception):
    """An ask that the rules do not allow now (one clear sentence)."""


def _lower_title(title: str) -> str:
    """Lower-case Titlecase words ("Clinical Data Analyst" -> "clinical data analyst"); keep "CTO"."""
    out = []
    for word in title.split():
        if word[:1].isupper() and word[1:].islower():
            out.append(word.lower())
        else:
            out.append(word)
    return " ".join(out)


# Letters whose names start with a vowel sound ("an MBA", "an SQL developer", but "a UX researcher").
_VOWEL_SOUNDING_LETTERS = set("AEFHILMNORSX")
_CONSONANT_SOUNDING_STARTS = ("uni", "use", "usu", "ura", "ure", "uro", "eu", "one", "once")
_VOWEL_SOUNDING_STARTS = ("hour", "honest", "honou", "heir")


def _article(phrase: str) -> str:
    """"a" or "an" by the sound of the first word, acronyms spelled out letter by letter."""
    word = phrase.split()[0] if phrase.split() else ""
    if not word:
        return "a"
    if len(word) > 1 and word.isupper():
        return "an" if word[0] in _VOWEL_SOUNDING_LETTERS else "a"
    lower = word.lower()
    if lower.startswith(_VOWEL_SOUNDING_STARTS):
        return "an"
    if lower.startswith(_CONSONANT_SOUNDING_STARTS):
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


def describe_target(target: TargetSpec) -> str:
    """The target in a few words, for lists and titles."""
    if target.kind == "person" and target.person_name:
        extra = " at ".join(p for p in (target.job_title, target.organisation) if p)
        return f"{target.person_name} ({extra})" if extra else target.person_name
    if target.job_title and target.organisation:
        return f"{target.job_title} at {target.organisation}"
    if target.job_title:
        return target.job_title
    if target.organisation:
        return target.organisation
    return target.field or target.person_name or "this target"


def who_phrase(target: TargetSpec) -> str:
    """The end of "Do you happen to know anyone who …", adapted to the target."""
    title = _lower_title(target.job_title.strip())
    org = target.organisation.strip()
    field = target.field.strip()
    if title and org:
        return f"works as {_article(title)} {title} at {org}"
    if title:
        return f"works as {_article(title)} {title}"
    if org:
        return f"works at {org}"
    if field:
        return f"works in {field}"
    return "could help me with this"


def ask_question(target: TargetSpec) -> str:
    """The one-line question at the heart of the ask."""
    if target.kind == "person" and target.person_name:
        where = ""
        if target.job_title and target.organisation:
            where = f", {_lower_title(target.job_title)} at {target.organisation}"
        elif target.organisation:
            where = f" at {target.organisation}"
        elif target.job_title:
            where = f", {_lower_title(target.job_title)}"
        return (f"Do you happen to know {target.person_name}{where}, "
                "or anyone who could put me in touch with them?")
    return f"Do you happen to know anyone who {who_phrase(target)}?"


def first_name(name: str) -> str:
    parts = name.split()
    if not parts:
        return "there"
    if parts[0].rstrip(".").lower() in {"father", "mr", "mrs", "ms", "dr", "sister", "brother"} and len(parts) > 1:
        return " ".join(parts[:2])
    return parts[0]


def _mid_sentence(title: str) -> str:
    """A title quoted inside a sentence: "Move from…" reads "move from…"; "UX research…" and names stay."""
    first = title.split()[0] if title.split() else ""
    if not first or first[1:2].isupper() or not first[:1].isupper() or not first[1:].islower():
        return title
    return title[:1].lower() + title[1:]


def draft_ask(target: TargetSpec, contact_name: str, goal_title: str = "") -> str:
    """A short, friendly ask to one contact, in plain words."""
    lines = [f"Hi {first_name(contact_name)},", ""]
    intro = "I hope you're doing well."
    if goal_title.strip():
        intro += f" I'm working on something that matters to me: {_mid_sentence(goal_title.strip().rstrip('.'))}."
    lines.append(intro)
    lines.append("")
    lines.append(ask_question(target))
    lines.append(
        "A fifteen-minute conversation would help me understand where things are heading, "
        "and I'd be glad for any name that comes to mind."
    )
    lines.append("")
    lines.append("Thank you either way!")
    return "\n".join(lines)


@dataclass(frozen=True)
class PlannedFollowup:
    kind: str  # referral_next or referral_nudge
    title: str
    draft: str
    due_date: date


def schedule_3b7(
    asked_on: date,
    contact_name: str,
    target: TargetSpec,
    weekend: Iterable[int] = DEFAULT_WEEKEND,
    next_name: str | None = None,
) -> list[PlannedFollowup]:
    """The two follow-ups of an ask: ask the next person after 3 business days, nudge after 7."""
    dates = referral_schedule(asked_on, weekend)  # the one 3B7 rule, shared with the queue
    who = first_name(contact_name)
    what = describe_target(target)
    nxt = f" ({next_name} is next on the list)" if next_name else ""
    next_draft = (
        f"{who} has not answered yet about {what}. Ask the next person on the list{nxt}; "
        f"keep {who}'s ask open in case they come back."
    )
    nudge_draft = (
        f"Hi {who},\n\nJust a gentle follow-up on my note from last week: "
        f"{ask_question(target)[0].lower()}{ask_question(target)[1:]} "
        "No worries at all if no one comes to mind.\n\nThanks again!"
    )
    return [
        PlannedFollowup(
            "referral_next",
            f"No answer from {who} yet: ask the next person about {what}",
            next_draft,
            dates.ask_next_on,
        ),
        PlannedFollowup(
            "referral_nudge",
            f"Nudge {who} once about {what}",
            nudge_draft,
            dates.nudge_on,
        ),
    ]


def check_can_ask(
    pending_asked_on: list[date],
    allow_parallel: bool,
    today: date,
    weekend: Iterable[int] = DEFAULT_WEEKEND,
    contact_already_pending: bool = False,
) -> None:
    """Only one open ask per target at a time, unless the user allows several at once.

    The 3B7 routine itself moves on: once an open ask has waited 3 business
    days without an answer, asking the next person is allowed (the first ask
    stays open for its one nudge).
    """
    if contact_already_pending:
        raise AskRefused("This person was already asked about this target and has not answered yet.")
    if allow_parallel:
        return
    waiting = [d for d in pending_asked_on if referral_schedule(d, weekend).ask_next_on > today]
    if waiting:
        next_on = min(referral_schedule(d, weekend).ask_next_on for d in waiting)
        raise AskRefused(
            "An ask for this target is still awaiting an answer; record the answer, wait until "
            f"{next_on:%A} {next_on.day} {next_on:%B} to ask the next person, or allow several "
            "asks at once for this target (e)."
        )
