"""One rule for removing across sections (issue 14, items 8, 9 and 20).

`x` removes in every list (Contacts keeps `d`; in Follow-ups `d` stays Done), it
asks once or can be undone, the palette finds it by "delete" and by "remove", a
goal and a finished interview can be deleted, a key that does not apply is
dimmed and says why, and the palette lists netnet's actions once each.
"""

from __future__ import annotations

from netnet.data import goals as goals_svc
from netnet.data import interviews as iv
from netnet.data.contacts import get_contact
from netnet.data.followups import list_queue
from netnet.screens.dialogs import ConfirmDialog
from netnet.screenshots import settle
from tests import builders as b


def palette_titles(app) -> list[str]:
    return [c.title for c in app.get_system_commands(app.screen)]


def finds(app, word: str) -> list[str]:
    """What the palette offers for a word, as Textual's matcher scores it."""
    from textual.fuzzy import Matcher

    matcher = Matcher(word)
    return [title for title in palette_titles(app) if matcher.match(title) > 0]


async def test_x_moves_a_contact_to_the_trash_asking_once_and_d_still_works(store, clock, make_app) -> None:
    ana, joe = b.people(store, clock, "Ana Ribeiro", "Joe Okafor")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        name = "Delete or remove contact (to the trash)"
        assert name in finds(app, "delete") and name in finds(app, "remove")
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        [gone] = [i for i in (ana, joe) if get_contact(store, i).deleted_at is not None]
        clock.advance(60)
        await pilot.press("d", "y")
        await settle(pilot)
        assert all(get_contact(store, i).deleted_at is not None for i in (ana, joe))
        await pilot.press("u")
        await settle(pilot)
        assert [i for i in (ana, joe) if get_contact(store, i).deleted_at is not None] == [gone]


async def test_x_deletes_a_goal_after_asking_and_a_archives(store, clock, make_app) -> None:
    first = b.goal(store, clock, "Move into analytics")
    b.target(store, clock, first, organisation="Northwind")
    second = b.goal(store, clock, "Learn to teach")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert "Delete or remove goal" in finds(app, "delete") and "Delete or remove goal" in finds(app, "remove")
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "1 target" in str(app.screen.query_one("#confirm-body").render())
        await pilot.press("n")
        await settle(pilot)
        assert len(goals_svc.list_goals(store, clock)) == 2
        await pilot.press("x", "y")
        await settle(pilot)
        assert [g.id for g in goals_svc.list_goals(store, clock, include_archived=True)] == [second]
        await pilot.press("a")
        await settle(pilot)
        assert goals_svc.list_goals(store, clock, include_archived=True)[0].status == "archived"


async def test_x_removes_a_target_and_a_plan_item_after_asking(store, clock, make_app) -> None:
    gid = b.goal(store, clock)
    b.target(store, clock, gid, organisation="Northwind")
    goals_svc.add_plan_item(store, goals_svc.PlanInput("Learn SQL", goal_id=gid), clock)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Delete or remove target" in finds(app, "delete")
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert goals_svc.get_goal(store, gid, clock).targets == []
        await pilot.press("p")
        await settle(pilot)
        assert "Delete or remove plan item" in finds(app, "remove")
        await pilot.press("x", "y")
        await settle(pilot)
        assert goals_svc.list_plan(store) == []


async def test_x_drops_a_follow_up_after_asking_and_d_stays_done(store, clock, make_app) -> None:
    b.followup(store, clock, "Send the report")
    b.followup(store, clock, "Call the bank", days=-1)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert "Delete or remove follow-up (drop)" in finds(app, "delete")
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert [i.title for i in list_queue(store, clock)] == ["Send the report"]
        await pilot.press("d")
        await settle(pilot)
        assert list_queue(store, clock) == []


async def test_a_finished_interview_is_deleted_with_x_and_says_why_e_and_s_do_not_apply(
        store, clock, make_app) -> None:
    maria = b.person(store, clock, "Maria Lindqvist")
    iid = iv.quick_call(store, clock, "Maria Lindqvist")
    iv.end_call(store, clock, iid, elapsed=5)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        # dimmed in the footer, not hidden: the key is there and says why when pressed
        footer = {b.binding.action: b for b in app.screen.active_bindings.values()}
        assert footer["edit"].enabled is False and footer["start"].enabled is False
        assert footer["remove"].enabled is True
        for key, words in (("e", "press o for its notes"), ("s", "This call is over")):
            await pilot.press(key)
            await settle(pilot)
            assert type(app.screen).__name__ == "InterviewsScreen"
            assert words in [n.message for n in app._notifications][-1]
        assert "Delete or remove interview (cancel a draft)" in finds(app, "delete")
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog) and "cannot be undone" in str(
            app.screen.query_one("#confirm-danger").render())
        await pilot.press("y")
        await settle(pilot)
        assert iv.list_interviews(store) == [] and list_queue(store, clock) == []
        assert get_contact(store, maria).last_interaction_at is None


async def test_the_palette_lists_netnets_actions_once_each_with_export_and_backup(
        store, clock, make_app) -> None:
    b.person(store, clock, "Ana Ribeiro")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for mode in ("1", "2", "3", "4"):
            await pilot.press(mode)
            await settle(pilot)
            titles = palette_titles(app)
            assert len(titles) == len(set(titles)), titles
            assert not {"Bottom", "Top", "Cursor down", "Cursor up", "Keys", "Maximize", "Screenshot"} & set(titles)
            assert titles.count("Settings") == 1
            assert {"Export contacts as vCard", "Export everything as JSON", "Back up the database",
                    "Quit netnet", "Help for this screen"} <= set(titles)


async def test_export_and_back_up_from_the_palette_write_private_files(store, clock, make_app, tmp_path) -> None:
    import stat

    from netnet.screens.export_dialog import back_up, export

    b.person(store, clock, "Ana Ribeiro")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        export(app, "vcard")
        await settle(pilot)
        field = app.screen.query_one("#form-path")
        field.value = str(tmp_path / "people.vcf")
        await pilot.press("enter")
        await settle(pilot)
        assert "FN:Ana Ribeiro" in (tmp_path / "people.vcf").read_text()
        back_up(app)
        await settle(pilot)
        app.screen.query_one("#form-path").value = str(tmp_path / "copy.db")
        await pilot.press("enter")
        await settle(pilot)
        copy = tmp_path / "copy.db"
        assert copy.read_bytes()[:16] == b"SQLite format 3\x00"
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600


async def test_the_referral_finder_says_first_that_the_target_is_already_a_contact(store, clock, make_app) -> None:
    from netnet.screens.contact import ContactScreen

    gid = b.goal(store, clock)
    b.target(store, clock, gid, person_name="Priya Shah")
    priya = b.person(store, clock, "Priya Shah", organisation="Northwind")
    b.person(store, clock, "Zoë Fischer", organisation="Northwind", circle="coworker")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        head = str(app.screen.query_one("#referral-target").render())
        assert head.startswith("→ Priya Shah is already one of your contacts: contact them directly")
        assert priya not in [s.candidate.id for s in app.screen.loaded.ranked]
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ContactScreen) and app.screen.contact_id == priya


async def test_slash_outside_contacts_says_where_searching_is(store, clock, make_app) -> None:
    """Issue 14, item 7: `/` is no longer promised everywhere; where there is no search it says so."""
    b.goal(store, clock)
    b.followup(store, clock, "Send the report")
    iid = iv.quick_call(store, clock, b.person(store, clock, "Ana Ribeiro") and "Ana Ribeiro")
    iv.end_call(store, clock, iid, elapsed=5)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for section in ("2", "3", "4"):
            await pilot.press(section)
            await settle(pilot)
            before = len(app._notifications)
            await pilot.press("slash")
            await settle(pilot)
            said = [n.message for n in app._notifications][before:]
            assert said and said[-1].startswith("Search is in Contacts: press 1, then /"), section
            assert "Search" not in palette_titles(app)
