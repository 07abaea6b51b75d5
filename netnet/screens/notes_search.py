"""Who told me about X? One search across every note, as you type."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from netnet.core.goals import plural
from netnet.core.notes import NoteMatch, query_words
from netnet.core.when import day_words
from netnet.data.notes_search import NotesFound, search_notes
from netnet.screens.base import NetnetScreen
from netnet.widgets.note_list import NoteEntry, NoteList

SHOWN = 200  # the newest lines shown per key typed; `netnet notes` prints every one
FIRST_LETTERS = 2  # a single letter begins a word in nearly every note: the search waits for a second

HINT = ("Type a word, a name, a place or a topic: every call note, answer, lesson and logged call or "
        "meeting that holds it, newest first. Accents and case do not matter.")


def match_entry(match: NoteMatch, today) -> NoteEntry:
    """A match as two lines or more: the day, the person and where it is written, then the line."""
    parts = [day_words(match.when, today) if match.when is not None else "no date",
             match.person or "someone no longer in your network", match.where_words]
    return NoteEntry(match.line, head=" · ".join(parts))


class NotesSearchScreen(NetnetScreen):
    """Every line of notes holding the words typed, newest first."""

    TITLE = "Who told me…"
    AUTO_FOCUS = "#notes-query"
    DEFAULT_CSS = """
    NotesSearchScreen #notes-query { height: 3; }
    NotesSearchScreen #notes-status { height: auto; padding: 0 1; color: $text-muted; }
    """
    HELP = """
# Who told me…

One search across every note: the call notes of each interview (with their
time stamps), the notes on each question, the lessons of each wrap-up, and the
notes logged on everyone's timeline. Type a word, a name, a place or a topic:
accents and case do not matter, and every word must begin a word of the line.
The newest lines come first; from the command line, `netnet notes WORDS` prints
every one.

- **↑ ↓ PgUp PgDn**: move through the lines found, while typing
- **Enter**: open the interview the line comes from (its notes and wrap-up),
  or the person for a logged call or meeting
- **Ctrl+O**: open the person who said it
- **Tab**: from the search to the list and back
- **Escape**: clear the search, or go back
"""

    BINDINGS = [
        Binding("down", "move(1)", "Down", show=False, tooltip="The next line found", id="notes.down"),
        Binding("up", "move(-1)", "Up", show=False, tooltip="The line found before", id="notes.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, tooltip="One screenful of lines down",
                id="notes.pagedown"),
        Binding("pageup", "page(-1)", "Page up", show=False, tooltip="One screenful of lines up",
                id="notes.pageup"),
        # Priority: Enter opens the line found whether the search or the list has the keys.
        Binding("enter", "open", "Open", tooltip="Open the interview the line comes from, or the person",
                id="notes.open", priority=True),
        Binding("ctrl+o", "open_person", "Person", tooltip="Open the person who said it", id="notes.person"),
        Binding("escape", "back", "Back", tooltip="Clear the search, or go back", id="notes.back"),
    ]
    PALETTE_NAMES = {"open": "Open where the line was written", "open_person": "Open the person who said it",
                     "back": "Clear the search or go back"}

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self.found = NotesFound()
        self.shown_query = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="notes-body"):
            yield Input(self.initial, placeholder="Who told me about… (a word, a name, a place)", id="notes-query")
            yield Static(HINT, id="notes-status")
            yield NoteList(label_width=2, id="notes-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#notes-query", Input).focus()
        self.app.data_changed.subscribe(self, lambda _: self._search(self.query_text))
        if self.initial:
            self._search(self.initial)

    @property
    def query_text(self) -> str:
        return self.query_one("#notes-query", Input).value

    # -- searching ----------------------------------------------------------
    @on(Input.Changed, "#notes-query")
    def _typed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def _search(self, query: str) -> None:
        words = query_words(query)
        if sum(len(word) for word in words) < FIRST_LETTERS:
            self.workers.cancel_group(self, "notes-search")
            self.show_found(query, NotesFound(words=words))
            return
        self.run_search(query)

    @work(thread=True, exclusive=True, group="notes-search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        worker = get_current_worker()
        found = search_notes(self.app.store, query, limit=SHOWN)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_found, query, found)

    def show_found(self, query: str, found: NotesFound) -> None:
        """Draw what the search for ``query`` found (the list keeps only what is on screen)."""
        if query != self.query_text:
            return  # typed on meanwhile: the newer search draws
        before = self._current() if query == self.shown_query else None  # the same search again: stay put
        self.found = found
        self.shown_query = query
        today = self.app.clock.today()
        listing = self.query_one(NoteList)
        keep = next((n for n, match in enumerate(found.matches) if match == before), None)
        listing.set_entries([match_entry(match, today) for match in found.matches], found.words, keep=keep)
        said = query.strip()
        if not found.words:
            status = HINT
        elif sum(len(word) for word in found.words) < FIRST_LETTERS:
            status = "One more letter: a single letter begins a word in nearly every note."
        elif not found.matches:
            status = f"No note holds “{said}”. Try fewer words, or the beginning of a word."
        elif found.complete:
            people = len({(m.contact_id, m.person) for m in found.matches})
            status = (f"{plural(len(found.matches), 'line')} from {plural(people, 'person', 'people')} "
                      f"hold “{said}”, newest first.")
        else:
            status = (f"The newest {len(found.matches)} lines that hold “{said}”; type more to narrow, "
                      f"or run netnet notes {said} for every one.")
        self.query_one("#notes-status", Static).update(status)
        self.refresh_bindings()

    # -- keys ---------------------------------------------------------------
    def _current(self) -> NoteMatch | None:
        index = self.query_one(NoteList).current
        return self.found.matches[index] if index is not None and index < len(self.found.matches) else None

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("open", "open_person") and self.is_mounted:
            match = self._current()
            if match is None:
                return None
            if action == "open_person" and match.contact_id is None:
                return None
        return True

    def disabled_reason(self, action: str) -> str | None:
        if action in ("open", "open_person"):
            if self._current() is None:
                return "Nothing found yet: type a word first."
            return "That person is no longer in your network."
        return super().disabled_reason(action)

    @on(NoteList.Highlighted)
    def _moved(self) -> None:
        self.refresh_bindings()

    def action_move(self, delta: int) -> None:
        self.query_one(NoteList).cursor += delta

    def action_page(self, direction: int) -> None:
        self.query_one(NoteList).action_page(direction)

    @on(NoteList.Chosen)
    def _chosen(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        match = self._current()
        if match is None:
            return
        if match.interview_id is not None and match.interview_done:
            from netnet.screens.wrapup import WrapupScreen

            self.app.push_screen(WrapupScreen(match.interview_id))
        elif match.contact_id is not None:
            self.app.open_contact(match.contact_id)
        else:
            self.app.notify("That person is no longer in your network.", severity="warning")

    def action_open_person(self) -> None:
        match = self._current()
        if match is not None and match.contact_id is not None:
            self.app.open_contact(match.contact_id)

    def action_back(self) -> None:
        search = self.query_one("#notes-query", Input)
        if search.value:
            search.value = ""
            search.focus()
            return
        self.dismiss()
