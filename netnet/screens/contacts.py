"""The Contacts section: the whole network at hand."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from netnet.data import contacts as contacts_service
from netnet.data.contacts import ContactRow
from netnet.widgets.contact_table import ContactTable

EMPTY_TEXT = """\
[b]Your network is empty.[/b] Everyone you know counts: family, neighbours, friends,
co-workers, classmates, people from the groups you belong to.

  • press [b]a[/b] to add a person
  • import your LinkedIn connections:  [b]netnet import linkedin Connections.csv[/b]
  • import your phone's address book:  [b]netnet import vcard contacts.vcf[/b]
  • or look around a sample network:   [b]netnet --demo[/b]
"""


@dataclass
class Loaded:
    rows: list[ContactRow]
    query: str
    fuzzy: bool
    total: int


class ContactsScreen(Screen):
    """Everyone you know, searchable as you type."""

    TITLE = "Contacts"
    HELP = """
# Contacts

Everyone you know, in name order. Search matches names, organisation, title,
field, tags, e-mails, phones, notes and interaction notes; accents and case
do not matter and a typo in a name still finds the person.

- **/**: search (Escape goes back to the list)
- **Enter**: open a contact
"""

    BINDINGS = [
        Binding("slash", "search", "Search", tooltip="Search every field as you type", id="contacts.search"),
        Binding("escape", "clear_search", "Clear search", show=False, id="contacts.clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.query_text = ""
        self.last_total = 0

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
        settings = self.app.settings
        table.cadence_defaults = settings.cadence_table()
        table.connector_default = tuple(settings.connector_cadence)
        self.query_one("#contacts-empty").display = False
        table.focus()
        self.load()
        self.app.data_changed.subscribe(self, lambda _: self.load())

    # -- loading ------------------------------------------------------------
    @work(thread=True, exclusive=True, group="contacts-load", exit_on_error=False)
    def load(self) -> None:
        worker = get_current_worker()
        store = self.app.store
        query = self.query_text
        if query.strip():
            rows, fuzzy = contacts_service.search(store, query)
            total = contacts_service.count_contacts(store)
        else:
            rows, fuzzy = contacts_service.list_contacts(store), False
            total = len(rows)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, Loaded(rows, query, fuzzy, total))

    def _show(self, loaded: Loaded) -> None:
        if loaded.query != self.query_text:
            return
        table = self.query_one(ContactTable)
        table.set_rows(loaded.rows, keep_id=table.current_id)
        self.last_total = loaded.total
        empty = loaded.total == 0
        self.query_one("#contacts-empty").display = empty
        table.display = not empty
        status = self.query_one("#contacts-status", Static)
        if loaded.query.strip():
            found = len(loaded.rows)
            note = " (close matches: no exact one)" if loaded.fuzzy else ""
            status.update(f"{found:,} of {loaded.total:,} match “{loaded.query}”{note}")
        else:
            status.update(f"{loaded.total:,} people" if loaded.total != 1 else "1 person")
        self.app.update_counts()

    # -- search -------------------------------------------------------------
    def action_search(self) -> None:
        self.query_one("#contacts-search", Input).focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#contacts-search", Input)
        if search.value:
            search.value = ""
        self.query_one(ContactTable).focus()

    @on(Input.Changed, "#contacts-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.load()

    @on(Input.Submitted, "#contacts-search")
    def _search_submitted(self) -> None:
        self.query_one(ContactTable).focus()

    @on(ContactTable.Opened)
    def _opened(self, event: ContactTable.Opened) -> None:
        opener = getattr(self.app, "open_contact", None)
        if opener is not None:
            opener(event.contact_id)
