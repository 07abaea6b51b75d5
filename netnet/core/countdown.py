"""The call countdown, computed from a monotonic origin, never by counting ticks.

``elapsed`` is always ``clock.monotonic() - origin`` (or the value frozen at a
pause), so the countdown is exact however late or seldom it is asked: after a
stalled event loop, a suspended terminal, or a machine under load. Pausing
freezes ``elapsed``; resuming moves the origin so the paused time never counts.

:meth:`Countdown.poll` reports each threshold crossed since the last poll
once: "soon" (the end nears), "last" (the last minute), "ring" (zero). A
threshold already behind when the countdown is created (a recovered call) is
not reported, so a recovered call in overtime does not ring again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from netnet.core.clock import Clock

SOON_SECONDS = 180.0
LAST_SECONDS = 60.0


class Level(StrEnum):
    """How close the end is. Each level has a word and a symbol, never colour alone."""

    OK = "ok"
    SOON = "soon"
    LAST = "last"
    OVER = "over"

    @property
    def symbol(self) -> str:
        return {"ok": "●", "soon": "!", "last": "‼", "over": "⏰"}[self.value]

    @property
    def word(self) -> str:
        return {
            "ok": "on time",
            "soon": "nearing the end",
            "last": "last minute: time to close",
            "over": "time is up",
        }[self.value]


EVENTS = ("soon", "last", "ring")


def clock_text(seconds: float) -> str:
    """Whole seconds as ``m:ss`` (``h:mm:ss`` from an hour on)."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


@dataclass
class Thresholds:
    soon: float
    last: float

    @classmethod
    def for_length(cls, length: float) -> Thresholds:
        """Three minutes and one minute before the end; scaled down for very short calls."""
        return cls(soon=min(SOON_SECONDS, length * 0.2), last=min(LAST_SECONDS, length * 0.1))


class Countdown:
    """A countdown of ``length`` seconds on ``clock``'s monotonic time."""

    def __init__(self, clock: Clock, length: float, *, elapsed: float = 0.0,
                 running: bool = True, thresholds: Thresholds | None = None) -> None:
        if length <= 0:
            raise ValueError("a countdown needs a positive length")
        self.clock = clock
        self.length = float(length)
        self.thresholds = thresholds or Thresholds.for_length(self.length)
        self._frozen: float | None = None
        self._origin = clock.monotonic() - max(0.0, elapsed)
        if not running:
            self._frozen = max(0.0, elapsed)
        self._fired: set[str] = set(self._crossed(self.remaining))

    # -- reading ------------------------------------------------------------
    @property
    def paused(self) -> bool:
        return self._frozen is not None

    @property
    def elapsed(self) -> float:
        if self._frozen is not None:
            return self._frozen
        return max(0.0, self.clock.monotonic() - self._origin)

    @property
    def remaining(self) -> float:
        """Seconds left; negative in overtime."""
        return self.length - self.elapsed

    @property
    def overtime(self) -> float:
        return max(0.0, -self.remaining)

    @property
    def level(self) -> Level:
        left = self.remaining
        if left <= 0:
            return Level.OVER
        if left <= self.thresholds.last:
            return Level.LAST
        if left <= self.thresholds.soon:
            return Level.SOON
        return Level.OK

    def display(self) -> str:
        """The digits to show: ``12:41`` counting down, ``+1:05`` in overtime."""
        left = self.remaining
        if left > 0:
            return clock_text(math.ceil(left - 1e-9))
        return "+" + clock_text(math.floor(-left + 1e-9))

    def text(self) -> str:
        """The plain words for screen readers and small terminals: ``12:41 left``."""
        left = self.remaining
        if left > 0:
            words = f"{clock_text(math.ceil(left - 1e-9))} left"
        else:
            words = f"{clock_text(math.floor(-left + 1e-9))} over time"
        if self.paused:
            words += " (paused)"
        return words

    def elapsed_text(self) -> str:
        return clock_text(self.elapsed)

    # -- control ------------------------------------------------------------
    def pause(self) -> None:
        if self._frozen is None:
            self._frozen = self.elapsed

    def resume(self) -> None:
        if self._frozen is not None:
            self._origin = self.clock.monotonic() - self._frozen
            self._frozen = None

    def toggle(self) -> bool:
        """Pause or resume; returns whether it is now paused."""
        if self.paused:
            self.resume()
        else:
            self.pause()
        return self.paused

    def set_length(self, length: float) -> None:
        """Change the planned length mid-call (events already fired stay fired)."""
        if length <= 0:
            raise ValueError("a countdown needs a positive length")
        self.length = float(length)
        self.thresholds = Thresholds.for_length(self.length)

    # -- events -------------------------------------------------------------
    def _crossed(self, left: float) -> list[str]:
        crossed = []
        if left <= self.thresholds.soon:
            crossed.append("soon")
        if left <= self.thresholds.last:
            crossed.append("last")
        if left <= 0:
            crossed.append("ring")
        return crossed

    def poll(self) -> list[str]:
        """Thresholds crossed since the last poll, each reported once, in order."""
        new = [event for event in self._crossed(self.remaining) if event not in self._fired]
        self._fired.update(new)
        return new


def stamp_text(seconds: float) -> str:
    """Elapsed time for a note stamp: ``04:10`` (``1:02:05`` past an hour)."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
