"""Goal rules: how a target moves through its stages, progress in words, a sparkline."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from netnet.core.enums import Stage

# The path a target walks; "dropped" stands beside it.
PATH: tuple[str, ...] = (
    Stage.LISTED, Stage.REFERRAL_ASKED, Stage.INTRODUCED, Stage.CONTACTED, Stage.INTERVIEWED,
)


def step(stage: str, direction: int) -> str | None:
    """The stage one step forward (+1) or back (-1), or None when there is none.

    A dropped target does not move; restore it first.
    """
    if stage not in PATH:
        return None
    index = PATH.index(stage) + (1 if direction > 0 else -1)
    if 0 <= index < len(PATH):
        return PATH[index]
    return None


def restore_stage(history: Iterable[str]) -> str:
    """Where a dropped target goes back to: the last stage on the path it reached."""
    last = Stage.LISTED.value
    for stage in history:
        if stage in PATH:
            last = stage
    return last


def stage_counts_text(counts: Mapping[str, int]) -> str:
    """"2 listed, 1 referral asked, 1 interviewed" in path order (dropped last)."""
    parts = []
    for stage in (*PATH, Stage.DROPPED):
        n = counts.get(str(stage), 0)
        if n:
            parts.append(f"{n} {Stage(stage).label}")
    return ", ".join(parts) if parts else "no targets yet"


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    """One character per value; an empty week is the lowest bar, the busiest the highest."""
    if not values:
        return ""
    top = max(values)
    if top <= 0:
        return BARS[0] * len(values)
    out = []
    for v in values:
        if v <= 0:
            out.append(BARS[0])
        else:
            out.append(BARS[max(1, min(len(BARS) - 1, round(v / top * (len(BARS) - 1))))])
    return "".join(out)
