"""Where netnet keeps things. Nothing is created here; files and folders are made by netnet.data.files."""

from __future__ import annotations

import os
from pathlib import Path

APP = "netnet"


def _platformdirs():
    import platformdirs

    return platformdirs


def data_dir() -> Path:
    override = os.environ.get("NETNET_DATA_DIR")
    if override:
        return Path(override)
    return _platformdirs().user_data_path(APP)


def config_dir() -> Path:
    override = os.environ.get("NETNET_CONFIG_DIR")
    if override:
        return Path(override)
    return _platformdirs().user_config_path(APP)


def log_dir() -> Path:
    override = os.environ.get("NETNET_LOG_DIR")
    if override:
        return Path(override)
    return _platformdirs().user_log_path(APP)


def default_db_path() -> Path:
    env = os.environ.get("NETNET_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "netnet.db"


def log_file() -> Path:
    return log_dir() / "netnet.log"
