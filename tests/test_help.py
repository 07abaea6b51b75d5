"""F1 lists every key of the screen, scrolls, and leaves a call's notes their room (issue 14, item 18)."""

from __future__ import annotations

import re

from netnet.data import interviews as iv
from netnet.screens.call import CallScreen
from netnet.screenshots import settle
from netnet.widgets.help_panel import NetnetHelp
from tests import builders as b

NAMES = {"full_stop": ".", "comma": ",", "slash": "/", "enter": "Enter", "escape": "Escape", "space": "Space",
         "delete": "Delete", "shift+tab": "Shift+Tab", "tab": "Tab", "ctrl+s": "Ctrl+S"}


def key_words(key: str) -> str:
    return NAMES.get(key, key.upper() if key.startswith("f") and key[1:].isdigit() else key)


def shown_help(app) -> str:
    return str(app.screen.query_one(NetnetHelp).query_one("#widget-help").source)


async def _every_key_is_in_the_help(app, pilot) -> None:
    await pilot.press("f1")
    await settle(pilot)
    text = shown_help(app)
    for binding in app.screen.BINDINGS:
        if binding.id and binding.id.endswith(".search"):
            continue
        first = key_words(binding.key.split(",")[0])
        assert re.search(rf"\*\*[^*]*{re.escape(first)}[^*]*\*\*", text), (type(app.screen).__name__, first)


async def test_each_section_lists_every_key_of_its_screen(store, clock, make_app) -> None:
    b.person(store, clock, "Ana Ribeiro")
    b.goal(store, clock)
    b.followup(store, clock, "Send the report")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for section in ("1", "2", "3", "4", "5"):
            await pilot.press(section)
            await settle(pilot)
            await _every_key_is_in_the_help(app, pilot)
            await pilot.press("f1")
            await settle(pilot)
            assert not app.screen.query(NetnetHelp)


async def test_help_in_a_call_at_80x24_shows_f6_to_f12_and_keeps_the_notes_wide(store, clock, make_app) -> None:
    b.person(store, clock, "Maria Lindqvist")
    iid = iv.quick_call(store, clock, "Maria Lindqvist")
    app = make_app(store, initial_call=iid)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CallScreen)
        await _every_key_is_in_the_help(app, pilot)
        text = shown_help(app)
        for key in ("F6", "F7", "F8", "F9", "F12"):
            assert f"**{key}**" in text
        notes = app.screen.query_one("#call-notes")
        assert notes.size.width >= 40
        panel = app.screen.query_one(NetnetHelp)
        scroll = panel.query_one("#help-scroll")
        assert scroll.max_scroll_y > 0  # more than fits: it scrolls rather than cutting off
        assert app.focused is notes  # typing still goes into the notes
