"""Writes from the shell, and one person's page as text: ``add``, ``log``, ``done``, ``snooze``,
``drop`` and ``show``.

Each command goes through the app's own services and checks (``data.contacts``,
``data.followups``, ``core.validation``, ``core.when``), says what it did in one sentence
and exits by the rule at the top of ``cli.py``. A NAME is matched as the app suggests people
(``data.people``); a KEY is what ``netnet due`` prints. The writes run on the store's DB-API
road (``Store.driver_writes``) and every read goes through ``store.fast()``, so SQLAlchemy
stays off these commands on SQLite and each answers in about a tenth of a second at 30,000
contacts (``benchmarks/shell.py``); an open app sees the change within a second (SQLite's
``data_version``, PostgreSQL's NOTIFY on every write). Heavy imports stay inside the
functions: this module is imported on every start.
"""

from __future__ import annotations

from netnet.cli import (
    EXIT_NO,
    Context,
    NotFound,
    UsageError,
    command,
    contact_json,
    parser_for,
    print_json,
)

# The kinds a person logs by hand (the app's log dialog offers the same), as typed: their value.
LOG_KINDS = {"call": "call", "meeting": "meeting", "email": "email", "e-mail": "email", "message": "message",
             "check-in": "checkin", "checkin": "checkin", "note": "note"}
ARTICLES = {"email": "an", "note": "a"}
MAX_LISTED = 20  # people listed when a name is ambiguous
SHOWN_INTERACTIONS = 10  # the latest interactions `show` prints (its --json gives them all)


def _writer(ctx: Context):
    """The store for one short write from the shell (see ``Store.driver_writes``). Opened before the
    services are imported: the file's integrity check, which the write waits for, runs meanwhile."""
    store = ctx.store
    store.driver_writes = True
    return store


def _either(names: list[str]) -> str:
    quoted = [f"“{name}”" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def find_person(store, typed: list[str] | str):
    """The one live contact a NAME names (``data.people.find_people``). No one: ``NotFound`` (exit 1),
    with the closest names if a typo is likely; several: ``UsageError`` (exit 2) listing them, one a
    line, with the #id that names each alone."""
    from netnet.data.people import close_names, find_people

    text = " ".join((typed if isinstance(typed, str) else " ".join(typed)).split())
    if not text:
        raise UsageError("Name the person, such as “Ann Lee”, or give their #id from `netnet contacts --json`.")
    found = find_people(store, text)
    if len(found) == 1:
        return found[0]
    if not found:
        close = close_names(store, text)
        raise NotFound(f"No contact matches “{text}”" + (f"; did you mean {_either(close)}?" if close else "."))
    lines = [f"“{text}” matches {len(found):,} people; give more of the name, or the #id of one of them:"]
    lines += [f"#{person.id}  {person.described()}" for person in found[:MAX_LISTED]]
    if len(found) > MAX_LISTED:
        lines.append(f"… and {len(found) - MAX_LISTED:,} more.")
    raise UsageError("\n".join(lines))


def _one_line(what: str, text: str) -> str:
    text = text.strip()
    if any(ch in text for ch in "\r\n\x0b\x0c\u2028\u2029"):
        raise UsageError(f"The {what} must be on one line.")
    return text


def _choice(enum, text: str | None, what: str) -> str | None:
    """An enumeration's value from what was typed: its value or its label, case, spaces and dashes aside."""
    if text is None or not text.strip():
        return None
    from netnet.core.text import fold

    def squeeze(value: str) -> str:
        return "".join(ch for ch in fold(value) if ch.isalnum())

    wanted = squeeze(text)
    for member in enum:
        if wanted in (squeeze(member.value), squeeze(member.label)):
            return member.value
    values = [member.value for member in enum]
    raise UsageError(f"“{text.strip()}” is not a {what}: use {', '.join(values[:-1])} or {values[-1]}.")


# -- add ------------------------------------------------------------------------------

@parser_for
def _add_parser(sub) -> None:
    p = sub.add_parser(
        "add", help="add a person (not when netnet already knows them, unless --force)",
        description="Add a person and print them. Someone netnet already knows (the same e-mail, phone or "
                    "link, or the same name and organisation) is not added twice: netnet says who, and "
                    "exits 1; --force adds them anyway.",
    )
    p.add_argument("name", nargs="+", help="their name")
    p.add_argument("--email", action="append", default=[], metavar="E", help="an e-mail address (repeatable)")
    p.add_argument("--phone", action="append", default=[], metavar="P", help="a phone number (repeatable)")
    p.add_argument("--link", action="append", default=[], metavar="URL",
                   help="a web link, such as their LinkedIn profile (repeatable)")
    p.add_argument("--org", default="", metavar="O", help="their organisation")
    p.add_argument("--title", default="", metavar="T", help="their job title")
    p.add_argument("--circle", metavar="C", help="family, neighbour, friend, coworker, classmate, organisation "
                                                 "or other (gives them a keep-in-touch cadence)")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeatable)")
    p.add_argument("--connector", metavar="ROLE", help="a connector's role: clergy, real_estate, hair_beauty, "
                                                       "hospitality, retail, counselling or other")
    p.add_argument("--note", default="", metavar="TEXT", help="notes about them")
    p.add_argument("--force", action="store_true", help="add them even if netnet seems to know them already")
    p.add_argument("--json", action="store_true", help="print the new person as JSON (fields in the README)")


def contact_input(args):
    """The person the command line describes, checked by the contact form's rules."""
    from netnet.core import validation as v
    from netnet.core.enums import Circle, ConnectorRole
    from netnet.core.records import ContactInput, Method

    name = _one_line("name", " ".join(" ".join(args.name).split()))
    error = v.check_name(name)
    if error:
        raise UsageError(error)
    methods = []
    for kind, given, check in (("email", args.email, v.check_emails), ("phone", args.phone, v.check_phones),
                               ("link", args.link, v.check_links)):
        for text in given:
            items, error = check(text)
            if error:
                raise UsageError(error)
            methods += [Method(kind, item) for item in items]
    return ContactInput(
        display_name=name,
        organisation=_one_line("organisation", args.org),
        title=_one_line("job title", args.title),
        circle=_choice(Circle, args.circle, "circle"),
        connector_role=_choice(ConnectorRole, args.connector, "connector role"),
        notes=args.note.strip(),
        methods=methods,
        tags=v.check_tags(",".join(_one_line("tag", tag) for tag in args.tag)),
    )


@command("add")
def cmd_add(ctx: Context) -> int:
    data = contact_input(ctx.args)  # before the database is opened
    store = _writer(ctx)
    from netnet.data.contacts import create_contact, rows_for_ids
    from netnet.data.people import PersonRef, known_people

    if not ctx.args.force:
        known = known_people(store, data)
        if known:
            ctx.err(f"netnet: {data.display_name} may already be in netnet, so nothing was added; "
                    "add --force to add them anyway.")
            for found in known:
                ctx.err(f"#{found.person.id}  {found.person.described()}: {found.reason}")
            return EXIT_NO
    contact_id = create_contact(store, data, ctx.clock)
    if ctx.args.json:
        row = rows_for_ids(store, [contact_id])[0]
        print_json(contact_json(row, next((m.value for m in data.methods if m.kind == "email"), None)))
    else:
        ctx.out(f"Added {PersonRef(contact_id, data.display_name, data.organisation, data.title).described()} "
                f"as #{contact_id}.")
    return 0


# -- log --------------------------------------------------------------------------------

@parser_for
def _log_parser(sub) -> None:
    p = sub.add_parser(
        "log", usage="netnet log NAME {call,meeting,email,message,check-in,note} [NOTE] [--when DAY]",
        help="log a call, meeting, e-mail, message or check-in with someone (restarts keeping in touch)",
        description="Add a call, meeting, e-mail, message, check-in or note to a person's timeline; the "
                    "keep-in-touch clock restarts at the latest one. NAME is matched as in the app (any "
                    "part of the name, accents and case aside); quote it when it is several words that "
                    "include one of the kinds.",
    )
    p.add_argument("words", nargs="+", metavar="NAME KIND [NOTE]", help="who, what happened, and any note")
    p.add_argument("--when", default="", metavar="DAY",
                   help="when it happened: today (the default), yesterday, 3 days ago, 2 weeks ago or 2026-11-20")


def _split_log(words: list[str]) -> tuple[list[str], str, str]:
    """NAME, the kind and the NOTE: the name runs up to the first word (after the first) that is a kind."""
    for n, word in enumerate(words[1:], start=1):
        kind = LOG_KINDS.get(word.strip().lower())
        if kind:
            return words[:n], kind, " ".join(words[n + 1:]).strip()
    raise UsageError("Say what happened after the name: call, meeting, email, message, check-in or note "
                     "(for example: netnet log \"Ann Lee\" call \"Talked about the opening\").")


@command("log")
def cmd_log(ctx: Context) -> int:
    from datetime import datetime, time

    from netnet.core.validation import check_when

    name, kind, note = _split_log(ctx.args.words)  # before the database is opened
    today = ctx.clock.today()
    day, error = check_when(ctx.args.when, today)
    if error or day is None:
        raise UsageError(error)
    now = ctx.clock.now()
    # As the app's log dialog: today is now, another day is its noon (local time).
    when = now if day == now.astimezone().date() else datetime.combine(day, time(12, 0)).astimezone()
    store = _writer(ctx)
    from netnet.core.clock import from_iso
    from netnet.core.enums import InteractionKind
    from netnet.core.when import day_words
    from netnet.data.contacts import log_interaction

    person = find_person(store, name)
    with store.fast() as conn:
        before = conn.execute("SELECT last_interaction_at, circle, ideal_days, max_days FROM contact "
                              "WHERE id = :id", {"id": person.id}).fetchone()
    log_interaction(store, person.id, kind, ctx.clock, note, when)
    latest = before.last_interaction_at is None or when >= from_iso(before.last_interaction_at)
    kept = before.circle is not None or (before.ideal_days and before.max_days)
    said = f"Logged {ARTICLES.get(kind, 'a')} {InteractionKind(kind).label} with {person.name} " + (
        "today" if day == today else f"on {day_words(day, today)}")
    ctx.out(said + ("; their keep-in-touch clock starts again." if latest and kept else "."))
    return 0


# -- done, snooze, drop ---------------------------------------------------------------------

def _key_argument(p) -> None:
    p.add_argument("key", metavar="KEY", help="the follow-up's key, as `netnet due` prints it (such as f12)")


@parser_for
def _followup_parsers(sub) -> None:
    _key_argument(sub.add_parser(
        "done", help="mark a follow-up done by its KEY (as `netnet due` prints it)",
        description="Mark a follow-up done, as the queue's d does: it is noted on the person's timeline, and "
                    "a check-in restarts their keep-in-touch clock."))
    p = sub.add_parser(
        "snooze", help="hide a follow-up until a later day: netnet snooze KEY friday",
        description="Hide a follow-up until a later day, typed as in the app: tomorrow, next week, friday, "
                    "3d, 2w, 5bd, 2026-12-10 or dec 10.")
    _key_argument(p)
    p.add_argument("when", nargs="+", metavar="WHEN", help="until when: friday, 3d, next week, dec 10, …")
    _key_argument(sub.add_parser(
        "drop", help="take a follow-up out of the queue for good, by its KEY",
        description="Take a follow-up out of the queue for good, as the queue's x does; a dropped check-in "
                    "stays away until you are next in touch with the person."))


def _item(ctx: Context, store, settings):
    from netnet.data.followups import find_item, parse_key

    key = ctx.args.key.strip()
    if parse_key(key) is None:
        raise UsageError(f"“{key}” is not a follow-up's key: give the key `netnet due` prints, such as f12.")
    item = find_item(store, ctx.clock, key, settings)
    if item is None:
        raise NotFound(f"No follow-up in the queue has the key {key.lower()}; it may be done or dropped "
                       "already (`netnet due` lists what is due, with keys).")
    return item


def _close(ctx: Context, action: str) -> int:
    store = _writer(ctx)
    from netnet.data import followups as fu
    from netnet.data.settings import load_settings

    settings = load_settings(store)
    item = _item(ctx, store, settings)
    until = None
    if action == "snooze":
        from netnet.core.when import WhenError, parse_when

        try:
            until = parse_when(" ".join(ctx.args.when), ctx.clock.today(), settings.weekend_days)
        except WhenError as exc:
            raise UsageError(str(exc)) from exc
    try:
        if action == "done":
            outcome = fu.apply_done(store, item, ctx.clock)
        elif action == "snooze":
            outcome = fu.apply_snooze(store, item, until, ctx.clock)
        else:
            outcome = fu.apply_drop(store, item, ctx.clock)
    except fu.FollowupError as exc:
        # What cannot be asked of this item (snoozing an interview, a day already past) is a mistake on
        # the command line; anything else is the item closed by someone else meanwhile: not there now.
        if item.source == "interview" or (until is not None and until <= ctx.clock.today()):
            raise UsageError(str(exc)) from exc
        raise NotFound(str(exc)) from exc
    said = f"“{item.title}”: {outcome.message}"
    record = outcome.undo
    if action == "snooze" and record is not None and record.created:  # a computed check-in is stored now
        said += f" Its key is now f{record.followup_id}."
    ctx.out(said)
    return 0


@command("done")
def cmd_done(ctx: Context) -> int:
    return _close(ctx, "done")


@command("snooze")
def cmd_snooze(ctx: Context) -> int:
    return _close(ctx, "snooze")


@command("drop")
def cmd_drop(ctx: Context) -> int:
    return _close(ctx, "drop")


# -- show ---------------------------------------------------------------------------------

@parser_for
def _show_parser(sub) -> None:
    p = sub.add_parser(
        "show", help="one person's page as text: details, keeping in touch, timeline, follow-ups, targets",
        description="Print one person's page: details, circle, keep-in-touch state, the latest interactions "
                    "with their notes, open follow-ups (with their keys), targets and employment history.")
    p.add_argument("name", nargs="+", help="the person (any part of the name, or #id)")
    p.add_argument("--json", action="store_true", help="print the page as JSON (fields in the README)")


def employment_history(page) -> list[dict]:
    """The job changes imports saw for this person, newest first, each as `netnet changes --json`
    prints one (the same field names)."""
    from netnet.cli_changes import as_json

    return [as_json(change) for change in page.jobs]


def _touch(detail, settings, today) -> dict:
    from netnet.core.cadence import effective_cadence, next_checkin, touch_state

    cadence = effective_cadence(detail.circle, detail.connector_role, detail.ideal_days, detail.max_days,
                                settings.cadence_table(), tuple(settings.connector_cadence))
    state, late = touch_state(cadence, detail.last_interaction_at, detail.created_at, today)
    due = next_checkin(cadence, detail.last_interaction_at, detail.created_at)
    return {
        "state": state.value,
        "label": state.label,
        "days_late": late,
        "ideal_days": cadence.ideal_days if cadence else None,
        "max_days": cadence.max_days if cadence else None,
        "own_interval": bool(detail.ideal_days),
        "next_checkin": due.isoformat() if due else None,
    }


def _iso(moment) -> str | None:
    from netnet.core.clock import to_iso

    return to_iso(moment) if moment else None


def page_json(page, touch: dict, items: list, history: list[dict]) -> dict:
    """One person's page as ``show --json`` prints it (the fields are documented in the README: keep them
    stable)."""
    from netnet.cli_followups import item_json
    from netnet.core.enums import InteractionKind

    d = page.detail
    introducer = page.chain[-1] if page.chain else None
    return {
        "id": d.id,
        "name": d.display_name,
        "given_name": d.given_name,
        "family_name": d.family_name,
        "nickname": d.nickname,
        "organisation": d.organisation,
        "title": d.title,
        "field": d.field,
        "circle": d.circle,
        "connector": d.connector_role,
        "birthday": d.birthday,
        "emails": [m.value for m in d.methods if m.kind == "email"],
        "phones": [m.value for m in d.methods if m.kind == "phone"],
        "links": [m.value for m in d.methods if m.kind == "link"],
        "addresses": [m.value for m in d.methods if m.kind == "address"],
        "tags": list(d.tags),
        "notes": d.notes,
        "introduced_by": {"id": introducer.id, "name": introducer.name} if introducer else None,
        "last_interaction": _iso(d.last_interaction_at),
        "keep_in_touch": touch,
        "interactions": [{"id": i.id, "kind": i.kind, "kind_label": InteractionKind(i.kind).label,
                          "when": _iso(i.occurred_at), "notes": i.notes} for i in page.timeline],
        "followups": [item_json(item) for item in items],
        "targets": [{"goal_id": t.goal_id, "goal": t.goal_title, "target": t.label, "want": t.want,
                     "stage": t.stage} for t in page.targets],
        "employment_history": history,
    }


def page_text(page, touch: dict, items: list, history: list[dict], clock) -> list[str]:
    """One person's page as ``show`` prints it: the app's contact page in plain lines."""
    from netnet.cli_followups import item_lines
    from netnet.core.cadence import circle_label, connector_label
    from netnet.core.clock import ago
    from netnet.core.enums import InteractionKind, Stage, Want
    from netnet.core.validation import show_birthday
    from netnet.core.when import day_words

    d = page.detail
    today = clock.today()
    lines = [("★ " if d.connector_role else "") + d.display_name + (f" ({d.nickname})" if d.nickname else "")
             + f"  #{d.id}"]
    role = " at ".join(x for x in (d.title, d.organisation) if x)
    if role or d.field:
        lines.append(role + ("  ·  " if role and d.field else "") + d.field)
    bits = [f"circle: {circle_label(d.circle)}" if d.circle else "no circle yet"]
    if d.connector_role:
        bits.append(f"★ connector ({connector_label(d.connector_role)})")
    lines.append(" · ".join(bits))
    last = ago(d.last_interaction_at, clock.now()) if d.last_interaction_at else "never"
    if touch["state"] == "none":
        keep = "no cadence (give them a circle or an interval to get reminders)"
    else:
        symbol = {"ok": "✓", "amber": "!", "red": "‼"}[touch["state"]]
        when = (f"{touch['days_late']} days past the ideal {touch['ideal_days']}" if touch["days_late"]
                else "next check-in " + day_words(_day(touch["next_checkin"]), today))
        own = "own interval" if touch["own_interval"] else "default"
        keep = (f"{symbol} {touch['label']} ({when}; every {touch['ideal_days']}–{touch['max_days']} days, "
                f"{own})")
    lines.append(f"Last contact: {last}.  Keep in touch: {keep}")

    lines += ["", "Reach them"]
    if not d.methods:
        lines.append("  no e-mail, phone or link yet")
    for method in d.methods:
        kind = {"email": "e-mail", "phone": "phone", "link": "link", "address": "address"}[method.kind]
        lines.append(f"  {kind:<8}{method.value}" + (f" ({method.label})" if method.label else ""))
    extra = []
    if d.tags:
        extra.append("tags: " + ", ".join(d.tags))
    if d.birthday:
        extra.append(f"birthday: {show_birthday(d.birthday)}")
    if extra:
        lines.append("  " + " · ".join(extra))
    if page.chain:
        lines.append("  introduced by: " + " → ".join(["you", *(link.name for link in page.chain),
                                                       d.display_name]))
    if d.notes.strip():
        lines += ["", "Notes", *("  " + line for line in d.notes.strip().splitlines())]

    lines += ["", "Open follow-ups"]
    lines += ["  " + line for line in item_lines(items, name_people=False)] or ["  none"]

    if page.targets:
        lines += ["", "On your target lists"]
        lines += [f"  {t.label} · {Want(t.want).label} · stage: {Stage(t.stage).label}  ({t.goal_title})"
                  for t in page.targets]

    if history:  # the job changes imports saw (see employment_history)
        lines += ["", "Employment history"]
        for change in history:
            was = " at ".join(x for x in (change.get("from_title"), change.get("from_organisation")) if x)
            now = " at ".join(x for x in (change.get("to_title"), change.get("to_organisation")) if x)
            seen = day_words(_day(change["seen_on"]), today) if change.get("seen_on") else ""
            lines.append(f"  {was or 'unknown'} → {now or 'unknown'}" + (f", seen {seen}" if seen else ""))

    lines += ["", "Latest interactions (newest first)"]
    if not page.timeline:
        lines.append("  none yet (netnet log NAME call adds one)")
    shown = page.timeline[:SHOWN_INTERACTIONS]
    kinds = max((len(InteractionKind(item.kind).label) for item in shown), default=0)
    for item in shown:
        day = day_words(item.occurred_at, today)
        notes = item.notes.strip().splitlines() or [""]
        lines.append(f"  {day:<15} {InteractionKind(item.kind).label:<{kinds}}  {notes[0]}".rstrip())
        lines += [f"  {'':<15} {'':<{kinds}}  {more}".rstrip() for more in notes[1:]]
    if len(page.timeline) > SHOWN_INTERACTIONS:
        lines.append(f"  … and {len(page.timeline) - SHOWN_INTERACTIONS:,} earlier (show --json lists them all)")
    return lines


def _day(text: str):
    from datetime import date

    return date.fromisoformat(text)


@command("show")
def cmd_show(ctx: Context) -> int:
    from netnet.data.contact_page import load_page
    from netnet.data.followups import contact_items
    from netnet.data.settings import load_settings

    store = ctx.store
    person = find_person(store, ctx.args.name)
    page = load_page(store, person.id)
    if page is None:  # removed between the two reads
        raise NotFound(f"{person.name} is no longer in netnet.")
    settings = load_settings(store)
    touch = _touch(page.detail, settings, ctx.clock.today())
    items = contact_items(store, ctx.clock, person.id, settings)
    history = employment_history(page)
    if ctx.args.json:
        print_json(page_json(page, touch, items, history))
    else:
        ctx.out("\n".join(page_text(page, touch, items, history, ctx.clock)))
    return 0
