"""The product's enumerations, each with the words shown to users."""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A string enum whose members carry a label for people."""

    @property
    def label(self) -> str:
        return _LABELS[type(self).__name__][self.value]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(label, value) pairs, for Select widgets."""
        return [(member.label, member.value) for member in cls]


class Circle(Labelled):
    FAMILY = "family"
    NEIGHBOUR = "neighbour"
    FRIEND = "friend"
    COWORKER = "coworker"
    CLASSMATE = "classmate"
    ORGANISATION = "organisation"
    OTHER = "other"


class ConnectorRole(Labelled):
    CLERGY = "clergy"
    REAL_ESTATE = "real_estate"
    HAIR_BEAUTY = "hair_beauty"
    HOSPITALITY = "hospitality"
    RETAIL = "retail"
    COUNSELLING = "counselling"
    OTHER = "other"


class MethodKind(Labelled):
    EMAIL = "email"
    PHONE = "phone"
    LINK = "link"
    ADDRESS = "address"


class InteractionKind(Labelled):
    CALL = "call"
    MEETING = "meeting"
    EMAIL = "email"
    MESSAGE = "message"
    CHECKIN = "checkin"
    INTERVIEW = "interview"
    INTRODUCTION = "introduction"
    CONNECTED = "connected"
    NOTE = "note"


class GoalKind(Labelled):
    FIRST_JOB = "first_job"
    NEW_SKILL = "new_skill"
    CAREER_CHANGE = "career_change"
    GROW_CURRENT = "grow_current"
    OWN_WORDS = "own_words"


class GoalStatus(Labelled):
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    ARCHIVED = "archived"


class TargetKind(Labelled):
    PERSON = "person"
    TITLE = "title"
    ORGANISATION = "organisation"


class Want(Labelled):
    LIKE = "like"
    NEED = "need"


class Stage(Labelled):
    LISTED = "listed"
    REFERRAL_ASKED = "referral_asked"
    INTRODUCED = "introduced"
    CONTACTED = "contacted"
    INTERVIEWED = "interviewed"
    DROPPED = "dropped"


class AskAnswer(Labelled):
    PENDING = "pending"
    INTRODUCED = "introduced"
    NO_ONE = "no_one"
    DECLINED = "declined"


class Purpose(Labelled):
    JOB_ORG = "job_org"
    EXPLORE_FIELD = "explore_field"
    BUILD_NETWORK = "build_network"
    OWN_WORDS = "own_words"


class Format(Labelled):
    PHONE = "phone"
    IN_PERSON = "in_person"
    VIDEO = "video"


class InterviewStatus(Labelled):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    LIVE = "live"
    DONE = "done"
    CANCELLED = "cancelled"


class FollowupKind(Labelled):
    THANK_YOU = "thank_you"
    REFERRAL_NEXT = "referral_next"
    REFERRAL_NUDGE = "referral_nudge"
    CHECKIN = "checkin"
    ACTION = "action"
    INTERVIEW = "interview"
    MANUAL = "manual"


class FollowupReason(Labelled):
    """Why a check-in was queued, beyond keeping in touch: news about the person."""

    NONE = ""
    CONGRATULATE = "congratulate"  # a job change an import noticed
    BIRTHDAY = "birthday"


class FollowupStatus(Labelled):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class PlanKind(Labelled):
    SKILL = "skill"
    INSIGHT = "insight"


class Horizon(Labelled):
    SHORT = "short"
    LONG = "long"


class PlanStatus(Labelled):
    IDEA = "idea"
    DOING = "doing"
    DONE = "done"


class OpportunityKind(Labelled):
    """What kind of opening someone told you about (or you found)."""

    OPENING = "opening"
    PROJECT = "project"
    TEAM = "team"
    PROGRAMME = "programme"
    VOLUNTEER = "volunteer"


class OpportunityStage(Labelled):
    HEARD = "heard"
    RESEARCHING = "researching"
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    CLOSED = "closed"


class OpportunityOutcome(Labelled):
    """How a closed opportunity ended."""

    ACCEPTED = "accepted"
    DECLINED = "declined"
    NOT_CHOSEN = "not_chosen"
    WITHDRAWN = "withdrawn"


class TouchState(Labelled):
    """Keep-in-touch state. Colour always comes with this word or symbol."""

    NONE = "none"
    OK = "ok"
    AMBER = "amber"
    RED = "red"

    @property
    def symbol(self) -> str:
        return {"none": " ", "ok": "✓", "amber": "!", "red": "‼"}[self.value]


class ImportSource(StrEnum):
    """What an import batch came from (no label: never shown as a choice)."""

    LINKEDIN = "linkedin"
    VCARD = "vcard"
    CSV = "csv"
    JSON = "json"


class ImportAction(StrEnum):
    """What an import did to one contact, so undo can reverse it."""

    CREATED = "created"
    UPDATED = "updated"


_LABELS: dict[str, dict[str, str]] = {
    "Circle": {
        "family": "family", "neighbour": "neighbour", "friend": "friend",
        "coworker": "co-worker", "classmate": "classmate",
        "organisation": "organisation member", "other": "other",
    },
    "ConnectorRole": {
        "clergy": "clergy", "real_estate": "real estate", "hair_beauty": "hair and beauty",
        "hospitality": "hospitality", "retail": "retail", "counselling": "counselling",
        "other": "other connector",
    },
    "MethodKind": {"email": "e-mail", "phone": "phone", "link": "link", "address": "address"},
    "InteractionKind": {
        "call": "call", "meeting": "meeting", "email": "e-mail", "message": "message",
        "checkin": "check-in", "interview": "information interview",
        "introduction": "introduction", "connected": "connected", "note": "note",
    },
    "GoalKind": {
        "first_job": "first job", "new_skill": "bring a new skill into my work",
        "career_change": "change careers", "grow_current": "grow in my current job",
        "own_words": "in my own words",
    },
    "GoalStatus": {"active": "active", "paused": "paused", "completed": "completed",
                   "archived": "archived"},
    "TargetKind": {"person": "person", "title": "job title", "organisation": "organisation"},
    "Want": {"like": "LIKE to know", "need": "NEED to know"},
    "Stage": {
        "listed": "listed", "referral_asked": "referral asked", "introduced": "introduced",
        "contacted": "contacted", "interviewed": "interviewed", "dropped": "dropped",
    },
    "AskAnswer": {"pending": "awaiting answer", "introduced": "gave a name",
                  "no_one": "knew no one", "declined": "declined"},
    "Purpose": {
        "job_org": "learn about a job or organisation",
        "explore_field": "explore another field for my expertise",
        "build_network": "build my network in a practice field",
        "own_words": "in my own words",
    },
    "Format": {"phone": "phone", "in_person": "in person", "video": "video call"},
    "InterviewStatus": {"draft": "draft", "scheduled": "scheduled", "live": "on the call",
                        "done": "done", "cancelled": "cancelled"},
    "FollowupKind": {
        "thank_you": "thank-you", "referral_next": "ask the next person",
        "referral_nudge": "nudge", "checkin": "check-in", "action": "action item",
        "interview": "interview", "manual": "to do",
    },
    "FollowupReason": {"": "", "congratulate": "check-in: new job", "birthday": "check-in: birthday"},
    "FollowupStatus": {"open": "open", "done": "done", "cancelled": "cancelled"},
    "PlanKind": {"skill": "skill to gain", "insight": "insight to act on"},
    "Horizon": {"short": "short term", "long": "long term"},
    "PlanStatus": {"idea": "idea", "doing": "doing", "done": "done"},
    "OpportunityKind": {
        "opening": "job opening", "project": "project", "team": "team about to hire",
        "programme": "programme", "volunteer": "volunteer role",
    },
    "OpportunityStage": {
        "heard": "heard of", "researching": "researching", "applied": "applied",
        "interviewing": "interviewing", "offer": "offer", "closed": "closed",
    },
    "OpportunityOutcome": {
        "accepted": "accepted", "declined": "declined", "not_chosen": "not chosen",
        "withdrawn": "withdrawn",
    },
    "TouchState": {"none": "no cadence", "ok": "in touch", "amber": "due", "red": "overdue"},
}
