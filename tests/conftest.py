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
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(FIXED_NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "netnet.db"


@pytest.fixture
def store(db_path: Path):
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
