"""One form base: the contact, goal, target, plan, follow-up and settings forms share their keys,
their way to save and their error line (tests/test_conflicts.py refuses a stale edit on four of them)."""

from __future__ import annotations

from textual.widgets import Input, Static

from netnet.data.settings import load_settings
from netnet.screens.contact_form import ContactFormScreen
from netnet.screens.followup_dialogs import FollowupDialog
from netnet.screens.forms import FormBase
from netnet.screens.goal_forms import GoalForm, PlanForm, TargetForm
from netnet.screens.settings import SettingsScreen
from netnet.screenshots import settle

FORMS = [ContactFormScreen, GoalForm, TargetForm, PlanForm, FollowupDialog, SettingsScreen]


def test_every_form_is_the_one_form_base_with_its_keys() -> None:
    for form in FORMS:
        assert issubclass(form, FormBase), form.__name__
        own = [b for klass in form.__mro__[:form.__mro__.index(FormBase)]
               for b in klass.__dict__.get("BINDINGS", [])]
        # ctrl+s and Escape come from the base alone: the same binding ids on every form
        assert not [b.key for b in own if b.key in ("ctrl+s", "escape")], form.__name__
    keys = {b.key: b.id for b in FormBase.BINDINGS}
    assert keys == {"ctrl+s": "form.save", "escape": "form.cancel"}


async def test_a_refused_save_is_one_sentence_on_the_form_with_the_typing_kept(store, make_app) -> None:
    def full_disk(settings) -> None:
        raise OSError(28, "No space left on device")

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        form = SettingsScreen(app.settings)
        await app.push_screen(form)
        await settle(pilot)
        write = form.on_save
        form.on_save = full_disk
        form.query_one("#settings-call-minutes", Input).value = "25"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and app.is_running
        error = str(form.query_one("#settings-error", Static).render())
        assert error.startswith("✗ The disk is full") and "nothing already saved was changed" in error
        assert form.query_one("#settings-call-minutes", Input).value == "25"
        form.on_save = write  # the disk has room again: the same ctrl+s saves
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
    assert load_settings(store).call_minutes == 25  # written once, by the second ctrl+s
