"""The Interviews section: calls under way, drafts, scheduled and finished interviews."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from netnet.core.enums import Format, Purpose
from netnet.core.when import day_words
from netnet.data import interviews as svc
from netnet.data.interviews import InterviewRow
from netnet.screens.base import NetnetScreen

STATUS_WORDS = {
    "live": "● on the call",
    "draft": "✎ draft",
    "scheduled": "◷ scheduled",
    "done": "✓ done",
    "cancelled": "✗ cancelled",
}

EMPTY_TEXT = """\
[b]No information interviews yet.[/b] An information interview is a short
one-on-one conversation (about fifteen minutes) to learn from someone.

  • press [b]n[/b] to prepare one: the person, the purpose, then the questions
  • press [b]c[/b] when the phone is already ringing: the call starts at once
  • from a shell:  [b]netnet call "Their Name"[/b]
"""


class InterviewsScreen(NetnetScreen):
    """Every information interview, with keys to prepare, call and read notes."""

    HOME_FOCUS = "#interviews-table"  # keys go to the list (NetnetScreen)

    TITLE = "Interviews"
    HELP = """
# Interviews

Calls under way come first, then drafts, scheduled interviews (soonest
first) and finished ones (latest first). Times are shown in local time.

- **n**: prepare a new interview (the wizard)
- **e**: edit the selected draft or scheduled interview in the wizard
- **s**: start the call for the selected interview (or resume one under way)
- **c**: call now: pick or name a person and start at once
- **o**: open the notes and wrap-up of a finished interview
- **Enter**: the natural next step for the selected row
- **x**: remove: cancel a draft or scheduled interview, or delete a finished
  one with its notes and its thank-you not yet sent (asks first)
- **w**: who told me…: one search across every call note, answer, lesson and
  logged call or meeting (also `netnet notes WORDS`)

A key that does not fit the selected interview is dimmed in the footer and
says why when pressed.
"""

    BINDINGS = [
        Binding("n", "new", "Prepare", tooltip="Prepare a new information interview", id="interviews.new"),
        Binding("e", "edit", "Edit", tooltip="Resume the wizard for this draft or scheduled interview",
                id="interviews.edit"),
        Binding("s", "start", "Start call", tooltip="Start (or resume) the call for this interview",
                id="interviews.start"),
        Binding("c", "call_now", "Call now", tooltip="The phone is ringing: start a call at once",
                id="interviews.call-now"),
        Binding("o", "open_notes", "Notes", tooltip="Open the notes and wrap-up of a finished interview",
                id="interviews.notes"),
        Binding("x", "remove", "Remove", tooltip="Cancel a draft or scheduled interview; delete a finished one "
                "(asks first)", id="interviews.remove"),
        Binding("w", "who_told_me", "Who told me…", tooltip="Search every note at once: call notes, answers, "
                "lessons and logged calls or meetings", id="interviews.who-told-me"),
        Binding("slash", "search", "Search", show=False, id="interviews.search",
                tooltip="Search is in Contacts: press 1, then /"),
    ]
    PALETTE_NAMES = {"remove": "Delete or remove interview (cancel a draft)", "new": "Prepare an interview",
                     "edit": "Edit interview", "start": "Start the call", "call_now": "Call now",
                     "open_notes": "Open interview notes", "who_told_me": "Who told me about… (search every note)"}

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[InterviewRow] = []
        self.focus_id: int | None = None  # the row to select after the next load

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="interviews-status")
        yield DataTable(id="interviews-table", cursor_type="row", zebra_stripes=True)
        yield Static(EMPTY_TEXT, id="interviews-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Status", key="status", width=14)
        table.add_column("With", key="with", width=20)
        table.add_column("When (local)", key="when", width=15)
        table.add_column("Qs", key="qs", width=5)
        # the rest of the width (cells are padded by one on each side; room for a scrollbar)
        table.add_column("Purpose", key="purpose", width=max(16, self.app.size.width - 14 - 20 - 15 - 5 - 10 - 2))
        self.query_one("#interviews-empty").display = False
        table.focus()
        self.load()
        self.app.data_changed.subscribe(self, lambda _: self.load())

    @work(thread=True, exclusive=True, group="interviews-load", exit_on_error=False)
    def load(self) -> None:
        rows = svc.list_interviews(self.app.store)
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[InterviewRow]) -> None:
        table = self.query_one(DataTable)
        keep = self.focus_id or (self.selected.id if self.selected else None)
        self.focus_id = None
        self.rows = rows
        table.clear()
        for row in rows:
            when = day_words(row.when, self.app.clock.today(), time=True) if row.when else "not set"
            purpose = Purpose(row.purpose).label if row.purpose != "own_words" or not row.purpose_text \
                else row.purpose_text
            table.add_row(STATUS_WORDS.get(row.status, row.status), row.contact_name or "(nobody yet)", when,
                          f"{row.answered}/{row.questions}", Text(f"{Format(row.format).label}: {purpose}"),
                          key=str(row.id), height=None)  # the purpose wraps at 80 columns, never cut
        empty = not rows
        table.display = not empty
        self.query_one("#interviews-empty").display = empty
        counts = {s: sum(r.status == s for r in rows) for s in STATUS_WORDS}
        parts = [f"{counts[s]} {STATUS_WORDS[s].split(' ', 1)[1]}" for s in ("live", "draft", "scheduled", "done")
                 if counts[s]]
        self.query_one("#interviews-status", Static).update(" · ".join(parts) or "Nothing here yet.")
        if keep is not None:
            for index, row in enumerate(rows):
                if row.id == keep:
                    table.move_cursor(row=index)
                    break

    @property
    def selected(self) -> InterviewRow | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    # -- actions ------------------------------------------------------------
    def check_action(self, action: str, parameters) -> bool | None:
        if action == "search":
            return None  # dimmed; pressing it says where searching is
        if action not in ("edit", "start", "open_notes", "remove"):
            return True
        row = self.selected if self.is_mounted else None
        if row is None:
            return False
        return True if self.disabled_reason(action) is None else None

    def disabled_reason(self, action: str) -> str | None:
        if action == "search":
            return super().disabled_reason(action)
        row = self.selected if self.is_mounted else None
        if row is None:
            return None
        done = row.status in ("done", "cancelled")
        if action == "edit" and row.status not in ("draft", "scheduled"):
            return ("This call is under way: press s to go back to it." if row.status == "live" else
                    "A finished interview is not edited: press o for its notes and wrap-up, x to delete it.")
        if action == "start" and done:
            return "This call is over: press o for its notes and wrap-up."
        if action == "open_notes" and row.status != "done":
            return ("Notes come with the call: press s to start it." if row.status != "live" else
                    "This call is under way: press s to go back to it.")
        if action == "remove" and row.status == "live":
            return "This call is under way: press s to go back to it, and F12 to end it first."
        return None

    @on(DataTable.RowHighlighted)
    def _moved(self) -> None:
        self.refresh_bindings()

    def action_new(self) -> None:
        from netnet.screens.prep import PrepScreen

        self.app.push_screen(PrepScreen(), self._wizard_closed)

    def action_edit(self) -> None:
        from netnet.screens.prep import PrepScreen

        row = self.selected
        if row and row.status in ("draft", "scheduled"):
            self.app.push_screen(PrepScreen(row.id), self._wizard_closed)

    def _wizard_closed(self, interview_id: int | None) -> None:
        if interview_id is not None:
            self.focus_id = interview_id
            self.load()

    def action_start(self) -> None:
        from netnet.screens.call import open_call

        row = self.selected
        if row and row.status in ("draft", "scheduled", "live"):
            open_call(self.app, row.id)

    def action_open_notes(self) -> None:
        from netnet.screens.wrapup import WrapupScreen

        row = self.selected
        if row and row.status == "done":
            self.app.push_screen(WrapupScreen(row.id))

    def action_who_told_me(self) -> None:
        self.app.open_notes_search()

    def action_call_now(self) -> None:
        from netnet.screens.prep import CallNowDialog

        self.app.push_screen(CallNowDialog(), self._call_now)

    def _call_now(self, interview_id: int | None) -> None:
        """The dialog created the call (a failed write kept it open); open it."""
        from netnet.screens.prep import start_quick_call

        if interview_id is not None:
            self.focus_id = interview_id  # back from the call, the cursor is on it
        start_quick_call(self.app, interview_id)

    def action_remove(self) -> None:
        from netnet.screens.dialogs import ConfirmDialog

        row = self.selected
        if not row or row.status == "live":
            return
        who = row.contact_name or "nobody yet"
        if row.status in ("draft", "scheduled"):
            def cancel(yes: bool | None) -> None:
                if yes:
                    self.run_service(svc.cancel_interview, self.app.store, self.app.clock, row.id,
                                     done=lambda _: self.written(f"Cancelled the interview with {who}."))

            self.app.push_screen(ConfirmDialog(f"Cancel the interview with {who}?", "Cancel it", "Keep it"), cancel)
            return

        def delete(yes: bool | None) -> None:
            if yes:
                self.run_service(svc.delete_interview, self.app.store, row.id,
                                 done=lambda _: self.written(f"Deleted the interview with {who}."))

        self.app.push_screen(ConfirmDialog(
            f"Delete the interview with {who}?", "Delete", "Keep it", danger=True,
            body="Its notes, the call on their timeline and its thank-you not yet sent go with it; "
                 "plan items it gave are kept."), delete)

    @on(DataTable.RowSelected)
    def _enter(self) -> None:
        row = self.selected
        if row is None:
            return
        if row.status == "done":
            self.action_open_notes()
        elif row.status == "live":
            self.action_start()
        else:
            self.action_edit()
