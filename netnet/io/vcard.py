"""vCard 3.0 and 4.0 in and out, through the vobject library.

Reading: one card or many in a file, folded lines, several e-mails and phones
with their types, ORG, TITLE, NOTE, CATEGORIES (tags), ADR, BDAY, URL,
NICKNAME and UID kept; photos dropped before parsing (so a broken photo never
costs the card); every other property kept verbatim in ``vcard_extra`` and
written back on export. Each card is parsed on its own, so one broken card is
rejected with its line number and the rest are imported.

Writing: vCard 4.0, one card per contact, UID from the row uuid, RELATED for
the person who introduced them.
"""

from __future__ import annotations

import re
from datetime import date

from netnet.core.records import ContactInput, Method
from netnet.io.records import Candidate, FileRefused, Parsed, Rejected, clean, decode

WHAT = "a vCard file"
_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_SKIP = {"VERSION", "PRODID", "REV", "PHOTO", "X-NETNET-CIRCLE", "X-NETNET-CONNECTOR"}
_HANDLED = {"FN", "N", "NICKNAME", "ORG", "TITLE", "NOTE", "CATEGORIES", "EMAIL", "TEL", "ADR", "BDAY",
            "URL", "UID", "X-NETNET-FIELD"}
INTRODUCED_BY = "introduced-by"


def split_cards(text: str) -> list[tuple[int, str]]:
    """Each BEGIN:VCARD…END:VCARD block with its first line number; photos removed."""
    cards: list[tuple[int, str]] = []
    start: int | None = None
    body: list[str] = []
    skipping = False
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if start is not None:  # the previous card never ended
                cards.append((start, ""))
            start, body, skipping = number, [line], False
            continue
        if start is None:
            continue
        if upper == "END:VCARD":
            body.append(line)
            cards.append((start, "\r\n".join(body) + "\r\n"))
            start, body, skipping = None, [], False
            continue
        if line[:1] in (" ", "\t") or (skipping and not line.strip()):
            if not skipping:
                body.append(line)
            continue
        match = _PROPERTY.match(line)
        skipping = bool(match) and match.group(1).upper() == "PHOTO"
        if not skipping:
            body.append(line)
    if start is not None:
        cards.append((start, ""))
    if not cards:
        raise FileRefused(f"it is not {WHAT} (no BEGIN:VCARD line)")
    return cards


def _text(value) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(clean(str(v)) for v in value if clean(str(v)))
    if isinstance(value, bytes):
        return ""
    return clean(str(value)) if value is not None else ""


def _label(child) -> str:
    types = [t.lower() for t in child.params.get("TYPE", []) for t in str(t).split(",")]
    return ",".join(t for t in types if t and t not in ("internet", "pref", "voice", "x400"))


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
            cand.uuid = found.group(0).lower() if found else None
            if not found:
                cand.vcard_extra.append(_line_of(child))
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


def parse_vcards(data: bytes) -> Parsed:
    """Read every card in a file; a card that cannot be read is rejected with its line."""
    import vobject

    parsed = Parsed()
    for line, chunk in split_cards(decode(data, WHAT)):
        if not chunk:
            parsed.rejected.append(Rejected(line, "the card has no END:VCARD line"))
            continue
        try:
            card = vobject.readOne(chunk)
            result = card_to_candidate(line, card)
        except Exception as exc:  # vobject raises many kinds on hostile input
            reason = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
            parsed.rejected.append(Rejected(line, f"the card cannot be read ({reason})"))
            continue
        if isinstance(result, Rejected):
            parsed.rejected.append(result)
        else:
            parsed.candidates.append(result)
    return parsed


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
    card.add("n").value = vobject.vcard.Name(family=c.family_name, given=c.given_name)
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
            card.add(textLineToContentLine(line))
    return card
