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


def config_file() -> Path:
    return config_dir() / "config.toml"


def read_config() -> dict:
    """The settings in the config file (``db_url = "postgresql://…"``); empty when there is none.
    Raises ValueError with one sentence when the file cannot be read as TOML."""
    import tomllib

    path = config_file()
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path} cannot be read ({exc}); fix or remove it.") from exc


def log_file() -> Path:
    return log_dir() / "netnet.log"
