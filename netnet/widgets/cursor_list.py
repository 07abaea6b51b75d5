"""A list drawn line by line (Textual's Line API) with a keyboard cursor.

Only the lines on screen are rendered, so tens of thousands of entries cost
nothing until they scroll into view. Subclasses say how many entries there
are, on which line each sits, and draw a line; this class moves the cursor
and keeps it in view.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView


class CursorList(ScrollView, can_focus=True):
    """Keyboard cursor over entries drawn by ``render_line``."""

    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False, tooltip="The line above", id="list.up"),
        Binding("down", "cursor(1)", "Down", show=False, tooltip="The line below", id="list.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, tooltip="One screenful up", id="list.pageup"),
        Binding("pagedown", "page(1)", "Page down", show=False, tooltip="One screenful down",
                id="list.pagedown"),
        Binding("home", "first", "First", show=False, tooltip="The first line", id="list.first"),
        Binding("end", "last", "Last", show=False, tooltip="The last line", id="list.last"),
    ]

    FIXED_LINES = 0  # lines at the top that never scroll (a column header)

    cursor: reactive[int] = reactive(0, always_update=True)

    # -- what subclasses say ------------------------------------------------
    def entry_count(self) -> int:
        raise NotImplementedError

    def content_lines(self) -> int:
        """Lines of scrolling content (entries plus any headings between them)."""
        return self.entry_count()

    def line_of(self, index: int) -> int:
        """The content line of entry ``index``."""
        return index

    def first_line_of(self, index: int) -> int:
        """The first line to keep in view with entry ``index`` (its group's heading, say)."""
        return self.line_of(index)

    def cursor_moved(self) -> None:
        """Called after the cursor moved (post a message here)."""

    # -- shared behaviour ---------------------------------------------------
    def update_virtual_size(self) -> None:
        self.virtual_size = Size(self.size.width, self.content_lines() + self.FIXED_LINES)

    def validate_cursor(self, value: int) -> int:
        count = self.entry_count()
        return max(0, min(value, count - 1)) if count else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.cursor_moved()

    def _scroll_to_cursor(self) -> None:
        if not self.entry_count():
            return
        visible = max(1, self.scrollable_content_region.height - self.FIXED_LINES)
        top = int(self.scroll_y)
        first, line = self.first_line_of(self.cursor), self.line_of(self.cursor)
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif line >= top + visible:
            self.scroll_to(y=line - visible + 1, animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 2)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.entry_count() - 1

    def on_resize(self, event: events.Resize) -> None:
        self.update_virtual_size()
