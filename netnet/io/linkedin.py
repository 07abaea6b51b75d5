"""LinkedIn's ``Connections.csv`` export.

Real files may start with a UTF-8 byte-order mark and a few "Notes:" lines
before the header, use CRLF line ends, quote commas inside values, leave
e-mails empty and write dates like ``12 Mar 2024``. Company and position become
organisation and title, the profile URL a link, Connected On an interaction of
kind ``connected``. Values that look like spreadsheet formulas are ordinary
text here and are kept as given.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from functools import lru_cache
from typing import BinaryIO

from netnet.core.records import ContactInput, Method
from netnet.io.records import Candidate, FileRefused, Parsed, Rejected, clean, csv_rows
from netnet.io.textfile import TextLines, open_binary

WHAT = "a LinkedIn connections export"
COLUMNS = ("first name", "last name", "url", "email address", "company", "position", "connected on")
_DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%b %d, %Y", "%d-%b-%y")


@lru_cache(maxsize=8192)
def parse_date(text: str) -> datetime | None:
    """A Connected On date as noon UTC (so it is the same day in nearly every zone)."""
    for fmt in _DATE_FORMATS:
        try:
            day = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return day.replace(hour=12, tzinfo=UTC)
    return None


def parse_linkedin(data: bytes | BinaryIO) -> Parsed:
    """Read a whole Connections.csv into a Parsed with its candidates in a list."""
    parsed = read_linkedin(data)
    parsed.candidates = list(parsed.candidates)
    parsed.rejected.sort(key=lambda r: r.line)
    return parsed


def read_linkedin(data: bytes | BinaryIO) -> Parsed:
    """Find the header now; each row becomes a candidate or a rejection as the import reads on."""
    header: dict[str, int] = {}

    def runaway(row: list[str]) -> str | None:
        """A name or other one-line value holding a line break: a quote that swallowed the lines after."""
        for name, pos in header.items():
            if pos < len(row) and ("\n" in row[pos].strip() or "\r" in row[pos].strip()):
                return f"its {name} holds a line break (a missing closing quote?)"
        return None

    lines = TextLines(open_binary(data), WHAT)
    rejected: list[Rejected] = []
    rows = csv_rows(lines, rejected, runaway)
    width = 0
    for seen, (_line, row) in enumerate(rows):
        names = [clean(cell).casefold() for cell in row]
        if "first name" in names and "last name" in names:
            header.update({name: names.index(name) for name in COLUMNS if name in names})
            width = len(row)
            break
        if seen >= 30:
            break
    if not header:
        raise FileRefused(f"it is not {WHAT} (no 'First Name,Last Name,…' header in its first lines, "
                          f"read as {lines.encoding.name} with values separated by commas)")
    rejected.clear()  # what came before the header is LinkedIn's preamble, not people
    parsed = Parsed(mapping=[(name, name) for name in COLUMNS if name in header], exporter="LinkedIn",
                    reading=lines.encoding.name)
    parsed.candidates = _candidates(rows, header, width, parsed.rejected, rejected)
    return parsed


def _candidates(rows, cols: dict[str, int], width: int, rejected: list[Rejected],
                pending: list[Rejected]) -> Iterator[Candidate]:
    for line, row in rows:
        if pending:
            rejected.extend(pending)
            pending.clear()
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > width:
            rejected.append(Rejected(line, f"has {len(row)} values but the header names {width}"))
            continue

        def get(name: str, row: list[str] = row) -> str:
            pos = cols.get(name)
            return clean(row[pos]) if pos is not None and pos < len(row) else ""

        first, last = get("first name"), get("last name")
        name = " ".join(part for part in (first, last) if part)
        if not name:
            rejected.append(Rejected(line, "has no first or last name"))
            continue
        connected = None
        when = get("connected on")
        if when:
            connected = parse_date(when)
            if connected is None:
                rejected.append(Rejected(line, f"Connected On {when[:40]!r} is not a date"))
                continue
        methods = []
        if get("email address"):
            methods.append(Method("email", get("email address")))
        if get("url"):
            methods.append(Method("link", get("url"), "LinkedIn"))
        contact = ContactInput(
            display_name=name, given_name=first, family_name=last,
            organisation=get("company"), title=get("position"), methods=methods,
        )
        yield Candidate(line, contact, connected_on=connected)
    if pending:
        rejected.extend(pending)
        pending.clear()
