"""The one door every imported person passes before the import service writes it.

A value netnet would later fail to read, or one that shows a file was misread
(a name over several lines), rejects the row with a reason a person can act on.
"""

from __future__ import annotations

from netnet.core.enums import MethodKind
from netnet.core.records import Candidate, Parsed, Rejected
from netnet.core.validation import (
    MAX_YEAR,
    MIN_YEAR,
    check_import_name,
    check_line,
    check_stored_birthday,
)

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
    """The same file with every candidate that cannot be stored moved to the rejected rows.

    Lazy: the candidates are checked as they are consumed, so a streamed file
    stays streamed; ``rejected`` (the same list as the file's) is complete once
    they are exhausted.
    """

    def checked():
        for cand in parsed.candidates:
            reason = check_candidate(cand)
            if reason is None:
                yield cand
            else:
                where = "contact" if cand.path else "line"
                parsed.rejected.append(Rejected(cand.line, reason, where, cand.path))

    return Parsed(checked(), parsed.rejected, parsed.mapping, parsed.ignored_columns, parsed.exporter,
                  parsed.reading, parsed.ignored_total)
