"""The one stylesheet of netnet's dialogs.

Every dialog is a ``NetnetModal`` (``screens/base.py``), which carries this
stylesheet (unscoped, so it is loaded once for all of them) and the class
``netnet-dialog-screen`` that centres it. A dialog puts its content in one box
with the class ``netnet-dialog``; inside, the same classes mean the same thing
everywhere: ``dialog-title``, ``dialog-hint``, ``dialog-danger``, ``field-label``,
``field-error`` (the one-sentence error line), ``dialog-buttons``, and the rows
of the forms (``form-row`` with a ``form-label`` beside the field, ``dialog-row``
for short labels). Rules that name an id are the few places where one dialog's
content needs its own size (the message's text, the contact's notes).

Theme variables only, no hex colours; every dialog fits 80x24 (``max-width`` and
``max-height`` 100%, the box scrolls).
"""

DIALOG_CSS = """
.netnet-dialog-screen {
    align: center middle;
}

/* the box */
.netnet-dialog {
    width: 80;
    max-width: 100%;
    height: auto;
    max-height: 100%;
    border: thick $primary;
    background: $surface;
    padding: 0 1;
}
.dialog-title {
    text-style: bold;
    padding: 0 0 1 0;
}
.dialog-hint, .form-hint {
    color: $text-muted;
}
.dialog-danger {
    color: $error;
    text-style: bold;
}
.field-label {
    padding: 0 0 0 1;
    color: $text-muted;
}
.field-error {
    color: $error;
    height: auto;
    min-height: 1;
    padding-left: 1;
}
.dialog-buttons {
    height: auto;
    align-horizontal: right;
    margin-top: 1;
}
.dialog-buttons Button {
    margin-left: 1;
}

/* a row: a label beside its field (the contact form, the follow-up dialog) */
.form-row {
    height: auto;
}
.form-row.spaced {
    margin-bottom: 1;
}
.form-label {
    width: 15;
    padding: 0 1 0 0;
}
.form-row Input, .form-row Select, .form-row .form-picker {
    width: 1fr;
}
.form-row .form-days {
    width: 1fr;
    margin-right: 1;
}
.form-row .form-picker {
    content-align: left middle;
    text-align: left;
}
.-invalid-field {
    text-style: underline;
    color: $error;
}
.dialog-row {
    height: auto;
    margin: 0 0 1 0;
}
.dialog-row Label {
    width: 10;
    padding: 0 1 0 0;
}
.dialog-row Input, .dialog-row Select {
    width: 1fr;
}

/* the contact form: errors line up with the fields, beside their labels */
#form-dialog .field-error {
    padding-left: 15;
}
#form-dialog #form-summary {
    padding-left: 0;
}
#form-notes {
    height: 6;
}

/* a form after "Reload": what the person typed, beside the fields, to copy (forms.FormBase) */
#your-typing {
    height: auto;
    max-height: 8;
    border: round $warning;
    border-title-align: left;
    margin: 0 0 1 0;
}

/* the conflict dialog: at the foot, the form and its typing in sight above; the sentence, then the choices */
.conflict-screen {
    align: center bottom;
}
#conflict-choices {
    margin-top: 1;
}

/* the contact dialogs: pick a person, log an interaction */
#pick-dialog {
    height: 80%;
}
#pick-table {
    height: 1fr;
}
#log-kind, #answer-options {
    height: auto;
    max-height: 8;
}

/* the follow-up dialogs: the message to send, and the one typed with a follow-up */
#draft-dialog {
    width: 90;
}
#draft-text {
    height: 14;
}
#fu-draft {
    height: 6;
    margin: 0 0 1 0;
    background: $boost;
}

/* the call's dialogs: a line of text, a short number field */
.call-dialog-text {
    padding: 1 0;
}
.call-dialog-row {
    height: auto;
}
.call-dialog-label {
    padding: 1 1 0 0;
}
.call-dialog-row Input {
    width: 10;
}

/* settings */
.settings-row {
    height: auto;
}
.settings-label {
    padding: 1 1 0 0;
    width: auto;
}
.settings-row .settings-label {
    width: 24;
}
.settings-row Input, .settings-row Select {
    width: 1fr;
}
#settings-weekend {
    height: auto;
}
#settings-weekend Checkbox {
    width: auto;
    padding: 0;
}
#settings-cadence {
    grid-size: 3;
    grid-columns: 1fr 12 12;
    grid-rows: 3;
    height: auto;
}
#settings-cadence Label {
    padding: 1 0 0 0;
}
#settings-error {
    padding-left: 0;
}
"""
