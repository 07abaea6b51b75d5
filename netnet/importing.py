"""Importing a file: read it with an importer from ``io``, store it with the services of ``data``.

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
