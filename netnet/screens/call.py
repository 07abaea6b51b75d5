"""The live call: a countdown, the question checklist and the notes, all from the keyboard.

The note editor keeps focus for the whole call. Call keys are function keys
bound with priority, so they never collide with typing or with tmux (ctrl+b);
in a browser, which keeps some function keys, ``BrowserCallScreen`` adds a
Ctrl twin to each. Nothing typed is lost: the notes are written to the database
within a second of typing stopping, at least every second while typing, and on
every way out (``save_now`` is called on quit, on an internal error and on
SIGTERM/SIGHUP).

On a database server (``store.remote``) a save crosses a network that can
drop, so the screen never writes itself: each save is a full snapshot handed
to the app's writing thread (one at a time, the newest winning). When the
server cannot be reached the notes go to a local 0600 recovery file, the
screen says "offline — notes kept here", the countdown and the editor carry
on, and every second the newest snapshot is tried again; once the server has
it, the recovery file is removed. On the way out (a signal, quit) while
offline, the recovery file is written before the server is tried.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from netnet.core.autosave import AutosavePolicy
from netnet.core.countdown import Countdown, stamp_text
from netnet.core.enums import Format
from netnet.core.when import day_words
from netnet.data import interviews as svc
from netnet.data import opportunities
from netnet.data.contacts import person_choices
from netnet.data.interviews import InterviewDetail, InterviewRow
from netnet.screens.base import NetnetModal, NetnetScreen
from netnet.screens.dialogs import ConfirmDialog
from netnet.screens.draftable import DraftableForm
from netnet.widgets.countdown import CountdownDisplay
from netnet.widgets.note_editor import NoteEditor
from netnet.widgets.person_input import PersonInput

if TYPE_CHECKING:
    from netnet.app import NetnetApp

log = logging.getLogger("netnet")

TICK_SECONDS = 0.2
ELAPSED_SAVE_SECONDS = 5.0
RETRY_SECONDS = 1.0  # after a failed save over the network


def after_typing(action: Callable, *, editor_id: str | None = None) -> Callable:
    """A call key that writes into the notes runs once the keys typed before it into the
    focused notes have reached them.

    Typed keys wait in the focused editor's own queue while a call key runs at once on the
    app's; when keys come in a burst (a fast typist, a paste, a browser's keys batched by the
    network) the last ones would otherwise land after the stamp, or be missed by the save before
    a dialog. Queued behind them (and before the keys that follow), the action sees all of them.
    With ``editor_id``, only typing in that editor is waited for. Keys that move the focus or
    open a dialog run at once, so the keys after them go there."""

    @functools.wraps(action)
    def run(self, *args) -> None:
        editor = self.focused
        if (isinstance(editor, NoteEditor) and editor_id in (None, editor.id)
                and editor.call_later(action, self, *args)):
            return
        action(self, *args)

    return run


def after_question_typing(action: Callable) -> Callable:
    """Moving to another question waits for the keys typed into this question's notes (they
    belong to it); typing in the call notes is not touched by the move, so nothing waits."""
    return after_typing(action, editor_id="call-question-notes")


class QuestionList(OptionList, can_focus=False):
    """The checklist beside the notes. It never takes focus from the notes."""


@dataclass(frozen=True)
class SendOutcome:
    """What became of one snapshot sent over the network."""

    saved: bool
    offline: bool = False  # the server could not be reached
    sentence: str = ""
    recovery: Path | None = None  # the recovery file now holding the notes, if any


class NotesSent(Message):
    """The writing thread is done with a snapshot (posted to the call screen)."""

    def __init__(self, outcome: SendOutcome) -> None:
        super().__init__()
        self.outcome = outcome


def write_over_network(store, clock, interview_id: int, snapshot: dict, text: str, *, offline: bool,
                       recovery: Path | None, keep_file: bool = False) -> SendOutcome:
    """Write a call's snapshot to a server (runs on the writing thread, or once on the way out).

    Known to be offline: the recovery file is written first, then the server is
    tried. A failure to reach the server keeps the notes in the recovery file;
    once the server has them, the file is removed (``keep_file`` leaves it: the
    way out). Any other refusal keeps a file too, with the server's sentence.
    """
    from netnet.data.postgres import is_unreachable
    from netnet.data.recovery import keep_recovery
    from netnet.screens.base import failure_sentence

    def keep() -> Path | None:
        try:
            return keep_recovery(store.path, f"call-{interview_id}", text, clock.now(), replace=recovery)
        except Exception:  # a full disk: the screen is the last copy (the status says so)
            log.exception("the call's recovery file could not be written")
            return recovery

    if offline:
        recovery = keep()
    try:
        svc.autosave(store, clock, interview_id, **snapshot)
    except Exception as exc:
        unreachable = is_unreachable(exc)
        if unreachable:
            log.warning("the server did not answer a call's autosave: %s", exc)
        else:
            log.exception("autosave failed")
        if not offline:
            recovery = keep()
        return SendOutcome(False, offline=unreachable, sentence=failure_sentence(exc, store.label),
                           recovery=recovery)
    if recovery is not None and not keep_file:
        try:
            recovery.unlink(missing_ok=True)  # the server holds all of it now
        except OSError:
            log.warning("the recovery file %s could not be removed", recovery)
            return SendOutcome(True, recovery=recovery)
        return SendOutcome(True, recovery=None)
    return SendOutcome(True, recovery=recovery)


class CallScreen(NetnetScreen):
    """A call under way."""

    TITLE = "Call"
    PAUSE_KEY, STAMP_KEY = "F9", "F6"  # named in the words on screen
    AUTO_FOCUS = "#call-notes"
    SAYS_OFFLINE = True  # its status line says so, with where the notes are: no toast over it
    DEFAULT_CSS = """
    #call-body {
        height: 1fr;
    }
    #call-side {
        width: 40%;
        max-width: 48;
        min-width: 30;
    }
    CallScreen.-help-open.-narrow #call-side {
        display: none;  /* F1 on a narrow terminal: the help takes the questions' place, not the notes' */
    }
    #call-who {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    #call-questions {
        height: 1fr;
        border: round $primary 50%;
    }
    #call-main {
        width: 1fr;
    }
    .call-label {
        height: 1;
        padding: 0 1;
        text-style: bold;
    }
    #call-question-label {
        height: auto;
        max-height: 2;
    }
    #call-question-notes {
        height: 30%;
        min-height: 4;
    }
    #call-status {
        height: auto;
        max-height: 3;  /* a recovery file's path wraps rather than being cut */
        padding: 0 1;
        color: $text-muted;
    }
    #call-status.-error {
        color: $error;
        text-style: bold;
    }
    """
    HELP = """
# On the call

Type your notes: the cursor stays in them for the whole call, and they are
saved as you type (within a second) and whenever netnet closes.

- **F3 / F4**: previous / next question
- **F5**: mark the current question answered (and move on)
- **F6**: stamp the elapsed time into the notes, like `[04:10]`
- **F7**: capture a person they mention (a new contact, introduced by them)
- **F8**: capture something they said: **a** an action item (a follow-up), or
  **o** an opportunity they mention (stamped with the call's time, in Opportunities)
- **F9**: pause or resume the countdown
- **F12**: end the call and go to the wrap-up
- **Tab** or **Shift+Tab**: switch between the call notes and the notes on the current question

The countdown turns to *nearing the end* (!) three minutes before the end and
to *last minute* (‼) at one minute, rings once at zero with a flash, then
counts *over time* (⏰). Leaving the section or quitting asks first; a call
left open can be resumed later from Interviews.
"""

    BINDINGS = [
        Binding("f3", "previous_question", "Prev Q", priority=True, id="call.previous",
                tooltip="Go to the previous question"),
        Binding("f4", "next_question", "Next Q", priority=True, id="call.next",
                tooltip="Go to the next question"),
        Binding("f5", "mark_answered", "Answered", priority=True, id="call.answered",
                tooltip="Mark the current question answered (again to undo) and move on"),
        Binding("f6", "stamp", "Stamp time", priority=True, id="call.stamp",
                tooltip="Write the elapsed time into the notes at the cursor"),
        Binding("f7", "capture_person", "Person", priority=True, id="call.person",
                tooltip="Add a person they mentioned as a new contact, introduced by them"),
        Binding("f8", "capture", "Capture", priority=True, id="call.action",
                tooltip="Capture an action item (a) or an opportunity they mention (o)"),
        Binding("f9", "toggle_pause", "Pause", priority=True, id="call.pause",
                tooltip="Pause or resume the countdown"),
        Binding("f12", "end_call", "End call", priority=True, id="call.end",
                tooltip="End the call and go to the wrap-up"),
        Binding("tab", "switch_notes", "Call/Q notes", priority=True, id="call.switch-notes",
                tooltip="Switch between the call notes and the notes on the current question"),
        Binding("shift+tab", "switch_notes", "Call/Q notes", show=False, priority=True,
                id="call.switch-notes-back", tooltip="Switch between the two note editors"),
    ]

    def __init__(self, detail: InterviewDetail, *, elapsed: float | None = None,
                 paused: bool = False) -> None:
        super().__init__()
        self.detail = detail
        self.interview_id = detail.id
        self._start_elapsed = detail.elapsed_seconds if elapsed is None else elapsed
        self._start_paused = paused
        self.questions = list(detail.questions)
        self.current = next((i for i, q in enumerate(self.questions) if not q.answered), 0)
        self.question_notes: dict[int, str] = {q.id: q.notes for q in self.questions}
        self.answered: dict[int, bool] = {q.id: q.answered for q in self.questions}
        self._dirty_questions: set[int] = set()
        self._answered_dirty = False
        self._paused_dirty = paused
        self.ended = False
        self.last_saved_mono: float | None = None
        self.save_count = 0
        self.save_error: str | None = None
        self.recovery_path: Path | None = None  # where typing went when the database refused it
        self._loading_question = False
        self._ending = False  # the end of the call is on its way to the database
        self.offline = False  # the server could not be reached by the last save (remote stores)
        self._in_flight = False  # a snapshot is with the writing thread
        self._send_again = False  # typing happened while it was
        self._next_try = 0.0  # after a failed send: not before this (monotonic seconds)

    # -- building -----------------------------------------------------------
    def compose(self) -> ComposeResult:
        clock = self.app.clock
        self.countdown = Countdown(clock, self.detail.length_seconds, elapsed=self._start_elapsed,
                                   running=not self._start_paused)
        self.policy = AutosavePolicy(clock, max_age=float(self.app.settings.autosave_seconds))
        yield Header()
        with Horizontal(id="call-body"):
            with Vertical(id="call-side"):
                yield CountdownDisplay(self.countdown, id="call-countdown")
                yield Static(self._who(), id="call-who")
                yield QuestionList(id="call-questions")
            with Vertical(id="call-main"):
                yield Static("Call notes", id="call-notes-label", classes="call-label")
                yield NoteEditor(self.detail.notes, id="call-notes",
                                 placeholder=f"Type your notes here. {self.STAMP_KEY} stamps the time.")
                yield Static("", id="call-question-label", classes="call-label")
                yield NoteEditor("", id="call-question-notes",
                                 placeholder="Notes on this question (Tab to switch)")
        yield Static("", id="call-status")
        yield Footer()

    def _who(self) -> str:
        name = self.detail.contact_name or "someone new"
        fmt = Format(self.detail.format).label
        return f"With [b]{name}[/b] · {fmt}\n{self.detail.purpose_words}"

    def on_resize(self) -> None:
        self.set_class(self.size.width < 120, "-narrow")

    def on_mount(self) -> None:
        self.set_class(self.size.width < 120, "-narrow")
        self.sub_title = self.detail.contact_name or "someone new"
        self._render_questions()
        self._load_question_notes()
        notes = self.query_one("#call-notes", NoteEditor)
        notes.move_cursor(notes.document.end)
        notes.focus()
        self.query_one(CountdownDisplay).update_display()
        self.last_saved_mono = self.app.clock.monotonic()
        self._show_status("Notes are saved as you type.")
        self.set_interval(TICK_SECONDS, self.tick, name="call-tick")
        self.app.tell_browser("call", live=True)  # in a browser, the page asks before closing

    def on_unmount(self) -> None:
        self.app.tell_browser("call", live=False)

    # -- questions ----------------------------------------------------------
    def _render_questions(self) -> None:
        listing = self.query_one(QuestionList)
        options = []
        for index, question in enumerate(self.questions):
            done = self.answered.get(question.id, False)
            mark = "✓" if done else "○"
            here = index == self.current
            line = Text(f"{'▶' if here else ' '}{mark} {index + 1}. ", style="bold" if here else "")
            line.append(question.text, style="bold" if here else ("dim" if done else ""))
            options.append(Option(line, id=f"q-{question.id}"))
        listing.clear_options()
        listing.add_options(options)
        if self.questions:
            listing.highlighted = self.current
        label = self.query_one("#call-question-label", Static)
        if self.questions:
            question = self.questions[self.current]
            state = "answered ✓" if self.answered.get(question.id) else "open"
            label.update(f"Q{self.current + 1} ({state}): {question.text}")
        else:
            label.update("No questions prepared: everything goes in the call notes.")

    @property
    def current_question(self):
        return self.questions[self.current] if self.questions else None

    def _load_question_notes(self) -> None:
        editor = self.query_one("#call-question-notes", NoteEditor)
        question = self.current_question
        self._loading_question = True
        try:
            editor.set_text(self.question_notes.get(question.id, "") if question else "")
        finally:
            self._loading_question = False
        editor.disabled = question is None
        editor.display = bool(self.questions)  # no questions: no empty box, the call notes take the room

    def _go_to(self, index: int) -> None:
        if not self.questions:
            return
        index = max(0, min(len(self.questions) - 1, index))
        if index == self.current:
            return
        self.current = index
        self._render_questions()
        self._load_question_notes()

    @after_question_typing
    def action_previous_question(self) -> None:
        self._go_to(self.current - 1)

    @after_question_typing
    def action_next_question(self) -> None:
        self._go_to(self.current + 1)

    @after_question_typing
    def action_mark_answered(self) -> None:
        question = self.current_question
        if question is None:
            return
        now_answered = not self.answered.get(question.id, False)
        self.answered[question.id] = now_answered
        self._answered_dirty = True
        self.policy.changed()
        if now_answered and self.current < len(self.questions) - 1:
            self.current += 1
            self._load_question_notes()
        self._render_questions()

    @on(OptionList.OptionSelected, "#call-questions")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self._go_to(event.option_index)
        self.query_one("#call-notes", NoteEditor).focus()

    # -- notes --------------------------------------------------------------
    @on(NoteEditor.Changed)
    def _typed(self, event: NoteEditor.Changed) -> None:
        if self._loading_question:
            return
        if event.text_area.id == "call-question-notes":
            question = self.current_question
            if question is None:
                return
            self.question_notes[question.id] = event.text_area.text
            self._dirty_questions.add(question.id)
        self.policy.changed()

    def _editor(self) -> NoteEditor:
        focused = self.focused
        if isinstance(focused, NoteEditor):
            return focused
        return self.query_one("#call-notes", NoteEditor)

    def action_switch_notes(self) -> None:
        """At once (not on the next turn, as ``focus()`` does), so keys typed right after Tab,
        in the same burst, go into the other notes."""
        main = self.query_one("#call-notes", NoteEditor)
        other = self.query_one("#call-question-notes", NoteEditor)
        if self.focused is main and not other.disabled:
            self.set_focus(other)
        else:
            self.set_focus(main)

    def action_stamp(self) -> None:
        """Into the notes being typed in, after the keys typed before (see ``after_typing``)."""
        editor = self._editor()
        label = stamp_text(self.countdown.elapsed)
        if not editor.call_later(editor.stamp, label):
            editor.stamp(label)

    def _note_line(self, text: str, seconds: float | None = None) -> None:
        """A stamped line at the end of the call notes (at ``seconds``, else now)."""
        notes = self.query_one("#call-notes", NoteEditor)
        notes.append_line(f"[{stamp_text(self.countdown.elapsed if seconds is None else seconds)}] {text}")
        self.policy.changed()

    # -- pause --------------------------------------------------------------
    def action_toggle_pause(self) -> None:
        paused = self.countdown.toggle()
        self._paused_dirty = True
        self.query_one(CountdownDisplay).update_display()
        self.autosave()
        self.notify(f"Countdown paused ({self.PAUSE_KEY} resumes)." if paused else "Countdown running again.",
                    timeout=3)

    # -- the clock tick: countdown and autosave -----------------------------
    def tick(self) -> None:
        if self.ended or self._ending:
            return
        self.query_one(CountdownDisplay).update_display()
        mono = self.app.clock.monotonic()
        if self.policy.due():
            self.autosave()
        elif self.last_saved_mono is None or mono - self.last_saved_mono >= max(ELAPSED_SAVE_SECONDS,
                                                                                 self.policy.max_age):
            self.autosave()

    def autosave(self) -> None:
        """The screen's own saves (the tick, a pause, a capture): written at once to a file; on a
        server, handed to the writing thread so the screen never waits for the network."""
        if self.app.store.remote:
            self._send()
        else:
            self.save_now()

    def _sync_question_notes(self) -> None:
        """Take the current question's notes from its editor as they are now: the editor's
        "changed" messages may still be on their way to this screen (a busy screen, a burst of
        keys just before netnet is closed), and a save must not miss what is already typed."""
        question = self.current_question
        if question is None or self._loading_question:
            return
        try:
            text = self.query_one("#call-question-notes", NoteEditor).text
        except Exception:  # pragma: no cover - the screen is being torn down
            return
        if self.question_notes.get(question.id) != text:
            self.question_notes[question.id] = text
            self._dirty_questions.add(question.id)

    def save_now(self) -> bool:
        """Write everything typed so far, synchronously. Called on every way out."""
        if self.ended or not self.is_mounted:
            return True
        self._sync_question_notes()
        if self.app.store.remote:
            return self._save_before_leaving()
        try:
            notes = self.query_one("#call-notes", NoteEditor).text
        except Exception:  # pragma: no cover - the screen is being torn down
            return False
        question_notes = {qid: self.question_notes[qid] for qid in self._dirty_questions}
        answered = dict(self.answered) if self._answered_dirty else None
        try:
            svc.autosave(self.app.store, self.app.clock, self.interview_id, notes=notes,
                         elapsed=self.countdown.elapsed,
                         paused=self.countdown.paused if self._paused_dirty else None,
                         question_notes=question_notes, answered=answered, uuid=self.detail.uuid or None)
        except Exception as exc:
            log.exception("autosave failed")
            self.save_error = str(exc)
            self._show_status(f"‼ NOT SAVED: {exc} {self._keep_recovery(notes)}", error=True)
            return False
        self.policy.saved()
        self._dirty_questions.clear()
        self._answered_dirty = False
        self._paused_dirty = False
        self.save_error = None
        self.save_count += 1
        self.last_saved_mono = self.app.clock.monotonic()
        local = self.app.clock.now().astimezone()
        self._show_status(f"✓ Saved {local:%H:%M:%S}")
        return True

    def _recovery_text(self, notes: str, question_notes: dict[int, str]) -> str:
        lines = [f"Call with {self.detail.contact_name or 'someone new'} "
                 f"({self.detail.purpose_words}), notes kept because they could not be saved.", "",
                 "Call notes:", notes]
        for number, question in enumerate(self.questions, 1):
            text = question_notes.get(question.id, "")
            if text.strip():
                lines += ["", f"Q{number}. {question.text}", text]
        return "\n".join(lines)

    def _keep_recovery(self, notes: str) -> str:
        """Keep everything typed in a recovery file; returns the sentence that says where."""
        from netnet.data.recovery import keep_recovery

        try:
            self.recovery_path = keep_recovery(self.app.store.path, f"call-{self.interview_id}",
                                               self._recovery_text(notes, self.question_notes),
                                               self.app.clock.now(), replace=self.recovery_path)
        except Exception as exc:  # a full disk, most likely: the screen is the last copy
            return f"Keep this screen open: the notes could not be written to a file either ({exc})."
        return f"Your notes are kept in {self.recovery_path}; netnet keeps trying every second."

    # -- saving over a network (store.remote) --------------------------------
    def _snapshot(self) -> dict:
        """Everything the call holds, in full: writing it twice changes nothing."""
        self._sync_question_notes()
        return {"notes": self.query_one("#call-notes", NoteEditor).text, "elapsed": self.countdown.elapsed,
                "paused": self.countdown.paused, "question_notes": dict(self.question_notes),
                "answered": dict(self.answered), "uuid": self.detail.uuid or None}

    def _send(self) -> None:
        """Hand the newest snapshot to the writing thread (one at a time; typing meanwhile sends again)."""
        if self.ended or self._ending or not self.is_mounted:
            return
        if self._in_flight:
            self._send_again = True
            return
        if self.save_error is not None and self.app.clock.monotonic() < self._next_try:
            return  # the last try failed: the tick tries again in a second, not at once
        try:
            snapshot = self._snapshot()
        except Exception:  # pragma: no cover - the screen is being torn down
            return
        self._in_flight = True
        self._send_again = False
        self.policy.saved()  # typing from now on makes the next save due
        store, clock, interview_id = self.app.store, self.app.clock, self.interview_id
        offline, recovery = self.offline, self.recovery_path
        text = self._recovery_text(snapshot["notes"], snapshot["question_notes"])

        def job() -> None:
            outcome = write_over_network(store, clock, interview_id, snapshot, text,
                                         offline=offline, recovery=recovery)
            self.post_message(NotesSent(outcome))

        self.app.write_queue.submit(job)

    def on_notes_sent(self, message: NotesSent) -> None:
        outcome = message.outcome
        self._in_flight = False
        if outcome.recovery is not None or outcome.saved:
            self.recovery_path = outcome.recovery
        if outcome.saved:
            was_offline = self.offline
            self.offline = False
            self.save_error = None
            self.save_count += 1
            self.last_saved_mono = self.app.clock.monotonic()
            local = self.app.clock.now().astimezone()
            self._show_status(f"✓ Back online: notes saved {local:%H:%M:%S}" if was_offline
                              else f"✓ Saved {local:%H:%M:%S}")
        else:
            self.policy.changed()  # still unsaved: tried again in a second, by the tick
            self._next_try = self.app.clock.monotonic() + RETRY_SECONDS
            self._send_again = False
            self.save_error = outcome.sentence
            self.offline = outcome.offline
            if outcome.offline:
                where = (f"notes kept here: {outcome.recovery}" if outcome.recovery
                         else "notes kept on this screen only (no file could be written)")
                self._show_status(f"⚠ offline — {where}. netnet writes them to the server when it "
                                  f"answers again.", error=True)
            else:
                kept = f" Your notes are kept in {outcome.recovery}." if outcome.recovery else ""
                self._show_status(f"‼ NOT SAVED: {outcome.sentence}{kept} netnet keeps trying every second.",
                                  error=True)
        if self._send_again and not self.ended:
            self._send()

    def _save_before_leaving(self) -> bool:
        """netnet is closing (a signal, quit): while offline, or with a save still on its way, the
        recovery file first (local, quick), then one try of the server (bounded by its timeouts)."""
        try:
            snapshot = self._snapshot()
        except Exception:  # pragma: no cover - the screen is being torn down
            return False
        text = self._recovery_text(snapshot["notes"], snapshot["question_notes"])
        outcome = write_over_network(self.app.store, self.app.clock, self.interview_id, snapshot, text,
                                     offline=self.offline or self._in_flight, recovery=self.recovery_path,
                                     keep_file=True)
        self.recovery_path = outcome.recovery
        if outcome.saved:
            self.policy.saved()
            self.offline = False
        return outcome.saved

    def _show_status(self, text: str, error: bool = False) -> None:
        try:
            status = self.query_one("#call-status", Static)
        except Exception:  # pragma: no cover
            return
        status.update(text)
        status.set_class(error, "-error")

    # -- capturing ----------------------------------------------------------
    @after_typing
    def _autosave_after_typing(self) -> None:
        self.autosave()

    def action_capture_person(self) -> None:
        self._autosave_after_typing()  # the dialog opens at once; the save waits for the typing
        introducer = self.detail.contact_name or "them"
        store, clock, interview_id = self.app.store, self.app.clock, self.interview_id

        def save(result: dict[str, str]):
            """Runs in the dialog's save worker: a failed write keeps the dialog and its typing."""
            return svc.capture_person(store, clock, interview_id, result["name"],
                                      organisation=result.get("organisation", ""), title=result.get("title", ""),
                                      note=result.get("note", ""), contact_id=result.get("contact_id"))

        self.app.push_screen(PersonDialog(introducer, interview_id=interview_id, on_save=save),
                             self._person_captured)

    def _person_captured(self, result: dict[str, str] | None) -> None:
        self.query_one("#call-notes", NoteEditor).focus()
        if not result:
            return
        where = f" ({result['organisation']})" if result.get("organisation") else ""
        added = "already in your contacts" if result.get("contact_id") else "added to contacts"
        self._note_line(f"Suggested: {result['name']}{where}, {added}")
        self.autosave()
        self.app.notify_data_changed()
        self.notify(f"{result['name']} added to your contacts, introduced by {introducer_of(self)}.",
                    timeout=4)

    def action_capture(self) -> None:
        """F8: what to capture, an action item or an opportunity; the moment is the one F8 was pressed."""
        self._autosave_after_typing()  # the choice opens at once; the save waits for the typing
        seconds = self.countdown.elapsed

        def chosen(choice: str | None) -> None:
            if choice == "action":
                self.action_capture_action()
            elif choice == "opportunity":
                self.capture_opportunity(seconds)
            else:
                self.query_one("#call-notes", NoteEditor).focus()

        self.app.push_screen(CaptureChoice(), chosen)

    def action_capture_action(self) -> None:
        self._autosave_after_typing()
        store, clock, interview_id = self.app.store, self.app.clock, self.interview_id

        def save(result: tuple[str, int]):
            """Runs in the dialog's save worker: a failed write keeps the dialog and its typing."""
            text, days = result
            return svc.capture_action(store, clock, interview_id, text, clock.today() + timedelta(days=days))

        self.app.push_screen(ActionDialog(interview_id=interview_id, on_save=save), self._action_captured)

    def _action_captured(self, result: tuple[str, int] | None) -> None:
        self.query_one("#call-notes", NoteEditor).focus()
        if not result:
            return
        text, days = result
        due = self.app.clock.today() + timedelta(days=days)
        self._note_line(f"To do: {text} (due {day_words(due)})")
        self.autosave()
        self.app.notify_data_changed()
        self.notify(f"Action item added to the follow-ups, due {day_words(due)}.", timeout=4)

    def capture_opportunity(self, seconds: float) -> None:
        """An opening they mention, saved at once as "heard of", from them, at ``seconds`` into the call."""
        store, clock, interview_id = self.app.store, self.app.clock, self.interview_id
        who = self.detail.contact_name or "them"
        self.app.push_screen(
            OpportunityDialog(who, interview_id=interview_id, seconds=seconds,
                              on_save=capture_saver(store, clock, interview_id, seconds)),
            lambda result: self._opportunity_captured(result, seconds))

    def _opportunity_captured(self, result: dict | None, seconds: float) -> None:
        self.query_one("#call-notes", NoteEditor).focus()
        if not result:
            return
        where = f" ({result['organisation']})" if result.get("organisation") else ""
        self._note_line(f"Opportunity: {result['title']}{where}", seconds)
        self.autosave()
        self.app.notify_data_changed()
        self.notify(f"“{result['title']}” is in Opportunities, heard of from {introducer_of(self)}. "
                    "The wrap-up lists it to add a next step.", timeout=5)

    # -- ending and leaving -------------------------------------------------
    def action_end_call(self) -> None:
        self._autosave_after_typing()
        self.app.push_screen(
            ConfirmDialog("End the call now and go to the wrap-up?", "End call", "Keep talking"),
            self._end_confirmed)

    def _end_confirmed(self, yes: bool | None) -> None:
        if not yes:
            self.query_one("#call-notes", NoteEditor).focus()
            return
        self.end_call()

    def end_call(self) -> None:
        """Close the call in the database (through run_service), then open the wrap-up.

        What is typed is flushed first by the autosave (``save_now``), so a failure
        to end the call (a lock, the row gone) keeps the notes, in a recovery file
        when the row is gone. While the end is under way the autosave waits, so no
        later save lands before it.
        """
        if self._ending:
            return
        self.autosave()
        self._sync_question_notes()
        notes = self.query_one("#call-notes", NoteEditor).text
        self._ending = True
        self.run_service(svc.end_call, self.app.store, self.app.clock, self.interview_id, notes=notes,
                         elapsed=self.countdown.elapsed, question_notes=dict(self.question_notes),
                         answered=dict(self.answered), done=self._ended, failed=self._not_ended)

    def _ended(self, _result) -> None:
        from netnet.screens.wrapup import WrapupScreen

        self._ending = False
        self.ended = True
        self.app.tell_browser("call", live=False)
        self.app.notify_data_changed()
        self.app.switch_screen(WrapupScreen(self.interview_id))

    def _not_ended(self, sentence: str) -> None:
        """The call goes on, the notes on screen (and in a recovery file if the row is gone)."""
        self._ending = False
        kept = f" Your notes are kept in {self.recovery_path}." if self.recovery_path else ""
        self._show_status(f"‼ The call was not ended: {sentence}{kept}", error=True)
        self.query_one("#call-notes", NoteEditor).focus()

    def confirm_leave(self, proceed) -> None:
        """Section switching and quitting ask first while the call runs."""
        self.autosave()
        if self.ended:
            proceed()
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.autosave()
                proceed()
            else:
                self.query_one("#call-notes", NoteEditor).focus()

        self.app.push_screen(ConfirmDialog(
            "The call is still running. Leave it? Your notes are saved, and the call "
            "stays open to resume from Interviews.", "Leave", "Stay on the call"), answer)


class BrowserCallScreen(CallScreen):
    """A call in a web browser (``netnet serve``).

    Browsers keep some function keys for themselves (F5 reloads, F6 goes to the address bar,
    F7 turns on caret browsing, F11 is full screen, F12 opens the developer tools; some keep
    F1 and F3 too), and always keep Ctrl+W, Ctrl+T and Ctrl+N. So every call key also has a
    Ctrl twin the browser leaves to the page, and the footer shows that one; the function keys
    still work wherever the browser lets them through.
    """

    HELP = """
# On the call (in a browser)

Type your notes: the cursor stays in them for the whole call, and they are
saved as you type (within a second), whenever netnet closes, and when the
browser tab is closed or reloaded (which asks first while the call runs).

Browsers keep some function keys, so each call key has a Ctrl twin:

- **Ctrl+B** or **F3**: previous question
- **Ctrl+F** or **F4**: next question
- **Ctrl+G** or **F5**: mark the current question answered (and move on)
- **Ctrl+S** or **F6**: stamp the elapsed time into the notes, like `[04:10]`
- **Ctrl+R** or **F7**: capture a person they mention (a new contact, introduced by them)
- **Ctrl+O** or **F8**: capture something they said: **a** an action item (a follow-up),
  or **o** an opportunity they mention (stamped with the call's time, in Opportunities)
- **Ctrl+L** or **F9**: pause or resume the countdown
- **Ctrl+E** or **F12**: end the call and go to the wrap-up
- **Tab** or **Shift+Tab**: switch between the call notes and the notes on the current question

Ctrl+W belongs to the browser (it closes the tab): delete a word with
Alt+Backspace instead. The End key goes to the end of a line.

The countdown turns to *nearing the end* (!) three minutes before the end and
to *last minute* (‼) at one minute, rings once at zero with a flash, then
counts *over time* (⏰). A call left open can be resumed later from Interviews.
"""

    # Each replaces the function key's binding of CallScreen (same key, so the footer shows
    # one key an action) and adds its Ctrl twin, shown in the footer.
    BINDINGS = [
        Binding("f3,ctrl+b", "previous_question", "Prev Q", priority=True, key_display="^b",
                id="call.browser.previous", tooltip="Go to the previous question (Ctrl+B or F3)"),
        Binding("f4,ctrl+f", "next_question", "Next Q", priority=True, key_display="^f",
                id="call.browser.next", tooltip="Go to the next question (Ctrl+F or F4)"),
        Binding("f5,ctrl+g", "mark_answered", "Answered", priority=True, key_display="^g",
                id="call.browser.answered",
                tooltip="Mark the current question answered (again to undo) and move on (Ctrl+G or F5)"),
        Binding("f6,ctrl+s", "stamp", "Stamp time", priority=True, key_display="^s",
                id="call.browser.stamp", tooltip="Write the elapsed time into the notes at the cursor "
                                                 "(Ctrl+S or F6)"),
        Binding("f7,ctrl+r", "capture_person", "Person", priority=True, key_display="^r",
                id="call.browser.person",
                tooltip="Add a person they mentioned as a new contact, introduced by them (Ctrl+R or F7)"),
        Binding("f8,ctrl+o", "capture", "Capture", priority=True, key_display="^o",
                id="call.browser.action",
                tooltip="Capture an action item (a) or an opportunity they mention (o) (Ctrl+O or F8)"),
        Binding("f9,ctrl+l", "toggle_pause", "Pause", priority=True, key_display="^l",
                id="call.browser.pause", tooltip="Pause or resume the countdown (Ctrl+L or F9)"),
        # Ctrl+E on its own binding, not shown: the note editor binds it too, and the footer
        # would otherwise put "End call" first, where the terminal shows it last.
        Binding("f12", "end_call", "End call", priority=True, key_display="^e",
                id="call.browser.end", tooltip="End the call and go to the wrap-up (Ctrl+E or F12)"),
        Binding("ctrl+e", "end_call", "End call", priority=True, show=False,
                id="call.browser.end-ctrl", tooltip="End the call and go to the wrap-up (Ctrl+E or F12)"),
    ]

    PAUSE_KEY, STAMP_KEY = "Ctrl+L", "Ctrl+S"


def call_screen_class(app: NetnetApp) -> type[CallScreen]:
    """The call screen for where netnet runs: in a browser, the one with browser-safe keys."""
    return BrowserCallScreen if app.in_browser else CallScreen


def introducer_of(screen: CallScreen) -> str:
    return screen.detail.contact_name or "the person on the call"


# -- dialogs ------------------------------------------------------------------

class PersonDialog(DraftableForm, NetnetModal[dict | None]):
    """A person mentioned on the call: name, where they work, why they matter."""

    HELP = """
# Capture a person

They become a contact *introduced by* the person you are talking to. People
you already know are suggested as you type the name: **↓**/**↑** and **Enter**
pick one (the mention goes on their timeline); *a new person* adds someone new.

- **Enter**: add · **Escape**: cancel · **Tab**: next field
"""

    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Close without adding", id="person.cancel")]

    DRAFT_KIND = "call-person"
    SAVE_ERROR_ID = "person-error"

    def __init__(self, introducer: str, *, interview_id: int | None = None,
                 on_save: Callable | None = None) -> None:
        super().__init__()
        self.introducer = introducer
        self.interview_id = interview_id
        self.on_save = on_save

    def draft_title(self) -> str:
        return f"A person {self.introducer} mentioned — {self.query_one('#person-name', Input).value.strip()}"

    def draft_args(self) -> dict:
        return {"interview_id": self.interview_id, "introducer": self.introducer}

    def compose(self) -> ComposeResult:
        with Vertical(classes="netnet-dialog call-dialog"):
            yield Static(f"[b]A person {self.introducer} mentioned[/b]", classes="call-dialog-text")
            yield PersonInput(placeholder="Name (required; people you know are suggested)", id="person-name",
                              loader=lambda: person_choices(self.app.store))
            yield Input(placeholder="Organisation", id="person-org")
            yield Input(placeholder="Job title", id="person-title")
            yield Input(placeholder="Why talk to them?", id="person-note")
            yield Label("", id="person-error", classes="field-error")

    @on(Input.Submitted)
    def _submit(self) -> None:
        contact_id, name = self.query_one("#person-name", PersonInput).choice()
        if not name:
            self.query_one("#person-error", Label).update("‼ A name is needed.")
            self.query_one("#person-name", Input).focus()
            return
        self.finish({
            "name": name,
            "contact_id": contact_id,
            "organisation": self.query_one("#person-org", Input).value.strip(),
            "title": self.query_one("#person-title", Input).value.strip(),
            "note": self.query_one("#person-note", Input).value.strip(),
        })

    def action_cancel(self) -> None:
        self.cancel_form()  # asks first when something was typed


class ActionDialog(DraftableForm, NetnetModal[tuple[str, int] | None]):
    """An action item from the call, due in a number of days."""

    HELP = """
# Capture an action item

It goes to the follow-up queue, linked to this person and this interview.

- **Enter**: add · **Escape**: cancel · **Tab**: next field
"""

    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Close without adding", id="action.cancel")]

    DRAFT_KIND = "call-action"
    SAVE_ERROR_ID = "action-error"

    def __init__(self, *, interview_id: int | None = None, on_save: Callable | None = None) -> None:
        super().__init__()
        self.interview_id = interview_id
        self.on_save = on_save

    def draft_title(self) -> str:
        return f"Action item — {self.query_one('#action-text', Input).value.strip()}"

    def draft_args(self) -> dict:
        return {"interview_id": self.interview_id}

    def compose(self) -> ComposeResult:
        with Vertical(classes="netnet-dialog call-dialog"):
            yield Static("[b]Action item[/b]", classes="call-dialog-text")
            yield Input(placeholder="What to do (required)", id="action-text")
            with Horizontal(classes="call-dialog-row"):
                yield Label("Due in days:", classes="call-dialog-label")
                yield Input("1", type="integer", id="action-days")
            yield Label("", id="action-error", classes="field-error")

    @on(Input.Submitted)
    def _submit(self) -> None:
        text = self.query_one("#action-text", Input).value.strip()
        if not text:
            self.query_one("#action-error", Label).update("‼ Say what is to be done.")
            self.query_one("#action-text", Input).focus()
            return
        raw = self.query_one("#action-days", Input).value.strip() or "1"
        try:
            days = max(0, int(raw))
        except ValueError:
            days = 1
        self.finish((text, days))

    def action_cancel(self) -> None:
        self.cancel_form()  # asks first when something was typed


def capture_saver(store, clock, interview_id: int, seconds: float) -> Callable[[dict], int]:
    """The write an opportunity dialog runs in its save worker (also for a reopened draft)."""

    def save(result: dict) -> int:
        return opportunities.capture_in_call(store, clock, interview_id, result["title"],
                                             organisation=result.get("organisation", ""),
                                             notes=result.get("notes", ""), seconds=seconds)

    return save


class CaptureChoice(NetnetModal[str | None]):
    """F8 on a call: capture an action item or an opportunity, one key each."""

    HELP = """
# Capture

- **a**: an action item: something to do, in the follow-up queue
- **o**: an opportunity they mention: an opening, a project, a team about to hire,
  a programme or a volunteer role (it goes to Opportunities, stamped with the call's time)
- **Escape**: back to the notes
"""

    BINDINGS = [
        Binding("a", "choose('action')", "Action item", tooltip="Capture an action item for the follow-up queue",
                id="capture.action", priority=True),
        Binding("o", "choose('opportunity')", "Opportunity", tooltip="Capture an opportunity they mention",
                id="capture.opportunity", priority=True),
        Binding("escape", "choose(None)", "Back", tooltip="Back to the call notes", id="capture.cancel",
                priority=True),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="netnet-dialog call-dialog", id="capture-choice"):
            yield Static("[b]Capture from the call[/b]", classes="call-dialog-text")
            yield Static("[b]a    [/b]an action item (a follow-up)\n"
                         "[b]o    [/b]an opportunity they mention (an opening, a project, a team…)\n"
                         "[b]Esc  [/b]back to the notes", id="capture-keys")

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)


class OpportunityDialog(DraftableForm, NetnetModal[dict | None]):
    """An opportunity the person on the call mentions: what it is, where, a word on it."""

    HELP = """
# Capture an opportunity

It goes to Opportunities as *heard of*, from the person on the call, stamped
with the moment you pressed F8, for the interview's goal. The wrap-up lists it
so you can add its next step.

- **Enter**: add · **Escape**: cancel · **Tab**: next field
"""

    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Close without adding", id="opportunity.cancel")]

    DRAFT_KIND = "call-opportunity"
    SAVE_ERROR_ID = "opportunity-error"

    def __init__(self, who: str, *, interview_id: int | None = None, seconds: float = 0,
                 on_save: Callable | None = None) -> None:
        super().__init__()
        self.who = who
        self.interview_id = interview_id
        self.seconds = seconds
        self.on_save = on_save

    def draft_title(self) -> str:
        return f"An opportunity {self.who} mentioned — {self.query_one('#opportunity-title', Input).value.strip()}"

    def draft_args(self) -> dict:
        return {"interview_id": self.interview_id, "who": self.who, "seconds": self.seconds}

    def compose(self) -> ComposeResult:
        with Vertical(classes="netnet-dialog call-dialog"):
            yield Static(f"[b]An opportunity {self.who} mentioned[/b] · at {stamp_text(self.seconds)}",
                         classes="call-dialog-text")
            yield Input(placeholder="What is it? (required) e.g. data analyst, new team", id="opportunity-title")
            yield Input(placeholder="Organisation", id="opportunity-org")
            yield Input(placeholder="A word on it (who hires, when, what they look for)", id="opportunity-notes")
            yield Label("", id="opportunity-error", classes="field-error")

    @on(Input.Submitted)
    def _submit(self) -> None:
        title = self.query_one("#opportunity-title", Input).value.strip()
        if not title:
            self.query_one("#opportunity-error", Label).update("‼ Say what the opportunity is.")
            self.query_one("#opportunity-title", Input).focus()
            return
        self.finish({
            "title": title,
            "organisation": self.query_one("#opportunity-org", Input).value.strip(),
            "notes": self.query_one("#opportunity-notes", Input).value.strip(),
        })

    def action_cancel(self) -> None:
        self.cancel_form()  # asks first when something was typed


class RecoverDialog(NetnetModal[str | None]):
    """An unfinished call found at start: resume it, wrap it up, or decide later."""

    HELP = """
# An unfinished call

netnet closed while a call was running. Its notes were saved.

- **r**: resume the call with its notes and the elapsed time
- **w**: end it and go to the wrap-up
- **Escape**: later (it stays in Interviews)
"""

    BINDINGS = [
        Binding("r", "choose('resume')", "Resume", tooltip="Resume the call", id="recover.resume"),
        Binding("w", "choose('wrapup')", "Wrap up", tooltip="End it and go to the wrap-up", id="recover.wrapup"),
        Binding("escape", "choose('later')", "Later", tooltip="Decide later", id="recover.later"),
    ]

    def __init__(self, row: InterviewRow, elapsed: float, paused: bool, others: int = 0) -> None:
        super().__init__()
        self.row, self.elapsed, self.paused, self.others = row, elapsed, paused, others

    def compose(self) -> ComposeResult:
        row = self.row
        name = row.contact_name or "someone new"
        started = day_words(row.started_at, time=True) if row.started_at else "earlier"
        saved = f"{row.updated_at.astimezone():%H:%M:%S}" if row.updated_at else "?"
        state = "paused" if self.paused else "running"
        text = (f"[b]A call with {name} did not finish.[/b]\n"
                f"Started {started}; notes last saved at {saved}.\n"
                f"Elapsed: {stamp_text(self.elapsed)} (the countdown resumes {state}).")
        if self.others:
            text += f"\n{self.others} more unfinished call(s) are listed in Interviews."
        with Vertical(classes="netnet-dialog call-dialog"):
            yield Static(text, classes="call-dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resume (r)", variant="primary", id="recover-resume")
                yield Button("Wrap up (w)", id="recover-wrapup")
                yield Button("Later (esc)", id="recover-later")

    def on_mount(self) -> None:
        self.query_one("#recover-resume").focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "recover-later").removeprefix("recover-"))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


# -- opening a call -----------------------------------------------------------

class CallRefused(ValueError):
    """A call that cannot be started (gone, or already over): one sentence."""


def begin_call(store, clock, interview_id: int) -> tuple[InterviewDetail, float, bool]:
    """Start (or resume) a call in the database; runs on the writing thread."""
    before = svc.get_interview(store, interview_id)
    if before is None:
        raise CallRefused("That interview no longer exists.")
    if before.status == "done":
        raise CallRefused("That call is over; its notes are in the wrap-up.")
    elapsed, paused = 0.0, False
    if before.status == "live":
        elapsed, paused = svc.recovered_elapsed(before, clock.now())
    return svc.start_call(store, clock, interview_id), elapsed, paused


def open_call(app: NetnetApp, interview_id: int) -> None:
    """Start (or resume) a call and show it in the Interviews section, once the database has it."""

    def show(started: tuple[InterviewDetail, float, bool]) -> None:
        detail, elapsed, paused = started
        if "interviews" in app.MODES and app.current_mode != "interviews":
            app.switch_mode("interviews")
        app.push_screen(call_screen_class(app)(detail, elapsed=elapsed, paused=paused))
        app.notify_data_changed()

    app.run_service(begin_call, app.store, app.clock, interview_id, done=show)


def wrap_up(app: NetnetApp, interview_id: int) -> None:
    """End a call left open and show its wrap-up."""
    from netnet.screens.wrapup import WrapupScreen

    def show(_result) -> None:
        if "interviews" in app.MODES and app.current_mode != "interviews":
            app.switch_mode("interviews")
        app.push_screen(WrapupScreen(interview_id))
        app.notify_data_changed()

    app.run_service(svc.end_call, app.store, app.clock, interview_id, done=show)


def offer_recovery(app: NetnetApp) -> None:
    """At start: look for calls left live (in a thread) and offer to resume the latest."""

    def look() -> None:
        calls = svc.unfinished_calls(app.store)
        if not calls:
            return
        latest = max(calls, key=lambda r: (r.updated_at or r.started_at or app.clock.now(), r.id))
        detail = svc.get_interview(app.store, latest.id)
        if detail is None:
            return
        elapsed, paused = svc.recovered_elapsed(detail, app.clock.now())
        app.call_from_thread(_ask, latest, elapsed, paused, len(calls) - 1)

    def _ask(row: InterviewRow, elapsed: float, paused: bool, others: int) -> None:
        def chosen(choice: str | None) -> None:
            if choice == "resume":
                open_call(app, row.id)
            elif choice == "wrapup":
                wrap_up(app, row.id)

        app.push_screen(RecoverDialog(row, elapsed, paused, others), chosen)

    app.run_worker(look, thread=True, group="recover-calls", exit_on_error=False)
