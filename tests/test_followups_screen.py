"""Pilot tests of the Follow-ups section: the queue, done, snooze, edit, add, the message."""

from __future__ import annotations

import stat
from datetime import date

from netnet.core.urgency import Group
from netnet.data import followups as fu
from netnet.data.contacts import interactions
from netnet.screenshots import settle
from netnet.widgets.followup_list import FollowupList


async def open_queue(pilot) -> FollowupList:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    assert pilot.app.current_mode == "followups"
    return pilot.app.screen.query_one(FollowupList)


async def test_queue_is_grouped_in_words_most_urgent_first(demo_store, make_app, clock) -> None:
    counts = fu.queue_counts(demo_store, clock)
    assert counts["overdue"] > 1 and counts["due_today"] > 1  # plurals, and more than the first line
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        queue = await open_queue(pilot)
        headings = [line for line in queue.lines if line.item is None]
        assert [h.group for h in headings] == [Group.OVERDUE, Group.TODAY, Group.WEEK, Group.LATER]
        assert queue.current.title == "Thank Maria for introducing Carlos"
        first_lines = [queue.render_line(y).text for y in range(3)]
        assert first_lines[0].startswith(f" ‼ Overdue · {counts['overdue']}")
        assert first_lines[1].startswith("‼ 1 day late") and "thank-you" in first_lines[1]
        detail = str(app.screen.query_one("#followups-detail").render())
        assert "Thank Maria for introducing Carlos" in detail and "NEED to know" in detail
        assert f"{counts['overdue']} overdue" in app.sub_title
        assert f"{counts['due_today']} due today" in app.sub_title


async def test_start_says_once_that_items_are_overdue(demo_store, make_app, clock) -> None:
    overdue = fu.queue_counts(demo_store, clock)["overdue"]
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.update_counts()
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert messages.count(f"‼ {overdue} follow-ups are overdue. Press 4 to see them.") == 1


async def test_done_logs_and_restarts_the_cadence(demo_store, make_app, clock) -> None:
    overdue = fu.queue_counts(demo_store, clock)["overdue"]
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        queue = await open_queue(pilot)
        linda = next(n for n, item in enumerate(queue.items) if item.title == "Check in with Linda Marsh")
        queue.cursor = linda
        await pilot.pause()
        contact_id = queue.current.contact_id
        await pilot.press("d")
        await settle(pilot)
        mine = [item for item in queue.items if item.contact_id == contact_id]
        # The clock restarted: her next check-in is a connector's 30 days away.
        assert [(i.group, i.due) for i in mine] == [(Group.LATER, date(2026, 12, 27))]
        assert queue.cursor == linda  # the next item takes its place
        assert interactions(demo_store, contact_id)[0].kind == "checkin"
        assert f"{overdue - 1} overdue" in app.sub_title


async def test_snooze_until_a_typed_day(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        queue = await open_queue(pilot)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"dec 10")
        await pilot.pause()
        assert "→ Thu 10 Dec" in str(app.screen.query_one("#snooze-preview").render())
        await pilot.press("enter")
        await settle(pilot)
        item = next(i for i in queue.items if i.title == "Thank Maria for introducing Carlos")
        assert item.due == date(2026, 12, 10) and item.group is Group.LATER
        assert queue.current.title != "Thank Maria for introducing Carlos"


async def test_snooze_tomorrow_with_t_and_bad_text_is_one_sentence(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        queue = await open_queue(pilot)
        title = queue.current.title
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"someday", "enter")
        await pilot.pause()
        error = str(app.screen.query_one("#snooze-error").render())
        assert "not a date netnet understands" in error
        app.screen.query_one("#snooze-when").value = "t"
        await pilot.press("enter")
        await settle(pilot)
        item = next(i for i in queue.items if i.title == title)
        assert item.due == date(2026, 11, 28) and item.group is Group.WEEK


async def test_edit_title_and_due(demo_store, make_app, clock) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        queue = await open_queue(pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#fu-title").value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Give the follow-up a title." in str(dialog.query_one("#fu-error").render())
        dialog.query_one("#fu-title").value = "Thank Maria properly"
        dialog.query_one("#fu-due").value = "monday"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not dialog
        item = next(i for i in queue.items if i.title == "Thank Maria properly")
        assert item.due == date(2026, 11, 30)
        assert queue.current is item  # an edited item keeps the cursor
    stored = [i for i in fu.list_queue(demo_store, clock) if i.title == "Thank Maria properly"]
    assert len(stored) == 1


async def test_add_a_follow_up_for_a_person(demo_store, make_app, clock) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        queue = await open_queue(pilot)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        await pilot.press(*"Call Sam about the meetup")
        dialog.query_one("#fu-due").value = "3d"
        dialog.query_one("#fu-contact").value = "Nobody Known"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "No contact is called" in str(dialog.query_one("#fu-error").render())
        dialog.query_one("#fu-contact").value = "sam ortega"
        await pilot.press("ctrl+s")
        await settle(pilot)
        item = next(i for i in queue.items if i.title == "Call Sam about the meetup")
        assert item.contact_name == "Sam Ortega" and item.due == date(2026, 11, 30) and item.kind == "manual"


async def test_message_copy_and_save(demo_store, make_app, tmp_path) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        queue = await open_queue(pilot)
        linda = next(n for n, item in enumerate(queue.items) if item.title == "Check in with Linda Marsh")
        queue.cursor = linda
        await pilot.pause()
        await pilot.press("c")
        await settle(pilot)
        draft = app.screen
        text = draft.query_one("#draft-text").text
        assert text.startswith("Hi Linda,")
        assert app.clipboard == text  # copied, and shown on screen too
        assert "Copied" in str(draft.query_one("#draft-status").render())
        await pilot.press("s")
        await pilot.pause()
        target = tmp_path / "linda.txt"
        draft.query_one("#draft-path").value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert target.read_text() == text.rstrip("\n") + "\n"  # the message, ending in a newline
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not draft


async def test_no_message_for_an_action_item_greys_the_key(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        queue = await open_queue(pilot)
        queue.cursor = next(n for n, i in enumerate(queue.items) if i.kind == "action" and not i.draft)
        await pilot.pause()
        screen = app.screen
        assert screen.check_action("message", ()) is False
        assert screen.check_action("done", ()) is True
        await pilot.press("m")
        await settle(pilot)
        assert app.screen is screen


async def test_palette_lists_the_queue_actions(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_queue(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Mark follow-up done", "Snooze follow-up", "Edit follow-up", "Add a follow-up",
                "Show the message to send", "Open the person", "Copy message", "Save message to file",
                "Delete or remove follow-up (drop)", "Go to Follow-ups"} <= titles


async def test_empty_queue_says_how_it_fills(store, make_app) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_queue(pilot)
        empty = app.screen.query_one("#followups-empty")
        assert empty.display
        assert "Nothing is owed right now" in str(empty.render())


async def test_a_due_date_is_written_once_in_one_style(store, clock, make_app) -> None:
    """Issue 14, item 22: never "due Fri 4 Dec (Fri 4 Dec)" nor "(4 Dec)" beside "Fri 4 Dec"."""
    import re

    from tests import builders as b

    b.followup(store, clock, "Send the report", days=7)
    b.followup(store, clock, "Call the bank", days=-2)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        queue = await open_queue(pilot)
        seen = []
        for _ in range(2):
            detail = str(app.screen.query_one("#followups-detail").render())
            seen.append(detail)
            assert not re.search(r"\((Mon|Tue|Wed|Thu|Fri|Sat|Sun)? ?\d+ \w{3}\)", detail), detail
            queue.action_cursor(1)
            await settle(pilot)
        assert any("due Fri 4 Dec" in d for d in seen) and any("due Wed 25 Nov (2 days late)" in d for d in seen)


async def test_the_queue_says_what_its_order_is(store, clock, make_app) -> None:
    """Issue 14, item 23: a short line says why the overdue items read "1 day late, 40, 15…"."""
    from tests import builders as b

    b.followup(store, clock, "Send the report", days=-3)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_queue(pilot)
        status = app.screen.query_one("#followups-status")
        assert "most urgent first: thank-yous and asks before check-ins" in str(status.render())
        assert status.size.height == 2  # the whole line, wrapped rather than cut at 80 columns
