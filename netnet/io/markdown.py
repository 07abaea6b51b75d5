"""Interview notes as Markdown: one section per interview, oldest first; then one section per goal."""

from __future__ import annotations

from datetime import tzinfo

from netnet.core.enums import Format, Horizon, InterviewStatus, PlanKind, Purpose


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


def write_markdown(interviews, zone: tzinfo | None = None, goals=()) -> str:
    """A Markdown document of ``InterviewNotes`` objects, then a section per goal of ``GoalNotes``
    objects (netnet.data.exports)."""
    out = ["# Information interviews", ""]
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
    out += goal_sections(goals, zone)
    return "\n".join(out).rstrip("\n") + "\n"


# -- per goal ------------------------------------------------------------------------------

def goal_sections(goals, zone: tzinfo | None = None) -> list[str]:
    """"# Goals", then per goal its heading and its blocks (each block its own function)."""
    if not goals:
        return []
    out = ["# Goals", ""]
    for goal in goals:
        out += [f"## {goal.title}", ""]
        if goal.kind_words:
            out += [f"*{goal.kind_words} · {goal.status_words}*", ""]
        out += opportunities_block(goal.opportunities, zone)
    return out


def _day(moment, zone: tzinfo | None) -> str:
    return moment.astimezone(zone).date().isoformat()


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
