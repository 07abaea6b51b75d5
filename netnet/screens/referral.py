"""Who can introduce me: contacts ranked for one target, the ask drafted, logged, followed up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static, TextArea
from textual.worker import get_current_worker

from netnet.core.asks import draft_ask
from netnet.core.clock import ago
from netnet.core.referral import Suggestion
from netnet.core.when import day_words
from netnet.data import goals as svc
from netnet.data.goals import AskLogged, TargetView
from netnet.screens.base import NetnetScreen
from netnet.screens.goal_forms import (
    AnswerDialog,
    SaveFileDialog,
    day_month,
    free_path,
    introduce,
)


@dataclass
class Loaded:
    target: TargetView
    goal_title: str
    ranked: list[Suggestion]
    known: tuple[int, str] | None = None  # the target is already a contact: (id, name)


def due_words(day) -> str:
    return day_words(day)


class ReferralScreen(NetnetScreen):
    """Contacts who could refer you to one target, best first, with the reason in words."""

    TITLE = "Who can introduce me"
    HELP = """
# Who can introduce me

Your contacts ranked by how well they could put you in touch with this target,
with the reasons written out: works at that organisation, same field or a
similar title, a connector who meets many people, a close tie, recently in
touch. People already asked for this target are listed last, with their answer.
When the target is already one of your contacts, that comes first: contact
them directly (**o** opens them).

The draft below is written for the highlighted person; **Tab** into it to edit.

- **c**: copy the draft (through the terminal's clipboard; the text stays shown)
- **s**: save the draft to a file (readable by you only)
- **l**: log the ask: noted on their timeline, and the 3B7 follow-ups are
  queued (no answer after 3 business days: ask the next person; after 7: one
  polite nudge)
- **i**: they gave a name · **u**: they knew no one or declined
- **Escape**: back (from the draft: back to the list)
"""

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the goal (from the draft: back to the list)",
                id="referral.back"),
        Binding("c", "copy", "Copy", tooltip="Copy the draft to the clipboard", id="referral.copy"),
        Binding("s", "save", "Save to file", tooltip="Save the draft to a file (0600)", id="referral.save"),
        Binding("l", "log", "Log the ask", tooltip="Note the ask on their timeline and queue the follow-ups",
                id="referral.log"),
        Binding("i", "introduced", "Introduced", tooltip="They gave a name: create that contact",
                id="referral.introduced"),
        Binding("u", "answer", "Answer", tooltip="They knew no one or declined", id="referral.answer",
                show=False),
        Binding("o", "open_known", "Open contact", tooltip="The target is already a contact: open them",
                id="referral.open"),
    ]

    DEFAULT_CSS = """
    ReferralScreen #referral-target { height: auto; padding: 0 1; }
    ReferralScreen #referral-list { height: 1fr; min-height: 5; }
    ReferralScreen #referral-draft-title { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    ReferralScreen #referral-draft { height: 8; }
    ReferralScreen #referral-draft:focus { border: tall $accent; }
    """

    def __init__(self, target_id: int) -> None:
        super().__init__()
        self.target_id = target_id
        self.loaded: Loaded | None = None
        self.drafts: dict[int, str] = {}
        self._filling = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="referral-body"):
            yield Static("", id="referral-target")
            yield DataTable(id="referral-list", cursor_type="row", zebra_stripes=True)
            yield Static("", id="referral-draft-title")
            yield TextArea("", id="referral-draft", soft_wrap=True, show_line_numbers=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#referral-list").focus()
        self.load()
        self.app.data_changed.subscribe(self, lambda _: self.load())

    @work(thread=True, exclusive=True, group="referral-load", exit_on_error=False)
    def load(self) -> None:
        worker = get_current_worker()
        store, clock = self.app.store, self.app.clock
        target = svc.get_target(store, self.target_id)
        if target is None:
            self.app.call_from_thread(self._show, None)
            return
        known = svc.known_contact(store, self.target_id)
        ranked = [s for s in svc.who_can_introduce(store, self.target_id, clock)
                  if known is None or s.candidate.id != known[0]]
        title = svc.goal_title_for_target(store, self.target_id)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, Loaded(target, title, ranked, known))

    def _show(self, loaded: Loaded | None) -> None:
        if loaded is None:
            self.app.notify("That target no longer exists.", severity="warning")
            self.dismiss()
            return
        keep = self.current.candidate.id if self.current else None
        self.loaded = loaded
        t = loaded.target
        self.sub_title = t.label
        head = Text()
        if loaded.known is not None:
            head.append(f"→ {loaded.known[1]} is already one of your contacts: contact them directly "
                        "(o opens them).\n", style="bold")
            head.append("If you would rather be introduced, these people could do it:\n")
        head.append(f"Who could introduce you to {t.label}", style="bold")
        head.append(f" · {t.want_words} · {t.stage_words}")
        pending = t.open_asks
        if pending:
            names = ", ".join(f"{a.contact_name} (asked {day_month(a.asked_at)})" for a in pending)
            head.append(f"\nAwaiting an answer: {names}", style="italic")
        self.query_one("#referral-target", Static).update(head)
        table = self.query_one("#referral-list", DataTable)
        table.clear(columns=True)
        width = max(60, self.size.width)
        reason_w = max(20, width - 3 - 20 - 13 - 8)
        table.add_column("#", width=3, key="n")
        table.add_column("Name", width=20, key="name")
        table.add_column("Why they could help", width=reason_w, key="why")
        table.add_column("Asked?", width=13, key="asked")
        for n, s in enumerate(loaded.ranked, 1):
            star = "★ " if s.candidate.connector_role else ""
            asked = ""
            if s.asked:
                asked = {"pending": "awaiting", "introduced": "gave a name", "no_one": "knew no one",
                         "declined": "declined"}.get(s.asked, s.asked)
            table.add_row(str(n), star + s.candidate.name, Text(s.reason_text), asked, key=str(s.candidate.id),
                          height=None)  # a long reason wraps onto a second line instead of being cut
        if loaded.ranked:
            index = next((i for i, s in enumerate(loaded.ranked) if s.candidate.id == keep), 0)
            table.move_cursor(row=index)
        else:
            self.query_one("#referral-draft-title", Static).update(
                "No one in your network matches yet: add the field or organisation to the target (e on the goal "
                "screen), or mark connectors among your contacts.")
        self._fill_draft()

    @property
    def current(self) -> Suggestion | None:
        if self.loaded is None or not self.loaded.ranked:
            return None
        row = self.query_one("#referral-list", DataTable).cursor_row
        if 0 <= row < len(self.loaded.ranked):
            return self.loaded.ranked[row]
        return None

    def _fill_draft(self) -> None:
        s = self.current
        if s is None or self.loaded is None:
            return
        c = s.candidate
        draft = self.drafts.get(c.id) or draft_ask(self.loaded.target.spec, c.name, self.loaded.goal_title)
        title = f"Why {c.name}: {s.reason_text}\nDraft to {c.name}"
        if c.last_interaction_at:
            title += f" (last in touch {ago(c.last_interaction_at, self.app.clock.now())})"
        title += " · Tab to edit"
        self.query_one("#referral-draft-title", Static).update(title)
        area = self.query_one("#referral-draft", TextArea)
        if area.text != draft:
            self._filling = True
            area.load_text(draft)

    @on(DataTable.RowHighlighted, "#referral-list")
    def _highlighted(self) -> None:
        self._fill_draft()
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#referral-list")
    def _selected(self) -> None:
        self.query_one("#referral-draft", TextArea).focus()

    @on(TextArea.Changed, "#referral-draft")
    def _edited(self, event: TextArea.Changed) -> None:
        if self._filling:
            self._filling = False
            return
        s = self.current
        if s is not None:
            self.drafts[s.candidate.id] = event.text_area.text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if action in ("copy", "save", "log", "introduced") and self.current is None:
            return None
        if action == "answer" and (self.loaded is None or not self.loaded.target.open_asks):
            return None
        if action == "open_known":
            return self.loaded is not None and self.loaded.known is not None
        return True

    def action_open_known(self) -> None:
        if self.loaded is not None and self.loaded.known is not None:
            self.app.open_contact(self.loaded.known[0])

    @property
    def draft_text(self) -> str:
        return self.query_one("#referral-draft", TextArea).text

    # -- actions ------------------------------------------------------------------
    def action_back(self) -> None:
        area = self.query_one("#referral-draft", TextArea)
        if area.has_focus:
            self.query_one("#referral-list").focus()
            return
        self.dismiss()

    def action_copy(self) -> None:
        if self.current is None:
            return
        self.app.copy_to_clipboard(self.draft_text)
        self.app.notify("Sent to the clipboard through the terminal. If nothing pastes, your terminal "
                        "ignores that: the draft is shown here, and s saves it to a file.", timeout=8)

    def action_save(self) -> None:
        s = self.current
        if s is None:
            return
        slug = re.sub(r"[^a-z0-9]+", "-", s.candidate.name.lower()).strip("-") or "contact"
        default = free_path(Path.home(), f"netnet-ask-{slug}")

        def saved(path: Path | None) -> None:
            if path is not None:
                self.app.notify(f"Draft saved to {path} (readable by you only).")

        self.app.push_screen(SaveFileDialog(self.draft_text, default), saved)

    def action_log(self) -> None:
        s = self.current
        if s is None or self.loaded is None:
            return
        nxt = next((o.candidate.name for o in self.loaded.ranked
                    if o.asked is None and o.candidate.id != s.candidate.id), None)
        name = s.candidate.name

        def message(result: AskLogged) -> str:
            first, second = result.followups
            return (f"Ask to {name} logged. No answer by {due_words(first.due_date)}: ask the next person; "
                    f"by {due_words(second.due_date)}: one polite nudge. Both go when they answer.")

        self.run_service(svc.log_ask, self.app.store, self.target_id, s.candidate.id, self.draft_text,
                         self.app.clock, list(self.app.settings.weekend_days), nxt,
                         done=lambda result: self.written(message(result)))

    def action_introduced(self) -> None:
        if self.loaded is None:
            return
        pending = self.loaded.target.open_asks
        s = self.current
        mine = next((a for a in pending if s is not None and a.contact_id == s.candidate.id), None)
        if mine is not None:
            referrer_id, referrer = mine.contact_id, mine.contact_name
        elif len(pending) == 1:
            referrer_id, referrer = pending[0].contact_id, pending[0].contact_name
        elif s is not None:
            referrer_id, referrer = s.candidate.id, s.candidate.name
        else:
            return
        introduce(self, self.target_id, referrer_id, referrer, self.loaded.target.label)

    def action_answer(self) -> None:
        if self.loaded is None or not self.loaded.target.open_asks:
            return
        pending = self.loaded.target.open_asks
        s = self.current
        ask = next((a for a in pending if s is not None and a.contact_id == s.candidate.id), pending[-1])

        def answered(answer: str | None) -> None:
            if answer:
                self.run_service(svc.record_answer, self.app.store, ask.id, answer, self.app.clock,
                                 done=lambda _: self.written(
                                     f"Noted; the follow-ups for {ask.contact_name} are cancelled. "
                                     "Highlight the next person and press l once you have asked them."))

        self.app.push_screen(AnswerDialog(ask.contact_name), answered)
