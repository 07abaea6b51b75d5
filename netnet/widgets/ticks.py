"""Checkboxes and radio buttons whose state is a symbol, never only a colour.

Textual draws ``▐X▌`` for a checkbox on and off alike (only the shade differs,
and under ``NO_COLOR`` barely): here an empty box is off and ``✓`` is on; a
radio button shows ``●`` only when chosen.
"""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton


class TickBox(Checkbox):
    """A checkbox: ``✓`` when ticked, a blank when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 (Textual's name)
        return "✓" if self.value else " "


class RadioChoice(RadioButton):
    """A radio button: ``●`` when chosen, a blank when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 (Textual's name)
        return "●" if self.value else " "
