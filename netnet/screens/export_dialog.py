"""Export and back up from inside netnet: the palette's "Export …" and "Back up …" entries.

Each asks for a file name in the one save-to-file dialog; the file is written
0600 through the one writer and never over an existing file, exactly as
``netnet export`` and ``netnet backup`` do.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import SystemCommand
from textual.widgets import Input

from netnet.screens.dialogs import SaveFileDialog

if TYPE_CHECKING:
    from netnet.app import NetnetApp

# kind: (palette name, what it holds, file suffix)
EXPORTS = {
    "vcard": ("Export contacts as vCard", "every contact as a vCard 4.0 file, for a phone or mail program", "vcf"),
    "csv": ("Export contacts as CSV", "every contact as a spreadsheet-safe CSV file", "csv"),
    "json": ("Export everything as JSON", "the whole network, lossless (netnet import json reads it)", "json"),
    "ics": ("Export follow-ups and interviews to a calendar", "an iCalendar (.ics) file", "ics"),
    "markdown": ("Export interview notes as Markdown", "what each goal's interviews taught, then every "
                 "interview's notes, in one Markdown file", "md"),
}


def free_name(folder: Path, stem: str, suffix: str) -> Path:
    path, n = folder / f"{stem}.{suffix}", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}.{suffix}", n + 1
    return path


class ExportDialog(SaveFileDialog):
    """The save-to-file dialog for an export: a file name is not typing worth keeping."""

    def has_typing(self) -> bool:
        return False


class BackupDialog(SaveFileDialog):
    """The save-to-file dialog, writing a consistent copy of the database (``netnet backup``)."""

    HELP = """
# Back up

Edit the file name if you like and press **Enter**: a consistent copy of your
network, safe while netnet runs, readable by you only. An existing file is
never overwritten. **Escape** cancels.
"""

    def has_typing(self) -> bool:
        return False

    @on(Input.Submitted, "#form-path")
    def _submit(self, event: Input.Submitted) -> None:
        from netnet.data.backup import backup_database

        event.prevent_default()  # the save-to-file dialog's own handler writes text: not here
        raw = event.value.strip()
        if not raw:
            self.save_failed("Type a file name.")
            return
        self.save_in_background(backup_database, self.app.store, Path(raw).expanduser(), done=self.dismiss)


def export(app: NetnetApp, kind: str) -> None:
    from netnet.importing import render_export

    title, _what, suffix = EXPORTS[kind]
    default = free_name(Path.home(), f"netnet-{date.today().isoformat()}", suffix)

    def saved(path: Path | None) -> None:
        if path is not None:
            app.notify(f"Exported to {path} (readable by you only).")

    def ask(text: str) -> None:
        app.push_screen(ExportDialog(text, default, title), saved)

    app.run_service(render_export, app.store, kind, app.clock, done=ask)


def back_up(app: NetnetApp) -> None:
    default = free_name(Path.home(), f"netnet-backup-{date.today().isoformat()}", "db")

    def saved(path: Path | None) -> None:
        if path is not None:
            app.notify(f"Backed up to {path} (readable by you only).")

    app.push_screen(BackupDialog("", default, "Back up the database to a file"), saved)


def file_commands(app: NetnetApp) -> Iterable[SystemCommand]:
    """Palette entries: each export, and a backup."""
    for kind, (title, what, _suffix) in EXPORTS.items():
        yield SystemCommand(title, f"Save {what} (netnet export {kind})", lambda kind=kind: export(app, kind))
    yield SystemCommand("Back up the database", "A consistent copy, safe while netnet runs (netnet backup)",
                        lambda: back_up(app))
