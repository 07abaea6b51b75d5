"""Nothing a person needs is cut off at 80x24 (issue 14, item 25)."""

from __future__ import annotations

from netnet.data import interviews as iv
from netnet.screenshots import settle
from tests import builders as b


async def test_interview_purpose_and_follow_up_kind_are_whole_at_80x24(store, clock, make_app) -> None:
    from netnet.data.followups import FollowupInput, add_followup

    ana = b.person(store, clock, "Ana Ribeiro")
    iv.save_draft(store, clock, iv.WizardState(contact_id=ana, purpose="explore_field", format="phone"))
    add_followup(store, FollowupInput(kind="referral_next", title="Ask someone else", due=clock.today(),
                                      contact_id=ana), clock)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one("#interviews-table")
        cell = str(table.get_row_at(0)[-1])
        assert cell == "phone: explore another field for my expertise"
        purpose = table.columns[list(table.columns)[-1]]
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= 80
        assert table.rows[list(table.rows)[0]].height >= 2 and purpose.width >= 16
        await pilot.press("4")
        await settle(pilot)
        from netnet.widgets.followup_list import FollowupList

        queue = app.screen.query_one(FollowupList)
        lines = [queue.render_line(y).text for y in range(3)]
        assert any("ask the next person" in line for line in lines), lines


async def test_the_wizards_date_and_time_boxes_show_all_they_hold_at_80x24(store, clock, make_app) -> None:
    from textual.widgets import Input

    from netnet.screens.prep import PrepScreen

    ana = b.person(store, clock, "Ana Ribeiro")
    iv.save_draft(store, clock, iv.WizardState(contact_id=ana, wizard_step=1))  # at "Format and when"
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, PrepScreen)
        for selector, value in (("#prep-date", "2026-12-03"), ("#prep-time", "10:00")):
            box = app.screen.query_one(selector, Input)
            box.value = value
            box.focus()
            box.action_end()
            await pilot.pause()
            assert box.content_region.width >= len(value) + 1, selector  # the text and the cursor
            assert box.scroll_offset.x == 0, selector  # nothing scrolled out of sight
