"""``netnet serve`` in a real browser (headless Chromium through selenium), on a file and on
PostgreSQL: open the printed link, walk to a live call with the keys a person presses, type
notes, close the browser 50 ms after the last key, and find every word in the database.

Skipped, with the reason in the report, when chromium or chromedriver is missing (Debian:
``apt-get install chromium chromium-driver``; ``.ci/run`` installs them)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="netnet serve needs the web extra: pip install '.[web]'")
pytest.importorskip("selenium", reason="the browser test needs selenium (in the test extra)")

from tests.browser import BROWSER_SKIP, browser_paths  # noqa: E402
from tests.e2e import isolated_env  # noqa: E402
from tests.waiting import wait_for  # noqa: E402
from tests.web_helpers import (  # noqa: E402
    ServeProcess,
    call_notes,
    headless_chromium,
    question_rows,
    serve_env,
    set_autosave,
)

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(browser_paths() is None, reason=BROWSER_SKIP)]

WORDS = "Rita runs the bed team and hires in March"


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path: Path):
    if request.param == "postgresql":
        from netnet.data.postgres import drop_everything

        url = request.getfixturevalue("pg_database")
        drop_everything(url)
        set_autosave(url, 120)
        return [], url, url
    path = tmp_path / "browser.db"
    set_autosave(path, 120)
    return ["--db", str(path)], None, path


@pytest.fixture
def server(database, tmp_path: Path):
    args, url, _ = database
    process = ServeProcess([*args, "serve"], serve_env(isolated_env(tmp_path), url))
    yield process
    process.close()


def page_says(browser, script: str, want, timeout: float = 30.0) -> None:
    if wait_for(lambda: browser.execute_script("return " + script) == want, timeout) is None:
        raise AssertionError(f"{script} is {browser.execute_script('return ' + script)!r}, not {want!r}")


def test_closing_the_browser_50_ms_after_the_last_key_keeps_every_word(database, server) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _, _, target = database
    browser = headless_chromium()
    quit_done = False
    try:
        browser.get(server.url)
        assert browser.current_url == server.base + "/"  # the token left the address bar
        assert browser.get_cookies()[0]["httpOnly"] and browser.get_cookies()[0]["sameSite"] == "Strict"
        screen = "document.body.dataset.netnetScreen"
        page_says(browser, screen, "ContactsScreen")
        browser.find_element(By.CSS_SELECTOR, ".textual-terminal").click()

        def press(*keys) -> None:
            ActionChains(browser).send_keys(*keys).perform()

        press("3")
        page_says(browser, screen, "InterviewsScreen")
        press("c")
        page_says(browser, screen, "CallNowDialog")
        press("Rita Levi", Keys.ENTER)
        page_says(browser, "document.body.dataset.callLive", "yes")
        assert browser.title == "● Call · netnet"
        # the page asks before closing while the call is live
        assert browser.execute_script(
            "const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e);"
            "return e.defaultPrevented;")

        def ctrl(key: str) -> None:
            ActionChains(browser).key_down(Keys.CONTROL).send_keys(key).key_up(Keys.CONTROL).perform()

        ctrl("f")  # the Ctrl twins reach netnet through the browser: next question,
        ctrl("g")  # the second one answered (and on to the third),
        press(Keys.TAB, "Pay is banded", Keys.TAB)  # its notes, and back to the call notes
        ctrl("s")  # the time stamped
        press(WORDS)
        time.sleep(0.05)
        browser.quit()  # the browser goes, 50 ms after the last key
        quit_done = True
        assert wait_for(lambda: any(WORDS in notes for _, notes in call_notes(target)), 30) is not None, \
            call_notes(target)
        status, notes = call_notes(target)[0]
        assert status == "live" and notes.startswith("[00:")  # the Ctrl+S stamp reached netnet
        questions = question_rows(target)
        assert [answered for answered, _ in questions[:3]] == [0, 1, 0]
        assert questions[2][1] == "Pay is banded", questions
    finally:
        if not quit_done:
            browser.quit()
    assert server.stop() == 128 + 15


def test_the_page_shows_no_error_and_loads_nothing_from_elsewhere(server) -> None:
    browser = headless_chromium()
    try:
        browser.get(server.url)
        page_says(browser, "document.body.dataset.netnetScreen", "ContactsScreen")
        page_says(browser, "document.body.classList.contains('-first-byte')", True)
        names = browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)")
        assert names and all(name.startswith(server.base + "/") for name in names), names
        fonts = browser.execute_script("return [...document.fonts].filter(f => f.status === 'loaded')"
                                       ".map(f => f.family)")
        assert any("Roboto Mono" in family for family in fonts)
        problems = [entry for entry in browser.get_log("browser")
                    if entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"]]
        assert problems == []
    finally:
        browser.quit()
