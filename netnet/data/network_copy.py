"""Copying a whole network into another database (``netnet copy``): a SQLite file to a
PostgreSQL database and back, or file to file.

Every table of the network is copied row for row, as it is: ids, uuids, versions, timestamps,
settings, drafts, import history and merge records (everything but ``schema_version``, each
database's own record of its schema). The rows are read from one consistent view of the source
(``dialect.snapshot``; the source is only read) and written in one transaction on the target by
the target's bulk road (``dialect.insert_rows``: COPY on PostgreSQL), its id sequences moved past
the copied ids (``ids_given``) and its links checked before commit. Every table is counted on
both sides inside that transaction; if a count differs, nothing is kept.

The target must hold no network: a new path, an empty file, a netnet file with no rows, or an
empty PostgreSQL database (each created at the current schema when opened). Anything else is
refused with one sentence before anything is written there: a database holding rows, another
program's file or tables, the source itself however it is spelled, the source's side files or
kept backups. A new file is built under a temporary name beside its own and renamed into place
(0600) only once the copy is complete, so a failure leaves no file behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netnet.data import files, sqlrows
from netnet.data.errors import StoreError
from netnet.data.schema import SCHEMA_VERSION
from netnet.data.stores import is_url

# The database's own record of its schema, not part of the network: the target keeps its own.
NOT_COPIED = ("schema_version",)


def copy_tables() -> list[str]:
    """Every table copied, parents before children, as the models define them."""
    from netnet.data.schema import metadata

    return [table.name for table in metadata().sorted_tables if table.name not in NOT_COPIED]


@dataclass
class CopyReport:
    """What was copied: each table's rows on both sides."""

    source: str  # as netnet prints it (a URL with its password masked)
    target: str
    counts: list[tuple[str, int, int]]  # (table, rows in the source, rows in the target)

    @property
    def matches(self) -> bool:
        return all(source == target for _table, source, target in self.counts)

    @property
    def rows(self) -> int:
        return sum(source for _table, source, _target in self.counts)

    def differing(self) -> list[str]:
        return [table for table, source, target in self.counts if source != target]

    def table_lines(self) -> list[str]:
        """The counts as a small aligned table: table, source, target."""
        body = [(table, f"{source:,}", f"{target:,}") for table, source, target in self.counts]
        width = max(len("table"), *(len(table) for table, _s, _t in body))
        numbers = max(len("source"), len("target"), *(len(s) for _t, s, _u in body), *(len(t) for *_x, t in body))
        lines = [f"{'table':<{width}}  {'source':>{numbers}}  {'target':>{numbers}}"]
        lines += [f"{table:<{width}}  {source:>{numbers}}  {target:>{numbers}}" for table, source, target in body]
        return lines

    def verdict(self) -> str:
        return (f"Copied {self.rows:,} rows in {len(self.counts)} tables from {self.source} to {self.target}; "
                f"every table has the same number of rows on both sides.")


class CountsDiffer(StoreError):
    """A table's rows were not all copied: nothing was kept in the target (``report`` says where)."""

    def __init__(self, report: CopyReport) -> None:
        super().__init__(f"The row counts differ in {', '.join(report.differing())}, so the copy was undone "
                         f"and nothing of it was kept in {report.target}.")
        self.report = report


def shown(store: Any) -> str:
    """A store as netnet prints it: the SQLite file, or the masked URL of a server's database."""
    return getattr(store, "label", None) or str(store.path)


def copy_network(source: Any, target: str | Path) -> CopyReport:
    """Copy every table of ``source`` (an open store) into ``target`` (a file path or a
    ``postgresql://`` URL) and return the counts; refuses a target that holds anything, and
    raises ``CountsDiffer`` (nothing kept) if a table's rows were not all copied."""
    tables = copy_tables()
    with source.read() as src, src.dialect.snapshot(src):
        tag = None
        if src.dialect.name == "postgresql":
            from netnet.data.pg_copy import tag_session

            tag = tag_session(src)
        counts = {table: _count(src, table) for table in tables}
        first_contact = src.execute("SELECT min(id) AS first FROM contact").fetchone().first or 0
        opened = _server_target(source, str(target), tables, tag) if is_url(target) \
            else _file_target(source, Path(target), tables)
        with opened as (store, label), store.write() as dst:
            _refuse_full(label, [table for table in tables if _count(dst, table, any_row=True)])
            dst.dialect.defer_links(dst)
            for table in tables:
                _copy_table(src, dst, table, counts[table], first_contact, label)
            broken = dst.dialect.broken_links(dst)
            if broken:
                raise StoreError(f"A row of the table {broken[0]} points at a row that is not there, so the copy "
                                 f"was undone and nothing of it was kept in {label}.")
            report = CopyReport(shown(source), label, [(table, counts[table], _count(dst, table))
                                                       for table in tables])
            if not report.matches:
                raise CountsDiffer(report)
    return report


def _count(tx: Any, table: str, *, any_row: bool = False) -> int:
    if any_row:
        return 1 if tx.execute(f'SELECT 1 AS found FROM "{table}" LIMIT 1').fetchone() is not None else 0
    return tx.execute(f'SELECT count(*) AS n FROM "{table}"').fetchone().n


def _copy_table(src: Any, dst: Any, table: str, count: int, first_contact: int, label: str) -> None:
    from netnet.data.schema import metadata
    from netnet.data.sql import DatabaseError
    from netnet.data.store import explain

    if not count:
        return
    model = metadata().tables[table]
    columns = [column.name for column in model.columns]
    names = ", ".join(f'"{name}"' for name in columns)
    order = ", ".join(f'"{column.name}"' for column in model.primary_key.columns)
    result = src.stream(f'SELECT {names} FROM "{table}" ORDER BY {order}')
    # each column found by its name once for the whole table (``sqlrows.values``), then picked at C speed
    rows = (dict(zip(columns, picked, strict=True)) for picked in sqlrows.values(result, columns))
    if table in ("contact", "interaction"):  # indexed for search in one statement, not a trigger per row
        first = first_contact if table == "contact" else 0  # the target held nothing: every interaction
        index = dst.dialect.bulk_search_index(dst, count, first, table=table)
    else:
        index = nullcontext()
    try:
        with index:
            dst.dialect.insert_rows(dst, table, columns, rows)
    except DatabaseError as exc:
        found = explain(exc, label)
        if found is not None:
            raise found from exc
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(f"The table {table} could not be copied ({reason}), so the copy was undone and "
                         f"nothing of it was kept in {label}.") from exc
    if "id" in columns:
        dst.dialect.ids_given(dst, table)


def _refuse_full(label: str, full: list[str]) -> None:
    """One sentence for a target that already holds something (it is left untouched)."""
    if not full:
        return
    held = "a network" if "contact" in full else f"netnet data (in its {full[0]} table)"
    raise StoreError(f"{label} already holds {held}; netnet copies only into a new file or an empty database, "
                     f"so it was left untouched.")


def _same_url(a: str, b: str) -> bool:
    """Whether two URLs name the same database as written (any user or password, any driver name)."""
    from sqlalchemy import make_url

    def plain(url: str) -> tuple:
        parsed = make_url(url)
        return parsed.host, parsed.port, parsed.database, sorted(parsed.query.items())

    try:
        return plain(a) == plain(b)
    except Exception:  # an unreadable URL was refused by check_url already
        return False


@contextmanager
def _server_target(source: Any, url: str, tables: list[str], tag: str | None) -> Iterator[tuple[Any, str]]:
    """An empty database on a server, opened (its schema created) only once a look found it empty
    and not the source's."""
    from netnet.data.pg_copy import look
    from netnet.data.postgres import PostgresStore, check_url, masked

    check_url(url)
    label = masked(url)
    same = f"{label} is the database being copied; choose another database for the copy."
    if getattr(source, "url", None) and _same_url(source.url, url):
        raise StoreError(same)
    seen = look(url, tables, tag)  # before opening: an older netnet database would be migrated
    if seen.tagged:
        raise StoreError(same)
    _refuse_full(label, seen.full)
    store = PostgresStore(url)
    try:
        yield store, label
    finally:
        store.close()


@contextmanager
def _file_target(source: Any, target: Path, tables: list[str]) -> Iterator[tuple[Any, str]]:
    """A SQLite file: a new one is built beside its name and renamed into place after the copy;
    an existing netnet file that holds no rows is filled in one transaction."""
    from netnet.data.store import (
        Store,
        _inspect_readonly,
        check_file,
        side_files,
        tables_with_rows,
        tidy_side_files,
    )

    label = Path(target).expanduser()
    # never the source, its side files or kept backups (however spelled), a folder or a device
    real = files.check_target(label, database=source.path, what="the copy")
    if check_file(real) == "existing":  # refuses another program's file, a read-only one
        before = side_files(real)
        try:
            version = _inspect_readonly(real, deep=True)
            if version > SCHEMA_VERSION:
                raise StoreError(f"{label} was written by a newer netnet (schema {version}, this one knows "
                                 f"{SCHEMA_VERSION}); it was left untouched.")
            _refuse_full(str(label), tables_with_rows(real, tables))
        except StoreError:
            tidy_side_files(real, before)
            raise
        store = Store(real)
        try:
            yield store, str(label)
        finally:
            store.close()
        return
    files.remove_stale_temps(real.parent, name=real.name)  # left by a copy that was killed
    how = "replace" if real.exists() else "refuse"  # an empty file is replaced; a file that appears is not
    try:
        with files.atomic_target(real, how=how) as job:
            store = Store(job.temp)
            try:
                yield store, str(label)
            finally:
                store.close()
    except FileExistsError as exc:
        raise files.OutputRefused(f"{label} appeared while the copy was being made; it was left as it was "
                                  f"and nothing was copied.") from exc
    except OSError as exc:
        raise files.os_error(exc, label) from exc
