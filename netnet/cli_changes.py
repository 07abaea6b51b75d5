"""``netnet changes``: the job changes imports noticed, newest first.

One a line (tab-separated: the day seen, the person, from → to, the file), or
``--json`` for scripts. Exit status 0 when there is at least one, 1 when there
is none (a normal "no" a script branches on), 2 for a day that cannot be read.
Heavy imports stay inside the function: this module is imported on every start.
"""

from __future__ import annotations

import sys

from netnet.cli import Context, UsageError, command, parser_for


@parser_for
def _changes_parser(sub) -> None:
    p = sub.add_parser(
        "changes",
        help="print the job changes imports noticed, newest first (exit 1 when there are none)",
        description="Print the job changes imports noticed (a known person at another organisation or "
                    "with another title), newest first. Exit status: 0 when there is at least one, 1 when "
                    "there is none, 2 for a day netnet cannot read.",
    )
    p.add_argument("--since", metavar="DAY",
                   help="only changes seen on or after DAY: 2026-11-01, yesterday, 30 days ago, 2w")
    p.add_argument("--json", action="store_true", help="print a JSON list for scripts")


def since_day(text: str, today):
    """The day ``--since`` names (a date, today, yesterday, "30 days ago", "2w"), or UsageError."""
    from datetime import date

    from netnet.core.validation import check_when

    try:
        return date.fromisoformat(text.strip())  # any date, a future one included (then: nothing)
    except ValueError:
        pass
    day, error = check_when(text, today)
    if error:
        raise UsageError(f"--since takes a day such as 2026-11-01, yesterday or 30 days ago, "
                         f"not “{text.strip()}”.")
    return day


@command("changes")
def cmd_changes(ctx: Context) -> int:
    from netnet.data.job_changes import list_changes

    since = since_day(ctx.args.since, ctx.clock.today()) if ctx.args.since is not None else None
    changes = list_changes(ctx.store, since)
    write = sys.stdout.write
    if ctx.args.json:
        import json

        write(json.dumps([as_json(change) for change in changes], ensure_ascii=False, indent=2) + "\n")
    else:
        for change in changes:
            seen = change.seen_at.astimezone().date().isoformat()
            fields = (seen, change.contact_name, f"{change.before} → {change.after}", change.filename)
            write("\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields) + "\n")
    return 0 if changes else 1


def as_json(change) -> dict:
    """One change for scripts; the field names are documented in the README and stay as they are."""
    return {
        "id": change.id,
        "contact_id": change.contact_id,
        "contact": change.contact_name,
        "seen_at": change.seen_at.isoformat(),
        "seen_on": change.seen_at.astimezone().date().isoformat(),
        "from_organisation": change.from_org,
        "from_title": change.from_title,
        "to_organisation": change.to_org,
        "to_title": change.to_title,
        "moved": change.moved,
        "file": change.filename,
        # the KEY `netnet due` prints for the congratulation still waiting, for `netnet done KEY`
        "congratulation_key": f"f{change.followup_id}" if change.followup_open else None,
    }
