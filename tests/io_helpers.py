"""Helpers shared by the import/export tests."""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from hypothesis import strategies as st

from netnet.data.contacts import ContactInput, Method, insert_contact
from netnet.data.store import Store


@contextmanager
def fresh_store(parent: Path):
    """A new empty database of its own (hypothesis examples must not share one)."""
    with tempfile.TemporaryDirectory(dir=parent) as folder:
        store = Store(Path(folder) / "netnet.db")
        try:
            yield store
        finally:
            store.close()


def people(store: Store, *, labels: bool = True, uuids: bool = True) -> list[tuple]:
    """Every live contact as a comparable tuple, in a stable order."""
    with store.read() as conn:
        rows = conn.execute(
            "SELECT c.id, c.uuid, c.display_name, c.given_name, c.family_name, c.nickname, c.organisation, "
            "c.title, c.field, c.birthday, c.notes, i.uuid, c.vcard_extra FROM contact c "
            "LEFT JOIN contact i ON i.id = c.introduced_by_id WHERE c.deleted_at IS NULL"
        ).fetchall()
        result = []
        for row in rows:
            methods = sorted(
                (kind, value, label if labels else "") for kind, value, label in conn.execute(
                    "SELECT kind, value, label FROM contact_method WHERE contact_id = :p0", {"p0": row[0]})
            )
            tags = sorted(t for (t,) in conn.execute("SELECT tag FROM contact_tag WHERE contact_id = :p0", {"p0": row[0]}))
            values = list(row[1:])
            if not uuids:
                values[0] = values[10] = None
            result.append((*values, tuple(methods), tuple(tags)))
    return sorted(result, key=repr)


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\u0085"),
    max_size=20,
).map(str.strip)
_name = _text.filter(bool)
_email = st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.example", fullmatch=True)
_phone = st.from_regex(r"\+?[0-9]{7,12}", fullmatch=True)
_link = st.from_regex(r"https://[a-z]{1,10}\.example/[a-z0-9]{0,8}", fullmatch=True)
_tag = st.from_regex(r"[a-z][a-z0-9 ]{0,10}[a-z0-9]", fullmatch=True)


@st.composite
def contact_inputs(draw) -> ContactInput:
    methods = [Method("email", e) for e in draw(st.lists(_email, max_size=2, unique=True))]
    methods += [Method("phone", p) for p in draw(st.lists(_phone, max_size=2, unique=True))]
    methods += [Method("link", u) for u in draw(st.lists(_link, max_size=1))]
    notes = "\n".join(draw(st.lists(_text, max_size=3))).strip()
    return ContactInput(
        display_name=draw(_name), given_name=draw(_text), family_name=draw(_text), nickname=draw(_text),
        organisation=draw(_text), title=draw(_text), field=draw(_text),
        birthday=draw(st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 1, 1)).map(date.isoformat))),
        notes=notes, methods=methods, tags=draw(st.lists(_tag, max_size=3, unique=True)),
    )


def fill(store: Store, contacts: list[ContactInput], clock) -> None:
    with store.write() as conn:
        for data in contacts:
            insert_contact(conn, data, clock.now())


def distinct(contacts: list[ContactInput]) -> bool:
    """No two generated people would be taken for the same person by an import."""
    from netnet.data.imports import handle_norms, name_key

    names = [name_key(c.display_name, c.organisation) for c in contacts]
    handles = [(m.kind, handle_norms(m.kind, m.value)) for c in contacts for m in c.methods]
    handles = [h for h in handles if h[1]]
    return len(set(names)) == len(names) and len(set(handles)) == len(handles)
