"""Small read helpers shared by the command line and exporters."""

from __future__ import annotations

from netnet.data.sqlrows import in_list
from netnet.data.store import Store


def first_emails(store: Store, ids: list[int] | None = None) -> dict[int, str]:
    """Each contact's first e-mail address (for all contacts when ``ids`` is None)."""
    sql = "SELECT contact_id, value FROM contact_method WHERE kind = 'email' ORDER BY contact_id, position DESC"
    with store.fast() as conn:  # a hot path: `netnet contacts`
        if ids is None:
            # A contact's rows come last position first, so the first address is the one kept.
            return {r.contact_id: r.value for r in conn.execute(sql)}
        result: dict[int, str] = {}
        for start in range(0, len(ids), 900):
            chunk = ids[start:start + 900]
            marks, params = in_list("id", chunk)
            result.update((r.contact_id, r.value) for r in conn.execute(
                f"SELECT contact_id, value FROM contact_method WHERE kind = 'email' AND contact_id IN ({marks}) "
                "ORDER BY contact_id, position DESC", params))
        return result
