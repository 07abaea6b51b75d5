"""Reading a file of a named kind into records (``netnet.importing`` imports them)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from netnet.core.records import FileRefused, Parsed

KINDS = ("linkedin", "vcard", "csv", "json")
MAX_BYTES = 512 * 1024 * 1024


def open_file(path: Path) -> BinaryIO:
    """The file opened for reading in binary, or one sentence saying why it cannot be."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise FileRefused("it is a folder, not a file")
    if not path.exists():
        raise FileRefused("it does not exist")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise FileRefused("it is larger than 512 MB")
        return path.open("rb")
    except PermissionError as exc:
        raise FileRefused("it cannot be read (permission denied)") from exc
    except OSError as exc:
        raise FileRefused(f"it cannot be read ({exc.strerror or exc})") from exc


def read_bytes(path: Path) -> bytes:
    """The whole file, or one sentence saying why it cannot be read (the checks of ``open_file``)."""
    with open_file(path) as handle:
        try:
            return handle.read()
        except OSError as exc:
            raise FileRefused(f"it cannot be read ({exc.strerror or exc})") from exc


def parse(kind: str, data: bytes | BinaryIO) -> Parsed:
    """Read bytes or an open binary file as the named kind (not json, which restores rather than merges).

    The header (or first card) is read now; the people are read as
    ``Parsed.candidates`` is consumed, so a file is never held whole.
    """
    if kind == "linkedin":
        from netnet.io.linkedin import read_linkedin

        return read_linkedin(data)
    if kind == "vcard":
        from netnet.io.vcard import read_vcards

        return read_vcards(data)
    if kind == "csv":
        from netnet.io.csv_io import read_csv

        return read_csv(data)
    raise ValueError(kind)
