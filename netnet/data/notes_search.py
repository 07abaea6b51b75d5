"""Who told me about X? One search across every note: call notes, the notes on each question,
lessons from the wrap-ups and the notes on everyone's timeline.

Each note keeps its folded words beside it (``search_text``: accents, case and
letters such as ø or ß folded by netnet, as the contacts' search text is), written
by the services that write the note and filled by the migration that added it. The
timeline's notes, the many, are found through the engine's index (SQLite's FTS5,
PostgreSQL's pg_trgm: ``dialect.note_match_where``); interviews and their questions,
the few, with LIKE over the same words. The notes found are then read line by line:
a line matches when every word of the query begins one of its words.

The search runs on the hot path's connection (``store.fast``): ``netnet notes``
never loads SQLAlchemy on SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from netnet.core.clock import from_iso
from netnet.core.notes import (
    UNSEARCHED_KINDS,
    NoteLine,
    NoteMatch,
    interaction_words,
    matching_lines,
    note_lines,
    note_words,
    query_words,
)
from netnet.data.dialect import like_match_where
from netnet.data.sqlrows import columns

if TYPE_CHECKING:  # the types only: the migration that fills the search texts imports this module
    from netnet.data.store import Store, Tx

CHUNK = 2000  # rows per read and write when the search texts are filled


@dataclass
class NotesFound:
    """The lines a search found, newest first. ``complete`` is False when ``limit`` cut the list
    (there are more, older ones); ``words`` are the folded words looked for."""

    matches: list[NoteMatch] = field(default_factory=list)
    complete: bool = True
    words: list[str] = field(default_factory=list)


# The newest notes first, people in the trash left out; the names are joined to the notes picked
# only (joining before the LIMIT costs a lookup per note found: 0.1 s for 40,000).
_INTERACTIONS = (
    "SELECT i.id, i.contact_id, i.kind, i.occurred_at, i.notes, c.display_name FROM ("
    " SELECT id, contact_id, kind, occurred_at, notes FROM {source} WHERE {matching} "
    " AND contact_id NOT IN (SELECT id FROM contact WHERE deleted_at IS NOT NULL) "
    " ORDER BY occurred_at DESC, id DESC{limit}"
    ") i JOIN contact c ON c.id = i.contact_id ORDER BY i.occurred_at DESC, i.id DESC"
)
MANY = 2000  # notes found: from here on the newest are read by date, not all of them sorted
_HELD = "coalesce(v.started_at, v.scheduled_at, v.created_at)"
_INTERVIEWS = (
    f"SELECT v.id, v.contact_id, coalesce(c.display_name, '') AS person, v.status, {_HELD} AS held_at, "
    "v.notes, v.learned FROM interview v LEFT JOIN contact c ON c.id = v.contact_id "
    "WHERE v.id IN (SELECT id FROM interview WHERE {matching}) AND c.deleted_at IS NULL "
    f"AND {_HELD} >= :since ORDER BY v.id"
)
_QUESTIONS = (
    "SELECT q.id, q.interview_id, q.text, q.notes, v.contact_id, coalesce(c.display_name, '') AS person, "
    f"v.status, {_HELD} AS held_at, "
    "(SELECT count(*) FROM interview_question o WHERE o.interview_id = q.interview_id AND "
    " (o.position < q.position OR (o.position = q.position AND o.id < q.id))) + 1 AS number "
    "FROM interview_question q JOIN interview v ON v.id = q.interview_id "
    "LEFT JOIN contact c ON c.id = v.contact_id "
    "WHERE q.id IN (SELECT id FROM interview_question WHERE {matching}) AND c.deleted_at IS NULL "
    f"AND {_HELD} >= :since ORDER BY q.interview_id, q.position, q.id"
)


def _lines(notes: str, tokens: list[str]) -> list[NoteLine]:
    """The matching lines of a note the database found. A note of one line is that line (its words
    hold the query's, as the database just checked): only longer notes are read line by line."""
    if "\n" not in notes and not notes.lstrip().startswith("["):  # most notes: one line, no stamp
        text = notes.strip()
        return [NoteLine(text)] if text else []
    lines = [line for line in note_lines(notes) if line.text]
    return lines if len(lines) == 1 else matching_lines(lines, tokens)


def search_notes(store: Store, query: str, *, limit: int | None = None) -> NotesFound:
    """Every line of notes holding all the words of ``query`` (each the beginning of a word,
    accents and case aside), newest first; ``limit``: only the newest that many lines (a screen's
    worth, per key typed). People in the trash are left out, as in the contact search."""
    tokens = query_words(query)
    if not tokens:
        return NotesFound(words=tokens)
    found: list[tuple[Any, int, int, NoteMatch]] = []  # (when, source, row, match): sorted below
    with store.fast() as conn:
        matching, params = conn.dialect.note_match_where(tokens)
        cut, source = "", "interaction"
        if limit is not None:
            cut = f" LIMIT {int(limit)}"
            source = conn.dialect.newest_notes_from(conn, tokens, MANY)
        # Plain tuples (thousands of notes for a common word), their columns found by name once.
        names, notes = conn.tuples(_INTERACTIONS.format(source=source, matching=matching, limit=cut), params)
        at = columns(names)
        pick = itemgetter(at["id"], at["contact_id"], at["kind"], at["occurred_at"], at["notes"], at["display_name"])
        for row_id, contact_id, kind, occurred_at, text, person in map(pick, notes):
            when = from_iso(occurred_at)
            for line in _lines(text, tokens):
                found.append((when, 0, row_id, NoteMatch(when, person, contact_id, "interaction", line.text,
                                                         kind=kind)))
        # With a limit reached, what was said before the oldest note kept would come after it.
        since = notes[-1][at["occurred_at"]] if limit is not None and len(notes) >= limit else ""
        like, like_params = like_match_where(tokens, name="note")
        like_params["since"] = since
        for row in conn.execute(_INTERVIEWS.format(matching=like), like_params).fetchall():
            when = from_iso(row.held_at)
            common = {"interview_id": row.id, "interview_done": row.status == "done"}
            for line in matching_lines(note_lines(row.notes), tokens):
                found.append((when, 1, row.id, NoteMatch(when, row.person, row.contact_id, "call_note", line.text,
                                                         line.stamp, **common)))
            for line in matching_lines(note_lines(row.learned), tokens):
                found.append((when, 3, row.id, NoteMatch(when, row.person, row.contact_id, "lesson", line.text,
                                                         **common)))
        for row in conn.execute(_QUESTIONS.format(matching=like), like_params).fetchall():
            when = from_iso(row.held_at)
            for line in _lines(row.notes, tokens):
                found.append((when, 2, row.interview_id, NoteMatch(
                    when, row.person, row.contact_id, "question", line.text, line.stamp,
                    interview_id=row.interview_id, interview_done=row.status == "done", question=row.text.strip(),
                    question_number=row.number)))
    # Newest first; one interview's lines together, in the order of the wrap-up: call notes,
    # questions (by number), lessons. Python's sort keeps the order lines were found in otherwise.
    found.sort(key=lambda item: (item[0] is not None, item[0] or 0, item[2], -item[1]), reverse=True)
    matches = [item[3] for item in found]
    complete = limit is None or (len(notes) < limit and len(matches) <= limit)
    if limit is not None:
        matches = matches[:limit]
    return NotesFound(matches, complete, tokens)


# -- keeping the search texts ---------------------------------------------------------

def fill_search_texts(conn: Tx) -> int:
    """Write the search text of every note that has words but no search text yet (the migration
    that added the column, a restore of an older export, rows written by hand); returns how many."""
    written = 0
    skipped = ", ".join(f"'{kind}'" for kind in sorted(UNSEARCHED_KINDS))
    reads = (
        ("interaction", f"kind, notes FROM interaction WHERE notes != '' AND kind NOT IN ({skipped})",
         lambda row: interaction_words(row.kind, row.notes)),
        ("interview", "notes, learned FROM interview WHERE (notes != '' OR learned != '')",
         lambda row: note_words(row.notes, row.learned)),
        ("interview_question", "notes FROM interview_question WHERE notes != ''",
         lambda row: note_words(row.notes)),
    )
    for table, read, words_of in reads:
        after = 0
        while True:
            rows = conn.execute(f"SELECT id, {read} AND search_text = '' AND id > :after ORDER BY id LIMIT {CHUNK}",
                                {"after": after}).fetchall()
            if not rows:
                break
            after = rows[-1].id
            changed = [{"id": row.id, "search_text": text} for row in rows if (text := words_of(row))]
            if changed:
                conn.dialect.update_rows(conn, table, ("search_text",), changed)
                written += len(changed)
    return written
