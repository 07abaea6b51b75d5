"""iCalendar export: open follow-ups as VTODO, scheduled interviews as VEVENT.

UIDs come from the row uuids, so a calendar that imports the file again
updates the same items instead of doubling them. Follow-ups are due on a date
(or at a time when one was set); interviews start at their local time with
the time zone written out (VTIMEZONE included).
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from netnet.core.enums import FollowupKind, Format, Purpose

PRODID = "-//netnet//netnet//EN"


def local_zone() -> tzinfo:
    """The user's IANA time zone (from $TZ or /etc/localtime), else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    timezone_file = Path("/etc/timezone")
    if timezone_file.is_file():
        try:
            candidates.append(timezone_file.read_text().strip())
        except OSError:
            pass
    for name in candidates:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _text(value: str) -> str:
    """Text iCalendar allows: line breaks as LF (escaped by icalendar), every other control
    character (RFC 5545 forbids them in TEXT) shown as its Unicode control picture ("␇")."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(lambda m: chr(0x2400 + ord(m.group())) if m.group() != "\x7f" else "\u2421", value)


def _label(enum, value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value


def write_ics(followups, interviews, now: datetime, zone: tzinfo | None = None) -> str:
    """An iCalendar file of ``FollowupItem`` and ``InterviewEvent`` objects (netnet.data.exports)."""
    from icalendar import Calendar, Event, Todo

    zone = zone or local_zone()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "netnet")
    for f in followups:
        todo = Todo()
        todo.add("uid", f"{f.uuid}@netnet")
        todo.add("dtstamp", now)
        summary = f.title
        if f.contact_name and f.contact_name not in summary:
            summary += f" ({f.contact_name})"
        todo.add("summary", _text(summary))
        todo.add("due", f.due_at.astimezone(zone) if f.due_at else f.due)
        todo.add("status", "NEEDS-ACTION")
        todo.add("categories", [_text(_label(FollowupKind, f.kind))])
        if f.contact_name:
            todo.add("contact", _text(f.contact_name))
        if f.draft:
            todo.add("description", _text(f.draft))
        if f.created_at:
            todo.add("created", f.created_at)
        if f.updated_at:
            todo.add("last-modified", f.updated_at)
        cal.add_component(todo)
    for i in interviews:
        event = Event()
        event.add("uid", f"{i.uuid}@netnet")
        event.add("dtstamp", now)
        who = i.contact_name or "someone new"
        event.add("summary", _text(f"Information interview with {who}"))
        start = i.scheduled_at.astimezone(zone)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(seconds=i.length_seconds))
        event.add("status", "CONFIRMED")
        event.add("location", _text(_label(Format, i.format)))
        purpose = i.purpose_text or _label(Purpose, i.purpose)
        event.add("description", _text(f"Purpose: {purpose}"))
        if i.updated_at:
            event.add("last-modified", i.updated_at)
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical().decode("utf-8")
