"""Dialogs for the Goals section: goal, target and plan item forms and small prompts.

Each dialog is a ``ModalScreen`` that answers with ``dismiss(value)``; bad
input gets one clear sentence right under the field.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from netnet.core.enums import GoalKind, Horizon, PlanKind, PlanStatus, TargetKind, Want
from netnet.core.when import day_words
from netnet.data import goals as svc
from netnet.data.contacts import person_choices
from netnet.data.goals import GoalInput, InvalidInput, PlanInput, TargetInput
from netnet.screens.base import NetnetModal, ServiceCaller
from netnet.screens.dialogs import ConfirmDialog, SaveFileDialog
from netnet.screens.draftable import DraftableForm
from netnet.screens.forms import FormBase
from netnet.widgets.person_input import PersonInput
from netnet.widgets.ticks import TickBox

__all__ = ["ConfirmDialog", "SaveFileDialog"]  # the goal screens' dialogs come from the family

log = logging.getLogger("netnet")

class FormScreen(FormBase):
    """A goal, target or plan form: labelled fields, an error line under each.

    ``on_save`` (the opener's write, run through ``run_service``) makes the form
    answer only once the write succeeded; a failure shows one sentence and keeps
    the typing. ``context`` is what the opener knows that the form does not (a
    goal's id), kept with a draft so the form can be reopened with the same write.
    """

    ENTER_SAVES = True  # short forms: Enter in a field saves, as ctrl+s does
    HELP = "# A form\n\n- **Tab**: next field · **Ctrl+S** or **Enter**: save · **Escape**: cancel"
    TITLE_TEXT = ""

    RECORD_KEY: ClassVar[str] = ""  # the context key of the stored record edited (e.g. "goal_id")

    def __init__(self, *, on_save: Callable | None = None, context: dict | None = None,
                 version: int | None = None) -> None:
        super().__init__(on_save=on_save, version=version)
        self.context = dict(context or {})

    def draft_args(self) -> dict:
        from dataclasses import asdict

        initial = getattr(self, "initial", None)
        editing = getattr(self, "editing", False)
        return {**self.context, "initial": asdict(initial) if editing and initial is not None else None,
                "version": self.version}

    # -- changed on another device (see forms.FormBase) ------------------------------
    def record_id(self) -> int | None:
        found = self.context.get(self.RECORD_KEY) if self.RECORD_KEY else None
        return found if isinstance(found, int) else None

    def read_latest(self, record_id: int) -> tuple[Any, int] | None:
        """The record's fields as the form shows them and their version (None: gone)."""
        return None

    def latest(self) -> tuple[Any, int] | None:
        record_id = self.record_id()
        return None if record_id is None else self.read_latest(record_id)

    def refill(self, latest: tuple[Any, int]) -> None:
        data, self.version = latest
        self.initial = data
        self.fill(data)

    def fill(self, data: Any) -> None:
        """Put ``data`` (the form's input dataclass) into the fields."""

    def draft_title(self) -> str:
        first = self.query("Input")
        typed = first.first().value.strip() if first else ""
        title = self.TITLE_TEXT or self.DRAFT_KIND
        return f"{title} — {typed}" if typed else title

    def field(self, label: str, widget: Widget, name: str) -> ComposeResult:
        yield Label(label, classes="field-label")
        yield widget
        yield Static("", id=f"{name}-error", classes="field-error")

    def show_errors(self, errors: dict[str, str]) -> None:
        for widget in self.query(".field-error"):
            widget.update("")
        first = None
        for name, sentence in errors.items():
            found = self.query(f"#{name}-error")
            if found:
                found.first().update(f"✗ {sentence}")
                if first is None:
                    first = name
        if first is not None:
            target = self.query(f"#form-{first.replace('_', '-')}")
            if target:
                target.first().focus()


class GoalForm(FormScreen):
    """Create or edit a goal."""

    HELP = """
# Goal

What are you trying to accomplish? Pick the kind that fits (or *in my own
words*), give it a short title, a line of description and, if you like, a date
to aim for (year-month-day).

- **Tab**: next field · **Ctrl+S** or **Enter**: save · **Escape**: cancel
"""

    DRAFT_KIND = "goal-form"
    TITLE_TEXT = "Goal"
    RECORD_KEY = "goal_id"

    def __init__(self, initial: GoalInput | None = None, *, on_save: Callable | None = None,
                 context: dict | None = None, version: int | None = None) -> None:
        super().__init__(on_save=on_save, context=context, version=version)
        self.initial = initial or GoalInput(GoalKind.CAREER_CHANGE.value, "")
        self.editing = initial is not None

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="netnet-dialog"):
            yield Static("Edit goal" if self.editing else "New goal", classes="dialog-title")
            yield from self.field("What kind of goal", Select(GoalKind.choices(), value=self.initial.kind,
                                                             allow_blank=False, id="form-kind"), "kind")
            yield from self.field("Title", Input(self.initial.title, placeholder="e.g. Move into healthcare analytics",
                                                 id="form-title"), "title")
            yield from self.field("Description", Input(self.initial.description, placeholder="Why it matters, in a line",
                                                       id="form-description"), "description")
            yield from self.field("Aim for (year-month-day, optional)",
                                  Input(self.initial.target_date, placeholder="2027-03-31", id="form-target-date"),
                                  "target_date")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#form-title").focus()

    def read_latest(self, record_id: int) -> tuple[GoalInput, int] | None:
        return svc.goal_for_edit(self.app.store, record_id)

    def fill(self, data: GoalInput) -> None:
        self.query_one("#form-kind", Select).value = data.kind
        self.query_one("#form-title", Input).value = data.title
        self.query_one("#form-description", Input).value = data.description
        self.query_one("#form-target-date", Input).value = data.target_date

    def collect(self) -> GoalInput | None:
        data = GoalInput(
            str(self.query_one("#form-kind", Select).value),
            self.query_one("#form-title", Input).value,
            self.query_one("#form-description", Input).value,
            self.query_one("#form-target-date", Input).value,
        )
        try:
            data.validate()
        except InvalidInput as exc:
            self.show_errors(exc.errors)
            return None
        return data


class TargetForm(FormScreen):
    """Create or edit a target: a person, a job title or an organisation (or a title there)."""

    HELP = """
# Target

Someone you would like or need to know: a specific **person**, a **job title**
(optionally at an organisation) or an **organisation**. The field helps netnet
find contacts who work nearby.

*LIKE* or *NEED to know* says how much it matters. *Several asks at once*
lifts the rule that only one referral ask per target is open at a time.

- **Tab**: next field · **Ctrl+S** or **Enter**: save · **Escape**: cancel
"""

    DRAFT_KIND = "target-form"
    TITLE_TEXT = "Target"
    RECORD_KEY = "target_id"

    def __init__(self, initial: TargetInput | None = None, *, on_save: Callable | None = None,
                 context: dict | None = None, version: int | None = None) -> None:
        super().__init__(on_save=on_save, context=context, version=version)
        self.initial = initial or TargetInput(TargetKind.TITLE.value)
        self.editing = initial is not None

    def compose(self) -> ComposeResult:
        i = self.initial
        with VerticalScroll(classes="netnet-dialog"):
            yield Static("Edit target" if self.editing else "New target", classes="dialog-title")
            yield from self.field("A person, a job title or an organisation",
                                  Select(TargetKind.choices(), value=i.kind, allow_blank=False, id="form-kind"), "kind")
            yield from self.field("Person's name",
                                  PersonInput(i.person_name, id="form-person-name",
                                              loader=lambda: person_choices(self.app.store)), "person_name")
            yield from self.field("Job title", Input(i.job_title, placeholder="e.g. Clinical Data Analyst",
                                                     id="form-job-title"), "job_title")
            yield from self.field("Organisation", Input(i.organisation, id="form-organisation"), "organisation")
            yield from self.field("Field", Input(i.field, placeholder="e.g. public health", id="form-field"), "field")
            yield from self.field("How much it matters",
                                  Select(Want.choices(), value=i.want, allow_blank=False, id="form-want"), "want")
            yield TickBox("Allow several referral asks at once for this target", i.allow_parallel_asks,
                           id="form-parallel")
            yield from self.buttons()

    def on_mount(self) -> None:
        # The text field of the kind chosen (typing never opens the kind's list).
        first = {TargetKind.PERSON.value: "#form-person-name",
                 TargetKind.ORGANISATION.value: "#form-organisation"}.get(self.initial.kind, "#form-job-title")
        self.query_one(first).focus()

    def read_latest(self, record_id: int) -> tuple[TargetInput, int] | None:
        return svc.target_for_edit(self.app.store, record_id)

    def fill(self, data: TargetInput) -> None:
        self.query_one("#form-kind", Select).value = data.kind
        person = self.query_one("#form-person-name", PersonInput)
        person.value = data.person_name
        person.suggestions.display = False  # the saved name as it is, no one picked from a list
        self.query_one("#form-job-title", Input).value = data.job_title
        self.query_one("#form-organisation", Input).value = data.organisation
        self.query_one("#form-field", Input).value = data.field
        self.query_one("#form-want", Select).value = data.want
        self.query_one("#form-parallel", Checkbox).value = data.allow_parallel_asks

    @on(Select.Changed, "#form-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if event.value == TargetKind.PERSON.value and not self.query_one("#form-person-name", Input).value:
            self.query_one("#form-person-name").focus()

    def collect(self) -> TargetInput | None:
        picked, person_name = self.query_one("#form-person-name", PersonInput).choice()
        if picked is None and person_name != " ".join(self.initial.person_name.split()):
            contact_id = None  # a different name: no longer the person linked before
        else:
            contact_id = picked if picked is not None else self.initial.contact_id
        data = TargetInput(
            kind=str(self.query_one("#form-kind", Select).value),
            person_name=person_name,
            job_title=self.query_one("#form-job-title", Input).value,
            organisation=self.query_one("#form-organisation", Input).value,
            field=self.query_one("#form-field", Input).value,
            want=str(self.query_one("#form-want", Select).value),
            notes=self.initial.notes,
            allow_parallel_asks=self.query_one("#form-parallel", Checkbox).value,
            contact_id=contact_id,
        )
        try:
            data.validate()
        except InvalidInput as exc:
            self.show_errors(exc.errors)
            return None
        return data


class PlanForm(FormScreen):
    """Add or edit an item of the development plan."""

    HELP = """
# Plan item

A **skill to gain** or an **insight to act on**, short term or long term, tied to
a goal. Status moves idea → doing → done.

- **Tab**: next field · **Ctrl+S** or **Enter**: save · **Escape**: cancel
"""

    DRAFT_KIND = "plan-form"
    TITLE_TEXT = "Plan item"
    RECORD_KEY = "item_id"

    def __init__(self, initial: PlanInput | None, goals: list[tuple[str, int]], *,
                 on_save: Callable | None = None, context: dict | None = None, version: int | None = None) -> None:
        super().__init__(on_save=on_save, context=context, version=version)
        self.initial = initial or PlanInput("")
        self.editing = initial is not None and bool(initial.text)
        self.goals = goals

    def draft_args(self) -> dict:
        args = super().draft_args()
        args["initial"] = asdict_or_none(self.initial)  # a new item may carry its goal and source
        args["goals"] = [[label, goal] for label, goal in self.goals]
        return args

    def compose(self) -> ComposeResult:
        i = self.initial
        with VerticalScroll(classes="netnet-dialog"):
            yield Static("Edit plan item" if self.editing else "New plan item", classes="dialog-title")
            yield from self.field("What to learn or do", Input(i.text, placeholder="e.g. Take an SQL course",
                                                               id="form-text"), "text")
            yield from self.field("Kind", Select(PlanKind.choices(), value=i.kind, allow_blank=False,
                                                 id="form-kind"), "kind")
            yield from self.field("Horizon", Select(Horizon.choices(), value=i.horizon, allow_blank=False,
                                                    id="form-horizon"), "horizon")
            yield from self.field("Status", Select(PlanStatus.choices(), value=i.status, allow_blank=False,
                                                   id="form-status"), "status")
            goal_value = i.goal_id if any(g == i.goal_id for _, g in self.goals) else Select.NULL
            yield from self.field("Goal (optional)", Select(self.goals, value=goal_value, prompt="no goal",
                                                            id="form-goal"), "goal")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#form-text").focus()

    def read_latest(self, record_id: int) -> tuple[PlanInput, int] | None:
        return svc.plan_item_for_edit(self.app.store, record_id)

    def fill(self, data: PlanInput) -> None:
        self.query_one("#form-text", Input).value = data.text
        self.query_one("#form-kind", Select).value = data.kind
        self.query_one("#form-horizon", Select).value = data.horizon
        self.query_one("#form-status", Select).value = data.status
        known = any(goal == data.goal_id for _, goal in self.goals)
        self.query_one("#form-goal", Select).value = data.goal_id if known else Select.NULL

    def collect(self) -> PlanInput | None:
        goal = self.query_one("#form-goal", Select).value
        data = PlanInput(
            text=self.query_one("#form-text", Input).value,
            kind=str(self.query_one("#form-kind", Select).value),
            horizon=str(self.query_one("#form-horizon", Select).value),
            status=str(self.query_one("#form-status", Select).value),
            goal_id=goal if isinstance(goal, int) else None,
            source_contact_id=self.initial.source_contact_id,
            source_interview_id=self.initial.source_interview_id,
        )
        try:
            data.validate()
        except InvalidInput as exc:
            self.show_errors(exc.errors)
            return None
        return data


class PromptScreen(DraftableForm, NetnetModal):
    """A one-line prompt: Enter answers, Escape cancels."""

    HELP = "# A question\n\n- **Enter**: answer · **Escape**: cancel"
    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Close without doing anything", id="prompt.cancel")]

    def __init__(self) -> None:
        super().__init__(classes="netnet-dialog-screen")

    def action_cancel(self) -> None:
        self.cancel_form()  # asks first when something was typed


class NameDialog(PromptScreen):
    """Type the name of the person you were introduced to, then Enter."""

    HELP = """
# Introduced

Type the name of the person your contact put you in touch with and press
**Enter**. netnet creates the contact, notes who introduced them, attaches them
to the target and moves it to *introduced*. **Escape** cancels.
"""

    DRAFT_KIND = "name-dialog"
    SAVE_ERROR_ID = "name-error"

    def __init__(self, referrer: str, target: str, *, on_save: Callable | None = None,
                 context: dict | None = None) -> None:
        super().__init__()
        self.referrer = referrer
        self.target = target
        self.on_save = on_save
        self.context = dict(context or {})
        self.picked: int | None = None  # someone already known, picked from the suggestions

    def draft_title(self) -> str:
        return f"Who {self.referrer} introduced you to — {self.query_one('#form-name', Input).value.strip()}"

    def draft_args(self) -> dict:
        return {**self.context, "referrer": self.referrer, "target": self.target}

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="netnet-dialog"):
            yield Static(f"Who did {self.referrer} introduce you to?", classes="dialog-title")
            yield Static(f"For: {self.target}", classes="dialog-hint")
            yield PersonInput(placeholder="Full name, then Enter", id="form-name",
                              loader=lambda: person_choices(self.app.store))
            yield Static("", id="name-error", classes="field-error")

    def on_mount(self) -> None:
        self.query_one("#form-name").focus()

    @on(Input.Submitted, "#form-name")
    def _submit(self, event: Input.Submitted) -> None:
        contact_id, name = self.query_one("#form-name", PersonInput).choice()
        if not name:
            self.query_one("#name-error", Static).update("✗ Type the person's name, or press Escape to cancel.")
            return
        self.picked = contact_id
        self.finish(name)


class AnswerDialog(PromptScreen):
    """Record an answer other than a name: they knew no one, or declined."""

    HELP = """
# Answer to a referral ask

Pick what they said; the ask closes and its follow-ups are cancelled. If they
gave a name, press Escape and use **i** (introduced) instead.
"""

    DRAFT_KIND = "answer-dialog"  # a choice, nothing typed: never kept as a draft

    def __init__(self, who: str) -> None:
        super().__init__()
        self.who = who

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="netnet-dialog"):
            yield Static(f"What did {self.who} answer?", classes="dialog-title")
            yield OptionList(Option("They knew no one", id="no_one"), Option("They declined", id="declined"),
                             id="answer-options")
            yield Static("Enter picks · Escape cancels · a name? use i instead", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


def asdict_or_none(value) -> dict | None:
    from dataclasses import asdict

    return asdict(value) if value is not None else None


def free_path(folder: Path, stem: str) -> Path:
    path = folder / f"{stem}.txt"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.txt"
        n += 1
    return path


def day_month(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return day_words(moment)


def introduce(screen: ServiceCaller, target_id: int, referrer_id: int, referrer: str, target_label: str) -> None:
    """Ask for the new person's name, then create them (introduced by the referrer) on the target."""

    store, clock = screen.app.store, screen.app.clock

    def named(name: str | None) -> None:
        if name:
            screen.written(f"{name} added, introduced by {referrer}; the target is now at “introduced”. "
                           f"A thank-you to {referrer.split()[0]} is drafted in Follow-ups for tomorrow; "
                           "then prepare the interview (section 3).")

    dialog = NameDialog(referrer, target_label, on_save=lambda name: save(name),
                        context={"target_id": target_id, "referrer_id": referrer_id})

    def save(name: str):
        return svc.record_introduction(store, target_id, referrer_id, name, clock, contact_id=dialog.picked)

    screen.app.push_screen(dialog, named)
