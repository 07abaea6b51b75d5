"""CSV for spreadsheets: a generic import with recognised column names, and a safe export.

Import: the first record is the header; common column names are recognised
(name, first/last name, e-mail, phone, company, title, notes, tags, …) and the
mapping is reported before anything is written. Cells holding several values
(e-mails, phones, links, tags) may separate them with semicolons or new lines.

Export: cells that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, tab or carriage return) get a leading apostrophe, as
OWASP advises against CSV injection. Re-importing a netnet CSV (recognised by
its ``uuid`` and ``introduced by id`` columns) removes exactly that mark.
"""

from __future__ import annotations

import csv
import io
import re

from netnet.core.fields import CONTACT_FIELDS
from netnet.core.records import ContactInput, Method
from netnet.io.records import Candidate, FileRefused, Parsed, Rejected, clean, csv_records, decode

WHAT = "a CSV file with a header"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")

# normalised header -> meaning
_ALIASES = {
    "name": ("name", "fullname", "displayname", "contact", "contactname", "person"),
    "given_name": ("firstname", "givenname", "first", "forename"),
    "family_name": ("lastname", "familyname", "surname", "last"),
    "nickname": ("nickname", "nick"),
    "email": ("email", "emails", "emailaddress", "emailaddresses", "mail", "workemail", "homeemail",
              "email1", "email2", "primaryemail"),
    "phone": ("phone", "phones", "telephone", "tel", "mobile", "cell", "phonenumber", "mobilephone",
              "workphone", "homephone", "phone1", "phone2"),
    "organisation": ("company", "organisation", "organization", "org", "employer", "companyname"),
    "title": ("title", "jobtitle", "position", "role"),
    "field": ("field", "industry", "sector"),
    "notes": ("notes", "note", "comments", "comment", "description"),
    "tags": ("tags", "tag", "labels", "categories", "groups"),
    "link": ("url", "urls", "website", "web", "links", "link", "linkedin", "linkedinurl", "profileurl",
             "homepage"),
    "address": ("address", "addresses", "postaladdress", "homeaddress", "workaddress"),
    "birthday": ("birthday", "bday", "dateofbirth", "birthdate"),
    "uuid": ("uuid",),
    "introduced_by_uuid": ("introducedbyid",),
}
_MEANING = {alias: meaning for meaning, aliases in _ALIASES.items() for alias in aliases}
_SPLIT = {
    "email": re.compile(r"[;,\s]+"),
    "phone": re.compile(r"[;\n]+"),
    "link": re.compile(r"[;\s]+"),
    "tags": re.compile(r"[;,\n]+"),
    "address": re.compile(r"\n+"),
}
# Meanings that hold one value on one line; the others may split values over lines.
_ONE_LINE = {"name", "given_name", "family_name", "nickname", "organisation", "title", "field", "birthday",
             "uuid", "introduced_by_uuid"}
_BREAK = re.compile(r"[\r\n]")
_LABEL = {"given_name": "first name", "family_name": "last name", "email": "e-mail", "phone": "phone",
          "organisation": "organisation", "introduced_by_uuid": "introduced by (id)"}

# The contact's fields that the export writes (core.fields, in its order), then what only
# an export carries: the introducer's netnet id, the last interaction and the contact's own id.
_EXPORTED = tuple(f for f in CONTACT_FIELDS if f.csv)
EXPORT_COLUMNS = tuple(f.csv for f in _EXPORTED) + ("introduced by id", "last interaction", "uuid")
_METHOD_OF = {"emails": "email", "phones": "phone", "links": "link", "addresses": "address"}


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run (OWASP CSV injection advice)."""
    return "'" + cell if cell.startswith(DANGEROUS) else cell


def unneutralise(cell: str) -> str:
    """Undo :func:`neutralise` (only for files netnet wrote)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(DANGEROUS) else cell


def _normal(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", clean(header).casefold())


def parse_csv(data: bytes) -> Parsed:
    """Read a CSV with a header row; the mapping of columns goes in ``Parsed.mapping``."""
    header_of: list[list[str]] = []

    def runaway(row: list[str]) -> str | None:
        """A one-line value holding a line break: a quote opened in it swallowed the lines after."""
        if not any(cell.strip() for cell in row):
            return None
        if not header_of:
            header_of.append(row)
            return None
        for index, title in enumerate(header_of[0][:len(row)]):
            meaning = _MEANING.get(_normal(title))
            if meaning in _ONE_LINE and _BREAK.search(row[index].strip()):
                return f"its {_LABEL.get(meaning, meaning.replace('_', ' '))} holds a line break (a missing closing quote?)"
        return None

    found, rejected = csv_records(decode(data, WHAT), WHAT, runaway)
    records = [(line, row) for line, row in found if any(cell.strip() for cell in row)]
    if not records:
        raise FileRefused(f"it is empty, so not {WHAT}")
    _line, header = records[0]
    columns: list[tuple[int, str]] = []
    parsed = Parsed(rejected=list(rejected))
    for index, title in enumerate(header):
        meaning = _MEANING.get(_normal(title))
        if meaning is None:
            if clean(title):
                parsed.ignored_columns.append(clean(title)[:40])
            continue
        columns.append((index, meaning))
        parsed.mapping.append((clean(title)[:40], _LABEL.get(meaning, meaning.replace("_", " "))))
    meanings = {m for _i, m in columns}
    if not meanings & {"name", "given_name", "family_name"}:
        raise FileRefused(f"its first line has no name column (name, first name or last name), so it is not {WHAT}")
    ours = {"uuid", "introduced_by_uuid"} <= meanings
    width = len(header)
    for line, row in records[1:]:
        if len(row) > width:
            parsed.rejected.append(Rejected(line, f"has {len(row)} values but the header names {width}"))
            continue
        values: dict[str, list[str]] = {}
        for index, meaning in columns:
            if index < len(row):
                cell = unneutralise(row[index]) if ours else row[index]
                values.setdefault(meaning, []).append(cell)
        parsed_row = _row(line, values)
        if isinstance(parsed_row, Rejected):
            parsed.rejected.append(parsed_row)
        else:
            parsed.candidates.append(parsed_row)
    parsed.rejected.sort(key=lambda r: r.line)
    return parsed


def _row(line: int, values: dict[str, list[str]]) -> Candidate | Rejected:
    def one(meaning: str) -> str:
        return next((clean(v) for v in values.get(meaning, []) if clean(v)), "")

    def many(meaning: str) -> list[str]:
        out: list[str] = []
        for cell in values.get(meaning, []):
            out += [clean(part) for part in _SPLIT[meaning].split(cell) if clean(part)]
        return out

    given, family = one("given_name"), one("family_name")
    name = one("name") or " ".join(p for p in (given, family) if p)
    if not name:
        return Rejected(line, "has no name")
    methods = [Method("email", v) for v in many("email")]
    methods += [Method("phone", v) for v in many("phone")]
    methods += [Method("link", v) for v in many("link")]
    methods += [Method("address", v) for v in many("address")]
    notes = "\n".join(v.strip() for v in values.get("notes", []) if v.strip())
    birthday = _birthday(one("birthday"))
    if one("birthday") and birthday is None:
        return Rejected(line, f"its birthday “{one('birthday')[:40]}” is not a date (write 1984-03-21 or --03-21)")
    contact = ContactInput(
        display_name=name, given_name=given, family_name=family, nickname=one("nickname"),
        organisation=one("organisation"), title=one("title"), field=one("field"),
        birthday=birthday, notes=notes, methods=methods, tags=many("tags"),
    )
    return Candidate(line, contact, uuid=one("uuid") or None, introduced_by_uuid=one("introduced_by_uuid") or None)


def _birthday(text: str) -> str | None:
    """YYYY-MM-DD (a time after it is ignored) or --MM-DD / MM-DD; None when it is not a date."""
    from netnet.core.validation import check_stored_birthday

    if not text:
        return None
    for candidate in (text, text[:10]):
        value, error = check_stored_birthday(candidate)
        if error is None:
            return value
    return None


def _cell(c, name: str) -> str:
    """One exported field of a contact as the text of its cell."""
    if name in _METHOD_OF:
        values = [m.value for m in c.methods if m.kind == _METHOD_OF[name]]
        return ("\n" if name == "addresses" else "; ").join(values)
    if name == "tags":
        return "; ".join(c.tags)
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
