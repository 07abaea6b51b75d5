"""``netnet notes QUERY``: who told me about X? Every line of notes holding the words, newest first.

One a line, tab-separated: the day it was said, the person, where it is written
(a call note with its time stamp, a question, a lesson, a logged call or meeting…)
and the line. ``--json`` prints the same as a list of objects for scripts. Exit
status 0 when something matches, 1 when nothing does (as grep), 2 for a query
with no words in it. Heavy imports stay inside the function: this module is
imported on every start.
"""

from __future__ import annotations

import sys

from netnet.cli import Context, UsageError, command, parser_for


@parser_for
def _notes_parser(sub) -> None:
    p = sub.add_parser(
        "notes",
        help="who told me about X: every line of notes holding the words, newest first (exit 1 when none)",
        description="Search every note at once: call notes, the notes on each interview question, lessons "
                    "from the wrap-ups and the notes on everyone's timeline. Prints one matching line a line: "
                    "the day, the person, where it is written and the line, separated by tabs, newest first. "
                    "Accents and case do not matter; every word must begin a word of the line. Exit status: "
                    "0 when something matches, 1 when nothing does, 2 for a query without words.",
    )
    p.add_argument("query", nargs="+", help="the words to look for (\"data team\", soren, kubernetes)")
    p.add_argument("--json", action="store_true", help="print a JSON list for scripts (fields in the README)")


@command("notes")
def cmd_notes(ctx: Context) -> int:
    from netnet.data.notes_search import search_notes

    query = " ".join(ctx.args.query).strip()
    found = search_notes(ctx.store, query)
    if not found.words:
        raise UsageError(f"“{query}” has no words to look for; try a name, a place or a topic.")
    write = sys.stdout.write
    if ctx.args.json:
        import json

        write(json.dumps([as_json(match) for match in found.matches], ensure_ascii=False, indent=2) + "\n")
    else:
        days: dict = {}  # a common word is in thousands of notes: each day and place is worked out once
        places: dict = {}
        lines = []
        for match in found.matches:
            day = days.get(match.when) or days.setdefault(match.when, _day(match))
            key = (match.where, match.kind, match.stamp, match.question_number, match.question)
            where = places.get(key) or places.setdefault(key, match.where_words.translate(_FLAT))
            lines.append(f"{day}\t{(match.person or '(nobody)').translate(_FLAT)}\t{where}\t"
                         f"{match.line.translate(_FLAT)}\n")
        write("".join(lines))
    if not found.matches:
        if not ctx.args.json and sys.stdout.isatty():
            sys.stderr.write(f"netnet: no note holds “{query}”.\n")
        return 1
    return 0


_FLAT = str.maketrans({"\t": " ", "\n": " ", "\r": " "})  # one line a match, its fields apart by tabs


def _day(match) -> str:
    return match.when.astimezone().date().isoformat() if match.when is not None else ""


def as_json(match) -> dict:
    """One matching line for scripts; the field names are documented in the README and stay as they are."""
    return {
        "date": _day(match) or None,
        "at": match.when.isoformat() if match.when is not None else None,
        "person": match.person or None,
        "contact_id": match.contact_id,
        "interview_id": match.interview_id,
        "where": match.where,
        "where_words": match.where_words,
        "stamp": match.stamp or None,
        "question": match.question or None,
        "question_number": match.question_number or None,
        "kind": match.kind or None,
        "line": match.line,
    }
