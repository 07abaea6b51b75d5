"""One form base: the contact, goal, target, plan, follow-up and settings forms.

Every form of netnet is a :class:`FormBase`. It gives each form the same things:

- the draft store (:class:`~netnet.screens.draftable.DraftableForm`): what was typed
  survives netnet closing on a signal or an internal error, and is offered back;
- the same keys: **ctrl+s** saves, **Escape** closes without saving (one binding id
  each, ``form.save`` and ``form.cancel``, for every form);
- a Save and a Cancel button (``#form-save``, ``#form-cancel``) and an error line
  (the form's ``SAVE_ERROR_ID``);
- one way to save: :meth:`FormBase.action_save` asks the form for its values
  (:meth:`FormBase.collect`, which marks what is wrong and answers ``None``), then
  runs the write (``on_save``) through ``run_service``. A failed write (a version
  conflict, another netnet holding the lock, a full disk) is one sentence on the
  error line; the typing stays and ctrl+s works again. The form answers only once
  the write has landed.

A form says what it holds by overriding ``collect`` and, when its answer is not
simply what was typed, ``saved``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from netnet.screens.base import NetnetModal, ResultType
from netnet.screens.draftable import DraftableForm


class FormBase(DraftableForm, NetnetModal[ResultType]):
    """A form: fields, an error line, Save and Cancel; ctrl+s saves, Escape closes."""

    HELP = "# A form\n\n- **Tab**: next field · **Ctrl+S**: save · **Escape**: close without saving"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save and close", id="form.save"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="form.cancel"),
    ]

    ENTER_SAVES: ClassVar[bool] = False
    """Whether Enter in a one-line field saves (short forms) or moves to the next field."""

    def __init__(self, *, on_save: Callable[[Any], Any] | None = None) -> None:
        super().__init__(classes="netnet-dialog-screen")
        if on_save is not None:
            self.on_save = on_save

    # -- what a form says --------------------------------------------------------
    def collect(self) -> Any | None:  # pragma: no cover - every form overrides it
        """The values as typed, or None once what is wrong has been said on the form."""
        raise NotImplementedError

    def saved(self, value: Any, result: Any) -> None:
        """The write landed: answer with what was typed (a form may answer with ``result``)."""
        self.dismiss(value)

    # -- layout -------------------------------------------------------------------
    def buttons(self) -> ComposeResult:
        """The error line and the Save and Cancel buttons, at the foot of the form."""
        yield Static("", id=self.SAVE_ERROR_ID, classes="field-error form-error")
        with Horizontal(classes="dialog-buttons"):
            yield Button("Save (ctrl+s)", variant="primary", id="form-save")
            yield Button("Cancel (esc)", id="form-cancel")

    def say(self, sentence: str) -> None:
        """One sentence on the form's error line (what is wrong, or why nothing was saved)."""
        self.save_failed(sentence)

    # -- keys and buttons ------------------------------------------------------------
    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        if self.ENTER_SAVES:
            self.action_save()
        else:
            self.focus_next()

    def action_cancel(self) -> None:
        self.cancel_form()  # asks once first when something was typed (DraftableForm)

    def action_save(self) -> None:
        if self.saving:
            return
        value = self.collect()
        if value is None:
            return
        if self.on_save is None:
            self.dismiss(value)
            return
        self.save_in_background(self.on_save, value, done=lambda result: self.saved(value, result))
