"""Dialogs of the Opportunities section: the opportunity form, how it ended, and the filter.

The form is a :class:`~netnet.screens.goal_forms.FormScreen` (the one form base): ctrl+s
saves, Escape closes (asking first when something was typed), a refused save is one
sentence on the form, and a save refused because another device changed the opportunity
meanwhile asks with the one ConflictDialog (reload, overwrite, or go back to the typing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from netnet.core.enums import OpportunityKind, OpportunityOutcome, OpportunityStage
from netnet.core.when import EXAMPLES, WhenError, day_words, parse_when
from netnet.data import opportunities as svc
from netnet.data.contacts import person_choices
from netnet.data.goals import InvalidInput
from netnet.data.opportunities import OpportunityInput
from netnet.screens.base import NetnetModal
from netnet.screens.goal_forms import FormScreen
from netnet.widgets.person_input import PersonInput

NO_SOURCE = "found it myself"

# Where a service's sentence about a field goes: the form's own name for it.
ALIASES = {"source_contact_id": "source", "source_interview_id": "source", "source_seconds": "source",
           "goal": "goal_id"}


def input_dict(data: OpportunityInput) -> dict:
    """An OpportunityInput as JSON-safe values (for a kept draft)."""
    values = asdict(data)
    values["next_due"] = data.next_due.isoformat() if data.next_due else None
    return values


def input_from(values: dict) -> OpportunityInput:
    """The reverse of :func:`input_dict`."""
    values = dict(values)
    due = values.get("next_due")
    values["next_due"] = date.fromisoformat(due) if isinstance(due, str) and due else None
    known = set(OpportunityInput.__dataclass_fields__)
    return OpportunityInput(**{key: value for key, value in values.items() if key in known})


class SourceInput(PersonInput):
    """The person an opportunity came from: the name it opened with is shown as it is, with no list
    of suggestions under it until something is typed."""

    def set_people(self, people) -> None:
        opened_with = self.value
        super().set_people(people)
        if opened_with and self.value == opened_with and not self.has_focus:
            self.suggestions.display = False


class OpportunityForm(FormScreen):
    """Add or edit an opportunity: what it is, where, for which goal, where it came from, what next."""

    HELP = f"""
# Opportunity

An opening, a project, a team about to hire, a programme or a volunteer role.

- **Title**: what it is, in a few words (the only field needed)
- **Organisation**: where; **r** on the opportunity then finds who can
  introduce you there (with a goal chosen)
- **Came from**: start typing the name of the person who told you (↓/↑ pick
  among the people listed); leave it empty when you found it yourself
- **Next step** and its **day** go to the follow-up queue; the day is typed as
  anywhere in netnet: {EXAMPLES}
- **Tab**: next field · **Ctrl+S**: save · **Escape**: close without saving
"""

    DRAFT_KIND = "opportunity-form"
    TITLE_TEXT = "Opportunity"
    RECORD_KEY = "opportunity_id"
    ENTER_SAVES = False  # a longer form: Enter moves to the next field, ctrl+s saves
    FIELD_LABELS = {"form-notes": "Notes", "form-source": "Came from"}

    DEFAULT_CSS = """
    #opportunity-form .form-label { width: 13; }
    #opportunity-form .field-error { padding-left: 13; }
    #opportunity-form #form-notes { height: 3; min-height: 3; max-height: 3; margin: 0; }
    #opportunity-form #source-hint, #opportunity-form #next-due-hint { padding-left: 13; color: $text-muted; }
    """

    def __init__(self, initial: OpportunityInput | None = None, goals: list[tuple[str, int]] | None = None, *,
                 on_save: Callable | None = None, context: dict | None = None, version: int | None = None,
                 source_name: str = "", source_words: str = "", goal_title: str = "") -> None:
        super().__init__(on_save=on_save, context=context, version=version)
        self.editing = initial is not None and bool(initial.title)
        self.initial = initial or OpportunityInput(title="")
        self.goals = list(goals or [])
        goal_id = self.initial.goal_id
        if goal_id is not None and all(g != goal_id for _, g in self.goals):
            # An archived goal is not offered for new ones, but an opportunity keeps its own.
            self.goals.append((goal_title or "its goal (archived)", goal_id))
        self.source_name = source_name
        self.source_words = source_words  # "Ada Park, call on 3 Nov at 04:12": where it was heard

    def draft_args(self) -> dict:
        return {**self.context, "initial": input_dict(self.initial), "version": self.version,
                "goals": [[label, goal] for label, goal in self.goals], "source_name": self.source_name,
                "source_words": self.source_words}

    def draft_title(self) -> str:
        typed = self.query_one("#form-title", Input).value.strip()
        what = "Edit opportunity" if self.editing else "New opportunity"
        return f"{what} — {typed}" if typed else what

    def _row(self, label: str, widget, name: str) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label(label, classes="form-label")
            yield widget
        error = Static("", id=f"{name}-error", classes="field-error")
        error.display = False  # a line of its own only when it says something: the form fits 24 rows
        yield error

    def compose(self) -> ComposeResult:
        i = self.initial
        goal_value = i.goal_id if any(g == i.goal_id for _, g in self.goals) else Select.NULL
        with VerticalScroll(classes="netnet-dialog", id="opportunity-form"):
            yield Static("Edit opportunity" if self.editing else "New opportunity", classes="dialog-title")
            yield from self._row("Title *", Input(i.title, placeholder="e.g. Clinical data analyst",
                                                  id="form-title", compact=True), "title")
            yield from self._row("Kind", Select(OpportunityKind.choices(), value=i.kind, allow_blank=False,
                                                id="form-kind", compact=True), "kind")
            yield from self._row("Organisation", Input(i.organisation, placeholder="e.g. Harbour Health",
                                                       id="form-organisation", compact=True), "organisation")
            yield from self._row("Goal", Select(self.goals, value=goal_value, prompt="no goal",
                                                id="form-goal-id", compact=True), "goal_id")
            yield from self._row("Came from", SourceInput(self.source_name, placeholder=f"a name, or empty: {NO_SOURCE}",
                                                          id="form-source", compact=True,
                                                          loader=lambda: person_choices(self.app.store)), "source")
            yield Static(self._source_hint(), id="source-hint", markup=False)
            yield from self._row("Link", Input(i.link, placeholder="https://…", id="form-link", compact=True), "link")
            yield Label("Notes", classes="form-label")
            yield TextArea(i.notes, id="form-notes", soft_wrap=True, tab_behavior="focus", compact=True)
            yield from self._row("Next step", Input(i.next_step, placeholder="e.g. Send my CV to Maria",
                                                    id="form-next-step", compact=True), "next_step")
            yield from self._row("Due", Input(self._due_text(i.next_due), placeholder="friday, 3d, dec 10",
                                             id="form-next-due", compact=True), "next_due")
            yield Static("", id="next-due-hint", markup=False)
            yield from self.buttons()

    def _source_hint(self) -> str:
        if self.initial.source_interview_id is not None and self.source_words:
            return self.source_words
        return ""

    def _due_text(self, due: date | None) -> str:
        return due.isoformat() if due else ""

    def on_mount(self) -> None:
        self.query_one("#form-title").focus()
        self._due_hint(self.query_one("#form-next-due", Input).value)

    # -- the day of the next step ------------------------------------------------------
    def _today(self) -> date:
        return self.app.clock.today()

    def _weekend(self) -> tuple[int, ...]:
        return tuple(self.app.settings.weekend_days)

    @on(Input.Changed, "#form-next-due")
    def _due_changed(self, event: Input.Changed) -> None:
        self._due_hint(event.value)

    def _due_hint(self, text: str) -> None:
        hint = self.query_one("#next-due-hint", Static)
        if not text.strip():
            hint.update("")
            return
        try:
            day = parse_when(text, self._today(), self._weekend())
        except WhenError:
            hint.update(f"a day such as {EXAMPLES}")
            return
        hint.update(f"→ {day_words(day, self._today())}")

    # -- changed on another device ------------------------------------------------------
    def read_latest(self, record_id: int) -> tuple[OpportunityInput, int] | None:
        return svc.opportunity_for_edit(self.app.store, record_id)

    def fill(self, data: OpportunityInput) -> None:
        self.query_one("#form-title", Input).value = data.title
        self.query_one("#form-kind", Select).value = data.kind
        self.query_one("#form-organisation", Input).value = data.organisation
        known = any(goal == data.goal_id for _, goal in self.goals)
        self.query_one("#form-goal-id", Select).value = data.goal_id if known else Select.NULL
        source = self.query_one("#form-source", PersonInput)
        name = next((n for pid, n in source.people if pid == data.source_contact_id), "") \
            if data.source_contact_id is not None else ""
        if data.source_contact_id == self.initial.source_contact_id and not name:
            name = self.source_name
        self.source_name = name
        source.value = name
        source.suggestions.display = False  # the saved name as it is, no one picked from a list
        self.query_one("#form-link", Input).value = data.link
        self.query_one("#form-notes", TextArea).text = data.notes
        self.query_one("#form-next-step", Input).value = data.next_step
        self.query_one("#form-next-due", Input).value = self._due_text(data.next_due)

    # -- saving -------------------------------------------------------------------------
    def show_errors(self, errors: dict[str, str]) -> None:
        named = {ALIASES.get(name, name): sentence for name, sentence in errors.items()}
        for name in named:
            found = self.query(f"#{name}-error")
            if found:
                found.first().display = True
        super().show_errors(named)
        for widget in self.query(".field-error"):
            if widget.id != self.SAVE_ERROR_ID and widget.id and widget.id.removesuffix("-error") not in named:
                widget.display = False

    def collect(self) -> OpportunityInput | None:
        errors: dict[str, str] = {}
        picked, name = self.query_one("#form-source", PersonInput).choice()
        i = self.initial
        if not name:
            source_id = None
        elif picked is not None:
            source_id = picked
        elif name == " ".join(self.source_name.split()) and i.source_contact_id is not None:
            source_id = i.source_contact_id
        else:
            source_id = None
            errors["source"] = (f"netnet knows no one called “{name}”: pick a person from the list (add them "
                                f"in Contacts first), or leave it empty if you {NO_SOURCE}.")
        same_source = source_id is not None and source_id == i.source_contact_id
        due_text = self.query_one("#form-next-due", Input).value
        next_due = None
        if due_text.strip():
            try:
                next_due = parse_when(due_text, self._today(), self._weekend())
            except WhenError as exc:
                errors["next_due"] = str(exc)
        goal = self.query_one("#form-goal-id", Select).value
        data = OpportunityInput(
            title=self.query_one("#form-title", Input).value,
            kind=str(self.query_one("#form-kind", Select).value),
            organisation=self.query_one("#form-organisation", Input).value,
            goal_id=goal if isinstance(goal, int) else None,
            source_contact_id=source_id,
            # Heard in a call: kept while the person stays the one from that call.
            source_interview_id=i.source_interview_id if same_source else None,
            source_seconds=i.source_seconds if same_source else None,
            link=self.query_one("#form-link", Input).value,
            notes=self.query_one("#form-notes", TextArea).text,
            next_step=self.query_one("#form-next-step", Input).value,
            next_due=next_due,
        )
        try:
            data.validate()
        except InvalidInput as exc:
            errors = {**exc.errors, **errors}
        if errors:
            self.show_errors(errors)
            return None
        return data


# -- how it ended -----------------------------------------------------------------------

OUTCOME_KEYS = {"accepted": "a", "declined": "d", "not_chosen": "n", "withdrawn": "w"}
OUTCOME_HINTS = {"accepted": "you took it", "declined": "they offered, you said no",
                 "not_chosen": "they chose someone else", "withdrawn": "you stepped back, or it was called off"}


class CloseDialog(NetnetModal[str | None]):
    """Close an opportunity with how it ended; answers the outcome's value, or None."""

    HELP = """
# How did it end?

Closing keeps the opportunity, its history and its notes; its next step leaves
the queue. **c** on a closed one opens it again.

- **a** accepted · **d** declined · **n** not chosen · **w** withdrawn
- **↑ ↓** and **Enter** pick too · **Escape**: leave it open
"""

    BINDINGS = [
        Binding("a", "pick('accepted')", "Accepted", tooltip="You took it", id="close-opportunity.accepted"),
        Binding("d", "pick('declined')", "Declined", tooltip="They offered and you said no",
                id="close-opportunity.declined"),
        Binding("n", "pick('not_chosen')", "Not chosen", tooltip="They chose someone else",
                id="close-opportunity.not-chosen"),
        Binding("w", "pick('withdrawn')", "Withdrawn", tooltip="You stepped back, or it was called off",
                id="close-opportunity.withdrawn"),
        Binding("escape", "cancel", "Cancel", tooltip="Leave it open", id="close-opportunity.cancel"),
    ]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.item_title = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="netnet-dialog", id="close-dialog"):
            yield Static(f"How did “{self.item_title}” end?", classes="dialog-title", markup=False)
            yield OptionList(*[Option(f"{OUTCOME_KEYS[o.value]}  {o.label} ({OUTCOME_HINTS[o.value]})", id=o.value)
                               for o in OpportunityOutcome], id="close-outcomes")
            yield Static("a, d, n or w · Enter picks · Escape leaves it open", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#close-outcomes")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_pick(self, outcome: str) -> None:
        self.dismiss(outcome)

    def action_cancel(self) -> None:
        self.dismiss(None)


# -- filter ------------------------------------------------------------------------------

OPEN = "open"  # the stage filter's "every open one"


@dataclass(frozen=True)
class OpportunityFilter:
    goal_id: int | None = None
    goal_title: str = ""
    stage: str | None = None  # a stage, OPEN, or None for every one

    def stages(self) -> set[str] | None:
        if self.stage == OPEN:
            return {s.value for s in OpportunityStage if s is not OpportunityStage.CLOSED}
        return {self.stage} if self.stage else None

    def describe(self) -> str:
        parts = []
        if self.goal_id is not None:
            parts.append(f"goal: {self.goal_title}")
        if self.stage == OPEN:
            parts.append("open ones")
        elif self.stage:
            parts.append(f"stage: {OpportunityStage(self.stage).label}")
        return " · ".join(parts)


def stage_choices() -> list[tuple[str, str]]:
    return [("open ones (not closed)", OPEN), *OpportunityStage.choices()]


class OpportunityFilterDialog(NetnetModal[OpportunityFilter | None]):
    """Narrow the list to one goal, one stage, or the open ones."""

    HELP = """
# Filter opportunities

- **Tab / Shift+Tab**: move between the choices
- **Ctrl+S**: apply · **Ctrl+R**: show every opportunity again
- **Escape**: close without changing anything
"""

    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply", tooltip="Show the list with these choices",
                id="opportunity-filter.apply"),
        Binding("ctrl+r", "reset", "Clear filters", tooltip="Show every opportunity again",
                id="opportunity-filter.reset"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without changing anything",
                id="opportunity-filter.cancel"),
    ]

    def __init__(self, start: OpportunityFilter, goals: list[tuple[str, int]]) -> None:
        super().__init__()
        self.start = start
        self.goals = goals

    def compose(self) -> ComposeResult:
        s = self.start
        with Vertical(classes="netnet-dialog", id="opportunity-filter"):
            yield Static("Filter opportunities", classes="dialog-title")
            with Horizontal(classes="form-row spaced"):
                yield Label("Goal", classes="form-label")
                known = any(g == s.goal_id for _, g in self.goals)
                yield Select(self.goals, value=s.goal_id if known else Select.NULL, prompt="every goal",
                             id="filter-goal", compact=True)
            with Horizontal(classes="form-row spaced"):
                yield Label("Stage", classes="form-label")
                yield Select(stage_choices(), value=s.stage or Select.NULL, prompt="every stage",
                             id="filter-stage", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply (ctrl+s)", variant="primary", id="filter-apply")
                yield Button("Clear (ctrl+r)", id="filter-reset")

    def on_mount(self) -> None:
        self.query_one("#filter-goal").focus()

    @on(Button.Pressed, "#filter-apply")
    def action_apply(self) -> None:
        goal = self.query_one("#filter-goal", Select).value
        stage = self.query_one("#filter-stage", Select).value
        goal_id = goal if isinstance(goal, int) else None
        title = next((label for label, g in self.goals if g == goal_id), "")
        self.dismiss(OpportunityFilter(goal_id, title, stage if isinstance(stage, str) else None))

    @on(Button.Pressed, "#filter-reset")
    def action_reset(self) -> None:
        self.dismiss(OpportunityFilter())

    def action_cancel(self) -> None:
        self.dismiss(None)
