"""What every importer hands to the import service, and shared reading helpers.

An importer turns a file's bytes into :class:`Parsed`: people it could read
(:class:`Candidate`, with the line they start on) and rows it could not
(:class:`Rejected`, with the line and a reason a person can act on). A file
that is not what it claims to be raises :class:`FileRefused` with one
sentence, before anything is written.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime

from netnet.data.contacts import ContactInput


class FileRefused(Exception):
    """The file cannot be imported at all; nothing was written.

    The message is a clause that completes "FILE was not imported: ...".
    """

    def sentence(self, name: str) -> str:
        return f"{name} was not imported: {self}."


@dataclass
class Candidate:
    """One person read from a file."""

    line: int
    contact: ContactInput
    uuid: str | None = None
    connected_on: datetime | None = None
    vcard_extra: list[str] = field(default_factory=list)
    introduced_by_uuid: str | None = None


@dataclass
class Rejected:
    line: int
    reason: str
    where: str = "line"  # how ``line`` is counted: a line of the file, or the n-th contact


@dataclass
class Parsed:
    """The result of reading a file: candidates, rejections, and how columns were read."""

    candidates: list[Candidate] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    mapping: list[tuple[str, str]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(value: str | None) -> str:
    """A cell as text: surrounding space trimmed, invisible control characters removed.

    Nothing else changes: a value that looks like a formula stays as given.
    """
    if not value:
        return ""
    return _CONTROL.sub("", value).strip()


def decode(data: bytes, what: str) -> str:
    """Text from a file's bytes: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    if b"\x00" in data:
        raise FileRefused(f"it is a binary file, not {what}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise FileRefused(f"it is neither UTF-8 nor Windows-1252 text, so not {what}") from exc


def csv_records(text: str, what: str) -> list[tuple[int, list[str]]]:
    """Every CSV record with the physical line it starts on (quoted line breaks allowed)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            records.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FileRefused(f"line {start} cannot be read as CSV ({exc}), so it is not {what}") from exc
    return records
