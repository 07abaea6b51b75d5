"""The prep wizard: who, format and time, the purpose first, then the questions.

Every step is reached by keyboard (F3 back, F4 forward) and saved as a draft
when left, so the wizard can be closed at any point and resumed from the
Interviews list.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import (
    ContentSwitcher,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Select,
    Static,
)
from textual.widgets.option_list import Option

from netnet.core.enums import Format, Purpose
from netnet.core.names import split_name
from netnet.core.questions import full_bank, proposed
from netnet.core.when import day_words
from netnet.data import contacts as contacts_svc
from netnet.data import interviews as svc
from netnet.data.contacts import ContactRow
from netnet.data.interviews import InterviewDetail, SavedQuestion, WizardState
from netnet.screens.base import NetnetModal, NetnetScreen, failure_sentence
from netnet.screens.draftable import DraftableForm
from netnet.widgets.person_input import PersonInput
from netnet.widgets.ticks import RadioChoice

log = logging.getLogger("netnet")

STEPS = [("step-who", "Who"), ("step-when", "Format and when"), ("step-purpose", "Purpose"),
         ("step-questions", "Questions")]
FORMATS = [f.value for f in Format]
PURPOSES = [p.value for p in Purpose]
OWN_FAMILY = "My own"
NEW_PREFIX = "new:"


@dataclass
class PrepLoaded:
    detail: InterviewDetail | None
    goals: list[tuple[int, str]]
    saved: list[SavedQuestion]
    contact_name: str


class BankList(OptionList):
    """Questions to pick from. Enter adds the highlighted one."""

    BINDINGS = [Binding("enter", "select", "Add question", tooltip="Add this question to the list",
                        id="prep.bank-add")]


class ChosenList(OptionList):
    """The interview's questions, in order. It asks its screen to change the list by message."""

    @dataclass
    class Move(Message):
        """Move the highlighted question by ``offset`` places."""

        chosen: ChosenList
        offset: int

        @property
        def control(self) -> ChosenList:
            return self.chosen

    @dataclass
    class Remove(Message):
        """Remove the highlighted question."""

        chosen: ChosenList

        @property
        def control(self) -> ChosenList:
            return self.chosen

    @dataclass
    class Edit(Message):
        """Edit the highlighted question's words."""

        chosen: ChosenList

        @property
        def control(self) -> ChosenList:
            return self.chosen

    BINDINGS = [
        Binding("shift+up,minus", "move(-1)", "Move up", tooltip="Move the question up", id="prep.move-up"),
        Binding("shift+down,plus", "move(1)", "Move down", tooltip="Move the question down", id="prep.move-down"),
        Binding("delete,x", "remove", "Remove", tooltip="Remove the question from the list", id="prep.remove"),
        Binding("e,enter", "edit", "Edit", tooltip="Edit the question's words", id="prep.edit"),
    ]

    def action_move(self, offset: int) -> None:
        self.post_message(self.Move(self, offset))

    def action_remove(self) -> None:
        self.post_message(self.Remove(self))

    def action_edit(self) -> None:
        self.post_message(self.Edit(self))


def write_prep(store, clock, ref: DraftRef, state: WizardState, questions: list[tuple[str, str]],
               schedule: bool, with_questions: bool) -> bool:
    """Write the wizard's draft (and its questions); True when it had to be saved as a new one.

    Runs on the writing thread (or, on the way out, on the interface's): the id is
    read from and written to ``ref`` there, so two saves queued one after the other
    make one draft, not two.
    """
    recreated = False
    try:
        ref.id = svc.save_draft(store, clock, state, ref.id, schedule=schedule)
    except svc.InterviewGone:
        # Deleted meanwhile, or the database was restored: everything is on screen, so
        # it is saved again as a new draft rather than lost.
        ref.id = svc.save_draft(store, clock, state, None, schedule=schedule)
        recreated = True
    if with_questions:
        svc.replace_questions(store, ref.id, questions)
    return recreated


def choose_person(store, clock, option_id: str) -> tuple[int, tuple[int, int] | None, bool]:
    """The person picked in step 1 (created when new), and a target they are on, if any."""
    created = False
    if option_id.startswith(NEW_PREFIX):
        name = option_id[len(NEW_PREFIX):]
        given, family = split_name(name)
        contact_id = contacts_svc.create_contact(
            store, contacts_svc.ContactInput(display_name=name, given_name=given, family_name=family), clock)
        created = True
    else:
        contact_id = int(option_id)
    return contact_id, svc.target_for_contact(store, contact_id), created


def keep_own_question(store, clock, text: str, purpose: str) -> list[SavedQuestion]:
    """Keep a question of one's own for later interviews; the kept list after it."""
    svc.keep_question(store, clock, text, OWN_FAMILY, purpose)
    return svc.saved_questions(store)


class DraftRef:
    """The wizard's interview id, shared with the writing thread."""

    def __init__(self, interview_id: int | None) -> None:
        self.id = interview_id


class PrepScreen(NetnetScreen[int | None]):
    """Prepare an information interview."""

    step: reactive[int] = reactive(0, always_update=True, bindings=True, init=False)
    """The wizard's step (0–3): the watcher shows it; the bindings (back, forward, propose) follow it."""

    TITLE = "Prepare an interview"
    DEFAULT_CSS = """
    #prep-steps {
        height: 2;
        padding: 0 1;
    }
    #prep-switcher {
        height: 1fr;
    }
    .prep-step {
        height: 1fr;
        padding: 0 1;
    }
    .prep-label {
        padding: 1 0 0 0;
        text-style: bold;
    }
    #prep-who-list {
        height: 1fr;
    }
    #prep-who-chosen {
        height: auto;
    }
    .prep-row {
        height: auto;
    }
    #prep-date {
        width: 17;  /* ten characters and the cursor after them, inside the border and padding */
    }
    #prep-time {
        width: 12;
    }
    #prep-length {
        width: 8;
    }
    .prep-inline {
        padding: 1 1 0 2;
    }
    #prep-format, #prep-purpose {
        height: auto;
        width: 100%;
    }
    #prep-question-lists {
        height: 1fr;
    }
    .prep-column {
        width: 1fr;
    }
    .prep-column OptionList {
        height: 1fr;
    }
    #prep-status {
        height: auto;
        max-height: 2;
        padding: 0 1;
        color: $text-muted;
    }
    #prep-status.-error {
        color: $error;
        text-style: bold;
    }
    """
    HELP = """
# Prepare an information interview

Four steps; **F4** goes forward and **F3** back, and each step is saved as a
draft as you leave it. **Escape** closes the wizard (the draft is kept; resume
it with **e** in Interviews).

1. **Who**: type to search your contacts; Enter picks one. Pick
   *New contact* to add someone you do not have yet.
2. **Format and when**: phone, in person or video; a date and time (local)
   to schedule it, and the length in minutes.
3. **Purpose** first: what do you want from this conversation? The
   questions follow from it.
4. **Questions**: netnet proposes a short list for the purpose. Add from the
   bank on the left with Enter; in your list, **Shift+↑/↓** (or - and +)
   reorder, **e** edits, **x** or Delete removes. Write your own below: it is
   kept for reuse in later interviews. **Ctrl+R** proposes the list again.

- **Ctrl+S**: save (scheduled when a date is set) · **F5**: start the call now
"""

    BINDINGS = [
        Binding("f3", "back", "Back", priority=True, tooltip="Previous step", id="prep.back"),
        Binding("f4", "forward", "Next", priority=True, tooltip="Next step", id="prep.forward"),
        Binding("ctrl+s", "save", "Save", priority=True, id="prep.save",
                tooltip="Save the draft (scheduled when a date and time are set)"),
        Binding("f5", "start_call", "Start call", priority=True, tooltip="Save and start the call now",
                id="prep.start"),
        Binding("ctrl+r", "propose", "Propose again", id="prep.propose",
                tooltip="Replace the list with the questions proposed for the purpose"),
        Binding("escape", "close", "Close", tooltip="Close the wizard, keeping the draft", id="prep.close"),
    ]

    def __init__(self, interview_id: int | None = None) -> None:
        super().__init__()
        self.ref = DraftRef(interview_id)
        self.state = WizardState()
        self.questions: list[tuple[str, str]] = []
        self.contact_name = ""
        self.goals: list[tuple[int, str]] = []
        self.saved: list[SavedQuestion] = []
        self.matches: list[ContactRow] = []
        self.editing: int | None = None
        self.loaded = False
        self._proposed_for: str | None = None

    # -- building -----------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="prep-steps")
        with ContentSwitcher(initial="step-who", id="prep-switcher"):
            with Vertical(id="step-who", classes="prep-step"):
                yield Label("Who will you talk to? Type a name; Enter picks.", classes="prep-label")
                yield Input(placeholder="Search your contacts, or type a new name", id="prep-who-search")
                yield OptionList(id="prep-who-list")
                yield Static("", id="prep-who-chosen")
            with Vertical(id="step-when", classes="prep-step"):
                yield Label("How will you talk?", classes="prep-label")
                with RadioSet(id="prep-format"):
                    for value in FORMATS:
                        yield RadioChoice(Format(value).label, value=value == "phone", name=value)
                yield Label("When (local time; leave empty to decide later)", classes="prep-label")
                with Horizontal(classes="prep-row"):
                    yield Input(placeholder="YYYY-MM-DD", id="prep-date")
                    yield Input(placeholder="HH:MM", id="prep-time")
                    yield Label("minutes:", classes="prep-inline")
                    yield Input("15", type="integer", id="prep-length")
                yield Static("", id="prep-when-error", classes="prep-error")
            with Vertical(id="step-purpose", classes="prep-step"):
                yield Label("What is the purpose of this conversation? Decide it before the questions.",
                            classes="prep-label")
                with RadioSet(id="prep-purpose"):
                    for value in PURPOSES:
                        yield RadioChoice(Purpose(value).label, value=value == "job_org", name=value)
                yield Input(placeholder="In a few words (needed for 'in my own words')", id="prep-purpose-text")
                yield Select([], prompt="For which goal? (optional)", id="prep-goal")
            with Vertical(id="step-questions", classes="prep-step"):
                with Horizontal(id="prep-question-lists"):
                    with Vertical(classes="prep-column"):
                        yield Label("Question bank (Enter adds)", classes="prep-label")
                        yield BankList(id="prep-bank")
                    with Vertical(classes="prep-column"):
                        yield Label("My list for this call", classes="prep-label")
                        yield ChosenList(id="prep-chosen")
                yield Input(placeholder="Write your own question (kept for reuse); Enter adds", id="prep-new-question")
        yield Static("", id="prep-status")
        yield Footer()

    def on_mount(self) -> None:
        self.state.length_seconds = int(self.app.settings.call_minutes or 15) * 60
        self.query_one("#prep-length", Input).value = str(self.state.length_seconds // 60)
        for radio_set in self.query(RadioSet):
            self._mark_radios(radio_set)
        self._show_step()
        self.load()

    @work(thread=True, exclusive=True, group="prep-load", exit_on_error=False)
    def load(self) -> None:
        store = self.app.store
        detail = svc.get_interview(store, self.interview_id) if self.interview_id else None
        self.app.call_from_thread(self._loaded, PrepLoaded(detail, svc.goal_choices(store),
                                                           svc.saved_questions(store),
                                                           detail.contact_name if detail else ""))

    def _loaded(self, data: PrepLoaded) -> None:
        self.goals = data.goals
        self.saved = data.saved
        self.query_one("#prep-goal", Select).set_options([(title, gid) for gid, title in self.goals])
        detail = data.detail
        if detail is not None:
            self.state = WizardState(
                contact_id=detail.contact_id, goal_id=detail.goal_id, target_id=detail.target_id,
                purpose=detail.purpose, purpose_text=detail.purpose_text, format=detail.format,
                scheduled_at=detail.scheduled_at, length_seconds=detail.length_seconds,
                wizard_step=detail.wizard_step)
            self.contact_name = data.contact_name
            self.questions = [(q.family, q.text) for q in detail.questions]
            if self.questions:
                self._proposed_for = detail.purpose
            self._fill_fields()
        self.loaded = True
        self._search("")
        self.step = max(0, min(len(STEPS) - 1, detail.wizard_step)) if detail is not None else self.step

    def _fill_fields(self) -> None:
        state = self.state
        self.query_one("#prep-who-chosen", Static).update(self._chosen_text())
        for button in self.query_one("#prep-format", RadioSet).query(RadioButton):
            button.value = button.name == state.format
        for button in self.query_one("#prep-purpose", RadioSet).query(RadioButton):
            button.value = button.name == state.purpose
        for radio_set in self.query(RadioSet):
            self._mark_radios(radio_set)
        self.query_one("#prep-purpose-text", Input).value = state.purpose_text
        if state.scheduled_at is not None:
            local = state.scheduled_at.astimezone()
            self.query_one("#prep-date", Input).value = f"{local:%Y-%m-%d}"
            self.query_one("#prep-time", Input).value = f"{local:%H:%M}"
        self.query_one("#prep-length", Input).value = str(max(1, state.length_seconds // 60))
        if state.goal_id is not None and any(g == state.goal_id for g, _ in self.goals):
            self.query_one("#prep-goal", Select).value = state.goal_id

    @on(RadioSet.Changed)
    def _radio_changed(self, event: RadioSet.Changed) -> None:
        self._mark_radios(event.radio_set)

    def _mark_radios(self, radio_set: RadioSet) -> None:
        """The chosen option says so in words, not only in colour."""
        labels = {b.value: b.label for b in Format} if radio_set.id == "prep-format" else \
            {p.value: p.label for p in Purpose}
        for button in radio_set.query(RadioButton):
            base = labels.get(button.name or "", str(button.label))
            button.label = f"{base}  ◀ chosen" if button.value else base

    def _chosen_text(self) -> str:
        if self.state.contact_id is None:
            return "Nobody chosen yet."
        return f"✓ Talking to [b]{self.contact_name}[/b]. F4: next step."

    # -- steps --------------------------------------------------------------
    def _show_step(self) -> None:
        parts = []
        for index, (_, title) in enumerate(STEPS):
            mark = "▶" if index == self.step else ("✓" if index < self.step else "·")
            parts.append(f"{mark} {index + 1}. {title}")
        who = f" · with {self.contact_name}" if self.contact_name else ""
        self.query_one("#prep-steps", Static).update(
            f"[b]Step {self.step + 1} of {len(STEPS)}[/b]{who}\n" + "   ".join(parts))
        self.query_one(ContentSwitcher).current = STEPS[self.step][0]
        if self.step == 3:
            self._ensure_questions()
            self._render_bank()
            self._render_chosen()
        focus = {0: "#prep-who-search", 1: "#prep-format", 2: "#prep-purpose", 3: "#prep-chosen"}[self.step]
        self.query_one(focus).focus()

    def watch_step(self) -> None:
        self._show_step()

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "back":
            return self.step > 0
        if action == "forward":
            return self.step < len(STEPS) - 1
        if action == "propose":
            return self.step == 3
        return True

    def _collect(self) -> str | None:
        """Read the current step's fields into the state; an error sentence if something is wrong."""
        if self.step == 0 and self.state.contact_id is None:
            return "Pick a person first (type a name, then Enter)."
        if self.step == 1:
            pressed = self.query_one("#prep-format", RadioSet).pressed_button
            if pressed is not None and pressed.name:
                self.state.format = pressed.name
            date_text = self.query_one("#prep-date", Input).value.strip()
            time_text = self.query_one("#prep-time", Input).value.strip()
            length_text = self.query_one("#prep-length", Input).value.strip() or "15"
            try:
                minutes = int(length_text)
                if not 1 <= minutes <= 240:
                    raise ValueError
            except ValueError:
                return "The length is a number of minutes between 1 and 240."
            self.state.length_seconds = minutes * 60
            if not date_text and not time_text:
                self.state.scheduled_at = None
            else:
                try:
                    local = datetime.strptime(f"{date_text} {time_text or '09:00'}", "%Y-%m-%d %H:%M")
                except ValueError:
                    return "Write the date as YYYY-MM-DD and the time as HH:MM (24-hour), or leave both empty."
                self.state.scheduled_at = local.astimezone()
        if self.step == 2:
            pressed = self.query_one("#prep-purpose", RadioSet).pressed_button
            if pressed is not None and pressed.name:
                self.state.purpose = pressed.name
            self.state.purpose_text = self.query_one("#prep-purpose-text", Input).value.strip()
            if self.state.purpose == "own_words" and not self.state.purpose_text:
                return "Say the purpose in a few words."
            goal = self.query_one("#prep-goal", Select).value
            self.state.goal_id = goal if isinstance(goal, int) else None
        return None

    def _error(self, message: str) -> None:
        self.query_one("#prep-status", Static).update(f"‼ {message}")
        self.query_one("#prep-status", Static).add_class("-error")

    def _status(self, message: str) -> None:
        self.query_one("#prep-status", Static).update(message)
        self.query_one("#prep-status", Static).remove_class("-error")

    def _go(self, step: int) -> None:
        problem = self._collect()
        if problem and step > self.step:
            self._error(problem)
            return
        self.state.wizard_step = max(0, min(len(STEPS) - 1, step))
        self._status("")
        self.step = self.state.wizard_step  # the watcher shows the step
        if self.state.contact_id is not None:
            self._save()

    def action_back(self) -> None:
        self._go(self.step - 1)

    def action_forward(self) -> None:
        self._go(self.step + 1)

    # -- saving -------------------------------------------------------------
    @property
    def interview_id(self) -> int | None:
        return self.ref.id

    def _write_args(self, schedule: bool | None) -> tuple:
        if schedule is None:
            schedule = self.state.scheduled_at is not None
        state = WizardState(**vars(self.state))  # a copy: the screen keeps changing its own
        return (self.app.store, self.app.clock, self.ref, state, list(self.questions), schedule,
                self.step == 3 or bool(self.questions))

    def _save(self, *, schedule: bool | None = None, then=None) -> None:
        """Write the draft through run_service; ``then()`` once it has landed."""
        if not self.loaded or self.state.contact_id is None:
            if then is not None:
                then()
            return

        def done(recreated: bool) -> None:
            if recreated:
                self.notify("This draft was no longer in the database; it was saved again as a new one.",
                            severity="warning", timeout=8)
            if then is not None:
                then()

        self.run_service(write_prep, *self._write_args(schedule), done=done, failed=self._error)

    def save_now(self) -> bool:
        """Write the draft synchronously: only on the way out (quit, a signal, an internal error)."""
        if not self.loaded or self.state.contact_id is None:
            return True
        offline = self.app.store.remote and not self.app.store.online
        if offline:  # the local file first, then the server
            self._keep_file()
        try:
            write_prep(*self._write_args(None))
        except Exception as exc:  # a lock, the server away: keep it all on screen and in a file
            log.warning("the prep draft could not be saved on the way out: %s", exc)
            where = self._keep_file() if not offline else self._kept_file
            sentence = failure_sentence(exc, self.app.store.label)
            self._error(sentence + (f" Your answers are kept in {where}." if where else ""))
            return False
        return True

    _kept_file: Path | None = None

    def _keep_file(self) -> Path | None:
        """The wizard's answers and questions in a 0600 recovery file beside the database."""
        from netnet.data.recovery import keep_recovery

        state = self.state
        lines = ["Interview prep, kept because the database could not take it.", "",
                 f"Purpose: {state.purpose_text or state.purpose}", f"Format: {state.format}",
                 f"Length: {state.length_seconds // 60} minutes"]
        if state.scheduled_at is not None:
            lines.append(f"When: {state.scheduled_at.astimezone():%Y-%m-%d %H:%M}")
        lines += ["", "Questions:"] + [f"- {text}" for _family, text in self.questions]
        try:
            self._kept_file = keep_recovery(self.app.store.path, "prep", "\n".join(lines), self.app.clock.now(),
                                       replace=self._kept_file)
        except Exception:
            log.exception("the prep draft could not be kept in a file either")
        return self._kept_file

    def action_save(self) -> None:
        problem = self._collect()
        if problem:
            self._error(problem)
            return
        if self.state.contact_id is None:
            self._error("Pick a person first (type a name, then Enter).")
            return
        scheduled = self.state.scheduled_at

        def saved() -> None:
            self.app.notify_data_changed()
            if scheduled is not None:
                when = scheduled.astimezone()
                self._status(f"✓ Scheduled for {day_words(when, time=True)}; it will be in the follow-ups that day.")
            else:
                self._status("✓ Draft saved. Resume it from Interviews with e.")

        self._save(then=saved)

    def action_close(self) -> None:
        if self.state.contact_id is None:
            self.dismiss(self.interview_id)
            return
        self._collect()

        def saved() -> None:  # a failed save keeps the wizard open: what was typed is only on screen
            self.app.notify_data_changed()
            kept = "Scheduled; it is in Interviews." if self.state.scheduled_at is not None else \
                "Draft kept in Interviews."
            self.app.notify(kept, timeout=3)
            self.dismiss(self.interview_id)

        self._save(then=saved)

    def action_start_call(self) -> None:
        from netnet.screens.call import open_call

        problem = self._collect()
        if problem:
            self._error(problem)
            return
        if self.state.contact_id is None:
            self._error("Pick a person first (type a name, then Enter).")
            return
        self._ensure_questions()
        app = self.app

        def saved() -> None:
            interview_id = self.interview_id
            self.dismiss(None)
            if interview_id is not None:
                open_call(app, interview_id)

        self._save(schedule=False, then=saved)

    # -- step 1: who --------------------------------------------------------
    @on(Input.Changed, "#prep-who-search")
    def _who_typed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @work(thread=True, exclusive=True, group="prep-search", exit_on_error=False)
    def _search(self, text: str) -> None:
        store = self.app.store
        if text.strip():
            rows, _ = contacts_svc.search(store, text)
        else:
            rows = contacts_svc.list_contacts(store, limit=200)
        self.app.call_from_thread(self._show_matches, text, rows[:200])

    def _show_matches(self, text: str, rows: list[ContactRow]) -> None:
        if text != self.query_one("#prep-who-search", Input).value:
            return
        self.matches = rows
        listing = self.query_one("#prep-who-list", OptionList)
        listing.clear_options()
        name = " ".join(text.split())
        for row in rows:
            where = " · ".join(x for x in (row.title, row.organisation) if x)
            label = Text(row.display_name)
            if where:
                label.append(f"  {where}", style="dim")
            listing.add_option(Option(label, id=str(row.id)))
        if name and not any(r.display_name.casefold() == name.casefold() for r in rows):
            listing.add_option(Option(Text(f"+ New contact: {name}", style="bold"), id=NEW_PREFIX + name))
        if listing.option_count:
            listing.highlighted = 0

    @on(Input.Submitted, "#prep-who-search")
    def _who_submitted(self) -> None:
        listing = self.query_one("#prep-who-list", OptionList)
        if listing.option_count:
            index = listing.highlighted or 0
            self._pick(listing.get_option_at_index(index).id or "")

    @on(OptionList.OptionSelected, "#prep-who-list")
    def _who_selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id or "")

    def _pick(self, option_id: str) -> None:
        if option_id.startswith(NEW_PREFIX):
            name = option_id[len(NEW_PREFIX):]
        else:
            row = next((r for r in self.matches if r.id == int(option_id)), None)
            name = row.display_name if row else ""
        self.run_service(choose_person, self.app.store, self.app.clock, option_id,
                         done=lambda chosen: self._picked(name, *chosen))

    def _picked(self, name: str, contact_id: int, found: tuple[int, int] | None, created: bool) -> None:
        if created:
            self.app.notify_data_changed()
        self.contact_name = name
        self.state.contact_id = contact_id
        if found and self.state.target_id is None:
            self.state.goal_id, self.state.target_id = found
            if any(g == found[0] for g, _ in self.goals):
                self.query_one("#prep-goal", Select).value = found[0]
        self.query_one("#prep-who-chosen", Static).update(self._chosen_text())
        self._go(1)

    # -- step 4: questions --------------------------------------------------
    def _ensure_questions(self) -> None:
        if not self.questions or self._proposed_for is None:
            if not self.questions:
                self.questions = [(q.family, q.text) for q in proposed(self.state.purpose)]
            self._proposed_for = self.state.purpose

    def action_propose(self) -> None:
        self.questions = [(q.family, q.text) for q in proposed(self.state.purpose)]
        self._proposed_for = self.state.purpose
        self._render_chosen()
        self._status(f"Proposed {len(self.questions)} questions for: {Purpose(self.state.purpose).label}.")

    def _render_bank(self) -> None:
        bank = self.query_one("#prep-bank", BankList)
        bank.clear_options()
        family = None
        entries = [(q.family, q.text) for q in full_bank(self.state.purpose)]
        entries += [(OWN_FAMILY, s.text) for s in self.saved]
        for index, (fam, text) in enumerate(entries):
            if fam != family:
                family = fam
                bank.add_option(Option(Text(fam.upper(), style="bold"), disabled=True))
            bank.add_option(Option(text, id=f"bank-{index}"))
        self._bank_entries = entries
        bank.highlighted = 1 if bank.option_count > 1 else None

    def _render_chosen(self, highlight: int | None = None) -> None:
        chosen = self.query_one("#prep-chosen", ChosenList)
        old = chosen.highlighted
        chosen.clear_options()
        for index, (family, text) in enumerate(self.questions):
            line = Text(f"{index + 1}. ")
            line.append(text)
            line.append(f"  ({family})", style="dim")
            chosen.add_option(Option(line))
        if self.questions:
            target = highlight if highlight is not None else (old or 0)
            chosen.highlighted = max(0, min(len(self.questions) - 1, target))

    @on(OptionList.OptionSelected, "#prep-bank")
    def _bank_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if not option_id.startswith("bank-"):
            return
        family, text = self._bank_entries[int(option_id[5:])]
        if any(t == text for _, t in self.questions):
            self._status("That question is already in the list.")
            return
        self.questions.append((family, text))
        self._render_chosen(len(self.questions) - 1)
        self._status(f"Added: {text}")

    @on(ChosenList.Move)
    def _move_asked(self, message: ChosenList.Move) -> None:
        self.move_question(message.offset)

    @on(ChosenList.Remove)
    def _remove_asked(self) -> None:
        self.remove_question()

    @on(ChosenList.Edit)
    def _edit_asked(self) -> None:
        self.edit_question()

    def move_question(self, offset: int) -> None:
        chosen = self.query_one("#prep-chosen", ChosenList)
        index = chosen.highlighted
        if index is None or not self.questions:
            return
        new = max(0, min(len(self.questions) - 1, index + offset))
        self.questions.insert(new, self.questions.pop(index))
        self._render_chosen(new)

    def remove_question(self) -> None:
        chosen = self.query_one("#prep-chosen", ChosenList)
        index = chosen.highlighted
        if index is None or not self.questions:
            return
        family, text = self.questions.pop(index)
        self._render_chosen(index)
        self._status(f"Removed: {text}")

    def edit_question(self) -> None:
        chosen = self.query_one("#prep-chosen", ChosenList)
        index = chosen.highlighted
        if index is None or not self.questions:
            return
        self.editing = index
        box = self.query_one("#prep-new-question", Input)
        box.value = self.questions[index][1]
        box.focus()
        self._status("Editing: Enter keeps the new words, Escape in the list cancels.")

    def _kept(self, saved: list[SavedQuestion]) -> None:
        self.saved = saved
        self._render_bank()
        self._status("Added, and kept for reuse in later interviews.")

    @on(Input.Submitted, "#prep-new-question")
    def _own_question(self, event: Input.Submitted) -> None:
        text = " ".join(event.value.split())
        if not text:
            return
        if not text.endswith("?"):
            text += "?"
        if self.editing is not None and self.editing < len(self.questions):
            family = self.questions[self.editing][0]
            self.questions[self.editing] = (family, text)
            index = self.editing
            self._status("Question changed.")
        else:
            self.questions.append((OWN_FAMILY, text))
            index = len(self.questions) - 1
            self.run_service(keep_own_question, self.app.store, self.app.clock, text, self.state.purpose,
                             done=self._kept_file,
                             failed=lambda sentence: self._error(  # still on this interview's list
                                 f"Added to this interview, not kept for reuse: {sentence}"))
        self.editing = None
        event.input.value = ""
        self._render_chosen(index)
        self.query_one("#prep-chosen").focus()


class CallNowDialog(DraftableForm, NetnetModal[int | None]):
    """The phone is ringing: a name (existing or new), Enter, and the call starts."""

    HELP = """
# Call now

Type the person's name: the people you know whose name matches are listed as
you type (accents and case aside); **↓**/**↑** pick one, **Enter** starts the call.
To add someone new while a match is listed, pick *a new person* (the last line).
Leave it empty to start without a name. **Escape** cancels.
"""

    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Do not start a call", id="callnow.cancel")]

    DRAFT_KIND = "call-now"
    SAVE_ERROR_ID = "callnow-error"

    def draft_title(self) -> str:
        return f"Call now — {self.query_one('#callnow-name', Input).value.strip()}"

    def compose(self) -> ComposeResult:
        with Vertical(classes="netnet-dialog call-dialog"):
            yield Static("[b]Call now[/b]: who is on the line?", classes="call-dialog-text")
            yield PersonInput(placeholder="Their name (Enter starts the call)", id="callnow-name",
                              loader=lambda: contacts_svc.person_choices(self.app.store))
            yield Label("", id="callnow-error", classes="field-error")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        """Creates the call (in a thread) and answers with its interview id; a failure keeps the name."""
        store, clock = self.app.store, self.app.clock
        seconds = int(self.app.settings.call_minutes or 15) * 60

        contact_id, name = self.query_one("#callnow-name", PersonInput).choice()

        def create(name: str) -> int:
            return svc.quick_call(store, clock, name, seconds, contact_id=contact_id)

        self.on_save = create
        self.finish(name, answer_with_result=True)

    def action_cancel(self) -> None:
        self.cancel_form()  # asks first when something was typed


def start_quick_call(app, interview_id: int | None) -> None:
    """What follows Call now: open the live call the dialog created."""
    from netnet.screens.call import open_call

    if interview_id is not None:
        open_call(app, interview_id)
