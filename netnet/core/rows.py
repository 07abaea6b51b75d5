"""The plain row types the data layer hands to screens and widgets.

Services build them; widgets draw them. They live in ``core`` so that widgets
never import a service module (an import-linter contract keeps it so).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from netnet.core.enums import FollowupKind, FollowupReason
from netnet.core.followup_drafts import DRAFT_KINDS
from netnet.core.urgency import Group


class ContactRow(NamedTuple):
    """One line of the contact list."""

    id: int
    display_name: str
    organisation: str
    title: str
    circle: str | None
    connector_role: str | None
    last_interaction_at: str | None
    created_at: str
    ideal_days: int | None
    max_days: int | None


@dataclass(slots=True)
class FollowupItem:
    """One line of the queue."""

    key: str  # "f12" stored row, "c34" computed check-in for contact 34, "b34" their birthday, "i5" interview 5
    source: str  # "followup", "checkin" (computed: a keep-in-touch check-in or a birthday) or "interview"
    kind: str
    title: str
    due: date  # the effective due date (the snooze date when snoozed)
    group: Group
    score: float
    when: str  # short words: "2 days late", "today", "Mon 30 Nov", "due since 3 Nov"
    id: int | None = None  # the followup row
    version: int = 0
    draft: str = ""
    original_due: date | None = None  # the due date before a snooze
    snoozed_until: date | None = None
    due_at: datetime | None = None
    contact_id: int | None = None
    contact_name: str = ""
    connector: bool = False
    want: str | None = None
    interview_id: int | None = None
    goal_id: int | None = None
    target_id: int | None = None
    referral_ask_id: int | None = None
    overdue_from: date | None = None  # check-ins: overdue after this date
    reason: str = ""  # a check-in's news: "congratulate" (a new job) or "birthday" (enums.FollowupReason)

    @property
    def kind_label(self) -> str:
        if self.reason:
            return FollowupReason(self.reason).label
        return FollowupKind(self.kind).label

    @property
    def overdue(self) -> bool:
        return self.group is Group.OVERDUE

    @property
    def has_message(self) -> bool:
        """Whether there is (or netnet can write) a message to send."""
        return bool(self.draft.strip()) or self.kind in DRAFT_KINDS

    @property
    def editable(self) -> bool:
        return self.source != "interview"
