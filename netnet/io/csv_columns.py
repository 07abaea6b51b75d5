"""Which program wrote a CSV, and what each of its columns means.

The header row names the exporter: Google Contacts (the current
``Organization Name``/``E-mail 1 - Label`` form and the older
``Organization 1 - Name``/``E-mail 1 - Type`` form), Outlook, Thunderbird,
LinkedIn, netnet's own export, or any other spreadsheet. Each column is then
read as that program means it: Outlook's "Title" is an honorific ("Dr."), not
a job title (that is "Job Title"); Thunderbird's "Birth Day" is the day of the
month; Google's numbered families (``Phone 2 - Label`` with ``Phone 2 -
Value``) keep each phone's label. Headers are compared without case, spaces
or punctuation, so "E-mail Address", "Email address" and "e_mail_address" are
one column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from netnet.io.records import clean

GOOGLE = "Google Contacts"
GOOGLE_OLD = "Google Contacts (older format)"
OUTLOOK = "Outlook"
THUNDERBIRD = "Thunderbird"
LINKEDIN = "LinkedIn"
NETNET = "netnet"
GENERIC = "a spreadsheet"

_GENERIC_SPLIT = {
    "email": re.compile(r"[;,\s]+"),
    "phone": re.compile(r"[;\n]+"),
    "link": re.compile(r"[;\s]+"),
    "tags": re.compile(r"[;,\n]+"),
    "address": re.compile(r"\n+"),
}
_LINES = re.compile(r"\r\n|\r|\n")
_NAMES = {  # what the mapping line calls a meaning
    "name": "name", "given_name": "first name", "middle_name": "middle name", "family_name": "last name",
    "prefix": "honorific (part of the name)", "suffix": "name suffix", "nickname": "nickname",
    "organisation": "organisation", "title": "job title", "field": "field", "notes": "notes", "tags": "tags",
    "email": "e-mail", "phone": "phone", "link": "website", "address": "address", "birthday": "birthday",
    "birth_year": "birthday (year)", "birth_month": "birthday (month)", "birth_day": "birthday (day)",
    "uuid": "netnet id", "introduced_by_uuid": "introduced by (id)", "connected_on": "connected on",
}
# Meanings that hold one value on one line: a line break in one means a quote swallowed rows.
ONE_LINE = {"name", "given_name", "middle_name", "family_name", "prefix", "suffix", "nickname", "organisation",
            "title", "field", "birthday", "uuid", "introduced_by_uuid", "connected_on"}
NAME_MEANINGS = {"name", "given_name", "family_name"}


def _whole(text: str) -> list[str]:
    return [text]


@dataclass(frozen=True)
class Column:
    meaning: str
    label_value: str = ""  # the label a method read from this column gets ("work", "mobile")
    group: tuple[str, str] | None = None  # a family of columns making one value: ("phone", "2")
    part: str = ""  # this column's part in its family: "value", "label", "street", "city", …
    split: Callable[[str], list[str]] = _whole  # several values in one cell

    @property
    def label(self) -> str:
        text = _NAMES.get(self.meaning, self.meaning.replace("_", " "))
        if self.part == "label":
            return f"{text} label"
        if self.group and self.part not in ("value", "formatted", ""):
            return f"{text} ({self.part})"
        return f"{text} ({self.label_value})" if self.label_value else text


def normal(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", clean(header).casefold())


def _c(meaning: str, label: str = "", split: Callable[[str], list[str]] = _whole) -> Column:
    return Column(meaning, label, split=split)


def _part(kind: str, key: str, part: str, label: str = "") -> Column:
    return Column(kind, group=(kind, key), part=part, label_value=label)


_PERSON = {"firstname": _c("given_name"), "middlename": _c("middle_name"), "lastname": _c("family_name"),
           "nickname": _c("nickname"), "notes": _c("notes"), "birthday": _c("birthday")}

# -- Google Contacts ------------------------------------------------------------------
_GOOGLE = {
    **_PERSON,
    "name": _c("name"), "givenname": _c("given_name"), "additionalname": _c("middle_name"),
    "familyname": _c("family_name"), "nameprefix": _c("prefix"), "namesuffix": _c("suffix"),
    "organizationname": _c("organisation"), "organizationtitle": _c("title"),
    "labels": _c("tags", split=lambda s: s.split(" ::: ")),
    "groupmembership": _c("tags", split=lambda s: s.split(" ::: ")),
}
_GOOGLE_FAMILY = re.compile(r"(email|phone|website|address|organization)(\d+)(type|label|value|formatted|street|city|"
                            r"pobox|region|postalcode|country|extendedaddress|name|title)")
_GOOGLE_KIND = {"email": "email", "phone": "phone", "website": "link", "address": "address"}
_GOOGLE_PART = {"type": "label", "label": "label", "extendedaddress": "extended"}


def _google(norm: str) -> Column | None:
    if norm in _GOOGLE:
        return _GOOGLE[norm]
    match = _GOOGLE_FAMILY.fullmatch(norm)
    if not match:
        return None
    family, number, part = match.groups()
    if family == "organization":
        return {"name": _c("organisation"), "title": _c("title")}.get(part)
    if part in ("name", "title") or (family != "address" and part not in ("type", "label", "value")):
        return None
    return _part(_GOOGLE_KIND[family], number, _GOOGLE_PART.get(part, part))


# -- Outlook ------------------------------------------------------------------------------
_OUTLOOK_PHONES = {
    "businessphone": "work", "businessphone2": "work", "homephone": "home", "homephone2": "home",
    "mobilephone": "mobile", "carphone": "car", "otherphone": "other", "primaryphone": "main", "pager": "pager",
    "businessfax": "work fax", "homefax": "home fax", "otherfax": "fax", "companymainphone": "company",
    "assistantsphone": "assistant", "callback": "callback", "radiophone": "radio", "ttytddphone": "tty",
    "isdn": "isdn", "telex": "telex",
}
_OUTLOOK_PLACES = {"business": "work", "home": "home", "other": "other"}
_OUTLOOK_PARTS = {"street": "street", "street2": "street2", "street3": "street3", "city": "city", "state": "region",
                  "postalcode": "postalcode", "countryregion": "country", "country": "country", "pobox": "pobox"}
_OUTLOOK = {
    **_PERSON,
    "title": _c("prefix"), "suffix": _c("suffix"), "company": _c("organisation"), "jobtitle": _c("title"),
    "emailaddress": _c("email"), "email2address": _c("email"), "email3address": _c("email"),
    "webpage": _c("link"), "personalwebpage": _c("link", "home"),
    "categories": _c("tags", split=lambda s: s.split(";")),
    **{name: _c("phone", label) for name, label in _OUTLOOK_PHONES.items()},
}


def _outlook(norm: str) -> Column | None:
    if norm in _OUTLOOK:
        return _OUTLOOK[norm]
    for place, label in _OUTLOOK_PLACES.items():
        if norm.startswith(place) and norm[len(place):] in _OUTLOOK_PARTS:
            part = _OUTLOOK_PARTS[norm[len(place):]]
            return _part("address", place, part, label)
    return None


# -- Thunderbird ----------------------------------------------------------------------
_THUNDERBIRD = {
    "firstname": _c("given_name"), "lastname": _c("family_name"), "displayname": _c("name"),
    "nickname": _c("nickname"), "notes": _c("notes"),
    "primaryemail": _c("email"), "secondaryemail": _c("email"),
    "workphone": _c("phone", "work"), "homephone": _c("phone", "home"), "faxnumber": _c("phone", "fax"),
    "pagernumber": _c("phone", "pager"), "mobilenumber": _c("phone", "mobile"),
    "jobtitle": _c("title"), "organization": _c("organisation"),
    "webpage1": _c("link", "work"), "webpage2": _c("link", "home"),
    "birthyear": _c("birth_year"), "birthmonth": _c("birth_month"), "birthday": _c("birth_day"),
}
_THUNDERBIRD_PARTS = {"address": "street", "address2": "street2", "city": "city", "state": "region",
                      "zipcode": "postalcode", "country": "country"}


def _thunderbird(norm: str) -> Column | None:
    if norm in _THUNDERBIRD:
        return _THUNDERBIRD[norm]
    for place in ("home", "work"):
        if norm.startswith(place) and norm[len(place):] in _THUNDERBIRD_PARTS:
            return _part("address", place, _THUNDERBIRD_PARTS[norm[len(place):]], place)
    return None


# -- LinkedIn -------------------------------------------------------------------------
_LINKEDIN = {"firstname": _c("given_name"), "lastname": _c("family_name"), "url": _c("link", "LinkedIn"),
             "emailaddress": _c("email"), "company": _c("organisation"), "position": _c("title"),
             "connectedon": _c("connected_on")}

# -- netnet's own export ------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return _LINES.split(text)


def _lines_or_semicolons(text: str) -> list[str]:
    """E-mails and phones one a line; exports before that joined them with "; "."""
    return _LINES.split(text) if "\n" in text or "\r" in text else text.split("; ")


_NETNET = {
    "name": _c("name"), "givenname": _c("given_name"), "familyname": _c("family_name"),
    "nickname": _c("nickname"), "organisation": _c("organisation"), "title": _c("title"), "field": _c("field"),
    "emails": _c("email", split=_lines_or_semicolons), "phones": _c("phone", split=_lines_or_semicolons),
    "links": _c("link", split=_lines), "addresses": _c("address", split=_lines),
    "birthday": _c("birthday"), "tags": _c("tags", split=_lines), "notes": _c("notes"),
    "introducedbyid": _c("introduced_by_uuid"), "uuid": _c("uuid"),
}

# -- any spreadsheet -------------------------------------------------------------------------
_ALIASES = {
    "name": ("name", "fullname", "displayname", "contact", "contactname", "person"),
    "given_name": ("firstname", "givenname", "first", "forename"),
    "middle_name": ("middlename", "additionalname"),
    "family_name": ("lastname", "familyname", "surname", "last"),
    "nickname": ("nickname", "nick"),
    "email": ("email", "emails", "emailaddress", "emailaddresses", "mail", "workemail", "homeemail",
              "email1", "email2", "email3", "primaryemail", "secondaryemail"),
    "phone": ("phone", "phones", "telephone", "tel", "mobile", "cell", "phonenumber", "mobilephone",
              "workphone", "homephone", "phone1", "phone2", "phone3"),
    "organisation": ("company", "organisation", "organization", "org", "employer", "companyname"),
    "title": ("title", "jobtitle", "position", "role"),
    "field": ("field", "industry", "sector"),
    "notes": ("notes", "note", "comments", "comment", "description"),
    "tags": ("tags", "tag", "labels", "categories", "groups"),
    "link": ("url", "urls", "website", "web", "links", "link", "linkedin", "linkedinurl", "profileurl",
             "homepage", "webpage"),
    "address": ("address", "addresses", "postaladdress", "homeaddress", "workaddress"),
    "birthday": ("birthday", "bday", "dateofbirth", "birthdate"),
    "uuid": ("uuid",),
    "introduced_by_uuid": ("introducedbyid",),
}
_GENERIC = {alias: _c(meaning, split=_GENERIC_SPLIT[meaning].split if meaning in _GENERIC_SPLIT else _whole)
            for meaning, aliases in _ALIASES.items() for alias in aliases}
_GENERIC["workemail"] = _c("email", "work", _GENERIC_SPLIT["email"].split)
_GENERIC["homeemail"] = _c("email", "home", _GENERIC_SPLIT["email"].split)
_GENERIC["workphone"] = _c("phone", "work", _GENERIC_SPLIT["phone"].split)
_GENERIC["homephone"] = _c("phone", "home", _GENERIC_SPLIT["phone"].split)
_GENERIC["mobile"] = _GENERIC["mobilephone"] = _GENERIC["cell"] = _c("phone", "mobile", _GENERIC_SPLIT["phone"].split)


def exporter_of(norms: set[str]) -> str:
    """The program whose header this is (by the columns only it writes)."""
    if {"uuid", "introducedbyid"} <= norms:
        return NETNET
    if {"connectedon", "firstname", "lastname"} <= norms:
        return LINKEDIN
    if "primaryemail" in norms or "birthyear" in norms or {"displayname", "secondaryemail"} <= norms:
        return THUNDERBIRD
    families = [n for n in norms if _GOOGLE_FAMILY.fullmatch(n)]
    if families or "groupmembership" in norms or {"organizationname", "organizationtitle"} <= norms:
        old = "groupmembership" in norms or any(re.fullmatch(r"(organization\d+name|\w+\d+type)", n) for n in families)
        return GOOGLE_OLD if old else GOOGLE
    if norms & {"email2address", "businessphone", "businessstreet", "businessfax"} or (
            {"emailaddress", "jobtitle", "title"} <= norms):
        return OUTLOOK
    return GENERIC


_CLASSIFY: dict[str, Callable[[str], Column | None]] = {
    GOOGLE: _google, GOOGLE_OLD: _google, OUTLOOK: _outlook, THUNDERBIRD: _thunderbird,
    LINKEDIN: _LINKEDIN.get, NETNET: _NETNET.get, GENERIC: _GENERIC.get,
}


@dataclass
class Layout:
    """A header read: who wrote it, what each column means, what nothing is read from."""

    exporter: str
    width: int
    columns: list[tuple[int, Column]]
    titles: list[str]
    ignored: list[str]

    @property
    def has_name(self) -> bool:
        return any(c.meaning in NAME_MEANINGS for _i, c in self.columns)

    @property
    def one_line(self) -> list[tuple[int, Column]]:
        return [(i, c) for i, c in self.columns if c.meaning in ONE_LINE]

    def mapping(self) -> list[tuple[str, str]]:
        return [(self.titles[i], c.label) for i, c in self.columns]


def layout_for(header: list[str]) -> Layout:
    """Read a header row: the exporter, and each column's meaning (or that it is ignored)."""
    norms = [normal(title) for title in header]
    exporter = exporter_of(set(norms))
    classify = _CLASSIFY[exporter]
    columns: list[tuple[int, Column]] = []
    titles: list[str] = []
    ignored: list[str] = []
    for index, (title, norm) in enumerate(zip(header, norms, strict=True)):
        titles.append(clean(title)[:40])
        column = classify(norm) if norm else None
        if column is None:
            if clean(title):
                if len(ignored) < 1000:
                    ignored.append(clean(title)[:40])
                else:
                    ignored.append("")  # counted, not named: a million columns print one line
            continue
        columns.append((index, column))
    return Layout(exporter, len(header), columns, titles, ignored)
