"""At start: offer back the typing kept when netnet last closed, and reopen it.

``REOPEN`` is the one table from a draft's kind to the function that opens
the same form again. Each function builds the form with the write its opener
would do (``on_save``) and the follow-up its opener would show, so a reopened
form saves exactly as the original would have.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from netnet.data.drafts import DraftRow
from netnet.screens.base import NetnetModal

log = logging.getLogger("netnet")

Reopened = tuple[Screen, Callable[[Any], None] | None]


def _saved(app: App, message: str) -> Callable[[Any], None]:
    def done(result: Any) -> None:
        if result is not None and result is not False:
            app.notify(message)
            app.notify_data_changed()
    return done


def _contact_form(app: App, args: dict) -> Reopened:
    from netnet.screens.contact_form import ContactFormScreen

    contact_id = args.get("contact_id")
    return ContactFormScreen(contact_id if isinstance(contact_id, int) else None), _saved(app, "Saved.")


def _log_interaction(app: App, args: dict) -> Reopened:
    from netnet.screens.contact_dialogs import LogInteractionScreen

    screen = LogInteractionScreen(str(args.get("name", "")), app.clock.today(), contact_id=int(args["contact_id"]))
    return screen, _saved(app, "Logged.")


def _goal_form(app: App, args: dict) -> Reopened:
    from netnet.data import goals as svc
    from netnet.data.goals import GoalInput
    from netnet.screens.goal_forms import GoalForm

    goal_id = args.get("goal_id")
    initial = GoalInput(**args["initial"]) if args.get("initial") else None
    if goal_id is None:
        def save(data):
            return svc.create_goal(app.store, data, app.clock)
    else:
        def save(data):  # refused if the goal changed since the form was filled (asked what to do)
            return svc.update_goal(app.store, goal_id, data, app.clock, expected_version=form.version)
    form = GoalForm(initial, on_save=save, context={"goal_id": goal_id} if goal_id is not None else None,
                    version=_version(args))
    return form, _saved(app, "Goal saved.")


def _version(args: dict) -> int | None:
    """The version a kept form was filled from (None: kept by a netnet that did not say)."""
    version = args.get("version")
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def _target_form(app: App, args: dict) -> Reopened:
    from netnet.data import goals as svc
    from netnet.data.goals import TargetInput
    from netnet.screens.goal_forms import TargetForm

    target_id, goal_id = args.get("target_id"), args.get("goal_id")
    initial = TargetInput(**args["initial"]) if args.get("initial") else None
    if target_id is None:
        def save(data):
            return svc.add_target(app.store, goal_id, data, app.clock)
    else:
        def save(data):  # refused if the target changed since the form was filled (asked what to do)
            return svc.update_target(app.store, target_id, data, app.clock, expected_version=form.version)
    context = {key: value for key, value in (("goal_id", goal_id), ("target_id", target_id)) if value is not None}
    form = TargetForm(initial, on_save=save, context=context, version=_version(args))
    return form, _saved(app, "Target saved.")


def _plan_form(app: App, args: dict) -> Reopened:
    from netnet.data import goals as svc
    from netnet.data.goals import PlanInput
    from netnet.screens.goal_forms import PlanForm

    item_id = args.get("item_id")
    initial = PlanInput(**args["initial"]) if args.get("initial") else None
    goals = [(str(label), int(goal)) for label, goal in args.get("goals", [])]
    if item_id is None:
        def save(data):
            return svc.add_plan_item(app.store, data, app.clock)
    else:
        def save(data):  # refused if the item changed since the form was filled (asked what to do)
            return svc.update_plan_item(app.store, item_id, data, app.clock, expected_version=form.version)
    form = PlanForm(initial, goals, on_save=save, context={"item_id": item_id} if item_id is not None else None,
                    version=_version(args))
    return form, _saved(app, "Plan item saved.")


def _name_dialog(app: App, args: dict) -> Reopened:
    from netnet.data import goals as svc
    from netnet.screens.goal_forms import NameDialog

    def save(name: str):
        return svc.record_introduction(app.store, args["target_id"], args["referrer_id"], name, app.clock,
                                       contact_id=screen.picked)

    screen = NameDialog(str(args.get("referrer", "")), str(args.get("target", "")), on_save=save)
    return screen, _saved(app, "Added; the target is now at “introduced”.")


def _save_dialog(app: App, args: dict) -> Reopened:
    from netnet.screens.dialogs import SaveFileDialog

    def done(path) -> None:
        if path is not None:
            app.notify(f"Saved to {path} (readable only by you).")
    return SaveFileDialog(str(args.get("text", "")), Path(str(args.get("default", "")))), done


def _find_followup(app: App, key: str):
    from netnet.data import followups as service
    from netnet.data.followups import FollowupError

    for item in service.list_queue(app.store, app.clock, app.settings):
        if item.key == key:
            return item
    raise FollowupError("That follow-up is no longer in the queue; nothing was saved.")


def _followup_dialog(app: App, args: dict) -> Reopened:
    from netnet.data import followups as service
    from netnet.data.followups import FollowupInput
    from netnet.screens.followup_dialogs import FollowupDialog, FollowupValues

    today = app.clock.today()
    weekend = tuple(app.settings.weekend_days)
    key = args.get("key")
    values = FollowupValues(str(args.get("title", "")), today, "", str(args.get("kind") or "manual"), "")
    if key:
        def save(v: FollowupValues) -> str:  # refused if it changed since the dialog was filled (it asks)
            return service.update_followup(app.store, _find_followup(app, key), v.title, v.due, v.draft, app.clock,
                                           expected_version=screen.version)
    else:
        def save(v: FollowupValues) -> str:
            contact_id = v.contact_id if v.contact_id is not None else \
                service.find_contact_by_name(app.store, v.contact_name)
            service.add_followup(app.store, FollowupInput(kind=v.kind, title=v.title, due=v.due, draft=v.draft,
                                                          contact_id=contact_id), app.clock)
            return "Added to the queue."
    from netnet.data.contacts import person_choices

    screen = FollowupDialog(str(args.get("heading", "Follow-up")), values, today, weekend, save,
                            adding=not key, key=key, names=person_choices(app.store), version=_version(args))

    def done(message) -> None:
        if message:
            app.notify(message)
            app.notify_data_changed()
    return screen, done


def _snooze(app: App, args: dict) -> Reopened:
    from netnet.data import followups as service
    from netnet.screens.followup_dialogs import SnoozeDialog

    key = str(args.get("key", ""))

    def save(day: date) -> str:
        return service.snooze(app.store, _find_followup(app, key), day, app.clock)

    screen = SnoozeDialog(str(args.get("title", "")), app.clock.today(), tuple(app.settings.weekend_days),
                          key=key, on_save=save)
    return screen, _saved(app, "Snoozed.")


def _draft_message(app: App, args: dict) -> Reopened:
    from netnet.screens.followup_dialogs import DraftScreen

    screen = DraftScreen(str(args.get("title", "")), str(args.get("text", "")), bool(args.get("generated")),
                         Path(str(args.get("default_path", ""))), editable=False)
    return screen, None


def _settings(app: App, args: dict) -> Reopened:
    from netnet.screens.settings import SettingsScreen

    return SettingsScreen(app.settings), app._settings_saved


def _call_person(app: App, args: dict) -> Reopened:
    from netnet.data import interviews as svc
    from netnet.screens.call import PersonDialog

    interview_id = int(args["interview_id"])

    def save(result: dict[str, str]):
        return svc.capture_person(app.store, app.clock, interview_id, result["name"],
                                  organisation=result.get("organisation", ""), title=result.get("title", ""),
                                  note=result.get("note", ""), contact_id=result.get("contact_id"))

    screen = PersonDialog(str(args.get("introducer", "them")), interview_id=interview_id, on_save=save)
    return screen, _saved(app, "Added to your contacts.")


def _call_action(app: App, args: dict) -> Reopened:
    from datetime import timedelta

    from netnet.data import interviews as svc
    from netnet.screens.call import ActionDialog

    interview_id = int(args["interview_id"])

    def save(result: tuple[str, int]):
        text, days = result
        return svc.capture_action(app.store, app.clock, interview_id, text, app.clock.today() + timedelta(days=days))

    return ActionDialog(interview_id=interview_id, on_save=save), _saved(app, "Action item added to the follow-ups.")


def _call_opportunity(app: App, args: dict) -> Reopened:
    from netnet.screens.call import OpportunityDialog, capture_saver

    interview_id, seconds = int(args["interview_id"]), float(args.get("seconds") or 0)
    screen = OpportunityDialog(str(args.get("who", "them")), interview_id=interview_id, seconds=seconds,
                               on_save=capture_saver(app.store, app.clock, interview_id, seconds))
    return screen, _saved(app, "Added to Opportunities.")


def _call_now(app: App, args: dict) -> Reopened:
    from netnet.screens.prep import CallNowDialog, start_quick_call

    return CallNowDialog(), lambda interview_id: start_quick_call(app, interview_id)


def _import(app: App, args: dict) -> Reopened:
    from netnet.screens.import_dialog import ImportDialog

    return ImportDialog(str(args.get("kind", "csv"))), None


# The one table: a draft's kind → how to open its form again.
def _opportunity_form(app: App, args: dict) -> Reopened:
    from netnet.data import opportunities as svc
    from netnet.screens.opportunity_forms import OpportunityForm, input_from

    opportunity_id = args.get("opportunity_id")
    initial = input_from(args["initial"]) if isinstance(args.get("initial"), dict) else None
    goals = [(str(label), int(goal)) for label, goal in args.get("goals", [])]
    if opportunity_id is None:
        def save(data):
            return svc.add_opportunity(app.store, data, app.clock)
    else:
        def save(data):  # refused if it changed since the form was filled (asked what to do)
            return svc.update_opportunity(app.store, opportunity_id, data, app.clock, expected_version=form.version)
    form = OpportunityForm(initial, goals, on_save=save,
                           context={"opportunity_id": opportunity_id} if opportunity_id is not None else None,
                           version=_version(args), source_name=str(args.get("source_name") or ""),
                           source_words=str(args.get("source_words") or ""))
    return form, _saved(app, "Opportunity saved.")


REOPEN: dict[str, Callable[[App, dict], Reopened]] = {
    "contact-form": _contact_form,
    "log-interaction": _log_interaction,
    "goal-form": _goal_form,
    "target-form": _target_form,
    "plan-form": _plan_form,
    "opportunity-form": _opportunity_form,
    "name-dialog": _name_dialog,
    "save-dialog": _save_dialog,
    "followup-dialog": _followup_dialog,
    "snooze": _snooze,
    "draft-message": _draft_message,
    "settings": _settings,
    "call-person": _call_person,
    "call-action": _call_action,
    "call-opportunity": _call_opportunity,
    "call-now": _call_now,
    "import": _import,
}


class DraftOfferScreen(NetnetModal[str | None]):
    """"You were typing when netnet closed": reopen the forms, or discard the typing."""

    DEFAULT_CSS = """
    DraftOfferScreen { align: center middle; }
    DraftOfferScreen > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: thick $warning; background: $surface; padding: 0 1;
    }
    DraftOfferScreen #drafts-list { height: auto; max-height: 12; margin: 1 0; }
    DraftOfferScreen .drafts-hint { color: $text-muted; }
    """
    HELP = """
# Typing kept when netnet closed

netnet was closed (the terminal went away, or it was stopped) while a form
held typing that was not saved. It was kept as a draft.

- **Enter**: reopen each form with what you typed; save it or close it as usual
- **d** or **Escape**: discard the kept typing
"""
    BINDINGS = [
        Binding("enter,r", "reopen", "Reopen", tooltip="Reopen the forms with what you typed",
                id="drafts.reopen"),
        Binding("d,escape", "discard", "Discard", tooltip="Throw the kept typing away", id="drafts.discard"),
    ]

    def __init__(self, drafts: list[DraftRow]) -> None:
        super().__init__()
        self.drafts = drafts

    def compose(self) -> ComposeResult:
        count = len(self.drafts)
        with Vertical(id="drafts-dialog"):
            yield Static("[b]⚠ You were typing when netnet closed[/b]", markup=True)
            what = "This form was" if count == 1 else f"These {count} forms were"
            yield Static(f"{what} not saved; the typing was kept:", classes="drafts-hint")
            with VerticalScroll(id="drafts-list"):
                for draft in self.drafts:
                    yield Static(f"• {draft.title or draft.kind}", markup=False)
            yield Static("[b]Enter[/b] reopen · [b]d[/b] or [b]Esc[/b] discard", markup=True,
                         classes="drafts-hint")

    def action_reopen(self) -> None:
        self.dismiss("reopen")

    def action_discard(self) -> None:
        self.dismiss("discard")


def offer(app: App, drafts: list[DraftRow]) -> None:
    """Show the offer; Enter reopens every kept form, d/Escape discards them all."""

    def answered(choice: str | None) -> None:
        if choice == "reopen":
            reopen_all(app, drafts)
        elif choice == "discard":
            app._forget_drafts([d.id for d in drafts])
            app.notify("The kept typing was discarded.")

    app.push_screen(DraftOfferScreen(drafts), answered)


def reopen_all(app: App, drafts: list[DraftRow]) -> None:
    """Push each draft's form with its typing (the oldest ends up on top)."""
    for draft in reversed(drafts):
        opener = REOPEN.get(draft.kind)
        if opener is None:
            app.notify(f"“{draft.title}” was kept by another netnet version and cannot be reopened here; "
                       "it stays kept.", severity="warning")
            continue
        try:
            screen, callback = opener(app, draft.args)
        except Exception:
            log.exception("reopening draft %s failed", draft.id)
            app.notify(f"“{draft.title}” could not be reopened; it stays kept.", severity="warning")
            continue
        screen.restore_draft(draft.id, draft.fields)
        app.push_screen(screen, callback)
