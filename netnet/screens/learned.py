"""What I've learned, for one goal: every interview's lessons, call notes and answers, newest first."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from netnet.core.enums import Horizon, PlanKind, PlanStatus
from netnet.core.goals import plural
from netnet.core.lessons import GoalLessons, InterviewLessons, narrowed
from netnet.core.notes import query_words
from netnet.core.when import day_words
from netnet.data.lessons import goal_lessons
from netnet.screens.base import NetnetScreen
from netnet.widgets.note_list import NoteEntry, NoteList

EMPTY_TEXT = """\
[b]Nothing learned for this goal yet.[/b]

After an information interview tied to this goal (or to one of its targets),
what you learned in the wrap-up, the call notes with their time stamps and the
notes on each question gather here, newest first, with the plan items they gave.

  • in Interviews ([b]3[/b]), press [b]n[/b] to prepare one and pick this goal
  • press [b]Escape[/b] to go back to the goal
"""


def _label(enum, value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value


def interview_heading(item: InterviewLessons, today) -> str:
    """The heading of an interview's lines: "Maria Lindqvist · Harbour Health · Sun 22 Nov"."""
    parts = [item.person or "Someone no longer in your network"]
    if item.organisation:
        parts.append(item.organisation)
    if item.when is not None:
        parts.append(day_words(item.when, today))
    if item.status == "live":
        parts.append("call under way")
    return " · ".join(parts)


def entries_of(interviews: list[InterviewLessons], today) -> tuple[list[NoteEntry], list[InterviewLessons]]:
    """The list's entries, and the interview each one belongs to (same order)."""
    entries: list[NoteEntry] = []
    owners: list[InterviewLessons] = []
    for item in interviews:
        heading = interview_heading(item, today)
        rows: list[NoteEntry] = []
        rows += [NoteEntry(text, "Learned") for text in item.lessons]
        rows += [NoteEntry(line.text, f"[{line.stamp}]" if line.own else "") for line in item.call_notes]
        for question in item.questions:
            for number, line in enumerate(question.lines):
                dim = f"{question.text}\u00a0— " if number == 0 else ""  # the dash stays with the question
                rows.append(NoteEntry(line.text, f"Q{question.number}" if number == 0 else "", dim=dim))
        rows += [NoteEntry(f"{plan.text} ({_label(PlanKind, plan.kind)}, {_label(Horizon, plan.horizon)}, "
                           f"{_label(PlanStatus, plan.status)})", "Plan") for plan in item.plan]
        for n, row in enumerate(rows):
            entries.append(NoteEntry(row.text, row.label, row.dim, heading=heading if n == 0 else ""))
            owners.append(item)
    return entries, owners


class LearnedScreen(NetnetScreen):
    """Everything the goal's interviews taught: lessons, stamped call notes, answers and plan items."""

    HOME_FOCUS = "#learned-list"  # keys go to the list (NetnetScreen)

    TITLE = "What I've learned"
    DEFAULT_CSS = """
    LearnedScreen #learned-head { height: auto; padding: 0 1; }
    LearnedScreen #learned-search { height: 3; }
    LearnedScreen #learned-empty { height: auto; padding: 1 2; }
    """
    HELP = """
# What I've learned

Everything the interviews for this goal gave: what you learned (from each
wrap-up), the call notes line by line with the time stamps F6 wrote, the notes
on each question, and the plan items that came from them. Each interview is a
heading (the person, their organisation, the day), newest first.

- **/**: search within, as you type (accents and case do not matter; every
  word must begin a word); **Escape** clears the search
- **Enter**: open the interview's notes and wrap-up (a call under way: the person)
- **o**: open the person
- **Escape**: back to the goal
"""

    BINDINGS = [
        Binding("slash", "search", "Search", tooltip="Search within what was learned, as you type",
                id="learned.search", priority=True),
        Binding("o", "open_person", "Person", tooltip="Open the person this was learned from",
                id="learned.person"),
        Binding("escape", "back", "Back", tooltip="Clear the search, or go back to the goal", id="learned.back"),
    ]
    PALETTE_NAMES = {"search": "Search what I've learned", "open_person": "Open the person it came from",
                     "back": "Back to the goal"}

    def __init__(self, goal_id: int) -> None:
        super().__init__()
        self.goal_id = goal_id
        self.lessons: GoalLessons | None = None
        self.owners: list[InterviewLessons] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="learned-body"):
            yield Static("Reading the notes…", id="learned-head")
            yield Input(placeholder="Search what you learned: a word, a name, a place…", id="learned-search")
            yield NoteList(id="learned-list")
            yield Static(EMPTY_TEXT, id="learned-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#learned-search").display = False
        self.query_one("#learned-empty").display = False
        self.query_one(NoteList).focus()
        self.load()
        self.app.data_changed.subscribe(self, lambda _: self.load())

    @work(thread=True, exclusive=True, group="learned-load", exit_on_error=False)
    def load(self) -> None:
        worker = get_current_worker()
        lessons = goal_lessons(self.app.store, self.goal_id)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._loaded, lessons)

    def _loaded(self, lessons: GoalLessons | None) -> None:
        if lessons is None:
            self.app.notify("That goal no longer exists.", severity="warning")
            self.dismiss()
            return
        self.lessons = lessons
        self.sub_title = lessons.title
        self._fill()

    @property
    def query_text(self) -> str:
        return self.query_one("#learned-search", Input).value

    def _fill(self) -> None:
        if self.lessons is None:
            return
        listing = self.query_one(NoteList)
        words = query_words(self.query_text)
        shown = narrowed(self.lessons.interviews, words)
        at = listing.current
        keep = (self.owners[at].interview_id, listing.entries[at].label, listing.entries[at].text) \
            if at is not None and at < len(self.owners) else None
        entries, self.owners = entries_of(shown, self.app.clock.today())
        # The cursor stays on the same line, or on its interview's first when that line is gone.
        places = [(owner.interview_id, entry.label, entry.text) for owner, entry in zip(self.owners, entries,
                                                                                        strict=True)]
        index = places.index(keep) if keep in places else next(
            (n for n, place in enumerate(places) if keep and place[0] == keep[0]), None)
        listing.set_entries(entries, words, keep=index)
        counts = self.lessons.counts()
        head = f"{self.lessons.title}\n" + (" · ".join([
            plural(counts["interviews"], "interview"), plural(counts["lessons"], "lesson"),
            plural(counts["call_notes"], "call note"), plural(counts["answers"], "answer"),
            plural(counts["plan"], "plan item")]) if counts["interviews"] else "no interviews with notes yet")
        if words:
            found = len({owner.interview_id for owner in self.owners})
            head += (f"\n{plural(len(entries), 'line')} from {plural(found, 'interview')} match “{self.query_text.strip()}”"
                     if entries else f"\nNothing here matches “{self.query_text.strip()}”: Escape clears the search.")
        self.query_one("#learned-head", Static).update(head)
        empty = not self.lessons.interviews
        self.query_one("#learned-empty").display = empty
        listing.display = not empty
        self.refresh_bindings()

    # -- keys ---------------------------------------------------------------
    def check_action(self, action: str, parameters) -> bool | None:
        if action == "open_person" and self.is_mounted:
            owner = self._owner()
            return True if owner is not None and owner.contact_id is not None else None
        if action == "search" and self.is_mounted and self.lessons is not None and not self.lessons.interviews:
            return None
        return True

    def disabled_reason(self, action: str) -> str | None:
        if action == "open_person" and self._owner() is not None:
            return "That person is no longer in your network."
        if action == "search":
            return "Nothing to search yet: no interview for this goal holds notes."
        return super().disabled_reason(action)

    def _owner(self) -> InterviewLessons | None:
        listing = self.query_one(NoteList)
        index = listing.current
        return self.owners[index] if index is not None and index < len(self.owners) else None

    @on(NoteList.Highlighted)
    def _moved(self) -> None:
        self.refresh_bindings()

    def action_search(self) -> None:
        search = self.query_one("#learned-search", Input)
        if self.focused is search:
            search.insert_text_at_cursor("/")  # "/" typed inside a search
            return
        search.display = True
        self.set_focus(search)

    @on(Input.Changed, "#learned-search")
    def _typed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#learned-search")
    def _submitted(self) -> None:
        self.query_one(NoteList).focus()

    def action_back(self) -> None:
        search = self.query_one("#learned-search", Input)
        if search.value or self.focused is search:
            search.value = ""
            search.display = False
            self.query_one(NoteList).focus()
            self._fill()
            return
        self.dismiss()

    @on(NoteList.Chosen)
    def _chosen(self, event: NoteList.Chosen) -> None:
        owner = self.owners[event.index] if event.index < len(self.owners) else None
        if owner is None:
            return
        if owner.status == "done":
            from netnet.screens.wrapup import WrapupScreen

            self.app.push_screen(WrapupScreen(owner.interview_id))
        elif owner.contact_id is not None:
            self.app.open_contact(owner.contact_id)

    def action_open_person(self) -> None:
        owner = self._owner()
        if owner is not None and owner.contact_id is not None:
            self.app.open_contact(owner.contact_id)
