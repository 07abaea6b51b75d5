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
    p.add_argument("name", nargs="*", help="the person's name (an existing contact, or a new one)")
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
    name = " ".join(ctx.args.name).strip() or None
    interview_id = quick_call(store, ctx.clock, name, int(minutes) * 60)
    app = NetnetApp(store, clock=ctx.clock, demo=ctx.demo, log_path=paths.log_file(), initial_call=interview_id)
    app.exit_guard = True  # leave after a signal even if the terminal hangs on the way out
    app.run()
    return app.return_code or 0
