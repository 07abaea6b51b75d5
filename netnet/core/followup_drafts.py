"""Draft messages for follow-ups that have none of their own.

A thank-you after an information interview, a polite nudge about a referral
ask, a keep-in-touch check-in, a congratulation on a new job, a birthday
greeting. Written in plain words from what netnet knows
about the person and the conversation; the user edits before sending.
Pure Python: the data layer gathers a :class:`DraftContext` and calls
:func:`draft_for`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Kinds that have a message to send (the others are things to do).
DRAFT_KINDS = frozenset({"thank_you", "referral_nudge", "checkin"})


@dataclass(frozen=True)
class DraftContext:
    kind: str
    contact_name: str = ""
    given_name: str = ""
    organisation: str = ""
    interview_day: date | None = None
    learned: str = ""
    introduced_name: str = ""  # a thank-you for an introduction
    target_text: str = ""  # "works as a clinical data analyst at Open Health Institute"
    asked_on: date | None = None
    goal_title: str = ""
    today: date | None = None
    reason: str = ""  # a check-in's news: "congratulate" or "birthday" (see enums.FollowupReason)
    new_title: str = ""  # a congratulation: the new job title, the new organisation
    new_organisation: str = ""


def target_text(person: str = "", job_title: str = "", organisation: str = "", field: str = "") -> str:
    """How to describe a target in an ask or a nudge ("works as a … at …")."""
    if person:
        return f"could introduce me to {person}" + (f" at {organisation}" if organisation else "")
    if job_title and organisation:
        return f"works as a {job_title.lower()} at {organisation}"
    if job_title:
        return f"works as a {job_title.lower()}"
    if organisation:
        return f"works at {organisation}"
    if field:
        return f"works in {field}"
    return "could help me with this"


def _first_sentence(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    for stop in (". ", "! ", "? "):
        if stop in text:
            text = text.split(stop, 1)[0] + stop.strip()
            break
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def _when(day: date | None, today: date | None) -> str:
    if day is None:
        return "recently"
    if today is not None:
        days = (today - day).days
        if days == 0:
            return "today"
        if days == 1:
            return "yesterday"
        if 1 < days < 7:
            return f"on {day.strftime('%A')}"
    return f"on {day.strftime('%-d %B')}"


def draft_for(ctx: DraftContext) -> str:
    """The message for this follow-up, or "" when the kind has none."""
    name = ctx.given_name or ctx.contact_name or "there"
    if ctx.kind == "thank_you":
        if ctx.introduced_name:
            return (
                f"Hi {name},\n\n"
                f"Thank you for putting me in touch with {ctx.introduced_name}. "
                "I really appreciate you taking the time, and I'll let you know how it goes.\n\n"
                "With thanks,\n"
            )
        lesson = _first_sentence(ctx.learned) if ctx.learned.strip() else ""
        body = (
            f"Hi {name},\n\n"
            f"Thank you for talking with me {_when(ctx.interview_day, ctx.today)}. "
            "I'm grateful for your time and for how openly you shared your experience.\n\n"
        )
        if lesson:
            body += f"One thing I'm taking away: {lesson}\n\n"
        body += "I'll keep you posted on how things develop.\n\nWith thanks,\n"
        return body
    if ctx.kind == "referral_nudge":
        about = ctx.target_text or "could help me with this"
        return (
            f"Hi {name},\n\n"
            f"A quick follow-up to my note {_when(ctx.asked_on, ctx.today)}: I'm still hoping to "
            f"find someone who {about}. No pressure at all; if anyone comes to mind, "
            "I'd be grateful for an introduction, and if not, thank you for thinking about it.\n\n"
            "Best wishes,\n"
        )
    if ctx.kind == "checkin" and ctx.reason == "congratulate":
        return congratulation(name, ctx.new_title, ctx.new_organisation)
    if ctx.kind == "checkin" and ctx.reason == "birthday":
        return birthday_greeting(name)
    if ctx.kind == "checkin":
        where = f" at {ctx.organisation}" if ctx.organisation else ""
        update = (f"On my side, I've been working on this: {ctx.goal_title[0].lower()}{ctx.goal_title[1:]}."
                  if ctx.goal_title else "On my side, things are moving along well.")
        return (
            f"Hi {name},\n\n"
            f"It's been a while, and I wanted to see how you are and how things are going{where}. "
            f"{update}\n\n"
            "Have you come across any new opportunities or people I should know about? "
            "And if there's anything I can do for you, just say.\n\n"
            "All the best,\n"
        )
    return ""


def congratulation(name: str, title: str, organisation: str) -> str:
    """A short note on someone's new job, naming the role."""
    title, organisation = title.strip(), organisation.strip()
    if title and organisation:
        role = f"your new role as {title} at {organisation}"
    elif organisation:
        role = f"your move to {organisation}"
    elif title:
        role = f"your new role as {title}"
    else:
        role = "your new role"
    return (
        f"Hi {name or 'there'},\n\n"
        f"I just saw the news: congratulations on {role}! "
        "I hope the first weeks are going well.\n\n"
        "I'd love to hear how you are finding it when you have a moment, and if there's "
        "anything I can do to help as you settle in, just say.\n\n"
        "All the best,\n"
    )


def birthday_greeting(name: str) -> str:
    """A short birthday note."""
    return (
        f"Hi {name or 'there'},\n\n"
        "Happy birthday! I hope you have a lovely day and a very good year ahead.\n\n"
        "It would be nice to catch up soon; let me know how things are with you.\n\n"
        "Warm wishes,\n"
    )
