"""A contact list that renders only the rows on screen.

Textual's DataTable builds every row up front (about 1 s for 10k rows), so
this widget keeps plain row tuples and draws each visible line on demand
through the Line API. Jumping to the end of 30,000 contacts is immediate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip

from netnet.core.cadence import effective_cadence, touch_state
from netnet.core.clock import Clock, ago, from_iso
from netnet.core.enums import Circle, TouchState
from netnet.core.rows import ContactRow
from netnet.widgets.cells import fit
from netnet.widgets.cursor_list import CursorList


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int  # 0 = flexible
    min_total: int = 0  # shown only when the table is at least this wide


COLUMNS = (
    Column("connector", "", 2),
    Column("name", "Name", 0),
    Column("organisation", "Organisation", 0),
    Column("title", "Title", 0, min_total=100),
    Column("circle", "Circle", 13, min_total=70),
    Column("last", "Last contact", 13),
    Column("touch", "Keep in touch", 14),
)


class ContactTable(CursorList):
    """The list of contacts: one line each, keyboard driven."""

    HELP = """
## Contact list
- **↑ ↓ PgUp PgDn Home End**: move through the list
- **Enter**: open the highlighted contact

A ★ marks a connector. *Keep in touch* says `✓ in touch`, `! due` (past the
ideal interval) or `‼ overdue` (past the maximum); colour is never the only sign.
"""

    BINDINGS = [
        Binding("enter", "open", "Open", tooltip="Open the highlighted contact", id="table.open"),
    ]
    PALETTE_NAMES = {"open": "Open contact"}
    FIXED_LINES = 1  # the column header

    COMPONENT_CLASSES = {
        "contact-table--header",
        "contact-table--cursor",
        "contact-table--amber",
        "contact-table--red",
        "contact-table--ok",
        "contact-table--dim",
    }

    DEFAULT_CSS = """
    ContactTable {
        height: 1fr;
        background: $surface;
    }
    ContactTable > .contact-table--header { text-style: bold; background: $panel; }
    ContactTable > .contact-table--cursor { background: $block-cursor-blurred-background; }
    ContactTable:focus > .contact-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    ContactTable > .contact-table--amber { color: $warning; }
    ContactTable > .contact-table--red { color: $error; text-style: bold; }
    ContactTable > .contact-table--ok { color: $success; }
    ContactTable > .contact-table--dim { color: $text-muted; }
    """

    @dataclass
    class Highlighted(Message):
        table: ContactTable
        contact_id: int | None

    @dataclass
    class Opened(Message):
        table: ContactTable
        contact_id: int

    def __init__(self, *, clock: Clock | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.clock = clock or Clock()
        self.rows: list[ContactRow] = []
        self.cadence_defaults: dict[str, tuple[int, int]] | None = None
        self.connector_default: tuple[int, int] | None = None
        self._now: datetime = self.clock.now()

    # -- data ---------------------------------------------------------------
    def set_rows(self, rows: list[ContactRow], keep_id: int | None = None) -> None:
        """Replace the rows; keep the cursor on ``keep_id`` when it is still there."""
        self.rows = rows
        self._now = self.clock.now()
        self.update_virtual_size()
        index = 0
        if keep_id is not None:
            for i, row in enumerate(rows):
                if row.id == keep_id:
                    index = i
                    break
        self.cursor = min(index, max(0, len(rows) - 1))
        self.refresh()

    @property
    def current_id(self) -> int | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].id
        return None

    def touch(self, row: ContactRow) -> tuple[TouchState, int]:
        cadence = effective_cadence(
            row.circle, row.connector_role, row.ideal_days, row.max_days,
            self.cadence_defaults, self.connector_default,
        )
        return touch_state(cadence, from_iso(row.last_interaction_at), from_iso(row.created_at),
                           self._now.astimezone().date())

    # -- cursor -------------------------------------------------------------
    def entry_count(self) -> int:
        return len(self.rows)

    def cursor_moved(self) -> None:
        self.post_message(self.Highlighted(self, self.current_id))

    def action_open(self) -> None:
        if self.current_id is not None:
            self.post_message(self.Opened(self, self.current_id))

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            index = int(self.scroll_y) + event.y - 1
            if 0 <= index < len(self.rows):
                if index == self.cursor and event.chain >= 2:
                    self.action_open()
                self.cursor = index

    # -- rendering ----------------------------------------------------------
    def _layout(self, width: int) -> list[tuple[Column, int]]:
        shown = [c for c in COLUMNS if width >= c.min_total]
        fixed = sum(c.width + 1 for c in shown if c.width)
        flex = [c for c in shown if not c.width]
        spare = max(0, width - fixed - len(flex))
        each = spare // max(1, len(flex))
        widths = []
        for c in shown:
            if c.width:
                widths.append((c, c.width))
            else:
                share = each
                if c.key == "name":
                    share = each + spare - each * len(flex)
                widths.append((c, share))
        return widths

    def _cells(self, row: ContactRow) -> dict[str, tuple[str, str | None]]:
        state, _late = self.touch(row)
        touch_text = "" if state is TouchState.NONE else f"{state.symbol} {state.label}"
        style = {TouchState.AMBER: "amber", TouchState.RED: "red", TouchState.OK: "ok"}.get(state)
        last = ago(from_iso(row.last_interaction_at), self._now) if row.last_interaction_at else "—"
        return {
            "connector": ("★" if row.connector_role else "", None),
            "name": (row.display_name, None),
            "organisation": (row.organisation, None),
            "title": (row.title, "dim"),
            "circle": (Circle(row.circle).label if row.circle else "", "dim"),
            "last": (last, None),
            "touch": (touch_text, style),
        }

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        layout = self._layout(width)
        base = self.rich_style
        if y == 0:
            header = self.get_component_rich_style("contact-table--header")
            text = " ".join(fit(c.title, w) for c, w in layout)
            return Strip([Segment(fit(text, width), base + header)]).crop(0, width)
        index = int(self.scroll_y) + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        line_style = base
        if index == self.cursor:
            line_style = base + self.get_component_rich_style("contact-table--cursor")
        cells = self._cells(row)
        segments: list[Segment] = []
        for n, (column, w) in enumerate(layout):
            text, style_name = cells[column.key]
            style = line_style
            if style_name and index != self.cursor:
                style = line_style + self.get_component_rich_style(f"contact-table--{style_name}")
            elif style_name in ("amber", "red") and index == self.cursor:
                style = line_style + Style(bold=True)
            segments.append(Segment(fit(text, w), style))
            if n < len(layout) - 1:
                segments.append(Segment(" ", line_style))
        return Strip(segments).adjust_cell_length(width, line_style)
