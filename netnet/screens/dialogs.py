"""The dialog family: one confirm dialog, one save-to-file dialog, one conflict dialog, one stylesheet.

Every yes/no question in netnet is a :class:`ConfirmDialog` with the same keys:
**y** or **Enter** answers yes, **n** or **Escape** answers no. A dangerous action
(nothing to undo it) says so in words in the dialog and on its yes button, not by
colour alone. Every file a dialog writes goes through :class:`SaveFileDialog`,
which writes through the one writer (``netnet.data.files``) on the writing thread.
Every save refused because another device changed or removed the record meanwhile
asks what to do with one :class:`ConflictDialog` (see ``forms.FormBase``).

``DIALOG_CSS`` (``dialog_css.py``, carried by every ``NetnetModal``) is the one
stylesheet of netnet's dialogs: a bordered box in the middle of the screen, a
bold title, an error line, right-aligned buttons.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Static

from netnet.screens.base import NetnetModal
from netnet.screens.dialog_css import DIALOG_CSS
from netnet.screens.draftable import DraftableForm

__all__ = ["DIALOG_CSS", "ConfirmDialog", "ConflictDialog", "SaveFileDialog"]

DANGER_WORDS = "This cannot be undone."


class ConfirmDialog(NetnetModal[bool]):
    """One question, answered yes or no; answers ``True`` or ``False``.

    ``body`` explains what happens; ``danger`` marks an action that cannot be
    undone: it is said in words, and the focus starts on the no button (for a
    mouse click or Tab) while the keys stay the same.
    """

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


class ConflictDialog(NetnetModal[str | None]):
    """A save was refused: the record was changed, or removed, on another device meanwhile.

    Says so in one sentence (the service's) and answers with the person's choice:

    - ``"reload"`` (**r**): the form shows the record as saved now, and what was typed
      stays beside it to copy;
    - ``"overwrite"`` (**o**): save what was typed over the other change (only for a
      change: a removed record is never brought back);
    - ``"close"`` (**c**, a removed record only): close the form without saving;
    - ``None`` (**Escape**): back to the form as it was, the typing intact, nothing saved.
    """

    HELP = """
# Changed on another device

Nothing was saved: the record changed (or was removed) since this form opened.

- **r**: reload: the form shows the saved version; what you typed stays beside it to copy
- **o**: overwrite: save what you typed over the other change
- **c**: close the form (when the record was removed; it is not brought back)
- **Escape**: back to the form as it was, nothing saved
"""

    BINDINGS = [
        Binding("r", "reload", "Reload", tooltip="Show the saved version; what you typed stays beside it",
                id="conflict.reload", priority=True),
        Binding("o", "overwrite", "Overwrite", tooltip="Save what you typed over the other change",
                id="conflict.overwrite", priority=True),
        Binding("c", "close_form", "Close the form", tooltip="Close the form without saving",
                id="conflict.close", priority=True),
        Binding("escape", "back", "Back", tooltip="Back to the form as it was; nothing is saved",
                id="conflict.back", priority=True),
    ]
    PALETTE_NAMES = {"reload": "Reload the saved version", "overwrite": "Overwrite the other change",
                     "close_form": "Close the form without saving", "back": "Back to the form"}

    def __init__(self, sentence: str, *, gone: bool = False, can_reload: bool = True,
                 can_overwrite: bool = True) -> None:
        super().__init__(classes="conflict-screen")
        self.sentence = sentence
        self.gone = gone
        self.can_reload = can_reload and not gone
        self.can_overwrite = can_overwrite and not gone  # never brings a removed record back

    def compose(self) -> ComposeResult:
        title = "Removed on another device" if self.gone else "Changed on another device"
        with VerticalScroll(classes="netnet-dialog", id="conflict-dialog"):
            yield Static(title, classes="dialog-title", id="conflict-title", markup=False)
            yield Static(self.sentence, id="conflict-sentence", markup=False)
            if self.gone:
                yield Static("What you typed stays on the form to copy; it cannot be saved there, "
                             "so the removed record does not come back.", classes="dialog-hint", id="conflict-choices")
            else:
                lines = []
                if self.can_reload:
                    lines.append("Reload: the form shows the saved version, with what you typed beside it.")
                if self.can_overwrite:
                    lines.append("Overwrite: what you typed is saved over the other change.")
                lines.append("Escape: back to the form as it was, nothing saved.")
                yield Static("\n".join(lines), classes="dialog-hint", id="conflict-choices", markup=False)
            with Horizontal(classes="dialog-buttons"):
                if self.can_reload:
                    yield Button("Reload (r)", variant="primary", id="conflict-reload")
                if self.can_overwrite:
                    yield Button("Overwrite (o)", id="conflict-overwrite")
                if self.gone:
                    yield Button("Close the form (c)", id="conflict-close")
                yield Button("Back (esc)", id="conflict-back")

    def on_mount(self) -> None:
        # The form and its typing stay in sight above the question: every screen of netnet is
        # opaque (app.tcss), this one lets the form show through, and sits at the foot.
        self.styles.background = self.styles.background.with_alpha(0.5)
        # A removed record: the focus starts on Back (Enter keeps the typing), not on closing.
        self.query_one("#conflict-back" if self.gone else "Button").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reload":
            return self.can_reload
        if action == "overwrite":
            return self.can_overwrite
        if action == "close_form":
            return self.gone
        return True

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        answers = {"conflict-reload": "reload", "conflict-overwrite": "overwrite", "conflict-close": "close"}
        self.dismiss(answers.get(event.button.id or ""))

    def action_reload(self) -> None:
        self.dismiss("reload")

    def action_overwrite(self) -> None:
        self.dismiss("overwrite")

    def action_close_form(self) -> None:
        self.dismiss("close")

    def action_back(self) -> None:
        self.dismiss(None)


class SaveFileDialog(DraftableForm, NetnetModal[Path | None]):
    """Save a text to a file (0600, never over an existing file); answers with the path written.

    The write runs through ``run_service``: a refused path (netnet's own database, a
    device, a missing folder, a full disk, a file that exists) is one sentence on the
    error line, and the name typed stays to be corrected.

    Every text netnet saves to a file of the person's choosing goes through this
    dialog: the referral ask, a kept draft and the follow-up's message (which shows
    the message above the file name, see ``followup_dialogs.DraftScreen``). A
    subclass may rename the path field and the error line (``PATH_ID``,
    ``SAVE_ERROR_ID``), put something above the file name (``compose_above``) and
    stay open after saving (``written_to``).
    """

    HELP = """
# Save to a file

Edit the file name if you like and press **Enter**. The file is readable by you
only. An existing file is never overwritten. **Escape** cancels.
"""
    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="save-file.cancel")]

    DRAFT_KIND = "save-dialog"
    PATH_ID = "form-path"
    SAVE_ERROR_ID = "path-error"
    HINT = "Enter saves (readable by you only) · Escape cancels"
    BOX_ID = "save-file-dialog"

    def __init__(self, text: str, default: Path, title: str = "Save the draft to a file") -> None:
        super().__init__(classes="netnet-dialog-screen")
        self.text = text
        self.default = default
        self.heading = title

    def path_field(self) -> Input:
        return self.query_one(f"#{self.PATH_ID}", Input)

    def draft_title(self) -> str:
        return f"Save the draft to {self.path_field().value.strip()}"

    def draft_args(self) -> dict:
        return {"text": self.text, "default": str(self.default)}

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="netnet-dialog", id=self.BOX_ID):
            yield Static(self.heading, classes="dialog-title", markup=False)
            yield from self.compose_above()
            yield Input(str(self.default), id=self.PATH_ID)
            yield from self.compose_below()

    def compose_above(self) -> ComposeResult:
        """What the dialog shows above the file name (nothing here)."""
        yield from ()

    def compose_below(self) -> ComposeResult:
        """The error line and the keys, below the file name."""
        yield Static("", id=self.SAVE_ERROR_ID, classes="field-error")
        yield Static(self.HINT, classes="dialog-hint")

    def on_mount(self) -> None:
        self.opened()

    def opened(self) -> None:
        """Just shown: the file name has the focus (a subclass may start elsewhere)."""
        self.path_field().focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        if event.input.id != self.PATH_ID:
            return
        from netnet.data.files import save_text

        raw = event.value.strip()
        if not raw:
            self.save_failed("Type a file name.")
            return
        self.save_in_background(save_text, self.app.store, Path(raw), self.text.rstrip("\n") + "\n",
                                exclusive=True, done=self.written_to)

    def written_to(self, path: Path) -> None:
        """The file is written: answer with its path."""
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.cancel_form()  # asks first when something was typed
