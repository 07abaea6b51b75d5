"""``netnet due``: what is owed today, for a shell start-up file or a cron job.

Prints overdue and today's follow-ups, one a line, most urgent first; exits 0
when nothing is due and 1 when something is. ``--json`` prints a list of
objects for scripts. Heavy imports stay inside the function: this module is
imported on every start.
"""

from __future__ import annotations

import sys

from netnet.cli import Context, command, parser_for


@parser_for
def _due_parser(sub) -> None:
    p = sub.add_parser(
        "due",
        help="print overdue and today's follow-ups, most urgent first (exit 1 when any are due)",
        description="Print overdue and today's follow-ups, one a line, most urgent first. "
                    "Exit status: 0 when nothing is due, 1 when something is.",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list for scripts")


@command("due")
def cmd_due(ctx: Context) -> int:
    from netnet.core.urgency import Group
    from netnet.data.followups import due_now

    items = due_now(ctx.store, ctx.clock)
    write = sys.stdout.write
    if ctx.args.json:
        import json

        data = [
            {
                "group": item.group.value,
                "when": item.when,
                "due": item.due.isoformat(),
                "kind": item.kind,
                "kind_label": item.kind_label,
                "title": item.title,
                "contact": item.contact_name or None,
                "contact_id": item.contact_id,
                "key": item.key,
                "score": item.score,
            }
            for item in items
        ]
        write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        for item in items:
            mark = "‼ OVERDUE" if item.group is Group.OVERDUE else "• today  "
            who = f" — {item.contact_name}" if item.contact_name and item.contact_name not in item.title else ""
            write(f"{mark}  {item.when:<16}  {item.kind_label:<20}  {item.title}{who}\n")
    return 1 if items else 0
