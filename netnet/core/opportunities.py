"""Opportunity rules: the stages an opening walks, their words, and what is most pressing.

An opportunity walks heard of → researching → applied → interviewing → offer, one step at
a time either way, and is closed from any of them with an outcome (accepted, declined,
not chosen, withdrawn). A closed one does not move until it is reopened, when it goes back
to the last stage it reached.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from netnet.core.countdown import stamp_text
from netnet.core.enums import OpportunityOutcome, OpportunityStage

PATH: tuple[str, ...] = (
    OpportunityStage.HEARD, OpportunityStage.RESEARCHING, OpportunityStage.APPLIED,
    OpportunityStage.INTERVIEWING, OpportunityStage.OFFER,
)
CLOSED = OpportunityStage.CLOSED.value


def step(stage: str, direction: int) -> str | None:
    """The stage one step forward (+1) or back (-1), or None at either end or when closed."""
    if stage not in PATH:
        return None
    index = PATH.index(stage) + (1 if direction > 0 else -1)
    return PATH[index] if 0 <= index < len(PATH) else None


def reopen_stage(history: Iterable[str]) -> str:
    """Where a closed opportunity goes back to: the last stage on the path it reached."""
    last = OpportunityStage.HEARD.value
    for stage in history:
        if stage in PATH:
            last = stage
    return last


def stage_words(stage: str, outcome: str | None = None) -> str:
    """"heard of", "applied", "closed: not chosen"."""
    words = OpportunityStage(stage).label
    if stage == CLOSED and outcome:
        return f"{words}: {OpportunityOutcome(outcome).label}"
    return words


def stage_symbol(stage: str, outcome: str | None = None) -> str:
    """A mark that goes with the stage's words (never instead of them)."""
    if stage == CLOSED:
        return "✓" if outcome == OpportunityOutcome.ACCEPTED else "·"
    return "›" * (PATH.index(stage) + 1) if stage in PATH else ""


def pressing_key(stage: str, next_due: date | None, updated_at: datetime, today: date) -> tuple:
    """Sort key, most pressing first: open opportunities with a next step that is due (oldest
    due first), then the rest of the open ones by next date, then open ones without a next
    step (furthest along first), then the closed ones (latest change first)."""
    if stage == CLOSED:
        return (3, 0, -updated_at.timestamp())
    if next_due is not None:
        return (0 if next_due <= today else 1, next_due.toordinal(), -updated_at.timestamp())
    return (2, -(PATH.index(stage) if stage in PATH else 0), -updated_at.timestamp())


def counts_text(counts: Mapping[str, int]) -> str:
    """"1 heard of, 2 applied, 1 closed" in path order, or "no opportunities yet"."""
    parts = [f"{counts[stage]} {OpportunityStage(stage).label}"
             for stage in (*PATH, CLOSED) if counts.get(str(stage))]
    return ", ".join(parts) if parts else "no opportunities yet"


def call_stamp(seconds: int | None) -> str:
    """The [mm:ss] of a moment in a call, as the call notes write it ("" for none)."""
    return "" if seconds is None else stamp_text(seconds)
