"""Keep-in-touch cadence.

Each contact has an ideal and a maximum interval in days. The clock restarts
at the last real interaction. Past the ideal interval the contact is amber
("due"), past the maximum red ("overdue"). A contact with no circle has no
cadence until the user gives one (so an import never floods the queue).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from netnet.core.enums import Circle, ConnectorRole, TouchState

# Defaults in days: (ideal, maximum). Close ties and connectors more often.
DEFAULT_CADENCE: dict[str, tuple[int, int]] = {
    Circle.FAMILY: (30, 60),
    Circle.FRIEND: (45, 90),
    Circle.NEIGHBOUR: (60, 120),
    Circle.COWORKER: (60, 120),
    Circle.CLASSMATE: (90, 180),
    Circle.ORGANISATION: (90, 180),
    Circle.OTHER: (180, 365),
}
CONNECTOR_CADENCE: tuple[int, int] = (30, 60)


@dataclass(frozen=True)
class Cadence:
    ideal_days: int
    max_days: int

    def __post_init__(self) -> None:
        if self.ideal_days <= 0 or self.max_days < self.ideal_days:
            raise ValueError("the maximum interval must be at least the ideal one")


def effective_cadence(
    circle: str | None,
    connector_role: str | None,
    ideal_days: int | None,
    max_days: int | None,
    defaults: dict[str, tuple[int, int]] | None = None,
    connector_default: tuple[int, int] | None = None,
) -> Cadence | None:
    """The cadence that applies: the contact's own, else the default for its circle.

    Connectors use the connector default when it is more frequent.
    """
    if ideal_days and max_days:
        return Cadence(ideal_days, max_days)
    if not circle:
        return None
    table = defaults or DEFAULT_CADENCE
    ideal, maximum = table.get(circle, table.get(Circle.OTHER, (180, 365)))
    if connector_role:
        c_ideal, c_max = connector_default or CONNECTOR_CADENCE
        ideal, maximum = min(ideal, c_ideal), min(maximum, c_max)
    if ideal_days:
        ideal = ideal_days
        maximum = max(maximum, ideal)
    return Cadence(ideal, maximum)


def touch_state(
    cadence: Cadence | None, last: datetime | None, created: datetime | None, today: date
) -> tuple[TouchState, int]:
    """The keep-in-touch state and how many days past the ideal interval (0 if not)."""
    if cadence is None:
        return TouchState.NONE, 0
    start = last or created
    if start is None:
        return TouchState.AMBER, 0
    return state_after(cadence, (today - start.astimezone().date()).days)


def state_after(cadence: Cadence, days: int) -> tuple[TouchState, int]:
    """The state ``days`` after the last interaction, and how many days past the ideal."""
    if days > cadence.max_days:
        return TouchState.RED, days - cadence.ideal_days
    if days > cadence.ideal_days:
        return TouchState.AMBER, days - cadence.ideal_days
    return TouchState.OK, 0


def next_checkin(cadence: Cadence | None, last: datetime | None, created: datetime | None) -> date | None:
    """The date a check-in becomes due (the ideal interval after the last contact)."""
    if cadence is None:
        return None
    start = last or created
    if start is None:
        return None
    return start.astimezone().date() + timedelta(days=cadence.ideal_days)


def circle_label(circle: str | None) -> str:
    return Circle(circle).label if circle else ""


def connector_label(role: str | None) -> str:
    return ConnectorRole(role).label if role else ""
