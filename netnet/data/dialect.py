"""What only one database engine knows, behind one small interface.

Services and the migration runner are written once, for any SQLAlchemy
engine. The few things that differ between engines are asked of the store's
dialect (``tx.dialect`` inside a read or write, ``store.dialect`` outside):
how a new database is created and stamped, where the schema version is
mirrored, the search index kept beside the contacts, checks of foreign keys
around a table rebuild, and the engine's own tools for a bulk insert, a bulk
renewal of search texts or a secure delete. SQLite's implementation is ``SQLiteDialect`` in ``store.py``,
the one module that imports ``sqlite3``; a PostgreSQL module implements the
same methods.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol


class Dialect(Protocol):
    name: str
    has_search: bool  # a full-text index over contacts' search_text is kept
    has_note_search: bool  # a full-text index over interactions' search_text is kept

    def create_current(self, conn: Any) -> None:
        """Create every table and index of the current schema from the models' metadata, add
        the dialect's extras and record the current version (inside the caller's transaction)."""

    def create_extras(self, conn: Any) -> None:
        """What the engine keeps beside the tables (SQLite: the FTS5 index and its triggers)."""

    def mirror_version(self, conn: Any, version: int) -> None:
        """Record ``version`` where the engine can read it without a write (SQLite: the header)."""

    def has_table(self, conn: Any, name: str) -> bool: ...

    def links_unchecked(self, conn: Any) -> AbstractContextManager[None]:
        """Foreign keys not enforced while a migration rebuilds tables (outside a transaction)."""

    def broken_links(self, conn: Any) -> list[str]:
        """The tables holding a row whose foreign key points at nothing (empty: all sound)."""

    def defer_links(self, conn: Any) -> None:
        """Check foreign keys at commit, not per statement, for the rest of this transaction."""

    def match_where(self, tokens: list[str], *, any_word: bool = False) -> tuple[str, dict[str, Any]]:
        """A condition on a ``contact`` row (unqualified columns) that holds when its search text
        has a word beginning with every one of ``tokens`` (folded words, see ``core.text.words``),
        and its parameters; ``any_word``: a whole word equal to any one of them (the referral
        finder's wide net)."""

    def create_note_search(self, conn: Any) -> None:
        """The index over the interactions' ``search_text`` (the folded words of their notes), filled
        from the rows there are: created with a new database and by the migration that added the
        column (SQLite: FTS5 and its triggers; PostgreSQL: a pg_trgm index)."""

    def note_match_where(self, tokens: list[str]) -> tuple[str, dict[str, Any]]:
        """A condition on an ``interaction`` row (unqualified columns) that holds when the folded words of
        its notes have a word beginning with every one of ``tokens``, and its parameters."""

    def newest_notes_from(self, conn: Any, tokens: list[str], many: int) -> str:
        """The FROM clause that reads the interactions matching ``tokens`` newest first: when more than
        ``many`` notes match, walked by date until a screenful is found rather than all sorted."""

    def bulk_search_index(self, conn: Any, rows: int, first_id: int, *,
                          table: str = "contact") -> AbstractContextManager[None]:
        """Index many new contacts (ids from ``first_id``) for search at once instead of per row; or
        interactions (``table``), for the notes search."""

    def bulk_search_update(self, conn: Any, ids: Sequence[int]) -> AbstractContextManager[None]:
        """Inside this block the contacts ``ids`` get a new search text (and nothing else does):
        their index entries are renewed at once instead of per row."""

    def erased_for_good(self, conn: Any) -> AbstractContextManager[None]:
        """Deletes inside this block leave no readable trace in the file or the search index."""

    def insert_rows(self, conn: Any, table: str, columns: Sequence[str], rows: Iterable[Mapping[str, Any]],
                    suffix: str = "") -> None:
        """Insert many rows (mappings holding ``columns``) into ``table`` the engine's fastest way;
        ``suffix`` is added to each statement (``ON CONFLICT DO NOTHING``)."""

    def update_rows(self, conn: Any, table: str, columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *,
                    added: Sequence[str] = ()) -> None:
        """Update many rows of ``table``, each found by its ``id``, the engine's fastest way: every
        column of ``columns`` set to the row's value, every column of ``added`` increased by it."""

    def ids_given(self, conn: Any, table: str) -> None:
        """Rows were inserted into ``table`` with ids netnet chose: later rows get ids past them."""

    def snapshot(self, conn: Any) -> AbstractContextManager[None]:
        """Every read inside this block sees the database as it was when the first one ran, whatever
        other processes commit meanwhile (copying a whole network); nothing is written."""



def _like_pattern(before: str, token: str, after: str) -> str:
    escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return before + escaped + after


def like_match_where(tokens: list[str], *, any_word: bool = False, name: str = "word") -> tuple[str, dict[str, Any]]:
    """``Dialect.match_where`` with LIKE over ``contact.search_text`` (folded words separated by
    spaces), for an engine without a word index of its own or to index LIKE with: the same
    people as SQLite's FTS5 prefix search. Any table's ``search_text`` made the same way (the
    notes') is searched alike; ``name`` names the parameters."""
    params = {f"{name}_{n}": (_like_pattern("% ", token, " %") if any_word else _like_pattern("% ", token, "%"))
              for n, token in enumerate(tokens)}
    joiner = " OR " if any_word else " AND "
    clause = joiner.join(f"(' ' || search_text || ' ') LIKE :{key} ESCAPE '\\'" for key in params)
    return f"({clause or '1 = 0'})", params
