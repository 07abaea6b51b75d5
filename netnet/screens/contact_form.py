"""The form to add or edit a contact: checked as you type, nothing invalid saved."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from netnet.core import validation as v
from netnet.core.cadence import effective_cadence
from netnet.core.enums import Circle, ConnectorRole
from netnet.data import contacts as contacts_service
from netnet.data.contacts import ContactDetail, ContactInput, Method
from netnet.screens.contact_dialogs import NOBODY, PickContactScreen
from netnet.screens.forms import FormBase

# field id, label, placeholder
TEXT_FIELDS = [
    ("display_name", "Name *", "How you call them, e.g. Maria Lindqvist"),
    ("given_name", "Given name", "from the name if empty"),
    ("family_name", "Family name", "sorts the list (from the name if empty)"),
    ("nickname", "Nickname", ""),
    ("organisation", "Organisation", ""),
    ("title", "Job title", ""),
    ("field", "Field", "e.g. healthcare, software"),
]
LIST_FIELDS = [
    ("emails", "E-mails", "comma between several"),
    ("phones", "Phones", "+1 555 010 2233, …"),
    ("links", "Links", "linkedin.com/in/…, a website"),
    ("tags", "Tags", "alumni, mentor, …"),
    ("birthday", "Birthday", "1984-03-21, or 03-21"),
]

# Fields whose widget is not named after the field (the rest are `form-<field name>`);
# a test checks the form has a widget for every field in core.fields but addresses,
# which come from vCards and are shown on the contact page, not edited here yet.
WIDGET_OF = {"connector_role": "connector", "introduced_by_id": "introducer", "ideal_days": "ideal",
             "max_days": "max"}
NOT_IN_FORM = ("addresses",)


def widget_id(field_name: str) -> str:
    return f"form-{WIDGET_OF.get(field_name, field_name)}"


class ContactFormScreen(FormBase[int | None]):
    """Add a person, or edit one. Returns the contact's id when saved."""

    HELP = """
# Add or edit a contact

Only the name is required. Each field is checked as you type and a problem is
explained right below it; nothing is saved while a field is wrong, and what
you typed elsewhere stays put.

- **Tab / Shift+Tab**: next / previous field
- **Ctrl+S**: save · **Escape**: close without saving
- **Ctrl+B**: choose who introduced them (the referral chain)
- Several e-mails, phones, links or tags: separate them with commas.
- *Keep in touch*: leave both empty to use the defaults for their circle
  (connectors more often); a contact with no circle has no cadence.
"""

    BINDINGS = [
        Binding("ctrl+b", "pick_introducer", "Introduced by", tooltip="Choose who introduced this person",
                id="form.introducer"),
    ]

    def __init__(self, contact_id: int | None = None, *, name: str = "") -> None:
        super().__init__()
        self.on_save = self._persist  # the form's own write: a new contact, or the edit of this one
        self.contact_id = contact_id
        self.initial_name = name
        self.detail: ContactDetail | None = None
        self.introduced_by_id: int | None = None
        self.introducer_name = ""
        self.errors: dict[str, str] = {}
        self._empty: dict | None = None  # the fields before the contact loaded (see _fill)

    # -- drafts (see draftable.py) ----------------------------------------------
    DRAFT_KIND = "contact-form"
    DRAFT_LOADS_LATER = True  # an edit fills the form from a worker, then calls draft_ready
    SAVE_ERROR_ID = "form-summary"

    def draft_title(self) -> str:
        name = self.query_one("#form-display_name", Input).value.strip()
        what = "Edit contact" if self.contact_id else "Add a person"
        return f"{what} — {name}" if name else what

    def draft_args(self) -> dict:
        return {"contact_id": self.contact_id}

    def draft_extra(self) -> dict:
        return {"introduced_by_id": self.introduced_by_id, "introducer_name": self.introducer_name}

    def restore_extra(self, extra: dict) -> None:
        contact_id = extra.get("introduced_by_id")
        self._set_introducer(contact_id if isinstance(contact_id, int) else None,
                             str(extra.get("introducer_name") or ""))

    # -- layout -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        title = "Edit contact" if self.contact_id else "Add a person"
        # The fields a person fills first come first: who they are and how to reach them,
        # then notes; how they fit the network next; the finer points of the name last.
        text = {field_id: (label, placeholder) for field_id, label, placeholder in TEXT_FIELDS + LIST_FIELDS}

        def row(field_id: str) -> ComposeResult:
            label, placeholder = text[field_id]
            yield from self._row(field_id, label, Input(placeholder=placeholder, id=f"form-{field_id}", compact=True))

        with VerticalScroll(classes="netnet-dialog", id="form-dialog"):
            yield Static(f"[b]{title}[/b]", classes="dialog-title", markup=True)
            for field_id in ("display_name", "organisation", "title", "emails", "phones"):
                yield from row(field_id)
            yield Label("Notes", classes="form-label")
            yield TextArea(id="form-notes", soft_wrap=True, tab_behavior="focus")
            yield from row("tags")
            with Horizontal(classes="form-row spaced"):
                yield Label("Circle", classes="form-label")
                yield Select(Circle.choices(), prompt="no circle yet", id="form-circle", compact=True)
            with Horizontal(classes="form-row spaced"):
                yield Label("Connector", classes="form-label")
                yield Select(ConnectorRole.choices(), prompt="not a connector", id="form-connector",
                             compact=True)
            with Horizontal(classes="form-row spaced"):
                yield Label("Introduced by", classes="form-label")
                yield Button("nobody: I know them myself (ctrl+b)", id="form-introducer", classes="form-picker",
                             compact=True)
            for field_id in ("field", "links", "birthday"):
                yield from row(field_id)
            with Horizontal(classes="form-row"):
                yield Label("Keep in touch", classes="form-label")
                yield Input(placeholder="ideal days", id="form-ideal", classes="form-days", compact=True)
                yield Input(placeholder="max days", id="form-max", classes="form-days", compact=True)
            yield Static("", id="form-cadence-hint", classes="form-hint")
            yield Static("", id="form-error-ideal", classes="field-error")
            yield Static("", id="form-error-max", classes="field-error")
            for field_id in ("given_name", "family_name", "nickname"):
                yield from row(field_id)
            yield from self.buttons()
        yield Footer()  # ctrl+s Save and esc Cancel, always in sight however far the form scrolls

    def _row(self, field_id: str, label: str, widget) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label(label, classes="form-label")
            yield widget
        yield Static("", id=f"form-error-{field_id}", classes="field-error")

    def on_mount(self) -> None:
        self.query_one("#form-summary").display = False
        self.query_one("#form-display_name", Input).value = self.initial_name
        self.query_one("#form-display_name").focus()
        self._cadence_hint()
        if self.contact_id is not None:
            self._empty = self.draft_values()  # what typing while the contact loads is told apart from
            self._load()
        else:
            self.draft_ready()

    @work(thread=True, exclusive=True, group="form-load", exit_on_error=False)
    def _load(self) -> None:
        detail = contacts_service.get_contact(self.app.store, self.contact_id)
        names = contacts_service.names_for(self.app.store, [detail.introduced_by_id]) \
            if detail and detail.introduced_by_id else {}
        self.app.call_from_thread(self._fill, detail, names)

    def _fill(self, detail: ContactDetail | None, names: dict[int, str]) -> None:
        if detail is None:
            self.notify("This contact no longer exists.", severity="error")
            self.dismiss(None)
            return
        # Keys typed while the contact was loading (the form is open at once) are kept over what
        # it loaded: the fill never overwrites typing. (A reload's fill keeps it beside, see FormBase.)
        early: dict = {}
        if self.detail is None and self._empty is not None:
            early = {key: value for key, value in self.draft_values().items()
                     if key != "_extra" and self._empty.get(key) != value}
            self._empty = None
        self.detail = detail
        self.version = detail.version  # the save is refused if the contact moves on meanwhile
        for field_id, _, _ in TEXT_FIELDS:
            self.query_one(f"#form-{field_id}", Input).value = getattr(detail, field_id) or ""
        self.query_one("#form-circle", Select).value = detail.circle or Select.NULL
        self.query_one("#form-connector", Select).value = detail.connector_role or Select.NULL
        self.query_one("#form-emails", Input).value = ", ".join(detail.emails)
        self.query_one("#form-phones", Input).value = ", ".join(detail.phones)
        self.query_one("#form-links", Input).value = ", ".join(m.value for m in detail.methods if m.kind == "link")
        self.query_one("#form-tags", Input).value = ", ".join(detail.tags)
        self.query_one("#form-birthday", Input).value = v.show_birthday(detail.birthday)
        self.query_one("#form-ideal", Input).value = str(detail.ideal_days or "")
        self.query_one("#form-max", Input).value = str(detail.max_days or "")
        self.query_one("#form-notes", TextArea).text = detail.notes
        self._set_introducer(detail.introduced_by_id, names.get(detail.introduced_by_id or 0, ""))
        self._cadence_hint()
        self.draft_ready()  # what the form opened with: the contact as loaded
        if early:
            self.put_values(early)

    # -- checking as you type -------------------------------------------------
    def _show_error(self, field_id: str, error: str | None) -> None:
        widget = self.query_one(f"#form-error-{field_id}", Static)
        if error:
            fresh = field_id not in self.errors
            self.errors[field_id] = error
            widget.update(f"✗ {error}")
            if fresh:
                self.call_after_refresh(widget.scroll_visible, animate=False)
        else:
            self.errors.pop(field_id, None)
            widget.update("")
        target = {"ideal": "#form-ideal", "max": "#form-max"}.get(field_id, f"#form-{field_id}")
        self.query_one(target).set_class(bool(error), "-invalid-field")
        if not self.errors:
            self.query_one("#form-summary", Static).display = False

    def _check(self, field_id: str) -> None:
        def value(name: str) -> str:
            return self.query_one(f"#form-{name}", Input).value

        if field_id == "display_name":
            self._show_error(field_id, v.check_name(value(field_id)))
        elif field_id == "emails":
            self._show_error(field_id, v.check_emails(value(field_id))[1])
        elif field_id == "phones":
            self._show_error(field_id, v.check_phones(value(field_id))[1])
        elif field_id == "links":
            self._show_error(field_id, v.check_links(value(field_id))[1])
        elif field_id == "birthday":
            self._show_error(field_id, v.check_birthday(value(field_id))[1])
        elif field_id in ("ideal", "max"):
            _i, _m, ideal_error, max_error = v.check_cadence(value("ideal"), value("max"))
            self._show_error("ideal", ideal_error)
            self._show_error("max", max_error)
            self._cadence_hint()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("form-"):
            self._check(event.input.id.removeprefix("form-"))

    @on(Select.Changed)
    def _select_changed(self) -> None:
        self._cadence_hint()

    def _cadence_hint(self) -> None:
        circle = self._select("#form-circle")
        role = self._select("#form-connector")
        ideal, maximum, ideal_error, max_error = v.check_cadence(self.query_one("#form-ideal", Input).value,
                                                                 self.query_one("#form-max", Input).value)
        hint = self.query_one("#form-cadence-hint", Static)
        if ideal_error or max_error:
            hint.update("")
            return
        settings = self.app.settings
        cadence = effective_cadence(circle, role, ideal, maximum, settings.cadence_table(),
                                    tuple(settings.connector_cadence))
        if cadence is None:
            hint.update("No keep-in-touch reminders until they have a circle or an interval.")
        elif ideal:
            hint.update(f"A check-in falls due after {cadence.ideal_days} days, overdue after {cadence.max_days}.")
        else:
            hint.update(f"Default for this circle: due after {cadence.ideal_days} days, "
                        f"overdue after {cadence.max_days}.")

    def _select(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return value if isinstance(value, str) else None

    # -- introduced by -----------------------------------------------------------
    @on(Button.Pressed, "#form-introducer")
    def action_pick_introducer(self) -> None:
        self.app.push_screen(
            PickContactScreen("Who introduced this person?", exclude=self.contact_id), self._picked
        )

    def _picked(self, chosen: int | None) -> None:
        if chosen is None:
            return
        if chosen == NOBODY:
            self._set_introducer(None, "")
        else:
            self._name_for(chosen)

    @work(thread=True, group="form-names", exit_on_error=False)
    def _name_for(self, contact_id: int) -> None:
        names = contacts_service.names_for(self.app.store, [contact_id])
        self.app.call_from_thread(self._set_introducer, contact_id, names.get(contact_id, ""))

    def _set_introducer(self, contact_id: int | None, name: str) -> None:
        self.introduced_by_id = contact_id
        self.introducer_name = name
        label = f"{name} (ctrl+b to change)" if contact_id else "nobody: I know them myself (ctrl+b)"
        self.query_one("#form-introducer", Button).label = label

    # -- saving ---------------------------------------------------------------
    def collect(self) -> ContactInput | None:
        """The contact as typed, or None after marking every field that is wrong."""
        for field_id in ("display_name", "emails", "phones", "links", "birthday", "ideal"):
            self._check(field_id)
        if self.errors:
            first = next(iter(self.errors))
            target = {"ideal": "#form-ideal", "max": "#form-max"}.get(first, f"#form-{first}")
            self.query_one(target).focus()
            summary = self.query_one("#form-summary", Static)
            count = len(self.errors)
            summary.update(f"✗ {'One field needs' if count == 1 else f'{count} fields need'} a fix "
                           "before saving; nothing else you typed is lost.")
            summary.display = True
            return None

        def value(name: str) -> str:
            return self.query_one(f"#form-{name}", Input).value

        old_labels = {(m.kind, m.value): m.label for m in (self.detail.methods if self.detail else [])}
        methods: list[Method] = []
        for kind, items in (("email", v.check_emails(value("emails"))[0]),
                            ("phone", v.check_phones(value("phones"))[0]),
                            ("link", v.check_links(value("links"))[0])):
            methods += [Method(kind, item, old_labels.get((kind, item), "")) for item in items]
        if self.detail:  # addresses are not on the form: keep them as they are
            methods += [m for m in self.detail.methods if m.kind == "address"]
        ideal, maximum, *_ = v.check_cadence(value("ideal"), value("max"))
        return ContactInput(
            display_name=value("display_name").strip(),
            given_name=value("given_name"),
            family_name=value("family_name"),
            nickname=value("nickname"),
            circle=self._select("#form-circle"),
            connector_role=self._select("#form-connector"),
            organisation=value("organisation"),
            title=value("title"),
            field=value("field"),
            birthday=v.check_birthday(value("birthday"))[0],
            notes=self.query_one("#form-notes", TextArea).text,
            introduced_by_id=self.introduced_by_id,
            ideal_days=ideal,
            max_days=maximum,
            methods=methods,
            tags=v.check_tags(value("tags")),
        )

    def _persist(self, data: ContactInput) -> int:
        """Runs in the save worker's thread; a contact changed or trashed meanwhile is refused
        (VersionConflict, RecordGone) and FormBase asks what to do."""
        store, clock = self.app.store, self.app.clock
        if self.contact_id is None:
            return contacts_service.create_contact(store, data, clock)
        contacts_service.update_contact(store, self.contact_id, data, clock, expected_version=self.version)
        return self.contact_id

    # -- changed on another device (see forms.FormBase) ------------------------------
    FIELD_LABELS = {"form-ideal": "Keep in touch, ideal days", "form-max": "Keep in touch, max days"}

    def latest(self) -> tuple[ContactDetail, dict[int, str]] | None:
        """On the writing thread: the contact as saved now (None: gone or in the trash)."""
        if self.contact_id is None:
            return None
        detail = contacts_service.get_contact(self.app.store, self.contact_id)
        if detail is None or detail.deleted_at is not None:
            return None
        names = contacts_service.names_for(self.app.store, [detail.introduced_by_id]) \
            if detail.introduced_by_id else {}
        return detail, names

    def refill(self, latest: tuple[ContactDetail, dict[int, str]]) -> None:
        self._fill(*latest)

    def typed_extra_lines(self, typed: dict, fresh: dict) -> list[str]:
        if typed.get("introduced_by_id") == fresh.get("introduced_by_id"):
            return []
        return [f"Introduced by: {typed.get('introducer_name') or 'nobody'}"]

    def saved(self, value: ContactInput, contact_id: int) -> None:
        """The form answers with the contact's id (a conflict or a refused write stayed on the form)."""
        self.app.notify_data_changed()
        self.dismiss(contact_id)
