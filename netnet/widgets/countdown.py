"""The call countdown: big digits, the same time in plain words, a word for every colour."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from netnet.core.countdown import Countdown, Level

FLASH_SECONDS = 2.0


class CountdownDisplay(Vertical):
    """Shows a :class:`Countdown`; rings the bell once at zero and flashes, since bells are often muted."""

    DEFAULT_CSS = """
    CountdownDisplay {
        height: auto;
        padding: 0 1;
        border: round $primary;
    }
    CountdownDisplay Digits {
        width: auto;
    }
    CountdownDisplay #countdown-text {
        text-style: bold;
    }
    CountdownDisplay.-soon { border: round $warning; }
    CountdownDisplay.-soon Digits, CountdownDisplay.-soon #countdown-text { color: $warning; }
    CountdownDisplay.-last { border: heavy $error; }
    CountdownDisplay.-last Digits, CountdownDisplay.-last #countdown-text { color: $error; }
    CountdownDisplay.-over { border: heavy $error; }
    CountdownDisplay.-over Digits, CountdownDisplay.-over #countdown-text { color: $error; }
    CountdownDisplay.-paused Digits { color: $text-muted; }
    CountdownDisplay.-flash { background: $error; }
    CountdownDisplay.-flash Digits, CountdownDisplay.-flash #countdown-text { color: $text; }
    """

    def __init__(self, countdown: Countdown, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.countdown = countdown
        self.rang = 0

    def compose(self) -> ComposeResult:
        yield Digits(self.countdown.display(), id="countdown-digits")
        yield Static(self._words(), id="countdown-text")

    def _words(self) -> str:
        level = self.countdown.level
        if self.countdown.paused:  # the words say "(paused)" once; the symbol goes with them
            return f"{self.countdown.text().removesuffix(' (paused)')} · ⏸ paused"
        return f"{self.countdown.text()} · {level.symbol} {level.word}"

    def update_display(self) -> list[str]:
        """Redraw from the clock; returns the events crossed since the last call."""
        countdown = self.countdown
        events = countdown.poll()
        self.query_one(Digits).update(countdown.display())
        self.query_one("#countdown-text", Static).update(self._words())
        level = countdown.level
        for name in (Level.SOON, Level.LAST, Level.OVER):
            self.set_class(level is name, f"-{name.value}")
        self.set_class(countdown.paused, "-paused")
        if "ring" in events:
            self.ring()
        return events

    def ring(self) -> None:
        """The bell, once, and a visible flash for terminals that mute it."""
        self.rang += 1
        self.app.bell()
        self.add_class("-flash")
        self.set_timer(FLASH_SECONDS, lambda: self.remove_class("-flash"))
        self.app.notify("Time is up. Overtime is counted from here.", title="⏰ Time", timeout=6)
