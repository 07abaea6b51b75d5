"""One way from a screen to a service.

Every screen and dialog of netnet derives from :class:`NetnetScreen` or
:class:`NetnetModal` (or mixes :class:`ServiceCaller` into another screen
class). That gives it:

- ``self.app`` typed as :class:`netnet.app.NetnetApp` (its real methods are called, no
  looking them up by name);
- :meth:`ServiceCaller.run_service`, the one road to a service that writes:
  ``run_service(fn, *args, done=…)`` runs ``fn(*args)`` off the interface's
  thread and posts :class:`ServiceCaller.ServiceDone` back to the screen, whose
  handler calls ``done(result)``;
- failures routed to the app's one ``Worker.StateChanged`` handler
  (``NetnetApp.route_worker``): a mistake the person can fix becomes one sentence
  on screen, anything else is logged with its traceback and named by one
  sentence that says where the log is.

Writes are serialised: every ``run_service`` call hands its job, in the order
the calls were made, to one writing thread (:class:`WriteQueue`, one for the
app). A later save therefore never lands before an earlier one, autosaves
included. SQLite lets one connection write at a time anyway, so one writer
thread costs nothing and removes every ordering question.

The only writes left on the interface's thread are the saves on quit, on a
signal and on an internal error (``save_now`` below, ``NetnetApp.keep_drafts``):
netnet is closing, and those must have landed before it goes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar, cast, runtime_checkable

from textual import events
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import ModalScreen, Screen
from textual.worker import Worker

from netnet.screens.dialog_css import DIALOG_CSS

if TYPE_CHECKING:  # the type only: screens never import the app at run time (layers)
    from netnet.app import NetnetApp

log = logging.getLogger("netnet")

ResultType = TypeVar("ResultType")

# Errors a person can act on: their message is already one sentence for them.
FIXABLE_NAMES = ("StoreError", "InvalidInput", "AskRefused", "VersionConflict", "FollowupError",
                 "InterviewGone", "CannotUndo", "MergeError", "ValueError")


def is_fixable(exc: BaseException) -> bool:
    """Whether the error is a mistake or a state the person can fix (its message is the sentence)."""
    return isinstance(exc, KeyError) or any(cls.__name__ in FIXABLE_NAMES for cls in type(exc).__mro__)


def failure_sentence(exc: BaseException, db_path=None, log_path=None) -> str:
    """One sentence for a failed service call; faults of ours are logged with their traceback.

    A refused file, a lock or a full disk (also as SQLite's own or SQLAlchemy's
    error, when ``db_path`` says which database) gets the data layer's sentence;
    a validation error or a version conflict its own; anything else is written
    to the log and the sentence names the log file (``log_path``).
    """
    from netnet.data.store import StoreError, explain

    if isinstance(exc, StoreError):
        return str(exc)
    found = explain(exc, db_path) if db_path is not None and isinstance(exc, Exception) else None
    if found is not None:
        return str(found)
    if isinstance(exc, KeyError):
        return "This item no longer exists; nothing was saved."
    if is_fixable(exc):
        return str(exc)
    if isinstance(exc, OSError):
        return f"Could not save: {exc.strerror or exc}; what you typed is still here."
    log.error("a service call failed", exc_info=exc)
    where = f" ({log_path})" if log_path else ""
    return (f"Something went wrong ({type(exc).__name__}); details are in the log{where} "
            "and what you typed is still here.")


class WriteQueue:
    """One writing thread: jobs run one after another, in the order they were handed in."""

    def __init__(self) -> None:
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="netnet-writes")
            return self._executor.submit(fn, *args, **kwargs)

    def flush(self, timeout: float) -> bool:
        """Wait (at most ``timeout`` seconds) for the writes handed in so far: netnet is closing,
        and its last synchronous saves must not land before them. True when all have landed."""
        with self._lock:
            executor = self._executor
        if executor is None:
            return True
        try:
            executor.submit(lambda: None).result(timeout)
        except Exception:  # still waiting for a lock: the closing saves go ahead (they wait too)
            return False
        return True

    def shutdown(self) -> None:
        """Queued writes still run; nothing new is accepted."""
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=False)
                self._executor = None


@runtime_checkable
class SavesOnExit(Protocol):
    """A screen that holds typing only it can write: saved synchronously on every way out."""

    def save_now(self) -> bool: ...


@runtime_checkable
class GuardsLeaving(Protocol):
    """A screen that asks before the section is switched or netnet quits (a running call)."""

    def confirm_leave(self, proceed: Callable[[], None]) -> None: ...


@dataclass(frozen=True)
class ServiceFailure:
    """What a service worker returns when the service raised: the worker itself ends normally,
    so waiting for workers (tests, screenshots) is not an error; the app's router reports it."""

    error: Exception


@dataclass
class ServiceDone(Message, bubble=False):
    """A service call made with ``run_service`` finished; ``done`` gets its result."""

    result: Any
    done: Callable[[Any], None] | None


def start_service(node: MessagePump, app: NetnetApp, fn: Callable[..., Any], *args: Any,
                  done: Callable[[Any], None] | None = None,
                  failed: Callable[[str], None] | None = None, **kwargs: Any) -> Worker:
    """Hand ``fn(*args)`` to the app's writing thread now (so the order of calls is the order of
    writes) and watch it from a thread worker on ``node``, which posts ``ServiceDone`` to ``node``.

    A failure is the worker's result (``ServiceFailure``); ``node`` forwards the worker's state
    change to ``NetnetApp.route_worker``, which reports it.
    """
    def job() -> Any:
        result = fn(*args, **kwargs)
        node.post_message(ServiceDone(result, done))  # from the writing thread: in the order written
        return result

    future = app.write_queue.submit(job)

    def wait() -> Any:
        try:
            return future.result()
        except Exception as exc:  # routed by NetnetApp.route_worker, like a worker's own error
            return ServiceFailure(exc)

    worker = node.run_worker(wait, thread=True, group="service", exit_on_error=False,
                             name=getattr(fn, "__name__", "service"))
    if failed is not None:
        app.failure_handlers[worker] = failed
    return worker


class ServiceCaller:
    """Mix into a Screen or ModalScreen: a typed app and the one road to a service."""

    @property
    def app(self) -> NetnetApp:  # type: ignore[override]
        return cast("NetnetApp", super().app)  # type: ignore[misc]

    def run_service(self, fn: Callable[..., Any], *args: Any, done: Callable[[Any], None] | None = None,
                    failed: Callable[[str], None] | None = None, **kwargs: Any) -> Worker:
        """Run ``fn(*args, **kwargs)`` on the writing thread; ``done(result)`` once it returned.

        ``failed(sentence)`` shows a failure where the person is looking (a form's
        error line); without it the app says the sentence in a notification.
        """
        return start_service(cast(Screen, self), self.app, fn, *args, done=done, failed=failed, **kwargs)

    def on_service_done(self, message: ServiceDone) -> None:
        if message.done is not None and cast(Screen, self).is_attached:
            message.done(message.result)

    def _on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker of a screen reports to the app's one router (the message does not bubble)."""
        self.app.route_worker(event.worker, event.state)

    def written(self, message: str | None = None) -> None:
        """After a write: say what happened and refresh every view."""
        if message:
            self.app.notify(message)
        self.app.notify_data_changed()


# `/` in a section without a search of its own says where searching is.
NO_SEARCH_HERE = "Search is in Contacts: press 1, then / (this list shows everything at once)."


class NetnetScreen(ServiceCaller, Screen[ResultType]):
    """A full screen of netnet.

    A key whose action does not apply now is shown dimmed in the footer
    (``check_action`` returns None); pressing it says why, in the words of
    :meth:`disabled_reason`, instead of doing nothing.

    ``HOME_FOCUS`` names the widget a screen's keys belong to (a section's list).
    Whenever the screen comes back (a form or dialog closed, the section was
    switched to) with nothing focused, a hidden widget focused, or an empty text
    box focused, the focus returns to that widget, or to nothing while it is
    hidden (an empty section), so keys reach the screen's own bindings. Textual's
    own auto-focus is off for such screens: it would pick the first focusable
    widget, even a hidden search box, and swallow the next key typed.
    """

    HOME_FOCUS: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.HOME_FOCUS:
            cls.AUTO_FOCUS = ""

    def on_screen_resume(self) -> None:
        if self.HOME_FOCUS:
            self.focus_home()

    def focus_home(self, force: bool = False) -> None:
        """Give the keys back to the screen's list (see the class's note); ``force`` even from
        a text box with typing in it."""
        from textual.widgets import Input

        focused = self.focused
        if focused is not None and not force and shown(focused) and not (
                isinstance(focused, Input) and not focused.value):
            return
        home = self.query(self.HOME_FOCUS).first()
        self.set_focus(home if shown(home) else None)

    def disabled_reason(self, action: str) -> str | None:
        """Why ``action`` does nothing now (said when its key is pressed), or None to stay quiet."""
        if action == "search" and not hasattr(self, "action_search"):
            return NO_SEARCH_HERE
        return None

    def on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            action = binding.action.split("(", 1)[0]
            if self.check_action(action, ()) is True:
                continue
            reason = self.disabled_reason(action)
            if reason:
                event.stop()
                event.prevent_default()
                self.app.notify(reason, severity="warning")
                return


def shown(widget: Any) -> bool:
    """Whether a widget and every one of its ancestors is displayed."""
    node = widget
    while node is not None and hasattr(node, "display"):
        if not node.display:
            return False
        node = node.parent
    return True


class NetnetModal(ServiceCaller, ModalScreen[ResultType]):
    """A dialog of netnet: centred, styled by the one dialog stylesheet (``dialog_css.py``)."""

    DEFAULT_CSS = DIALOG_CSS
    SCOPED_CSS = False  # one stylesheet for every dialog, loaded once, addressed by class

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=" ".join(filter(None, ("netnet-dialog-screen", classes))))
