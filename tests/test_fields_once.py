"""A contact's fields are defined once (core.fields): the form, the import and merge
services and the CSV export all follow that one list."""

from __future__ import annotations

from netnet.core.fields import CONTACT_FIELDS, EDITABLE, IMPORT_FILL, IMPORT_REFRESH, MERGE_FILL


def test_the_editable_fields_are_the_contact_rows_columns(store) -> None:
    columns = {r["name"] for r in store.conn().execute("PRAGMA table_info(contact)")}
    assert set(EDITABLE) <= columns
    from netnet.core.records import ContactFields, ContactInput
    from netnet.data.contacts import ContactDetail

    # The records spell the fields once (ContactFields) and both roads take them from there.
    assert set(ContactFields.__dataclass_fields__) == set(EDITABLE)
    from netnet.data.exports import ExportContact

    assert all(issubclass(record, ContactFields) for record in (ContactInput, ContactDetail, ExportContact))


def test_services_derive_their_lists_from_the_one_definition() -> None:
    from netnet.data import contacts, imports, merge

    assert contacts.EDITABLE == EDITABLE
    assert imports.FILL == IMPORT_FILL and imports.REFRESH == IMPORT_REFRESH
    assert merge._FILLABLE == MERGE_FILL
    assert "display_name" not in MERGE_FILL and "notes" not in MERGE_FILL  # the merge writes those itself


def test_the_csv_export_writes_every_field_that_has_a_column_in_that_order() -> None:
    from netnet.io.csv_io import EXPORT_COLUMNS

    columns = [f.csv for f in CONTACT_FIELDS if f.csv]
    assert list(EXPORT_COLUMNS[:len(columns)]) == columns


async def test_the_contact_form_has_a_widget_for_every_field(store, make_app) -> None:
    from netnet.screens.contact_form import NOT_IN_FORM, ContactFormScreen, widget_id
    from netnet.screenshots import settle

    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.push_screen(ContactFormScreen())
        await settle(pilot)
        missing = [f.name for f in CONTACT_FIELDS
                   if f.name not in NOT_IN_FORM and not app.screen.query(f"#{widget_id(f.name)}")]
        assert missing == []
