"""The records that pass between importers, forms and the data layer.

An importer turns a file's bytes into :class:`Parsed`: people it could read
(:class:`Candidate`, each a :class:`ContactInput` with the line it starts on)
and rows it could not (:class:`Rejected`, with the line and a reason a person
can act on). A file that is not what it claims to be raises
:class:`FileRefused` with one sentence, before anything is written. Forms hand
in a :class:`ContactInput` too. They live in ``core`` so that ``io`` (which
fills them) and ``data`` (which stores them) both import them from below.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import datetime


@dataclass
class Method:
    kind: str
    value: str
    label: str = ""


@dataclass
class ContactFields:
    """A contact's own fields: the columns of its row that a person edits, spelled out once.

    :class:`ContactInput` (what comes in) and the stored contact (``ContactDetail``,
    what a page shows) both take them from here; ``core.fields.EDITABLE`` names the
    same fields with what each road does with them, and a test keeps the two equal.
    """

    display_name: str
    given_name: str = ""
    family_name: str = ""
    nickname: str = ""
    circle: str | None = None
    connector_role: str | None = None
    organisation: str = ""
    title: str = ""
    field: str = ""
    birthday: str | None = None
    notes: str = ""
    introduced_by_id: int | None = None
    ideal_days: int | None = None
    max_days: int | None = None


@dataclass
class ContactInput(ContactFields):
    """What a form or an importer hands in to create or edit a contact."""

    methods: list[Method] = dc_field(default_factory=list)
    tags: list[str] = dc_field(default_factory=list)


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
    vcard_extra: list[str] = dc_field(default_factory=list)
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

    candidates: list[Candidate] = dc_field(default_factory=list)
    rejected: list[Rejected] = dc_field(default_factory=list)
    mapping: list[tuple[str, str]] = dc_field(default_factory=list)
    ignored_columns: list[str] = dc_field(default_factory=list)
