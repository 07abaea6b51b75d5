"""The Opportunities section's list: one line each, drawn only when on screen.

The service hands the opportunities most pressing first (an overdue next step,
then the soonest, then those without one, then the closed ones); the list draws
each visible line on demand through the Line API, like the contact table, so a
long list costs nothing until it scrolls into view.

Every line says its stage in words ("applied"; under the "Closed" heading, how it
ended: "not chosen") and marks a late next step with ``‼`` as well as colour, so
nothing is told by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip

from netnet.core.enums import OpportunityOutcome
from netnet.core.when import describe_due
from netnet.widgets.cells import fit
from netnet.widgets.cursor_list import CursorList


class OpportunityLine(Protocol):
    """What the list reads of an opportunity (``netnet.data.opportunities.OpportunityView``)."""

    id: int
    title: str
    organisation: str
    goal_title: str
    stage: str
    outcome: str | None
    next_step: str
    next_due: date | None

    @property
    def stage_words(self) -> str: ...


def next_words(item: Any, today: date) -> str:
    """The next step with its day first ("tomorrow: Send the CV"), or what to do when there is none."""
    if not item.next_step:
        return "" if item.stage == "closed" else "no next step yet"
    if item.next_due is None:
        return item.next_step
    return f"{describe_due(item.next_due, today)}: {item.next_step}"


def is_overdue(item: Any, today: date) -> bool:
    return bool(item.next_step) and item.next_due is not None and item.next_due < today and item.stage != "closed"


class OpportunityList(CursorList):
    """Opportunities, most pressing first: stage, title, organisation, goal, next step and its day."""

    HELP = """
## The list
- **↑ ↓ PgUp PgDn Home End**: move through the list
- **Enter**: open the highlighted opportunity

Each line: the stage in words, the opportunity, its organisation, its goal (on
a wide screen) and the next step with its day. `‼` marks a next step that is
late. The closed ones come last, under **Closed**, each saying how it ended.
"""

    BINDINGS = [
        Binding("enter", "open", "Open", tooltip="Open the highlighted opportunity", id="opportunity-list.open"),
    ]
    PALETTE_NAMES = {"open": "Open opportunity"}
    FIXED_LINES = 1  # the column header

    COMPONENT_CLASSES = {
        "opportunity-list--header",
        "opportunity-list--cursor",
        "opportunity-list--overdue",
        "opportunity-list--dim",
    }

    DEFAULT_CSS = """
    OpportunityList {
        height: 1fr;
        background: $surface;
    }
    OpportunityList > .opportunity-list--header { text-style: bold; background: $panel; }
    OpportunityList > .opportunity-list--cursor { background: $block-cursor-blurred-background; }
    OpportunityList:focus > .opportunity-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    OpportunityList > .opportunity-list--overdue { color: $error; text-style: bold; }
    OpportunityList > .opportunity-list--dim { color: $text-muted; }
    """

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another opportunity (None: the list is empty)."""

        item: Any | None

    @dataclass
    class Chosen(Message):
        """Enter (or a double click) on an opportunity."""

        item: Any

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.items: list[Any] = []
        self.today: date = date.today()

    # -- data ---------------------------------------------------------------
    def set_items(self, items: list[Any], today: date, keep_id: int | None = None) -> None:
        """Replace the list; the cursor stays on ``keep_id`` when it is still there, else near where it was."""
        old = self.cursor
        self.items = items
        self.today = today
        self.closed_from = next((n for n, item in enumerate(items) if item.stage == "closed"), len(items))
        self.update_virtual_size()
        index = min(old, max(0, len(items) - 1))
        if keep_id is not None:
            index = next((n for n, item in enumerate(items) if item.id == keep_id), index)
        self.cursor = index
        self.refresh()

    @property
    def current(self) -> Any | None:
        if 0 <= self.cursor < len(self.items):
            return self.items[self.cursor]
        return None

    # -- lines: the open ones, then a heading "Closed · N" and the closed ones --------
    closed_from = 0  # the index of the first closed opportunity (the service lists them last)

    def entry_count(self) -> int:
        return len(self.items)

    def content_lines(self) -> int:
        return len(self.items) + (1 if self.closed_from < len(self.items) else 0)

    def line_of(self, index: int) -> int:
        return index + (1 if index >= self.closed_from else 0)

    def first_line_of(self, index: int) -> int:
        return index if index == self.closed_from else self.line_of(index)

    def _entry_at(self, line: int) -> int | None:
        """The index of the opportunity on content line ``line`` (None: the heading, or past the end)."""
        if line < self.closed_from:
            return line
        if line == self.closed_from:
            return None
        return line - 1 if line - 1 < len(self.items) else None

    def cursor_moved(self) -> None:
        self.post_message(self.Highlighted(self.current))

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(self.Chosen(self.current))

    def on_click(self, event: events.Click) -> None:
        if event.y < self.FIXED_LINES:
            return
        index = self._entry_at(int(self.scroll_y) + event.y - self.FIXED_LINES)
        if index is not None:
            if index == self.cursor and event.chain >= 2:
                self.action_open()
            self.cursor = index

    # -- drawing ------------------------------------------------------------
    @staticmethod
    def layout(width: int) -> dict[str, int]:
        """Column widths for a width: the goal gets a column from 100 wide (the lines below the list
        name it at 80)."""
        stage = 12  # "interviewing" whole; a closed one says how it ended, under "Closed"
        goal = 24 if width >= 110 else (18 if width >= 100 else 0)
        rest = max(30, width - stage - goal - (4 if goal else 3))
        nxt = max(16, rest * 2 // 5)
        org = max(10, (rest - nxt) * 2 // 5)
        title = max(10, rest - nxt - org)
        return {"stage": stage, "title": title, "org": org, "goal": goal, "next": nxt}

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        cols = self.layout(width)
        if y == 0:
            style = base + self.get_component_rich_style("opportunity-list--header")
            cells = [("Stage", cols["stage"]), ("Opportunity", cols["title"]), ("Organisation", cols["org"])]
            if cols["goal"]:
                cells.append(("Goal", cols["goal"]))
            cells.append(("Next step", cols["next"]))
            text = " ".join(fit(c, size) for c, size in cells)
            return Strip([Segment(fit(text, width), style)]).crop(0, width)
        line = int(self.scroll_y) + y - self.FIXED_LINES
        if line == self.closed_from and self.closed_from < len(self.items):
            style = base + self.get_component_rich_style("opportunity-list--header")
            text = f"Closed · {len(self.items) - self.closed_from}"
            return Strip([Segment(fit(text, width), style)]).crop(0, width)
        index = self._entry_at(line) if line >= 0 else None
        if index is None:
            return Strip.blank(width, base)
        item = self.items[index]
        selected = index == self.cursor
        line_style = base + self.get_component_rich_style("opportunity-list--cursor") if selected else base
        closed = item.stage == "closed"
        overdue = is_overdue(item, self.today)
        dim = line_style if selected else line_style + self.get_component_rich_style("opportunity-list--dim")
        main = dim if closed else line_style
        accent = line_style
        if overdue:
            accent = line_style + (Style(bold=True) if selected else
                                   self.get_component_rich_style("opportunity-list--overdue"))
        # A closed one says how it ended (its heading says closed); "‼" marks a late next step.
        stage = OpportunityOutcome(item.outcome).label if closed and item.outcome else item.stage_words
        segments = [
            Segment(fit(stage, cols["stage"]), main),
            Segment(" ", line_style),
            Segment(fit(item.title, cols["title"]), main),
            Segment(" ", line_style),
            Segment(fit(item.organisation, cols["org"]), dim),
        ]
        if cols["goal"]:
            segments += [Segment(" ", line_style), Segment(fit(item.goal_title or "no goal", cols["goal"]), dim)]
        nxt = next_words(item, self.today)
        segments += [Segment(" ", line_style),
                     Segment(fit(("‼ " if overdue else "") + nxt, cols["next"]), accent if overdue else main)]
        return Strip(segments).adjust_cell_length(width, line_style)
