"""Pilot tests of the shell: first screen, search, help, palette, settings, quitting, refresh."""

from __future__ import annotations

from netnet.data import contacts as svc
from netnet.data.store import raw_connect
from netnet.screenshots import settle
from netnet.widgets.contact_table import ContactTable
from tests import builders
from tests.waiting import wait_until


async def test_opens_on_contacts_with_rows(store, clock, make_app) -> None:
    builders.people(store, clock, "Tom Becker", "Ben Adeyemi", "Mei Chen")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.current_mode == "contacts"
        table = app.screen.query_one(ContactTable)
        assert [r.display_name for r in table.rows] == ["Ben Adeyemi", "Tom Becker", "Mei Chen"]
        assert "3 contacts" in app.sub_title


async def test_empty_network_says_how_to_begin(store, make_app) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        empty = app.screen.query_one("#contacts-empty")
        assert empty.display
        text = str(empty.render())
        assert "netnet import linkedin" in text and "--demo" in text


async def test_search_as_you_type(store, clock, make_app) -> None:
    builders.people(store, clock, "Søren Kjær", "Tom Becker", "Mei Chen")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "s", "o", "r")
        await settle(pilot)
        table = app.screen.query_one(ContactTable)
        assert [r.display_name for r in table.rows] == ["Søren Kjær"]  # accents do not matter
        await pilot.press("escape")
        await settle(pilot)
        assert len(table.rows) == 3
        assert table.has_focus


async def test_q_types_into_search_but_quits_from_the_list(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "q")
        await settle(pilot)
        assert app.is_running
        assert app.screen.query_one("#contacts-search").value == "q"
        await pilot.press("escape", "q")
        await pilot.pause()
    assert app.return_code == 0


async def test_end_jumps_to_the_last_contact(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("end")
        table = app.screen.query_one(ContactTable)
        assert table.cursor == len(table.rows) - 1 > 0
        assert table.scroll_y > 0
        await pilot.press("home")
        assert table.cursor == 0 and table.scroll_y == 0


async def test_f1_shows_help_for_what_has_focus(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.query("HelpPanel")
        await pilot.press("f1")
        await pilot.pause()
        assert not app.screen.query("HelpPanel")


async def test_palette_names_every_action(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for section in app.sections:
            assert f"Go to {section.title}" in titles
        assert {"Settings", "Search contacts", "Open contact", "Quit netnet", "Help for this screen"} <= titles


async def test_palette_opens_and_runs_a_command(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"settings")
        await wait_until(pilot, lambda: "Settings" in str(app.screen.query("CommandList").first().get_option_at_index(0).prompt)
                         if app.screen.query("CommandList") and app.screen.query("CommandList").first().option_count
                         else False)
        await pilot.press("enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "SettingsScreen")


async def test_settings_validate_and_persist(demo_store, make_app) -> None:
    from netnet.data.settings import load_settings

    app = make_app(demo_store)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#settings-call-minutes").value = "abc"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "whole number" in str(screen.query_one("#settings-error").render())
        screen.query_one("#settings-call-minutes").value = "20"
        screen.query_one("#cad-friend-ideal").value = "10"
        screen.query_one("#cad-friend-max").value = "5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "maximum must be at least" in str(screen.query_one("#settings-error").render())
        screen.query_one("#cad-friend-max").value = "40"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not screen
    saved = load_settings(demo_store)
    assert saved.call_minutes == 20
    assert saved.cadence["friend"] == [10, 40]


async def test_theme_choice_is_kept(demo_store, make_app) -> None:
    from netnet.data.settings import load_settings

    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    assert load_settings(demo_store).theme == "nord"
    app2 = make_app(demo_store)
    async with app2.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app2.theme == "nord"


async def test_views_refresh_when_another_process_writes(store, make_app, clock) -> None:
    builders.people(store, clock, "Tom Becker", "Mei Chen")
    demo_store = store
    app = make_app(demo_store, poll_interval=0.05)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        other = raw_connect(demo_store.path)
        from netnet.data.contacts import ContactInput, insert_contact
        from netnet.data.store import immediate

        with immediate(other):
            insert_contact(other, ContactInput("Aaron Aardvark", family_name="Aardvark", given_name="Aaron"), clock.now())
        other.close()
        table = app.screen.query_one(ContactTable)
        await wait_until(pilot, lambda: bool(table.rows) and table.rows[0].display_name == "Aaron Aardvark")
        await settle(pilot)
        assert svc.count_contacts(demo_store) == 3


async def test_sigterm_saves_and_exits(demo_store, make_app) -> None:
    import os
    import signal

    app = make_app(demo_store)
    saved = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.save_now = lambda: saved.append(True)
        os.kill(os.getpid(), signal.SIGTERM)
        await wait_until(pilot, lambda: saved == [True])
    assert saved == [True]
    assert app.return_code == 128 + signal.SIGTERM


async def test_slash_inside_search_is_typed(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "a", "slash", "b")
        assert app.screen.query_one("#contacts-search").value == "a/b"


async def test_help_and_palette_work_inside_a_dialog(demo_store, make_app) -> None:
    from textual.command import CommandPalette

    app = make_app(demo_store)
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        dialog = app.screen
        assert type(dialog).__name__ == "SettingsScreen"
        await pilot.press("f1")
        await pilot.pause()
        assert dialog.query("HelpPanel")
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_no_color_is_respected(demo_store, make_app, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        # Meaning still reaches the reader: states are words and symbols.
        table = app.screen.query_one(ContactTable)
        lines = [table.render_line(y).text for y in range(1, 12)]
        assert any("‼ overdue" in line for line in lines)
        assert any("✓ in touch" in line for line in lines)


async def test_an_internal_error_is_logged_with_a_one_line_pointer(demo_store, make_app, tmp_path) -> None:
    import pytest

    log = tmp_path / "log" / "netnet.log"
    app = make_app(demo_store, log_path=log)
    saved = []
    shown = []
    app._print_error_renderables = lambda: shown.extend(str(r) for r in app._exit_renderables)

    def boom() -> None:
        raise RuntimeError("something netnet got wrong")

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.screen.save_now = lambda: saved.append(True)
            app.call_later(boom)
            await wait_until(pilot, lambda: saved == [True])
    assert app.return_code == 1
    assert "something netnet got wrong" in log.read_text()
    assert saved == [True]  # typing is saved even on the way out of a crash
    pointer = [str(r) for r in app._exit_renderables] + shown
    assert any("details were written to" in p and str(log) in p for p in pointer), pointer
