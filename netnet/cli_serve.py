"""``netnet serve``: netnet in a browser, through textual-serve (``pip install 'netnet[web]'``).

Serves the app on 127.0.0.1 (a free port unless ``--port``), prints one line with the URL to
open (a per-launch token in it) and runs until Ctrl+C or SIGTERM, which save and close every
open session first. The safety rules live in ``netnet/web/server.py``.

Each browser session is a netnet process started from an argument list (never a shell): this
same command with the hidden ``--session`` flag, on the same database. A PostgreSQL URL goes
to it in the environment (``NETNET_DB_URL``) rather than on its command line, where any user
of the machine could read a password in it.
"""

from __future__ import annotations

import argparse
import os
import sys

from netnet.cli import EXIT_NOT_NOW, Context, UsageError, command, parser_for

MISSING_EXTRA = ("netnet serve needs the web extra: install it with "
                 "pip install 'netnet[web]' (in the quick start's folder: .venv/bin/pip install '.[web]').")


@parser_for
def _serve_parser(sub) -> None:
    p = sub.add_parser(
        "serve", help="open netnet in a web browser (needs pip install 'netnet[web]')",
        description="Serve netnet to a web browser on this machine: prints one line with the link to "
                    "open (it holds a token; without it every page is refused) and runs until Ctrl+C, "
                    "which saves and closes every open session first.")
    p.add_argument("--port", type=int, default=0, help="the port to listen on (default: a free one)")
    p.add_argument("--host", default=None, metavar="HOST",
                   help="the address to listen on (default 127.0.0.1, this machine only); another "
                        "address lets the network reach netnet: put a TLS reverse proxy in front")
    p.add_argument("--sessions", type=int, default=1, metavar="N",
                   help="how many browser tabs may have netnet open at once (default 1)")
    p.add_argument("--idle", type=float, default=30, metavar="MINUTES",
                   help="close a session after this many minutes without a key or a click, everything saved "
                        "(default 30; 0 never)")
    p.add_argument("--public-url", metavar="URL",
                   help="the address people open when a reverse proxy is in front, such as "
                        "https://netnet.example.org (its host and origin are then accepted)")
    p.add_argument("--session", action="store_true", help=argparse.SUPPRESS)  # one browser session's app
    p.add_argument("--session-demo", action="store_true", help=argparse.SUPPRESS)


def _check_options(args) -> None:
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be between 1 and 65535, or 0 for a free one (got {args.port}).")
    if not 1 <= args.sessions <= 50:
        raise UsageError(f"--sessions must be between 1 and 50 (got {args.sessions}).")
    if not 0 <= args.idle <= 24 * 60:
        raise UsageError(f"--idle must be between 0 (never) and 1440 minutes (got {args.idle:g}).")
    if args.public_url is not None:
        from urllib.parse import urlsplit

        parts = urlsplit(args.public_url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
            raise UsageError("--public-url takes the address people open, such as "
                             f"https://netnet.example.org, not “{args.public_url}”.")


def session_command(ctx: Context) -> tuple[list[str], dict[str, str]]:
    """A session's command (an argument list) and environment: the same database as this server."""
    env = {k: v for k, v in os.environ.items() if k not in ("NETNET_DB", "NETNET_DB_URL")}
    argv = [sys.executable, "-m", "netnet"]
    if ctx.db_url:
        env["NETNET_DB_URL"] = ctx.db_url  # not on the command line: ps shows that to everyone
    else:
        argv += ["--db", str(ctx.store_path)]
    argv += ["serve", "--session"]
    if ctx.demo:
        argv.append("--session-demo")
    return argv, env


@command("serve")
def cmd_serve(ctx: Context) -> int:
    if ctx.args.session:
        return _run_session(ctx)
    try:
        import textual_serve  # noqa: F401 - only whether it is there
    except ImportError:
        print(f"netnet: {MISSING_EXTRA}", file=sys.stderr)
        return 2
    args = ctx.args
    _check_options(args)
    from netnet.web.server import ServeConfig

    host = args.host or "127.0.0.1"
    # Open the database once here: a refused file or an unreachable server is one sentence now,
    # not a blank page later; migrations run once, before any session starts.
    ctx.store.close()
    ctx._store = None
    argv, env = session_command(ctx)
    config = ServeConfig(argv=argv, env=env, host=host, port=args.port, sessions=args.sessions,
                         idle_seconds=args.idle * 60, public_url=args.public_url)
    return serve(config, ctx)


def serve(config, ctx: Context) -> int:
    """Run the server until Ctrl+C or SIGTERM (a seam for tests)."""
    import asyncio
    import errno
    import logging

    from netnet.web.server import is_loopback, run_server

    logging.basicConfig(level=logging.WARNING, format="netnet: %(message)s", stream=sys.stderr)

    def ready(server) -> None:
        loopback = is_loopback(config.host)
        if not loopback:
            print(f"netnet: listening on {config.host}, so other machines that can reach it may open "
                  "netnet's page; only the link's token keeps them out, and the connection is not "
                  "encrypted: put a TLS reverse proxy in front (see the README's “In a browser”).",
                  file=sys.stderr, flush=True)
        who = "this machine" if loopback else "your network"
        print(f"netnet is served to {who} at {server.url()} (open it in a browser; Ctrl+C stops netnet "
              f"serve, saving every session first)", flush=True)

    try:
        return asyncio.run(run_server(config, ready))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            print(f"netnet: {config.host}:{config.port} is already in use by another program; give "
                  "another --port, or leave it out for a free one.", file=sys.stderr)
            return EXIT_NOT_NOW
        if exc.errno == errno.EACCES:
            raise UsageError(f"netnet may not listen on port {config.port} (ports below 1024 need an "
                             "administrator); give a port from 1024 up, or leave --port out.") from exc
        raise UsageError(f"netnet cannot listen on {config.host}: it is not an address of this machine; "
                         "give one that is with --host, or leave --host out for 127.0.0.1.") from exc


def _run_session(ctx: Context) -> int:
    """One browser session's app (started by the server, under Textual's web driver)."""
    from netnet.cli import run_app
    from netnet.data.stores import open_store

    ctx._store = open_store(ctx.db_url or ctx.store_path, deep_check="background")
    ctx.demo = ctx.demo or ctx.args.session_demo
    return run_app(ctx)
