"""Settings: the user's choices, saved in the database."""

from __future__ import annotations

import copy

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Checkbox, Input, Label, Select, Static

from netnet.core.enums import Circle
from netnet.data.settings import Settings, save_settings
from netnet.screens.forms import FormBase
from netnet.widgets.ticks import TickBox

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class SettingsScreen(FormBase[Settings | None]):
    """Theme, call length, weekend days, keep-in-touch defaults and birthday reminders."""

    HELP = """
# Settings

- **Tab / Shift+Tab**: move between fields
- **Ctrl+S**: save · **Escape**: close without saving

Keep-in-touch defaults apply to contacts that have a circle and no interval of
their own: *ideal* is when a check-in falls due, *maximum* when it is overdue.

Birthday reminders put a greeting in the follow-up queue a few days before the
birthday of anyone in a circle (**Space** ticks the box on or off).
"""

    DRAFT_KIND = "settings"
    SAVE_ERROR_ID = "settings-error"

    def draft_title(self) -> str:
        return "Settings"

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.on_save = self._write
        self.original = settings
        self.draft = copy.deepcopy(settings)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="netnet-dialog", id="settings-dialog"):
            yield Static("[b]Settings[/b]", id="settings-title")
            with Horizontal(classes="settings-row"):
                yield Label("Theme", classes="settings-label")
                themes = sorted(self.app.available_themes)
                yield Select([(t, t) for t in themes], value=self.app.theme, allow_blank=False, id="settings-theme")
            with Horizontal(classes="settings-row"):
                yield Label("Call length (minutes)", classes="settings-label")
                yield Input(str(self.draft.call_minutes), type="integer", id="settings-call-minutes")
            yield Label("Weekend days (business days skip them)", classes="settings-label")
            with Horizontal(id="settings-weekend"):
                for n, day in enumerate(DAYS):
                    yield TickBox(day[:3], n in self.draft.weekend_days, id=f"settings-day-{n}")
            yield Label("Keep in touch: ideal / maximum days by circle", classes="settings-label")
            with Grid(id="settings-cadence"):
                for circle in Circle:
                    ideal, maximum = self.draft.cadence.get(circle.value, (180, 365))
                    yield Label(circle.label)
                    yield Input(str(ideal), type="integer", id=f"cad-{circle.value}-ideal")
                    yield Input(str(maximum), type="integer", id=f"cad-{circle.value}-max")
                yield Label("connectors ★")
                yield Input(str(self.draft.connector_cadence[0]), type="integer", id="cad-connector-ideal")
                yield Input(str(self.draft.connector_cadence[1]), type="integer", id="cad-connector-max")
            with Horizontal(classes="settings-row"):
                yield TickBox("Birthday reminders for people in a circle", self.draft.birthday_reminders,
                              id="settings-birthdays")
            with Horizontal(classes="settings-row"):
                yield Label("Days before a birthday", classes="settings-label")
                yield Input(str(self.draft.birthday_days_before), type="integer", id="settings-birthday-days")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#settings-theme").focus()

    @on(Select.Changed, "#settings-theme")
    def _theme(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.app.theme = event.value  # preview at once; kept when saved

    def collect(self) -> Settings | None:
        error = self._collect()
        if error:
            self.say(error)
            return None
        return self.draft

    def _write(self, settings: Settings) -> None:
        save_settings(self.app.store, settings)

    def dismiss(self, result=None):
        if result is None and not self.saving and self.app.theme != self.original.theme and \
                self.original.theme in self.app.available_themes:
            self.app.theme = self.original.theme  # closed without saving: the theme tried goes back
        return super().dismiss(result)

    def _int(self, widget_id: str, what: str, low: int, high: int) -> int:
        raw = self.query_one(f"#{widget_id}", Input).value.strip()
        try:
            value = int(raw)
        except ValueError:
            raise ValueError(f"{what} must be a whole number.") from None
        if not low <= value <= high:
            raise ValueError(f"{what} must be between {low} and {high}.")
        return value

    def _collect(self) -> str | None:
        draft = self.draft
        try:
            draft.theme = str(self.query_one("#settings-theme", Select).value)
            draft.call_minutes = self._int("settings-call-minutes", "Call length", 1, 180)
            draft.weekend_days = [n for n in range(7) if self.query_one(f"#settings-day-{n}", Checkbox).value]
            if len(draft.weekend_days) == 7:
                return "At least one day of the week must be a working day."
            for circle in Circle:
                ideal = self._int(f"cad-{circle.value}-ideal", f"Ideal days for {circle.label}", 1, 3650)
                maximum = self._int(f"cad-{circle.value}-max", f"Maximum days for {circle.label}", 1, 3650)
                if maximum < ideal:
                    return f"For {circle.label}, the maximum must be at least the ideal interval."
                draft.cadence[circle.value] = [ideal, maximum]
            ideal = self._int("cad-connector-ideal", "Ideal days for connectors", 1, 3650)
            maximum = self._int("cad-connector-max", "Maximum days for connectors", 1, 3650)
            if maximum < ideal:
                return "For connectors, the maximum must be at least the ideal interval."
            draft.connector_cadence = [ideal, maximum]
            draft.birthday_reminders = self.query_one("#settings-birthdays", Checkbox).value
            draft.birthday_days_before = self._int("settings-birthday-days", "Days before a birthday", 0, 30)
        except ValueError as exc:
            return str(exc)
        return None
