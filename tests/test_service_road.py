"""One road from a screen to a service: run_service, the app's one error router, write order.

A service that raises in any section is never silent: a fault of ours is logged with
its traceback and named in one sentence that says where the log is; a mistake the
person can fix is its own sentence. The app keeps running either way.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.worker import WorkerState

from netnet.data import contacts as contacts_svc
from netnet.data import followups as followups_svc
from netnet.data import goals as goals_svc
from netnet.data import interviews as interviews_svc
from netnet.data.store import StoreBusy
from netnet.screenshots import settle
from tests import builders
from tests.waiting import wait_until


class Boom(RuntimeError):
    """A fault of ours, as a service might raise it."""


def boom(*args, **kwargs):
    raise Boom("the service broke")


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


def said_and_logged(app, log_file: Path) -> None:
    """One sentence naming the log file, and the traceback in that file."""
    found = [m for m in messages(app) if "Something went wrong (Boom)" in m]
    assert len(found) == 1, messages(app)
    assert str(log_file) in found[0] and "what you typed is still here" in found[0]
    text = log_file.read_text(encoding="utf-8")
    assert "Traceback" in text and "Boom: the service broke" in text


@pytest.fixture
def log_file(tmp_path: Path) -> Path:
    return tmp_path / "log" / "netnet.log"


@pytest.fixture(autouse=True)
def _release_log_handler():
    yield
    import logging

    from netnet.app import LogFileHandler

    logger = logging.getLogger("netnet")
    for handler in [h for h in logger.handlers if isinstance(h, LogFileHandler)]:
        logger.removeHandler(handler)
    logger.propagate = True


# -- a service raises, in each section ------------------------------------------------

async def test_contacts_a_failed_trash_is_said_and_logged(store, clock, make_app, log_file, monkeypatch) -> None:
    builders.person(store, clock, "Tom Becker")
    monkeypatch.setattr(contacts_svc, "trash_contacts", boom)
    app = make_app(store, log_path=log_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        said_and_logged(app, log_file)
        assert app.is_running and type(app.screen).__name__ == "ContactsScreen"
    assert [r.display_name for r in contacts_svc.list_contacts(store)] == ["Tom Becker"]


async def test_goals_a_failed_status_change_is_said_and_logged(store, clock, make_app, log_file,
                                                              monkeypatch) -> None:
    builders.goal(store, clock, "Move into analytics")
    monkeypatch.setattr(goals_svc, "set_goal_status", boom)
    app = make_app(store, log_path=log_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("z")  # pause the goal
        await settle(pilot)
        said_and_logged(app, log_file)
        assert app.is_running and type(app.screen).__name__ == "GoalsScreen"
    [goal] = goals_svc.list_goals(store, clock)
    assert goal.status == "active"


async def test_interviews_a_failed_cancel_is_said_and_logged(store, clock, make_app, log_file,
                                                            monkeypatch) -> None:
    maria = builders.person(store, clock, "Maria Lindqvist")
    builders.interview_draft(store, clock, maria)
    monkeypatch.setattr(interviews_svc, "cancel_interview", boom)
    app = make_app(store, log_path=log_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        said_and_logged(app, log_file)
        assert app.is_running and type(app.screen).__name__ == "InterviewsScreen"
    assert [r.status for r in interviews_svc.list_interviews(store)] == ["draft"]


async def test_followups_a_failed_done_is_said_and_logged(store, clock, make_app, log_file, monkeypatch) -> None:
    builders.followup(store, clock, "Send Tom the article")
    monkeypatch.setattr(followups_svc, "apply_done", boom)
    app = make_app(store, log_path=log_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        said_and_logged(app, log_file)
        assert app.is_running and type(app.screen).__name__ == "FollowupsScreen"
    assert [i.title for i in followups_svc.list_queue(store, clock)] == ["Send Tom the article"]


async def test_a_mistake_the_person_can_fix_is_its_own_sentence_and_not_logged(store, clock, make_app, log_file,
                                                                               monkeypatch) -> None:
    builders.person(store, clock, "Tom Becker")

    def busy(*args, **kwargs):
        raise StoreBusy("Another netnet is writing to this database; nothing was saved — try again in a moment.")

    monkeypatch.setattr(contacts_svc, "trash_contacts", busy)
    app = make_app(store, log_path=log_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d", "y")
        await settle(pilot)
        assert "Another netnet is writing to this database; nothing was saved — try again in a moment." \
            in messages(app)
        assert not any("Something went wrong" in m for m in messages(app))
    assert not log_file.exists() or "Traceback" not in log_file.read_text(encoding="utf-8")


async def test_a_failed_load_reaches_the_router_too(store, clock, make_app, log_file, monkeypatch) -> None:
    """Not only writes: any worker of a screen that fails is reported, never silent."""
    builders.goal(store, clock)
    monkeypatch.setattr(goals_svc, "list_goals", boom)
    app = make_app(store, log_path=log_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        said_and_logged(app, log_file)
        assert app.is_running


# -- order ---------------------------------------------------------------------------------

async def test_a_later_write_never_lands_before_an_earlier_one(store, make_app) -> None:
    """The first write is slow (it waits for a lock, say): the second waits its turn."""
    landed: list[str] = []
    started = threading.Event()
    release = threading.Event()

    def slow(name: str) -> str:
        started.set()
        release.wait(10)
        landed.append(name)
        return name

    def fast(name: str) -> str:
        landed.append(name)
        return name

    done: list[str] = []
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.run_service(slow, "first", done=done.append)
        later = [screen.run_service(fast, "second", done=done.append),
                 screen.run_service(fast, "third", done=done.append)]
        await wait_until(pilot, started.is_set)

        def later_ones_waiting() -> bool:  # their workers run, waiting for their turn
            return all(worker.state == WorkerState.RUNNING for worker in later)

        await wait_until(pilot, later_ones_waiting)
        assert landed == []  # the later ones wait behind the first (had they run, they would have landed)
        release.set()
        await settle(pilot)
        assert landed == ["first", "second", "third"]
        assert done == ["first", "second", "third"]


async def test_done_runs_on_the_interface_thread_after_the_write(store, make_app) -> None:
    seen: list[tuple[str, bool]] = []
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ui = threading.get_ident()
        app.screen.run_service(lambda: threading.get_ident() != ui,
                               done=lambda off_ui: seen.append(("done", off_ui and threading.get_ident() == ui)))
        await settle(pilot)
    assert seen == [("done", True)]


async def test_a_screen_may_show_the_sentence_itself(store, make_app) -> None:
    shown: list[str] = []
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.run_service(boom, failed=shown.append)
        await settle(pilot)
        assert len(shown) == 1 and "Something went wrong (Boom)" in shown[0]
        assert not any("Something went wrong" in m for m in messages(app))


def test_no_screen_reaches_the_app_by_getattr_or_a_helper_of_its_own() -> None:
    """The road is one: no WriteMixin, no per-screen _run, no getattr(self.app, …)."""
    import re

    import netnet.screens

    root = Path(netnet.screens.__file__).parent
    found = []
    for path in sorted(root.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for pattern in (r"getattr\((self\.)?app\b", r"hasattr\((self\.)?app\b", r"class WriteMixin",
                        r"def _run\(", r"# type: ignore\[attr-defined\]"):
            if re.search(pattern, text):
                found.append(f"{path.name}: {pattern}")
    assert found == []
