"""LinkedIn's ``Connections.csv`` export.

Real files may start with a UTF-8 byte-order mark and a few "Notes:" lines
before the header, use CRLF line ends, quote commas inside values, leave
e-mails empty and write dates like ``12 Mar 2024``. Company and position become
organisation and title, the profile URL a link, Connected On an interaction of
kind ``connected``. Values that look like spreadsheet formulas are ordinary
text here and are kept as given.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from netnet.core.records import ContactInput, Method
from netnet.io.records import Candidate, FileRefused, Parsed, Rejected, clean, csv_records, decode

WHAT = "a LinkedIn connections export"
COLUMNS = ("first name", "last name", "url", "email address", "company", "position", "connected on")
_DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%b %d, %Y", "%d-%b-%y")


def find_header(records: list[tuple[int, list[str]]]) -> tuple[int, dict[str, int]]:
    """The index of the header record among the first lines, and each known column's position."""
    for index, (_line, row) in enumerate(records[:30]):
        names = [clean(cell).casefold() for cell in row]
        if "first name" in names and "last name" in names:
            return index, {name: names.index(name) for name in COLUMNS if name in names}
    raise FileRefused(f"it is not {WHAT} (no 'First Name,Last Name,…' header in its first lines)")


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


def parse_linkedin(data: bytes) -> Parsed:
    """Read a Connections.csv; each row becomes a candidate or a rejection with its reason."""
    header: dict[str, int] = {}

    def runaway(row: list[str]) -> str | None:
        """A name or other one-line value holding a line break: a quote that swallowed the lines after."""
        names = [clean(cell).casefold() for cell in row]
        if not header and "first name" in names and "last name" in names:
            header.update({name: names.index(name) for name in COLUMNS if name in names})
            return None
        for name, pos in header.items():
            if pos < len(row) and ("\n" in row[pos].strip() or "\r" in row[pos].strip()):
                return f"its {name} holds a line break (a missing closing quote?)"
        return None

    records, rejected = csv_records(decode(data, WHAT), WHAT, runaway)
    header_index, cols = find_header(records)
    width = len(records[header_index][1])
    first_line = records[header_index][0]
    parsed = Parsed(mapping=[(name, name) for name in COLUMNS if name in cols],
                    rejected=[r for r in rejected if r.line > first_line])
    for line, row in records[header_index + 1:]:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > width:
            parsed.rejected.append(Rejected(line, f"has {len(row)} values but the header names {width}"))
            continue

        def get(name: str, row: list[str] = row) -> str:
            pos = cols.get(name)
            return clean(row[pos]) if pos is not None and pos < len(row) else ""

        first, last = get("first name"), get("last name")
        name = " ".join(part for part in (first, last) if part)
        if not name:
            parsed.rejected.append(Rejected(line, "has no first or last name"))
            continue
        connected = None
        when = get("connected on")
        if when:
            connected = parse_date(when)
            if connected is None:
                parsed.rejected.append(Rejected(line, f"Connected On {when[:40]!r} is not a date"))
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
        parsed.candidates.append(Candidate(line, contact, connected_on=connected))
    parsed.rejected.sort(key=lambda r: r.line)
    return parsed
