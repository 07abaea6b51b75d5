"""Reading helpers shared by the importers: cleaning cells, decoding bytes, CSV records.

The records an importer fills (Parsed, Candidate, Rejected, FileRefused,
ContactInput) live in ``core.records`` and the check every row passes in
``core.import_check``; they are re-exported here for the importers.
"""

from __future__ import annotations

import csv
import re
from collections import deque
from collections.abc import Iterable, Iterator

from netnet.core.import_check import check_candidate, vet
from netnet.core.records import Candidate, ContactInput, FileRefused, Parsed, Rejected
from netnet.io.textfile import Overlong

__all__ = ["Candidate", "ContactInput", "FileRefused", "Parsed", "Rejected", "check_candidate", "vet",
           "clean", "csv_rows", "sniff_delimiter"]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(value: str | None) -> str:
    """A cell as text: surrounding space trimmed, invisible control characters removed.

    Nothing else changes: a value that looks like a formula stays as given.
    """
    if not value:
        return ""
    return _CONTROL.sub("", value).strip()


MAX_RECORD_LINES = 100  # one CSV record spread over more lines than this is a runaway quote
MAX_FIELD = 1024 * 1024  # characters in one value: a longer one rejects its row
MAX_RECORD_CHARS = MAX_FIELD + 64 * 1024  # one record: its longest value and the rest of the row
DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs"}

MAX_HEADER_CHARS = 64 * 1024 * 1024  # a header row: a million column names fit
csv.field_size_limit(MAX_HEADER_CHARS + 1)  # the record limits below are what reject a row


def _swallowed(row: list[str]) -> bool:
    """Whether a value runs over lines that look like rows of their own."""
    return any(("\n" in cell or "\r" in cell) and ("," in cell or ";" in cell or "\t" in cell) for cell in row)


class _Runaway(Exception):
    pass


def sniff_delimiter(line: str) -> str:
    """The delimiter of a header line: the most frequent of comma, semicolon and tab outside quotes.

    A tie (or none at all: a one-column file) is read as commas.
    """
    outside = "".join(part for index, part in enumerate(line.split('"')) if index % 2 == 0)
    counts = {d: outside.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def csv_rows(lines: Iterable[str], rejected: list[Rejected], check=None, delimiter: str = ",",
             first_line: int = 1, limit=None) -> Iterator[tuple[int, list[str]]]:
    """Every CSV record with the physical line it starts on (quoted line breaks allowed), streamed.

    ``lines`` are physical lines with their line ends. A record that cannot be
    read is appended to ``rejected`` with the line it starts on, and reading
    goes on: a value holding a NUL byte, a value longer than ``MAX_FIELD``
    characters, or a record ``check(row)`` (the caller's rule, e.g. a name
    holding a line break) refuses. A quoted value that never closes swallows
    the rest of the file, so a record is also rejected when its quotes are
    unbalanced or it spans more than ``MAX_RECORD_LINES`` lines or
    ``MAX_RECORD_CHARS`` characters. When the record looks like a runaway quote
    (unbalanced, too long, or a value over several lines that holds a
    delimiter, as swallowed rows do) reading starts again on the line after its
    first line, so the rows it swallowed are read too; a well-quoted record that
    merely breaks a rule is skipped whole. Only the lines of the record being
    read are held in memory. ``limit()``, when given, is the current cap on a
    record's characters (a header may be longer than a row).
    """
    source = iter(lines)
    pushed: deque[str] = deque()  # lines to read again after a runaway quote
    start = first_line  # the line the current record starts on
    while True:
        current: list[str] = []  # the physical lines of the record being read
        size = [0]

        def feed(current=current, size=size):
            while True:
                if pushed:
                    line = pushed.popleft()
                else:
                    line = next(source, None)
                    if line is None:
                        return
                current.append(line)
                size[0] += len(line)
                cap = limit() if limit else MAX_RECORD_CHARS
                if isinstance(line, Overlong) or len(current) > MAX_RECORD_LINES or size[0] > cap:
                    raise _Runaway
                yield line

        reader = csv.reader(feed(), delimiter=delimiter, strict=False)
        restart = False
        try:
            for row in reader:
                lines_used = len(current)
                reason = None
                unbalanced = lines_used > 1 and "".join(current).count('"') % 2 == 1
                if unbalanced:
                    reason = "a quoted value starting on this line never closes"
                elif any("\x00" in cell for cell in row):
                    reason = "it holds a NUL byte (a damaged file?)"
                elif any(len(cell) > MAX_FIELD for cell in row):
                    reason = f"a value is longer than {MAX_FIELD // (1024 * 1024)} MB"
                elif check is not None:
                    reason = check(row)
                if reason:
                    rejected.append(Rejected(start, reason))
                    if lines_used > 1 and (unbalanced or _swallowed(row)):
                        pushed.extendleft(reversed(current[1:]))  # the quote was wrong: read them again
                        start += 1
                        restart = True
                        break
                else:
                    yield start, row
                start += lines_used
                current.clear()
                size[0] = 0
        except _Runaway:
            if len(current) == 1:  # one physical line longer than a record may be
                reason = f"a line is longer than {MAX_FIELD // (1024 * 1024)} MB"
            else:
                reason = (f"a quoted value starting on this line runs on for more than {MAX_RECORD_LINES} lines "
                          f"or {MAX_FIELD // (1024 * 1024)} MB (a missing closing quote?)")
                pushed.extendleft(reversed(current[1:]))
            rejected.append(Rejected(start, reason))
            start += 1
            restart = True
        except csv.Error as exc:  # with strict=False and the limits above this is not expected
            rejected.append(Rejected(start, f"it cannot be read as CSV ({exc})"))
            pushed.extendleft(reversed(current[1:]))
            start += 1
            restart = True
        if not restart:
            return
