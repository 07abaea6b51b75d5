"""``netnet call [NAME]``: the phone is ringing, start a call at once.

Opens the app straight into a live call with an existing contact of that name
(or a new one), the general questions, the countdown running and the cursor
in the notes.
"""

from __future__ import annotations

from netnet.cli import Context, command, parser_for


@parser_for
def _call_parser(sub) -> None:
    p = sub.add_parser("call", help="start an information interview call now, straight into the notes")
    p.add_argument("name", nargs="*", help="the person's name (an existing contact, or a new one with --new)")
    p.add_argument("--new", action="store_true",
                   help="add NAME as a new person even though a contact's name is close to it")
    p.add_argument("--minutes", type=int, default=None, help="the call's length (default: the setting, 15)")


@command("call")
def cmd_call(ctx: Context) -> int:
    from netnet import paths
    from netnet.app import NetnetApp
    from netnet.cli import UsageError
    from netnet.data.interviews import quick_call
    from netnet.data.settings import load_settings

    asked = ctx.args.minutes
    if asked is not None and not 1 <= asked <= 240:  # checked before the database is opened
        raise UsageError(f"--minutes must be between 1 and 240 (got {asked}); no call was started.")
    store = ctx.store
    minutes = asked if asked is not None else (load_settings(store).call_minutes or 15)
    name = " ".join(" ".join(ctx.args.name).split()) or None
    if name and not ctx.args.new:
        _refuse_a_near_miss(store, name)
    interview_id = quick_call(store, ctx.clock, name, int(minutes) * 60)
    app = NetnetApp(store, clock=ctx.clock, demo=ctx.demo, log_path=paths.log_file(), initial_call=interview_id)
    app.exit_guard = True  # leave after a signal even if the terminal hangs on the way out
    app.run()
    from netnet.cli import app_exit_status

    return app_exit_status(app)


def _refuse_a_near_miss(store, name: str) -> None:
    """A name that is not a contact's full name but close to some (accents and case aside):
    say who they may be; adding a new person is then asked for with --new."""
    from netnet.cli import UsageError
    from netnet.core.names import name_matches, name_score
    from netnet.data.contacts import person_choices

    found = name_matches(name, person_choices(store), limit=4)
    if not found or name_score(name, found[0][1]) == 3:
        return
    shown = ", ".join(f"“{who}”" for _, who in found)
    raise UsageError(f"“{name}” may be {shown}: give the full name, or add --new to call “{name}” "
                     "as a new person; no call was started.")
