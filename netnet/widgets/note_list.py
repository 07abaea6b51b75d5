"""Lines of notes, wrapped to the width and drawn only where they are on screen.

Used by "What I've learned" (each interview a heading, then its lessons, call notes,
answers and plan items) and by "Who told me…" (each match: the day, the person and
where it is written, then the line itself). An entry is one cursor stop and may
wrap over several lines; a heading sits above an entry and is never selected. The
words of a search are drawn bold and underlined wherever they begin a word, so a
match never depends on colour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip

from netnet.core.text import fold
from netnet.widgets.cursor_list import CursorList

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class NoteEntry:
    """One cursor stop: ``label`` in a narrow column on the left (a stamp, "Learned", "Q2"),
    ``text`` wrapped beside it, after ``dim`` (drawn muted: the question a note answers);
    ``head`` a muted line of its own above the text; ``heading`` a heading line above it all."""

    text: str
    label: str = ""
    dim: str = ""
    head: str = ""
    heading: str = ""


@dataclass(frozen=True)
class _Line:
    entry: int | None  # None: a heading
    kind: str  # "heading", "head", "text"
    text: str
    label: str = ""
    dim_until: int = 0  # characters of ``text`` drawn muted


def wrap(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` characters, at spaces where it can be."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        rest = paragraph.rstrip()
        while len(rest) > width:
            cut = rest.rfind(" ", 0, width + 1)
            if cut <= 0:
                cut = width
            lines.append(rest[:cut].rstrip())
            rest = rest[cut:].lstrip()
        lines.append(rest)
    return lines


class NoteList(CursorList):
    """Entries of notes, wrapped, with their headings; Enter chooses one."""

    HELP = """
## Notes
- **↑ ↓ PgUp PgDn Home End**: move from line to line
- **Enter**: open where the line was written

Words of the search are **bold and underlined**.
"""

    BINDINGS = [
        Binding("enter", "choose", "Open", tooltip="Open where the highlighted line was written (the interview "
                "or the person)", id="note-list.choose"),
    ]
    PALETTE_NAMES = {"choose": "Open where the line was written"}

    COMPONENT_CLASSES = {"note-list--heading", "note-list--cursor", "note-list--dim", "note-list--found"}

    DEFAULT_CSS = """
    NoteList {
        height: 1fr;
        background: $surface;
    }
    NoteList > .note-list--heading { text-style: bold; background: $panel; }
    NoteList > .note-list--cursor { background: $block-cursor-blurred-background; }
    NoteList:focus > .note-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    NoteList > .note-list--dim { color: $text-muted; }
    NoteList > .note-list--found { text-style: bold underline; }
    """


    @dataclass
    class Highlighted(Message):
        """The cursor moved to entry ``index`` (None: the list is empty)."""

        note_list: NoteList
        index: int | None

        @property
        def control(self) -> NoteList:
            return self.note_list

    @dataclass
    class Chosen(Message):
        """Enter (or a double click) on entry ``index``."""

        note_list: NoteList
        index: int

        @property
        def control(self) -> NoteList:
            return self.note_list

    def __init__(self, *, label_width: int = 10, id: str | None = None, classes: str | None = None) -> None:
        """``label_width``: the column of labels on the left ("[1:02:05] " and "Learned" fit in 10)."""
        super().__init__(id=id, classes=classes)
        self.label_width = label_width
        self.entries: list[NoteEntry] = []
        self.words: list[str] = []  # folded words of a search, drawn bold where they begin a word
        self.lines: list[_Line] = []
        self._first: list[int] = []  # entry -> its first line (its heading's when it has one)
        self._last: list[int] = []  # entry -> its last line
        self._width = 0

    # -- data ---------------------------------------------------------------
    def set_entries(self, entries: list[NoteEntry], words: list[str] | None = None, *, keep: int | None = None) -> None:
        """Show ``entries`` with the search's ``words`` marked; the cursor on entry ``keep`` (or the first)."""
        self.entries = entries
        self.words = words or []
        self._layout(force=True)
        self.cursor = 0 if keep is None else keep
        self.refresh()

    @property
    def current(self) -> int | None:
        return self.cursor if 0 <= self.cursor < len(self.entries) else None

    def _layout(self, force: bool = False) -> None:
        width = self.scrollable_content_region.width or self.size.width or 80
        if width == self._width and not force:
            return
        self._width = width
        lines: list[_Line] = []
        first, last = [], []
        text_width = max(10, width - 1 - self.label_width)
        for n, entry in enumerate(self.entries):
            first.append(len(lines))
            if entry.heading:
                lines += [_Line(None, "heading", part) for part in wrap(entry.heading, width - 1)]
            if entry.head:
                lines += [_Line(n, "head", part) for part in wrap(entry.head, width - 1)]
            full = entry.dim + entry.text
            dim_left = len(entry.dim)
            for number, part in enumerate(wrap(full, text_width)):
                lines.append(_Line(n, "text", part, entry.label if number == 0 else "", max(0, dim_left)))
                dim_left -= len(part) + 1  # the space the wrap took
            last.append(len(lines) - 1)
        self.lines, self._first, self._last = lines, first, last
        self.update_virtual_size()

    # -- cursor -------------------------------------------------------------
    def entry_count(self) -> int:
        return len(self.entries)

    def content_lines(self) -> int:
        return len(self.lines)

    def line_of(self, index: int) -> int:
        return self._last[index] if index < len(self._last) else 0

    def first_line_of(self, index: int) -> int:
        return self._first[index] if index < len(self._first) else 0

    def cursor_moved(self) -> None:
        self.post_message(self.Highlighted(self, self.current))

    def action_choose(self) -> None:
        if self.current is not None:
            self.post_message(self.Chosen(self, self.current))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_y) + event.y
        if 0 <= index < len(self.lines) and self.lines[index].entry is not None:
            entry = self.lines[index].entry
            if entry == self.cursor and event.chain >= 2:
                self.post_message(self.Chosen(self, entry))
            self.cursor = entry

    def on_resize(self, event: events.Resize) -> None:
        self._layout()
        super().on_resize(event)

    # -- rendering ----------------------------------------------------------
    def _marked(self, text: str, style: Style, found: Style, dim: Style, dim_until: int) -> list[Segment]:
        """``text`` in ``style``, its first ``dim_until`` characters muted, and every word beginning
        with a word of the search in ``found``."""
        spans: list[tuple[int, int]] = []
        if self.words:
            for match in _WORD.finditer(text):
                folded = fold(match.group())
                if any(folded.startswith(word) for word in self.words):
                    spans.append(match.span())
        segments, at = [], 0
        for start, end in [*spans, (len(text), len(text))]:
            if start > at:
                segments += self._dimmed(text[at:start], at, style, dim, dim_until)
            if end > start:
                segments.append(Segment(text[start:end], (dim if start < dim_until else style) + found))
            at = end
        return segments

    @staticmethod
    def _dimmed(text: str, offset: int, style: Style, dim: Style, dim_until: int) -> list[Segment]:
        cut = max(0, min(len(text), dim_until - offset))
        parts = []
        if cut:
            parts.append(Segment(text[:cut], dim))
        if cut < len(text):
            parts.append(Segment(text[cut:], style))
        return parts

    def render_line(self, y: int) -> Strip:
        self._layout()
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = int(self.scroll_y) + y
        if index >= len(self.lines):
            return Strip.blank(width, base)
        line = self.lines[index]
        if line.entry is None:
            style = base + self.get_component_rich_style("note-list--heading")
            return Strip([Segment(" " + line.text, style)]).adjust_cell_length(width, style)
        style = base
        if line.entry == self.cursor:
            style = base + self.get_component_rich_style("note-list--cursor")
        # The muted colour alone: the component's own style brings the list's background with it.
        dim = style + Style(color=self.get_component_rich_style("note-list--dim").color)
        found = self.get_component_rich_style("note-list--found", partial=True)
        if line.kind == "head":
            segments = [Segment(" ", style), *self._marked(line.text, dim, found, dim, 0)]
        else:
            segments = [Segment(" ", style), Segment(line.label.ljust(self.label_width)[:self.label_width], dim),
                        *self._marked(line.text, style, found, dim, line.dim_until)]
        return Strip(segments).adjust_cell_length(width, style)
