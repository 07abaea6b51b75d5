"""What every importer hands to the import service, and shared reading helpers.

An importer turns a file's bytes into :class:`Parsed`: people it could read
(:class:`Candidate`, with the line they start on) and rows it could not
(:class:`Rejected`, with the line and a reason a person can act on). A file
that is not what it claims to be raises :class:`FileRefused` with one
sentence, before anything is written.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import datetime

from netnet.core.enums import MethodKind
from netnet.core.validation import (
    MAX_YEAR,
    MIN_YEAR,
    check_import_name,
    check_line,
    check_stored_birthday,
)
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
    path: str = ""  # where in a JSON document the person was read, e.g. $.tables.contact.rows[3]


@dataclass
class Rejected:
    line: int
    reason: str
    where: str = "line"  # how ``line`` is counted: a line of the file, or the n-th contact
    path: str = ""  # for JSON: where in the document, e.g. $.tables.contact.rows[3]

    @property
    def place(self) -> str:
        """Where the row is, for people: "line 12" or a JSON path."""
        return self.path or f"{self.where} {self.line}"


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


_KINDS = frozenset(k.value for k in MethodKind)
MAX_NOTES = 200_000  # characters of notes for one person
MAX_METHOD = 2000  # one e-mail, phone, link or address
_LINE_FIELDS = (("given_name", "first name"), ("family_name", "last name"), ("nickname", "nickname"),
                ("organisation", "organisation"), ("title", "title"), ("field", "field"))


def check_candidate(cand: Candidate) -> str | None:
    """Why a person read from a file cannot be stored, or None; normalises the birthday in place.

    The one door every importer's rows pass before the import service writes
    them: a value netnet would later fail to read, or that shows a file was
    misread (a name over several lines), rejects the row.
    """
    c = cand.contact
    texts = [c.display_name, c.given_name, c.family_name, c.nickname, c.organisation, c.title, c.field,
             c.notes, c.birthday or ""]
    if not all(isinstance(v, str) for v in texts):
        return "a value that should be text is not"
    error = check_import_name(c.display_name)
    if error:
        return error
    for name, label in _LINE_FIELDS:
        error = check_line(label, getattr(c, name))
        if error:
            return error
    if len(c.notes) > MAX_NOTES:
        return f"its notes are longer than {MAX_NOTES:,} characters"
    if c.birthday:
        c.birthday, error = check_stored_birthday(c.birthday)
        if error:
            return f"its birthday {error}"
    for method in c.methods:
        if method.kind not in _KINDS:
            return f"{str(method.kind)[:20]!r} is not a kind of contact detail netnet knows"
        if not isinstance(method.value, str) or not isinstance(method.label, str):
            return "a contact detail is not text"
        if len(method.value) > MAX_METHOD:
            return f"a contact detail is longer than {MAX_METHOD} characters"
        error = check_line("contact detail label", method.label, 200)
        if error:
            return error
    for tag in c.tags:
        error = check_line("tag", tag if isinstance(tag, str) else "", 200)
        if error or not isinstance(tag, str):
            return error or "a tag is not text"
    when = cand.connected_on
    if when is not None and not MIN_YEAR <= when.year <= MAX_YEAR:
        return f"its connection date {when.date().isoformat()} is outside the years {MIN_YEAR} to {MAX_YEAR}"
    return None


def vet(parsed: Parsed) -> Parsed:
    """The same file with every candidate that cannot be stored moved to the rejected rows."""
    keep: list[Candidate] = []
    rejected = list(parsed.rejected)
    for cand in parsed.candidates:
        reason = check_candidate(cand)
        if reason is None:
            keep.append(cand)
        else:
            where = "contact" if cand.path else "line"
            rejected.append(Rejected(cand.line, reason, where, cand.path))
    if len(rejected) == len(parsed.rejected):
        return parsed
    if not any(r.path for r in rejected):
        rejected.sort(key=lambda r: r.line)
    return Parsed(keep, rejected, parsed.mapping, parsed.ignored_columns)
