"""The one way netnet writes a file.

Every output (an export, a backup, a kept copy, a saved draft or ask) goes
through :func:`write_file` or :func:`atomic_target`: the target is resolved
(``~``, symlinks and ``..`` seen through), refused when it is the live
database, one of its side files or a kept backup, or anything but a regular
file or a new path; the bytes go to a hidden temporary file in the same
folder, created 0600 with ``O_EXCL``, synced, then renamed into place, and the
folder is synced. On any failure the temporary file is removed, so an old file
is either replaced whole or left exactly as it was.

Folders netnet creates are made 0700 one by one; an existing folder's mode is
never changed. Log files are appended to through :func:`append_private`.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from netnet.data.errors import CannotWriteNow, StoreError

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
BACKUPS = "backups"
_TEMP_MARK = ".netnet-tmp-"
_TEMP_RE = re.compile(r"^\..+\.netnet-tmp-(\d+)-[0-9a-f]{8}(-wal|-shm|-journal)?$")
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


class OutputRefused(StoreError):
    """A target netnet will not write to (one sentence; exit status 2)."""


# -- folders ----------------------------------------------------------------------

def make_private_dirs(folder: Path) -> Path:
    """Create ``folder`` and any missing parents, each new one 0700; existing folders keep their mode."""
    folder = Path(folder).expanduser()
    missing: list[Path] = []
    probe = folder
    while not probe.exists():
        if probe.is_symlink():  # a dangling link: mkdir would fail on it anyway
            break
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for new in reversed(missing):
        try:
            os.mkdir(new, 0o700)
        except FileExistsError:
            continue  # someone else made it meanwhile: not ours to change
        os.chmod(new, 0o700)  # the umask may have taken bits away; this folder is ours
    if not folder.is_dir():
        raise OutputRefused(f"{folder} is not a folder.")
    return folder


# -- what may be written -----------------------------------------------------------

def _real(path: Path) -> Path:
    return Path(os.path.realpath(os.path.abspath(Path(path).expanduser())))


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def backups_folder(database: Path) -> Path:
    """Where netnet keeps its own copies (before a restore, before a migration)."""
    return Path(database).expanduser().parent / BACKUPS


def check_open_file(fd: int, *, database: Path, what: str = "the output") -> None:
    """Refuse an already open output (standard output redirected by the shell) that is netnet's own file."""
    try:
        info = os.fstat(fd)
    except OSError:
        return
    if not stat.S_ISREG(info.st_mode):
        return
    db = Path(database).expanduser()
    candidates = [db, *(Path(str(db) + s) for s in SIDE_SUFFIXES)]
    for kept in {backups_folder(db), backups_folder(_real(db))}:
        if kept.is_dir():
            candidates += list(kept.iterdir())
    for item in candidates:
        try:
            other = os.stat(item)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
            raise OutputRefused(f"Standard output is {item}, one of netnet's own files; "
                                f"nothing was written. Choose another file for {what}.")


def check_target(target: Path, *, database: Path, what: str = "the output") -> Path:
    """The real path to write ``target`` to, or OutputRefused with one sentence.

    Refused: the live database and its ``-wal``/``-shm``/``-journal``, any file
    in the kept-backups folder (by resolved path and by hard link), a folder, a
    device, pipe or socket, and a path whose folder does not exist.
    """
    shown = Path(target).expanduser()
    real = _real(shown)
    db = Path(database).expanduser()
    if real == _real(db) or _same(real, db):
        raise OutputRefused(f"{shown} is the database itself; choose another file for {what}.")
    for suffix in SIDE_SUFFIXES:
        spellings = {Path(str(db) + suffix), Path(str(_real(db)) + suffix)}  # SQLite puts them by the real file
        if any(real == _real(side) or _same(real, side) for side in spellings):
            raise OutputRefused(f"{shown} is one of the database's own files (SQLite's {suffix} file); "
                                f"choose another file for {what}.")
    kept_folders = [backups_folder(db), backups_folder(_real(db))]  # as named, and beside the real file
    for kept in kept_folders:
        kept_real = _real(kept)
        if real.parent == kept_real or kept_real in real.parents:
            raise OutputRefused(f"{shown} is in the folder where netnet keeps its backups; "
                                f"choose another file for {what}.")
    try:
        info = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputRefused(f"{shown} cannot be checked: {exc.strerror or exc}.") from exc
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputRefused(f"{shown} is a folder; give a file name for {what}.")
        if not stat.S_ISREG(info.st_mode):
            raise OutputRefused(f"{shown} is not a regular file (a device, pipe or socket); "
                                f"netnet writes only to regular files or new paths.")
        if info.st_nlink > 1:
            for kept in kept_folders:
                for entry in (kept.iterdir() if kept.is_dir() else ()):
                    if _same(real, entry):
                        raise OutputRefused(f"{shown} is one of netnet's kept backups; "
                                            f"choose another file for {what}.")
    if not real.parent.is_dir():
        raise OutputRefused(f"The folder {shown.parent} does not exist; create it first.")
    return real


# -- writing -----------------------------------------------------------------------

def _temp_name(final: Path) -> Path:
    return final.with_name(f".{final.name}{_TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")


def _new_temp(final: Path) -> tuple[int, Path]:
    while True:
        temp = _temp_name(final)
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), temp
        except FileExistsError:
            continue


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    for item in (path, *(Path(str(path) + s) for s in SIDE_SUFFIXES)):
        try:
            os.unlink(item)
        except FileNotFoundError:
            pass
        except OSError:
            pass


def os_error(exc: OSError, shown: Path) -> StoreError:
    """One sentence for an OSError met while writing ``shown``."""
    if exc.errno in _FULL:
        return CannotWriteNow(f"The disk is full: {shown} was not written and nothing already saved "
                              f"was changed; free some space and try again.")
    if exc.errno in _DENIED:
        return OutputRefused(f"netnet cannot write in {shown.parent}: {exc.strerror or 'permission denied'}.")
    return OutputRefused(f"{shown} cannot be written: {exc.strerror or exc}.")


def _publish(temp: Path, final: Path, *, how: str) -> Path:
    """Put a finished, synced temporary file in place and return the name it got.

    ``how``: "replace" renames over ``final``; "refuse" never replaces an
    existing file; "unique" never replaces one either, adding -2, -3 … to the
    name until a free one is found (for kept copies).
    """
    if how == "replace":
        os.replace(temp, final)
        return final
    stem, suffix = final.stem, final.suffix
    n = 1
    while True:
        name = final if n == 1 else final.with_name(f"{stem}-{n}{suffix}")
        try:
            os.link(temp, name)  # fails if the name exists: nothing is ever overwritten
        except FileExistsError:
            if how == "refuse":
                raise
            n += 1
            continue
        except OSError as exc:
            if exc.errno in _FULL or exc.errno in _DENIED:
                raise
            # no hard links on this file system: reserve the name with O_EXCL, then move onto it
            try:
                os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                if how == "refuse":
                    raise
                n += 1
                continue
            os.replace(temp, name)
            return name
        os.unlink(temp)
        return name


class Atomic:
    """A hidden 0600 temporary file beside ``final``; ``published`` is where it ended up."""

    def __init__(self, temp: Path, final: Path) -> None:
        self.temp = temp
        self.final = final
        self.published: Path | None = None


@contextmanager
def atomic_target(final: Path, *, how: str = "replace") -> Iterator[Atomic]:
    """A temporary file beside ``final`` for a writer (such as SQLite) to fill.

    After the block the file is synced and put in place (see ``_publish`` for
    ``how``); on any failure it and its side files are removed.
    """
    fd, temp = _new_temp(final)
    os.close(fd)
    job = Atomic(temp, final)
    try:
        yield job
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        job.published = _publish(temp, final, how=how)
        _sync_folder(final.parent)
    finally:
        _remove(temp)


def write_file(target: Path, data: str | bytes, *, database: Path, exclusive: bool = False,
               unique: bool = False, what: str = "the output") -> Path:
    """Write ``data`` whole to ``target`` (0600, atomically) and return the path written.

    With ``exclusive`` an existing file is refused instead of replaced; with
    ``unique`` it is kept and the new file gets the first free name -2, -3 …
    Raises OutputRefused (a target netnet will not write to) or CannotWriteNow
    (the disk is full), each with one sentence; nothing is left behind.
    """
    shown = Path(target).expanduser()
    real = check_target(shown, database=database, what=what)
    if exclusive and os.path.lexists(real):
        raise OutputRefused(f"{shown} already exists; choose another name.")
    return _write_whole(shown, real, data, how="unique" if unique else "refuse" if exclusive else "replace")


def keep_text(folder: Path, name: str, data: str | bytes) -> Path:
    """A kept copy netnet makes of its own data (a server's network before a migration): written
    whole into its backups folder under a name no file has yet, never overwriting one. The one
    writer into that folder besides SQLite's kept copies (``check_target`` refuses it to every
    output a person names)."""
    folder = Path(folder).expanduser()
    try:
        real = _real(make_private_dirs(folder)) / name
    except OSError as exc:
        raise os_error(exc, folder / name) from exc
    return _write_whole(real, real, data, how="unique")


def _write_whole(shown: Path, real: Path, data: str | bytes, *, how: str) -> Path:
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    remove_stale_temps(real.parent, name=real.name)  # left by an earlier write that was killed
    try:
        fd, temp = _new_temp(real)
    except OSError as exc:
        raise os_error(exc, shown) from exc
    try:
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        published = _publish(temp, real, how=how)
        _sync_folder(real.parent)
    except FileExistsError as exc:
        raise OutputRefused(f"{shown} already exists; choose another name.") from exc
    except OSError as exc:
        raise os_error(exc, shown) from exc
    finally:
        _remove(temp)
    return shown.with_name(published.name)


def save_text(store, target: Path, text: str, *, exclusive: bool = False) -> Path:
    """What a screen calls to save a text (a draft, an ask) to a file of the person's choosing."""
    return write_file(target, text, database=store.path, exclusive=exclusive, what="the text")


def append_private(path: Path, text: str) -> Path:
    """Append to a log file, created 0600 in a folder netnet creates 0700."""
    make_private_dirs(path.parent)
    # O_NONBLOCK: a pipe put where the log should be fails at once instead of hanging netnet
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK, 0o600)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OutputRefused(f"{path} is not a regular file; netnet appends its log only to a regular file.")
        data = text.encode("utf-8")
        while data:
            data = data[os.write(fd, data):]
    finally:
        os.close(fd)
    return path


def remove_stale_temps(folder: Path, *, name: str | None = None,
                       alive: Callable[[int], bool] | None = None) -> list[Path]:
    """Remove netnet's own temporary files left in ``folder`` by a process that no longer runs.

    With ``name``, only those made on the way to that file name.
    """
    alive = alive or _pid_alive
    removed: list[Path] = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        found = _TEMP_RE.match(entry.name)
        if name is not None and not entry.name.startswith(f".{name}{_TEMP_MARK}"):
            continue
        if not found or int(found.group(1)) == os.getpid() or alive(int(found.group(1))):
            continue
        try:
            if entry.is_file() and not entry.is_symlink():
                entry.unlink()
                removed.append(entry)
        except OSError:
            continue
    return removed


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
