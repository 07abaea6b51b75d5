"""Regenerate the pictures of netnet in a browser (``netnet serve``) in screenshots/, as PNG.

    .venv/bin/python scripts/browser_screenshots.py [--out screenshots]

Starts ``netnet --demo serve``, opens the printed link in headless Chromium (Debian:
``apt-get install chromium chromium-driver``; selenium is in the test extra) and takes:
the contact list, a live call with notes typed, and the page once netnet has closed.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import BROWSER_SKIP, browser_paths  # noqa: E402
from tests.web_helpers import headless_chromium  # noqa: E402


def wait_page(browser, script: str, want, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while browser.execute_script("return " + script) != want:
        if time.monotonic() > end:
            raise SystemExit(f"the page did not get to {script} == {want!r}")
        time.sleep(0.05)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args()
    if browser_paths() is None:
        print(f"netnet: {BROWSER_SKIP}", file=sys.stderr)
        return 3
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="netnet-shots-") as folder:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NETNET_", "TEXTUAL"))}
        env.update(NETNET_DATA_DIR=f"{folder}/data", NETNET_CONFIG_DIR=f"{folder}/config",
                   NETNET_LOG_DIR=f"{folder}/log", HOME=folder, TZ="UTC")
        netnet = Path(sys.executable).parent / "netnet"
        server = subprocess.Popen([str(netnet), "--demo", "serve"], env=env, stdout=subprocess.PIPE, text=True)
        browser = None
        try:
            url = re.search(r"(https?://\S+\?token=\S+)", server.stdout.readline()).group(1)
            browser = headless_chromium(1200, 760)
            browser.get(url)
            wait_page(browser, "document.body.dataset.netnetScreen", "ContactsScreen")
            loaded = time.monotonic()
            time.sleep(1.5)  # the counts and the list settle
            browser.save_screenshot(str(args.out / "browser-contacts.png"))

            browser.find_element(By.CSS_SELECTOR, ".textual-terminal").click()

            def press(*keys) -> None:
                ActionChains(browser).send_keys(*keys).perform()

            def ctrl(key: str) -> None:
                ActionChains(browser).key_down(Keys.CONTROL).send_keys(key).key_up(Keys.CONTROL).perform()

            press("3")
            wait_page(browser, "document.body.dataset.netnetScreen", "InterviewsScreen")
            press("c")
            wait_page(browser, "document.body.dataset.netnetScreen", "CallNowDialog")
            press("Maria Lindqvist")
            time.sleep(0.5)
            press(Keys.ENTER)
            wait_page(browser, "document.body.dataset.callLive", "yes")
            time.sleep(0.5)
            press("Most analysts came from clinical or operations roles.", Keys.ENTER)
            ctrl("s")
            press("Hiring: referrals first, then a take-home.")
            ctrl("g")
            time.sleep(max(1.5, loaded + 9.0 - time.monotonic()))  # the start's toast has gone
            browser.save_screenshot(str(args.out / "browser-call.png"))

            ctrl("e")  # end the call: the confirm dialog, then the wrap-up
            time.sleep(0.5)
            press(Keys.ENTER)
            wait_page(browser, "document.body.dataset.netnetScreen", "WrapupScreen")
            press(Keys.ESCAPE)
            time.sleep(0.5)
            ctrl("q")  # quit from anywhere
            wait_page(browser, "document.body.classList.contains('-closed')", True)
            time.sleep(0.5)
            browser.save_screenshot(str(args.out / "browser-closed.png"))
        finally:
            if browser is not None:
                browser.quit()
            server.send_signal(signal.SIGTERM)
            server.wait(60)
    for name in ("browser-contacts", "browser-call", "browser-closed"):
        print(args.out / f"{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
