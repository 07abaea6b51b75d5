"""Shared fixtures: every test gets its own data folders, a fake clock and no blink."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ["TZ"] = "UTC"
time.tzset()

from netnet.core.clock import FakeClock  # noqa: E402

FIXED_NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # a Friday


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test may touch the user's real data, config or log folders."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local/state"))
    monkeypatch.setenv("NETNET_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NETNET_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("NETNET_LOG_DIR", str(tmp_path / "log"))
    monkeypatch.delenv("NETNET_DB", raising=False)
    monkeypatch.delenv("NETNET_DB_URL", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(FIXED_NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "netnet.db"


# -- both engines -----------------------------------------------------------------
# The data, io and command-line tests run on SQLite and on PostgreSQL: a test module named
# below gets each of its tests that uses `store` (or `demo_store`) twice. The PostgreSQL half
# needs a server: NETNET_TEST_DATABASE_URL names a database the tests may connect to (they
# create and drop databases of their own beside it); without it that half is skipped, with
# the reason in the report's header and on each skipped test.
TEST_DATABASE_URL = os.environ.get("NETNET_TEST_DATABASE_URL")
PG_SKIP = "the PostgreSQL half: set NETNET_TEST_DATABASE_URL=postgresql://user@host/db to run it"
BOTH_ENGINES = {
    "test_contacts_service", "test_goals_data", "test_goals_stages", "test_interviews_services",
    "test_interviews_wizard", "test_followups_queue", "test_followups_drop_undo", "test_followups_when",
    "test_followups_referral_timing", "test_referral", "test_duplicates", "test_io_csv", "test_io_vcard",
    "test_io_linkedin", "test_io_json", "test_io_ics", "test_io_formats", "test_io_batches", "test_engines",
    "test_cli_people", "test_conflicts_service", "test_job_changes", "test_birthdays",
    "test_opportunities_data", "test_opportunities_io", "test_cli_opportunities", "test_notes_search",
    "test_cli_notes",
}


def pytest_report_header(config) -> list[str]:
    from tests.browser import BROWSER_SKIP, browser_paths

    if TEST_DATABASE_URL:
        from netnet.data.postgres import masked

        lines = [f"netnet: data, io and command-line tests on SQLite and on PostgreSQL ({masked(TEST_DATABASE_URL)})"]
    else:
        lines = [f"netnet: SQLite only; skipped {PG_SKIP}"]
    found = browser_paths()
    lines.append(f"netnet: browser tests in {found[0]}" if found else f"netnet: skipped {BROWSER_SKIP}")
    return lines


def pytest_generate_tests(metafunc) -> None:
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    if module in BOTH_ENGINES and ({"store", "demo_store"} & set(metafunc.fixturenames)):
        metafunc.parametrize("engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def engine(request) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="module")
def pg_database(request) -> str:
    """A database of this test module's own on the test server, dropped afterwards."""
    if not TEST_DATABASE_URL:
        pytest.skip(PG_SKIP)
    from tests.pg import scratch_database

    with scratch_database(TEST_DATABASE_URL, request.module.__name__.rsplit(".", 1)[-1]) as url:
        yield url


@pytest.fixture
def store(engine: str, db_path: Path, request):
    if engine == "postgresql":
        from netnet.data.postgres import PostgresStore, drop_everything

        url = request.getfixturevalue("pg_database")
        drop_everything(url)  # every test starts from an empty database
        s = PostgresStore(url)
    else:
        from netnet.data.store import Store

        s = Store(db_path)
    yield s
    s.close()


@pytest.fixture
def demo_store(store, clock):
    from netnet.demo import build_demo

    build_demo(store, clock)
    return store


@pytest.fixture
def make_app(clock):
    """Build a NetnetApp over a store, the way tests and screenshots want it."""
    from netnet.app import NetnetApp

    def factory(store, **kwargs):
        kwargs.setdefault("clock", clock)
        kwargs.setdefault("poll_interval", 0)
        kwargs.setdefault("blink", False)
        return NetnetApp(store, **kwargs)

    return factory
