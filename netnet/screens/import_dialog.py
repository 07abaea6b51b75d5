"""Importing from inside the app: a dialog that asks for a file and shows the summary.

The command palette lists one entry per kind of file and one to undo the latest
import. The import runs in a thread worker through the same service as
``netnet import``; the dialog never holds a database connection.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Static

from netnet.screens.base import NetnetModal
from netnet.screens.draftable import DraftableForm
from netnet.widgets.ticks import TickBox

KINDS = {
    "linkedin": ("Import LinkedIn connections", "LinkedIn's Connections.csv export", "Connections.csv"),
    "vcard": ("Import vCards", "a .vcf file from your phone or address book (one card or many)", "contacts.vcf"),
    "csv": ("Import a CSV file", "a spreadsheet with a header row (name, e-mail, phone, company…)", "people.csv"),
    "json": ("Import a netnet JSON export", "a full export; into an empty network it restores everything",
             "netnet.json"),
}
MAX_REJECTED_SHOWN = 8

if TYPE_CHECKING:
    from netnet.app import NetnetApp


class ImportDialog(DraftableForm, NetnetModal[str | None]):
    """Ask for a file, import it in a worker, show what happened. Returns the summary line."""

    DEFAULT_CSS = """
    ImportDialog { align: center middle; }
    #import-dialog {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    #import-dialog Input { margin: 1 0 0 0; }
    #import-result { margin: 1 0 0 0; height: auto; max-height: 12; }
    #import-buttons { height: auto; margin: 1 0 0 0; }
    #import-buttons Button { margin: 0 1 0 0; }
    """

    HELP = """
# Import

Type the path of the file and press **Enter**. People already in your network
(same e-mail, phone or LinkedIn link, or same name and organisation) are
updated or skipped, never doubled. Imported people get no keep-in-touch
cadence until you give them a circle.

- **Enter**: import · **Escape**: close
- Tick *dry run* to see what would happen without writing anything.
- `Undo last import` in the command palette reverses the latest import.
"""

    BINDINGS = [Binding("escape", "close", "Close", tooltip="Close this dialog", id="import.close")]

    DRAFT_KIND = "import"

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self.summary: str | None = None

    def draft_title(self) -> str:
        return f"{KINDS[self.kind][0]} — {self.query_one('#import-path', Input).value.strip()}"

    def draft_args(self) -> dict:
        return {"kind": self.kind}

    def compose(self) -> ComposeResult:
        title, what, example = KINDS[self.kind]
        with Vertical(id="import-dialog"):
            yield Static(f"[b]{title}[/b]\nThe file: {what}.")
            yield Input(placeholder=f"Path, e.g. ~/Downloads/{example}", id="import-path")
            yield TickBox("Dry run: show what would happen, write nothing", id="import-dry-run")
            yield Static("", id="import-result")
            with Horizontal(id="import-buttons"):
                yield Button("Import", variant="primary", id="import-go")
                yield Button("Close", id="import-close")

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-go")
    def _start(self) -> None:
        raw = self.query_one("#import-path", Input).value.strip()
        if not raw:
            self._show("‼ Type the path of the file to import.")
            return
        self.query_one("#import-go", Button).disabled = True
        self._show("Importing…")

        self.run_service(run_import, self.app.store, self.kind, Path(raw).expanduser(), self.app.clock,
                         self.query_one("#import-dry-run", Checkbox).value,
                         done=lambda said: self._done(*said),
                         failed=lambda sentence: self._done("‼ " + sentence, None))

    def _done(self, text: str, summary: str | None) -> None:
        self._show(text)
        self.query_one("#import-go", Button).disabled = False
        if summary is not None:
            self.summary = summary
            self.app.notify_data_changed()  # refreshes every view and the header's counts

    def _show(self, text: str) -> None:
        from rich.text import Text

        self.query_one("#import-result", Static).update(Text(text))

    @on(Button.Pressed, "#import-close")
    def action_close(self) -> None:
        self.dismiss(self.summary)


def import_commands(app: NetnetApp) -> Iterable[SystemCommand]:
    """Palette entries: one per kind of file, and undo."""
    for kind, (title, what, _example) in KINDS.items():
        yield SystemCommand(title, f"Bring people in from {what}",
                            lambda kind=kind: app.push_screen(ImportDialog(kind)))
    yield SystemCommand("Undo last import", "Reverse the latest import (people changed since are kept)",
                        lambda: _undo(app))


def run_import(store, kind: str, path: Path, clock, dry_run: bool) -> tuple[str, str | None]:
    """Import a file (on the writing thread): what to show, and the summary line when written."""
    from netnet.core.records import FileRefused
    from netnet.importing import import_file

    try:
        summary = import_file(store, kind, path, clock, dry_run=dry_run)
    except FileRefused as exc:  # its sentence names the file
        return "‼ " + exc.sentence(path.name), None
    lines = [summary.line()]
    lines += [f"{path.name} {r.place}: {r.reason}" for r in summary.rejected[:MAX_REJECTED_SHOWN]]
    if len(summary.rejected) > MAX_REJECTED_SHOWN:
        lines.append(f"… and {len(summary.rejected) - MAX_REJECTED_SHOWN} more rejected "
                     f"(`netnet import {kind} FILE --dry-run` lists them all).")
    lines += summary.notes
    return "\n".join(lines), None if dry_run else summary.line()


def _undo(app: NetnetApp) -> None:
    from netnet.data.undo import undo_last_import

    def undone(summary) -> None:
        app.notify(summary.line())
        app.notify_data_changed()  # refreshes every view and the header's counts

    app.run_service(undo_last_import, app.store, app.clock, done=undone)
