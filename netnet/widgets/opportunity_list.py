"""The Opportunities section's list: one line each, drawn only when on screen.

The service hands the opportunities most pressing first (an overdue next step,
then the soonest, then those without one, then the closed ones); the list draws
each visible line on demand through the Line API, like the contact table, so a
long list costs nothing until it scrolls into view.

Every line says its stage in words ("applied", "closed: not chosen") and marks
an overdue next step with ``‼`` as well as colour, so nothing is told by colour
alone.
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
late; closed ones come last and say how they ended.
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

    def entry_count(self) -> int:
        return len(self.items)

    def cursor_moved(self) -> None:
        self.post_message(self.Highlighted(self.current))

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(self.Chosen(self.current))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_y) + event.y - self.FIXED_LINES
        if event.y >= self.FIXED_LINES and 0 <= index < len(self.items):
            if index == self.cursor and event.chain >= 2:
                self.action_open()
            self.cursor = index

    # -- drawing ------------------------------------------------------------
    @staticmethod
    def layout(width: int) -> dict[str, int]:
        """Column widths for a width: the goal gets a column from 100 wide (the line below the list
        names it at 80)."""
        stage = 18  # "closed: not chosen" whole
        goal = 24 if width >= 110 else (18 if width >= 100 else 0)
        rest = max(30, width - 2 - stage - goal - (4 if goal else 3))
        nxt = max(16, rest * 2 // 5)
        org = max(10, (rest - nxt) * 2 // 5)
        title = max(10, rest - nxt - org)
        return {"mark": 2, "stage": stage, "title": title, "org": org, "goal": goal, "next": nxt}

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        cols = self.layout(width)
        if y == 0:
            style = base + self.get_component_rich_style("opportunity-list--header")
            cells = ["", "Stage", "Opportunity", "Organisation"]
            sizes = [cols["mark"], cols["stage"], cols["title"], cols["org"]]
            if cols["goal"]:
                cells.append("Goal")
                sizes.append(cols["goal"])
            cells.append("Next step")
            sizes.append(cols["next"])
            text = fit(cells[0], sizes[0]) + " ".join(fit(c, s) for c, s in zip(cells[1:], sizes[1:], strict=True))
            return Strip([Segment(fit(text, width), style)]).crop(0, width)
        index = int(self.scroll_y) + y - self.FIXED_LINES
        if index >= len(self.items) or index < 0:
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
        segments = [
            Segment(fit("‼" if overdue else "", cols["mark"]), accent),
            Segment(fit(item.stage_words, cols["stage"]), main),
            Segment(" ", line_style),
            Segment(fit(item.title, cols["title"]), main),
            Segment(" ", line_style),
            Segment(fit(item.organisation, cols["org"]), dim),
        ]
        if cols["goal"]:
            segments += [Segment(" ", line_style), Segment(fit(item.goal_title or "no goal", cols["goal"]), dim)]
        segments += [Segment(" ", line_style),
                     Segment(fit(next_words(item, self.today), cols["next"]), accent if overdue else main)]
        return Strip(segments).adjust_cell_length(width, line_style)
