"""The question bank for information interviews, written in our own words.

Questions are grouped by *family*. Each purpose has its own families (what to
ask when you want to learn about a job, explore a field, or grow your network
in a field); a general bank is organised as Trends, Insights, Advice,
Resources and Assignments; closing questions end every call.

Pure data and small functions: no database, no terminal.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BankQuestion:
    family: str
    text: str


# -- by purpose -----------------------------------------------------------------

JOB_ORG: dict[str, list[str]] = {
    "Career paths": [
        "How did you end up in this role, and what did you do before it?",
        "Where do people who do this work usually come from, and where do they go next?",
        "What does a normal week look like for you?",
    ],
    "How hiring works": [
        "How do people usually get hired here: postings, referrals, or something else?",
        "What happens between someone applying and someone starting?",
        "When a job opens up, who decides, and who do they listen to?",
    ],
    "Projects under way": [
        "What are you or your team working on right now that you are excited about?",
        "Is there a new project or programme coming up that will need people?",
    ],
    "Skills that give an edge": [
        "Which skills or experiences make a candidate stand out to you?",
        "What do strong newcomers know that others have to learn the hard way?",
        "Is there a certificate, course or tool that really counts here?",
    ],
}

EXPLORE_FIELD: dict[str, list[str]] = {
    "Overview": [
        "How would you describe your field to someone coming from outside it?",
        "Which kinds of organisations and roles make up the field?",
    ],
    "Where it is heading": [
        "Where do you see the field in five years?",
        "What is changing fastest, and what is staying the same?",
    ],
    "New technology and research": [
        "How does the field pick up new technology or research findings?",
        "Which new tools or methods are people talking about now?",
        "Where could someone with my background add something the field lacks?",
    ],
    "Challenges": [
        "What stands in the way of doing this work well?",
        "How do rules, laws or government decisions shape the work?",
        "How is the work funded, and how secure is that money?",
        "What social or community pressures does the field face?",
        "Are there physical limits, such as places, equipment or distance, that make the work hard?",
    ],
}

BUILD_NETWORK: dict[str, list[str]] = {
    "Who else to talk to": [
        "Who else in this field would be good for me to meet?",
        "Would you be comfortable introducing me, or may I mention your name?",
    ],
    "Organisations to join": [
        "Which associations, groups or meet-ups are worth joining?",
        "Are there events or conferences where people in this field really meet?",
    ],
}

# -- the general bank -----------------------------------------------------------

GENERAL: dict[str, list[str]] = {
    "Trends": [
        "What trend in your work do you think most people are missing?",
        "What is getting harder in your job, and what is getting easier?",
    ],
    "Insights": [
        "What surprised you most when you started in this work?",
        "What do you enjoy most about what you do, and what least?",
    ],
    "Advice": [
        "If you were in my place, what would you do next?",
        "What do you wish someone had told you earlier in your career?",
    ],
    "Resources": [
        "What do you read, listen to or follow to stay current?",
        "Is there a book, course or website you would point me to?",
    ],
    "Assignments": [
        "Is there a small piece of work or volunteering that would let me try this out?",
        "What could I do in the next month to test whether this path suits me?",
    ],
}

CLOSING: list[str] = [
    "Who else should I talk to?",
    "Which organisations or groups should I consider joining?",
    "May I keep in touch and let you know how things go?",
]

CLOSING_FAMILY = "Closing"

BY_PURPOSE: dict[str, dict[str, list[str]]] = {
    "job_org": JOB_ORG,
    "explore_field": EXPLORE_FIELD,
    "build_network": BUILD_NETWORK,
    "own_words": {},
}

GENERAL_FAMILIES = tuple(GENERAL)


def _flatten(groups: dict[str, list[str]]) -> list[BankQuestion]:
    return [BankQuestion(family, text) for family, texts in groups.items() for text in texts]


def purpose_bank(purpose: str) -> list[BankQuestion]:
    """Every question written for one purpose, family by family."""
    return _flatten(BY_PURPOSE.get(purpose, {}))


def general_bank() -> list[BankQuestion]:
    """The general bank (Trends, Insights, Advice, Resources, Assignments)."""
    return _flatten(GENERAL)


def closing_questions() -> list[BankQuestion]:
    return [BankQuestion(CLOSING_FAMILY, text) for text in CLOSING]


def full_bank(purpose: str) -> list[BankQuestion]:
    """What the wizard offers for a purpose: its own families, the general bank, the closing."""
    return purpose_bank(purpose) + general_bank() + closing_questions()


def proposed(purpose: str) -> list[BankQuestion]:
    """A fifteen-minute list: the first one or two of each family of the purpose, then closing.

    With no purpose of its own ("own words") the general bank stands in. Never
    more than about eight questions: a short call cannot hold more.
    """
    groups = BY_PURPOSE.get(purpose) or GENERAL
    per_family = 2 if len(groups) <= 2 else 1
    picked = [BankQuestion(family, text) for family, texts in groups.items() for text in texts[:per_family]]
    closing = closing_questions()
    if purpose == "build_network":
        # its families already ask who else and which groups: close with keeping in touch
        closing = closing[2:]
    return picked[:6] + closing[:2]


def general_call() -> list[BankQuestion]:
    """The list for a call that starts at once (``netnet call``): general, then closing."""
    picked = [BankQuestion(family, texts[0]) for family, texts in GENERAL.items()]
    return picked + closing_questions()[:2]
