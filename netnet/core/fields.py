"""A contact's fields, defined once.

Each entry says what a field is and how every road treats it: whether it is a
column of the contact row (the form edits it), what an import does with a
known contact's value, what a merge does with the other contact's value, and
the column it has in the CSV export (in the export's order). The form, the
import and merge services and the CSV export derive their lists from here; the
words a screen shows stay with that screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# What an import does with a field of a contact it already knows:
#   "name": the matching key, never changed; "fill": filled when empty;
#   "refresh": filled when empty, and brought up to date when the file says otherwise;
#   "keep": never touched (the person set it in netnet).
ImportRule = Literal["name", "fill", "refresh", "keep"]
# What merging two contacts does with the other contact's value:
#   "fill": taken when the kept contact has none; "fill_or_note": the same, and a
#   different value is written into the notes; "own": handled by the merge itself.
MergeRule = Literal["fill", "fill_or_note", "own"]


@dataclass(frozen=True)
class ContactField:
    name: str  # the attribute of ContactInput and the contact row's column (or a list on it)
    stored: bool  # a column of the contact row (False: e-mails, phones, links, addresses, tags)
    on_import: ImportRule = "keep"
    on_merge: MergeRule = "own"
    csv: str | None = None  # its CSV export column; None when the CSV export has none


# In the CSV export's order; fields the export leaves out come last.
CONTACT_FIELDS: tuple[ContactField, ...] = (
    ContactField("display_name", True, "name", "own", "name"),
    ContactField("given_name", True, "fill", "fill", "given name"),
    ContactField("family_name", True, "fill", "fill", "family name"),
    ContactField("nickname", True, "fill", "fill_or_note", "nickname"),
    ContactField("organisation", True, "refresh", "fill_or_note", "organisation"),
    ContactField("title", True, "refresh", "fill_or_note", "title"),
    ContactField("field", True, "fill", "fill_or_note", "field"),
    ContactField("emails", False, csv="emails"),
    ContactField("phones", False, csv="phones"),
    ContactField("links", False, csv="links"),
    ContactField("addresses", False, csv="addresses"),
    ContactField("birthday", True, "fill", "fill_or_note", "birthday"),
    ContactField("tags", False, csv="tags"),
    ContactField("notes", True, "fill", "own", "notes"),
    ContactField("circle", True, "keep", "fill", "circle"),
    ContactField("connector_role", True, "keep", "fill", "connector"),
    ContactField("introduced_by_id", True, "keep", "fill", "introduced by"),
    ContactField("ideal_days", True, "keep", "fill"),
    ContactField("max_days", True, "keep", "fill"),
)

_BY_NAME = {f.name: f for f in CONTACT_FIELDS}

# The contact row's own columns a form edits (everything but e-mails, phones, links, addresses, tags).
EDITABLE: tuple[str, ...] = tuple(f.name for f in CONTACT_FIELDS if f.stored)
# What an import fills on a known contact, and what it also brings up to date.
IMPORT_FILL: tuple[str, ...] = tuple(f.name for f in CONTACT_FIELDS if f.on_import == "fill")
IMPORT_REFRESH: tuple[str, ...] = tuple(f.name for f in CONTACT_FIELDS if f.on_import == "refresh")
# What a merge takes from the other contact when the kept one has none, and what it notes when different.
MERGE_FILL: tuple[str, ...] = tuple(f.name for f in CONTACT_FIELDS if f.on_merge in ("fill", "fill_or_note"))
MERGE_NOTED: tuple[str, ...] = tuple(f.name for f in CONTACT_FIELDS if f.on_merge == "fill_or_note")


def field(name: str) -> ContactField:
    return _BY_NAME[name]
