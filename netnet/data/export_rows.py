"""Small read helpers shared by the command line and exporters."""

from __future__ import annotations

from netnet.data.store import Store


def first_emails(store: Store, ids: list[int] | None = None) -> dict[int, str]:
    """Each contact's first e-mail address (for all contacts when ``ids`` is None)."""
    sql = "SELECT contact_id, value FROM contact_method WHERE kind = 'email' ORDER BY contact_id, position DESC"
    with store.read() as conn:
        if ids is None:
            return dict(conn.execute(sql).fetchall())
        result: dict[int, str] = {}
        for start in range(0, len(ids), 900):
            chunk = ids[start:start + 900]
            marks = ",".join("?" * len(chunk))
            result.update(conn.execute(
                f"SELECT contact_id, value FROM contact_method WHERE kind = 'email' AND contact_id IN ({marks}) "
                "ORDER BY contact_id, position DESC", chunk).fetchall())
        return result
