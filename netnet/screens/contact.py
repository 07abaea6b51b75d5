"""One person: every detail, the timeline, the referral chain, targets, interviews, follow-ups,
and the employment history."""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from netnet.core.cadence import (
    circle_label,
    connector_label,
    effective_cadence,
    next_checkin,
    touch_state,
)
from netnet.core.clock import ago
from netnet.core.enums import (
    AskAnswer,
    FollowupKind,
    Format,
    InteractionKind,
    InterviewStatus,
    Purpose,
    Stage,
    TouchState,
    Want,
)
from netnet.core.job_changes import short_day
from netnet.core.validation import show_birthday
from netnet.core.when import day_words
from netnet.data import contacts as contacts_service
from netnet.data.contact_page import ContactPage, load_page
from netnet.screens.base import NetnetScreen
from netnet.screens.contact_dialogs import LoggedInteraction, LogInteractionScreen
from netnet.screens.dialogs import ConfirmDialog


def _local(moment) -> str:
    return day_words(moment, time=True) if moment else "—"


class ContactScreen(NetnetScreen):
    """The contact page."""

    HELP = """
# Contact page

Everything about one person: how to reach them, keep-in-touch state, the
referral chain (who introduced them, back to you, and whom they introduced),
their employment history (the job changes imports noticed), their targets and
interviews, what you owe them, and the timeline, newest first.

- **l**: log an interaction (then **c** call, **m** meeting, **e** e-mail,
  **s** message, **k** check-in; type a note; **Enter**)
- **e**: edit · **d**: move to the trash (undo with **u** in the list)
- **F**: forget this person completely
- **Enter** on a name under *People*: open that person
- **Escape**: back
"""

    BINDINGS = [
        Binding("l", "log", "Log", tooltip="Log a call, meeting, e-mail, message or check-in", id="contact.log"),
        Binding("e", "edit", "Edit", tooltip="Edit this contact", id="contact.edit"),
        Binding("x,d", "delete", "Delete", key_display="x", tooltip="Move this contact to the trash (can be undone)",
                id="contact.delete"),
        Binding("F", "forget", "Forget", tooltip="Remove every trace of this person, for good",
                id="contact.forget"),
        Binding("escape", "back", "Back", tooltip="Back to the list", id="contact.back"),
    ]
    PALETTE_NAMES = {"delete": "Delete or remove this contact (to the trash)", "log": "Log an interaction",
                     "edit": "Edit this contact", "forget": "Forget this person for good"}

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.page: ContactPage | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="contact-page"):
            yield Static("", id="contact-head", markup=True)
            yield Static("", id="contact-details", markup=True)
            yield Static("", id="contact-chain", markup=True)
            yield OptionList(id="contact-people")
            yield Static("", id="contact-work", markup=True)
            yield Static("", id="contact-timeline", markup=True)
        yield Footer()

    gone = False  # the contact was removed (on another device) while something was open on top

    def on_screen_resume(self) -> None:
        if self.gone:
            self._leave_gone()

    def _leave_gone(self) -> None:
        self.notify("This contact no longer exists.")
        self.app.pop_screen()

    def on_mount(self) -> None:
        self.query_one("#contact-people").display = False
        self.query_one("#contact-page").focus()
        self.load()
        self.app.data_changed.subscribe(self, lambda _: self.load())

    @work(thread=True, exclusive=True, group="contact-page", exit_on_error=False)
    def load(self) -> None:
        page = load_page(self.app.store, self.contact_id)
        self.app.call_from_thread(self._show, page)

    # -- drawing -----------------------------------------------------------------
    def _show(self, page: ContactPage | None) -> None:
        if page is None:
            # Removed on another device. With a form or dialog open on top, popping now would close
            # that instead (and what is typed in it): this page goes when it is shown again.
            self.gone = True
            if self.is_active:  # on top (``is_current`` is true beneath a dialog too)
                self._leave_gone()
            return
        self.page = page
        d = page.detail
        self.sub_title = d.display_name
        today = self.app.clock.today()
        self.query_one("#contact-head", Static).update(self._head(page, today))
        self.query_one("#contact-details", Static).update(self._details(page))
        self.query_one("#contact-chain", Static).update(self._chain(page))
        people = self.query_one("#contact-people", OptionList)
        highlighted = people.highlighted
        people.clear_options()
        links = [*page.chain, *page.introduced]
        if page.merged_into:
            links.insert(0, page.merged_into)
        people.add_options([Option(f"open {escape(link.name)}", id=str(link.id)) for link in links])
        people.display = bool(links)
        if links:
            people.highlighted = min(highlighted or 0, len(links) - 1)
        self.query_one("#contact-work", Static).update(self._work(page, today))
        self.query_one("#contact-timeline", Static).update(self._timeline(page, today))
        self.refresh_bindings()

    def _head(self, page: ContactPage, today: date) -> str:
        d = page.detail
        name = escape(d.display_name)
        if d.connector_role:
            name = f"★ {name}"
        lines = [f"[b]{name}[/b]" + (f"  [dim]({escape(d.nickname)})[/dim]" if d.nickname else "")]
        role = " at ".join(escape(x) for x in (d.title, d.organisation) if x)
        if role:
            lines.append(role + (f"  ·  {escape(d.field)}" if d.field else ""))
        elif d.field:
            lines.append(escape(d.field))
        bits = []
        bits.append(f"circle: {circle_label(d.circle)}" if d.circle else "no circle yet")
        if d.connector_role:
            bits.append(f"★ connector ({connector_label(d.connector_role)})")
        lines.append(" · ".join(bits))
        if d.deleted_at:
            lines.append("[b]In the trash[/b] since " + _local(d.deleted_at))
        if page.merged_into:
            lines.append(f"[b]Merged into {escape(page.merged_into.name)}[/b]")
        settings = self.app.settings
        cadence = effective_cadence(d.circle, d.connector_role, d.ideal_days, d.max_days,
                                    settings.cadence_table(), tuple(settings.connector_cadence))
        state, late = touch_state(cadence, d.last_interaction_at, d.created_at, today)
        last = ago(d.last_interaction_at, self.app.clock.now()) if d.last_interaction_at else "never"
        if state is TouchState.NONE:
            touch = "Keep in touch: no cadence (give them a circle or an interval to get reminders)"
        else:
            style = {TouchState.OK: "$success", TouchState.AMBER: "$warning", TouchState.RED: "$error"}[state]
            due = next_checkin(cadence, d.last_interaction_at, d.created_at)
            detail = f"{late} days past the ideal {cadence.ideal_days}" if late else f"next check-in {due}"
            own = "own interval" if d.ideal_days else "default"
            touch = (f"Keep in touch: [{style}]{state.symbol} {state.label}[/] ({detail}; every "
                     f"{cadence.ideal_days}–{cadence.max_days} days, {own})")
        lines.append(f"Last contact: {last}.  {touch}")
        return "\n".join(lines)

    def _details(self, page: ContactPage) -> str:
        d = page.detail
        lines = ["", "[b]Reach them[/b]"]
        if not d.methods:
            lines.append("  [dim]no e-mail, phone or link yet (e to add)[/dim]")
        for method in d.methods:
            kind = {"email": "e-mail", "phone": "phone", "link": "link", "address": "address"}[method.kind]
            label = f" ({escape(method.label)})" if method.label else ""
            lines.append(f"  {kind:<8}{escape(method.value)}{label}")
        extra = []
        if d.tags:
            extra.append("tags: " + ", ".join(escape(t) for t in d.tags))
        if d.birthday:
            extra.append(f"birthday: {show_birthday(d.birthday)}")
        if extra:
            lines.append("  " + " · ".join(extra))
        if d.notes.strip():
            lines += ["", "[b]Notes[/b]", *("  " + escape(line) for line in d.notes.strip().splitlines())]
        return "\n".join(lines)

    def _chain(self, page: ContactPage) -> str:
        d = page.detail
        lines = ["", "[b]Referral chain[/b]"]
        path = ["you", *(escape(link.name) + (" (in the trash)" if link.deleted else "") for link in page.chain),
                f"[b]{escape(d.display_name)}[/b]"]
        lines.append("  " + " → ".join(path))
        if page.introduced:
            lines.append("  They introduced you to:")
            for link in page.introduced:
                note = " (in the trash)" if link.deleted else ""
                lines.append("  " + "   " * link.depth + f"→ {escape(link.name)}{note}")
        else:
            lines.append("  [dim]They have not introduced anyone yet.[/dim]")
        if page.chain or page.introduced:
            lines.append("  [dim]People: Tab to the list below, Enter opens a name.[/dim]")
        return "\n".join(lines)

    def _work(self, page: ContactPage, today: date) -> str:
        lines: list[str] = []
        if page.jobs:
            lines += ["", "[b]Employment history[/b] [dim](changes imports saw, newest first)[/dim]"]
            for job in page.jobs:
                source = f" [dim]({escape(job.filename)})[/dim]" if job.filename else ""
                lines.append(f"  seen {short_day(job.seen_at, today)}: {escape(job.before)} → "
                             f"{escape(job.after)}{source}")
        if page.targets:
            lines += ["", "[b]On your target lists[/b]"]
            for t in page.targets:
                lines.append(f"  {escape(t.label)} · {Want(t.want).label} · stage: {Stage(t.stage).label}"
                             f"  [dim]({escape(t.goal_title)})[/dim]")
        if page.asks:
            lines += ["", "[b]Referrals you asked of them[/b]"]
            for a in page.asks:
                got = f": {escape(a.introduced_name)}" if a.introduced_name else ""
                lines.append(f"  {_local(a.asked_at)[:10]}  about {escape(a.target_label)} · "
                             f"{AskAnswer(a.answer).label}{got}")
        if page.interviews:
            lines += ["", "[b]Information interviews[/b]"]
            for i in page.interviews:
                when = _local(i.started_at or i.scheduled_at)
                goal = f"  [dim]({escape(i.goal_title)})[/dim]" if i.goal_title else ""
                lines.append(f"  {when}  {InterviewStatus(i.status).label} · {Format(i.format).label} · "
                             f"{Purpose(i.purpose).label}{goal}")
        if page.followups:
            lines += ["", "[b]Follow-ups[/b]"]
            for f in page.followups:
                if f.status != "open":
                    state = f"✓ {f.status}"
                elif f.due_date < today:
                    state = f"[$error]‼ overdue since {f.due_date}[/]"
                elif f.due_date == today:
                    state = "[$warning]! due today[/]"
                else:
                    state = f"due {f.due_date}"
                lines.append(f"  {state} · {FollowupKind(f.kind).label}: {escape(f.title)}")
        return "\n".join(lines)

    def _timeline(self, page: ContactPage, today: date) -> str:
        lines = ["", "[b]Timeline[/b] [dim](newest first; l logs a new one)[/dim]"]
        if not page.timeline and not page.jobs:
            lines.append("  [dim]Nothing yet. Press l to log a call, meeting or message.[/dim]")
        entries = [(item.occurred_at, InteractionKind(item.kind).label, item.notes) for item in page.timeline]
        entries += [(job.seen_at, "new job", job.words(today)) for job in page.jobs]
        entries.sort(key=lambda entry: entry[0], reverse=True)  # stable: the order within a moment stays
        for moment, kind, notes in entries:
            notes = f"  {escape(notes)}" if notes else ""
            lines.append(f"  {_local(moment)[:10]}  {kind:<12}{notes}")
        return "\n".join(lines)

    # -- actions -----------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("log", "edit", "delete") and self.page is not None and (
            self.page.detail.deleted_at is not None
        ):
            return None
        return True

    @on(OptionList.OptionSelected, "#contact-people")
    def _open_person(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.open_contact(int(event.option.id))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_log(self) -> None:
        if self.page is None:
            return
        self.app.push_screen(LogInteractionScreen(self.page.detail.display_name, self.app.clock.today(),
                                                  contact_id=self.contact_id),
                             self._logged)

    def _logged(self, result: LoggedInteraction | None) -> None:
        """The dialog wrote the interaction itself (a failed write keeps it open)."""
        if result is not None:
            self.written(f"Logged a {InteractionKind(result.kind).label}.")

    def action_edit(self) -> None:
        from netnet.screens.contact_form import ContactFormScreen

        self.app.push_screen(ContactFormScreen(self.contact_id), self._edited)

    def _edited(self, contact_id: int | None) -> None:
        if contact_id is not None:
            self.notify("Saved.")

    def action_delete(self) -> None:
        if self.page is None:
            return
        name = self.page.detail.display_name
        self.app.push_screen(
            ConfirmDialog("Move to the trash?", "Move to trash", "Keep",
                          body=f"{name} goes to the trash. Press u in the list to bring them back, or "
                               "restore them from the trash (t)."),
            self._delete_answer,
        )

    def _delete_answer(self, yes: bool | None) -> None:
        if yes:
            self._trash()

    def _trash(self) -> None:
        self.run_service(contacts_service.trash_contacts, self.app.store, [self.contact_id], self.app.clock,
                         done=lambda _: self._gone("Moved to the trash. Press u in the list to undo."))

    def _gone(self, message: str) -> None:
        self.notify(message)
        if self.is_current:
            self.app.pop_screen()
        self.app.notify_data_changed()

    def action_forget(self) -> None:
        if self.page is None:
            return
        self.app.push_screen(forget_dialog(self.page.detail.display_name), self._forget_answer)

    def _forget_answer(self, yes: bool | None) -> None:
        if yes:
            self._forget()

    def _forget(self) -> None:
        self.run_service(contacts_service.forget_contact, self.app.store, self.contact_id,
                         done=lambda _: self._gone("Forgotten. Nothing about them is left in netnet."))


def forget_dialog(name: str) -> ConfirmDialog:
    return ConfirmDialog(
        f"Forget {name}?", "Forget for good", "Keep", danger=True,
        body=f"This removes every trace of {name}: their details, the timeline, follow-ups and referral "
        "asks about them, and their entry in the search index. People they introduced stay, without "
        "the link. This cannot be undone, not even from the trash.",
    )
