"""A box where a person is named by typing, with the people you know suggested as you type.

Wherever netnet asks "who?" (call now, an introduction, a person mentioned during
a call, the wrap-up's suggested people, a target, a follow-up, the interview
wizard) the name is typed into a :class:`PersonInput`. Under it, existing people
whose name matches (accents and case aside, by any part of the name, see
``netnet.core.names``) are listed as you type, the best first and highlighted;
**↓**/**↑** move, **Enter** takes the highlighted one. The last line of the list is
"a new person": creating someone new while a close match exists is a choice made
on purpose, never what a typed name falls into.

The form reads :meth:`PersonInput.choice`: ``(contact_id, name)`` for an existing
person, ``(None, typed name)`` for a new one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import work
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from netnet.core.names import name_matches

NEW = "new-person"


class PersonSuggestions(OptionList, can_focus=False):
    """The people matching what is typed in the box above, and "a new person" last."""

    DEFAULT_CSS = """
    PersonSuggestions { height: auto; max-height: 8; border: none; padding: 0 0 0 1; }
    """

    def __init__(self, box: PersonInput, **kwargs) -> None:
        super().__init__(**kwargs)
        self.box = box

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.box.focus()
        self.box.post_message(Input.Submitted(self.box, self.box.value))


class PersonInput(Input):
    """An Input for a person's name that suggests the people you know (see the module)."""

    BINDINGS = [
        Binding("down", "move(1)", "Next person", show=False, tooltip="Highlight the next suggestion",
                id="person-input.down"),
        Binding("up", "move(-1)", "Previous person", show=False, tooltip="Highlight the previous suggestion",
                id="person-input.up"),
    ]

    def __init__(self, value: str = "", *, people: Sequence[tuple[int, str]] | None = None,
                 loader: Callable[[], Sequence[tuple[int, str]]] | None = None, **kwargs) -> None:
        super().__init__(value, **kwargs)
        self.people: list[tuple[int, str]] = list(people or [])
        self.loader = loader
        self.suggestions = PersonSuggestions(self, id=f"{self.id}-people" if self.id else None)
        self.matched: list[tuple[int, str]] = []
        self.labels: list[str] = []  # the lines of the list, without their marks

    def on_mount(self) -> None:
        self.suggestions.display = False
        # Under the box; a box that sits in a row (label | box) gets the list under the row.
        anchor = self.parent if isinstance(self.parent, Horizontal) else self
        anchor.parent.mount(self.suggestions, after=anchor)
        if self.loader is not None:
            self._load()

    @work(thread=True, exclusive=True, group="person-input", exit_on_error=False)
    def _load(self) -> None:
        people = list(self.loader()) if self.loader else []
        self.app.call_from_thread(self.set_people, people)

    def set_people(self, people: Sequence[tuple[int, str]]) -> None:
        self.people = [(int(pid), str(name)) for pid, name in people]
        self._suggest()

    def _on_input_changed(self, event: Input.Changed) -> None:  # our own message, then it bubbles on
        if event.input is self:
            self._suggest()

    def _suggest(self) -> None:
        typed = " ".join(self.value.split())
        self.matched = name_matches(typed, self.people) if typed else []
        options = self.suggestions
        options.clear_options()
        if not self.matched:
            options.display = False
            return
        self.labels = [name for _, name in self.matched] + [f"＋ a new person: {typed}"]
        for (pid, _), label in zip(self.matched, self.labels, strict=False):
            options.add_option(Option(label, id=f"p{pid}"))
        options.add_option(Option(self.labels[-1], id=NEW))
        options.display = True
        self._highlight(0)

    def _highlight(self, index: int) -> None:
        """Highlight one line, marked ▸ as well as by colour (Enter takes it)."""
        options = self.suggestions
        for n, label in enumerate(self.labels):
            options.replace_option_prompt_at_index(n, ("▸ " if n == index else "  ") + label)
        options.highlighted = index

    def action_move(self, step: int) -> None:
        options = self.suggestions
        if not options.display or not options.option_count:
            return
        current = options.highlighted if options.highlighted is not None else -1
        self._highlight(max(0, min(options.option_count - 1, current + step)))

    def choice(self) -> tuple[int | None, str]:
        """``(contact_id, their name)`` for the highlighted person, else ``(None, the typed name)``."""
        typed = " ".join(self.value.split())
        options = self.suggestions
        if typed and self.matched and options.display and options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            if option.id and option.id != NEW:
                pid = int(option.id[1:])
                return pid, next(name for p, name in self.matched if p == pid)
        return None, typed
