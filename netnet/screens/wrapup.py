"""After the call: what I learned, lessons into the plan, who they suggested, the thank-you note."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from netnet.core.countdown import clock_text
from netnet.core.enums import Format, Horizon, PlanKind
from netnet.core.opportunities import call_stamp
from netnet.core.when import day_words
from netnet.data import interviews as svc
from netnet.data import opportunities
from netnet.data.contacts import person_choices
from netnet.data.interviews import InterviewDetail, PlanItemRow
from netnet.data.opportunities import OpportunityView
from netnet.screens.base import NetnetScreen
from netnet.widgets.person_input import PersonInput


@dataclass
class WrapupData:
    detail: InterviewDetail
    thank_you: tuple[int, str] | None
    plan: list[PlanItemRow]
    people: list[tuple[int, str]]
    actions: list
    goals: list[tuple[int, str]]
    opportunities: list[OpportunityView]


def question_notes_text(detail: InterviewDetail) -> str:
    """Each question that has notes (or was answered), numbered as in the call, with its notes."""
    lines = []
    for number, q in enumerate(detail.questions, 1):
        notes = q.notes.strip()
        if not notes and not q.answered:
            continue
        mark = "✓" if q.answered else "·"
        lines.append(f"{mark} Q{number}. {q.text}")
        lines += [f"    {line}" for line in notes.splitlines() if line.strip()] or ["    (answered, no notes)"]
    return "\n".join(lines)


class WrapupScreen(NetnetScreen):
    """The short wrap-up after a call (and the place to read a finished interview again)."""

    TITLE = "Wrap-up"
    DEFAULT_CSS = """
    #wrapup-body {
        padding: 0 1;
    }
    #wrapup-summary {
        height: auto;
        padding: 0 0 1 0;
    }
    .wrapup-label {
        padding: 1 0 0 0;
        text-style: bold;
    }
    #wrapup-learned {
        height: 6;
    }
    #wrapup-plan-row {
        height: auto;
    }
    #plan-text {
        width: 1fr;
    }
    #plan-kind {
        width: 24;
    }
    #plan-horizon {
        width: 20;
    }
    #wrapup-opportunities {
        height: auto;
        max-height: 6;
        border: none;
        padding: 0;
    }
    #wrapup-plan, #wrapup-people {
        height: auto;
        color: $text-muted;
    }
    #wrapup-thanks {
        height: 14;
    }
    #wrapup-notes {
        height: 10;
    }
    #wrapup-question-notes {
        height: auto;
        padding: 0 0 1 0;
    }
    """
    HELP = """
# Wrap-up

Write down what you learned while it is fresh, turn lessons into items of your
development plan (a skill to gain or an insight to act on, short or long term,
tied to a goal), add the people they suggested, and edit the thank-you note:
it waits in the follow-up queue, due tomorrow. The call notes and the notes
on each question, as typed during the call, come last.

- **Tab / Shift+Tab**: move between fields
- **Enter** in *Add to plan*: add the lesson to the plan
- **Enter** in *Suggested person*: add them as a contact introduced by this person
- **Ctrl+S**: save · **F5**: copy the thank-you note to the clipboard
- **Escape**: save and go back to the interview list

Everything is also saved when you leave or quit.
"""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save what I learned, the notes and the thank-you note",
                id="wrapup.save"),
        Binding("f5", "copy_thanks", "Copy thank-you", priority=True, id="wrapup.copy",
                tooltip="Copy the thank-you note to the clipboard"),
        Binding("escape", "close", "Back", tooltip="Save and go back to the interview list", id="wrapup.close"),
    ]

    def __init__(self, interview_id: int) -> None:
        super().__init__()
        self.interview_id = interview_id
        self.data: WrapupData | None = None
        self._saved: tuple[str, str, str] | None = None
        self.recovery_path: Path | None = None  # where the text went when the database refused it

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="wrapup-body"):
            yield Static("Loading…", id="wrapup-summary")
            yield Label("What did I learn?", classes="wrapup-label")
            yield TextArea("", id="wrapup-learned", soft_wrap=True, tab_behavior="focus")
            yield Label("Add to my development plan (Enter adds)", classes="wrapup-label")
            with Horizontal(id="wrapup-plan-row"):
                yield Input(placeholder="A skill or an insight", id="plan-text")
                yield Select(PlanKind.choices(), value="skill", allow_blank=False, id="plan-kind")
                yield Select(Horizon.choices(), value="short", allow_blank=False, id="plan-horizon")
            yield Select([], prompt="For which goal?", id="plan-goal")
            yield Static("", id="wrapup-plan")
            yield Label("Who did they suggest? (Enter adds a contact introduced by them)", classes="wrapup-label")
            yield PersonInput(placeholder="Suggested person's name (people you know are suggested)",
                              id="person-name", loader=lambda: person_choices(self.app.store))
            yield Static("", id="wrapup-people")
            yield Label("Opportunities they mentioned (in Opportunities as “heard of”)", classes="wrapup-label",
                        id="wrapup-opportunities-label")
            yield OptionList(id="wrapup-opportunities")
            yield Label("Thank-you note (in the follow-ups, due tomorrow)", classes="wrapup-label")
            yield TextArea("", id="wrapup-thanks", soft_wrap=True, tab_behavior="focus")
            yield Label("Call notes", classes="wrapup-label")
            yield TextArea("", id="wrapup-notes", soft_wrap=True, tab_behavior="focus")
            yield Label("Notes on each question", classes="wrapup-label", id="wrapup-question-label")
            yield Static("", id="wrapup-question-notes", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="wrapup-load", exit_on_error=False)
    def load(self) -> None:
        store = self.app.store
        detail = svc.get_interview(store, self.interview_id)
        if detail is None:
            return
        data = WrapupData(detail, svc.thank_you_for(store, self.interview_id),
                          svc.plan_items_for(store, self.interview_id),
                          svc.suggested_people(store, self.interview_id),
                          svc.action_items(store, self.interview_id), svc.goal_choices(store),
                          opportunities.for_interview(store, self.interview_id))
        self.app.call_from_thread(self._show, data)

    def _show(self, data: WrapupData) -> None:
        first = self.data is None
        self.data = data
        detail = data.detail
        name = detail.contact_name or "someone"
        self.sub_title = name
        when = day_words(detail.started_at, self.app.clock.today(), time=True)
        answered = sum(q.answered for q in detail.questions)
        lines = [f"[b]Information interview with {name}[/b] · {Format(detail.format).label} · {when} · "
                 f"{clock_text(detail.elapsed_seconds)} long",
                 f"Purpose: {detail.purpose_words} · questions answered: {answered} of {len(detail.questions)}",
                 f"✓ Logged on {name}'s timeline." if detail.contact_id else ""]
        if data.actions:
            lines.append("Action items: " + "; ".join(f"{t} (due {day_words(d)})" for _, t, d in data.actions))
        self.query_one("#wrapup-summary", Static).update("\n".join(x for x in lines if x))
        if first:
            self.query_one("#wrapup-learned", TextArea).load_text(detail.learned)
            self.query_one("#wrapup-notes", TextArea).load_text(detail.notes)
            self.query_one("#wrapup-thanks", TextArea).load_text(data.thank_you[1] if data.thank_you else "")
            self.query_one("#wrapup-thanks", TextArea).disabled = data.thank_you is None
            goal_select = self.query_one("#plan-goal", Select)
            goal_select.set_options([(title, gid) for gid, title in data.goals])
            if detail.goal_id is not None and any(gid == detail.goal_id for gid, _ in data.goals):
                goal_select.value = detail.goal_id
            self._saved = self._current()
            self.query_one("#wrapup-learned", TextArea).focus()
        plan = "\n".join(f"  • {PlanKind(p.kind).label}, {Horizon(p.horizon).label}: {p.text}"
                         for p in data.plan) or "  (nothing yet)"
        self.query_one("#wrapup-plan", Static).update(plan)
        people = "\n".join(f"  • {n}" for _, n in data.people) or "  (nobody yet)"
        self.query_one("#wrapup-people", Static).update(people)
        self._show_opportunities(data.opportunities)
        noted = question_notes_text(detail)
        self.query_one("#wrapup-question-label").display = bool(noted)
        self.query_one("#wrapup-question-notes", Static).update(noted)

    def _show_opportunities(self, found: list[OpportunityView]) -> None:
        listing = self.query_one("#wrapup-opportunities", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        today = self.app.clock.today()
        for view in found:
            where = f" · {view.organisation}" if view.organisation else ""
            stamp = f"[{call_stamp(view.source_seconds)}] " if view.source_seconds is not None else ""
            step = view.next_words(today) or "no next step yet"
            listing.add_option(Option(Text(f"• {stamp}{view.title}{where} · {view.stage_words} · next: {step}"),
                                      id=str(view.id)))
        if not found:
            listing.add_option(Option(Text("  (none: F8 then o during a call captures one)"), disabled=True))
        elif highlighted is not None:
            listing.highlighted = min(highlighted, len(found) - 1)
        listing.can_focus = bool(found)

    # -- saving -------------------------------------------------------------
    def _current(self) -> tuple[str, str, str]:
        return (self.query_one("#wrapup-learned", TextArea).text,
                self.query_one("#wrapup-notes", TextArea).text,
                self.query_one("#wrapup-thanks", TextArea).text)

    def save_now(self) -> bool:
        """Write the wrap-up synchronously if anything changed (also called on every exit)."""
        if self.data is None or not self.is_mounted:
            return True
        current = self._current()
        if current == self._saved:
            return True
        learned, notes, thanks = current
        try:
            svc.save_wrapup(self.app.store, self.app.clock, self.interview_id, learned=learned, notes=notes,
                            thank_you=thanks if self.data.thank_you else None)
        except Exception as exc:
            self._not_saved(exc, current)
            return False
        self._saved = current
        return True

    def _not_saved(self, exc: Exception | str, current: tuple[str, str, str]) -> None:
        """The database refused the wrap-up: keep the text in a recovery file and say where."""
        from netnet.data.recovery import keep_recovery

        learned, notes, thanks = current
        name = self.data.detail.contact_name if self.data else ""
        text = (f"Wrap-up of the call with {name or 'someone new'}, kept because it could not be saved.\n\n"
                f"What I learned:\n{learned}\n\nCall notes:\n{notes}\n\nThank-you note:\n{thanks}\n")
        try:
            self.recovery_path = keep_recovery(self.app.store.path, f"wrapup-{self.interview_id}", text,
                                               self.app.clock.now(), replace=self.recovery_path)
            where = f"Your text is kept in {self.recovery_path}."
        except Exception as error:  # a full disk, most likely: the screen is the last copy
            where = f"It could not be written to a file either ({error}): copy it before closing."
        self.notify(f"Not saved: {exc} {where}", severity="error", timeout=15)

    def _save(self, then) -> None:
        """Save through run_service when anything changed; ``then(saved)`` once known."""
        if self.data is None:
            return
        current = self._current()
        if current == self._saved:
            then(True)
            return
        learned, notes, thanks = current

        def done(_result) -> None:
            self._saved = current
            then(True)

        def failed(sentence: str) -> None:
            self._not_saved(sentence, current)
            then(False)

        self.run_service(svc.save_wrapup, self.app.store, self.app.clock, self.interview_id, learned=learned,
                         notes=notes, thank_you=thanks if self.data.thank_you else None, done=done, failed=failed)

    def action_save(self) -> None:
        def then(saved: bool) -> None:
            if saved:
                self.app.notify_data_changed()
                self.notify("Wrap-up saved.", timeout=3)

        self._save(then)

    def action_close(self) -> None:
        def then(saved: bool) -> None:
            if not saved and self.recovery_path is None:
                return  # nothing kept anywhere: stay, so the text is not lost
            self.app.notify_data_changed()
            if self.is_current and len(self.app.screen_stack) > 1:
                self.app.pop_screen()

        self._save(then)

    def action_copy_thanks(self) -> None:
        text = self.query_one("#wrapup-thanks", TextArea).text
        if not text.strip():
            self.notify("There is no thank-you note to copy.", severity="warning")
            return
        self.app.copy_to_clipboard(text)
        self.notify("Thank-you note copied to the clipboard.", timeout=3)

    # -- plan items and people ----------------------------------------------
    @on(Input.Submitted, "#plan-text")
    def _add_plan(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        field = event.input
        goal = self.query_one("#plan-goal", Select).value

        def added(_result) -> None:
            if field.value.strip() == text:
                field.value = ""  # the text typed since stays
            self.app.notify_data_changed()
            self.load()

        self.run_service(svc.add_plan_item, self.app.store, self.app.clock, self.interview_id, text,
                         kind=str(self.query_one("#plan-kind", Select).value),
                         horizon=str(self.query_one("#plan-horizon", Select).value),
                         goal_id=goal if isinstance(goal, int) else None, done=added)

    @on(Input.Submitted, "#person-name")
    def _add_person(self, event: Input.Submitted) -> None:
        field = self.query_one("#person-name", PersonInput)
        contact_id, name = field.choice()
        if not name:
            return
        typed = event.value.strip()

        def added(_result) -> None:
            if field.value.strip() == typed:
                field.value = ""  # a failure leaves the name in the field to try again
            self.app.notify_data_changed()
            self.notify(f"{name} noted as suggested by them." if contact_id else f"{name} added to your contacts.",
                        timeout=3)
            self.load()

        self.run_service(svc.capture_person, self.app.store, self.app.clock, self.interview_id, name,
                         contact_id=contact_id, done=added)
