"""The development plan: skills to gain and insights to act on, per goal or as a whole."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from netnet.core.enums import Horizon, PlanKind, PlanStatus
from netnet.core.goals import plural
from netnet.data import goals as svc
from netnet.data.goals import PlanInput, PlanItemView
from netnet.screens.base import NetnetScreen
from netnet.screens.goal_forms import ConfirmDialog, PlanForm

STATUS_MARK = {"idea": "[ ]", "doing": "[~]", "done": "[x]"}


@dataclass
class Loaded:
    items: list[PlanItemView]
    goals: list[tuple[str, int]]
    goal_title: str | None


def status_cell(status: str) -> Text:
    text = Text(f"{STATUS_MARK[status]} {PlanStatus(status).label}")
    if status == "done":
        text.stylize("dim")
    elif status == "doing":
        text.stylize("bold")
    return text


class PlanScreen(NetnetScreen):
    """What you mean to learn and do, short term and long term."""

    HOME_FOCUS = "#plan-table"  # keys go to the list (NetnetScreen)

    TITLE = "Development plan"
    DEFAULT_CSS = """
    PlanScreen #plan-head, PlanScreen #plan-detail, PlanScreen #plan-empty { height: auto; padding: 0 1; }
    PlanScreen #plan-detail { border-top: solid $primary-muted; }
    """
    HELP = """
# Development plan

Skills to gain and insights to act on, drawn from what people told you, each
short term or long term, tied to a goal. Status goes idea → doing → done:
`[ ]` idea, `[~]` doing, `[x]` done.

- **n**: add an item · **e**: edit · **Space**: next status · **x**: remove (asks first)
- **g**: switch between this goal's plan and the whole plan
- **Escape**: back
"""

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back", id="plan.back"),
        Binding("n", "new", "Add", tooltip="Add a skill to gain or an insight to act on", id="plan.new"),
        Binding("e", "edit", "Edit", tooltip="Edit the highlighted item", id="plan.edit"),
        Binding("space", "cycle", "Next status", tooltip="idea → doing → done", id="plan.cycle"),
        Binding("x,delete", "delete", "Remove", key_display="x", tooltip="Remove the highlighted item (asks first)",
                id="plan.delete"),
        Binding("g", "toggle_scope", "This goal / all", tooltip="Switch between this goal's plan and the whole plan",
                id="plan.scope"),
    ]
    PALETTE_NAMES = {"delete": "Delete or remove plan item", "new": "Add a plan item", "edit": "Edit plan item",
                     "cycle": "Next status of plan item"}

    def __init__(self, goal_id: int | None) -> None:
        super().__init__()
        self.home_goal_id = goal_id
        self.goal_id = goal_id
        self.loaded: Loaded | None = None
        self.focus_id: int | None = None  # an item just created: the next load highlights it

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="plan-body"):
            yield Static("", id="plan-head")
            yield DataTable(id="plan-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="plan-detail")
            yield Static("", id="plan-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#plan-table").focus()
        self.load()
        self.app.data_changed.subscribe(self, lambda _: self.load())

    @work(thread=True, exclusive=True, group="plan-load", exit_on_error=False)
    def load(self) -> None:
        worker = get_current_worker()
        store = self.app.store
        goal_id = self.goal_id
        items = svc.list_plan(store, goal_id)
        goals = svc.goal_choices(store)
        title = None
        if goal_id is not None:
            detail = svc.get_goal(store, goal_id, self.app.clock)
            title = detail.summary.title if detail else None
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, Loaded(items, goals, title))

    def _show(self, loaded: Loaded) -> None:
        keep = self.focus_id or (self.current.id if self.current else None)
        if any(i.id == self.focus_id for i in loaded.items):
            self.focus_id = None
        self.loaded = loaded
        items = loaded.items
        scope = f"for “{loaded.goal_title}”" if self.goal_id is not None else "across all goals"
        counts = {s: sum(1 for i in items if i.status == s) for s in ("doing", "idea", "done")}
        head = Text()
        head.append(f"Development plan {scope}", style="bold")
        if items:
            head.append(f"\n{plural(len(items), 'item')}: {counts['doing']} doing, {counts['idea']} "
                        f"{'idea' if counts['idea'] == 1 else 'ideas'}, {counts['done']} done · "
                        f"{sum(1 for i in items if i.horizon == 'short')} short term, "
                        f"{sum(1 for i in items if i.horizon == 'long')} long term")
        self.sub_title = loaded.goal_title if self.goal_id is not None and loaded.goal_title else "all goals"
        self.query_one("#plan-head", Static).update(head)
        table = self.query_one("#plan-table", DataTable)
        table.clear(columns=True)
        width = max(60, self.size.width)
        whole = self.goal_id is None
        source_w = 16 if width >= 110 else 0
        goal_w = (18 if width >= 100 else 14) if whole else 0
        text_w = max(20, width - 10 - 10 - 11 - source_w - goal_w - 12)
        table.add_column("Status", width=10, key="status")
        table.add_column("Item", width=text_w, key="text")
        table.add_column("Kind", width=10, key="kind")
        table.add_column("Horizon", width=11, key="horizon")
        if whole:
            table.add_column("Goal", width=goal_w, key="goal")
        if source_w:
            table.add_column("From", width=source_w, key="from")
        for item in items:
            kind = "skill" if item.kind == PlanKind.SKILL else "insight"
            row = [status_cell(item.status), item.text, kind, Horizon(item.horizon).label]
            if whole:
                row.append(item.goal_title or "no goal")
            if source_w:
                row.append(item.source_words)
            table.add_row(*row, key=str(item.id))
        if items:
            index = next((n for n, i in enumerate(items) if i.id == keep), 0)
            table.move_cursor(row=index)
        self._describe()
        empty = self.query_one("#plan-empty", Static)
        empty.display = not items
        empty.update("Nothing planned yet. After a conversation, note what you learned: press [b]n[/b] to add a "
                     "skill to gain or an insight to act on.")
        self.refresh_bindings()

    def on_resize(self) -> None:
        if self.loaded is not None:
            self._show(self.loaded)

    @property
    def current(self) -> PlanItemView | None:
        if self.loaded is None or not self.loaded.items:
            return None
        row = self.query_one("#plan-table", DataTable).cursor_row
        return self.loaded.items[row] if 0 <= row < len(self.loaded.items) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if action in ("edit", "cycle", "delete") and self.current is None:
            return None
        if action == "toggle_scope" and self.home_goal_id is None:
            return None
        return True

    @on(DataTable.RowHighlighted, "#plan-table")
    def _highlighted(self) -> None:
        self._describe()
        self.refresh_bindings()

    def _describe(self) -> None:
        """The highlighted item in full (the table cuts long text)."""
        item = self.current
        box = self.query_one("#plan-detail", Static)
        if item is None:
            box.update("")
            return
        text = Text()
        text.append(item.text, style="bold")
        text.append(f"\n{PlanKind(item.kind).label} · {Horizon(item.horizon).label} · "
                    f"{PlanStatus(item.status).label}")
        text.append(f" · goal: {item.goal_title}" if item.goal_title else " · no goal")
        if item.source_words:
            text.append(f" · from {item.source_words}")
        box.update(text)

    @on(DataTable.RowSelected, "#plan-table")
    def _selected(self) -> None:
        self.action_edit()

    def action_back(self) -> None:
        self.dismiss()

    def action_new(self) -> None:
        goals = self.loaded.goals if self.loaded else []

        store, clock = self.app.store, self.app.clock

        def saved(data: PlanInput | None) -> None:
            if data is not None:
                self.written("Added to the plan.")

        def create(data: PlanInput) -> int:
            self.focus_id = svc.add_plan_item(store, data, clock)  # highlighted once listed
            return self.focus_id

        self.app.push_screen(PlanForm(PlanInput("", goal_id=self.goal_id), goals, on_save=create), saved)

    def action_edit(self) -> None:
        item = self.current
        if item is None:
            return
        goals = self.loaded.goals if self.loaded else []

        store, clock = self.app.store, self.app.clock

        def saved(data: PlanInput | None) -> None:
            if data is not None:
                self.written("Plan item saved.")

        form = PlanForm(svc.plan_input(item), goals, context={"item_id": item.id}, version=item.version)
        # The version the form holds: the one read, or the fresh one after "reload" or "overwrite".
        form.on_save = lambda data: svc.update_plan_item(store, item.id, data, clock, expected_version=form.version)
        self.app.push_screen(form, saved)

    def action_cycle(self) -> None:
        item = self.current
        if item is not None:
            self.run_service(svc.cycle_plan_status, self.app.store, item.id, self.app.clock,
                             done=lambda s: self.written(f"“{item.text}”: {PlanStatus(s).label}."))

    def action_delete(self) -> None:
        item = self.current
        if item is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_service(svc.delete_plan_item, self.app.store, item.id,
                                 done=lambda _: self.written("Removed from the plan."))

        self.app.push_screen(ConfirmDialog(f"Remove “{item.text}” from the plan?"), answered)

    def action_toggle_scope(self) -> None:
        if self.home_goal_id is None:
            return
        self.goal_id = None if self.goal_id is not None else self.home_goal_id
        self.load()
