"""``netnet opportunities``: the opportunities, most pressing first.

One a line (tab-separated: the key, the stage in words, the title, the organisation, the
goal, the next step with its day, where it came from), or ``--json`` for scripts. Exit
status 0 when at least one is listed, 1 when none is (a normal "no" a script branches on,
as ``netnet changes``), 2 for a stage netnet does not know or a goal several match.
Heavy imports stay inside the function: this module is imported on every start.
"""

from __future__ import annotations

import sys

from netnet.cli import Context, NotFound, UsageError, command, parser_for

STAGE_WORDS = "heard, researching, applied, interviewing, offer, closed or open"


@parser_for
def _opportunities_parser(sub) -> None:
    p = sub.add_parser(
        "opportunities",
        help="print the opportunities, most pressing first (exit 1 when there are none)",
        description="Print the opportunities (openings, projects, teams about to hire, programmes, volunteer "
                    "roles), most pressing first: a late next step, then the soonest, then those without one, "
                    "closed ones last. One a line: key, stage, title, organisation, goal, next step, where it "
                    "came from (tab-separated). Exit status: 0 when at least one is listed, 1 when none is, "
                    "2 for a stage netnet does not know or a goal several match.",
    )
    p.add_argument("--goal", metavar="GOAL",
                   help="only this goal's: a word or two of its title, or its number (#3)")
    p.add_argument("--stage", metavar="STAGE", help=f"only those at this stage: {STAGE_WORDS} (every one not closed)")
    p.add_argument("--json", action="store_true", help="print a JSON list for scripts (fields in the README)")


def stages_for(text: str) -> set[str]:
    """The stages ``--stage`` names ("open": every stage but closed), or UsageError."""
    from netnet.core.enums import OpportunityStage
    from netnet.core.text import fold

    word = fold(text).strip().replace("-", " ").replace("_", " ")
    if word == "open":
        return {s.value for s in OpportunityStage if s is not OpportunityStage.CLOSED}
    for stage in OpportunityStage:
        if word in (stage.value, fold(stage.label)):
            return {stage.value}
    raise UsageError(f"--stage takes one of {STAGE_WORDS}, not “{text.strip()}”.")


def goal_for(store, clock, text: str) -> tuple[int, str]:
    """The goal ``--goal`` names: ``#3`` or ``3`` by number, else the goals whose title holds every
    word (accents and case aside). None matching is NotFound (exit 1); several, UsageError (2)."""
    from netnet.core.text import fold
    from netnet.data.goals import list_goals

    goals = [(g.id, g.title) for g in list_goals(store, clock, include_archived=True)]
    raw = text.strip().removeprefix("#")
    if raw.isdigit():
        found = [(gid, title) for gid, title in goals if gid == int(raw)]
        if found:
            return found[0]
        raise NotFound(f"no goal has the number {raw}.")
    words = fold(text).split()
    found = [(gid, title) for gid, title in goals if all(w in fold(title) for w in words)]
    if not found:
        raise NotFound(f"no goal matches “{text.strip()}”.")
    exact = [(gid, title) for gid, title in found if fold(title).strip() == " ".join(words)]
    if len(found) > 1 and len(exact) != 1:
        names = "\n".join(f"  #{gid} {title}" for gid, title in found)
        raise UsageError(f"“{text.strip()}” matches {len(found)} goals; name one by its number:\n{names}")
    return (exact or found)[0]


def plain_line(view, today) -> str:
    """One opportunity as one tab-separated line."""
    from netnet.core.when import describe_due

    nxt = view.next_step
    if nxt and view.next_due is not None:
        nxt = f"{view.next_due.isoformat()} ({describe_due(view.next_due, today)}): {nxt}"
    fields = (view.key, view.stage_words, view.title, view.organisation, view.goal_title or "", nxt,
              view.source_words)
    return "\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields)


@command("opportunities")
def cmd_opportunities(ctx: Context) -> int:
    from netnet.data.opportunities import as_json, list_opportunities

    stages = stages_for(ctx.args.stage) if ctx.args.stage is not None else None
    store = ctx.store
    goal_id = goal_for(store, ctx.clock, ctx.args.goal)[0] if ctx.args.goal is not None else None
    views = list_opportunities(store, ctx.clock, goal_id=goal_id, stages=stages)
    write = sys.stdout.write
    if ctx.args.json:
        import json

        write(json.dumps([as_json(view) for view in views], ensure_ascii=False, indent=2) + "\n")
    else:
        today = ctx.clock.today()
        for view in views:
            write(plain_line(view, today) + "\n")
    if not views and sys.stdout.isatty() and not ctx.args.json:
        sys.stderr.write("netnet: no opportunity to list.\n")
    return 0 if views else 1
