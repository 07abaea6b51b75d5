"""Wait for a condition, not for a fixed time: fast when the machine is fast, patient when it is busy."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


async def wait_until(pilot, condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds; fail after ``timeout`` seconds with no progress."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {timeout} s for {getattr(condition, '__name__', condition)}")
        await pilot.pause()
        await asyncio.sleep(0.01)


def wait_for(condition: Callable[[], bool], timeout: float = 10.0, interval: float = 0.05) -> float | None:
    """From a test's own thread (another process writes, say): poll ``condition()`` until it holds.

    Returns how many seconds it took, or None when it still did not hold after ``timeout``.
    """
    started = time.monotonic()
    while True:
        if condition():
            return time.monotonic() - started
        if time.monotonic() - started > timeout:
            return None
        time.sleep(interval)
