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

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import datetime

# Records an import holds by the hundred thousand use slots: a third of the memory of a __dict__.


@dataclass(slots=True)
class Method:
    kind: str
    value: str
    label: str = ""


@dataclass(slots=True)
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


@dataclass(slots=True)
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


@dataclass(slots=True)
class Candidate:
    """One person read from a file."""

    line: int
    contact: ContactInput
    uuid: str | None = None
    connected_on: datetime | None = None
    vcard_extra: list[str] = dc_field(default_factory=list)
    introduced_by_uuid: str | None = None
    path: str = ""  # where in a JSON document the person was read, e.g. $.tables.contact.rows[3]


@dataclass(slots=True)
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
    """The result of reading a file: candidates, rejections, and how columns were read.

    ``candidates`` may be a generator that reads the file as it is consumed
    (imports stream): ``rejected`` then grows while it runs, and is complete
    once it is exhausted. ``exporter`` names the program whose file was
    recognised ("Google Contacts", "Outlook", …), ``reading`` how its bytes were
    read ("UTF-16, values separated by semicolons"); ``ignored_columns`` holds
    the first few columns nothing was read from and ``ignored_total`` how many
    there were.
    """

    candidates: Iterable[Candidate] = dc_field(default_factory=list)
    rejected: list[Rejected] = dc_field(default_factory=list)
    mapping: list[tuple[str, str]] = dc_field(default_factory=list)
    ignored_columns: list[str] = dc_field(default_factory=list)
    exporter: str = ""
    reading: str = ""
    ignored_total: int = 0

    def ignored_summary(self, shown: int = 8) -> str:
        """The columns nothing was read from, in one short line ("" when none)."""
        total = max(self.ignored_total, len(self.ignored_columns))
        if not total:
            return ""
        names = ", ".join(self.ignored_columns[:shown])
        more = total - min(shown, len(self.ignored_columns))
        return names + (f" and {more:,} more" if more else "")

    def sorted_rejections(self) -> list[Rejected]:
        """The rejections in file order (JSON paths keep the order they were found in)."""
        if any(r.path for r in self.rejected):
            return list(self.rejected)
        return sorted(self.rejected, key=lambda r: r.line)
