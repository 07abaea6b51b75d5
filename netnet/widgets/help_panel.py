"""F1: the help for the screen, every key in words, scrolling, beside what you are doing.

Textual's own panel shows the focused widget's help in at most half its height
and fills the rest with the generic keys of that widget (a text editor's), so
a call's F6-F12 were cut off and the list's help hid the screen's keys. This
panel shows the screen's help (every key of the screen, written out in its
``HELP``) followed by the focused widget's own, in one scrolling column.
"""

from __future__ import annotations

from textwrap import dedent

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import HelpPanel, Markdown


def help_text(focused: Widget | None, screen: Widget) -> str:
    """The screen's help, then the focused widget's own help when it has a different one."""
    parts = [dedent(screen.HELP).strip()] if screen.HELP else []
    if focused is not None:
        for node in focused.ancestors_with_self:
            if node is screen:
                break
            if isinstance(node, Widget) and node.HELP:
                own = dedent(node.HELP).strip()
                if own and own not in parts:
                    parts.append(own)
                break
    return "\n\n".join(parts) or "No help here yet."


class NetnetHelp(HelpPanel):
    """The help panel of netnet (F1): scrolls, never squeezes the notes below 40 columns."""

    DEFAULT_CSS = """
    NetnetHelp {
        width: 33%;
        min-width: 28;
        max-width: 56;
    }
    NetnetHelp #help-scroll {
        height: 1fr;
    }
    NetnetHelp #widget-help {
        display: block;
        max-height: 1000;  /* the scroll around it scrolls; Textual's panel cut it at half */
        height: auto;
    }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-scroll"):
            yield Markdown(id="widget-help")

    def update_help(self, focused_widget: Widget | None) -> None:
        if not self.screen.is_active:
            return
        self.query_one("#widget-help", Markdown).update(help_text(focused_widget, self.screen))
