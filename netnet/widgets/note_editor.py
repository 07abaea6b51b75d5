"""The note editor used during a call: a TextArea that wraps and never swallows call keys."""

from __future__ import annotations

from textual.widgets import TextArea


class NoteEditor(TextArea):
    """Plain-text notes. Tab moves on (the call screen uses it to switch notes)."""

    DEFAULT_CSS = """
    NoteEditor {
        height: 1fr;
        border: round $primary 50%;
    }
    NoteEditor:focus {
        border: round $primary;
    }
    """

    def __init__(self, text: str = "", *, id: str | None = None, placeholder: str = "") -> None:
        super().__init__(text, soft_wrap=True, tab_behavior="focus", id=id, placeholder=placeholder)

    def stamp(self, label: str) -> None:
        """Insert ``[label] `` at the cursor, on a line of its own if the cursor is mid-line."""
        row, column = self.cursor_location
        line = self.document.get_line(row)
        prefix = "" if not line[:column].strip() else "\n"
        self.insert(f"{prefix}[{label}] ")

    def append_line(self, text: str) -> None:
        """Add a line at the end of the notes and put the cursor after it."""
        end = self.document.end
        current = self.text
        prefix = "" if not current or current.endswith("\n") else "\n"
        self.insert(f"{prefix}{text}\n", location=end)
        self.move_cursor(self.document.end)

    def set_text(self, text: str) -> None:
        """Replace the whole text (switching which notes are edited) and put the cursor at the end."""
        self.load_text(text)
        self.move_cursor(self.document.end)
