"""What I've learned, per goal: every interview's lessons, call notes and answers, with the plan
items they gave, as plain rows (the data layer fills them, screens and exports show them).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from netnet.core.notes import NoteLine, has_all
from netnet.core.text import fold


@dataclass(frozen=True)
class QuestionNotes:
    """The notes taken on one question of an interview (``number`` as the call numbered it)."""

    number: int
    text: str
    lines: list[NoteLine]


@dataclass(frozen=True)
class PlanLine:
    """A plan item that came from an interview."""

    text: str
    kind: str
    horizon: str
    status: str


@dataclass(frozen=True)
class InterviewLessons:
    """One interview's share of what was learned: the wrap-up's lessons (one a line), the call
    notes line by line with their stamps, the notes on each question, and the plan items it gave."""

    interview_id: int
    person: str
    contact_id: int | None
    organisation: str
    when: datetime | None
    status: str
    lessons: list[str] = field(default_factory=list)
    call_notes: list[NoteLine] = field(default_factory=list)
    questions: list[QuestionNotes] = field(default_factory=list)
    plan: list[PlanLine] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.lessons or self.call_notes or self.questions or self.plan)


@dataclass(frozen=True)
class GoalLessons:
    """A goal and its interviews' lessons, newest interview first."""

    goal_id: int
    title: str
    interviews: list[InterviewLessons] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "interviews": len(self.interviews),
            "lessons": sum(len(i.lessons) for i in self.interviews),
            "call_notes": sum(len(i.call_notes) for i in self.interviews),
            "answers": sum(len(q.lines) for i in self.interviews for q in i.questions),
            "plan": sum(len(i.plan) for i in self.interviews),
        }


def lesson_lines(learned: str) -> list[str]:
    """The lessons of a wrap-up: each line that holds words (a list's "- " taken off)."""
    lines = []
    for raw in learned.splitlines():
        text = raw.strip()
        if text[:2] in ("- ", "* ", "• "):
            text = text[2:].strip()
        if text:
            lines.append(text)
    return lines


def _keeps(text: str, tokens: list[str]) -> bool:
    return has_all(fold(text), tokens)


def narrowed(interviews: list[InterviewLessons], tokens: list[str]) -> list[InterviewLessons]:
    """The interviews and lines holding every word of ``tokens`` (each the beginning of a word,
    accents and case aside); an interview whose person or organisation holds them all stays whole."""
    if not tokens:
        return interviews
    kept = []
    for item in interviews:
        if _keeps(f"{item.person} {item.organisation}", tokens):
            kept.append(item)
            continue
        questions = []
        for question in item.questions:
            if _keeps(question.text, tokens):
                questions.append(question)
            else:
                lines = [line for line in question.lines if _keeps(line.text, tokens)]
                if lines:
                    questions.append(replace(question, lines=lines))
        found = replace(item, lessons=[text for text in item.lessons if _keeps(text, tokens)],
                        call_notes=[line for line in item.call_notes if _keeps(line.text, tokens)],
                        questions=questions, plan=[p for p in item.plan if _keeps(p.text, tokens)])
        if not found.empty:
            kept.append(found)
    return kept
