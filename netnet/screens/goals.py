"""The Goals section: what you are working toward, and each goal's target list."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from netnet.core.enums import OpportunityStage, Stage
from netnet.core.goals import PATH, plural, sparkline, stage_counts_text
from netnet.core.opportunities import PATH as OPPORTUNITY_PATH
from netnet.core.opportunities import counts_text
from netnet.core.when import day_words
from netnet.data import goals as svc
from netnet.data.goals import GoalDetail, GoalSummary, TargetView
from netnet.screens.base import NetnetScreen
from netnet.screens.goal_forms import (
    AnswerDialog,
    ConfirmDialog,
    GoalForm,
    TargetForm,
    day_month,
    introduce,
)

EMPTY_TEXT = """\
[b]No goals yet.[/b] What are you trying to accomplish? A first job, a new skill to
bring into your work, a change of career, growing where you are.

  • press [b]n[/b] to set a goal
  • then list the people you would LIKE or NEED to know: a name, a job
    title or an organisation, and netnet shows who in your network could
    introduce you
"""


MOVES_SHOWN = 3  # people who lately moved to a target's organisation, named in the goal's head


def short_date(moment) -> str:
    if moment is None:
        return ""
    return day_words(moment, date.min)  # a goal's date always shows its year


def activity_words(summary: GoalSummary) -> str:
    a = summary.activity
    if not any(a.total):
        return "no asks, introductions or interviews in 12 weeks"
    parts = [plural(sum(a.asks), "ask"), plural(sum(a.introductions), "introduction"),
             plural(sum(a.interviews), "interview")]
    return "12 weeks: " + ", ".join(parts)


OPPORTUNITIES_SHOWN = 3  # open opportunities named on a goal's page (2 below 100 columns); the rest counted


def opportunity_line(g: GoalSummary) -> str:
    """"4 opportunities: 1 heard of, 2 applied, 1 closed" (counts per stage, in path order)."""
    return f"{plural(g.opportunities, 'opportunity', 'opportunities')}: {counts_text(g.opportunity_counts)}"


def opportunities_text(views: list, counts: dict[str, int], shown: int = OPPORTUNITIES_SHOWN) -> Text:
    """A goal's opportunities by stage, furthest along first, named in a line or two; closed ones counted."""
    text = Text()
    text.append("Opportunities", style="bold")
    open_ones = [v for v in views if v.stage != OpportunityStage.CLOSED]
    order = {stage: n for n, stage in enumerate(reversed(OPPORTUNITY_PATH))}
    open_ones.sort(key=lambda v: order.get(v.stage, len(order)))
    named = open_ones[:shown]
    for stage in reversed(OPPORTUNITY_PATH):
        here = [v.title for v in named if v.stage == stage]
        if here:
            text.append(f" · {OpportunityStage(stage).label}: {', '.join(here)}")
    if len(open_ones) > len(named):
        text.append(f" · and {len(open_ones) - len(named)} more")
    closed = counts.get(OpportunityStage.CLOSED, 0)
    if closed:
        text.append(f" · {closed} closed")
    return text


def goal_prompt(g: GoalSummary) -> Text:
    """A goal as a few lines of words: kind, progress with stage names, a sparkline."""
    text = Text()
    text.append(g.title, style="bold")
    text.append(f"  [{g.status_words}]", style="italic" if g.status != "active" else "")
    text.append("\n  " + g.kind_words)
    if g.target_date:
        text.append(f" · aim for {short_date(g.target_date)}")
    if g.targets:
        text.append(f"\n  {plural(g.targets, 'target')}: {stage_counts_text(g.stage_counts)}")
    else:
        text.append("\n  no targets yet: open the goal and press n to list someone to meet")
    held = f"{plural(g.interviews_held, 'interview')} held" if g.interviews_held else "no interviews yet"
    plan = f"plan: {g.plan_done} of {g.plan_total} done" if g.plan_total else "no plan items yet"
    line = f"\n  {held} · {plan}"
    if g.open_asks:
        line += f" · {plural(g.open_asks, 'ask')} awaiting an answer"
    text.append(line)
    if g.opportunities:
        text.append(f"\n  {opportunity_line(g)}")
    text.append("\n  activity ")
    text.append(sparkline(g.activity.total), style="bold")
    text.append(f"  {activity_words(g)}")
    return text


class GoalsScreen(NetnetScreen):
    """Your goals, each with its progress at a glance."""

    HOME_FOCUS = "#goals-list"  # keys go to the list (NetnetScreen)

    TITLE = "Goals"
    DEFAULT_CSS = """
    GoalsScreen #goals-status { height: 1; padding: 0 2; color: $text-muted; }
    GoalsScreen #goals-list { height: 1fr; }
    GoalsScreen #goals-empty { height: auto; padding: 1 2; }
    """
    HELP = """
# Goals

What you are working toward. Each goal shows its kind, its targets per stage
(listed → referral asked → introduced → contacted → interviewed), interviews
held, plan items done, and a sparkline of the last 12 weeks of activity
(asks, introductions, interviews: the taller the bar, the busier the week).

- **Enter**: open the goal and its target list
- **n**: new goal · **e**: edit
- **z**: pause or resume · **c**: mark completed · **a**: archive or bring back
- **x**: delete the goal and its targets (asks first; its plan items stay)
- **v**: show or hide archived goals
- **p**: the development plan for all goals
"""

    BINDINGS = [
        Binding("enter", "open", "Open", tooltip="Open the goal and its target list", id="goals.open"),
        Binding("n", "new", "New goal", tooltip="Set a new goal", id="goals.new"),
        Binding("e", "edit", "Edit", tooltip="Edit the highlighted goal", id="goals.edit"),
        Binding("z", "pause", "Pause/resume", tooltip="Pause the goal, or make a paused goal active again",
                id="goals.pause"),
        Binding("c", "complete", "Completed", tooltip="Mark the goal as completed", id="goals.complete"),
        Binding("x", "delete", "Delete", tooltip="Delete the goal and its targets for good (asks first)",
                id="goals.delete"),
        Binding("a", "archive", "Archive", tooltip="Archive the goal, or bring an archived goal back",
                id="goals.archive"),
        Binding("v", "toggle_archived", "Show archived", tooltip="Show or hide archived goals",
                id="goals.archived", show=False),
        Binding("p", "plan", "Plan", tooltip="The development plan across all goals", id="goals.plan"),
        Binding("slash", "search", "Search", show=False, id="goals.search",
                tooltip="Search is in Contacts: press 1, then /"),
    ]
    PALETTE_NAMES = {"delete": "Delete or remove goal", "archive": "Archive goal (or bring it back)",
                     "new": "New goal", "edit": "Edit goal", "open": "Open goal and its targets",
                     "pause": "Pause or resume goal", "complete": "Mark goal completed",
                     "toggle_archived": "Show or hide archived goals", "plan": "Development plan (all goals)"}

    def __init__(self) -> None:
        super().__init__()
        self.goals: list[GoalSummary] = []
        self.show_archived = False
        self.focus_id: int | None = None  # a goal just created: the next load highlights it

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="goals-body"):
            yield Static("", id="goals-status")
            yield OptionList(id="goals-list")
            yield Static(EMPTY_TEXT, id="goals-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#goals-empty").display = False
        self.query_one("#goals-list").focus()
        self.load()
        self.app.data_changed.subscribe(self, lambda _: self.load())

    @work(thread=True, exclusive=True, group="goals-load", exit_on_error=False)
    def load(self) -> None:
        worker = get_current_worker()
        goals = svc.list_goals(self.app.store, self.app.clock, include_archived=self.show_archived)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, goals)

    def _show(self, goals: list[GoalSummary]) -> None:
        listing = self.query_one("#goals-list", OptionList)
        keep = self.focus_id or (self.current.id if self.current else None)
        if any(g.id == self.focus_id for g in goals):
            self.focus_id = None
        self.goals = goals
        listing.clear_options()
        for n, g in enumerate(goals):
            if n:
                listing.add_option(None)
            listing.add_option(Option(goal_prompt(g), id=f"goal-{g.id}"))
        if goals:
            index = next((i for i, g in enumerate(goals) if g.id == keep), 0)
            listing.highlighted = listing.get_option_index(f"goal-{goals[index].id}")
        empty = not goals
        self.query_one("#goals-empty").display = empty
        listing.display = not empty
        active = sum(1 for g in goals if g.status == "active")
        status = f"{plural(len(goals), 'goal')}, {active} active" if goals else ""
        if self.show_archived:
            status += " · archived goals shown (v hides them)"
        self.query_one("#goals-status", Static).update(status)

    @property
    def current(self) -> GoalSummary | None:
        listing = self.query_one("#goals-list", OptionList)
        if listing.highlighted is None:
            return None
        option = listing.get_option_at_index(listing.highlighted)
        if option.id is None:
            return None
        goal_id = int(option.id.removeprefix("goal-"))
        return next((g for g in self.goals if g.id == goal_id), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search":
            return None  # dimmed; pressing it says where searching is
        if action in ("open", "edit", "pause", "complete", "archive", "delete") and self.is_mounted:
            try:
                return True if self.current is not None else None
            except Exception:
                return True
        return True

    @on(OptionList.OptionSelected, "#goals-list")
    def _selected(self) -> None:
        self.action_open()

    @on(OptionList.OptionHighlighted, "#goals-list")
    def _highlighted(self) -> None:
        self.refresh_bindings()

    def action_open(self) -> None:
        goal = self.current
        if goal is not None:
            self.app.push_screen(GoalScreen(goal.id))

    def action_new(self) -> None:
        store, clock = self.app.store, self.app.clock

        def saved(data) -> None:
            if data is not None:
                self.written(f"Goal set: {data.title.strip()}. Press Enter to list its targets.")

        def create(data) -> int:
            self.focus_id = svc.create_goal(store, data, clock)  # highlighted once listed
            return self.focus_id

        self.app.push_screen(GoalForm(on_save=create), saved)

    def action_edit(self) -> None:
        goal = self.current
        if goal is None:
            return

        store, clock = self.app.store, self.app.clock

        def saved(data) -> None:
            if data is not None:
                self.written("Goal saved.")

        form = GoalForm(svc.goal_input(goal), context={"goal_id": goal.id}, version=goal.version)
        # The version the form holds: the one read, or the fresh one after "reload" or "overwrite".
        form.on_save = lambda data: svc.update_goal(store, goal.id, data, clock, expected_version=form.version)
        self.app.push_screen(form, saved)

    def _status(self, status: str, message: str) -> None:
        goal = self.current
        if goal is not None:
            self.run_service(svc.set_goal_status, self.app.store, goal.id, status, self.app.clock,
                             done=lambda _: self.written(f"“{goal.title}” {message}."))

    def action_pause(self) -> None:
        goal = self.current
        if goal is not None:
            if goal.status == "paused":
                self._status("active", "is active again")
            else:
                self._status("paused", "is paused")

    def action_complete(self) -> None:
        if self.current is not None:
            self._status("completed", "is marked completed")

    def action_archive(self) -> None:
        goal = self.current
        if goal is None:
            return
        if goal.status == "archived":
            self._status("active", "is back among your goals")
        else:
            self._status("archived", "is archived (v shows archived goals)")

    def action_delete(self) -> None:
        goal = self.current
        if goal is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_service(svc.delete_goal, self.app.store, goal.id,
                                 done=lambda _: self.written(f"Deleted the goal “{goal.title}”."))

        body = (f"Its {plural(goal.targets, 'target')} go with it, with their asks and history. "
                if goal.targets else "")
        body += "Its plan items and interviews are kept. To keep the goal out of sight instead, press a (archive)."
        self.app.push_screen(ConfirmDialog(f"Delete the goal “{goal.title}”?", "Delete", "Keep",
                                           body=body, danger=True), answered)

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.load()

    def action_plan(self) -> None:
        from netnet.screens.plan import PlanScreen

        self.app.push_screen(PlanScreen(None))


def stage_cell(stage: str) -> Text:
    """Dots for the path walked plus the stage written out (colour never alone)."""
    if stage == Stage.DROPPED:
        return Text("××××× dropped", style="dim")
    reached = PATH.index(stage) + 1
    text = Text("●" * reached, style="bold")
    text.append("○" * (len(PATH) - reached), style="dim")
    text.append(" " + Stage(stage).label)
    return text


def ask_cell(t: TargetView) -> str:
    if t.contact_name:
        return t.contact_name
    pending = t.open_asks
    if pending:
        return f"asked {pending[-1].contact_name}"
    return ""


class GoalScreen(NetnetScreen):
    """One goal: its targets and their stages, each move dated."""

    HOME_FOCUS = "#goal-targets"  # keys go to the list (NetnetScreen)

    TITLE = "Goal"
    DEFAULT_CSS = """
    GoalScreen #goal-head { height: auto; padding: 0 1; }
    GoalScreen #goal-targets { height: auto; max-height: 1fr; }
    GoalScreen #goal-target-detail { height: auto; padding: 0 1; border-top: solid $primary-muted; }
    """
    HELP = """
# A goal and its targets

The people you would LIKE or NEED to know, as a person, a job title or an
organisation. Each moves along listed → referral asked → introduced →
contacted → interviewed; the dots show how far, the words say where. When an
import shows that one of your contacts moved to an organisation on the list,
the head says so once ("News: …"), and **r** on that target ranks them. The
head also names the goal's opportunities by stage, furthest along first
(section **5** lists them all).

- **.** / **,**: move the highlighted target one stage forward / back (dated)
- **r**: who can introduce me (ranked contacts, draft the ask, log it)
- **i**: introduced: type the new person's name, then Enter (with several asks
  open, pick the person who answered in the **r** list and press **i** there)
- **u**: record another answer to the open ask (knew no one, declined)
- **n**: new target · **e**: edit target · **d**: drop or restore · **x**: remove (asks first)
- **Enter**: open the target's contact · **p**: this goal's plan · **Escape**: back
- **w**: what I've learned: every lesson, call note and answer from this goal's interviews
"""

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to all goals", id="goal.back"),
        Binding("n", "new_target", "New target", tooltip="Add a person, job title or organisation",
                id="goal.new_target"),
        Binding("e", "edit_target", "Edit", tooltip="Edit the highlighted target", id="goal.edit_target"),
        Binding("full_stop", "move(1)", "Stage →", key_display=".",
                tooltip="Move the target one stage forward", id="goal.forward"),
        Binding("comma", "move(-1)", "← Stage", key_display=",",
                tooltip="Move the target one stage back", id="goal.back_stage"),
        Binding("r", "referral", "Who can introduce me", tooltip="Contacts who could refer you, ranked",
                id="goal.referral"),
        Binding("i", "introduced", "Introduced", tooltip="They gave a name: create that contact in two keys",
                id="goal.introduced"),
        Binding("u", "answer", "Answer", tooltip="They knew no one or declined", id="goal.answer", show=False),
        Binding("d", "drop", "Drop/restore", tooltip="Drop the target, or bring it back", id="goal.drop",
                show=False),
        Binding("x,delete", "delete_target", "Remove", key_display="x",
                tooltip="Remove the target with its asks and history (asks first)",
                id="goal.delete", show=False),
        Binding("enter", "open_contact", "Open contact", tooltip="Open the target's contact",
                id="goal.open_contact", show=False),
        Binding("p", "plan", "Plan", tooltip="This goal's development plan", id="goal.plan"),
        Binding("w", "learned", "Learned", tooltip="Every lesson, call note and answer from this "
                "goal's interviews, newest first", id="goal.learned"),
    ]
    PALETTE_NAMES = {"delete_target": "Delete or remove target", "new_target": "New target",
                     "edit_target": "Edit target", "referral": "Who can introduce me",
                     "introduced": "Record an introduction", "answer": "They knew no one or declined",
                     "drop": "Drop or restore target", "open_contact": "Open the target's contact",
                     "plan": "Development plan (this goal)", "back": "Back to all goals",
                     "learned": "What I've learned (this goal's interviews)"}

    def __init__(self, goal_id: int) -> None:
        super().__init__()
        self.goal_id = goal_id
        self.detail: GoalDetail | None = None
        self.focus_id: int | None = None  # a target just created: the next load highlights it
        self.gone = False  # the goal was removed (on another device) while something was open on top

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="goal-body"):
            yield Static("", id="goal-head")
            yield DataTable(id="goal-targets", cursor_type="row", zebra_stripes=True)
            yield Static("", id="goal-target-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#goal-targets", DataTable)
        table.focus()
        self.load()
        self.app.data_changed.subscribe(self, lambda _: self.load())

    def on_screen_resume(self) -> None:
        if self.gone:
            self._leave_gone()

    def _leave_gone(self) -> None:
        self.app.notify("That goal no longer exists.", severity="warning")
        self.dismiss()

    @work(thread=True, exclusive=True, group="goal-load", exit_on_error=False)
    def load(self) -> None:
        from netnet.data.opportunities import list_opportunities

        worker = get_current_worker()
        detail = svc.get_goal(self.app.store, self.goal_id, self.app.clock)
        opportunities = list_opportunities(self.app.store, self.app.clock, goal_id=self.goal_id) \
            if detail is not None and detail.summary.opportunities else []
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, detail, opportunities)

    def _show(self, detail: GoalDetail | None, opportunities: list | None = None) -> None:
        if detail is None:
            # Removed on another device. With a form or dialog open on top, dismissing now would
            # close that instead (and what is typed in it): this screen goes when it is shown again.
            self.gone = True
            if self.is_active:  # on top (``is_current`` is true beneath a dialog too)
                self._leave_gone()
            return
        keep = self.focus_id or (self.current.id if self.current else None)
        if any(t.id == self.focus_id for t in detail.targets):
            self.focus_id = None
        self.detail = detail
        g = detail.summary
        self.sub_title = g.title
        head = Text()
        head.append(g.title, style="bold")
        head.append(f"  {g.kind_words} · {g.status_words}")
        if g.target_date:
            head.append(f" · aim for {short_date(g.target_date)}")
        if g.description:
            head.append("\n" + g.description, style="italic")
        head.append(f"\n{plural(g.targets, 'target')}: {stage_counts_text(g.stage_counts)} · "
                    f"{plural(g.interviews_held, 'interview')} held · plan {g.plan_done} of {g.plan_total} done")
        head.append("\nactivity ")
        head.append(sparkline(g.activity.total), style="bold")
        head.append(f"  {activity_words(g)}")
        if g.opportunities:
            head.append("\n")
            shown = OPPORTUNITIES_SHOWN if self.size.width >= 100 else 2
            head.append_text(opportunities_text(opportunities or [], g.opportunity_counts, shown))
        for move in detail.moves[:MOVES_SHOWN]:  # each person once, however many targets name the place
            head.append("\nNews: ", style="bold")
            head.append(f"{move.name} {move.words}, an organisation on this list; press r on its target "
                        "for who can introduce you.")
        if len(detail.moves) > MOVES_SHOWN:
            more = plural(len(detail.moves) - MOVES_SHOWN, "more person", "more people")
            head.append(f"\n…and {more} moved to an organisation on this list (their contact pages say where).")
        self.query_one("#goal-head", Static).update(head)
        self._fill(keep)

    def _fill(self, keep: int | None) -> None:
        table = self.query_one("#goal-targets", DataTable)
        table.clear(columns=True)
        if self.detail is None:
            return
        width = max(60, self.size.width)
        who = 18 if width >= 100 else 14
        target_w = max(18, width - 4 - 20 - 10 - who - 12)
        table.add_column("Want", width=4, key="want")
        table.add_column("Target", width=target_w, key="target")
        table.add_column("Stage", width=20, key="stage")
        table.add_column("Since", width=10, key="since")
        table.add_column("Contact / ask", width=who, key="who")
        for t in self.detail.targets:
            label = t.label if t.kind != "person" else t.person_name
            kind = "" if t.kind == "person" or width < 100 else f" ({t.kind_words})"
            table.add_row(t.want.upper(), label + kind, stage_cell(t.stage), day_month(t.stage_since),
                          ask_cell(t), key=str(t.id))
        if self.detail.targets:
            index = next((i for i, t in enumerate(self.detail.targets) if t.id == keep), 0)
            table.move_cursor(row=index)
        self._describe()

    def on_resize(self) -> None:
        if self.detail is not None:
            self._fill(self.current.id if self.current else None)

    @property
    def current(self) -> TargetView | None:
        if self.detail is None or not self.detail.targets:
            return None
        table = self.query_one("#goal-targets", DataTable)
        row = table.cursor_row
        if 0 <= row < len(self.detail.targets):
            return self.detail.targets[row]
        return None

    @on(DataTable.RowHighlighted, "#goal-targets")
    def _highlighted(self) -> None:
        self._describe()
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#goal-targets")
    def _selected(self) -> None:
        self.action_open_contact()

    def _describe(self) -> None:
        box = self.query_one("#goal-target-detail", Static)
        t = self.current
        if t is None:
            box.update("No targets yet: press [b]n[/b] to list a person, a job title or an organisation "
                       "you would like or need to know.")
            return
        text = Text()
        text.append(t.label, style="bold")
        text.append(f" · {t.want_words} · {t.kind_words}")
        if t.field:
            text.append(f" · field: {t.field}")
        moves = " → ".join(f"{Stage(e.stage).label} {day_month(e.at)}" for e in t.history[-5:])
        text.append(f"\nMoves: {moves or 'none yet'}")
        for ask in t.asks[-2:]:
            line = f"\nAsked {ask.contact_name} on {day_month(ask.asked_at)}: {ask.answer_words}"
            if ask.introduced_name:
                line += f" ({ask.introduced_name})"
            text.append(line)
        if t.open_asks:
            text.append("\ni: they gave a name · u: another answer", style="italic")
        elif t.stage in (Stage.LISTED, Stage.REFERRAL_ASKED):
            text.append("\nr: see who can introduce you", style="italic")
        box.update(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        needs_target = {"edit_target", "move", "referral", "introduced", "drop", "delete_target", "answer",
                        "open_contact"}
        if action in needs_target and self.is_mounted:
            t = self.current
            if t is None:
                return None
            if action == "answer" and not t.open_asks:
                return None
            if action == "open_contact" and t.contact_id is None:
                return None
        return True

    # -- actions ------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss()

    def action_new_target(self) -> None:
        store, clock, goal_id = self.app.store, self.app.clock, self.goal_id

        def saved(data) -> None:
            if data is not None:
                self.written("Target listed. Press r to see who could introduce you.")

        def create(data) -> int:
            self.focus_id = svc.add_target(store, goal_id, data, clock)  # highlighted once listed
            return self.focus_id

        self.app.push_screen(TargetForm(context={"goal_id": goal_id}, on_save=create), saved)

    def action_edit_target(self) -> None:
        t = self.current
        if t is None:
            return

        store, clock = self.app.store, self.app.clock

        def saved(data) -> None:
            if data is not None:
                self.written("Target saved.")

        form = TargetForm(svc.target_input(t), context={"goal_id": self.goal_id, "target_id": t.id},
                          version=t.version)
        # The version the form holds: the one read, or the fresh one after "reload" or "overwrite".
        form.on_save = lambda data: svc.update_target(store, t.id, data, clock, expected_version=form.version)
        self.app.push_screen(form, saved)

    def action_move(self, direction: int) -> None:
        t = self.current
        if t is None:
            return

        def said(stage: str | None) -> None:
            self.written(f"{t.label}: {Stage(stage).label}." if stage else None)
            if stage is None:
                where = "dropped: press d to restore it" if t.stage == Stage.DROPPED else (
                    "at the last stage" if direction > 0 else "at the first stage")
                self.app.notify(f"{t.label} is {where}.", severity="warning")

        self.run_service(svc.move_target, self.app.store, t.id, direction, self.app.clock, done=said)

    def action_drop(self) -> None:
        t = self.current
        if t is not None:
            self.run_service(svc.toggle_dropped, self.app.store, t.id, self.app.clock,
                             done=lambda s: self.written(f"{t.label}: {Stage(s).label}."))

    def action_delete_target(self) -> None:
        t = self.current
        if t is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_service(svc.delete_target, self.app.store, t.id,
                                 done=lambda _: self.written(f"Removed {t.label}."))

        self.app.push_screen(ConfirmDialog(f"Remove the target “{t.label}” with its asks and history?"), answered)

    def action_referral(self) -> None:
        t = self.current
        if t is not None:
            from netnet.screens.referral import ReferralScreen

            self.app.push_screen(ReferralScreen(t.id))

    def action_introduced(self) -> None:
        t = self.current
        if t is None:
            return
        pending = t.open_asks
        if not pending:
            self.app.notify("No ask is awaiting an answer for this target: press r, pick who introduced you, "
                            "then i.", severity="warning", timeout=8)
            return
        ask = pending[-1]
        introduce(self, t.id, ask.contact_id, ask.contact_name, t.label)

    def action_answer(self) -> None:
        t = self.current
        if t is None or not t.open_asks:
            return
        ask = t.open_asks[-1]

        def answered(answer: str | None) -> None:
            if answer:
                self.run_service(svc.record_answer, self.app.store, ask.id, answer, self.app.clock,
                                 done=lambda _: self.written(f"Noted. The follow-ups for {ask.contact_name} are "
                                                             "cancelled; press r to ask someone else."))

        self.app.push_screen(AnswerDialog(ask.contact_name), answered)

    def action_open_contact(self) -> None:
        t = self.current
        if t is not None and t.contact_id is not None:
            self.app.open_contact(t.contact_id)

    def action_plan(self) -> None:
        from netnet.screens.plan import PlanScreen

        self.app.push_screen(PlanScreen(self.goal_id))

    def action_learned(self) -> None:
        from netnet.screens.learned import LearnedScreen

        self.app.push_screen(LearnedScreen(self.goal_id))


