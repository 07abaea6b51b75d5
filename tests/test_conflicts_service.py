"""Edits from a copy read earlier, on both engines: the version check is part of the write.

A stale edit is refused with "changed on another device" and the row's current version (so
an overwrite can be asked for on purpose); a row removed meanwhile is refused as gone and
never brought back; and two saves at once cannot both win, on PostgreSQL too.
"""

from __future__ import annotations

import threading

import pytest

from netnet.data import contacts as contacts_svc
from netnet.data import followups as followups_svc
from netnet.data import goals as goals_svc
from netnet.data import versions
from netnet.data.contacts import ContactInput
from netnet.data.errors import RecordGone, VersionConflict
from netnet.data.goals import GoalInput, PlanInput, TargetInput
from tests import builders
from tests.waiting import wait_for


def refused(fn, *args, **kwargs) -> VersionConflict:
    with pytest.raises(VersionConflict) as caught:
        fn(*args, **kwargs)
    return caught.value


# -- a stale edit -------------------------------------------------------------------

def test_a_stale_contact_edit_is_refused_then_an_overwrite_with_the_fresh_version_lands(store, clock) -> None:
    tom = builders.person(store, clock, "Tom Becker")
    contacts_svc.update_contact(store, tom, ContactInput("Tom Becker", organisation="Acme"), clock,
                                expected_version=1)
    exc = refused(contacts_svc.update_contact, store, tom, ContactInput("Tom B."), clock, expected_version=1)
    assert not isinstance(exc, RecordGone)
    assert str(exc) == "Tom Becker was changed on another device since you opened this form; nothing was saved."
    assert exc.current_version == 2
    assert contacts_svc.get_contact(store, tom).organisation == "Acme"
    # Overwrite: the same typing, with the version the refusal reported.
    contacts_svc.update_contact(store, tom, ContactInput("Tom B."), clock, expected_version=exc.current_version)
    saved = contacts_svc.get_contact(store, tom)
    assert (saved.display_name, saved.organisation, saved.version) == ("Tom B.", "", 3)


def test_each_update_refuses_a_version_that_moved_on(store, clock) -> None:
    goal = builders.goal(store, clock, "Analytics")
    goals_svc.update_goal(store, goal, GoalInput("career_change", "Analytics, soon"), clock, expected_version=1)
    for stale in (1, 0):
        exc = refused(goals_svc.update_goal, store, goal, GoalInput("career_change", "Stale"), clock,
                      expected_version=stale)
        assert "The goal “Analytics, soon” was changed on another device" in str(exc)
        assert exc.current_version == 2
    assert [g.title for g in goals_svc.list_goals(store, clock)] == ["Analytics, soon"]
    assert goals_svc.goal_for_edit(store, goal) == (GoalInput("career_change", "Analytics, soon"), 2)

    target = builders.target(store, clock, goal, job_title="Data Analyst")
    [view] = goals_svc.get_goal(store, goal, clock).targets
    assert view.version == 1
    goals_svc.update_target(store, target, TargetInput("title", job_title="Senior Data Analyst"), clock,
                            expected_version=view.version)
    exc = refused(goals_svc.update_target, store, target, TargetInput("title", job_title="Stale"), clock,
                  expected_version=view.version)
    assert "The target “Senior Data Analyst” was changed on another device" in str(exc)
    [view] = goals_svc.get_goal(store, goal, clock).targets
    assert view.job_title == "Senior Data Analyst" and view.version == 2
    fresh, version = goals_svc.target_for_edit(store, target)
    assert (fresh.job_title, version) == ("Senior Data Analyst", 2)

    item = goals_svc.add_plan_item(store, PlanInput("Learn SQL", goal_id=goal), clock)
    [plan] = goals_svc.list_plan(store, goal)
    goals_svc.update_plan_item(store, item, PlanInput("Learn SQL well", goal_id=goal), clock,
                               expected_version=plan.version)
    exc = refused(goals_svc.update_plan_item, store, item, PlanInput("Stale", goal_id=goal), clock,
                  expected_version=plan.version)
    assert "The plan item “Learn SQL well” was changed on another device" in str(exc)
    assert goals_svc.plan_item_for_edit(store, item)[0].text == "Learn SQL well"

    builders.followup(store, clock, "Send Tom the article")
    [stale] = followups_svc.list_queue(store, clock)
    followups_svc.update_followup(store, stale, "Send Tom the report", stale.due, "", clock)
    exc = refused(followups_svc.update_followup, store, stale, "Send Tom the paper", stale.due, "", clock)
    assert isinstance(exc, followups_svc.FollowupConflict)
    assert "“Send Tom the report” was changed on another device" in str(exc)
    followups_svc.update_followup(store, stale, "Send Tom the paper", stale.due, "", clock,
                                  expected_version=exc.current_version)
    assert followups_svc.followup_for_edit(store, stale.id, clock).title == "Send Tom the paper"


# -- removed meanwhile ----------------------------------------------------------------

def test_an_edit_of_a_removed_row_is_refused_and_never_brings_it_back(store, clock) -> None:
    tom = builders.person(store, clock, "Tom Becker")
    contacts_svc.trash_contacts(store, [tom], clock)
    exc = refused(contacts_svc.update_contact, store, tom, ContactInput("Thomas Becker"), clock,
                  expected_version=1)
    assert isinstance(exc, RecordGone)
    assert str(exc) == "Tom Becker was moved to the trash on another device; nothing was saved."
    still = contacts_svc.get_contact(store, tom)
    assert still.deleted_at is not None and still.display_name == "Tom Becker"

    goal = builders.goal(store, clock, "Analytics")
    target = builders.target(store, clock, goal, job_title="Data Analyst")
    item = goals_svc.add_plan_item(store, PlanInput("Learn SQL", goal_id=goal), clock)
    goals_svc.delete_target(store, target)
    goals_svc.delete_plan_item(store, item)
    assert str(refused(goals_svc.update_target, store, target, TargetInput("title", job_title="X"), clock,
                       expected_version=1)) == "This target was removed on another device; nothing was saved."
    assert isinstance(refused(goals_svc.update_plan_item, store, item, PlanInput("X"), clock, expected_version=1),
                      RecordGone)
    goals_svc.delete_goal(store, goal)
    exc = refused(goals_svc.update_goal, store, goal, GoalInput("career_change", "X"), clock, expected_version=1)
    assert isinstance(exc, RecordGone) and "removed on another device" in str(exc)
    # A removed row is gone whether or not a version was given: nothing is inserted again.
    assert isinstance(refused(goals_svc.update_goal, store, goal, GoalInput("career_change", "X"), clock),
                      RecordGone)
    assert goals_svc.list_goals(store, clock, include_archived=True) == []
    assert goals_svc.goal_for_edit(store, goal) is None
    assert goals_svc.target_for_edit(store, target) is None

    builders.followup(store, clock, "Send Tom the article")
    builders.followup(store, clock, "Call Ana")
    first, second = sorted(followups_svc.list_queue(store, clock), key=lambda i: i.title)
    followups_svc.mark_done(store, first, clock)
    followups_svc.drop(store, second, clock)
    done = refused(followups_svc.update_followup, store, first, "Call Ana soon", first.due, "", clock)
    assert isinstance(done, followups_svc.FollowupGone)
    assert str(done) == "“Call Ana” was marked done on another device; nothing was saved."
    dropped = refused(followups_svc.update_followup, store, second, "Send it", second.due, "", clock)
    assert str(dropped) == "“Send Tom the article” was dropped on another device; nothing was saved."
    assert followups_svc.list_queue(store, clock) == []
    assert followups_svc.followup_for_edit(store, first.id, clock) is None


def test_done_or_dropped_twice_is_refused(store, clock) -> None:
    builders.followup(store, clock, "Send Tom the article")
    [item] = followups_svc.list_queue(store, clock)
    followups_svc.mark_done(store, item, clock)
    for action in (followups_svc.mark_done, followups_svc.drop):
        with pytest.raises(followups_svc.FollowupError, match="already closed elsewhere"):
            action(store, item, clock)


# -- two saves at once -------------------------------------------------------------------

def waiting_for_a_lock(store) -> bool:
    """PostgreSQL: some other session of this database waits for a row lock."""
    with store.read() as conn:
        return conn.execute(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'").fetchone().n > 0


def test_two_saves_at_once_cannot_both_win(store, clock, engine) -> None:
    """Device A has written Tom (version 1 → 2) and not committed yet; device B saves its own edit of
    version 1 meanwhile. B waits for A (PostgreSQL: A's row lock; SQLite: the write lock), then is
    refused: A's edit stays, B's is not written over it."""
    tom = builders.person(store, clock, "Tom Becker")
    outcome: dict[str, object] = {}
    started = threading.Event()

    def device_b() -> None:
        started.set()
        try:
            contacts_svc.update_contact(store, tom, ContactInput("Tom Becker", organisation="B Ltd"), clock,
                                        expected_version=1)
        except VersionConflict as exc:
            outcome["b"] = exc
        else:
            outcome["b"] = "saved"

    b = threading.Thread(target=device_b)
    with store.write() as conn:  # device A's save, in flight
        versions.write(conn, versions.CONTACT, tom, "organisation = :organisation", {"organisation": "A Ltd"}, 1)
        b.start()
        assert started.wait(10)
        if engine == "postgresql":
            assert wait_for(lambda: waiting_for_a_lock(store)) is not None, "B never waited for A's row lock"
    b.join(30)
    assert not b.is_alive()
    assert isinstance(outcome["b"], VersionConflict), outcome["b"]
    assert outcome["b"].current_version == 2
    saved = contacts_svc.get_contact(store, tom)
    assert (saved.organisation, saved.version) == ("A Ltd", 2)


def test_a_version_read_before_the_other_save_committed_still_loses(store, clock, engine) -> None:
    """The lost update of read-compare-write on PostgreSQL (read committed): B reads version 1, A
    commits version 2, B writes. With the check in B's UPDATE, B's write changes nothing."""
    if engine != "postgresql":
        pytest.skip("SQLite's write transactions are serial (BEGIN IMMEDIATE): A cannot commit inside B's")
    goal = builders.goal(store, clock, "Analytics")
    with pytest.raises(VersionConflict), store.write() as b:
        seen = b.execute("SELECT version FROM goal WHERE id = :id", {"id": goal}).fetchone().version
        assert seen == 1  # B's read-compare step would pass here
        goals_svc.update_goal(store, goal, GoalInput("career_change", "Analytics (A)"), clock,
                              expected_version=1)  # A, on its own connection, commits
        versions.write(b, versions.GOAL, goal, "title = :title", {"title": "Analytics (B)"}, seen)
    assert goals_svc.goal_for_edit(store, goal) == (GoalInput("career_change", "Analytics (A)"), 2)


def test_an_ask_answered_on_another_device_is_not_answered_twice(store, clock) -> None:
    goal = builders.goal(store, clock, "Analytics")
    target = builders.target(store, clock, goal, job_title="Data Analyst")
    joe = builders.person(store, clock, "Joe Park")
    logged = goals_svc.log_ask(store, target, joe, "Hi Joe", clock)
    goals_svc.record_answer(store, logged.ask_id, "no_one", clock)  # the other device
    with pytest.raises(VersionConflict, match="already answered on another device"):
        goals_svc.record_answer(store, logged.ask_id, "declined", clock)  # from a list read before
    [ask] = goals_svc.get_target(store, target).asks
    assert ask.answer == "no_one"
    assert len(contacts_svc.interactions(store, joe)) == 2  # the ask, and one answer
