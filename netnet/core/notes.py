"""Notes read line by line: the time stamps a call puts in them, and which lines a search finds.

During a call F6 writes the elapsed time at the start of a line, ``[04:10]`` (or
``[1:02:05]`` past an hour). A line without a stamp was typed after the last
stamped line above it, so it carries that stamp too, as where it sits in the
call. A search matches like the contact search: accents and case aside, every
word of the query begins a word of the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from netnet.core.enums import InteractionKind
from netnet.core.text import fold, words

STAMP = re.compile(r"^\s*\[(\d{1,2}:\d{2}(?::\d{2})?)\]\s*")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class NoteLine:
    """One line of notes that holds words: its text (stamp taken off), the stamp it begins with
    or, without one, the stamp of the nearest stamped line above (``own`` says which; "" when
    no line above has one), and its number among the note's lines (0 first)."""

    text: str
    stamp: str = ""
    own: bool = False
    number: int = 0


def note_lines(notes: str) -> list[NoteLine]:
    """The lines of ``notes`` that hold something, each with its stamp."""
    lines: list[NoteLine] = []
    stamp = ""
    for number, raw in enumerate(notes.splitlines()):
        found = STAMP.match(raw)
        if found:
            stamp = found.group(1)
            text = raw[found.end():].strip()
            lines.append(NoteLine(text, stamp, True, number))
        elif raw.strip():
            lines.append(NoteLine(raw.strip(), stamp, False, number))
    return lines


def stamped_lines(notes: str) -> list[NoteLine]:
    """``note_lines`` without the lines that hold only a stamp."""
    return [line for line in note_lines(notes) if line.text]


# What a note's search text is made of: its folded words, one space apart (the contacts'
# search text is made the same way). A LinkedIn import's "Connected on LinkedIn" is netnet's
# own words, thousands of times over, and is left out.
UNSEARCHED_KINDS = frozenset({"connected"})


def note_words(*texts: str) -> str:
    """The folded words of ``texts``, one space apart: what the notes search looks in."""
    return " ".join(word for text in texts if text for word in words(text))


def interaction_words(kind: str, notes: str) -> str:
    """The search text of an interaction of ``kind`` with ``notes``."""
    return "" if kind in UNSEARCHED_KINDS else note_words(notes)


def query_words(query: str) -> list[str]:
    """The words a search looks for (folded), as the contact search reads them."""
    return words(query)


def has_all(folded_text: str, tokens: list[str]) -> bool:
    """Whether every token begins a word of ``folded_text`` (already folded)."""
    if not all(token in folded_text for token in tokens):  # the quick no, at C speed
        return False
    found = _WORD.findall(folded_text)
    return all(any(word.startswith(token) for word in found) for token in tokens)


def matching_lines(lines: list[NoteLine], tokens: list[str]) -> list[NoteLine]:
    """The lines where every word of the search begins a word. When no single line holds them
    all but the note as a whole does (the words on lines of their own), the first line holding
    any of them, so a note that matches is never left out."""
    if not tokens:
        return []
    folded = [fold(line.text) for line in lines]
    found = [line for line, text in zip(lines, folded, strict=True) if has_all(text, tokens)]
    if found or not has_all(" ".join(folded), tokens):
        return found
    for line, text in zip(lines, folded, strict=True):
        if any(has_all(text, [token]) for token in tokens):
            return [line]
    return []


WHERE_WORDS = {"call_note": "call note", "question": "question", "lesson": "lesson", "interaction": "logged"}


@dataclass(frozen=True, slots=True)
class NoteMatch:
    """One line of notes a search found: when and with whom it was said, where it is written, the line.

    ``where`` is "call_note" (an interview's call notes, with the ``stamp`` at or above the line),
    "question" (the notes on question ``question_number`` of an interview, ``question`` its text),
    "lesson" (a line of what was learned, from the wrap-up) or "interaction" (the note of a call,
    meeting, e-mail… on the person's timeline, ``kind`` its kind)."""

    when: datetime | None
    person: str
    contact_id: int | None
    where: str
    line: str
    stamp: str = ""
    interview_id: int | None = None
    interview_done: bool = False  # a finished interview: its notes and wrap-up can be opened
    question: str = ""
    question_number: int = 0
    kind: str = ""

    @property
    def where_words(self) -> str:
        """Where the line is, in words: "call note [14:20]", "question 3: …", "lesson", "logged meeting"."""
        if self.where == "call_note":
            return f"call note [{self.stamp}]" if self.stamp else "call note"
        if self.where == "question":
            return f"question {self.question_number}: {self.question}"
        if self.where == "interaction":
            try:
                label = InteractionKind(self.kind).label
            except ValueError:
                label = self.kind
            return f"logged {label}"
        return WHERE_WORDS.get(self.where, self.where)
