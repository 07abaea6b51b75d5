"""Each widget alone in a tiny app that records the messages it sends (no store, no screen
of netnet): what the widget promises its parent, and nothing else."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.message import Message
from textual.widget import Widget

from netnet.core.clock import FakeClock
from netnet.core.countdown import Countdown
from netnet.core.rows import ContactRow, FollowupItem
from netnet.core.urgency import Group
from netnet.widgets.contact_table import ContactTable
from netnet.widgets.countdown import CountdownDisplay
from netnet.widgets.followup_list import FollowupList
from netnet.widgets.note_editor import NoteEditor
from tests.conftest import FIXED_NOW


class Alone(App):
    """One widget, focused; every message it posts is kept in ``messages``."""

    def __init__(self, widget: Widget, *kinds: type[Message]) -> None:
        super().__init__()
        self.widget = widget
        self.kinds = kinds
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield self.widget

    def on_mount(self) -> None:
        self.widget.focus()

    async def _on_message(self, message: Message) -> None:
        if isinstance(message, self.kinds):
            self.messages.append(message)
        await super()._on_message(message)


def contact(n: int, name: str) -> ContactRow:
    return ContactRow(n, name, "Acme", "Analyst", None, None, None, "2026-01-01T00:00:00+00:00", None, None)


def item(key: str, title: str, group: Group, due: date) -> FollowupItem:
    return FollowupItem(key=key, source="followup", kind="manual", title=title, due=due, group=group,
                        score=1.0, when="today")


async def test_contact_table_says_where_the_cursor_is_and_what_enter_opens() -> None:
    table = ContactTable(clock=FakeClock(FIXED_NOW))
    app = Alone(table, ContactTable.Highlighted, ContactTable.Opened)
    async with app.run_test(size=(80, 12)) as pilot:
        table.set_rows([contact(1, "Ada Lovelace"), contact(2, "Tom Becker"), contact(3, "Mei Chen")])
        await pilot.pause()
        app.messages.clear()
        await pilot.press("down", "enter")
        await pilot.pause()
        kinds = [(type(m).__name__, m.contact_id) for m in app.messages]
        assert ("Highlighted", 2) in kinds and kinds[-1] == ("Opened", 2)
        assert all(m.table is table for m in app.messages)
        table.set_rows([contact(3, "Mei Chen"), contact(2, "Tom Becker")], keep_id=2)
        assert table.current_id == 2  # the cursor stays on the same person


async def test_followup_list_skips_headings_and_says_what_is_chosen() -> None:
    today = FIXED_NOW.date()
    queue = FollowupList()
    app = Alone(queue, FollowupList.Highlighted, FollowupList.Chosen)
    async with app.run_test(size=(80, 12)) as pilot:
        queue.set_items([item("f1", "Thank Maria", Group.OVERDUE, today),
                         item("f2", "Call Tom", Group.TODAY, today),
                         item("f3", "Send the article", Group.TODAY, today)])
        await pilot.pause()
        assert [line.item for line in queue.lines] == [None, 0, None, 1, 2]  # headings between groups
        app.messages.clear()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.messages[0], FollowupList.Highlighted)
        assert app.messages[0].item.title == "Call Tom"  # the heading was stepped over
        assert isinstance(app.messages[-1], FollowupList.Chosen) and app.messages[-1].item.key == "f2"


async def test_cursor_list_keys_stay_within_the_entries() -> None:
    today = FIXED_NOW.date()
    queue = FollowupList()
    app = Alone(queue, FollowupList.Highlighted)
    async with app.run_test(size=(80, 6)) as pilot:
        queue.set_items([item(f"f{n}", f"Item {n}", Group.LATER, today) for n in range(40)])
        await pilot.pause()
        await pilot.press("up")
        assert queue.cursor == 0
        await pilot.press("end")
        assert queue.cursor == 39
        await pilot.press("down")
        assert queue.cursor == 39
        await pilot.press("home", "pagedown")
        assert 0 < queue.cursor < 39
        await pilot.pause()
        assert queue.scroll_y <= queue.line_of(queue.cursor)  # the cursor's line is in view


async def test_note_editor_stamps_on_a_line_of_their_own_and_appends_at_the_end() -> None:
    editor = NoteEditor("Talked about the team")
    app = Alone(editor, NoteEditor.Changed)
    async with app.run_test(size=(60, 10)) as pilot:
        editor.move_cursor(editor.document.end)
        editor.stamp("04:10")
        editor.append_line("To do: send the deck")
        await pilot.pause()
        assert editor.text == "Talked about the team\n[04:10] \nTo do: send the deck\n"
        assert editor.cursor_location == editor.document.end
        assert app.messages and all(m.text_area is editor for m in app.messages)
        editor.set_text("Question notes")
        assert editor.text == "Question notes" and editor.cursor_location == editor.document.end


async def test_countdown_display_rings_once_at_zero_and_says_overtime_in_words() -> None:
    clock = FakeClock(FIXED_NOW)
    shown = CountdownDisplay(Countdown(clock, 900))
    app = Alone(shown)
    async with app.run_test(size=(60, 12)) as pilot:
        clock.advance(870)  # half a minute left
        assert "ring" not in shown.update_display()
        assert shown.has_class("-last") and shown.rang == 0
        clock.advance(40)
        shown.update_display()
        clock.advance(5)
        shown.update_display()
        await pilot.pause()
        assert shown.rang == 1 and shown.has_class("-over")
        assert "over" in str(shown.query_one("#countdown-text").render()).lower()
        assert any("Time is up" in n.message for n in app._notifications)


async def test_checkboxes_and_radio_buttons_show_their_state_in_a_symbol(monkeypatch) -> None:
    """Issue 14, item 19: on and off differ by a symbol, under NO_COLOR too."""
    from textual.app import App

    from netnet.widgets.ticks import RadioChoice, TickBox

    monkeypatch.setenv("NO_COLOR", "1")

    class Boxes(App):
        def compose(self):
            yield TickBox("Sat", True, id="on")
            yield TickBox("Mon", False, id="off")
            yield RadioChoice("Phone", True, id="chosen")
            yield RadioChoice("Video", False, id="other")

    app = Boxes()
    async with app.run_test(size=(40, 8)) as pilot:
        def text(widget_id: str) -> str:
            return str(app.query_one(f"#{widget_id}").render())

        assert "✓" in text("on") and "✓" not in text("off") and "X" not in text("off")
        assert "●" in text("chosen") and "●" not in text("other")
        app.query_one("#off", TickBox).toggle()
        await pilot.pause()
        assert "✓" in text("off")
