"""What I've learned (the goal page's w) and Who told me… (w in Interviews, and the palette) on
screen: pilot tests drive the keys at 80x24; snapshot tests (SVGs under tests/__snapshots__/) keep
the look; the note list is also tested alone."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from netnet.data.contacts import log_interaction
from netnet.screens.contact import ContactScreen
from netnet.screens.goals import GoalScreen
from netnet.screens.learned import LearnedScreen
from netnet.screens.notes_search import NotesSearchScreen
from netnet.screens.wrapup import WrapupScreen
from netnet.screenshots import settle
from netnet.widgets.help_panel import NetnetHelp
from netnet.widgets.note_list import NoteEntry, NoteList, wrap
from tests import builders
from tests.notes_builders import held_interview


def _network(store, clock) -> dict[str, int]:
    goal = builders.goal(store, clock, "Move into analytics")
    maria = builders.person(store, clock, "Maria Lindqvist", organisation="Harbour Health")
    joe = builders.person(store, clock, "Joe Okafor")
    older = held_interview(store, clock, joe, goal_id=goal, days_ago=12,
                           notes="[02:00] Kestrel Labs hires analysts every spring.",
                           learned="Spring is when the hiring happens.")
    newer = held_interview(store, clock, maria, goal_id=goal, days_ago=3,
                           notes="[00:40] Most analysts came from operations.\n[04:10] SQL beats fancy models.",
                           answers={2: "Referrals, then a take-home."}, learned="Learn SQL properly.",
                           plan=["Take an SQL course"])
    log_interaction(store, joe, "meeting", clock, "Coffee: he says SQL is the way in.",
                    clock.now() - timedelta(days=1))
    return {"goal": goal, "maria": maria, "joe": joe, "older": older, "newer": newer}


def _status(screen, selector: str) -> str:
    return " ".join(str(screen.query_one(selector, Static).render()).split())


async def _open_learned(app, pilot) -> LearnedScreen:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, GoalScreen)
    await pilot.press("w")
    await settle(pilot)
    assert isinstance(app.screen, LearnedScreen)
    return app.screen


async def test_w_on_the_goal_page_gathers_every_interview_newest_first(store, clock, make_app) -> None:
    made = _network(store, clock)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_learned(app, pilot)
        listing = screen.query_one(NoteList)
        assert _status(screen, "#learned-head") == (
            "Move into analytics 2 interviews · 2 lessons · 3 call notes · 1 answer · 1 plan item")
        headings = [entry.heading for entry in listing.entries if entry.heading]
        assert headings == ["Maria Lindqvist · Harbour Health · Tue 24 Nov", "Joe Okafor · Sun 15 Nov"]
        assert [(entry.label, entry.text) for entry in listing.entries[:5]] == [
            ("Learned", "Learn SQL properly."), ("[00:40]", "Most analysts came from operations."),
            ("[04:10]", "SQL beats fancy models."), ("Q2", "Referrals, then a take-home."),
            ("Plan", "Take an SQL course (skill to gain, short term, idea)")]
        assert listing.entries[3].dim == "How does hiring work here?\u00a0— "
        await pilot.press("enter")  # the interview it came from: its notes and wrap-up
        await settle(pilot)
        assert isinstance(app.screen, WrapupScreen) and app.screen.interview_id == made["newer"]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("end", "o")
        await settle(pilot)
        assert isinstance(app.screen, ContactScreen) and app.screen.contact_id == made["joe"]


async def test_slash_searches_within_and_escape_clears_then_goes_back(store, clock, make_app) -> None:
    _network(store, clock)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_learned(app, pilot)
        listing = screen.query_one(NoteList)
        await pilot.press("slash", "s", "q", "l")
        await settle(pilot)
        assert screen.query_one("#learned-search", Input).value == "sql"
        assert [entry.text for entry in listing.entries] == [
            "Learn SQL properly.", "SQL beats fancy models.", "Take an SQL course (skill to gain, short term, idea)"]
        assert listing.words == ["sql"]
        assert "3 lines from 1 interview match “sql”" in _status(screen, "#learned-head")
        await pilot.press("ctrl+a", "ctrl+k", *"SPRÍNG")  # accents and case aside
        await settle(pilot)
        assert [entry.text for entry in listing.entries] == ["Spring is when the hiring happens.",
                                                             "Kestrel Labs hires analysts every spring."]
        await pilot.press("escape")
        await settle(pilot)
        assert len(listing.entries) == 7 and not screen.query_one("#learned-search").display
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, GoalScreen)


async def test_a_goal_without_interviews_says_how_lessons_get_there(store, clock, make_app) -> None:
    builders.goal(store, clock, "Learn forecasting")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_learned(app, pilot)
        assert screen.query_one("#learned-empty").display
        assert "Nothing learned for this goal yet" in _status(screen, "#learned-empty")
        notes = []
        app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        await pilot.press("slash")
        assert notes == ["Nothing to search yet: no interview for this goal holds notes."]


async def _open_search(app, pilot) -> NotesSearchScreen:
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    await pilot.press("w")
    await settle(pilot)
    assert isinstance(app.screen, NotesSearchScreen)
    return app.screen


async def test_w_in_interviews_searches_every_note_as_you_type(store, clock, make_app) -> None:
    made = _network(store, clock)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_search(app, pilot)
        listing = screen.query_one(NoteList)
        assert app.focused is screen.query_one("#notes-query")
        await pilot.press("s")
        await settle(pilot)
        assert listing.entries == [] and "One more letter" in _status(screen, "#notes-status")
        await pilot.press("q", "l")
        await settle(pilot)
        assert [(entry.head, entry.text) for entry in listing.entries] == [
            ("Thu 26 Nov · Joe Okafor · logged meeting", "Coffee: he says SQL is the way in."),
            ("Tue 24 Nov · Maria Lindqvist · call note [04:10]", "SQL beats fancy models."),
            ("Tue 24 Nov · Maria Lindqvist · lesson", "Learn SQL properly.")]
        assert _status(screen, "#notes-status") == "3 lines from 2 people hold “sql”, newest first."
        await pilot.press("enter")  # a logged meeting: the person
        await settle(pilot)
        assert isinstance(app.screen, ContactScreen) and app.screen.contact_id == made["joe"]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("down", "enter")  # a call note: the interview
        await settle(pilot)
        assert isinstance(app.screen, WrapupScreen) and app.screen.interview_id == made["newer"]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+o")  # the person who said it
        await settle(pilot)
        assert isinstance(app.screen, ContactScreen) and app.screen.contact_id == made["maria"]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press(*" glaciology")
        await settle(pilot)
        assert _status(screen, "#notes-status").startswith("No note holds “sql glaciology”")
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_one("#notes-query", Input).value == ""
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, NotesSearchScreen)


async def test_the_palette_and_help_name_both_views(store, clock, make_app) -> None:
    _network(store, clock)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Who told me about… (search every note)" in titles  # from any section
        screen = await _open_learned(app, pilot)
        await pilot.press("f1")
        await settle(pilot)
        text = str(screen.query_one(NetnetHelp).query_one("#widget-help").source)
        for key in ("/", "Enter", "o", "Escape"):
            assert re.search(rf"\*\*[^*]*{re.escape(key)}[^*]*\*\*", text), key
        await pilot.press("f1", "escape")
        await settle(pilot)
        goal_titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "What I've learned (this goal's interviews)" in goal_titles
        app.open_notes_search()
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        text = str(app.screen.query_one(NetnetHelp).query_one("#widget-help").source)
        for key in ("Enter", "Ctrl+O", "Escape", "Tab"):
            assert f"**{key}**" in text, key


# -- the note list alone ------------------------------------------------------------

class Alone(App):
    def __init__(self, widget) -> None:
        super().__init__()
        self.widget = widget
        self.chosen: list[int] = []

    def compose(self) -> ComposeResult:
        yield self.widget

    def on_mount(self) -> None:
        self.widget.focus()

    def on_note_list_chosen(self, message: NoteList.Chosen) -> None:
        self.chosen.append(message.index)


async def test_the_note_list_wraps_entries_steps_over_headings_and_says_what_is_chosen() -> None:
    listing = NoteList(label_width=4)
    app = Alone(listing)
    async with app.run_test(size=(40, 8)) as pilot:
        listing.set_entries([NoteEntry("A short line", "Q1", heading="Maria · Tue 24 Nov"),
                             NoteEntry("A line long enough to wrap over two lines or more here", "Q2"),
                             NoteEntry("Last", heading="Joe · Sun 15 Nov")], ["line"])
        await pilot.pause()
        assert [(line.entry, line.kind) for line in listing.lines][:3] == [(None, "heading"), (0, "text"), (1, "text")]
        assert listing.line_of(1) > listing.first_line_of(1)  # the entry wraps
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert listing.current == 2 and app.chosen == [2]
        assert listing.first_line_of(2) == listing.line_of(2) - 1  # its heading above it
    assert wrap("one two three", 7) == ["one two", "three"]
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]


# -- snapshots ---------------------------------------------------------------------

def _drive(*keys: str, section: str = "2", open_goal: bool = True):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(section)
        await settle(pilot)
        if open_goal:
            await pilot.press("enter")
            await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        pilot.app.clear_notifications()  # the start-up notice lasts seconds: a slow run would lose it
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_what_i_learned(snap_compare, demo_store, make_app, size) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=size, run_before=_drive("w"))


def test_what_i_learned_searched(snap_compare, demo_store, make_app) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=_drive("w", "slash", *"sql"))


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_who_told_me(snap_compare, demo_store, make_app, size) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=size,
                        run_before=_drive("w", *"carlos", section="3", open_goal=False))
