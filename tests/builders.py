"""Small builders: a behaviour test declares the people, goals and follow-ups it needs.

Each builder writes through the ordinary service (so what it makes is what the app
would make) and returns the new row's id. The demo network stays for screenshots and
for tests about the demo itself; a test that needs "a contact named Tom" builds Tom.
"""

from __future__ import annotations

from datetime import date, timedelta

from netnet.core.clock import Clock
from netnet.data.store import Store


def person(store: Store, clock: Clock, name: str, **fields) -> int:
    """A contact; ``fields`` are any of ContactInput's (organisation, title, circle, tags…)."""
    from netnet.data.contacts import ContactInput, create_contact

    given, _, family = name.rpartition(" ")
    if not given:
        given, family = family, ""
    fields.setdefault("given_name", given)
    fields.setdefault("family_name", family)
    return create_contact(store, ContactInput(display_name=name, **fields), clock)


def people(store: Store, clock: Clock, *names: str) -> list[int]:
    return [person(store, clock, name) for name in names]


def goal(store: Store, clock: Clock, title: str = "Move into analytics", kind: str = "career_change",
         description: str = "") -> int:
    from netnet.data.goals import GoalInput, create_goal

    return create_goal(store, GoalInput(kind, title, description), clock)


def target(store: Store, clock: Clock, goal_id: int, *, job_title: str = "", organisation: str = "",
           person_name: str = "", want: str = "like") -> int:
    """A target on a goal: a person (``person_name``), a job title, or an organisation."""
    from netnet.data.goals import TargetInput, add_target

    kind = "person" if person_name else ("title" if job_title else "organisation")
    data = TargetInput(kind, person_name=person_name, job_title=job_title, organisation=organisation,
                       want=want)
    return add_target(store, goal_id, data, clock)


def followup(store: Store, clock: Clock, title: str, *, due: date | None = None, days: int = 0,
             contact_id: int | None = None, kind: str = "manual", draft: str = "") -> int:
    """A follow-up of one's own, due ``due`` (or today + ``days``)."""
    from netnet.data.followups import FollowupInput, add_followup

    when = due if due is not None else clock.today() + timedelta(days=days)
    return add_followup(store, FollowupInput(kind=kind, title=title, due=when, draft=draft,
                                             contact_id=contact_id), clock)


def interview_draft(store: Store, clock: Clock, contact_id: int, purpose: str = "job_org") -> int:
    """An interview prepared as far as its purpose (a draft in the Interviews list)."""
    from netnet.data.interviews import WizardState, save_draft

    return save_draft(store, clock, WizardState(contact_id=contact_id, purpose=purpose), None, schedule=False)
