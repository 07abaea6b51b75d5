"""Reading a file of a named kind and importing it: the one entry point for the CLI and the app."""

from __future__ import annotations

from pathlib import Path

from netnet.core.clock import Clock
from netnet.data.imports import ImportSummary, apply_import
from netnet.data.store import Store
from netnet.io.records import FileRefused, Parsed

KINDS = ("linkedin", "vcard", "csv", "json")
MAX_BYTES = 512 * 1024 * 1024


def read_bytes(path: Path) -> bytes:
    """The whole file, or one sentence saying why it cannot be read."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise FileRefused("it is a folder, not a file")
    if not path.exists():
        raise FileRefused("it does not exist")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise FileRefused("it is larger than 512 MB")
        return path.read_bytes()
    except PermissionError as exc:
        raise FileRefused("it cannot be read (permission denied)") from exc
    except OSError as exc:
        raise FileRefused(f"it cannot be read ({exc.strerror or exc})") from exc


def parse(kind: str, data: bytes) -> Parsed:
    """Read bytes as the named kind (not json, which restores rather than merges)."""
    if kind == "linkedin":
        from netnet.io.linkedin import parse_linkedin

        return parse_linkedin(data)
    if kind == "vcard":
        from netnet.io.vcard import parse_vcards

        return parse_vcards(data)
    if kind == "csv":
        from netnet.io.csv_io import parse_csv

        return parse_csv(data)
    raise ValueError(kind)


def import_file(store: Store, kind: str, path: Path, clock: Clock, *, dry_run: bool = False,
                on_mapping=None) -> ImportSummary:
    """Import ``path`` as ``kind``. Raises FileRefused (nothing written) when it cannot be read.

    ``on_mapping`` is called with the parsed file before anything is written, so
    the caller can show how the columns were read.
    """
    data = read_bytes(path)
    name = Path(path).name
    if kind == "json":
        from netnet.io.json_io import import_json

        return import_json(store, data, name, clock, dry_run=dry_run)
    parsed = parse(kind, data)
    if on_mapping is not None:
        on_mapping(parsed)
    return apply_import(store, parsed, kind, name, clock, dry_run=dry_run)
