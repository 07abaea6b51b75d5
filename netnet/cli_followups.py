"""``netnet due``: what is owed today, for a shell start-up file or a cron job.

Prints overdue and today's follow-ups, one a line, most urgent first, each with
its KEY (``f12``, ``c34``, ``i5``) for ``netnet done``, ``snooze`` and ``drop``;
exits 0 when nothing is due and 1 when something is. ``--json`` prints a list
of objects for scripts. Heavy imports stay inside the function: this module is
imported on every start.
"""

from __future__ import annotations

import sys

from netnet.cli import Context, command, parser_for, print_json


@parser_for
def _due_parser(sub) -> None:
    p = sub.add_parser(
        "due",
        help="print overdue and today's follow-ups, most urgent first (exit 1 when any are due)",
        description="Print overdue and today's follow-ups, one a line, most urgent first, each starting "
                    "with the KEY that `netnet done`, `snooze` and `drop` take. "
                    "Exit status: 0 when nothing is due, 1 when something is.",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list for scripts (fields in the README)")


def item_json(item) -> dict:
    """One follow-up as ``due --json`` and ``show --json`` print it (the fields are documented in the
    README: keep them stable)."""
    return {
        "key": item.key,
        "group": item.group.value,
        "when": item.when,
        "due": item.due.isoformat(),
        "kind": item.kind,
        "kind_label": item.kind_label,
        "reason": item.reason or None,
        "title": item.title,
        "contact": item.contact_name or None,
        "contact_id": item.contact_id,
        "score": item.score,
    }


def item_lines(items, *, name_people: bool = True) -> list[str]:
    """Follow-ups as ``due`` prints them, one a line in columns: the key, how urgent, when, what kind,
    and what (with whom, unless ``name_people`` is off: one person's page)."""
    from netnet.core.urgency import Group

    marks = {Group.OVERDUE: "‼ OVERDUE", Group.TODAY: "• today  ", Group.WEEK: "· week   ",
             Group.LATER: "· later  "}
    keys = max((len(item.key) for item in items), default=0)
    whens = max([16, *(len(item.when) for item in items)])
    lines = []
    for item in items:
        who = (f" — {item.contact_name}" if name_people and item.contact_name
               and item.contact_name not in item.title else "")
        lines.append(f"{item.key:<{keys}}  {marks[item.group]}  {item.when:<{whens}}  {item.kind_label:<20}  "
                     f"{item.title}{who}")
    return lines


@command("due")
def cmd_due(ctx: Context) -> int:
    from netnet.data.followups import due_now

    items = due_now(ctx.store, ctx.clock)
    if ctx.args.json:
        print_json([item_json(item) for item in items])
    else:
        write = sys.stdout.write
        for line in item_lines(items):
            write(line + "\n")
    return 1 if items else 0
