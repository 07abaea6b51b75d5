"""Subcommands that bring a network in and take it out: import, export, backup, restore, copy.

Imported on every start (through ``COMMAND_MODULES``), so the heavy imports
stay inside the command functions.
"""

from __future__ import annotations

import sys
from pathlib import Path

from netnet.cli import Context, UsageError, command, parser_for

IMPORT_KINDS = ("linkedin", "vcard", "csv", "json")
EXPORT_KINDS = ("json", "vcard", "csv", "ics", "markdown")


# -- import -----------------------------------------------------------------------

@parser_for
def _import_parser(sub) -> None:
    p = sub.add_parser(
        "import", help="import LinkedIn connections, vCards, a CSV or a netnet JSON file",
        description="Import people; duplicates of known contacts are updated or skipped, never doubled.",
    )
    p.add_argument("kind", nargs="?", choices=IMPORT_KINDS, help="what the file is")
    p.add_argument("file", nargs="?", help="the file to import")
    p.add_argument("--dry-run", action="store_true", help="show what would happen; write nothing")
    p.add_argument("--undo", action="store_true", help="reverse the latest import")


@command("import")
def cmd_import(ctx: Context) -> int:
    args = ctx.args
    if args.undo:
        if args.kind or args.file:
            raise UsageError("--undo takes no file: it reverses the latest import.")
        from netnet.data.imports import CannotUndo
        from netnet.data.undo import undo_last_import

        try:
            summary = undo_last_import(ctx.store, ctx.clock)
        except CannotUndo as exc:
            ctx.err(f"netnet: {exc}")
            return 1
        ctx.out(summary.line())
        return 0
    if not args.kind or not args.file:
        raise UsageError("Name what to import and the file, e.g. `netnet import linkedin Connections.csv`.")
    from netnet.core.records import FileRefused
    from netnet.importing import import_file

    path = Path(args.file).expanduser()

    def show_mapping(parsed) -> None:
        if args.kind == "csv" and parsed.mapping:
            ctx.err(mapping_line(parsed))

    try:
        summary = import_file(ctx.store, args.kind, path, ctx.clock, dry_run=args.dry_run,
                              on_mapping=show_mapping)
    except FileRefused as exc:
        raise UsageError(exc.sentence(str(path))) from exc
    for rejected in summary.rejected:
        ctx.err(f"{path.name} {rejected.place}: {rejected.reason}; not imported.")
    for note in summary.notes:
        ctx.err(note)
    ctx.out(summary.line())
    return 0


def mapping_line(parsed, shown: int = 40) -> str:
    """How a CSV was read, in one line however many columns it has.

    E.g. "Read as Google Contacts (UTF-16, values separated by semicolons). Columns read:
    First Name → first name, …. Not read: Photo, File As and 3 more."
    """
    how = f" ({parsed.reading})" if parsed.reading and parsed.reading != "UTF-8" else ""
    read = ", ".join(f"{column} → {meaning}" for column, meaning in parsed.mapping[:shown])
    if len(parsed.mapping) > shown:
        read += f" and {len(parsed.mapping) - shown:,} more"
    line = f"Read as {parsed.exporter or 'a spreadsheet'}{how}. Columns read: {read}."
    ignored = parsed.ignored_summary()
    if ignored:
        line += f" Not read: {ignored}."
    return line


# -- export -----------------------------------------------------------------------

@parser_for
def _export_parser(sub) -> None:
    p = sub.add_parser("export", help="export your network as JSON, vCard, CSV, iCalendar or Markdown")
    p.add_argument("kind", choices=EXPORT_KINDS, help="the format")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (created 0600) instead of standard output")


@command("export")
def cmd_export(ctx: Context) -> int:
    target = Path(ctx.args.output).expanduser() if ctx.args.output else None
    if target is not None:
        from netnet.data.files import check_target

        # refused before the database is even opened: never onto the database, a kept copy, a device
        check_target(target, database=ctx.store_path, what="the export")
    else:
        from netnet.data.files import check_open_file

        try:
            out = sys.stdout.fileno()
        except (AttributeError, OSError, ValueError):
            out = None
        if out is not None:  # `netnet export json >> netnet.db` must not append to the database
            check_open_file(out, database=ctx.store_path, what="the export")
    from netnet.importing import render_export

    text = render_export(ctx.store, ctx.args.kind, ctx.clock)
    if target is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    from netnet.data.files import write_file

    write_file(target, text, database=ctx.store_path, what="the export")
    ctx.err(f"Wrote {target}.")
    return 0


# -- backup and restore -------------------------------------------------------------

@parser_for
def _backup_parser(sub) -> None:
    p = sub.add_parser("backup", help="a consistent copy of the database (safe while netnet runs)")
    p.add_argument("file", help="where to write the copy (created 0600)")
    r = sub.add_parser("restore", help="replace the database with a backup (the current one is kept)")
    r.add_argument("file", help="a backup made by `netnet backup` (a SQLite file, or the JSON backup of a "
                                "database on a server, restored into an empty database)")


@command("backup")
def cmd_backup(ctx: Context) -> int:
    from netnet.data.backup import backup_database, check_backup_target

    # before the database is opened
    check_backup_target(Path(ctx.args.file).expanduser(), ctx.store_path, as_json=bool(ctx.db_url))
    target = backup_database(ctx.store, Path(ctx.args.file))
    ctx.out(f"Backed up {ctx.shown_database} to {target}.")
    return 0


@command("restore")
def cmd_restore(ctx: Context) -> int:
    from netnet.data.backup import check_restorable, is_json_backup, restore_database, restore_json

    source = Path(ctx.args.file).expanduser()
    if is_json_backup(source):  # a server's backup: into an empty database of either engine
        rows = restore_json(ctx.store, source, ctx.clock)
        ctx.out(f"Restored {ctx.shown_database} from {source} ({rows} contacts).")
        return 0
    check_restorable(source)  # before the current database is even opened
    kept = restore_database(ctx.store, source, ctx.clock.now())
    ctx.out(f"Restored {ctx.shown_database} from {source}; the previous contents are kept in {kept}.")
    return 0


# -- copy ---------------------------------------------------------------------------

@parser_for
def _copy_parser(sub) -> None:
    p = sub.add_parser(
        "copy", help="copy the whole network into a new file or an empty PostgreSQL database",
        description="Copy every table of the network, ids and history included, from the database netnet "
                    "opens (--db, --db-url) into a new SQLite file or an empty PostgreSQL database, and print "
                    "each table's rows on both sides. The source is only read; a target that holds anything "
                    "is refused.",
    )
    p.add_argument("--to", required=True, metavar="URL_OR_PATH",
                   help="a new file (written 0600), or postgresql://user@host/dbname of an empty database")


@command("copy")
def cmd_copy(ctx: Context) -> int:
    from netnet.data.stores import is_url

    target: str | Path = ctx.args.to
    if is_url(target):
        from netnet.data.postgres import check_url

        check_url(str(target))  # a scheme netnet does not speak, or no driver: before anything is opened
    else:
        from netnet.data.files import check_target

        target = Path(target).expanduser()
        check_target(target, database=ctx.store_path, what="the copy")  # before the database is opened
    from netnet.data.network_copy import CountsDiffer, copy_network

    try:
        report = copy_network(ctx.store, target)
    except CountsDiffer as exc:  # the copy lost rows: netnet's fault, so exit 70 with the log named
        from netnet.cli import EXIT_INTERNAL, log_error

        lines = exc.report.table_lines()
        for line in lines:
            ctx.out(line)
        where = log_error(None, f"{exc}\n" + "\n".join(lines))
        ctx.err(f"netnet: {exc} Details are in {where}.")
        return EXIT_INTERNAL
    for line in report.table_lines():
        ctx.out(line)
    ctx.out(report.verdict())
    return 0
