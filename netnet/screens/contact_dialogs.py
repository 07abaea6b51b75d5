"""Small dialogs of the Contacts section: log an interaction, pick a person, filter."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from netnet.core.enums import Circle
from netnet.core.validation import check_when
from netnet.data import contacts as contacts_service
from netnet.data.contacts import SORT_LABELS, ListQuery
from netnet.screens.base import NetnetModal
from netnet.screens.draftable import DraftableForm
from netnet.widgets.contact_table import ContactTable
from netnet.widgets.ticks import TickBox

# -- log an interaction ---------------------------------------------------------

# key, kind, label: the kinds a person logs by hand.
LOG_KINDS = [
    ("c", "call", "call"),
    ("m", "meeting", "meeting"),
    ("e", "email", "e-mail"),
    ("s", "message", "message (text, chat)"),
    ("k", "checkin", "check-in"),
    ("n", "note", "note"),
]


@dataclass
class LoggedInteraction:
    kind: str
    when: datetime
    notes: str


class LogInteractionScreen(DraftableForm, NetnetModal[LoggedInteraction | None]):
    """Log a call, meeting, e-mail, message or check-in in a few keystrokes."""

    HELP = """
# Log an interaction

Press the letter of the kind (**c** call, **m** meeting, **e** e-mail,
**s** message, **k** check-in, **n** note); the cursor jumps to the notes.
Type a few words and press **Enter**. *When* takes `today`, `yesterday`,
`3 days ago`, `2 weeks ago` or a date such as `2026-11-20`.

The keep-in-touch clock restarts at the latest interaction.
"""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Add this to the timeline", id="log.save"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without logging anything", id="log.cancel"),
    ] + [
        Binding(key, f"pick('{kind}')", label.split(" ")[0].capitalize(), show=False,
                tooltip=f"Log a {label}", id=f"log.kind-{kind}")
        for key, kind, label in LOG_KINDS
    ]

    DRAFT_KIND = "log-interaction"
    SAVE_ERROR_ID = "log-error"

    def __init__(self, name: str, today: date, *, contact_id: int | None = None) -> None:
        """With ``contact_id`` the dialog writes the interaction itself and stays open if that fails."""
        super().__init__(classes="netnet-dialog-screen")
        self.person = name
        self.today = today
        self.kind = "call"
        self.contact_id = contact_id
        if contact_id is not None:
            self.on_save = self._write

    def _write(self, result: LoggedInteraction) -> int:
        """Runs in the save worker's thread."""
        return contacts_service.log_interaction(self.app.store, self.contact_id, result.kind, self.app.clock,
                                                notes=result.notes, when=result.when)

    def draft_title(self) -> str:
        return f"Log an interaction with {self.person}"

    def draft_args(self) -> dict:
        return {"contact_id": self.contact_id, "name": self.person}

    def draft_extra(self) -> dict:
        return {"kind": self.kind}

    def restore_extra(self, extra: dict) -> None:
        kind = extra.get("kind")
        if isinstance(kind, str) and kind in {k for _, k, _ in LOG_KINDS}:
            self.action_pick(kind)

    def compose(self) -> ComposeResult:
        with Vertical(classes="netnet-dialog", id="log-dialog"):
            yield Static(f"[b]Log an interaction with {self.person}[/b]", classes="dialog-title", markup=True)
            yield OptionList(
                *[Option(f"[b]{key}[/b]  {label}", id=kind) for key, kind, label in LOG_KINDS],
                id="log-kind",
            )
            yield Label("Notes (Enter saves)")
            yield Input(placeholder="What did you talk about?", id="log-notes")
            yield Label("When")
            yield Input("today", id="log-when")
            yield Static("", id="log-error", classes="field-error")

    def on_mount(self) -> None:
        self.query_one("#log-kind", OptionList).highlighted = 0
        self.query_one("#log-kind").focus()

    def action_pick(self, kind: str) -> None:
        options = self.query_one("#log-kind", OptionList)
        options.highlighted = options.get_option_index(kind)
        self.kind = kind
        self.query_one("#log-notes").focus()

    @on(OptionList.OptionHighlighted, "#log-kind")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.kind = event.option.id

    @on(OptionList.OptionSelected, "#log-kind")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.action_pick(event.option.id)

    @on(Input.Changed, "#log-when")
    def _when_changed(self, event: Input.Changed) -> None:
        _when, error = check_when(event.value, self.today)
        self.query_one("#log-error", Static).update(f"✗ {error}" if error else "")

    @on(Input.Submitted)
    def action_save(self) -> None:
        day, error = check_when(self.query_one("#log-when", Input).value, self.today)
        if error or day is None:
            self.query_one("#log-error", Static).update(f"✗ {error}")
            self.query_one("#log-when").focus()
            return
        now = self.app.clock.now()
        when = now if day == now.astimezone().date() else datetime.combine(day, time(12, 0)).astimezone()
        self.finish(LoggedInteraction(self.kind, when, self.query_one("#log-notes", Input).value.strip()))

    def action_cancel(self) -> None:
        self.cancel_form()  # asks first when something was typed


# -- pick a person --------------------------------------------------------------

NOBODY = 0  # what the picker returns for "nobody: I know them myself"


class PickContactScreen(NetnetModal[int | None]):
    """Choose a person by typing part of a name. Returns an id, NOBODY, or None (cancelled)."""

    HELP = """
# Choose a person

Type part of a name, organisation or anything else you know about them, then
**Enter** to choose the highlighted person (↑ ↓ move).

- **Ctrl+X**: nobody (you know them yourself)
- **Escape**: change nothing
"""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Change nothing", id="pick.cancel"),
        Binding("ctrl+x", "nobody", "Nobody", tooltip="Nobody introduced them: you know them yourself",
                id="pick.nobody"),
        Binding("down", "move(1)", "Down", show=False, tooltip="Highlight the next person", id="pick.down"),
        Binding("up", "move(-1)", "Up", show=False, tooltip="Highlight the previous person", id="pick.up"),
    ]

    def __init__(self, title: str, *, exclude: int | None = None, allow_nobody: bool = True) -> None:
        super().__init__(classes="netnet-dialog-screen")
        self.title_text = title
        self.exclude = exclude
        self.allow_nobody = allow_nobody

    def compose(self) -> ComposeResult:
        with Vertical(classes="netnet-dialog", id="pick-dialog"):
            yield Static(f"[b]{self.title_text}[/b]", classes="dialog-title", markup=True)
            yield Input(placeholder="Type part of a name…", id="pick-search")
            yield ContactTable(clock=self.app.clock, id="pick-table")
            hint = "Enter chooses · Ctrl+X nobody · Escape cancels" if self.allow_nobody else \
                "Enter chooses · Escape cancels"
            yield Static(hint, classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#pick-search").focus()
        self.load("")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "nobody" and not self.allow_nobody:
            return False
        return True

    @work(thread=True, exclusive=True, group="pick-load", exit_on_error=False)
    def load(self, text: str) -> None:
        worker = get_current_worker()
        rows, _fuzzy = contacts_service.query_contacts(self.app.store, ListQuery(text=text))
        rows = [r for r in rows if r.id != self.exclude]
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, text, rows)

    def _show(self, text: str, rows) -> None:
        if text == self.query_one("#pick-search", Input).value:
            self.query_one(ContactTable).set_rows(rows)

    @on(Input.Changed, "#pick-search")
    def _changed(self, event: Input.Changed) -> None:
        self.load(event.value)

    def action_move(self, delta: int) -> None:
        self.query_one(ContactTable).cursor += delta

    @on(Input.Submitted, "#pick-search")
    def _submitted(self) -> None:
        chosen = self.query_one(ContactTable).current_id
        if chosen is not None:
            self.dismiss(chosen)

    @on(ContactTable.Opened)
    def _opened(self, event: ContactTable.Opened) -> None:
        event.stop()
        self.dismiss(event.contact_id)

    def action_nobody(self) -> None:
        self.dismiss(NOBODY)

    def action_cancel(self) -> None:
        self.dismiss(None)


# -- sort and filter ------------------------------------------------------------

class FilterScreen(NetnetModal[ListQuery | None]):
    """Choose the order of the list and narrow it by circle, tag, connectors or losing touch."""

    HELP = """
# Sort and filter

- **Tab / Shift+Tab**: move between choices
- **Ctrl+S** or **Enter** on a button: apply · **Ctrl+R**: clear every filter
- **Escape**: close without changing anything
"""

    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply", tooltip="Show the list with these choices", id="filter.apply"),
        Binding("ctrl+r", "reset", "Clear filters", tooltip="Show everyone again, in name order",
                id="filter.reset"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without changing anything", id="filter.cancel"),
    ]

    def __init__(self, query: ListQuery, tags: list[tuple[str, int]]) -> None:
        super().__init__(classes="netnet-dialog-screen")
        self.start = query
        self.tags = tags

    def compose(self) -> ComposeResult:
        q = self.start
        with Vertical(classes="netnet-dialog", id="filter-dialog"):
            yield Static("[b]Sort and filter[/b]", classes="dialog-title", markup=True)
            with Horizontal(classes="form-row"):
                yield Label("Sort by", classes="form-label")
                yield Select([(label, key) for key, label in SORT_LABELS.items()], value=q.sort,
                             allow_blank=False, id="filter-sort")
            with Horizontal(classes="form-row"):
                yield Label("Circle", classes="form-label")
                yield Select(Circle.choices(), value=q.circle or Select.NULL, prompt="any circle",
                             id="filter-circle")
            with Horizontal(classes="form-row"):
                yield Label("Tag", classes="form-label")
                tag_names = {t for t, _ in self.tags}
                yield Select([(f"{t} ({n})", t) for t, n in self.tags],
                             value=q.tag if q.tag in tag_names else Select.NULL, prompt="any tag",
                             id="filter-tag")
            yield TickBox("Only connectors ★", q.connector, id="filter-connector")
            yield TickBox("Only people I'm losing touch with (! due or ‼ overdue)", q.overdue,
                           id="filter-overdue")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply (ctrl+s)", variant="primary", id="filter-apply")
                yield Button("Clear (ctrl+r)", id="filter-reset")

    def on_mount(self) -> None:
        self.query_one("#filter-sort").focus()

    def _value(self, widget_id: str) -> str | None:
        value = self.query_one(widget_id, Select).value
        return value if isinstance(value, str) else None

    @on(Button.Pressed, "#filter-apply")
    def action_apply(self) -> None:
        self.dismiss(replace(
            self.start,
            sort=self._value("#filter-sort") or "name",
            circle=self._value("#filter-circle"),
            tag=self._value("#filter-tag"),
            connector=self.query_one("#filter-connector", Checkbox).value,
            overdue=self.query_one("#filter-overdue", Checkbox).value,
        ))

    @on(Button.Pressed, "#filter-reset")
    def action_reset(self) -> None:
        self.dismiss(replace(self.start, sort="name", circle=None, tag=None, connector=False, overdue=False))

    def action_cancel(self) -> None:
        self.dismiss(None)
