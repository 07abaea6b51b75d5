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

**Changed on another device.** A form that edits a stored record keeps the record's
``version`` (what it was filled from) and its write passes it on as the expected
version. When the write is refused because the record moved on or was removed
(``VersionConflict``, ``RecordGone``), the form says so on its error line and asks
with the one :class:`~netnet.screens.dialogs.ConflictDialog`:

- **Reload**: the fields are filled again from the record as saved now (the form's
  ``latest``, run on the writing thread, and ``refill``), and what the person typed
  that differs from it stays beside the fields in a read-only box titled "What you
  typed" (``#your-typing``, selectable to copy); the form's version is the fresh one,
  so the next save works;
- **Overwrite**: the same typing is saved again with the record's current version
  expected (asked again if it moved on once more);
- **Escape**: the form as it was, typing intact, nothing saved.

A removed record is never written back: the dialog offers to close the form, or to
go back to it to copy the typing. A form that cannot reload (no ``refill``) still
offers overwrite when the refusal carries the record's current version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, Switch, TextArea

from netnet.data.errors import RecordGone, VersionConflict
from netnet.screens.base import NetnetModal, ResultType
from netnet.screens.dialogs import ConflictDialog
from netnet.screens.draftable import _TYPED, DraftableForm

TYPING_ID = "your-typing"  # the box that keeps what was typed beside the reloaded fields
TYPING_TITLE = "What you typed (not saved)"


@dataclass(frozen=True)
class Refused:
    """What the form's write returned instead of raising: refused by a conflict (see the module)."""

    error: VersionConflict


def shown_value(widget: Widget) -> str:
    """A typed widget's value as the person sees it (a choice by its words, a tick as yes or no)."""
    if isinstance(widget, Select):
        value = widget.value
        for prompt, option in getattr(widget, "_options", []):
            if option == value:
                return str(prompt)
        return ""
    if isinstance(widget, (Checkbox, Switch)):
        return "yes" if widget.value else "no"
    if isinstance(widget, TextArea):
        return widget.text
    return str(getattr(widget, "value", ""))


def typed_line(label: str, value: str) -> str:
    """One line of "What you typed": ``label: value`` (a value of several lines goes below, indented)."""
    if "\n" in value.strip("\n"):
        return f"{label}:\n" + "\n".join(f"  {line}" for line in value.strip("\n").splitlines())
    return f"{label}: {value.strip()}" if value.strip() else f"{label}: (empty)"


class FormBase(DraftableForm, NetnetModal[ResultType]):
    """A form: fields, an error line, Save and Cancel; ctrl+s saves, Escape closes."""

    HELP = "# A form\n\n- **Tab**: next field · **Ctrl+S**: save · **Escape**: close without saving"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save and close", id="form.save"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="form.cancel"),
    ]

    ENTER_SAVES: ClassVar[bool] = False
    """Whether Enter in a one-line field saves (short forms) or moves to the next field."""

    FIELD_LABELS: ClassVar[dict[str, str]] = {}
    """Words for a field in "What you typed" where the label beside it does not say (by widget id)."""

    def __init__(self, *, on_save: Callable[[Any], Any] | None = None, version: int | None = None) -> None:
        super().__init__(classes="netnet-dialog-screen")
        if on_save is not None:
            self.on_save = on_save
        self.version = version
        """The version of the stored record the fields came from (None: a new record, or one not
        tracked); the form's write passes it on as the version expected."""

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
        self._write_in_background(value)

    def _write_in_background(self, value: Any) -> None:
        self.save_in_background(self._write_refusals_kept, value,
                                done=lambda result: self._after_write(value, result))

    def _write_refusals_kept(self, value: Any) -> Any:
        """On the writing thread: the form's write, a conflict handed back as ``Refused``."""
        assert self.on_save is not None
        try:
            return self.on_save(value)
        except VersionConflict as exc:
            return Refused(exc)

    def _after_write(self, value: Any, result: Any) -> None:
        if isinstance(result, Refused):
            self.conflicted(value, result.error)
        else:
            self.saved(value, result)

    # -- changed on another device ------------------------------------------------------
    def latest(self) -> Any | None:
        """On the writing thread, after a refused save: the record as saved now, in the shape
        ``refill`` takes, or None when it is gone. A form that edits a stored record overrides
        this and ``refill``."""
        return None

    def refill(self, latest: Any) -> None:
        """Fill the fields from ``latest`` (see ``latest``) and take its version as ``self.version``."""
        raise NotImplementedError

    def can_reload(self) -> bool:
        return type(self).refill is not FormBase.refill

    def conflicted(self, value: Any, error: VersionConflict) -> None:
        """A save was refused by another device's change: say it, then ask what to do."""
        self.say(str(error))
        gone = isinstance(error, RecordGone)
        reload, overwrite = self.can_reload(), error.current_version is not None
        if not (gone or reload or overwrite):
            return  # the sentence alone: nothing to choose
        self.app.notify_data_changed()  # the views beneath show the record as it is now
        if self.focused is not None:  # the field typed last stays in sight above the question
            self.focused.scroll_visible(top=True, animate=False, immediate=True)

        def chosen(choice: str | None) -> None:
            if not self.is_attached:
                return
            if choice == "reload":
                self.reload()
            elif choice == "overwrite" and error.current_version is not None:
                self.version = error.current_version
                self._write_in_background(value)  # asked again if it moved on once more
            elif choice == "close":
                self.dismiss(None)
            # Escape: the form as it was, its typing and the sentence kept

        dialog = ConflictDialog(str(error), gone=gone, can_reload=reload, can_overwrite=overwrite)
        self.call_after_refresh(self.app.push_screen, dialog, chosen)  # once the form has scrolled

    def reload(self) -> None:
        """Fill the form from the record as saved now; what was typed that differs stays beside it."""
        # What the person changed: what differs from what the form opened with (its baseline).
        opened = self._draft_baseline or {}
        typed = [field for field in self._typed_now() if field[0] not in opened or opened[field[0]] != field[2]]
        typed_extra = self.draft_extra()
        if "_extra" in opened and opened["_extra"] == typed_extra:
            typed_extra = {}
        self.saving = True  # no second save until the fields show the fresh record
        self.run_service(self.latest, done=lambda latest: self._reloaded(typed, typed_extra, latest),
                         failed=self.save_failed)

    def _reloaded(self, typed: list[tuple[str, str, Any, str]], typed_extra: dict, latest: Any | None) -> None:
        self.saving = False
        if latest is None:
            self.say("It was removed on another device meanwhile; nothing was saved, and what you typed "
                     "stays on the form to copy.")
            return
        self.refill(latest)
        fresh = self.draft_values()
        # Only what the person changed and the saved version does not already say.
        lines = [typed_line(label, shown) for widget_id, label, value, shown in typed
                 if fresh.get(widget_id) != value]
        if typed_extra:
            lines += self.typed_extra_lines(typed_extra, self.draft_extra())
        self._draft_baseline = fresh  # the form now shows what it would have opened with
        if lines:
            self.keep_typing(lines)
            self.say("Changed on another device: the form now shows the saved version, and what you typed "
                     "is in the box “What you typed” to copy.")
        else:
            self.say("Changed on another device: the form now shows the saved version, which matches what "
                     "you typed.")

    def _typed_now(self) -> list[tuple[str, str, Any, str]]:
        """Each typed field now: (widget id, its label, its value, the value as shown)."""
        values = self.draft_values()
        fields = []
        for widget in self.query("*"):
            if not isinstance(widget, _TYPED) or not widget.id or widget.id not in values:
                continue
            fields.append((widget.id, self.field_label(widget), values[widget.id], shown_value(widget)))
        return fields

    def typed_extra_lines(self, typed: dict, fresh: dict) -> list[str]:
        """Lines of "What you typed" for what a form keeps outside its widgets (``draft_extra``)."""
        return []

    def field_label(self, widget: Widget) -> str:
        """The words a person reads beside a field: ``FIELD_LABELS``, a checkbox's own label, or the
        nearest label before it."""
        if widget.id in self.FIELD_LABELS:
            return self.FIELD_LABELS[widget.id]
        if isinstance(widget, (Checkbox, Switch)) and str(getattr(widget, "label", "")).strip():
            return str(widget.label).strip()
        node: Widget | None = widget
        while node is not None and node is not self:
            parent = node.parent
            siblings = list(parent.children) if parent is not None else []
            before = siblings[:siblings.index(node)] if node in siblings else []
            labels = [w for w in before if isinstance(w, Label)]
            if labels:
                return str(labels[-1].content).replace("*", "").strip()
            node = parent if isinstance(parent, Widget) else None
        return widget.id or "A field"

    def keep_typing(self, lines: list[str]) -> None:
        """Show ``lines`` in the "What you typed" box under the form's title (made once; a later
        reload puts its lines first and keeps the earlier ones below)."""
        found = self.query(f"#{TYPING_ID}")
        text = "\n".join(lines)
        if found:
            box = found.first(TextArea)
            if box.text.strip() and box.text != text:
                text = f"{text}\n\nEarlier:\n{box.text}"
            box.text = text
        else:
            box = TextArea(text, read_only=True, soft_wrap=True, id=TYPING_ID, classes="your-typing")
            box.border_title = TYPING_TITLE
            box.border_subtitle = "select and copy what you need"
            title = self.query(".dialog-title")
            if title:
                title.first().parent.mount(box, after=title.first())
            else:
                self.mount(box)
        self.call_after_refresh(self._show_typing, box)

    def _show_typing(self, box: TextArea) -> None:
        """The box has the focus (to select and copy) and is in sight, with the form's title above it."""
        box.focus(scroll_visible=False)
        parent = box.parent
        if isinstance(parent, Widget) and parent.is_scrollable:  # the box sits under the title: the top
            parent.scroll_home(animate=False, immediate=True)
        else:
            box.scroll_visible(animate=False, immediate=True)

    def has_typing(self) -> bool:
        """Typing kept in "What you typed" counts too: closing asks first."""
        if super().has_typing():
            return True
        found = self.query(f"#{TYPING_ID}")
        return bool(found) and bool(found.first(TextArea).text.strip())
