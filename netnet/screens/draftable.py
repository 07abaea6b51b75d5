"""Forms whose typing survives netnet closing, and that keep it when a save fails.

Every dialog with typed content mixes in ``DraftableForm`` (before
``ModalScreen``). A form registers with the app when mounted and leaves the
registry when dismissed. When netnet is closed by SIGTERM/SIGHUP or stops on an
internal error, the app asks every registered form whether something was typed
(its values differ from those it opened with) and keeps those values as a
draft (``netnet.data.drafts``); the next start offers them back
(``netnet.screens.draft_offer``).

Why a draft and not a save: a signal or a crash arrives at any moment, often
mid-word. Saving would write half-finished input as if the person had meant it
(a name cut short, a half-typed date read as another day) and would need each
form's own validation and write path to run inside a signal handler. A draft is
one uniform, small, synchronous insert that changes nothing the person already
saved; they decide at the next start. (The call screen keeps its own
``save_now``: its notes are saved continuously anyway.)

The same mixin gives each form one way to save in the background
(``save_in_background``): a failed write (another netnet holding the lock, a
full disk, a conflict) shows one sentence on the form, keeps the typing and
lets the person press save again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, ClassVar

from textual.widgets import Checkbox, Input, Select, Static, Switch, TextArea

from netnet.screens.base import ServiceCaller, failure_sentence

__all__ = ["DraftableForm", "failure_sentence"]  # failure_sentence: its old home, still imported

log = logging.getLogger("netnet")

_TYPED = (Input, TextArea, Select, Checkbox, Switch)


class DraftableForm(ServiceCaller):
    """Mix into a ``ModalScreen`` form: registry, typed-value snapshot, drafts, safe saving.

    A form sets ``DRAFT_KIND`` (the key of its reopen function in
    ``netnet.screens.draft_offer.REOPEN``) and overrides ``draft_title`` and
    ``draft_args``. A form that fills itself from a worker sets
    ``DRAFT_LOADS_LATER`` and calls ``draft_ready()`` once filled.
    """

    DRAFT_KIND: ClassVar[str] = ""
    DRAFT_LOADS_LATER: ClassVar[bool] = False
    SAVE_ERROR_ID: ClassVar[str] = "save-error"  # the Static that shows why a save failed

    draft_id: int | None = None  # the stored draft this form was reopened from
    on_save: Callable[[Any], Any] | None = None  # the write run before the form answers (see finish)
    _draft_restore: dict[str, Any] | None = None
    _draft_baseline: dict[str, Any] | None = None
    saving: bool = False

    # -- what a form says about itself ----------------------------------------
    def draft_title(self) -> str:
        return self.DRAFT_KIND

    def draft_args(self) -> dict[str, Any]:
        """What the reopen function needs to open the same form again (JSON)."""
        return {}

    def draft_extra(self) -> dict[str, Any]:
        """State that lives outside widgets (e.g. a chosen person), kept with the fields."""
        return {}

    def restore_extra(self, extra: dict[str, Any]) -> None:
        """Put back what ``draft_extra`` returned."""

    # -- registry ---------------------------------------------------------------
    def _on_mount(self, event) -> None:
        self.app.register_form(self)
        if not self.DRAFT_LOADS_LATER:
            # At once, not after a refresh: keys typed straight away must count as typing.
            # (The subclass's own on_mount, which fills the form, has run already.)
            self.draft_ready()

    def _on_unmount(self, event) -> None:
        self.app.unregister_form(self)

    def dismiss(self, result=None):
        """Leave the registry and forget the draft this form came from, then dismiss.

        While a save is under way (waiting for another netnet's lock, say) the form
        does not close without its answer: the write may still go through.
        """
        if self.saving and result is None:
            self.notify("Still saving (waiting for the database); the form closes when it is done.",
                        severity="warning")
            return None
        self.app.unregister_form(self)
        if self.draft_id is not None:
            self.app.forget_draft(self.draft_id)
            self.draft_id = None
        return super().dismiss(result)

    # -- values -------------------------------------------------------------------
    def draft_values(self) -> dict[str, Any]:
        """Every typed widget's value by id (Select.NULL as None)."""
        values: dict[str, Any] = {}
        for widget in self.query("*"):
            if not isinstance(widget, _TYPED) or not widget.id:
                continue
            if isinstance(widget, TextArea):
                if widget.read_only:
                    continue
                values[widget.id] = widget.text
            elif isinstance(widget, Select):
                value = widget.value
                values[widget.id] = None if value is Select.NULL else value
            else:
                values[widget.id] = widget.value
        extra = self.draft_extra()
        if extra:
            values["_extra"] = extra
        return values

    def put_values(self, values: dict[str, Any]) -> None:
        """Put typed values back into the widgets with those ids (unknown ids are skipped)."""
        for widget_id, value in values.items():
            if widget_id == "_extra":
                continue
            found = self.query(f"#{widget_id}")
            if not found:
                continue
            widget = found.first()
            try:
                if isinstance(widget, TextArea):
                    widget.text = str(value or "")
                elif isinstance(widget, Select):
                    if value is None:
                        if widget._allow_blank:
                            widget.value = Select.NULL
                    else:
                        widget.value = value
                elif isinstance(widget, Input):
                    widget.value = str(value or "")
                elif isinstance(widget, (Checkbox, Switch)):
                    widget.value = bool(value)
            except Exception:  # an option that no longer exists: leave the widget as it opened
                log.info("draft value for %s not restored", widget_id)
        if isinstance(values.get("_extra"), dict):
            self.restore_extra(values["_extra"])

    def draft_ready(self) -> None:
        """The form shows what it opened with: remember that, then put a draft back if any."""
        if not self.is_attached:
            return
        self._draft_baseline = self.draft_values()
        if self._draft_restore is not None:
            values, self._draft_restore = self._draft_restore, None
            self.put_values(values)

    def restore_draft(self, draft_id: int, values: dict[str, Any]) -> None:
        """Before pushing: this form comes from a draft and gets these values once ready."""
        self.draft_id = draft_id
        self._draft_restore = values

    def has_typing(self) -> bool:
        """Whether anything differs from what the form opened with (or it came from a draft)."""
        if not self.is_attached:
            return False
        if self.draft_id is not None:
            return True
        if self._draft_baseline is None:
            return False
        return self.draft_values() != self._draft_baseline

    # -- closing without saving ------------------------------------------------------
    def cancel_form(self) -> None:
        """Escape or Cancel: close without saving; when something was typed, ask once first."""
        if self.saving or not self.has_typing():
            self.dismiss(None)  # while a save waits, this says so and keeps the form
            return

        def answered(discard: bool | None) -> None:
            if discard and self.is_attached:
                self.dismiss(None)

        # Through the app: the dialog family (screens.dialogs) builds on this module.
        self.app.confirm("Discard your changes?", "Discard them", "Keep editing",
                         body="What you typed in this form has not been saved.", then=answered)

    # -- saving in the background, safely -------------------------------------------
    def finish(self, value: Any, *, answer_with_result: bool = False) -> None:
        """Answer with ``value``; with ``on_save`` set, only once that write succeeded.

        The opener's callback then only reports and refreshes, so a failed write
        leaves the form open with the typing and the reason. ``answer_with_result``
        answers with what ``on_save`` returned instead (e.g. a new row's id).
        """
        if self.on_save is None:
            self.dismiss(value)
            return
        self.save_in_background(self.on_save, value,
                                done=lambda result: self.dismiss(result if answer_with_result else value))

    def save_in_background(self, fn: Callable[..., Any], *args: Any,
                           done: Callable[[Any], None], **kwargs: Any) -> None:
        """Run a service write through ``run_service``; ``done(result)`` on success, else one
        sentence on the form (the app's router words it)."""
        if self.saving:
            return
        self.saving = True
        self.run_service(fn, *args, done=lambda result: self._save_done(done, result), failed=self.save_failed,
                         **kwargs)

    def _save_done(self, done: Callable[[Any], None], result: Any) -> None:
        self.saving = False
        if not self.is_attached:  # netnet is closing: nothing left to answer
            return
        done(result)

    def save_failed(self, message: str) -> None:
        """Show why nothing was saved, on the form; the typing stays and save works again."""
        self.saving = False
        found = self.query(f"#{self.SAVE_ERROR_ID}")
        if found and isinstance(found.first(), Static):
            widget = found.first()
            widget.update(f"✗ {message}")
            widget.display = True
            return
        self.notify(message, severity="error", timeout=10)
