"""'Saved' appears only after a write known to have landed: a save that touches no row
(the interview is gone, e.g. the database was restored from an older backup in
another terminal) keeps the typing in a recovery file and says so."""

from __future__ import annotations

import sqlite3
import stat

import pytest

from netnet.data import interviews as svc
from netnet.screens.call import CallScreen
from netnet.screenshots import settle


def _remove_behind_our_back(db_path, interview_id: int) -> None:
    """What a restore from a backup made before the call does to its row."""
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("PRAGMA foreign_keys = ON")
        other.execute("DELETE FROM interview WHERE id = ?", (interview_id,))
    finally:
        other.close()


def test_autosave_of_a_vanished_interview_is_a_failure(demo_store, clock) -> None:
    iid = svc.quick_call(demo_store, clock, "Maria Lindqvist")
    _remove_behind_our_back(demo_store.path, iid)
    with pytest.raises(svc.InterviewGone):
        svc.autosave(demo_store, clock, iid, notes="typed after the restore", elapsed=30)
    with pytest.raises(svc.InterviewGone):
        svc.save_wrapup(demo_store, clock, iid, learned="x")


def test_autosave_refuses_a_reused_id(demo_store, clock) -> None:
    """After a restore the same id can name another interview: the uuid tells them apart."""
    iid = svc.quick_call(demo_store, clock, "Maria Lindqvist")
    with pytest.raises(svc.InterviewGone):
        svc.autosave(demo_store, clock, iid, notes="not mine", uuid="another-interview")
    assert svc.get_interview(demo_store, iid).notes == ""


async def test_call_notes_go_to_a_recovery_file_when_the_row_is_gone(demo_store, clock, make_app) -> None:
    iid = svc.quick_call(demo_store, clock, "Maria Lindqvist")
    app = make_app(demo_store, initial_call=iid)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CallScreen)
        await pilot.press(*"before")
        clock.advance(1)
        screen.tick()
        assert "Saved" in str(screen.query_one("#call-status").render())
        _remove_behind_our_back(demo_store.path, iid)
        await pilot.press(*" and after the restore")
        clock.advance(1)
        screen.tick()
        await pilot.pause()
        status = str(screen.query_one("#call-status").render())
        assert "NOT SAVED" in status and "Saved" not in status.replace("NOT SAVED", "")
        assert screen.recovery_path is not None
        assert str(screen.recovery_path) in status.replace("\n", "")
        kept = screen.recovery_path.read_text(encoding="utf-8")
        assert "before and after the restore" in kept
        assert stat.S_IMODE(screen.recovery_path.stat().st_mode) == 0o600
        # ending the call cannot lose the notes either: the screen stays, the file is current
        await pilot.press(*" more")
        screen.end_call()
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        assert "before and after the restore more" in screen.recovery_path.read_text(encoding="utf-8")
