"""Importing and exporting: read or write a file with ``io``, through the services of ``data``.

The one entry point for the command line and the app. It sits above both
layers, which never import each other: ``io`` turns bytes into records,
``data`` decides what to create, update or skip and writes it.
"""

from __future__ import annotations

from pathlib import Path

from netnet.core.clock import Clock
from netnet.data.imports import ImportSummary, apply_import
from netnet.data.store import Store
from netnet.io.importing import open_file, parse, read_bytes


def import_file(store: Store, kind: str, path: Path, clock: Clock, *, dry_run: bool = False,
                on_mapping=None) -> ImportSummary:
    """Import ``path`` as ``kind``. Raises FileRefused (nothing written) when it cannot be read.

    ``on_mapping`` is called with the parsed file before anything is written, so
    the caller can show how the columns were read.
    """
    name = Path(path).name
    if kind == "json":
        from netnet.data.json_file import import_json

        return import_json(store, read_bytes(path), name, clock, dry_run=dry_run)
    with open_file(path) as stream:  # read as the import goes: memory does not grow with the file
        parsed = parse(kind, stream)
        if on_mapping is not None:
            on_mapping(parsed)
        return apply_import(store, parsed, kind, name, clock, dry_run=dry_run)


EXPORT_KINDS = ("json", "vcard", "csv", "ics", "markdown")


def render_export(store, kind: str, clock) -> str:
    """The export as text (every format here is text)."""
    if kind == "json":
        from netnet.data.json_file import dump_json

        return dump_json(store, clock.now())
    if kind in ("vcard", "csv"):
        from netnet.data.exports import full_contacts

        contacts = full_contacts(store)
        if kind == "vcard":
            from netnet.io.vcard import write_vcards

            return write_vcards(contacts)
        from netnet.io.csv_io import write_csv

        return write_csv(contacts)
    if kind == "ics":
        from netnet.data.exports import calendar_items
        from netnet.io.ics import write_ics

        followups, interviews = calendar_items(store, clock)
        return write_ics(followups, interviews, clock.now())
    from netnet.data.exports import interview_notes
    from netnet.data.lessons import goal_sections
    from netnet.io.markdown import write_markdown

    return write_markdown(interview_notes(store), goals=goal_sections(store))
