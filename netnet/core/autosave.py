"""When to save typing: a small policy on the monotonic clock.

A save is due when there are unsaved changes and either typing has paused for
``idle`` seconds or the oldest unsaved change is ``max_age`` seconds old. With
the defaults (1 s max age, so 0.4 s idle) and a check several times a second, no
more than about the last second of typing is ever only in memory, even while
the person types without a pause.
"""

from __future__ import annotations

from netnet.core.clock import Clock


class AutosavePolicy:
    def __init__(self, clock: Clock, *, max_age: float = 1.0, idle: float | None = None) -> None:
        self.clock = clock
        self.max_age = max(0.1, float(max_age))
        self.idle = min(idle, self.max_age) if idle is not None else self.max_age * 0.4
        self._first_unsaved: float | None = None
        self._last_change: float | None = None
        self.saves = 0

    @property
    def dirty(self) -> bool:
        return self._first_unsaved is not None

    def changed(self) -> None:
        now = self.clock.monotonic()
        if self._first_unsaved is None:
            self._first_unsaved = now
        self._last_change = now

    def due(self) -> bool:
        if self._first_unsaved is None or self._last_change is None:
            return False
        now = self.clock.monotonic()
        eps = 1e-6
        return now - self._last_change >= self.idle - eps or now - self._first_unsaved >= self.max_age - eps

    def saved(self) -> None:
        self._first_unsaved = None
        self._last_change = None
        self.saves += 1
