"""Writing files so that a failed save never destroys the previous version.

The new content goes to a temporary file next to the target (``.NAME.XXXXXXXX.tmp``),
is flushed to disk, and only then replaces the target in one atomic rename. If
anything fails on the way, the old file is untouched and the temporary file
removed. Around that:

- **Symbolic links**: the link's final target is written (the temporary file goes
  in the target's directory); the link stays a link.
- **Owner, group and mode** of the replaced file are given to the new one where
  the system allows (a user may give a file only to a group of theirs; only root
  may give it to another user). What could not be kept is said in a note.
  ACLs and extended attributes are not copied.
- **Hard links**: an atomic rename gives the target a new inode, so its other
  names keep the previous version. That is kept on purpose (a snapshot made with
  hard links, as backup tools do, must not change) and said in a note.
- **Read-only files** (no write permission, e.g. mode 0444) are not replaced
  unless the caller asks (:func:`save_policy` with ``allow_read_only=True``; the
  CLI's ``convert --overwrite-read-only``).
- **A writable file in a read-only directory** (no temporary file possible): the
  file is written in place, after a copy of its previous version was made in the
  state directory (``backups/``, one per file, kept); a note says so. If the
  in-place write fails, the copy is put back; if that fails too, the error names
  the copy.
- **Temporary files of a save that was killed** are removed at the next save of
  the same file. A save holds an exclusive ``flock`` on its temporary file, so a
  temporary file that can be locked belongs to nobody (the kernel drops the lock
  of a dead process) and is removed; one that cannot belongs to a save in
  progress and is left alone.

Notes (what a save could not keep) are collected by :func:`save_policy`; without
one they go to the ``goaltui.io`` logger at INFO level (never printed over a
running editor's screen: the editor shows them by saving within a policy).
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from goaltui.errors import OutputError, describe_os_error
from goaltui.i18n import t

__all__ = [
    "atomic_path",
    "check_replaceable",
    "is_read_only",
    "remove_stale_temporaries",
    "save_policy",
    "write_bytes_atomic",
    "write_with",
]

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_STALE_WITHOUT_LOCKS = 3600.0
"""Where there is no flock (Windows), a temporary file older than this (seconds) counts as left behind."""


class _Policy:
    """(A plain class: a dataclass costs a millisecond at import, and every first save imports this module.)"""

    __slots__ = ("allow_read_only", "notes")

    def __init__(self, allow_read_only: bool = False) -> None:
        self.allow_read_only = allow_read_only
        self.notes: list[str] = []


_policy: ContextVar[_Policy | None] = ContextVar("goaltui_save_policy", default=None)


@contextlib.contextmanager
def save_policy(*, allow_read_only: bool = False) -> Iterator[list[str]]:
    """Within the block, saves follow this policy; yields the list the saves' notes go to.

    ``allow_read_only``: replace a read-only file (the user asked for it).
    """
    policy = _Policy(allow_read_only)
    token = _policy.set(policy)
    try:
        yield policy.notes
    finally:
        _policy.reset(token)


def _note(message: str) -> None:
    policy = _policy.get()
    if policy is not None:
        policy.notes.append(message)
    else:
        import logging  # only here: a save pays for no import it does not use

        logging.getLogger("goaltui.io").info(message)


def _fail(path: Path, exc: OSError) -> OutputError:
    return OutputError(t("io.cannot_write", file=path, reason=describe_os_error(exc)))


# --- what is being replaced ------------------------------------------------------------------------
def _target(path: Path) -> Path:
    """The file a save of *path* writes: the final target when *path* is a symbolic link."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _fail(path, exc) from None


def is_read_only(path: Path, info: os.stat_result | None = None) -> bool:
    """Whether *path* is a read-only file: nobody may write it (mode 0444), or this user may not.

    The mode bits count even for root, who could write anyway: a file someone made
    read-only is not replaced without being asked.
    """
    info = info if info is not None else _stat(path)
    if info is None or not stat.S_ISREG(info.st_mode):
        return False
    if not info.st_mode & 0o222:
        return True
    return not os.access(path, os.W_OK)


def check_replaceable(path: Path, *, allow_read_only: bool = False) -> None:
    """Raise :class:`OutputError` when a save of *path* would replace a read-only file not allowed to."""
    target = _target(Path(path))
    info = _stat(target)
    if info is not None and not allow_read_only and is_read_only(target, info):
        raise OutputError(t("save.read_only", file=path, mode=f"{stat.S_IMODE(info.st_mode):04o}"))


# --- temporary files ---------------------------------------------------------------------------------
def _temporary_pattern(name: str) -> re.Pattern[str]:
    # tempfile.mkstemp: prefix + 8 characters of [a-z0-9_] + suffix
    return re.compile(re.escape(f".{name}.") + r"[a-z0-9_]{8}\.tmp")


def remove_stale_temporaries(path: Path) -> int:
    """Remove the temporary files that killed saves of *path* left next to it; how many were removed."""
    target = _target(Path(path))
    directory = target.parent if str(target.parent) else Path(".")
    pattern = _temporary_pattern(target.name)
    removed = 0
    try:
        candidates = [entry for entry in os.scandir(directory) if pattern.fullmatch(entry.name)]
    except OSError:
        return 0
    for entry in candidates:
        with contextlib.suppress(OSError):
            if _remove_if_abandoned(Path(entry.path)):
                removed += 1
    return removed


def _remove_if_abandoned(candidate: Path) -> bool:
    info = os.lstat(candidate)
    if not stat.S_ISREG(info.st_mode):
        return False
    if fcntl is None:  # pragma: no cover - Windows: by age
        import time

        if time.time() - info.st_mtime < _STALE_WITHOUT_LOCKS:
            return False
        candidate.unlink()
        return True
    fd = os.open(candidate, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # a save in progress holds it
        candidate.unlink()
        return True
    finally:
        os.close(fd)


def _lock_temporary(fd: int) -> None:
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


# --- metadata ----------------------------------------------------------------------------------------
def _owner_name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return str(uid)


def _give_metadata(tmp: Path, target: Path, existing: os.stat_result | None) -> None:
    """The replaced file's mode, owner and group for *tmp*; a note for what the system refuses."""
    if existing is None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        return
    try:
        os.chmod(tmp, stat.S_IMODE(existing.st_mode))
    except OSError:
        _note(t("save.mode_not_kept", file=target, mode=f"{stat.S_IMODE(existing.st_mode):04o}"))
    if hasattr(os, "chown"):
        mine = os.stat(tmp)
        if (mine.st_uid, mine.st_gid) != (existing.st_uid, existing.st_gid):
            try:
                os.chown(tmp, existing.st_uid, existing.st_gid)
            except OSError:
                with contextlib.suppress(OSError):
                    os.chown(tmp, -1, existing.st_gid)  # a group of ours: allowed
                if existing.st_uid != mine.st_uid:
                    _note(t("save.owner_not_kept", file=target, owner=_owner_name(existing.st_uid)))
    if existing.st_nlink > 1:
        _note(t("save.hard_links_split", file=target, others=existing.st_nlink - 1))


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (best effort: not every system can open a directory)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _run_writer(writer: Callable[[Path], Any], tmp: Path) -> None:
    """Run *writer*; on an OSError, drop what its half-closed objects report when they are collected.

    A writer that failed on a full disk (openpyxl's ZipFile) is closed when it is
    collected, writes again, fails again, and Python prints "Exception ignored in …"
    with a traceback nobody can act on (9–12 lines). The failure is reported once,
    by the caller. After a successful write such reports are passed on unchanged.
    """
    previous = sys.unraisablehook
    reports: list[Any] = []
    sys.unraisablehook = reports.append
    failed: OSError | None = None
    try:
        try:
            writer(tmp)
        except OSError as exc:
            failed = OSError(exc.errno, exc.strerror)  # without the traceback that keeps the writer alive
        if failed is not None:
            gc.collect()  # the writer's frames are gone: its objects are finalised now, quietly
    finally:
        sys.unraisablehook = previous
    if failed is not None:
        raise failed
    for report in reports:
        previous(report)


# --- the save ----------------------------------------------------------------------------------------
@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces *path* (see the module docstring)."""
    requested = Path(path)
    target = _target(requested)
    directory = target.parent if str(target.parent) else Path(".")
    existing = _stat(target)
    policy = _policy.get()
    if existing is not None and is_read_only(target, existing) and not (policy and policy.allow_read_only):
        raise OutputError(t("save.read_only", file=requested, mode=f"{stat.S_IMODE(existing.st_mode):04o}"))
    remove_stale_temporaries(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM) and existing is not None and os.access(target, os.W_OK):
            with _in_place(target, directory, exc) as tmp:
                yield tmp
            return
        raise _fail(requested, exc) from None
    tmp = Path(tmp_name)
    try:
        _lock_temporary(fd)
        try:
            yield tmp
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
            _give_metadata(tmp, target, existing)
            os.replace(tmp, target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise _fail(requested, exc) from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    finally:
        os.close(fd)
    _sync_directory(directory)


def _backup_path(target: Path) -> Path:
    import hashlib

    from goaltui.io.state import state_dir

    key = hashlib.sha256(str(target).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return state_dir("backups") / f"{target.name}.{key}.bak"


@contextlib.contextmanager
def _in_place(target: Path, directory: Path, why: OSError) -> Iterator[Path]:
    """Save into the existing file itself (its directory is read-only), with a copy of it kept first."""
    import shutil

    try:
        backup = _backup_path(target)
        shutil.copyfile(target, backup)
        with open(backup, "rb+") as handle:
            os.fsync(handle.fileno())
    except OSError as exc:
        raise OutputError(
            t("save.read_only_directory", file=target, directory=directory, reason=describe_os_error(why),
              backup_reason=describe_os_error(exc))
        ) from None
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=backup.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        try:
            _copy_into(tmp, target)
        except OSError as exc:
            try:
                _copy_into(backup, target)
            except OSError:
                raise OutputError(t("save.in_place_failed", file=target, reason=describe_os_error(exc),
                                    backup=backup)) from None
            raise _fail(target, exc) from None
    except OSError as exc:  # the writer failed: the file itself was not touched
        raise _fail(target, exc) from None
    finally:
        tmp.unlink(missing_ok=True)
    _note(t("save.saved_in_place", file=target, directory=directory, backup=backup))


def _copy_into(source: Path, target: Path) -> None:
    """Overwrite *target*'s content with *source*'s, in place (same inode, owner, links), and flush."""
    import shutil

    with open(source, "rb") as reader, open(target, "r+b") as writer:
        shutil.copyfileobj(reader, writer, 1 << 20)
        writer.truncate()
        writer.flush()
        os.fsync(writer.fileno())


def write_bytes_atomic(path: Path, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def write_with(path: Path, writer: Callable[[Path], Any]) -> None:
    """Run ``writer(tmp_path)`` and move the result over *path* atomically."""
    with atomic_path(path) as tmp:
        _run_writer(writer, tmp)
