"""Reading helpers shared by the importers: cleaning cells, decoding bytes, CSV records.

The records an importer fills (Parsed, Candidate, Rejected, FileRefused,
ContactInput) live in ``core.records`` and the check every row passes in
``core.import_check``; they are re-exported here for the importers.
"""

from __future__ import annotations

import csv
import re

from netnet.core.import_check import check_candidate, vet
from netnet.core.records import Candidate, ContactInput, FileRefused, Parsed, Rejected

__all__ = ["Candidate", "ContactInput", "FileRefused", "Parsed", "Rejected", "check_candidate", "vet",
           "clean", "decode", "csv_records"]


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


MAX_RECORD_LINES = 100  # one CSV record spread over more lines than this is a runaway quote
MAX_RECORD_CHARS = 64 * 1024


_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _swallowed(row: list[str]) -> bool:
    """Whether a value runs over lines that look like rows of their own."""
    return any(("\n" in cell or "\r" in cell) and "," in cell for cell in row)


class _Runaway(Exception):
    pass


def csv_records(text: str, what: str, check=None) -> tuple[list[tuple[int, list[str]]], list[Rejected]]:
    """Every CSV record with the physical line it starts on (quoted line breaks allowed).

    A quoted value that never closes swallows the rest of the file, so a record
    is rejected, with the line it starts on, when its quotes are unbalanced, when
    it spans more than ``MAX_RECORD_LINES`` lines or ``MAX_RECORD_CHARS``
    characters, or when ``check(row)`` (the caller's rule, e.g. a name holding a
    line break) returns a reason. When the record looks like a runaway quote
    (unbalanced, too long, or a value over several lines that holds commas, as
    swallowed rows do) reading starts again on the line after its first line, so
    the rows it swallowed are read too; a well-quoted record that merely breaks
    a rule is skipped whole.
    """
    lines = _LINES.findall(text)  # only CR, LF and CRLF end a line, as for the csv module
    records: list[tuple[int, list[str]]] = []
    rejected: list[Rejected] = []
    begin = 0  # index in ``lines`` where the reader starts
    while begin < len(lines):
        state = {"start": begin, "used": begin, "chars": 0}

        def feed(state=state, begin=begin):
            for index in range(begin, len(lines)):
                if index - state["start"] >= MAX_RECORD_LINES or state["chars"] > MAX_RECORD_CHARS:
                    raise _Runaway
                state["used"] = index + 1
                state["chars"] += len(lines[index])
                yield lines[index]

        reader = csv.reader(feed(), strict=False)
        restart = None
        try:
            for row in reader:
                start, end = state["start"], state["used"]
                reason = None
                unbalanced = end - start > 1 and "".join(lines[start:end]).count('"') % 2 == 1
                if unbalanced:
                    reason = "a quoted value starting on this line never closes"
                elif check is not None:
                    reason = check(row)
                if reason:
                    rejected.append(Rejected(start + 1, reason))
                    if end - start > 1 and (unbalanced or _swallowed(row)):
                        restart = start + 1  # the quote was wrong: read the lines it swallowed again
                        break
                    state["start"], state["chars"] = end, 0  # a whole, quoted record: go on after it
                    continue
                records.append((start + 1, row))
                state["start"], state["chars"] = end, 0
        except _Runaway:
            rejected.append(Rejected(state["start"] + 1, (
                f"a quoted value starting on this line runs on for more than {MAX_RECORD_LINES} lines "
                f"or {MAX_RECORD_CHARS // 1024} KB (a missing closing quote?)")))
            restart = state["start"] + 1
        except csv.Error as exc:
            raise FileRefused(f"line {state['start'] + 1} cannot be read as CSV ({exc}), so it is not {what}") from exc
        if restart is None:
            break
        begin = restart
    return records, rejected


