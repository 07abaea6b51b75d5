"""CSV for address books and spreadsheets: every exporter's header read, and a safe export.

Import: the header row says which program wrote the file, and each of its
columns is read for what that program means by it (netnet/io/csv_columns.py):
Google Contacts (both header forms), Outlook, Thunderbird, LinkedIn, netnet's
own export, or any spreadsheet with recognisable column names (name, first
and last name, e-mail, phone, company, title, notes, tags, …). The encoding
(UTF-8, UTF-16, Latin-1) and the delimiter (comma, semicolon or tab) are
detected. The file is read as a stream: rows become candidates as the import
consumes them, so memory does not grow with the file. A row that cannot be
read (a NUL byte, a value over 1 MB, a quote that never closes, a bad date)
is rejected with its line; the rest are imported.

Export: cells that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, tab or carriage return) get a leading apostrophe, as
OWASP advises against CSV injection; a cell that already starts with an
apostrophe before one of those (or before another apostrophe) gets one too,
so re-importing a netnet CSV (recognised by its ``uuid`` and ``introduced by
id`` columns) removes exactly the marks the export added. E-mails, phones,
links, addresses and tags are written one a line inside their cell, so a tag
holding "," or ";" comes back whole.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

from netnet.core.fields import CONTACT_FIELDS
from netnet.core.records import ContactInput, Method
from netnet.io.csv_columns import NETNET, Column, Layout, layout_for
from netnet.io.csv_dates import parse_birthday
from netnet.io.records import (
    DELIMITERS,
    MAX_HEADER_CHARS,
    MAX_RECORD_CHARS,
    Candidate,
    FileRefused,
    Parsed,
    Rejected,
    clean,
    csv_rows,
    sniff_delimiter,
)
from netnet.io.textfile import MAX_LINE, TextLines, open_binary

WHAT = "a CSV file with a header"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_HEADER_SEARCH = 30  # records a header may be preceded by (LinkedIn's "Notes:" lines)

# The contact's fields that the export writes (core.fields, in its order), then what only
# an export carries: the introducer's netnet id, the last interaction and the contact's own id.
_EXPORTED = tuple(f for f in CONTACT_FIELDS if f.csv)
EXPORT_COLUMNS = tuple(f.csv for f in _EXPORTED) + ("introduced by id", "last interaction", "uuid")
_METHOD_OF = {"emails": "email", "phones": "phone", "links": "link", "addresses": "address"}


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run (OWASP CSV injection advice).

    An apostrophe already in front of a dangerous character (or of another
    apostrophe) is marked too, so :func:`unneutralise` gives back exactly the cell.
    """
    if cell.startswith(DANGEROUS) or (cell.startswith("'") and cell[1:].startswith(DANGEROUS + ("'",))):
        return "'" + cell
    return cell


def unneutralise(cell: str) -> str:
    """Undo :func:`neutralise` (only for files netnet wrote)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(DANGEROUS + ("'",)) else cell


def parse_csv(data: bytes | BinaryIO) -> Parsed:
    """Read a whole CSV (bytes or a binary file) into a Parsed with its candidates in a list."""
    parsed = read_csv(data)
    parsed.candidates = list(parsed.candidates)
    parsed.rejected.sort(key=lambda r: r.line)
    return parsed


def read_csv(data: bytes | BinaryIO) -> Parsed:
    """Read the header now; the rows stream as ``Parsed.candidates`` is consumed.

    Raises FileRefused (with one sentence naming the encoding or the delimiter
    when that is what went wrong) when the file has no header row with a name column.
    """
    lines = TextLines(open_binary(data), WHAT, max_line=MAX_HEADER_CHARS)  # until the header is read
    source = iter(lines)
    first: list[str] = []
    for line in source:  # the first line that is not blank decides the delimiter
        first.append(line)
        if line.strip():
            break
    if not any(line.strip() for line in first):
        raise FileRefused(f"it is empty, so not {WHAT}")
    delimiter = sniff_delimiter(first[-1])
    rejected: list[Rejected] = []

    def chained() -> Iterator[str]:
        yield from first
        yield from source

    state: dict[str, Layout] = {}
    cap = [MAX_HEADER_CHARS]
    rows = csv_rows(chained(), rejected, _runaway_check(state), delimiter, limit=lambda: cap[0])
    layout: Layout | None = None
    header_line = 0
    seen = 0
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        seen += 1
        layout = layout_for(row)
        if layout.has_name or seen >= _HEADER_SEARCH:
            header_line = line
            break
    if layout is None or not layout.has_name:
        raise FileRefused(_no_header(lines.encoding.name, delimiter, first[-1]))
    state["layout"] = layout
    cap[0], lines.max_line = MAX_RECORD_CHARS, MAX_LINE  # rows are held to 1 MB a value
    reading = lines.encoding.name + ("" if delimiter == "," else f", values separated by {DELIMITERS[delimiter]}")
    parsed = Parsed(rejected=[r for r in rejected if r.line > header_line], mapping=layout.mapping(),
                    ignored_columns=layout.ignored[:20], exporter=layout.exporter, reading=reading,
                    ignored_total=len(layout.ignored))
    rejected.clear()
    parsed.candidates = _candidates(rows, layout, parsed.rejected, rejected)
    return parsed


def _runaway_check(state: dict[str, Layout]):
    """A one-line value holding a line break: a quote opened in it swallowed the lines after.

    Checks nothing until the header is known (``state["layout"]``).
    """

    def check(row: list[str]) -> str | None:
        layout = state.get("layout")
        if layout is None:
            return None
        for index, column in layout.one_line:
            if index < len(row) and ("\n" in row[index].strip() or "\r" in row[index].strip()):
                return f"its {column.label} holds a line break (a missing closing quote?)"
        return None

    return check


def _no_header(encoding: str, delimiter: str, line: str) -> str:
    first = clean(line)[:60]
    return (f"its first lines have no name column (name, first name or last name) when read as {encoding} with "
            f"values separated by {DELIMITERS[delimiter]} (it starts “{first}”), so it is not {WHAT}")


def _candidates(rows, layout: Layout, rejected: list[Rejected], pending: list[Rejected]) -> Iterator[Candidate]:
    width = layout.width
    for line, row in rows:
        if pending:  # rows csv_rows rejected while reading ahead
            rejected.extend(pending)
            pending.clear()
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            rejected.append(Rejected(line, f"has {len(row)} values but the header names {width}"))
            continue
        result = _row(line, row, layout)
        if isinstance(result, Rejected):
            rejected.append(result)
        else:
            yield result
    if pending:
        rejected.extend(pending)
        pending.clear()


def _row(line: int, row: list[str], layout: Layout) -> Candidate | Rejected:
    ours = layout.exporter == NETNET
    scalars: dict[str, str] = {}
    notes: list[str] = []
    tags: list[str] = []
    methods: list[Method] = []
    groups: dict[tuple[str, str], dict[str, str]] = {}
    for index, column in layout.columns:
        if index >= len(row):
            continue
        raw = unneutralise(row[index]) if ours else row[index]
        kind = column.meaning
        if kind == "notes":
            if raw.strip():
                notes.append(raw if ours else raw.replace("\r\n", "\n").replace("\r", "\n").strip())
            continue
        if kind == "tags":
            tags += [t for t in (clean(p) for p in column.split(raw)) if t and not t.startswith("* ")]
            continue
        if column.group:  # part of a numbered or named family: E-mail 1 - Value, Business Street, …
            value = raw.strip() if kind == "address" else clean(raw)
            if value:
                parts = groups.setdefault(column.group, {})
                parts[column.part] = value
                if column.label_value:
                    parts["fixed_label"] = column.label_value
            continue
        if kind in ("email", "phone", "link", "address"):
            for value in column.split(raw):
                value = clean(value) if kind != "address" else value.strip()
                if value:
                    methods.append(Method(kind, value, column.label_value))
            continue
        value = clean(raw)
        if value and not scalars.get(kind):
            scalars[kind] = value
    for (kind, _n), parts in groups.items():
        label = _label(parts.get("label", ""))
        if kind == "address":
            text = parts.get("formatted") or ", ".join(
                p for p in (parts.get(k, "") for k in ("street", "street2", "street3", "extended", "pobox",
                                                        "city", "region", "postalcode", "country")) if p)
            if text:
                methods.append(Method("address", text, label or parts.get("fixed_label", "")))
            continue
        for value in (parts.get("value", "").split(" ::: ") if parts.get("value") else []):
            if clean(value):
                methods.append(Method(kind, clean(value), label or parts.get("fixed_label", "")))
    methods.sort(key=lambda m: ("email", "phone", "link", "address").index(m.kind))
    given, family = scalars.get("given_name", ""), scalars.get("family_name", "")
    name = scalars.get("name") or " ".join(p for p in (scalars.get("prefix", ""), given, scalars.get("middle_name", ""),
                                                        family, scalars.get("suffix", "")) if p)
    if not name:
        name = scalars.get("nickname") or ""
    if not name:
        return Rejected(line, "has no name")
    birthday = None
    text = scalars.get("birthday", "")
    if not text and scalars.get("birth_month") and scalars.get("birth_day"):
        year = scalars.get("birth_year", "")
        text = f"{year.zfill(4)}-{scalars['birth_month'].zfill(2)}-{scalars['birth_day'].zfill(2)}" if year else (
            f"--{scalars['birth_month'].zfill(2)}-{scalars['birth_day'].zfill(2)}")
    if text:
        birthday, ok = parse_birthday(text)
        if not ok:
            return Rejected(line, f"its birthday “{text[:40]}” is not a date (write 1984-03-21, 3/21/1984 or --03-21)")
    connected = None
    if scalars.get("connected_on"):
        from netnet.io.linkedin import parse_date

        connected = parse_date(scalars["connected_on"])
        if connected is None:
            return Rejected(line, f"Connected On {scalars['connected_on'][:40]!r} is not a date")
    contact = ContactInput(
        display_name=name, given_name=given, family_name=family, nickname=scalars.get("nickname", ""),
        organisation=scalars.get("organisation", ""), title=scalars.get("title", ""), field=scalars.get("field", ""),
        birthday=birthday, notes="\n".join(notes), methods=methods, tags=tags,
    )
    return Candidate(line, contact, uuid=scalars.get("uuid") or None,
                     introduced_by_uuid=scalars.get("introduced_by_uuid") or None, connected_on=connected)


def _label(text: str) -> str:
    """A Google label as netnet keeps it: "* Work" (the starred, primary one) is "work"."""
    text = clean(text)
    if text.startswith("* "):
        text = text[2:]
    return text.casefold() if text in ("Work", "Home", "Mobile", "Other", "Main", "Home Fax", "Work Fax",
                                       "Pager", "Profile", "Blog") else text


def _cell(c, name: str) -> str:
    """One exported field of a contact as the text of its cell (lists one value a line)."""
    if name in _METHOD_OF:
        return "\n".join(m.value for m in c.methods if m.kind == _METHOD_OF[name])
    if name == "tags":
        return "\n".join(c.tags)
    if name == "introduced_by_id":
        return c.introduced_by_name
    value = getattr(c, name)
    return "" if value is None else str(value)


def write_csv(contacts) -> str:
    """A spreadsheet-safe CSV of ``contacts`` (``netnet.data.exports.ExportContact``)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for c in contacts:
        row = [_cell(c, f.name) for f in _EXPORTED]
        row += [c.introduced_by_uuid or "", c.last_interaction_at.isoformat() if c.last_interaction_at else "",
                c.uuid]
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


__all__ = ["Column", "EXPORT_COLUMNS", "FileRefused", "neutralise", "parse_csv", "read_csv", "unneutralise",
           "write_csv"]
