"""Whether a headless browser is here for the browser tests (no heavy imports: conftest asks)."""

from __future__ import annotations

import shutil

BROWSER_SKIP = ("no headless browser: the browser tests need chromium and chromedriver "
                "(Debian: apt-get install chromium chromium-driver; .ci/run installs them)")


def browser_paths() -> tuple[str, str] | None:
    """(chromium, chromedriver) when both are installed, else None."""
    chromium = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
    driver = shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None
