"""vCard 2.1, 3.0 and 4.0 in, 4.0 out, through the vobject library.

Reading: the file is streamed card by card (``cards``), one card or many,
folded lines, vCard 2.1 as phones write it (QUOTED-PRINTABLE values joined
over their soft line breaks and decoded in their CHARSET, bare ``TEL;CELL``
types), several e-mails and phones with their types, ORG, TITLE, NOTE,
CATEGORIES (tags), ADR, BDAY, URL, NICKNAME and UID kept; photos dropped
before parsing (so a broken photo never costs the card); a card nested in an
AGENT property set aside (it never replaces the person); every other property
kept verbatim in ``vcard_extra`` and written back on export. Each card is
parsed on its own, so one broken card is rejected with its line number and
the rest are imported.

Writing: vCard 4.0, one card per contact, one UID (from the row uuid; a
card's own non-UUID UID travels as X-NETNET-SOURCE-UID), RELATED for the
person who introduced them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import date
from typing import BinaryIO

from netnet.core.names import name_parts
from netnet.core.records import ContactInput, Method
from netnet.io.records import Candidate, FileRefused, Parsed, Rejected, clean
from netnet.io.textfile import MAX_LINE, Overlong, TextLines, open_binary

WHAT = "a vCard file"
_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_SKIP = {"VERSION", "PRODID", "REV", "PHOTO", "X-NETNET-CIRCLE", "X-NETNET-CONNECTOR"}
_HANDLED = {"FN", "N", "NICKNAME", "ORG", "TITLE", "NOTE", "CATEGORIES", "EMAIL", "TEL", "ADR", "BDAY",
            "URL", "UID", "X-NETNET-FIELD"}
INTRODUCED_BY = "introduced-by"
# A card's own UID that is not a UUID (phones write "3141-59", Google "abc123…"): kept under this
# name so an export carries one UID (netnet's) and importing the export finds the same person.
SOURCE_UID = "X-NETNET-SOURCE-UID"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


MAX_CARD = 1024 * 1024  # characters of one card without its photo: a larger card is rejected
_QP = re.compile(r"[;:](?:ENCODING=)?QUOTED-PRINTABLE(?=[;:])", re.I)
_CHARSET = re.compile(r";CHARSET=([^;:]*)", re.I)


def _params_end(line: str) -> int:
    """Where a property line's value starts (the first colon outside a quoted parameter)."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index
    return -1


def _quoted_printable(line: str) -> str:
    """A vCard 2.1 QUOTED-PRINTABLE property (soft line breaks already joined) as a plain 3.0 line.

    The bytes are decoded in the property's CHARSET (UTF-8 when it names none or one
    Python does not know, Windows-1252 when they are not UTF-8); line breaks become ``\\n``.
    """
    import quopri

    colon = _params_end(line)
    head, value = line[:colon], line[colon + 1:]
    found = _CHARSET.search(head)
    charset = found.group(1).strip('"') if found else "utf-8"
    raw = quopri.decodestring(value.encode("utf-8", "surrogateescape"))
    try:
        text = raw.decode(charset)
    except (LookupError, UnicodeDecodeError):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", "replace")
    head = _CHARSET.sub("", re.sub(r";(?:ENCODING=)?QUOTED-PRINTABLE(?=;|$)", "", head, flags=re.I))
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\n", "\\n")  # the value's own semicolons stay: they part N, ADR and ORG
    return f"{head}:{text}"


class _Card:
    """The lines of one card being read, its line number, and why it cannot be read (if so)."""

    def __init__(self, start: int, first: str) -> None:
        self.start = start
        self.body = [first]
        self.size = len(first)
        self.reason = ""
        self.skipping = False  # inside a photo: its folded lines are dropped
        self.nested = 0  # inside an AGENT's own card: dropped, never taken for this person
        self.last_name = ""  # the property name of the last line kept
        self.qp = False  # the last line kept is quoted-printable and ends in a soft line break

    def add(self, line: str) -> None:
        if self.reason:
            return
        self.size += len(line)
        if self.size > MAX_CARD:
            self.reason = f"the card is larger than {MAX_CARD // (1024 * 1024)} MB without its photo"
            self.body = []
            return
        self.body.append(line)

    def text(self) -> str:
        lines = [_quoted_printable(line) if _QP.search(line[:max(_params_end(line), 0) + 1]) else line
                 for line in self.body]
        return "\r\n".join(lines) + "\r\n"


def cards(lines) -> Iterator[tuple[int, str | None, str]]:
    """Each BEGIN:VCARD…END:VCARD block as (first line, text, "") or (first line, None, reason); streamed.

    Photos are dropped (so a broken photo never costs the card); vCard 2.1
    quoted-printable values are joined over their soft line breaks and decoded;
    a card nested in an AGENT property is dropped, so it never replaces the person
    it belongs to. A card without END:VCARD, or larger than ``MAX_CARD``, is
    rejected with its first line.
    """
    card: _Card | None = None
    found = False
    for number, raw in enumerate(lines, 1):
        overlong = isinstance(raw, Overlong)
        line = raw.rstrip("\r\n")
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            found = True
            if card is not None and card.last_name == "AGENT" and not card.reason:
                card.nested += 1  # vCard 2.1: the agent's card follows its AGENT line
                continue
            if card is not None and card.nested:
                card.nested += 1
                continue
            if card is not None:  # the previous card never ended
                yield card.start, None, "the card has no END:VCARD line"
            card = _Card(number, line)
            continue
        if card is None:
            continue
        if card.nested:
            if upper == "END:VCARD":
                card.nested -= 1
                card.last_name = ""
            continue
        if upper == "END:VCARD":
            if card.reason:
                yield card.start, None, card.reason
            else:
                card.add(line)
                yield card.start, card.text(), ""
            card = None
            continue
        if card.qp:  # a quoted-printable soft line break: this line goes on the last one
            card.body[-1] = card.body[-1][:-1] + line
            card.size += len(line)
            card.qp = card.body[-1].endswith("=")
            continue
        if line[:1] in (" ", "\t") or (card.skipping and not line.strip()):
            if not card.skipping:
                card.add(line)
            continue
        match = _PROPERTY.match(line)
        name = match.group(1).upper() if match else ""
        card.skipping = name == "PHOTO" or name == "LOGO" and overlong
        card.last_name = name
        if card.skipping:
            continue
        if overlong:
            card.reason = f"its {name or 'a'} line is longer than {MAX_LINE // (1024 * 1024)} MB"
            card.body = []
            continue
        card.add(line)
        colon = _params_end(line)
        card.qp = colon > 0 and bool(_QP.search(line[:colon + 1])) and line.endswith("=") and not card.reason
    if card is not None:
        yield card.start, None, "the card has no END:VCARD line"
    if not found:
        raise FileRefused(f"it is not {WHAT} (no BEGIN:VCARD line)")


def _text(value) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(clean(str(v)) for v in value if clean(str(v)))
    if isinstance(value, bytes):
        return ""
    return clean(str(value)) if value is not None else ""


def _label(child) -> str:
    types = [t.lower() for t in child.params.get("TYPE", []) for t in str(t).split(",")]
    types += [str(t).lower() for t in getattr(child, "singletonparams", [])]  # vCard 2.1: TEL;CELL;PREF
    return ",".join(t for t in types if t and t not in ("internet", "pref", "voice", "x400", "quoted-printable", "base64", "8bit"))


def _birthday(text: str) -> str | None:
    text = text.strip()
    for candidate in (text, text[:10]):
        try:
            return date.fromisoformat(candidate).isoformat()
        except ValueError:
            pass
    if re.fullmatch(r"\d{8}", text):
        try:
            return date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
        except ValueError:
            return None
    match = re.fullmatch(r"--(\d{2})-?(\d{2})", text)
    if match:
        return f"--{match.group(1)}-{match.group(2)}"
    return None


def _property_name(line: str) -> str:
    match = _PROPERTY.match(line)
    return match.group(1).upper() if match else line


def _line_of(child) -> str:
    """A property as one unfolded content line, to keep and write back later."""
    return re.sub(r"\r?\n[ \t]", "", child.serialize()).rstrip("\r\n")


def card_to_candidate(line: int, card) -> Candidate | Rejected:
    """One parsed vobject card as a candidate, or a rejection."""
    data = ContactInput(display_name="")
    cand = Candidate(line, data)
    notes: list[str] = []
    tags: list[str] = []
    fn = ""
    for child in card.getChildren():
        name = child.name.upper()
        if name in _SKIP:
            continue
        value = child.value
        if name == "FN":
            fn = fn or _text(value)
        elif name == "N":
            data.family_name = _text(getattr(value, "family", ""))
            data.given_name = _text(getattr(value, "given", ""))
            parts = [getattr(value, "prefix", ""), getattr(value, "given", ""),
                     getattr(value, "additional", ""), getattr(value, "family", ""), getattr(value, "suffix", "")]
            data.display_name = " ".join(t for t in (_text(p) for p in parts) if t)
        elif name == "NICKNAME":
            data.nickname = data.nickname or _text(value)
        elif name == "ORG":
            data.organisation = data.organisation or _text(value)
        elif name == "TITLE":
            data.title = data.title or _text(value)
        elif name == "NOTE":
            if _text(value):
                notes.append(str(value).strip())
        elif name == "CATEGORIES":
            tags += [clean(str(t)) for t in (value if isinstance(value, list) else [value]) if clean(str(t))]
        elif name == "EMAIL":
            if _text(value):
                data.methods.append(Method("email", _text(value), _label(child)))
        elif name == "TEL":
            phone = re.sub(r"^tel:", "", _text(value), flags=re.I)
            if phone:
                data.methods.append(Method("phone", phone, _label(child)))
        elif name == "ADR":
            parts = [getattr(value, p, "") for p in ("box", "extended", "street", "city", "region", "code",
                                                      "country")]
            address = ", ".join(t for t in (_text(p) for p in parts) if t)
            if address:
                data.methods.append(Method("address", address, _label(child)))
        elif name == "BDAY":
            data.birthday = _birthday(_text(value))
            if data.birthday is None and _text(value):
                cand.vcard_extra.append(_line_of(child))
        elif name == "URL":
            if _text(value):
                data.methods.append(Method("link", _text(value), _label(child)))
        elif name == "UID":
            found = _UUID.search(_text(value))
            if found and cand.uuid is None:
                cand.uuid = found.group(0).lower()
            elif not found and _text(value):  # a phone's own id: kept, and written back under another name
                cand.vcard_extra.append(f"{SOURCE_UID}:{_escape(_text(value))}")
        elif name == SOURCE_UID:
            cand.vcard_extra.append(_line_of(child))
        elif name == "AGENT" and not _text(value):
            continue  # vCard 2.1: the agent's own card followed; it was set aside, not taken for this person
        elif name == "X-NETNET-FIELD":
            data.field = _text(value)
        elif name == "RELATED" and INTRODUCED_BY in [str(v).lower() for v in child.params.get("X-NETNET", [])]:
            found = _UUID.search(_text(value))
            cand.introduced_by_uuid = found.group(0).lower() if found else None
        else:
            cand.vcard_extra.append(_line_of(child))
    data.display_name = fn or data.display_name or data.nickname or data.organisation
    if not data.display_name:
        return Rejected(line, "the card has no name (FN or N)")
    data.notes = "\n\n".join(notes)
    data.tags = tags
    cand.vcard_extra.sort(key=_property_name)  # vobject writes properties in name order; so do we
    return cand


def parse_vcards(data: bytes | BinaryIO) -> Parsed:
    """Read every card in a file into a Parsed with its candidates in a list."""
    parsed = read_vcards(data)
    parsed.candidates = list(parsed.candidates)
    return parsed


def read_vcards(data: bytes | BinaryIO) -> Parsed:
    """Every card in a file, streamed: a card that cannot be read is rejected with its line.

    Raises FileRefused at once when the file is not text, and when it is read
    to the end without a single BEGIN:VCARD line.
    """
    lines = TextLines(open_binary(data), WHAT)
    parsed = Parsed(exporter="vCard", reading=lines.encoding.name)
    found = cards(lines)
    first = next(found)  # FileRefused here, before anything is written, when the file holds no card
    parsed.candidates = _candidates(itertools.chain([first], found), parsed.rejected)
    return parsed


def _candidates(found, rejected: list[Rejected]) -> Iterator[Candidate]:
    import vobject

    for line, chunk, reason in found:
        if chunk is None:
            rejected.append(Rejected(line, reason))
            continue
        if "\x00" in chunk:
            rejected.append(Rejected(line, "the card holds a NUL byte (a damaged file?)"))
            continue
        try:
            card = vobject.readOne(chunk)
            result = card_to_candidate(line, card)
        except Exception as exc:  # vobject raises many kinds on hostile input
            text = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
            rejected.append(Rejected(line, f"the card cannot be read ({text})"))
            continue
        if isinstance(result, Rejected):
            rejected.append(result)
        else:
            yield result


def write_vcards(contacts) -> str:
    """vCard 4.0 text for ``contacts`` (``netnet.data.exports.ExportContact``)."""
    out: list[str] = []
    for c in contacts:
        try:
            out.append(_card(c, with_extra=True).serialize())
        except Exception:  # a kept property that no longer serialises is left out, not the person
            out.append(_card(c, with_extra=False).serialize())
    return "".join(out)


def _card(c, *, with_extra: bool):
    import vobject
    from vobject.base import textLineToContentLine

    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("uid").value = f"urn:uuid:{c.uuid}"
    card.add("fn").value = c.display_name
    given, family = name_parts(c.display_name, c.given_name, c.family_name)  # typed whole: split once
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    simple = (("nickname", c.nickname), ("title", c.title), ("x-netnet-field", c.field),
              ("note", c.notes), ("bday", c.birthday))
    for name, value in simple:
        if value:
            card.add(name).value = value
    if c.organisation:
        card.add("org").value = [c.organisation]
    if c.tags:
        card.add("categories").value = list(c.tags)
    for m in c.methods:
        if m.kind == "address":
            prop = card.add("adr")
            prop.value = vobject.vcard.Address(street=m.value)
        else:
            prop = card.add({"email": "email", "phone": "tel", "link": "url"}[m.kind])
            prop.value = m.value
        types = [t for t in re.split(r"[^\w-]+", m.label) if t]
        if types:
            prop.params["TYPE"] = types
    if c.introduced_by_uuid:
        related = card.add("related")
        related.value = f"urn:uuid:{c.introduced_by_uuid}"
        related.params["TYPE"] = ["contact"]
        related.params["VALUE"] = ["uri"]
        related.params["X-NETNET"] = [INTRODUCED_BY]
    if c.updated_at is not None:
        card.add("rev").value = c.updated_at.strftime("%Y%m%dT%H%M%SZ")
    if with_extra:
        for line in c.vcard_extra:
            if _property_name(line) == "UID":  # kept by an older netnet: one UID per card, netnet's
                line = SOURCE_UID + line[line.upper().index("UID") + 3:]
            card.add(textLineToContentLine(line))
    return card
