"""The Opportunities section (key 5): openings, projects, teams about to hire, programmes and
volunteer roles, where each came from, its stage, and its next step; and one opportunity's page."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from netnet.core.enums import OpportunityStage
from netnet.core.goals import plural
from netnet.core.opportunities import PATH
from netnet.core.when import day_words, describe_due
from netnet.data import opportunities as svc
from netnet.data.goals import goal_choices
from netnet.data.opportunities import OpportunityInput, OpportunityView
from netnet.screens.base import NetnetScreen
from netnet.screens.dialogs import ConfirmDialog
from netnet.screens.opportunity_forms import (
    CloseDialog,
    OpportunityFilter,
    OpportunityFilterDialog,
    OpportunityForm,
)
from netnet.widgets.opportunity_list import OpportunityList, is_overdue

EMPTY_TEXT = """\
[b]No opportunities yet.[/b] An opening someone mentions, a project, a team
about to hire, a programme or a volunteer role: keep it here with where it
came from, the goal it serves and your next step.

  • press [b]a[/b] to add one you heard of (or found yourself)
  • in a call, [b]F8[/b] then [b]o[/b] keeps one they mention, with the moment it was said
  • then [b]r[/b] finds who can introduce you at its organisation
"""


# -- what the list and the page share ------------------------------------------------------

class OpportunityActions:
    """The keys that act on one opportunity, shared by the list and the page.

    A screen mixing this in says which opportunity is meant (``chosen``) and what to do
    once it has been removed (``after_removal``)."""

    undo_stack: list[tuple[int, str]]

    def chosen(self) -> OpportunityView | None:  # pragma: no cover - each screen says
        raise NotImplementedError

    def after_removal(self, view: OpportunityView) -> None:
        """Called once an opportunity went to the trash."""

    def needs(self, action: str) -> bool | None:
        """``check_action`` for the opportunity keys: True, or None (dimmed; the key says why)."""
        view = self.chosen()
        if view is None:
            return None
        if action == "move" and view.closed:
            return None
        if action == "referral" and (not view.organisation.strip() or view.goal_id is None):
            return None
        if action == "source" and view.source_contact_id is None:
            return None
        return True

    def why_not(self, action: str) -> str | None:
        """Why an opportunity key does nothing now, in one sentence."""
        view = self.chosen()
        if action not in ("edit", "remove", "move", "close", "referral", "source"):
            return None
        if view is None:
            return "No opportunity here yet: press a to add one."
        if action == "move" and view.closed:
            return f"“{view.title}” is closed: press c to open it again first."
        if action == "referral":
            missing = [what for what, gone in (("an organisation", not view.organisation.strip()),
                                               ("a goal", view.goal_id is None)) if gone]
            if missing:
                return (f"Give “{view.title}” {' and '.join(missing)} first (e edits it): then r finds who "
                        "can introduce you there.")
        if action == "source" and view.source_contact_id is None:
            return f"No one told you about “{view.title}”: you found it yourself (e names the person)."
        return None

    # -- the actions ---------------------------------------------------------------------
    def action_edit(self) -> None:
        view = self.chosen()
        if view is not None:
            self._open_form(view)

    @work(thread=True, exclusive=True, group="opportunity-goals", exit_on_error=False)
    def _open_form(self, view: OpportunityView | None, goal_id: int | None = None) -> None:
        goals = goal_choices(self.app.store)
        self.app.call_from_thread(self._show_form, view, goals, goal_id)

    def _show_form(self, view: OpportunityView | None, goals: list[tuple[str, int]], goal_id: int | None) -> None:
        store, clock = self.app.store, self.app.clock
        if view is None:
            def create(data: OpportunityInput) -> int:
                new_id = svc.add_opportunity(store, data, clock)
                self.focus_id = new_id  # highlighted once listed
                return new_id

            form = OpportunityForm(OpportunityInput(title="", goal_id=goal_id), goals, on_save=create)

            def added(data: OpportunityInput | None) -> None:
                if data is not None:
                    then = " Its next step is in the follow-up queue." if data.next_step.strip() else ""
                    self.written(f"Added “{data.title.strip()}” (heard of).{then} Press . as it moves on.")

            self.app.push_screen(form, added)
            return
        form = OpportunityForm(svc.opportunity_input(view), goals, context={"opportunity_id": view.id},
                               version=view.version, source_name=view.source_name or "",
                               source_words=view.source_words, goal_title=view.goal_title or "")
        # The version the form holds: the one read, or the fresh one after "reload" or "overwrite".
        form.on_save = lambda data: svc.update_opportunity(store, view.id, data, clock,
                                                           expected_version=form.version)
        self.app.push_screen(form, lambda data: self.written("Opportunity saved.") if data is not None else None)

    def action_move(self, direction: int) -> None:
        view = self.chosen()
        if view is None or view.closed:
            return

        def said(stage: str | None) -> None:
            if stage is not None:
                self.written(f"“{view.title}”: {OpportunityStage(stage).label}.")
            elif direction > 0:
                self.app.notify(f"“{view.title}” is at the last stage on the way ({view.stage_words}): press c "
                                "to close it with how it ended.", severity="warning")
            else:
                self.app.notify(f"“{view.title}” is at the first stage (heard of).", severity="warning")

        self.run_service(svc.move_stage, self.app.store, view.id, direction, self.app.clock, done=said)

    def action_close(self) -> None:
        view = self.chosen()
        if view is None:
            return
        store, clock = self.app.store, self.app.clock
        if view.closed:
            self.run_service(svc.reopen_opportunity, store, view.id, clock,
                             done=lambda stage: self.written(
                                 f"“{view.title}” is open again: {OpportunityStage(stage).label}."))
            return

        def picked(outcome: str | None) -> None:
            if outcome:
                self.run_service(svc.close_opportunity, store, view.id, outcome, clock, done=self.written)

        self.app.push_screen(CloseDialog(view.title), picked)

    def action_remove(self) -> None:
        view = self.chosen()
        if view is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_service(svc.remove_opportunity, self.app.store, view.id, self.app.clock,
                                 done=lambda sentence: self._removed(view, sentence))

        step = " Its next step leaves the follow-up queue." if view.next_step else ""
        self.app.push_screen(ConfirmDialog(f"Remove “{view.title}”?", "Remove", "Keep",
                                           body=f"It goes to the trash with its history.{step} Press u in "
                                                "Opportunities to bring it back."), answered)

    def _removed(self, view: OpportunityView, sentence: str) -> None:
        self.undo_stack.append((view.id, view.title))
        self.written(f"{sentence} Press u to bring it back.")
        self.after_removal(view)

    def action_referral(self) -> None:
        view = self.chosen()
        if view is None:
            return

        def found(target_id: int) -> None:
            from netnet.screens.referral import ReferralScreen

            self.app.notify_data_changed()  # a target listed for it shows on the goal
            self.app.push_screen(ReferralScreen(target_id))

        self.run_service(svc.introduction_target, self.app.store, view.id, self.app.clock, done=found)

    def action_source(self) -> None:
        view = self.chosen()
        if view is not None and view.source_contact_id is not None:
            self.app.open_contact(view.source_contact_id)


# Keys the list and the page share (their ids differ: one per screen).
def shared_bindings(prefix: str) -> list[Binding]:
    return [
        Binding("e", "edit", "Edit", tooltip="Edit the opportunity and its next step", id=f"{prefix}.edit"),
        Binding("full_stop", "move(1)", "Stage →", key_display=".",
                tooltip="Move it one stage on: heard of, researching, applied, interviewing, offer",
                id=f"{prefix}.forward"),
        Binding("comma", "move(-1)", "← Stage", key_display=",", tooltip="Move it one stage back",
                id=f"{prefix}.back-stage"),
        Binding("c", "close", "Close/reopen", tooltip="Close it with how it ended, or open a closed one again",
                id=f"{prefix}.close"),
        Binding("r", "referral", "Who can introduce me",
                tooltip="Contacts who could introduce you at its organisation, ranked, with the ask drafted",
                id=f"{prefix}.referral"),
        Binding("o", "source", "Came from", tooltip="Open the person it came from", id=f"{prefix}.source"),
        Binding("x,d", "remove", "Remove", key_display="x",
                tooltip="Move it to the trash with its next step (u brings it back; d works too)",
                id=f"{prefix}.remove"),
    ]


SHARED_PALETTE = {"edit": "Edit opportunity", "move(1)": "Move opportunity one stage on",
                  "move(-1)": "Move opportunity one stage back",
                  "close": "Close opportunity with how it ended (or reopen it)",
                  "referral": "Who can introduce me at its organisation",
                  "source": "Open the person the opportunity came from",
                  "remove": "Delete or remove opportunity (to the trash)"}

SHARED_HELP = """\
- **.** / **,**: move it one stage on / back (heard of → researching → applied →
  interviewing → offer); each move is kept with its date
- **c**: close it with how it ended (accepted, declined, not chosen,
  withdrawn), or open a closed one again
- **r**: who can introduce me at its organisation: your contacts ranked, the
  ask drafted, **l** there logs it (needs an organisation and a goal)
- **o**: open the person it came from
- **e**: edit it and its next step · **x** (or **d**): remove it (asks first;
  **u** in the list brings it back)"""


# -- the section -----------------------------------------------------------------------------

@dataclass
class Loaded:
    """Every opportunity as read (most pressing first) with what a search looks in, per id: a search
    or a filter narrows this in memory, so typing never waits for the database."""

    everything: list[OpportunityView]
    texts: dict[int, str]


@dataclass
class Shown:
    items: list[OpportunityView]
    text: str
    filter: OpportunityFilter
    total: int


class OpportunitiesScreen(OpportunityActions, NetnetScreen):
    """Every opportunity, most pressing first; searchable and filtered by goal and stage."""

    HOME_FOCUS = "#opportunities-list"  # keys go to the list (NetnetScreen)

    TITLE = "Opportunities"
    DEFAULT_CSS = """
    OpportunitiesScreen #opportunities-search { margin: 0 1; height: 1; border: none; padding: 0 1;
                                                background: $boost; }
    OpportunitiesScreen #opportunities-search:focus { background: $primary 20%; }
    OpportunitiesScreen #opportunities-status { height: 1; padding: 0 2; color: $text-muted; }
    OpportunitiesScreen #opportunities-empty { height: auto; padding: 1 2; }
    OpportunitiesScreen #opportunities-detail { height: 4; padding: 0 1; border-top: solid $primary;
                                                background: $boost; }
    """
    HELP = f"""
# Opportunities

Openings, projects, teams about to hire, programmes and volunteer roles: where
each came from, the goal it serves, its stage and its next step, the most
pressing first (a late next step, then the soonest; closed ones last). Each
next step is a follow-up in the queue (section 4), so it is snoozed and done
there too.

- **Enter**: open its page (every field, the stage history, who told you)
- **a**: add one · **/**: search as you type (Escape goes back to the list)
- **f**: filter by goal and by stage
{SHARED_HELP}
- **u**: bring back the last one removed
"""

    BINDINGS = [
        # Priority: handled as the key arrives, so the keys typed right after it already reach the box.
        Binding("slash", "search", "Search", tooltip="Search titles, organisations, notes and sources as you type",
                id="opportunities.search", priority=True),
        Binding("escape", "clear_search", "Clear", show=False, tooltip="Clear the search, or the filter",
                id="opportunities.clear"),
        Binding("a", "add", "Add", tooltip="Add an opportunity you heard of or found", id="opportunities.add"),
        *shared_bindings("opportunities"),
        Binding("u", "undo", "Undo remove", tooltip="Bring back the opportunity removed last",
                id="opportunities.undo"),
        Binding("f", "filter", "Filter", tooltip="Show one goal's, one stage's or the open ones",
                id="opportunities.filter"),
    ]
    PALETTE_NAMES = {**SHARED_PALETTE, "add": "Add an opportunity", "search": "Search opportunities",
                     "undo": "Undo the last removed opportunity", "filter": "Filter opportunities by goal or stage",
                     "clear_search": "Clear the opportunity search or filter"}

    def __init__(self) -> None:
        super().__init__()
        self.filter = OpportunityFilter()
        self.text = ""
        self.focus_id: int | None = None  # just added: the next load highlights it
        self.undo_stack: list[tuple[int, str]] = []
        self.total = 0  # every opportunity, without search or filter (from the last full load)
        self.loaded: Loaded | None = None
        self.loaded_once = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="opportunities-body"):
            yield Input(placeholder="Search: title, organisation, notes, who told you…", id="opportunities-search")
            yield Static("", id="opportunities-status")
            yield OpportunityList(id="opportunities-list")
            yield Static(EMPTY_TEXT, id="opportunities-empty")
            yield Static("", id="opportunities-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#opportunities-empty").display = False
        self.query_one(OpportunityList).focus()
        self.load()
        self.app.data_changed.subscribe(self, lambda _: self.load())

    # -- loading ------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="opportunities-load", exit_on_error=False)
    def load(self) -> None:
        worker = get_current_worker()
        everything = svc.list_opportunities(self.app.store, self.app.clock)
        texts = {view.id: svc.search_text(view) for view in everything}
        if not worker.is_cancelled:
            self.app.call_from_thread(self._loaded, Loaded(everything, texts))

    def _loaded(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.loaded_once = True
        self.show_list()

    def show_list(self) -> None:
        """The list as the search and the filter narrow what was read (at once: no reading)."""
        if self.loaded is None:
            return
        chosen = self.filter
        items = svc.narrow(self.loaded.everything, goal_id=chosen.goal_id, stages=chosen.stages(), query=self.text,
                           texts=self.loaded.texts)
        self._show(Shown(items, self.text, chosen, len(self.loaded.everything)))

    def _show(self, loaded: Shown) -> None:
        self.total = loaded.total
        listing = self.query_one(OpportunityList)
        keep = self.focus_id or (listing.current.id if listing.current else None)
        if self.focus_id is not None and any(v.id == self.focus_id for v in loaded.items):
            self.focus_id = None
        listing.set_items(loaded.items, self.app.clock.today(), keep_id=keep)
        empty = loaded.total == 0
        self.query_one("#opportunities-empty").display = empty
        for widget_id in ("#opportunities-search", "#opportunities-status", "#opportunities-list",
                          "#opportunities-detail"):
            self.query_one(widget_id).display = not empty
        if empty:
            self.set_focus(None)  # keys reach the screen: a adds
        elif self.focused is None:
            listing.focus()
        self.query_one("#opportunities-status", Static).update(self._status(loaded))
        self._describe(listing.current)  # refreshes the keys too

    def _status(self, loaded: Shown) -> str:
        found = len(loaded.items)
        today = self.app.clock.today()
        if loaded.text.strip():
            text = f"{found} of {loaded.total} match “{loaded.text.strip()}”"
        elif loaded.filter != OpportunityFilter():
            text = f"{found} of {loaded.total}"
        else:
            text = plural(found, "opportunity", "opportunities")
        open_ = sum(1 for v in loaded.items if not v.closed)
        late = sum(1 for v in loaded.items if is_overdue(v, today))
        parts = [text, f"{open_} open"]
        if late:
            parts.append(f"‼ {late} next step{'s' if late != 1 else ''} late")
        if loaded.filter.describe():
            parts.append(loaded.filter.describe() + " (Escape shows all)")
        parts.append("most pressing first")
        return " · ".join(parts)

    # -- the highlighted one --------------------------------------------------------------
    def chosen(self) -> OpportunityView | None:
        if not self.is_mounted:
            return None
        return self.query_one(OpportunityList).current

    @on(OpportunityList.Highlighted)
    def _highlighted(self, event: OpportunityList.Highlighted) -> None:
        self._describe(event.item)

    @on(OpportunityList.Chosen)
    def _open(self, event: OpportunityList.Chosen) -> None:
        self.app.push_screen(OpportunityScreen(event.item.id))

    def _describe(self, view: OpportunityView | None) -> None:
        self.refresh_bindings()
        box = self.query_one("#opportunities-detail", Static)
        if view is None:
            box.update("Nothing matches: Escape clears the search, f changes the filter.")
            return
        today = self.app.clock.today()
        where = f" at {view.organisation}" if view.organisation else ""
        lines = [f"{view.title} · {view.kind_words}{where} · {view.stage_words}",
                 f"Goal: {view.goal_title or 'none yet (e chooses one)'} · From: {view.source_words}"]
        if view.next_step:
            due = f" — {describe_due(view.next_due, today)}" if view.next_due else ""
            lines.append(("‼ Next: " if view.overdue(today) else "Next: ") + view.next_step + due)
        elif not view.closed:
            lines.append("No next step yet: e adds one (it goes to the follow-up queue).")
        else:
            lines.append("Closed. c opens it again.")
        box.update("\n".join(lines))

    # -- keys -------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "remove", "move", "close", "referral", "source"):
            return self.needs(action) if self.is_mounted else True
        if action == "undo":
            return True if self.undo_stack else None
        if action == "search" and self.is_mounted and self.loaded_once and not self.total:
            return None
        return True

    def disabled_reason(self, action: str) -> str | None:
        if action == "undo":
            return "Nothing to bring back: no opportunity was removed here."
        if action == "search":
            return "Nothing to search yet: press a to add an opportunity."
        return self.why_not(action) or super().disabled_reason(action)

    def action_search(self) -> None:
        search = self.query_one("#opportunities-search", Input)
        if self.focused is search:
            search.insert_text_at_cursor("/")  # "/" typed inside a search
            return
        if not search.display:
            return
        self.set_focus(search)  # now, not on the next loop turn (Widget.focus defers it)

    def action_clear_search(self) -> None:
        search = self.query_one("#opportunities-search", Input)
        if search.value:
            search.value = ""
        elif self.filter != OpportunityFilter():
            self.filter = OpportunityFilter()
            self.show_list()
        self.query_one(OpportunityList).focus()

    @on(Input.Changed, "#opportunities-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.text = event.value
        self.show_list()

    @on(Input.Submitted, "#opportunities-search")
    def _search_submitted(self) -> None:
        self.query_one(OpportunityList).focus()

    def action_add(self) -> None:
        self._open_form(None, self.filter.goal_id)

    def action_undo(self) -> None:
        if not self.undo_stack:
            return
        opportunity_id, _title = self.undo_stack.pop()
        self.focus_id = opportunity_id
        self.run_service(svc.restore_opportunity, self.app.store, opportunity_id, self.app.clock,
                         done=self.written)

    def action_filter(self) -> None:
        self._open_filter()

    @work(thread=True, exclusive=True, group="opportunity-goals", exit_on_error=False)
    def _open_filter(self) -> None:
        goals = goal_choices(self.app.store)
        if self.filter.goal_id is not None and all(g != self.filter.goal_id for _, g in goals):
            goals.append((self.filter.goal_title, self.filter.goal_id))
        self.app.call_from_thread(self.app.push_screen, OpportunityFilterDialog(self.filter, goals), self._filtered)

    def _filtered(self, chosen: OpportunityFilter | None) -> None:
        if chosen is not None:
            self.filter = chosen
            self.show_list()


# -- one opportunity's page -------------------------------------------------------------------

class OpportunityScreen(OpportunityActions, NetnetScreen):
    """One opportunity: every field, where it came from, its next step and its stage history."""

    TITLE = "Opportunity"
    DEFAULT_CSS = """
    OpportunityScreen #opportunity-page { padding: 0 1; }
    OpportunityScreen #opportunity-page > Static { margin: 0 0 1 0; }
    """
    HELP = f"""
# An opportunity

Everything about one opportunity: what and where, the goal it serves, where it
came from (a person, the call and the moment in it, or found yourself), its
link and notes, its next step and day, each stage it went through with its
date, and the people you know at its organisation.

{SHARED_HELP}
- **Escape**: back
"""

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the list", id="opportunity.back"),
        *shared_bindings("opportunity"),
    ]
    PALETTE_NAMES = {**SHARED_PALETTE, "back": "Back to the opportunities"}

    def __init__(self, opportunity_id: int) -> None:
        super().__init__()
        self.opportunity_id = opportunity_id
        self.view: OpportunityView | None = None
        self.people: list[tuple[int, str, str]] = []
        self.undo_stack: list[tuple[int, str]] = []
        self.gone = False  # removed (here or on another device) while something was open on top

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="opportunity-page"):
            yield Static("", id="opportunity-head")
            yield Static("", id="opportunity-next")
            yield Static("", id="opportunity-notes")
            yield Static("", id="opportunity-history")
            yield Static("", id="opportunity-people")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#opportunity-page").focus()
        self.load()
        self.app.data_changed.subscribe(self, lambda _: self.load())

    def on_screen_resume(self) -> None:
        if self.gone:
            self._leave_gone()

    def _leave_gone(self) -> None:
        self.app.notify("That opportunity is no longer here (removed).", severity="warning")
        self.dismiss()

    @work(thread=True, exclusive=True, group="opportunity-page", exit_on_error=False)
    def load(self) -> None:
        store = self.app.store
        view = svc.get_opportunity(store, self.opportunity_id)
        people = svc.organisation_people(store, self.opportunity_id) if view is not None else []
        self.app.call_from_thread(self._show, view, people)

    def chosen(self) -> OpportunityView | None:
        return self.view

    def after_removal(self, view: OpportunityView) -> None:
        # The list below keeps the undo: it is where u is pressed.
        below = next((s for s in self.app.screen_stack if isinstance(s, OpportunitiesScreen)), None)
        if below is not None:
            below.undo_stack.append((view.id, view.title))
        self.gone = True
        if self.is_active:
            self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "remove", "move", "close", "referral", "source"):
            return self.needs(action) if self.is_mounted else True
        return True

    def disabled_reason(self, action: str) -> str | None:
        return self.why_not(action) or super().disabled_reason(action)

    def action_back(self) -> None:
        self.dismiss()

    def _show(self, view: OpportunityView | None, people: list[tuple[int, str, str]]) -> None:
        if view is None:
            if self.gone:
                return
            # With a form or dialog open on top, leaving now would close that instead: go once shown.
            self.gone = True
            if self.is_active:
                self._leave_gone()
            return
        self.view, self.people = view, people
        self.sub_title = view.title
        today = self.app.clock.today()
        head = Text()
        head.append(view.title, style="bold")
        head.append(f"\n{view.kind_words}" + (f" at {view.organisation}" if view.organisation else ""))
        head.append(f" · stage: {view.stage_words}")
        head.append(f"\nGoal: {view.goal_title or 'none yet (e chooses one)'}")
        head.append(f"\nCame from: {view.source_words}")
        if view.link:
            head.append(f"\nLink: {view.link}")
        head.append(f"\nAdded {day_words(view.created_at, today)} · changed {day_words(view.updated_at, today)}"
                    f" · key {view.key}")
        self.query_one("#opportunity-head", Static).update(head)

        nxt = Text()
        if view.next_step:
            due = view.next_due
            late = view.overdue(today)
            nxt.append("‼ Next step: " if late else "Next step: ", style="bold")
            nxt.append(view.next_step)
            if due is not None:
                nxt.append(f" — {day_words(due, today)} ({describe_due(due, today)})" if late or
                           describe_due(due, today) in ("today", "tomorrow") else f" — {day_words(due, today)}")
            nxt.append("\n  in the follow-up queue (section 4), where it is snoozed or done too", style="italic")
        elif view.closed:
            nxt.append("Closed: no next step. c opens it again.")
        else:
            nxt.append("No next step yet: e adds one, with a day, and it joins the follow-up queue.")
        self.query_one("#opportunity-next", Static).update(nxt)

        notes = Text()
        notes.append("Notes", style="bold")
        notes.append("\n" + (view.notes.strip() or "none yet (e to add)"))
        self.query_one("#opportunity-notes", Static).update(notes)

        history = Text()
        history.append("Stages", style="bold")
        history.append("  " + self._path_words(view))
        for move in view.history:
            note = f" ({move.note})" if move.note else ""
            history.append(f"\n  {day_words(move.at, today):<12} {move.words}{note}")
        self.query_one("#opportunity-history", Static).update(history)

        box = Text()
        where = view.organisation.strip()
        if where:
            box.append(f"People you know at {where}", style="bold")
            if people:
                shown = people[:6]
                box.append("\n" + ", ".join(f"{name} ({title})" if title else name for _i, name, title in shown))
                if len(people) > len(shown):
                    box.append(f" and {len(people) - len(shown)} more")
            else:
                box.append("\nnobody yet")
            box.append("\nr: who could introduce you there, ranked, with the ask drafted", style="italic")
        self.query_one("#opportunity-people", Static).update(box)
        self.refresh_bindings()

    @staticmethod
    def _path_words(view: OpportunityView) -> str:
        """The path with the stage reached marked ("heard of › researching › [applied] › …")."""
        words = []
        for stage in PATH:
            label = OpportunityStage(stage).label
            words.append(f"[{label}]" if stage == view.stage else label)
        path = " › ".join(words)
        return f"{path} · {view.stage_words}" if view.closed else path

