"""The subcommands. Each takes parsed arguments and an open store and returns an exit code.

One exit status rule for every command (listed in the README):

- 0 done;
- 1 a normal "no" a script branches on: nothing matched (``NotFound``), a person already
  known without ``--force``, and for ``due``, something is due;
- 2 a mistake on the command line (``UsageError``, and argparse's own), an ambiguous name
  (the people it matches listed), or a file or database netnet refuses (``StoreError``);
- 3 stopped by the environment, nothing changed: a full disk, a database busy or locked, a
  server that cannot be reached (``CannotWriteNow``);
- 70 an internal error (netnet's fault): the traceback goes to the log file, named in the
  one line said (``EX_SOFTWARE`` of sysexits.h);
- 128 + N when signal N ends netnet (130 for Ctrl-C), as shells count it.

Errors a person can cause get one sentence on stderr.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from netnet import __version__, paths
from netnet.core.clock import Clock

EXIT_OK, EXIT_NO, EXIT_USAGE, EXIT_NOT_NOW, EXIT_INTERNAL = 0, 1, 2, 3, 70


class UsageError(Exception):
    """A mistake on the command line: one sentence, exit status 2."""


class NotFound(Exception):
    """Nothing matched what was asked for (a name, a follow-up's key): one sentence, exit status 1."""


@dataclass
class Context:
    args: argparse.Namespace
    store_path: Path  # SQLite's file; for a server, where netnet keeps its own files about it
    clock: Clock
    demo: bool
    _store: object = None
    db_url: str | None = None  # a PostgreSQL database instead of the file

    # Commands on the path to the first frame, the notes search and the shell's short writes: the full
    # integrity check runs in the background and every write waits for it.
    LIGHT = {None, "call", "add", "log", "done", "snooze", "drop", "notes"}

    @property
    def store(self):
        """The store, opened on first use (so `where` never touches the file)."""
        if self._store is None:
            from netnet.data.stores import open_store

            check = "background" if self.args.command in self.LIGHT else True
            self._store = open_store(self.db_url or self.store_path, deep_check=check)
            self._store.on_wait = lambda: print("netnet: waiting for another netnet to finish writing…",
                                                file=sys.stderr)  # the app replaces this with a toast
        return self._store

    @property
    def shown_database(self) -> str:
        """The database as netnet prints it (a URL with its password masked)."""
        if self.db_url:
            from netnet.data.postgres import masked

            return masked(self.db_url)
        return str(self.store_path)

    def out(self, text: str = "") -> None:
        print(text, file=sys.stdout)

    def err(self, text: str) -> None:
        print(text, file=sys.stderr)


Command = Callable[[Context], int]
_COMMANDS: dict[str, Command] = {}
_PARSERS: list[Callable[[argparse._SubParsersAction], None]] = []


def command(name: str):
    def deco(func: Command) -> Command:
        _COMMANDS[name] = func
        return func
    return deco


def parser_for(func: Callable[[argparse._SubParsersAction], None]):
    _PARSERS.append(func)
    return func


# Modules that register more subcommands with @command and @parser_for. Keep
# their heavy imports inside the command functions: this list is imported on
# every start.
COMMAND_MODULES: list[str] = [
    "netnet.cli_followups",
    "netnet.cli_io",
    "netnet.cli_call",
    "netnet.cli_people",
    "netnet.cli_changes",
    "netnet.cli_opportunities",
    "netnet.cli_notes",
    "netnet.cli_serve",
]


def build_parser() -> argparse.ArgumentParser:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(name)
    parser = argparse.ArgumentParser(
        prog="netnet",
        description="Run your professional network from the terminal. With no command, open the app.",
        epilog="Exit status: 0 done; 1 a normal no (nothing matched, a person already known, something "
               "due); 2 a mistake on the command line, an ambiguous name (the matches listed) or a refused "
               "file or database; 3 stopped by the environment (disk full, database busy), nothing changed; "
               "70 an internal error (the log file named).",
    )
    parser.add_argument("--version", action="version", version=f"netnet {__version__}")
    parser.add_argument("--db", metavar="PATH", help="the database file (default: $NETNET_DB or the user data folder)")
    parser.add_argument("--db-url", metavar="URL",
                        help="a PostgreSQL database instead of the file: postgresql://user@host:port/dbname "
                             "(default: $NETNET_DB_URL or db_url in the config file)")
    parser.add_argument("--demo", action="store_true", help="use a fresh temporary copy of a sample network")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in _PARSERS:
        add(sub)
    return parser


# -- where ----------------------------------------------------------------------

@parser_for
def _where_parser(sub) -> None:
    sub.add_parser("where", help="print where the database, configuration and log live")


@command("where")
def cmd_where(ctx: Context) -> int:
    ctx.out(f"database: {ctx.shown_database}")
    ctx.out(f"config:   {paths.config_dir()}")
    log_file = paths.log_file()
    ctx.out(f"log:      {log_file}" + ("" if log_file.exists() else " (none yet)"))
    return 0


# -- contacts -------------------------------------------------------------------

@parser_for
def _contacts_parser(sub) -> None:
    p = sub.add_parser("contacts", help="print matching contacts (all without a query), one a line",
                       description="Print matching contacts (all without a query), one a line: name, "
                                   "organisation, job title and first e-mail, separated by tabs. "
                                   "Exit status 1 when nothing matches, as grep's.")
    p.add_argument("query", nargs="*", help="words to search for in every field")
    p.add_argument("--json", action="store_true", help="print a JSON list for scripts (fields in the README)")


def contact_json(row, email: str | None) -> dict:
    """One contact as ``contacts --json`` and ``add --json`` print it (the fields are documented in the
    README: keep them stable)."""
    return {
        "id": row.id,
        "name": row.display_name,
        "organisation": row.organisation,
        "title": row.title,
        "email": email or None,
        "circle": row.circle,
        "connector": row.connector_role,
        "last_interaction": row.last_interaction_at,
    }


def print_json(data) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@command("contacts")
def cmd_contacts(ctx: Context) -> int:
    from netnet.data.contacts import list_contacts, search_ids
    from netnet.data.export_rows import first_emails

    store = ctx.store
    query = " ".join(ctx.args.query)
    if query.strip():
        ids = search_ids(store, query)
        if not ids:
            from netnet.data.contacts import fuzzy_ids

            ids = fuzzy_ids(store, query)
        from netnet.data.contacts import rows_for_ids

        rows = rows_for_ids(store, ids or [])
    else:
        rows = list_contacts(store)
    emails = first_emails(store, [r.id for r in rows] if query.strip() else None)
    if ctx.args.json:
        print_json([contact_json(row, emails.get(row.id)) for row in rows])
        return 1 if query.strip() and not rows else 0
    out = sys.stdout
    write = out.write
    for row in rows:
        fields = (row.display_name, row.organisation, row.title, emails.get(row.id, ""))
        write("\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields) + "\n")
    if query.strip() and not rows:  # nothing matched: exit 1, as grep does
        if out.isatty():
            sys.stderr.write(f"netnet: no contact matches “{query.strip()}”.\n")
        return 1
    return 0


# -- the app --------------------------------------------------------------------

def run_app(ctx: Context) -> int:
    opening = _open_beside(ctx) if ctx.db_url and ctx._store is None else None
    from netnet.app import NetnetApp

    if opening is not None:
        opening.join()
    app = NetnetApp(ctx.store, clock=ctx.clock, demo=ctx.demo, log_path=paths.log_file())
    app.exit_guard = True  # leave after a signal even if the terminal hangs on the way out
    app.run()
    return app_exit_status(app)


def app_exit_status(app) -> int:
    """The app's exit status by the rule: 70 after an internal error (the app has written the
    traceback to the log file and said so), 128 + N after signal N, else 0."""
    if getattr(app, "_exception", None) is not None:
        return EXIT_INTERNAL
    return app.return_code or 0


def _open_beside(ctx: Context):
    """Connect to a database server while the interface's modules load (the server's answer is
    waited for, not computed): the first frame comes sooner. A failure is raised again, with
    its one sentence, when the app asks for the store."""
    import threading

    def open_store() -> None:
        try:
            ctx.store  # noqa: B018 - opens it and keeps it on the context
        except BaseException:  # noqa: BLE001 - asked again below, on the main thread, and raised there
            pass

    thread = threading.Thread(target=open_store, name="netnet-open", daemon=True)
    thread.start()
    return thread


# -- main -----------------------------------------------------------------------

def _demo_path() -> tuple[Path, Path]:
    folder = Path(tempfile.mkdtemp(prefix="netnet-demo-"))
    os.chmod(folder, 0o700)
    return folder, folder / "netnet.db"


def _database(args: argparse.Namespace) -> tuple[Path, str | None]:
    """Which database to open: (the SQLite file, None) or (unused, the PostgreSQL URL).

    A flag beats an environment variable, which beats the config file; naming both a
    file and a URL at the same level is a mistake (one sentence, exit 2)."""
    if args.db and args.db_url:
        raise UsageError("Give --db (a SQLite file) or --db-url (a PostgreSQL database), not both.")
    if args.db:
        return Path(args.db).expanduser(), None
    if args.db_url:
        return paths.default_db_path(), args.db_url
    env_path, env_url = os.environ.get("NETNET_DB"), os.environ.get("NETNET_DB_URL")
    if env_path and env_url:
        raise UsageError("NETNET_DB (a SQLite file) and NETNET_DB_URL (a PostgreSQL database) are both set; "
                         "unset one of them.")
    if env_path:
        return Path(env_path).expanduser(), None
    if env_url:
        return paths.default_db_path(), env_url
    try:
        config = paths.read_config()
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    url = config.get("db_url")
    if url is not None and not isinstance(url, str):
        raise UsageError(f"db_url in {paths.config_file()} must be text, such as \"postgresql://me@host/netnet\".")
    return paths.default_db_path(), url or None


def run(argv: list[str], *, clock: Clock | None = None) -> int:
    """Run one command line; returns its exit status (see the rule at the top). ``clock`` is a
    seam for tests (the real clock otherwise)."""
    from netnet.data.store import CannotWriteNow, StoreError, explain

    parser = build_parser()
    args = parser.parse_args(argv)
    clock = clock or Clock()
    demo_folder = None
    ctx: Context | None = None
    db_path: Path | str = "the database"
    try:
        db_url = None
        if args.demo:  # the sample network is always a fresh SQLite file
            demo_folder, db_path = _demo_path()
        else:
            db_path, db_url = _database(args)
            if db_url is not None:
                from netnet.data.postgres import check_url

                check_url(db_url)  # a scheme netnet does not speak, or no driver: one sentence
                db_path = paths.data_dir() / "postgresql"
        ctx = Context(args=args, store_path=db_path, clock=clock, demo=bool(args.demo), db_url=db_url)
        if args.demo:
            from netnet.demo import build_demo

            build_demo(ctx.store, clock)
        handler = _COMMANDS.get(args.command) if args.command else run_app
        return handler(ctx)
    except CannotWriteNow as exc:  # the disk is full or the file is locked: try again later
        print(f"netnet: {exc}", file=sys.stderr)
        return EXIT_NOT_NOW
    except StoreError as exc:
        print(f"netnet: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except UsageError as exc:
        print(f"netnet: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except NotFound as exc:
        print(f"netnet: {exc}", file=sys.stderr)
        return EXIT_NO
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
        except OSError:
            pass
        return 0
    except Exception as exc:
        # SQLite's own errors (also when SQLAlchemy wraps them) and a full disk: one sentence
        found = explain(exc, ctx.shown_database if ctx is not None else db_path)
        if found is not None:
            print(f"netnet: {found}", file=sys.stderr)
            return EXIT_NOT_NOW if isinstance(found, CannotWriteNow) else EXIT_USAGE
        # anything else is netnet's fault: log it, point to it
        where = log_error(exc)
        print(f"netnet: internal error ({type(exc).__name__}); details in {where}", file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        if ctx is not None and ctx._store is not None:
            ctx._store.close()
        if demo_folder is not None:
            shutil.rmtree(demo_folder, ignore_errors=True)


def log_error(exc: BaseException | None, text: str = "") -> Path | str:
    """Append ``exc``'s traceback (or ``text``) to the log file; returns where, for the one line said."""
    from netnet.data.files import append_private
    from netnet.data.store import StoreError

    log = paths.log_file()
    if exc is not None:
        text = "".join(traceback.format_exception(exc))
    try:
        return append_private(log, text + "\n")
    except (OSError, StoreError):
        return "(the log file could not be written)"
