"""Merge duplicates: review the pairs netnet proposes, merge them, undo a merge."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.markup import escape
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from netnet.data.merge import (
    Candidate,
    ContactSummary,
    candidates,
    last_merge,
    merge_contacts,
    undo_merge,
)
from netnet.screens.base import NetnetScreen


def undo_latest_merge(store, clock) -> bool:
    """Undo the latest merge (on the writing thread); False when there is none."""
    record = last_merge(store)
    if record is None:
        return False
    undo_merge(store, record, clock)
    return True


class MergeScreen(NetnetScreen):
    """Likely duplicates, strongest evidence first."""

    HELP = """
# Merge duplicates

netnet proposes pairs that share an e-mail address, a phone number or a
LinkedIn profile, or that have very similar names at the same organisation.

- **↑ ↓**: move between pairs
- **m** or **Enter**: merge the pair, keeping the record marked *keep*
- **s**: swap which record is kept
- **x**: skip this pair (for now)
- **u**: undo the last merge
- **o**: open the record to keep · **Escape**: back

A merge keeps every field (differing values are written into the notes),
every e-mail, phone, link and tag, and moves every interaction, target,
interview, referral ask and follow-up onto the record kept.
"""

    BINDINGS = [
        Binding("m", "merge", "Merge", tooltip="Merge this pair into the record marked keep", id="merge.merge"),
        Binding("s", "swap", "Swap", tooltip="Keep the other record of this pair instead", id="merge.swap"),
        Binding("x", "skip", "Skip", tooltip="Not a duplicate: hide this pair for now", id="merge.skip"),
        Binding("u", "undo", "Undo merge", tooltip="Split the last merge apart again", id="merge.undo"),
        Binding("o", "open", "Open", tooltip="Open the record marked keep", id="merge.open"),
        Binding("escape", "back", "Back", tooltip="Back to the contact list", id="merge.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[Candidate] = []
        self.swapped: set[tuple[int, int]] = set()
        self.skipped: set[tuple[int, int]] = set()
        self.can_undo = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Looking for duplicates…", id="merge-status")
        yield OptionList(id="merge-pairs")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Merge duplicates"
        self.query_one("#merge-pairs").focus()
        self.load()
        self.app.data_changed.subscribe(self, lambda _: self.load())

    @work(thread=True, exclusive=True, group="merge-load", exit_on_error=False)
    def load(self) -> None:
        worker = get_current_worker()
        found = candidates(self.app.store)
        undo = last_merge(self.app.store) is not None
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, found, undo)

    @staticmethod
    def _key(c: Candidate) -> tuple[int, int]:
        return (c.pair.first, c.pair.second)

    def _sides(self, c: Candidate) -> tuple[ContactSummary, ContactSummary]:
        return (c.second, c.first) if self._key(c) in self.swapped else (c.first, c.second)

    def _show(self, found: list[Candidate], can_undo: bool) -> None:
        self.can_undo = can_undo
        self.pairs = [c for c in found if self._key(c) not in self.skipped]
        options = self.query_one("#merge-pairs", OptionList)
        keep_index = options.highlighted or 0
        options.clear_options()
        for c in self.pairs:
            keep, other = self._sides(c)
            options.add_option(Option(
                f"[b]{escape(c.pair.reason)}[/b]\n"
                f"  keep   {self._describe(keep)}\n"
                f"  merge  {self._describe(other)}",
                id=f"{c.pair.first}-{c.pair.second}",
            ))
        if self.pairs:
            options.highlighted = min(keep_index, len(self.pairs) - 1)
        count = len(self.pairs)
        status = self.query_one("#merge-status", Static)
        if count:
            status.update(f"{count} likely duplicate pair{'s' if count != 1 else ''}. m merges, s swaps "
                          "which record is kept, x skips" + (", u undoes the last merge." if can_undo else "."))
        else:
            status.update("No likely duplicates: every person is here once."
                          + (" Press u to undo the last merge." if can_undo else ""))
        self.refresh_bindings()

    @staticmethod
    def _describe(s: ContactSummary) -> str:
        parts = [escape(s.display_name)]
        work_at = " at ".join(escape(x) for x in (s.title, s.organisation) if x)
        if work_at:
            parts.append(work_at)
        if s.handles:
            parts.append(escape(", ".join(s.handles[:3])))
        parts.append(f"{s.interactions} interaction{'s' if s.interactions != 1 else ''}")
        return " · ".join(parts)

    def _current(self) -> Candidate | None:
        index = self.query_one("#merge-pairs", OptionList).highlighted
        if index is None or not 0 <= index < len(self.pairs):
            return None
        return self.pairs[index]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("merge", "swap", "skip", "open") and not self.pairs:
            return None
        if action == "undo" and not self.can_undo:
            return None
        return True

    @on(OptionList.OptionSelected, "#merge-pairs")
    def _selected(self) -> None:
        self.action_merge()

    def action_merge(self) -> None:
        current = self._current()
        if current is None:
            return
        keep, other = self._sides(current)
        self._merge(keep.id, other.id, keep.display_name)

    def _merge(self, keep_id: int, other_id: int, name: str) -> None:
        self.run_service(merge_contacts, self.app.store, keep_id, other_id, self.app.clock,
                         done=lambda _: self._done(f"Merged into {name}. Press u to undo."))

    def _done(self, message: str) -> None:
        self.notify(message)
        self.app.notify_data_changed()

    def action_swap(self) -> None:
        current = self._current()
        if current is not None:
            self.swapped ^= {self._key(current)}
            self._show(self.pairs + [], self.can_undo)

    def action_skip(self) -> None:
        current = self._current()
        if current is not None:
            self.skipped.add(self._key(current))
            self._show(self.pairs, self.can_undo)

    def action_undo(self) -> None:
        self._undo()

    def _undo(self) -> None:
        self.run_service(undo_latest_merge, self.app.store, self.app.clock, done=self._undone)

    def _undone(self, undone: bool) -> None:
        if undone:
            self._done("Merge undone: both records are back as they were.")
        else:
            self.notify("There is no merge to undo.")

    def action_open(self) -> None:
        current = self._current()
        if current is not None:
            self.app.open_contact(self._sides(current)[0].id)

    def action_back(self) -> None:
        self.app.pop_screen()
