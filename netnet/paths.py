"""Where netnet keeps things. Nothing is created until a function is called."""

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


def ensure_private_dir(path: Path) -> Path:
    """Create a folder readable by its owner only (0700)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.chmod(path, 0o700)
    except OSError:
        pass
    return path


def private_file(path: Path) -> int:
    """Create (or truncate) a file with mode 0600 and return its descriptor."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    return fd


def write_private(path: Path, data: bytes | str) -> None:
    """Write a whole file that only its owner can read."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd = private_file(path)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
