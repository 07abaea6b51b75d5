"""NetnetApp: the shell around the sections."""

from __future__ import annotations

import logging
import signal
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from weakref import WeakKeyDictionary

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.signal import Signal
from textual.worker import Worker, WorkerState

from netnet import __version__
from netnet.core.clock import Clock
from netnet.data.settings import Settings, load_settings, save_setting
from netnet.data.store import Store
from netnet.screens.base import (
    GuardsLeaving,
    SavesOnExit,
    ServiceDone,
    ServiceFailure,
    WriteQueue,
    failure_sentence,
    start_service,
)

log = logging.getLogger("netnet")


@dataclass(frozen=True)
class Section:
    """A section of the shell: a mode with its own screen stack."""

    mode: str
    key: str
    title: str
    factory: Callable[[], Screen]


def _contacts() -> Screen:
    from netnet.screens.contacts import ContactsScreen

    return ContactsScreen()


def _goals() -> Screen:
    from netnet.screens.goals import GoalsScreen

    return GoalsScreen()


def _interviews() -> Screen:
    from netnet.screens.interviews import InterviewsScreen

    return InterviewsScreen()


def _followups() -> Screen:
    from netnet.screens.followups import FollowupsScreen

    return FollowupsScreen()


def _opportunities() -> Screen:
    from netnet.screens.opportunities import OpportunitiesScreen

    return OpportunitiesScreen()


# A section is listed here as soon as its screen is real.
SECTIONS: list[Section] = [
    Section("contacts", "1", "Contacts", _contacts),
    Section("goals", "2", "Goals", _goals),
    Section("interviews", "3", "Interviews", _interviews),
    Section("followups", "4", "Follow-ups", _followups),
    Section("opportunities", "5", "Opportunities", _opportunities),
]


class NetnetApp(App):
    """netnet: run your professional network from the keyboard."""

    TITLE = "netnet"
    CSS_PATH = "app.tcss"
    HELP = """
# netnet

- **1–5**: switch section (Contacts, Goals, Interviews, Follow-ups, Opportunities)
- **Ctrl+P**: every action by name
- **F1**: help for what has focus
- **F2**: settings
- **q**: quit (when no text field has focus)
"""

    BINDINGS = [
        # Priority: dialogs (modal screens) block the app's ordinary bindings, and
        # help must work everywhere.
        Binding("f1", "toggle_help", "Help", tooltip="Show or hide help for what has focus",
                id="app.help", priority=True),
        Binding("f2", "settings", "Settings", tooltip="Theme, call length, weekend days, keep-in-touch defaults", id="app.settings"),
        Binding("q", "quit", "Quit", tooltip="Quit netnet", id="app.quit"),
    ]

    def __init__(
        self,
        store: Store,
        *,
        clock: Clock | None = None,
        demo: bool = False,
        poll_interval: float = 1.0,
        log_path: Path | None = None,
        blink: bool = True,
        initial_call: int | None = None,
    ) -> None:
        self.store = store
        self.clock = clock or Clock()
        self.demo = demo
        self.log_path = log_path
        self.poll_interval = poll_interval
        self.blink = blink
        self.initial_call = initial_call  # an interview to open as a live call at start
        self.settings: Settings = load_settings(store)
        self.sections = [s for s in SECTIONS]
        self.MODES = {s.mode: s.factory for s in self.sections}
        super().__init__()
        self.data_changed: Signal[None] = Signal(self, "data-changed")
        self._data_version: int | None = None
        self.open_forms: list[Screen] = []  # forms with typing that may need keeping (see draftable.py)
        self.counts = {"contacts": 0, "due_today": 0, "overdue": 0}
        self.write_queue = WriteQueue()  # every write from a screen, in order (screens/base.py)
        # A screen's own place to show a failure (a form's error line), by worker.
        self.failure_handlers: WeakKeyDictionary[Worker, Callable[[str], None]] = WeakKeyDictionary()
        for section in self.sections:
            self.bind(section.key, f"section('{section.mode}')", description=section.title,
                      show=False)

    # -- start-up -----------------------------------------------------------
    def on_mount(self) -> None:
        self._log_to_file()
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.switch_mode(self.sections[0].mode)
        self._install_signal_handlers()
        if self.is_web:
            self._start_browser_session()
        self.store.on_wait = self._store_waiting
        import threading

        self.store.quick_thread = threading.get_ident()  # writes made here must not freeze the screen
        self._await_integrity_check()
        self._start_calls()
        self._offer_drafts()
        self._data_version = self.store.data_version()
        self.store.watch()  # a server's listener; a file needs none
        if self.poll_interval:
            # On a server the listener has already heard the change: reading its count is free,
            # so look often and another device's save shows here well within a second.
            interval = min(self.poll_interval, self.REMOTE_POLL) if self.store.remote else self.poll_interval
            self.set_interval(interval, self._poll_changes, name="poll-changes")

    def _start_calls(self) -> None:
        """Open the call asked for on the command line, or offer to recover an unfinished one."""
        from netnet.screens.call import offer_recovery, open_call

        if self.initial_call is not None:
            open_call(self, self.initial_call)
        else:
            offer_recovery(self)

    @work(thread=True, group="verify", exit_on_error=False)
    def _await_integrity_check(self) -> None:
        """The file's full check runs in the background; a damaged file ends the app, untouched."""
        from netnet.data.store import StoreError

        try:
            self.store.verified()
        except StoreError as exc:
            self.call_from_thread(self.exit, None, 2, f"netnet: {exc}")

    def _install_signal_handlers(self) -> None:
        """Textual does not handle SIGTERM or SIGHUP: save what is typed, then leave."""
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # pragma: no cover
            return
        for sig in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(sig, self._on_terminate_signal, sig)
            except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - not on this OS
                pass

    # Seconds a signalled netnet gives Textual to close before leaving anyway. After
    # SIGHUP the terminal is gone, and restoring it can hang on a dead tty; by then
    # everything typed is already saved (below, synchronously), so leaving is safe.
    HARD_EXIT_SECONDS = 5.0
    exit_guard = False  # set by the command line, which runs the real program

    def _on_terminate_signal(self, sig: int) -> None:
        import os
        import threading

        self.save_on_the_way_out()
        code = 128 + int(sig)
        if self.exit_guard:  # the real program only: a test process must not be ended
            guard = threading.Timer(self.HARD_EXIT_SECONDS, os._exit, args=(code,))
            guard.daemon = True
            guard.start()
        self.exit(return_code=code)

    def save_on_the_way_out(self) -> None:
        """What netnet saves whenever it leaves (quit, a signal, a closed browser, an internal
        error): the writes handed to the writer, a draft of every open form, every screen's typing."""
        self.store.quick_thread = None  # closing: the last saves may wait like any write, the screen is done
        self.write_queue.flush(self.DRAFT_WAIT)  # saves handed to the writer land first
        self.keep_drafts()
        self.save_everything()

    # -- in a browser (netnet serve) ----------------------------------------
    # Under Textual's web driver the browser is the terminal. Closing its tab, reloading it or
    # losing the connection makes textual-serve send "quit", which the driver turns into an
    # ExitApp message: netnet saves first, as on SIGHUP. Keys may still be on their way then
    # (the driver posts keys and that message by different roads), so the save waits for them.
    browser_keys: bool | None = None  # tests set it; otherwise: is the web driver in use?
    _leaving = False  # netnet itself asked to exit (everything saved on its way)

    @property
    def in_browser(self) -> bool:
        return self.is_web if self.browser_keys is None else self.browser_keys

    def exit(self, result=None, return_code: int = 0, message=None) -> None:
        self._leaving = True
        super().exit(result, return_code, message)

    async def on_exit_app(self, message) -> None:
        """Told to quit from outside (the web driver's "quit", its SIGINT): save, then leave."""
        if self._leaving:
            return  # netnet's own exit: saved already
        message.prevent_default()
        self._leaving = True
        import asyncio

        await asyncio.sleep(0.02)  # keys the driver posted just before are queued behind this
        self.call_later(self._leave_from_outside)

    async def _leave_from_outside(self) -> None:
        import asyncio

        try:
            target = self.focused  # keys typed last may still be in the focused widget's queue
            landed = asyncio.Event()
            if target is not None and target.call_later(landed.set):
                try:
                    await asyncio.wait_for(landed.wait(), 1.0)
                except TimeoutError:
                    pass
        finally:
            try:
                self.save_on_the_way_out()
            finally:
                self.exit()

    def tell_browser(self, kind: str, **data) -> None:
        """A message for netnet's page in the browser (netnet/web/static/netnet.js); nothing in a terminal."""
        driver = self._driver
        if self.is_web and driver is not None and hasattr(driver, "write_meta"):
            try:
                driver.write_meta({"type": f"netnet-{kind}", **data})
            except OSError:  # the server is gone; the parent watch below ends the session
                pass

    def _start_browser_session(self) -> None:
        import os

        self._server_pid = os.getppid()
        self.screen_change_signal.subscribe(self, self._screen_changed)
        self.call_after_refresh(self._screen_changed, self.screen)
        self.set_interval(2.0, self._check_server, name="check-server")

    def _screen_changed(self, screen: Screen) -> None:
        self.call_after_refresh(lambda: self.tell_browser("screen", name=type(self.screen).__name__))

    def _check_server(self) -> None:
        """The server that started this session is gone (killed): save and leave."""
        import os

        if os.getppid() != self._server_pid and not self._leaving:
            self._leaving = True
            self.call_later(self._leave_from_outside)

    # -- forms and their drafts ---------------------------------------------
    DRAFT_WAIT = 2.0  # seconds a closing netnet waits for another writer to keep a draft

    def register_form(self, form: Screen) -> None:
        if form not in self.open_forms:
            self.open_forms.append(form)

    def unregister_form(self, form: Screen) -> None:
        if form in self.open_forms:
            self.open_forms.remove(form)

    def keep_drafts(self) -> int:
        """Keep a draft of every open form with typing (synchronously: netnet is closing).

        Runs on the app's thread from a signal handler or the fatal-error path;
        each form is kept on its own, so one failure does not lose the others.
        """
        from netnet.data import drafts

        kept = 0
        offline = self.store.remote and not self.store.online
        for form in list(self.open_forms):
            try:
                if not form.has_typing():
                    continue
            except Exception:  # pragma: no cover - a form being torn down
                continue
            # Known to be offline: the typing goes to a local file before the server is tried.
            file = self._keep_typing_file(form) if offline else None
            try:
                new_id = drafts.keep(self.store, form.DRAFT_KIND, form.draft_title(), form.draft_args(),
                                     form.draft_values(), self.clock, replace_id=form.draft_id,
                                     wait=self.DRAFT_WAIT)
                form.draft_id = new_id
                kept += 1
            except Exception:
                log.exception("keeping a draft of %s failed", form)
                if file is None:
                    self._keep_typing_file(form)
            else:
                if file is not None:
                    file.unlink(missing_ok=True)  # the database has it, to be offered back
        return kept

    def _keep_typing_file(self, form: Screen) -> Path | None:
        """A form's typing in a 0600 recovery file beside the database (when the database itself
        cannot take the draft: the server is away, the disk is full)."""
        from netnet.data.recovery import keep_recovery

        try:
            values = form.draft_values()
            lines = [f"{form.draft_title()}: typing kept because the database could not take it.", ""]
            lines += [f"{name}: {value}" for name, value in values.items() if value not in (None, "", [], False)]
            return keep_recovery(self.store.path, f"draft-{form.DRAFT_KIND}", "\n".join(lines), self.clock.now())
        except Exception:
            log.exception("keeping the typing of %s in a file failed", form)
            return None

    def forget_draft(self, draft_id: int) -> None:
        """A reopened draft was saved or deliberately closed: remove it (in the background)."""
        self._forget_drafts([draft_id])

    @work(thread=True, group="drafts", exit_on_error=False)
    def _forget_drafts(self, draft_ids: list[int]) -> None:
        from netnet.data import drafts
        from netnet.data.store import StoreError

        try:
            drafts.discard(self.store, draft_ids)
        except StoreError as exc:
            self.call_from_thread(self.notify, f"The kept typing could not be removed: {exc}",
                                  severity="warning")

    @work(thread=True, group="drafts", exit_on_error=False)
    def _offer_drafts(self) -> None:
        """At start: typing kept when netnet last closed is offered back."""
        from netnet.data import drafts

        found = drafts.list_drafts(self.store)
        if found:
            self.call_from_thread(self._show_draft_offer, found)

    def _show_draft_offer(self, found) -> None:
        from netnet.screens.draft_offer import offer

        offer(self, found)

    def _store_waiting(self) -> None:
        """The store waits for another process's write lock: say so (from any thread)."""
        import threading

        text = "Waiting for another netnet to finish writing…"
        if getattr(self, "_thread_id", None) == threading.get_ident():
            self.notify(text, title="Database busy", severity="warning", timeout=6)
        else:
            try:
                self.call_from_thread(self.notify, text, title="Database busy", severity="warning", timeout=6)
            except RuntimeError:  # the app is not running (any more)
                pass

    def save_everything(self) -> None:
        """Ask every screen that holds unsaved typing to write it now (synchronously)."""
        for screen in self._all_screens():
            if isinstance(screen, SavesOnExit):
                try:
                    screen.save_now()
                except Exception:  # pragma: no cover - keep saving the others
                    log.exception("saving %s failed", screen)

    def _all_screens(self) -> Iterable[Screen]:
        seen: set[int] = set()
        stacks = list(self._screen_stacks.values()) if hasattr(self, "_screen_stacks") else [self.screen_stack]
        for stack in stacks:
            for screen in stack:
                if id(screen) not in seen:
                    seen.add(id(screen))
                    yield screen

    def on_descendant_focus(self, event) -> None:
        """Tests and screenshots switch cursor blink off so pictures are stable."""
        if not self.blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False

    # -- refresh when another process writes --------------------------------
    REMOTE_POLL = 0.25  # seconds between looks at a server listener's count
    _online = True

    def _poll_changes(self) -> None:
        self._check_online()
        try:
            version = self.store.data_version()
        except Exception:  # pragma: no cover - a locked file: try again next tick
            return
        if version != self._data_version:
            self._data_version = version
            self._data_changed()

    def _check_online(self) -> None:
        """Say in words when the database server stops or starts answering (the header says it too)."""
        online = self.store.online
        if online == self._online:
            return
        self._online = online
        if getattr(self.screen, "SAYS_OFFLINE", False):
            pass  # the screen says it in its own words (a call: where its notes are kept)
        elif online:
            self.notify("The database server answers again.", title="Back online", timeout=5)
        else:
            self.notify("The database server does not answer. Nothing typed is lost: netnet keeps it and "
                        "keeps trying.", title="Offline", severity="warning", timeout=10)
        self._set_counts({})

    def notify_data_changed(self) -> None:
        """Called after this process wrote, so every open view refreshes now."""
        self._data_version = self.store.data_version()
        self._data_changed()

    def _data_changed(self) -> None:
        self.data_changed.publish(None)
        self.update_counts()  # the header's counts follow the data, wherever it changed

    # -- header counts ------------------------------------------------------
    def update_counts(self) -> None:
        self._count_worker()

    def followup_counts(self) -> dict[str, int]:
        """Due today and overdue, for the header (runs in the count worker's thread).

        The first count after start-up says once, in words, when something is overdue.
        """
        from netnet.data.followups import queue_counts

        counts = queue_counts(self.store, self.clock, self.settings)
        if not getattr(self, "_followups_announced", False):
            self._followups_announced = True
            overdue = counts["overdue"]
            if overdue:
                things = "1 follow-up is" if overdue == 1 else f"{overdue} follow-ups are"
                self.call_from_thread(self.notify, f"‼ {things} overdue. Press 4 to see them.",
                                      title="Follow-ups", severity="warning", timeout=8)
        return counts

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def _count_worker(self) -> None:
        from netnet.data.contacts import count_contacts

        counts = {"contacts": count_contacts(self.store)}
        counter = getattr(self, "followup_counts", None)
        if counter is not None:
            self.call_from_thread(self._set_counts, dict(counts))  # the contact count at once
            counts.update(counter())
        self.call_from_thread(self._set_counts, counts)

    def _set_counts(self, counts: dict[str, int]) -> None:
        self.counts.update(counts)
        n = self.counts["contacts"]
        parts = ["1 contact" if n == 1 else f"{n:,} contacts"]
        if "due_today" in counts:
            parts.append(f"{self.counts['due_today']} due today")
            if self.counts.get("overdue"):
                parts.append(f"‼ {self.counts['overdue']} overdue")
        if self.demo:
            parts.append("demo")
        if not self._online:
            parts.append("⚠ offline")
        self.sub_title = " · ".join(parts)

    # -- actions ------------------------------------------------------------
    def open_contact(self, contact_id: int) -> None:
        """Show one person's page on top of the current section's stack."""
        from netnet.screens.contact import ContactScreen

        current = self.screen
        if isinstance(current, ContactScreen) and current.contact_id == contact_id:
            return
        self.push_screen(ContactScreen(contact_id))

    def open_notes_search(self) -> None:
        """Who told me…: the search across every note, on top of the current section's stack."""
        from netnet.screens.notes_search import NotesSearchScreen

        if not isinstance(self.screen, NotesSearchScreen):
            self.push_screen(NotesSearchScreen())

    def confirm(self, question: str, yes: str, no: str, *, body: str = "",
                then: Callable[[bool | None], None]) -> None:
        """Ask one yes/no question with the one confirm dialog; ``then(answer)``."""
        from netnet.screens.dialogs import ConfirmDialog

        self.push_screen(ConfirmDialog(question, yes, no, body=body), then)

    def action_section(self, mode: str) -> None:
        if self.current_mode == mode:
            return
        screen = self.screen
        if isinstance(screen, GuardsLeaving):
            screen.confirm_leave(lambda: self.switch_mode(mode))
            return
        self.switch_mode(mode)

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_hide_help_panel(self) -> None:
        self.screen.query("HelpPanel").remove()
        self.screen.remove_class("-help-open")

    def action_show_help_panel(self) -> None:
        """netnet's help panel: the screen's keys in full, scrolling (widgets/help_panel.py); a
        narrow screen sets its side column aside meanwhile (``-help-open``), so notes keep their room."""
        from netnet.widgets.help_panel import NetnetHelp

        if not self.screen.query("HelpPanel"):
            self.screen.add_class("-help-open")
            self.screen.mount(NetnetHelp())

    def action_settings(self) -> None:
        from netnet.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen(self.settings), self._settings_saved)

    def _settings_saved(self, settings: Settings | None) -> None:
        if settings is None:
            return
        self.settings = settings
        self.notify("Settings saved.")
        self.notify_data_changed()

    def watch_theme(self, theme: str) -> None:
        if getattr(self, "settings", None) is not None and theme != self.settings.theme:
            self.settings.theme = theme
            self._save_theme(theme)

    @work(thread=True, group="settings", exit_on_error=False)
    def _save_theme(self, theme: str) -> None:
        save_setting(self.store, "theme", theme)

    def action_quit(self) -> None:
        screen = self.screen
        if isinstance(screen, GuardsLeaving):
            screen.confirm_leave(self._really_quit)
            return
        self._really_quit()

    def _really_quit(self) -> None:
        # ctrl+q works inside a form too: its typing is kept as a draft, offered at the next start
        self.save_on_the_way_out()
        self.exit()

    # -- command palette: every action by name ------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """netnet's actions, each once: this screen's first, then the sections, files and the app's own.

        Textual's generic entries (its "Keys" panel, maximize, screenshot) are not
        netnet's; the theme and quitting are kept under plain names."""
        titles: set[str] = set()
        for command in self._palette(screen):
            if command.title not in titles:
                titles.add(command.title)
                yield command

    def _palette(self, screen: Screen) -> Iterable[SystemCommand]:
        from netnet.screens.export_dialog import file_commands
        from netnet.screens.import_dialog import import_commands

        yield from screen_commands(screen)
        for section in self.sections:
            yield SystemCommand(
                f"Go to {section.title}", f"Switch to the {section.title} section (key {section.key})",
                lambda mode=section.mode: self.action_section(mode),
            )
        yield SystemCommand("Who told me about… (search every note)",
                            "One search across call notes, answers, lessons and logged calls or meetings "
                            "(key w in Interviews)", self.open_notes_search)
        yield from import_commands(self)
        yield from file_commands(self)
        yield SystemCommand("Help for this screen", "Every key of this screen, and what it does (F1)",
                            self.action_toggle_help)
        yield SystemCommand("Settings", "Theme, call length, weekend days, keep-in-touch defaults (F2)",
                            self.action_settings)
        yield SystemCommand("Change the theme", "Pick light, dark or another colour theme", self.action_change_theme)
        yield SystemCommand("Quit netnet", "Save everything and close netnet (q)", self.action_quit)

    # -- services -------------------------------------------------------------
    def run_service(self, fn: Callable, *args, done: Callable | None = None, **kwargs) -> Worker:
        """The app's own writes (opening a call from the command line) take the screens' road."""
        return start_service(self, self, fn, *args, done=done, **kwargs)

    def on_service_done(self, message: ServiceDone) -> None:
        if message.done is not None:
            message.done(message.result)

    # -- errors -------------------------------------------------------------
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The app's own workers; screens forward theirs (screens/base.py)."""
        self.route_worker(event.worker, event.state)

    def route_worker(self, worker: Worker, state: WorkerState) -> None:
        """The one router for a worker's failure: never silent, the typing on screen kept.

        A mistake the person can fix (validation, a version conflict, a refused
        file, a lock) becomes its own sentence; anything else is logged with its
        traceback and said in one sentence naming the log file. The sentence goes
        where the screen asked (a form's error line) or into a notification.
        """
        if state is WorkerState.SUCCESS and isinstance(worker.result, ServiceFailure):
            error: BaseException = worker.result.error  # a service called with run_service raised
        elif state is WorkerState.ERROR and worker.error is not None:
            error = worker.error
        else:
            if state in (WorkerState.SUCCESS, WorkerState.CANCELLED):
                self.failure_handlers.pop(worker, None)
            return
        sentence = failure_sentence(error, self.store.path, self.log_path)
        handler = self.failure_handlers.pop(worker, None)
        if isinstance(error, KeyError):  # the row went away: show what is there now
            self.notify_data_changed()
        if handler is not None:
            try:
                handler(sentence)
                return
            except Exception:  # the screen is gone: say it in a notification
                log.info("failure handler of %s could not show its sentence", worker)
        self.notify(sentence, title="Not done", severity="error", timeout=10)

    def _log_to_file(self) -> None:
        """Errors logged anywhere in netnet (``logging.getLogger("netnet")``) go to the log file,
        with their traceback, so "details are in the log" is true."""
        for handler in [h for h in log.handlers if isinstance(h, LogFileHandler)]:
            log.removeHandler(handler)  # one app per process; a test may start several
        if self.log_path is None:
            log.propagate = True
            return
        log.addHandler(LogFileHandler(self.log_path))
        log.propagate = False  # the terminal belongs to the app: nothing on stderr under it


    def _fatal_error(self) -> None:
        """Write the traceback to the log file and show one line that points to it."""
        from rich.text import Text

        error = self._exception
        where = self.log_path
        if where is not None and error is not None:
            from netnet.data.files import append_private
            from netnet.data.store import StoreError

            try:
                append_private(where, "".join(traceback.format_exception(error)) + "\n")
            except (OSError, StoreError):
                where = None
        self.save_on_the_way_out()
        self.bell()
        message = f"netnet {__version__} hit an internal error"
        message += f"; details were written to {where}" if where else f": {error!r}"
        self._exit_renderables.append(Text(message + "."))
        self._close_messages_no_wait()


class LogFileHandler(logging.Handler):
    """Appends errors to netnet's log file (0600, through the one writer); never raises."""

    def __init__(self, path: Path) -> None:
        super().__init__(logging.ERROR)
        self.path = path
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        from netnet.data.files import append_private

        try:
            append_private(self.path, self.format(record) + "\n\n")
        except Exception:  # pragma: no cover - a log that cannot be written must not stop netnet
            pass


# Keys that only move the cursor: the palette lists what netnet does, not how to move.
MOVES_ONLY = {"list.up", "list.down", "list.pageup", "list.pagedown", "list.first", "list.last",
              "pick.up", "pick.down", "notes.up", "notes.down", "notes.pageup", "notes.pagedown"}


def screen_commands(screen: Screen) -> Iterable[SystemCommand]:
    """Palette entries for netnet's own bindings on the screen and the widgets around the focus.

    A screen names its actions as a person would say them in ``PALETTE_NAMES``
    (action: name), so "Delete or remove contact" rather than the footer's short
    "Delete"; removal always has both words, so either finds it. Textual's own
    widget keys (cursor moves, "Bottom") and the app's keys (listed once by the
    app) are left out; each name appears once.
    """
    seen: set[str] = set()
    titles: set[str] = set()
    nodes = [screen, *(screen.focused.ancestors_with_self if screen.focused else [])]
    for node in dict.fromkeys(nodes):
        if node is screen.app or not type(node).__module__.startswith("netnet."):
            continue
        names: dict[str, str] = getattr(node, "PALETTE_NAMES", {})
        for binding in getattr(node, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action in seen or binding.id in MOVES_ONLY:
                continue
            if not hasattr(node, "action_" + binding.action.split("(", 1)[0]):
                continue  # a key that only says where to go instead (e.g. / outside Contacts)
            title = names.get(binding.action, binding.description)
            if title in titles:
                continue
            seen.add(binding.action)
            titles.add(title)
            help_text = binding.tooltip or binding.description
            key = binding.key_display or binding.key.split(",")[0]
            yield SystemCommand(
                title, f"{help_text} (key {key})",
                lambda node=node, action=binding.action: screen.run_action(action, node),
            )
