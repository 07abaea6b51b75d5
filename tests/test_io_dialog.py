"""Importing from the app: the palette entry opens a dialog that imports in a worker."""

from __future__ import annotations

from pathlib import Path

from netnet.data.contacts import list_contacts
from netnet.screens.import_dialog import ImportDialog

FIXTURES = Path(__file__).parent / "fixtures"


async def test_palette_lists_the_import_commands(store, make_app) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 30)):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Import LinkedIn connections", "Import vCards", "Import a CSV file",
                "Import a netnet JSON export", "Undo last import"} <= set(titles)


async def test_the_dialog_imports_and_shows_the_summary(store, make_app) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = ImportDialog("linkedin")
        await app.push_screen(dialog)
        await pilot.pause()
        for ch in str(FIXTURES / "linkedin_connections.csv"):
            await pilot.press(ch if ch != " " else "space")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(dialog.query_one("#import-result").render())
        assert "4 created, 0 updated, 0 skipped, 2 rejected" in shown
        assert "line 8: has no first or last name" in shown
        assert len(list_contacts(store)) == 4
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)


async def test_a_wrong_file_is_explained_in_the_dialog(store, make_app, tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes\n")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = ImportDialog("vcard")
        await app.push_screen(dialog)
        dialog.query_one("#import-path").value = str(bad)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "was not imported: it is not a vCard file" in str(dialog.query_one("#import-result").render())
        assert list_contacts(store) == []
