"""One editor per file: a lock taken when a table is opened, released when it is closed.

The lock is an OS file lock (``filelock``: ``flock`` on Unix), so the kernel
drops it when its process dies, however it dies; nobody has to clean up after a
crash. Beside it a small JSON file says who holds it (user, host, pid, since),
for the second opener's message: "s.json is open in goaltui by alice on srv1
(pid 4242) since 09:12". (The holder's details are not kept in the lock file
itself: a contender opens that file to try it.)

Where: next to the table (``.NAME.goaltui-lock`` and ``.NAME.goaltui-lock.json``),
so that every user of a shared folder sees the lock; when that folder is not
writable, in the state directory (``locks/``: then it guards against the same
user only, which is said by :attr:`DocumentLock.shared`).

Stale locks: when the lock is free but the JSON names another process, that
holder is gone (crash, kill -9, lost SSH session): the lock is taken over and
:meth:`DocumentLock.acquire` returns the holder it replaced, for a message. When
the lock is held but the process the JSON names is gone on this host (a child
that inherited it kept it), ``take_over_stale=True`` breaks it.

Use::

    lock = DocumentLock(path)
    try:
        replaced = lock.acquire()      # None, or the stale holder taken over
    except DocumentLocked as busy:     # busy.holder: user, host, pid, since
        ... open read-only, or quit
    ...
    lock.release()                     # on close (also a context manager)
"""

from __future__ import annotations

import contextlib
import datetime
import getpass
import hashlib
import json
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType

import filelock

from goaltui.errors import GoaltuiError
from goaltui.i18n import t

__all__ = ["DocumentLock", "DocumentLocked", "LockHolder", "LockUnavailable"]

_SUFFIX = ".goaltui-lock"


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return str(os.getuid()) if hasattr(os, "getuid") else "?"


@dataclass(frozen=True)
class LockHolder:
    """Who holds a lock."""

    user: str
    host: str
    pid: int
    since: str
    """ISO 8601, local time with offset."""
    program: str = "goaltui"

    @classmethod
    def me(cls) -> LockHolder:
        since = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        return cls(_user(), socket.gethostname(), os.getpid(), since)

    @classmethod
    def from_json(cls, text: str) -> LockHolder | None:
        try:
            data = json.loads(text)
            return cls(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]),
                       str(data.get("program", "goaltui")))
        except (ValueError, KeyError, TypeError):
            return None

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @property
    def on_this_host(self) -> bool:
        return self.host == socket.gethostname()

    def alive(self) -> bool | None:
        """Whether the holding process runs: True/False on this host, None (unknown) on another."""
        if not self.on_this_host:
            return None
        if self.pid == os.getpid():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True  # it exists, under another user
        except OSError:
            return None
        return True

    def describe(self) -> str:
        """"alice on srv1 (pid 4242) since 2026-12-02 09:12" in the user's language."""
        since = self.since.replace("T", " ")[:16]
        return t("lock.holder", user=self.user, host=self.host, pid=self.pid, since=since)


class DocumentLocked(GoaltuiError):
    """The table is open in another goaltui; :attr:`holder` says who (None when it cannot be told)."""

    def __init__(self, path: Path, holder: LockHolder | None) -> None:
        self.path = path
        self.holder = holder
        who = holder.describe() if holder is not None else t("lock.unknown_holder")
        super().__init__(t("lock.held", file=path, holder=who))


class LockUnavailable(GoaltuiError):
    """No lock could be made (no writable place for it); the table can still be opened, unguarded."""


class DocumentLock:
    """The lock of one table file (see the module docstring)."""

    def __init__(self, path: Path, *, state_directory: Path | None = None) -> None:
        self.path = Path(path)
        target = Path(os.path.realpath(self.path))  # one lock for a file and the links to it
        self.target = target
        self._state_directory = state_directory
        self.lock_path = target.with_name(f".{target.name}{_SUFFIX}")
        self.shared = True
        """Whether the lock sits next to the file (every user sees it) rather than in this user's state directory."""
        self._lock: filelock.BaseFileLock | None = None
        self.held = False

    @property
    def info_path(self) -> Path:
        return self.lock_path.with_name(self.lock_path.name + ".json")

    def _fallback_path(self) -> Path:
        if self._state_directory is not None:
            directory = self._state_directory
            directory.mkdir(parents=True, exist_ok=True)
        else:
            from goaltui.io.state import state_dir

            directory = state_dir("locks")
        key = hashlib.sha256(str(self.target).encode("utf-8", "surrogateescape")).hexdigest()[:16]
        return directory / f"{self.target.name}.{key}{_SUFFIX}"

    def holder(self) -> LockHolder | None:
        """Who the lock's JSON names (None when nobody, or unreadable)."""
        try:
            return LockHolder.from_json(self.info_path.read_text(encoding="utf-8"))
        except OSError:
            return None

    def acquire(self, *, take_over_stale: bool = False) -> LockHolder | None:
        """Take the lock without waiting; the stale holder it replaced, if any.

        Raises :class:`DocumentLocked` when another live process holds it, and
        :class:`LockUnavailable` when no lock file can be made anywhere.
        """
        if self.held:
            return None
        try:
            return self._acquire_at(take_over_stale)
        except OSError as first:  # no permission, a read-only file system
            if not self.shared:
                raise LockUnavailable(t("lock.unavailable", file=self.path, reason=str(first))) from None
        # The folder is not writable: lock in the state directory (same user only).
        self.lock_path = self._fallback_path()
        self.shared = False
        try:
            return self._acquire_at(take_over_stale)
        except OSError as exc:
            raise LockUnavailable(t("lock.unavailable", file=self.path, reason=str(exc))) from None

    def _acquire_at(self, take_over_stale: bool) -> LockHolder | None:
        lock = filelock.FileLock(str(self.lock_path), timeout=0, thread_local=False)
        try:
            lock.acquire(timeout=0)
        except filelock.Timeout:
            holder = self.holder()
            if take_over_stale and holder is not None and holder.alive() is False:
                return self._break(holder)
            raise DocumentLocked(self.path, holder) from None
        previous = self.holder()
        self._lock = lock
        self.held = True
        self._write_info()
        mine = LockHolder.me()
        if previous is not None and (previous.pid, previous.host) != (mine.pid, mine.host):
            return previous  # it held the lock once and is gone: taken over
        return None

    def _break(self, holder: LockHolder) -> LockHolder:
        """The lock is held, but not by the process that took it (gone): start a new lock file."""
        with contextlib.suppress(FileNotFoundError):
            self.lock_path.unlink()
        lock = filelock.FileLock(str(self.lock_path), timeout=0, thread_local=False)
        try:
            lock.acquire(timeout=0)
        except filelock.Timeout:
            raise DocumentLocked(self.path, self.holder()) from None
        self._lock = lock
        self.held = True
        self._write_info()
        return holder

    def _write_info(self) -> None:
        tmp = self.info_path.with_name(f"{self.info_path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(LockHolder.me().to_json(), encoding="utf-8")
            os.replace(tmp, self.info_path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()

    def release(self) -> None:
        """Give the lock back (and forget who held it). Safe to call twice."""
        if not self.held or self._lock is None:
            return
        mine = self.holder()
        me = LockHolder.me()
        if mine is not None and (mine.pid, mine.host) == (me.pid, me.host):
            with contextlib.suppress(OSError):
                self.info_path.unlink()
        self._lock.release()
        self._lock = None
        self.held = False

    def __enter__(self) -> DocumentLock:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.release()
