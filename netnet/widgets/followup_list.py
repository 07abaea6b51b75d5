"""The follow-up queue as a list that draws only the lines on screen.

Group headings ("‼ Overdue · 12") sit between the items; the cursor moves
over items only. A counsellor may have thousands of check-ins due, so the
widget keeps plain items and renders each visible line on demand through the
Line API, like the contact table.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.strip import Strip

from netnet.core.rows import FollowupItem
from netnet.core.urgency import Group
from netnet.widgets.cells import fit
from netnet.widgets.cursor_list import CursorList

MARK = {Group.OVERDUE: "‼", Group.TODAY: "•", Group.WEEK: " ", Group.LATER: " "}
HEADING = {Group.OVERDUE: "‼ Overdue", Group.TODAY: "• Today", Group.WEEK: "This week", Group.LATER: "Later"}


@dataclass(frozen=True)
class Line:
    group: Group
    item: int | None  # index into items; None for a group heading
    count: int = 0


class FollowupList(CursorList):
    """Everything owed, grouped and most urgent first; one line each."""

    HELP = """
## The queue
- **↑ ↓ PgUp PgDn Home End**: move through the queue
- **Enter**: the message to send (or the person, when there is none)

Overdue lines start with `‼` and say how late they are; today's start with `•`.
"""

    COMPONENT_CLASSES = {
        "followup-list--heading",
        "followup-list--cursor",
        "followup-list--overdue",
        "followup-list--today",
        "followup-list--dim",
    }

    DEFAULT_CSS = """
    FollowupList {
        height: 1fr;
        background: $surface;
    }
    FollowupList > .followup-list--heading { text-style: bold; background: $panel; }
    FollowupList > .followup-list--cursor { background: $block-cursor-blurred-background; }
    FollowupList:focus > .followup-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    FollowupList > .followup-list--overdue { color: $error; text-style: bold; }
    FollowupList > .followup-list--today { color: $warning; }
    FollowupList > .followup-list--dim { color: $text-muted; }
    """

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another item (None: the queue is empty)."""

        item: FollowupItem | None

    @dataclass
    class Chosen(Message):
        """Enter on an item."""

        item: FollowupItem

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.items: list[FollowupItem] = []
        self.lines: list[Line] = []
        self._line_of: list[int] = []  # item index -> line index

    # -- data ---------------------------------------------------------------
    def set_items(self, items: list[FollowupItem], keep_key: str | None = None) -> None:
        """Replace the queue; keep the cursor on ``keep_key`` (or near where it was)."""
        old_cursor = self.cursor
        self.items = items
        self.lines = []
        self._line_of = []
        counts: dict[Group, int] = {}
        for item in items:
            counts[item.group] = counts.get(item.group, 0) + 1
        current: Group | None = None
        for n, item in enumerate(items):
            if item.group is not current:
                current = item.group
                self.lines.append(Line(current, None, counts[current]))
            self._line_of.append(len(self.lines))
            self.lines.append(Line(current, n))
        self.update_virtual_size()
        index = min(old_cursor, max(0, len(items) - 1))
        if keep_key is not None:
            for n, item in enumerate(items):
                if item.key == keep_key:
                    index = n
                    break
        self.cursor = index
        self.refresh()

    @property
    def current(self) -> FollowupItem | None:
        if 0 <= self.cursor < len(self.items):
            return self.items[self.cursor]
        return None

    # -- cursor -------------------------------------------------------------
    def entry_count(self) -> int:
        return len(self.items)

    def content_lines(self) -> int:
        return len(self.lines)

    def line_of(self, index: int) -> int:
        return self._line_of[index]

    def first_line_of(self, index: int) -> int:
        line = self._line_of[index]
        if index == 0 or (line > 0 and self.lines[line - 1].item is None):
            line -= 1  # show the group's heading with its first item
        return line

    def cursor_moved(self) -> None:
        self.post_message(self.Highlighted(self.current))

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter" and self.current is not None:
            event.stop()
            self.post_message(self.Chosen(self.current))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_y) + event.y
        if 0 <= index < len(self.lines) and self.lines[index].item is not None:
            item_index = self.lines[index].item
            if item_index == self.cursor and event.chain >= 2 and self.current is not None:
                self.post_message(self.Chosen(self.current))
            self.cursor = item_index

    # -- rendering ----------------------------------------------------------
    @staticmethod
    def layout(width: int) -> dict[str, int]:
        """Column widths for a given width (the person's name only when there is room)."""
        who = 22 if width >= 100 else 0
        kind = 20  # "ask the next person" whole, at 80 columns too
        when = 16 if width >= 100 else 15
        title = max(8, width - 2 - when - kind - who - (4 if who else 3))
        return {"mark": 2, "when": when, "kind": kind, "title": title, "who": who}

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = int(self.scroll_y) + y
        if index >= len(self.lines):
            return Strip.blank(width, base)
        line = self.lines[index]
        if line.item is None:
            style = base + self.get_component_rich_style("followup-list--heading")
            text = f" {HEADING[line.group]} · {line.count}"
            return Strip([Segment(fit(text, width), style)]).crop(0, width)
        item = self.items[line.item]
        selected = line.item == self.cursor
        line_style = base
        if selected:
            line_style = base + self.get_component_rich_style("followup-list--cursor")
        accent = None
        if item.group is Group.OVERDUE:
            accent = "overdue"
        elif item.group is Group.TODAY:
            accent = "today"
        cols = self.layout(width)
        mark_style = when_style = line_style
        if accent and not selected:
            mark_style = when_style = line_style + self.get_component_rich_style(f"followup-list--{accent}")
        elif accent == "overdue":
            mark_style = when_style = line_style + Style(bold=True)
        dim = line_style if selected else line_style + self.get_component_rich_style("followup-list--dim")
        when = item.when
        segments = [
            Segment(fit(MARK[item.group], cols["mark"]), mark_style),
            Segment(fit(when, cols["when"]), when_style),
            Segment(" ", line_style),
            Segment(fit(item.kind_label, cols["kind"]), dim),
            Segment(" ", line_style),
            Segment(fit(item.title, cols["title"]), line_style),
        ]
        if cols["who"]:
            who = ("★ " if item.connector else "") + item.contact_name
            segments += [Segment(" ", line_style), Segment(fit(who, cols["who"]), dim)]
        return Strip(segments).adjust_cell_length(width, line_style)
