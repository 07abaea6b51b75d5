"""The Follow-ups section: everything owed to the network, most urgent first."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from netnet.core.enums import Want
from netnet.core.urgency import Group
from netnet.core.when import day_words
from netnet.data import followups as service
from netnet.data.contacts import person_choices
from netnet.data.followups import FollowupError, FollowupInput, FollowupItem, Outcome, UndoRecord
from netnet.screens.base import NetnetScreen
from netnet.screens.followup_dialogs import (
    DraftScreen,
    FollowupDialog,
    FollowupValues,
    SnoozeDialog,
    default_draft_path,
    drop_dialog,
)
from netnet.widgets.followup_list import FollowupList

EMPTY_TEXT = """\
[b]Nothing is owed right now.[/b] The queue fills itself as you go:

  • a thank-you after each information interview
  • when a referral ask goes unanswered: ask the next person, then one nudge
  • check-ins with people who have a circle or a keep-in-touch interval
    (set one on a contact)
  • your own reminders: press [b]a[/b] to add one
"""


@dataclass
class Loaded:
    items: list[FollowupItem]


# What the order within each group means, said on the status line (F1 has the whole rule).
ORDER_WORDS = "most urgent first: thank-yous and asks before check-ins"


class FollowupsScreen(NetnetScreen):
    """The follow-up queue, grouped Overdue / Today / This week / Later."""

    HOME_FOCUS = "#followups-list"  # keys go to the list (NetnetScreen)

    TITLE = "Follow-ups"
    DEFAULT_CSS = """
    #followups-status { height: auto; max-height: 2; padding: 0 1; color: $text-muted; }
    #followups-empty { padding: 1 2; height: auto; }
    #followups-detail {
        height: 5;
        padding: 0 1;
        border-top: solid $primary;
        background: $boost;
    }
    """
    HELP = """
# Follow-ups

Everything you owe your network, grouped **Overdue**, **Today**, **This week**
(the next seven days) and **Later**, the most urgent first. Urgency weighs how
late an item is, its kind (a thank-you before a check-in), how much the person
matters to an active goal (NEED before LIKE) and connectors.

A check-in is due once the ideal keep-in-touch interval has passed and overdue
past the maximum, the same words as the contact list. News brings two more:
a congratulation (*check-in: new job*), due two days after an import showed
that someone who matters to you changed jobs, and a birthday greeting
(*check-in: birthday*) for people in a circle, from a few days before the day
(**F2** sets how many, or turns it off). Both draft their message, and done
restarts the person's clock like any check-in.

- **d**: done (noted on the person's timeline; a check-in restarts their clock)
- **s**: snooze (tomorrow, next week, or a day typed as text)
- **x**: drop (asks first): a to-do added by mistake or that no longer matters
  leaves the queue; a dropped check-in stays away until you are next in touch
- **u**: undo the last done, snooze or drop made here (again for the one before)
- **e**: edit · **a**: add a follow-up of your own
- **m** or **Enter**: the message to send (thank-you, nudge, check-in)
- **c**: copy the message · **w**: save it to a file
- **o**: open the person
"""

    BINDINGS = [
        Binding("d", "done", "Done", tooltip="Mark done and note it on the person's timeline",
                id="followups.done"),
        Binding("s", "snooze", "Snooze", tooltip="Hide until tomorrow, next week or a day you type",
                id="followups.snooze"),
        Binding("x", "drop", "Drop", tooltip="Take this follow-up out of the queue (asks first)",
                id="followups.drop"),
        Binding("u", "undo", "Undo", tooltip="Undo the last done, snooze or drop made here",
                id="followups.undo"),
        Binding("e", "edit", "Edit", tooltip="Change the title, due day or message", id="followups.edit"),
        Binding("a", "add", "Add", tooltip="Add a follow-up of your own", id="followups.add"),
        Binding("m", "message", "Message", tooltip="Show the message to send (thank-you, nudge, check-in)",
                id="followups.message"),
        Binding("o", "open_contact", "Person", tooltip="Open the person this follow-up is about",
                id="followups.open"),
        Binding("c", "copy_message", "Copy message", show=False,
                tooltip="Copy the message to the clipboard (it is shown as well)", id="followups.copy"),
        Binding("w", "save_message", "Save message to file", show=False,
                tooltip="Write the message to a file only you can read", id="followups.save"),
        Binding("slash", "search", "Search", show=False, id="followups.search",
                tooltip="Search is in Contacts: press 1, then /"),
    ]
    PALETTE_NAMES = {"drop": "Delete or remove follow-up (drop)", "done": "Mark follow-up done",
                     "snooze": "Snooze follow-up", "undo": "Undo the last done, snooze or drop",
                     "edit": "Edit follow-up", "add": "Add a follow-up", "message": "Show the message to send",
                     "open_contact": "Open the person"}

    def __init__(self) -> None:
        super().__init__()
        self.item: FollowupItem | None = None
        self.loaded_once = False
        self.leaving_key: str | None = None  # done, snoozed or dropped: the next item takes its place
        self.returning_key: str | None = None  # undone: the cursor goes to it once it is back
        self.undo_stack: list[UndoRecord] = []  # this session's done, snooze and drop, the last one last
        self.fresh_visit = True  # the next load starts on the most urgent row (the top)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="followups-body"):
            yield Static("Loading the queue…", id="followups-status")
            yield FollowupList(id="followups-list")
            yield Static(EMPTY_TEXT, id="followups-empty")
            yield Static("", id="followups-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#followups-empty").display = False
        self.query_one(FollowupList).focus()
        self.load()
        self.app.data_changed.subscribe(self, lambda _: self.load())

    def on_screen_suspend(self) -> None:
        # Left for another section (not a dialog or a person's page on top of the queue):
        # coming back, the highlight starts on the most urgent row again.
        self.fresh_visit = self not in self.app.screen_stack

    def on_screen_resume(self) -> None:
        if self.loaded_once:
            self.load()  # the day may have turned, or another section added something

    # -- loading ------------------------------------------------------------
    @work(thread=True, exclusive=True, group="followups-load", exit_on_error=False)
    def load(self) -> None:
        worker = get_current_worker()
        items = service.list_queue(self.app.store, self.app.clock, self.app.settings)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, Loaded(items))

    def _show(self, loaded: Loaded) -> None:
        self.loaded_once = True
        table = self.query_one(FollowupList)
        keep = table.current.key if table.current else None
        if self.fresh_visit:
            keep, self.fresh_visit = None, False
            table.cursor = 0  # the most urgent first
        if keep is not None and keep == self.leaving_key:
            keep = None  # stay at the same place in the list
        if self.returning_key is not None and any(item.key == self.returning_key for item in loaded.items):
            keep, self.returning_key = self.returning_key, None
        table.set_items(loaded.items, keep_key=keep)
        if table.current is None or table.current.key != self.leaving_key:
            self.leaving_key = None  # this load shows the change
        empty = not loaded.items
        self.query_one("#followups-empty").display = empty
        table.display = not empty
        self.query_one("#followups-detail").display = not empty
        overdue = sum(1 for item in loaded.items if item.group is Group.OVERDUE)
        today = sum(1 for item in loaded.items if item.group is Group.TODAY)
        parts = [f"‼ {overdue} overdue" if overdue else "nothing overdue", f"{today} due today",
                 f"{len(loaded.items)} in all", ORDER_WORDS]
        self.query_one("#followups-status", Static).update(" · ".join(parts))
        self._describe(table.current)

    # -- the selected item ----------------------------------------------------
    @on(FollowupList.Highlighted)
    def _highlighted(self, event: FollowupList.Highlighted) -> None:
        self._describe(event.item)

    def _describe(self, item: FollowupItem | None) -> None:
        self.item = item
        detail = self.query_one("#followups-detail", Static)
        self.refresh_bindings()
        if item is None:
            detail.update("")
            return
        today = self.app.clock.today()
        due = day_words(item.due, today)
        facts = [item.group.label, item.kind_label, f"due {due}" if item.when.startswith(due) or
                 item.when.startswith("due ") else f"due {due} ({item.when})"]
        if item.snoozed_until and item.original_due:
            facts[-1] = f"snoozed to {due} (was due {day_words(item.original_due, today)})"
        if item.contact_name:
            facts.append(("★ connector " if item.connector else "") + item.contact_name)
        if item.want:
            facts.append(Want(item.want).label)
        first = ("‼ " if item.overdue else "") + " · ".join(facts)
        if item.draft.strip():
            message = "Message: " + " ".join(item.draft.split())
        elif item.has_message:
            message = "Message: press m and netnet drafts one for you."
        elif item.kind == "interview":
            message = "Prepare and hold it in the Interviews section."
        else:
            message = "Something to do; press d when it is done."
        detail.update(f"{item.title}\n{first}\n{message}")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search":
            return None  # dimmed; pressing it says where searching is
        item = self.item
        if action == "undo":
            return True if self.undo_stack else None  # greyed out: nothing to undo
        if action == "drop":
            return None if item is None else True
        if action in ("done", "snooze", "edit", "message", "copy_message", "save_message", "open_contact"):
            if item is None:
                return False
            if action in ("snooze", "edit") and not item.editable:
                return False
            if action in ("message", "copy_message", "save_message") and not item.has_message:
                return False
            if action == "open_contact" and item.contact_id is None:
                return False
        return True

    # -- actions ------------------------------------------------------------
    UNDO_DEPTH = 50

    def _apply(self, fn, *args) -> None:
        """A done, snooze, drop or undo: its sentence said, how to undo it kept, every view refreshed."""
        self.run_service(fn, *args, done=self._applied)

    def _applied(self, result: str | Outcome) -> None:
        if isinstance(result, Outcome):
            self._remember(result.undo)
            result = result.message
        self.written(result)

    def _remember(self, record: UndoRecord | None) -> None:
        if record is not None:
            self.undo_stack = [*self.undo_stack, record][-self.UNDO_DEPTH:]
            self.refresh_bindings()

    def action_done(self) -> None:
        item = self.item
        if item is not None:
            self.leaving_key = item.key
            self._apply(service.apply_done, self.app.store, item, self.app.clock)

    def action_snooze(self) -> None:
        item = self.item
        if item is None or not item.editable:
            return

        store, clock = self.app.store, self.app.clock
        said: list[Outcome] = []

        def save(day) -> None:
            """Runs through the dialog's run_service: a failed write keeps the dialog open."""
            said.append(service.apply_snooze(store, item, day, clock))

        def chosen(day) -> None:
            if day is not None and said:
                self.leaving_key = item.key
                self._applied(said[-1])

        self.app.push_screen(SnoozeDialog(item.title, clock.today(), self._weekend(), key=item.key, on_save=save),
                             chosen)

    def action_drop(self) -> None:
        item = self.item
        if item is None:
            return
        if item.source == "interview":  # nothing to ask: the service says where to cancel it
            self._apply(service.apply_drop, self.app.store, item, self.app.clock)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.leaving_key = item.key
                self._apply(service.apply_drop, self.app.store, item, self.app.clock)

        self.app.push_screen(drop_dialog(item.title), answered)

    def action_undo(self) -> None:
        if not self.undo_stack:
            return
        *self.undo_stack, record = self.undo_stack
        self.refresh_bindings()
        self.returning_key = record.key
        self._apply(service.undo, self.app.store, record, self.app.clock)

    def _weekend(self) -> tuple[int, ...]:
        return tuple(self.app.settings.weekend_days)

    def action_edit(self) -> None:
        item = self.item
        if item is None or not item.editable:
            return
        self._open_edit(item, item.draft)

    def _open_edit(self, item: FollowupItem, draft: str) -> None:
        """The edit dialog; its save is refused if the follow-up changed or closed meanwhile (it asks)."""
        store, clock = self.app.store, self.app.clock

        def save(values: FollowupValues) -> str:
            return service.update_followup(store, item, values.title, values.due, values.draft, clock,
                                           expected_version=dialog.version)

        values = FollowupValues(item.title, item.due, draft, item.kind)
        dialog = FollowupDialog(f"Edit: {item.kind_label}", values, clock.today(), self._weekend(), save,
                                key=item.key, version=item.version)
        self.app.push_screen(dialog, self._dialog_closed)

    def action_add(self) -> None:
        self._open_add()

    @work(thread=True, exclusive=True, group="followups-names", exit_on_error=False)
    def _open_add(self) -> None:
        names = person_choices(self.app.store)
        self.app.call_from_thread(self._show_add, names)

    def _show_add(self, names: list[tuple[int, str]]) -> None:
        store, clock = self.app.store, self.app.clock
        item = self.item
        person = item.contact_name if item is not None and item.contact_id is not None else ""

        def save(values: FollowupValues) -> str:
            contact_id = values.contact_id if values.contact_id is not None else \
                service.find_contact_by_name(store, values.contact_name)
            new_id = service.add_followup(store, FollowupInput(kind=values.kind, title=values.title,
                                                               due=values.due, draft=values.draft,
                                                               contact_id=contact_id), clock)
            self.returning_key = f"f{new_id}"  # the cursor goes to it once it is listed
            return "Added to the queue."

        values = FollowupValues("", clock.today(), "", "manual", person)
        self.app.push_screen(
            FollowupDialog("Add a follow-up", values, clock.today(), self._weekend(), save, adding=True,
                           names=names),
            self._dialog_closed)

    def _dialog_closed(self, message: str | None) -> None:
        if message:
            self.written(message)

    def action_open_contact(self) -> None:
        item = self.item
        if item is not None and item.contact_id is not None:
            self.app.open_contact(item.contact_id)

    @on(FollowupList.Chosen)
    def _chosen(self, event: FollowupList.Chosen) -> None:
        if event.item.has_message:
            self._open_draft(event.item)
        elif event.item.contact_id is not None:
            self.action_open_contact()

    def action_message(self) -> None:
        if self.item is not None and self.item.has_message:
            self._open_draft(self.item)

    def action_copy_message(self) -> None:
        if self.item is not None and self.item.has_message:
            self._open_draft(self.item, copy=True)

    def action_save_message(self) -> None:
        if self.item is not None and self.item.has_message:
            self._open_draft(self.item, save=True)

    @work(thread=True, exclusive=True, group="followups-draft", exit_on_error=False)
    def _open_draft(self, item: FollowupItem, copy: bool = False, save: bool = False) -> None:
        try:
            draft = service.get_draft(self.app.store, item, self.app.clock)
        except FollowupError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="warning")
            return
        self.app.call_from_thread(self._show_draft, item, draft, copy, save)

    def _show_draft(self, item: FollowupItem, draft: service.Draft, copy: bool, save: bool) -> None:
        path = default_draft_path(draft.contact_name, draft.title, self.app.clock.today())

        def closed(result: str | None) -> None:
            if result == "edit":
                self._edit_with_draft(item, draft.text)

        self.app.push_screen(DraftScreen(draft.title, draft.text, draft.generated, path, copy_now=copy,
                                         save_at_open=save, editable=item.editable), closed)

    def _edit_with_draft(self, item: FollowupItem, text: str) -> None:
        self._open_edit(item, text)
