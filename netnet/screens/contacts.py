"""The Contacts section: the whole network at hand."""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from netnet.data import contacts as contacts_service
from netnet.data.contacts import SORT_LABELS, SORTS, ContactRow, ListQuery
from netnet.screens.base import NetnetScreen
from netnet.screens.contact_dialogs import FilterScreen
from netnet.screens.dialogs import ConfirmDialog
from netnet.widgets.contact_table import ContactTable

EMPTY_TEXT = """\
[b]Your network is empty.[/b]
Everyone you know counts: family, neighbours, friends, co-workers,
classmates, people from the groups you belong to. To begin:

  • add a person:              press [b]a[/b]
  • your LinkedIn connections: [b]netnet import linkedin Connections.csv[/b]
  • your phone's contacts:     [b]netnet import vcard contacts.vcf[/b]
    (both also under [b]ctrl+p[/b] → Import)
  • a sample network to try:   [b]netnet --demo[/b]
"""

VIEW_TITLES = {"all": "Contacts", "losing": "Losing touch", "trash": "Trash"}


FIRST_PAGE = 150  # more rows than any terminal shows at once


@dataclass
class Loaded:
    rows: list[ContactRow]
    query: ListQuery
    fuzzy: bool
    total: int


class ContactsScreen(NetnetScreen):
    """Everyone you know, searchable as you type."""

    HOME_FOCUS = "#contacts-table"  # keys go to the list (NetnetScreen)

    TITLE = "Contacts"
    HELP = """
# Contacts

Everyone you know. Search matches names, organisation, title, field, tags,
e-mails, phones, notes and interaction notes; accents and case do not matter
and a typo in a name still finds the person.

- **/**: search (Escape goes back to the list) · **Enter**: open a contact
- **a**: add · **e**: edit · **x** (or **d**): move to the trash · **u**: undo the last delete
- **s**: sort by name, last interaction or most overdue · **f**: filter by
  circle, tag, connectors or losing touch
- **o**: *losing touch*: everyone past their interval, most overdue first
- **t**: the trash (**r** restores, **X** empties it)
- **M**: merge duplicates · **F**: forget a person completely

★ marks a connector. *Keep in touch* says `✓ in touch`, `! due` or `‼ overdue`.
"""

    BINDINGS = [
        # Priority: handled as the key arrives, so the keys typed right after it
        # are already routed to the search field (Textual forwards queued keys
        # to whatever had focus when they arrived).
        Binding("slash", "search", "Search", tooltip="Search every field as you type",
                id="contacts.search", priority=True),
        Binding("escape", "clear_search", "Clear", show=False,
                tooltip="Clear the search, or go back to everyone", id="contacts.clear"),
        Binding("a", "add", "Add", tooltip="Add a person", id="contacts.add"),
        Binding("e", "edit", "Edit", tooltip="Edit the highlighted contact", id="contacts.edit"),
        Binding("x,d", "delete", "Delete", key_display="x",
                tooltip="Move the highlighted contact to the trash (u brings them back; d works too)",
                id="contacts.delete"),
        Binding("u", "undo", "Undo delete", tooltip="Bring back the contacts deleted last", id="contacts.undo"),
        Binding("s", "cycle_sort", "Sort", tooltip="Sort by name, last interaction or most overdue",
                id="contacts.sort"),
        Binding("f", "filter", "Filter", tooltip="Filter by circle, tag, connectors or losing touch",
                id="contacts.filter"),
        Binding("o", "losing_touch", "Losing touch", tooltip="Everyone past their interval, most overdue first",
                id="contacts.losing"),
        Binding("t", "trash", "Trash", tooltip="Show the trash (restore or empty it)", id="contacts.trash"),
        Binding("r", "restore", "Restore", tooltip="Take the highlighted contact out of the trash",
                id="contacts.restore"),
        Binding("X", "empty_trash", "Empty trash", tooltip="Delete everyone in the trash for good",
                id="contacts.empty-trash"),
        Binding("M", "merge", "Merge duplicates", show=False,
                tooltip="Review likely duplicates and merge them", id="contacts.merge"),
        Binding("F", "forget", "Forget", show=False,
                tooltip="Remove every trace of the highlighted person, for good", id="contacts.forget"),
    ]
    PALETTE_NAMES = {"delete": "Delete or remove contact (to the trash)", "add": "Add a person",
                     "edit": "Edit contact", "undo": "Undo the last delete", "search": "Search contacts",
                     "cycle_sort": "Sort contacts", "filter": "Filter contacts", "trash": "Show the trash",
                     "empty_trash": "Empty the trash", "restore": "Restore from the trash",
                     "merge": "Merge duplicates", "forget": "Forget a person for good"}

    def __init__(self) -> None:
        super().__init__()
        self.query_state = ListQuery()
        self.view = "all"
        self.last_total = 0
        self.focus_id: int | None = None
        self.known_total: int | None = None
        self._first_page = True
        self._counted = False

    @property
    def query_text(self) -> str:
        return self.query_state.text

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="contacts-body"):
            yield Input(placeholder="Search: name, organisation, tag, e-mail, notes…", id="contacts-search")
            yield Static("", id="contacts-status")
            yield ContactTable(clock=self.app.clock, id="contacts-table")
            yield Static(EMPTY_TEXT, id="contacts-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(ContactTable)
        self._apply_settings()
        self.query_one("#contacts-empty").display = False
        table.focus()
        self.load()
        self.app.data_changed.subscribe(self, lambda _: self._refresh())

    def _apply_settings(self) -> None:
        table = self.query_one(ContactTable)
        settings = self.app.settings
        table.cadence_defaults = settings.cadence_table()
        table.connector_default = tuple(settings.connector_cadence)

    def _refresh(self) -> None:
        self.known_total = None
        self._apply_settings()
        self.load()

    # -- loading ------------------------------------------------------------
    @work(thread=True, exclusive=True, group="contacts-load", exit_on_error=False)
    def load(self) -> None:
        worker = get_current_worker()
        store = self.app.store
        query = self.query_state
        settings = self.app.settings
        options = dict(today=self.app.clock.today(), defaults=settings.cadence_table(),
                       connector_default=tuple(settings.connector_cadence))
        if self._first_page and query == ListQuery():
            # The first frame needs a screenful, not 30,000 rows: draw it, then load the rest.
            self._first_page = False
            first, _ = contacts_service.query_contacts(store, query, limit=FIRST_PAGE, **options)
            if len(first) == FIRST_PAGE and not worker.is_cancelled:
                total = contacts_service.count_contacts(store)
                self.app.call_from_thread(self._show, Loaded(first, query, False, total))
        rows, fuzzy = contacts_service.query_contacts(store, query, **options)
        if query.trash:
            total = contacts_service.count_trash(store)
        elif query.text.strip() or query.describe():
            # Known from the last full list unless something changed since: one query less per key.
            total = self.known_total if self.known_total is not None else contacts_service.count_contacts(store)
        else:
            total = self.known_total = len(rows)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, Loaded(rows, query, fuzzy, total))

    def _show(self, loaded: Loaded) -> None:
        if loaded.query != self.query_state:
            return
        table = self.query_one(ContactTable)
        table.set_rows(loaded.rows, keep_id=self.focus_id or table.current_id)
        if self.focus_id is not None and any(r.id == self.focus_id for r in loaded.rows):
            self.focus_id = None
        self.last_total = loaded.total
        empty = loaded.total == 0 and self.view == "all"
        self.query_one("#contacts-empty").display = empty
        table.display = not empty
        search = self.query_one("#contacts-search", Input)
        search.display = not empty
        self.query_one("#contacts-status").display = not empty
        if empty:
            self.set_focus(None)  # keys reach the screen: add, import, quit
        elif self.focused is None:
            table.focus()
        self.query_one("#contacts-status", Static).update(self._status(loaded))
        self.sub_title = VIEW_TITLES[self.view] if self.view != "all" else None  # None: the app's counts
        self.refresh_bindings()
        if not self._counted:
            # The header's counts start once the first rows are drawn (off the path to the
            # first frame); after that they follow data changes, not each key typed.
            self._counted = True
            self.app.update_counts()

    def _status(self, loaded: Loaded) -> str:
        q = loaded.query
        found = len(loaded.rows)
        if self.view == "trash":
            text = ("The trash is empty." if not loaded.total else
                    f"Trash: {loaded.total:,} {'person' if loaded.total == 1 else 'people'}. "
                    "r restores, X empties the trash, t goes back.")
        elif self.view == "losing":
            text = ("Losing touch: nobody. Everyone with a cadence is in touch." if not found else
                    f"Losing touch: {found:,} past their interval, most overdue first. o goes back.")
        elif q.text.strip():
            note = " (close matches: no exact one)" if loaded.fuzzy else ""
            text = f"{found:,} of {loaded.total:,} match “{q.text}”{note}"
        elif q.describe():
            text = f"{found:,} of {loaded.total:,} people"
        else:
            text = f"{loaded.total:,} people" if loaded.total != 1 else "1 person"
        extras = []
        if self.view != "losing" and q.describe():
            extras.append(q.describe())
        if self.view != "losing":
            extras.append(f"by {SORT_LABELS[q.sort]}")
        return text + ("  ·  " + " · ".join(extras) if extras and self.view != "trash" else "")

    def _set_query(self, query: ListQuery) -> None:
        self.query_state = query
        self.load()

    # -- search -------------------------------------------------------------
    def action_search(self) -> None:
        search = self.query_one("#contacts-search", Input)
        if self.focused is search:
            search.insert_text_at_cursor("/")  # "/" typed inside a search
            return
        # Focus now, not on the next loop turn (Widget.focus defers it).
        self.set_focus(search)

    def action_clear_search(self) -> None:
        search = self.query_one("#contacts-search", Input)
        if search.value:
            search.value = ""
        elif self.view != "all":
            self._switch_view("all")
        self.query_one(ContactTable).focus()

    @on(Input.Changed, "#contacts-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._set_query(replace(self.query_state, text=event.value))

    @on(Input.Submitted, "#contacts-search")
    def _search_submitted(self) -> None:
        self.query_one(ContactTable).focus()

    @on(ContactTable.Opened)
    def _opened(self, event: ContactTable.Opened) -> None:
        self.app.open_contact(event.contact_id)

    # -- views, sort, filter --------------------------------------------------
    def _switch_view(self, view: str) -> None:
        self.view = view
        text = self.query_state.text
        if view == "trash":
            query = ListQuery(text=text, trash=True)
        elif view == "losing":
            query = ListQuery(text=text, overdue=True, sort="overdue")
        else:
            query = ListQuery(text=text)
        self._set_query(query)

    def action_losing_touch(self) -> None:
        self._switch_view("all" if self.view == "losing" else "losing")

    def action_trash(self) -> None:
        self._switch_view("all" if self.view == "trash" else "trash")

    def action_cycle_sort(self) -> None:
        sort = SORTS[(SORTS.index(self.query_state.sort) + 1) % len(SORTS)]
        self.notify(f"Sorted by {SORT_LABELS[sort]}.", timeout=2)
        self._set_query(replace(self.query_state, sort=sort))

    def action_filter(self) -> None:
        self._open_filter()

    @work(thread=True, group="contacts-tags", exit_on_error=False)
    def _open_filter(self) -> None:
        tags = contacts_service.all_tags(self.app.store)
        self.app.call_from_thread(self.app.push_screen, FilterScreen(self.query_state, tags), self._filtered)

    def _filtered(self, query: ListQuery | None) -> None:
        if query is None:
            return
        self.view = "losing" if query.overdue and query.sort == "overdue" and not (
            query.circle or query.tag or query.connector) else "all"
        self._set_query(query)

    # -- add, edit, delete ------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_trash = self.view == "trash"
        has_row = self.query_one(ContactTable).current_id is not None if self.is_mounted else False
        if action in ("restore", "empty_trash"):
            return True if in_trash and has_row else (None if in_trash else False)
        if action in ("edit", "delete", "forget"):
            if in_trash and action != "forget":
                return False
            return True if has_row else None
        if action in ("add", "cycle_sort", "filter", "losing_touch") and in_trash:
            return False
        return True

    def action_add(self) -> None:
        from netnet.screens.contact_form import ContactFormScreen

        self.app.push_screen(ContactFormScreen(), self._added)

    def _added(self, contact_id: int | None) -> None:
        if contact_id is not None:
            self.notify("Added.")
            self.focus_id = contact_id  # the reload puts the cursor on them

    def action_edit(self) -> None:
        from netnet.screens.contact_form import ContactFormScreen

        contact_id = self.query_one(ContactTable).current_id
        if contact_id is not None:
            self.app.push_screen(ContactFormScreen(contact_id), self._edited)

    def _edited(self, contact_id: int | None) -> None:
        if contact_id is not None:
            self.notify("Saved.")

    def _current(self) -> ContactRow | None:
        table = self.query_one(ContactTable)
        if 0 <= table.cursor < len(table.rows):
            return table.rows[table.cursor]
        return None

    def action_delete(self) -> None:
        row = self._current()
        if row is None:
            return
        self.app.push_screen(
            ConfirmDialog("Move to the trash?", "Move to trash", "Keep",
                          body=f"{row.display_name} goes to the trash. Press u to bring them back."),
            lambda yes: self._trash([row.id]) if yes else None,
        )

    def _trash(self, ids: list[int]) -> None:
        self.run_service(contacts_service.trash_contacts, self.app.store, ids, self.app.clock,
                         done=lambda _: self.written("Moved to the trash. Press u to undo."))

    def action_undo(self) -> None:
        self.run_service(contacts_service.restore_last_deleted, self.app.store, done=self._undone)

    def _undone(self, names: list[str]) -> None:
        if not names:
            self.notify("Nothing to undo: the trash is empty.")
            return
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        self.written(f"Brought back {shown}.")

    def action_restore(self) -> None:
        row = self._current()
        if row is not None:
            self.run_service(contacts_service.restore_contacts, self.app.store, [row.id],
                             done=lambda _: self.written(f"{row.display_name} is back in your contacts."))

    def action_empty_trash(self) -> None:
        count = self.last_total
        self.app.push_screen(
            ConfirmDialog("Empty the trash?", "Empty trash", "Keep them",
                          body=f"{count:,} {'person' if count == 1 else 'people'} in the trash will be deleted "
                               "for good, with their timelines and follow-ups. This cannot be undone.",
                          danger=True),
            lambda yes: self._empty() if yes else None,
        )

    def _empty(self) -> None:
        self.run_service(contacts_service.empty_trash, self.app.store,
                         done=lambda count: self.written(f"Deleted {count:,} for good."))

    def action_forget(self) -> None:
        from netnet.screens.contact import forget_dialog

        row = self._current()
        if row is None:
            return
        self.app.push_screen(forget_dialog(row.display_name),
                             lambda yes: self._forget(row.id) if yes else None)

    def _forget(self, contact_id: int) -> None:
        self.run_service(contacts_service.forget_contact, self.app.store, contact_id,
                         done=lambda _: self.written("Forgotten. Nothing about them is left in netnet."))

    def action_merge(self) -> None:
        from netnet.screens.merge import MergeScreen

        self.app.push_screen(MergeScreen())

