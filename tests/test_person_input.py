"""The box where a person is named by typing, alone in a tiny app (issue 14, item 3)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Input

from netnet.widgets.person_input import PersonInput

PEOPLE = [(1, "Linda Marsh"), (2, "Ana Ribeiro"), (3, "Søren Kierkegaard")]


class Tiny(App):
    def __init__(self) -> None:
        super().__init__()
        self.submitted: list[tuple[int | None, str]] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield PersonInput(people=PEOPLE, id="who")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.submitted.append(self.query_one(PersonInput).choice())


async def test_the_closest_person_is_taken_and_a_new_one_is_chosen_on_purpose() -> None:
    app = Tiny()
    async with app.run_test() as pilot:
        await pilot.press(*"linda", "enter")
        assert app.submitted[-1] == (1, "Linda Marsh")
        listing = app.query_one("#who-people")
        assert listing.display and listing.option_count == 2  # Linda Marsh, then "a new person"
        await pilot.press("down", "enter")  # the last line: a new person called "linda"
        assert app.submitted[-1] == (None, "linda")


async def test_no_match_means_a_new_person_and_no_list() -> None:
    app = Tiny()
    async with app.run_test() as pilot:
        await pilot.press(*"Priya Shah", "enter")
        assert app.submitted[-1] == (None, "Priya Shah")
        assert not app.query_one("#who-people").display
        app.query_one(PersonInput).value = ""
        await pilot.press(*"SOREN", "enter")
        assert app.submitted[-1] == (3, "Søren Kierkegaard")
