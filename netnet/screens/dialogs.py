"""The dialog family: one confirm dialog, one save-to-file dialog, one stylesheet.

Every yes/no question in netnet is a :class:`ConfirmDialog` with the same keys:
**y** or **Enter** answers yes, **n** or **Escape** answers no. A dangerous action
(nothing to undo it) says so in words in the dialog and on its yes button, not by
colour alone. Every file a dialog writes goes through :class:`SaveFileDialog`,
which writes through the one writer (``netnet.data.files``) on the writing thread.

``DIALOG_CSS`` is the one stylesheet of netnet's dialogs (confirm, save, the call's
dialogs, the goal forms): a bordered box in the middle of the screen, a bold title,
an error line, right-aligned buttons.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Static

from netnet.screens.base import NetnetModal
from netnet.screens.draftable import DraftableForm

DIALOG_CSS = """
.netnet-dialog-screen {
    align: center middle;
}
.netnet-dialog, .form-dialog, .call-dialog {
    width: 72;
    max-width: 100%;
    height: auto;
    max-height: 100%;
    border: thick $primary;
    background: $surface;
    padding: 0 1;
}
.dialog-title, .form-title {
    text-style: bold;
    padding: 0 0 1 0;
}
.dialog-hint, .form-hint {
    color: $text-muted;
    padding: 0 0 0 1;
}
.dialog-danger {
    color: $error;
    text-style: bold;
}
.field-error, .dialog-error, .call-dialog-error {
    color: $error;
    padding: 0 0 0 1;
    height: auto;
}
.dialog-buttons, .form-buttons, .call-dialog-buttons {
    height: auto;
    align-horizontal: right;
    padding: 1 0 0 0;
}
.dialog-buttons Button, .call-dialog-buttons Button {
    margin-left: 1;
}
"""

DANGER_WORDS = "This cannot be undone."


class ConfirmDialog(NetnetModal[bool]):
    """One question, answered yes or no; answers ``True`` or ``False``.

    ``body`` explains what happens; ``danger`` marks an action that cannot be
    undone: it is said in words, and the focus starts on the no button (for a
    mouse click or Tab) while the keys stay the same.
    """

    DEFAULT_CSS = DIALOG_CSS
    HELP = """
# A question

- **y** or **Enter**: yes, go ahead
- **n** or **Escape**: no, leave everything as it is
"""

    BINDINGS = [
        # Priority: Enter means yes even when a button has the focus (the same keys everywhere).
        Binding("y,enter", "answer(True)", "Yes", tooltip="Yes, go ahead", id="confirm.yes", priority=True),
        Binding("n,escape", "answer(False)", "No", tooltip="No, change nothing", id="confirm.no", priority=True),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No", *, body: str = "",
                 danger: bool = False) -> None:
        super().__init__(classes="netnet-dialog-screen")
        self.question = question
        self.body = body
        self.yes_label = yes
        self.no_label = no
        self.danger = danger

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="netnet-dialog", id="confirm-dialog"):
            yield Static(self.question, classes="dialog-title", id="confirm-question", markup=False)
            if self.body:
                yield Static(self.body, id="confirm-body", markup=False)
            if self.danger and DANGER_WORDS not in self.body:
                yield Static(f"⚠ {DANGER_WORDS}", classes="dialog-danger", id="confirm-danger")
            with Horizontal(classes="dialog-buttons"):
                yes = f"⚠ {self.yes_label}" if self.danger else self.yes_label
                yield Button(f"{yes} (y, enter)", variant="error" if self.danger else "primary", id="confirm-yes")
                yield Button(f"{self.no_label} (n, esc)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no" if self.danger else "#confirm-yes").focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class SaveFileDialog(DraftableForm, NetnetModal[Path | None]):
    """Save a text to a file (0600, never over an existing file); answers with the path written.

    The write runs through ``run_service``: a refused path (netnet's own database, a
    device, a missing folder, a full disk) is one sentence under the field, and the
    name typed stays to be corrected.
    """

    DEFAULT_CSS = DIALOG_CSS
    HELP = """
# Save to a file

Edit the file name if you like and press **Enter**. The file is readable by you
only. An existing file is never overwritten. **Escape** cancels.
"""
    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="save-file.cancel")]

    DRAFT_KIND = "save-dialog"
    SAVE_ERROR_ID = "path-error"

    def __init__(self, text: str, default: Path, title: str = "Save the draft to a file") -> None:
        super().__init__(classes="netnet-dialog-screen")
        self.text = text
        self.default = default
        self.heading = title

    def draft_title(self) -> str:
        return f"Save the draft to {self.query_one('#form-path', Input).value.strip()}"

    def draft_args(self) -> dict:
        return {"text": self.text, "default": str(self.default)}

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="netnet-dialog", id="save-file-dialog"):
            yield Static(self.heading, classes="dialog-title", markup=False)
            yield Input(str(self.default), id="form-path")
            yield Static("", id="path-error", classes="field-error")
            yield Static("Enter saves (readable by you only) · Escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#form-path").focus()

    @on(Input.Submitted, "#form-path")
    def _submit(self, event: Input.Submitted) -> None:
        from netnet.data.files import save_text

        raw = event.value.strip()
        if not raw:
            self.save_failed("Type a file name.")
            return
        self.save_in_background(save_text, self.app.store, Path(raw), self.text.rstrip("\n") + "\n",
                                exclusive=True, done=self.dismiss)

    def action_cancel(self) -> None:
        self.cancel_form()  # asks first when something was typed
