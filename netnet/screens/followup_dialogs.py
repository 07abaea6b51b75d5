"""Dialogs of the follow-up queue: snooze, drop, add or edit, and the draft message."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from netnet.core.rows import FollowupItem
from netnet.core.when import EXAMPLES, WhenError, day_words, next_week, parse_when
from netnet.screens.base import NetnetModal
from netnet.screens.dialogs import ConfirmDialog, SaveFileDialog
from netnet.screens.draftable import DraftableForm
from netnet.screens.forms import FormBase
from netnet.widgets.person_input import PersonInput

# -- snooze -----------------------------------------------------------------------

class SnoozeDialog(DraftableForm, NetnetModal[date | None]):
    """Until when to hide an item: tomorrow, next week, or a day typed as text."""

    HELP = f"""
# Snooze

Hide this follow-up until a later day; it comes back in the queue that morning.

- type **t** for tomorrow, **w** for next week, or a day: {EXAMPLES}
- **Enter**: snooze · **Escape**: close without snoozing
"""
    BINDINGS = [
        Binding("escape", "cancel", "Close", tooltip="Close without snoozing", id="snooze.cancel"),
    ]

    DRAFT_KIND = "snooze"
    SAVE_ERROR_ID = "snooze-error"

    def __init__(self, title: str, today: date, weekend: tuple[int, ...], *, key: str = "",
                 on_save: Callable[[date], object] | None = None) -> None:
        """``on_save`` (the opener's write) runs before the dialog answers; ``key`` names the queue item."""
        super().__init__()
        self.item_title = title
        self.today = today
        self.weekend = weekend
        self.key = key
        self.on_save = on_save

    def draft_title(self) -> str:
        return f"Snooze “{self.item_title}” until {self.query_one('#snooze-when', Input).value.strip()}"

    def draft_args(self) -> dict:
        return {"key": self.key, "title": self.item_title}

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="netnet-dialog", id="snooze-dialog"):
            yield Static(f"Snooze “{self.item_title}” until…", classes="dialog-title", markup=False)
            yield Input(placeholder="t, w, friday, 3d, 2w, 2026-12-10, dec 10", id="snooze-when")
            yield Static("t tomorrow · w next week · or a day", classes="dialog-hint", id="snooze-preview")
            yield Static("", classes="field-error", id="snooze-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Tomorrow", id="snooze-tomorrow")
                yield Button("Next week", id="snooze-next-week")
                yield Button("Cancel (esc)", id="snooze-cancel")

    def on_mount(self) -> None:
        self.query_one("#snooze-when", Input).focus()

    def _parse(self, text: str) -> date:
        word = text.strip().casefold()
        if word == "t":
            return parse_when("tomorrow", self.today, self.weekend)
        if word == "w":
            return next_week(self.today, self.weekend)
        return parse_when(text, self.today, self.weekend)

    @on(Input.Changed, "#snooze-when")
    def _preview(self, event: Input.Changed) -> None:
        preview = self.query_one("#snooze-preview", Static)
        try:
            day = self._parse(event.value)
        except WhenError:
            preview.update("t tomorrow · w next week · or a day")
            return
        preview.update(f"→ {day_words(day, self.app.clock.today())}")

    @on(Input.Submitted, "#snooze-when")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            day = self._parse(event.value)
        except WhenError as exc:
            self.query_one("#snooze-error", Static).update(f"✗ {exc}")
            return
        if day <= self.today:
            self.query_one("#snooze-error", Static).update("✗ Snooze until a day after today.")
            return
        self.finish(day)

    @on(Button.Pressed, "#snooze-tomorrow")
    def _tomorrow(self) -> None:
        self.finish(self._parse("t"))

    @on(Button.Pressed, "#snooze-next-week")
    def _next_week(self) -> None:
        self.finish(self._parse("w"))

    @on(Button.Pressed, "#snooze-cancel")
    def action_cancel(self) -> None:
        self.cancel_form()  # asks first when something was typed


# -- drop -------------------------------------------------------------------------

def drop_dialog(title: str) -> ConfirmDialog:
    """Asks once before a follow-up leaves the queue (u in the queue brings it back)."""
    return ConfirmDialog(f"Drop “{title}” from the queue?", "Drop", "Keep",
                         body="It leaves the queue; press u in the queue to bring it back.")


# -- add or edit ------------------------------------------------------------------

ADD_KINDS = [("to do", "manual"), ("action item", "action"), ("thank-you", "thank_you"),
             ("check-in", "checkin"), ("nudge", "referral_nudge")]


@dataclass
class FollowupValues:
    """What the add/edit dialog collected."""

    title: str
    due: date
    draft: str
    kind: str = "manual"
    contact_name: str = ""
    contact_id: int | None = None  # the person picked from the suggestions


class FollowupDialog(FormBase[str | None]):
    """Add a follow-up by hand, or edit one: title, due day, (kind, person), draft message.

    ``save`` runs through ``run_service`` with the collected values and returns one
    sentence for the user; a FollowupError (or a conflict, a lock, a full disk) keeps
    the dialog open with its sentence on the error line and the typing kept.
    """

    HELP = f"""
# Follow-up

- **Tab / Shift+Tab**: move between fields
- **Due**: a day as text: {EXAMPLES}
- **Person** (when adding): start typing any part of a name (accents and case
  aside); **↓**/**↑** pick among the people listed
- **Ctrl+S**: save · **Escape**: close without saving
"""

    def __init__(self, heading: str, values: FollowupValues, today: date, weekend: tuple[int, ...],
                 save: Callable[[FollowupValues], str], *, adding: bool = False,
                 names: list[tuple[int, str]] | None = None, key: str | None = None,
                 version: int | None = None) -> None:
        super().__init__(on_save=save, version=version)
        self.key = key  # the queue item edited (None when adding)
        self.heading = heading
        self.values = values
        self.today = today
        self.weekend = weekend
        self.adding = adding
        self.names = names or []

    def compose(self) -> ComposeResult:
        values = self.values
        with VerticalScroll(classes="netnet-dialog", id="followup-dialog"):
            yield Static(self.heading, classes="dialog-title", markup=False)
            with Horizontal(classes="dialog-row"):
                yield Label("Title")
                yield Input(values.title, compact=True, id="fu-title")
            with Horizontal(classes="dialog-row"):
                yield Label("Due")
                yield Input(self._due_text(values.due), placeholder="today, friday, 3d, dec 10", compact=True,
                            id="fu-due")
            if self.adding:
                with Horizontal(classes="dialog-row"):
                    yield Label("Kind")
                    yield Select(ADD_KINDS, value=values.kind, allow_blank=False, compact=True, id="fu-kind")
                with Horizontal(classes="dialog-row"):
                    yield Label("Person")
                    yield PersonInput(values.contact_name, placeholder="optional: a contact's name",
                                      compact=True, id="fu-contact", people=self.names)
            yield Label("Message to send (optional)", classes="dialog-hint")
            yield TextArea(values.draft, soft_wrap=True, compact=True, id="fu-draft")
            yield from self.buttons()

    DRAFT_KIND = "followup-dialog"
    SAVE_ERROR_ID = "fu-error"

    def draft_title(self) -> str:
        title = self.query_one("#fu-title", Input).value.strip()
        return f"{self.heading} — {title}" if title else self.heading

    def draft_args(self) -> dict:
        return {"key": None if self.adding else self.key, "heading": self.heading, "title": self.values.title,
                "kind": self.values.kind, "version": self.version}

    def _due_text(self, due: date) -> str:
        return "today" if due == self.today else due.isoformat()

    def on_mount(self) -> None:
        self.query_one("#fu-title", Input).focus()

    def collect(self) -> FollowupValues | None:
        title = self.query_one("#fu-title", Input).value.strip()
        if not title:
            self.say("Give the follow-up a title.")
            return None
        try:
            due = parse_when(self.query_one("#fu-due", Input).value, self.today, self.weekend)
        except WhenError as exc:
            self.say(str(exc))
            return None
        values = FollowupValues(title, due, self.query_one("#fu-draft", TextArea).text)
        if self.adding:
            values.kind = str(self.query_one("#fu-kind", Select).value)
            values.contact_id, values.contact_name = self.query_one("#fu-contact", PersonInput).choice()
        return values

    def saved(self, value: FollowupValues, result: str) -> None:
        """The dialog answers with the service's sentence (the opener says it)."""
        self.dismiss(result)

    # -- changed on another device (see forms.FormBase) ------------------------------
    FIELD_LABELS = {"fu-draft": "Message to send"}

    def latest(self) -> FollowupItem | None:
        """On the writing thread: the stored follow-up as it is now (None: done, dropped or gone)."""
        if self.adding or not self.key or not self.key.startswith("f") or not self.key[1:].isdigit():
            return None
        from netnet.data.followups import followup_for_edit

        return followup_for_edit(self.app.store, int(self.key[1:]), self.app.clock)

    def refill(self, latest: FollowupItem) -> None:
        self.version = latest.version
        self.values = FollowupValues(latest.title, latest.due, latest.draft, latest.kind)
        self.query_one("#fu-title", Input).value = latest.title
        self.query_one("#fu-due", Input).value = self._due_text(latest.due)
        self.query_one("#fu-draft", TextArea).text = latest.draft


# -- the draft message ------------------------------------------------------------

def default_draft_path(contact_name: str, title: str, today: date) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", (contact_name or title).casefold()).strip("-")[:40] or "draft"
    return Path.home() / f"netnet-{slug}-{today.isoformat()}.txt"


class DraftScreen(SaveFileDialog):
    """The message to send: read it, copy it, save it to a file. Dismisses with "edit" to change it.

    It is the one save-to-file dialog (``SaveFileDialog``) with the message shown above
    the file name: the name is asked for only when **s** is pressed, and the dialog
    stays open once the file is written.
    """

    HELP = """
# The message

The text is always shown here, because a terminal cannot say whether copying
to the clipboard worked.

- **c**: copy to the clipboard · **s**: save to a file (readable only by you;
  an existing file is never overwritten)
- **e**: edit the message · **Escape**: close
"""
    BINDINGS = [
        Binding("c", "copy", "Copy", tooltip="Copy the message to the clipboard", id="draft.copy"),
        Binding("s", "save_file", "Save to file", tooltip="Write the message to a file only you can read",
                id="draft.save"),
        Binding("e", "edit", "Edit", tooltip="Change the message (it is kept with the follow-up)",
                id="draft.edit"),
        Binding("escape", "close", "Close", tooltip="Close the message", id="draft.close"),
    ]

    DRAFT_KIND = "draft-message"  # only the file name is typed here; the message itself is read-only
    PATH_ID = "draft-path"
    SAVE_ERROR_ID = "draft-status"  # the status line says what happened, a refused save included
    BOX_ID = "draft-dialog"
    HINT = "c copy · s save to a file · e edit · esc close"

    def __init__(self, title: str, text: str, generated: bool, default_path: Path, *,
                 copy_now: bool = False, save_at_open: bool = False, editable: bool = True) -> None:
        super().__init__(text, default_path, title)
        self.item_title = title
        self.generated = generated
        self.default_path = default_path
        self.copy_now = copy_now
        self.save_at_open = save_at_open
        self.editable = editable

    def draft_title(self) -> str:
        return f"Save “{self.item_title}” to {self.path_field().value.strip()}"

    def draft_args(self) -> dict:
        return {"title": self.item_title, "text": self.text, "generated": self.generated,
                "default_path": str(self.default_path)}

    def compose_above(self) -> ComposeResult:
        if self.generated:
            yield Static("Drafted by netnet from what it knows; make it yours before sending.",
                         classes="dialog-hint")
        yield TextArea(self.text, read_only=True, soft_wrap=True, id="draft-text")

    def compose_below(self) -> ComposeResult:
        yield Static(self.HINT, classes="dialog-hint", id=self.SAVE_ERROR_ID)

    def opened(self) -> None:
        self.path_field().display = False
        self.query_one("#draft-text", TextArea).focus()
        if self.copy_now:
            self.action_copy()
        if self.save_at_open:
            self.action_save_file()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit" and not self.editable:
            return False
        return True

    def _status(self, text: str) -> None:
        self.query_one(f"#{self.SAVE_ERROR_ID}", Static).update(text)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self._status("Copied to the clipboard (if your terminal allows it). The text is above either way.")

    def action_save_file(self) -> None:
        path = self.path_field()
        path.display = True
        path.focus()
        self._status("Enter saves to this file (readable only by you); Escape closes.")

    def written_to(self, path: Path) -> None:
        """Saved: the message stays on screen, the status line says where it went."""
        self.path_field().display = False
        self.query_one("#draft-text", TextArea).focus()
        self._status(f"Saved to {path} (readable only by you).")
        self.notify(f"Message saved to {path}.")

    def action_edit(self) -> None:
        self.dismiss("edit")

    def action_close(self) -> None:
        self.dismiss(None)
