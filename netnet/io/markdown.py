"""Notes as Markdown: a section per goal with what its interviews taught, then one section per
interview, oldest first."""

from __future__ import annotations

from datetime import tzinfo

from netnet.core.enums import (
    Format,
    GoalKind,
    GoalStatus,
    Horizon,
    InterviewStatus,
    PlanKind,
    PlanStatus,
    Purpose,
)


def _label(enum, value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value


def _minutes(seconds: float) -> str:
    minutes = round(seconds / 60)
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def _quote(text: str) -> list[str]:
    """Free text kept as written, one Markdown line per line (hard breaks preserved)."""
    return [line.rstrip() + "  " if line.strip() else "" for line in text.strip().splitlines()]


def _day(moment, zone: tzinfo | None) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d") if moment is not None else ""


def _lessons_part(goal, zone: tzinfo | None) -> list[str]:
    """What the goal's interviews taught: per interview (newest first), its lessons and the plan
    items it gave."""
    if goal.lessons is None:  # not a goal: opportunities that serve none
        return []
    out = ["### What I learned", ""]
    taught = [item for item in goal.lessons if item.lessons or item.plan]
    if not taught:
        return out + ["Nothing learned yet: the lessons of this goal's interviews gather here.", ""]
    for item in taught:
        heading = f"#### {item.person or 'Someone no longer in your network'}"
        if item.organisation:
            heading += f", {item.organisation}"
        if item.when is not None:
            heading += f" — {_day(item.when, zone)}"
        out += [heading, ""]
        out += [f"- {text}" for text in item.lessons]
        out += [f"- Plan: {plan.text.strip()} ({_label(PlanKind, plan.kind)}, {_label(Horizon, plan.horizon)}, "
                f"{_label(PlanStatus, plan.status)})" for plan in item.plan]
        out.append("")
    return out


def _goals(goals, zone: tzinfo | None) -> list[str]:
    out = ["# Goals", ""]
    for goal in goals:
        out += [f"## {goal.title.strip()}", ""]
        if goal.kind:  # (opportunities without a goal have a section with no kind)
            out += [f"*{_label(GoalKind, goal.kind)} · {_label(GoalStatus, goal.status)}*", ""]
        if goal.description.strip():
            out += _quote(goal.description) + [""]
        for part in GOAL_PARTS:
            out += part(goal, zone)
    return out


def _opportunities_part(goal, zone: tzinfo | None) -> list[str]:
    return opportunities_block(goal.opportunities, zone)


# The parts of a goal's section, in order: each takes the goal (``data.lessons.GoalSection``) and
# returns its Markdown lines (a "### …" heading and what follows).
GOAL_PARTS = [_lessons_part, _opportunities_part]


def write_markdown(interviews, zone: tzinfo | None = None, goals=None) -> str:
    """A Markdown document of ``goals`` (``GoalSection`` objects, netnet.data.lessons), when there
    are any, and of ``InterviewNotes`` objects (netnet.data.exports)."""
    out = _goals(goals, zone) if goals else []
    out += ["# Information interviews", ""]
    if not interviews:
        out += ["No interviews with notes yet.", ""]
    for item in interviews:
        who = item.contact_name or "Someone new"
        heading = f"## {who}"
        if item.organisation:
            heading += f", {item.organisation}"
        if item.when is not None:
            heading += f" — {item.when.astimezone(zone).strftime('%Y-%m-%d %H:%M')}"
        out += [heading, ""]
        facts = [
            f"- **Purpose:** {item.purpose_text or _label(Purpose, item.purpose)}",
            f"- **Format:** {_label(Format, item.format)}, {_minutes(item.length_seconds)} planned"
            + (f", {_minutes(item.elapsed_seconds)} taken" if item.elapsed_seconds else ""),
            f"- **Status:** {_label(InterviewStatus, item.status)}",
        ]
        if item.goal_title:
            facts.append(f"- **Goal:** {item.goal_title}")
        out += facts + [""]
        if item.questions:
            out += ["### Questions", ""]
            for q in item.questions:
                mark = "x" if q.answered else " "
                family = f" *({q.family})*" if q.family else ""
                out.append(f"- [{mark}] {q.text.strip()}{family}")
                if q.notes.strip():
                    out += ["  " + line for line in _quote(q.notes)]
            out.append("")
        if item.notes.strip():
            out += ["### Notes", ""] + _quote(item.notes) + [""]
        if item.learned.strip():
            out += ["### What I learned", ""] + _quote(item.learned) + [""]
        if item.plan:
            out += ["### Development plan", ""]
            for kind, horizon, text in item.plan:
                out.append(f"- {text.strip()} ({_label(PlanKind, kind)}, {_label(Horizon, horizon)})")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# -- per goal: its opportunities ---------------------------------------------------------

def opportunities_block(opportunities, zone: tzinfo | None = None) -> list[str]:
    """A goal's opportunities (``OpportunityNote`` objects), most pressing first."""
    out = ["### Opportunities", ""]
    if not opportunities:
        return out + ["No opportunities yet.", ""]
    for o in opportunities:
        what = ", ".join(x for x in (o.kind_words, o.organisation) if x)
        out.append(f"- **{o.title.strip()}**" + (f" ({what})" if what else "") + f" — {o.stage_words}")
        out.append(f"  - Came from: {o.source_words}")
        if o.next_step:
            due = f" (by {o.next_due.isoformat()})" if o.next_due else ""
            out.append(f"  - Next step: {o.next_step}{due}")
        if o.link:
            out.append(f"  - Link: <{o.link}>")
        if o.history:
            out.append("  - Stages: " + ", ".join(f"{words} {_day(at, zone)}" for at, words in o.history))
        if o.notes.strip():
            out.append("  - Notes:")
            out += ["    " + line for line in _quote(o.notes)]
    out.append("")
    return out
