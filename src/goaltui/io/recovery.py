"""Crash recovery: a journal of the unsaved table, and what to do with it on the next open.

An SSH session drops, the server reboots, someone runs ``kill -9``: the edits
since the last save must not be lost. While a table has unsaved changes the
editor keeps a *journal* — the whole document in the native format, plus where
it came from — in the state directory (``recovery/``, private to the user),
written atomically within seconds of a change (:meth:`RecoveryJournal.flush_if_due`,
from a timer) and at once on SIGHUP and SIGTERM (:func:`install_flush_on_signals`).
A save or a deliberate "discard my changes" removes it.

When the same file is opened again, :func:`find_recovery` finds the journal
and says what it holds: when it was written, by which process (a live one
means another editor is still working: do not offer), what differs from the
file on disk (:meth:`Recovery.differences`), and whether the file itself
changed since the journal's edits began (:meth:`Recovery.file_changed_since`:
restoring would then drop that change). The editor offers: restore, or discard.

Use::

    journal = RecoveryJournal(path, base=ChangeGuard(path).known)   # when the file is opened
    journal.changed()                          # after each edit (cheap)
    journal.flush_if_due(document)             # from a 1-second timer: writes when due
    uninstall = install_flush_on_signals(lambda: journal.flush(document))
    journal.discard()                          # after a save, or when changes are thrown away

    found = find_recovery(path)                # when a file is opened
    if found and not found.writer_alive(): found.document, found.differences(on_disk), found.discard()
"""

from __future__ import annotations

import contextlib
import datetime
import getpass
import hashlib
import json
import os
import signal
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, Final

from goaltui.errors import GoaltuiError
from goaltui.io.external_change import FileFingerprint
from goaltui.model import Document

__all__ = ["Recovery", "RecoveryJournal", "find_recovery", "install_flush_on_signals", "journal_path_for"]

JOURNAL_FORMAT: Final = "goaltui-recovery"
JOURNAL_VERSION: Final = 1
DEFAULT_INTERVAL: Final = 2.0
"""Seconds between two journal writes while edits go on (the first edit after a quiet spell is written at once)."""
_MAX_JOURNAL_BYTES: Final = 256 << 20


def _directory(state_directory: Path | None) -> Path:
    if state_directory is not None:
        state_directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        return state_directory
    from goaltui.io.state import state_dir

    return state_dir("recovery")


def journal_path_for(path: Path | None, state_directory: Path | None = None) -> Path:
    """The journal of the table at *path* (its real path: links share one); of a new, unnamed table when None."""
    directory = _directory(state_directory)
    if path is None:
        return directory / f"untitled-{socket.gethostname()}-{os.getpid()}.json"
    real = os.path.realpath(path)
    key = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return directory / f"{Path(real).name}.{key}.json"


def _fingerprint_data(fingerprint: FileFingerprint | None) -> dict[str, Any] | None:
    if fingerprint is None:
        return None
    return {"size": fingerprint.size, "mtime_ns": fingerprint.mtime_ns, "inode": fingerprint.inode,
            "sha256": fingerprint.sha256}


class RecoveryJournal:
    """The journal of one open table (see the module docstring)."""

    def __init__(
        self,
        path: Path | None,
        *,
        base: FileFingerprint | None = None,
        interval: float = DEFAULT_INTERVAL,
        state_directory: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = None if path is None else Path(path)
        self.base = base
        """The file's version when the editing began (to tell later whether the file changed meanwhile)."""
        self.interval = interval
        self.journal_path = journal_path_for(self.path, state_directory)
        self._clock = clock
        self._dirty = False
        self._last_write: float | None = None

    @property
    def pending(self) -> bool:
        """Whether there are edits the journal does not hold yet."""
        return self._dirty

    def changed(self) -> None:
        """Note an edit (cheap: the journal is written by :meth:`flush_if_due` or :meth:`flush`)."""
        self._dirty = True

    def flush_if_due(self, document: Document) -> bool:
        """Write the journal when there are pending edits and the interval has passed; whether it wrote."""
        if not self._dirty:
            return False
        now = self._clock()
        if self._last_write is not None and now - self._last_write < self.interval:
            return False
        self.write(document)
        return True

    def flush(self, document: Document) -> None:
        """Write the journal now if there are pending edits (for signal handlers and before risky steps)."""
        if self._dirty:
            self.write(document)

    def write(self, document: Document) -> None:
        """Write the whole document to the journal, atomically (a crash mid-write keeps the previous journal)."""
        from goaltui.io.native import dumps

        header = {
            "format": JOURNAL_FORMAT,
            "version": JOURNAL_VERSION,
            "path": None if self.path is None else os.path.realpath(self.path),
            "written_at": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "user": _user(),
            "base": _fingerprint_data(self.base),
        }
        head = json.dumps(header, ensure_ascii=False)
        text = f'{head[:-1]}, "document": {dumps(document)}}}\n'
        directory = self.journal_path.parent
        tmp = directory / f".{self.journal_path.name}.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(text.encode("utf-8", "surrogatepass"))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.journal_path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        self._dirty = False
        self._last_write = self._clock()

    def discard(self) -> None:
        """Remove the journal (after a save, or when the user throws the changes away)."""
        with contextlib.suppress(FileNotFoundError):
            self.journal_path.unlink()
        self._dirty = False


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


@dataclass
class Recovery:
    """A journal found for a table: the unsaved document of an editor that did not end normally."""

    path: Path | None
    journal_path: Path
    document: Document
    written_at: str
    pid: int
    host: str
    user: str
    base: FileFingerprint | None

    def writer_alive(self) -> bool:
        """Whether the editor that writes this journal still runs on this host (then do not offer it)."""
        if self.host != socket.gethostname() or self.pid == os.getpid():
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True
        return True

    def file_changed_since(self) -> bool:
        """Whether the file on disk is no longer the version the journal's edits started from."""
        if self.path is None:
            return False
        now = FileFingerprint.of(self.path)
        if self.base is None:
            return now is not None
        return now is None or not now.same_content(self.base)

    def differences(self, on_disk: Document | None, *, limit: int = 8) -> list[str]:
        """What restoring the journal would change in the table *on_disk* (None: read it from the path now)."""
        from goaltui.io.change_summary import describe_differences

        if on_disk is None:
            if self.path is None:
                return describe_differences(Document(), self.document, limit=limit)
            from goaltui.io.formats import read_document

            try:
                on_disk = read_document(self.path)
            except GoaltuiError:
                on_disk = Document()
        return describe_differences(on_disk, self.document, limit=limit)

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.journal_path.unlink()


def _read_journal(journal: Path) -> Recovery | None:
    from goaltui.io.limits import LimitError, read_input
    from goaltui.io.native import loads

    try:
        text = read_input(journal, _MAX_JOURNAL_BYTES).decode("utf-8")
        payload = json.loads(text)
        if not isinstance(payload, dict) or payload.get("format") != JOURNAL_FORMAT:
            return None
        document = loads(json.dumps(payload["document"], ensure_ascii=False), str(journal))
        base = payload.get("base")
        fingerprint = FileFingerprint(int(base["size"]), int(base["mtime_ns"]), int(base["inode"]),
                                      str(base["sha256"])) if isinstance(base, dict) else None
        path = payload.get("path")
        return Recovery(
            path=Path(path) if isinstance(path, str) else None,
            journal_path=journal,
            document=document,
            written_at=str(payload.get("written_at", "")),
            pid=int(payload.get("pid", 0)),
            host=str(payload.get("host", "")),
            user=str(payload.get("user", "")),
            base=fingerprint,
        )
    except (OSError, ValueError, KeyError, TypeError, RecursionError, LimitError, GoaltuiError):
        return None  # a damaged journal is no recovery (it stays for a person to look at)


def find_recovery(path: Path | None, state_directory: Path | None = None) -> Recovery | None:
    """The journal left for the table at *path*, when there is one that can be read."""
    journal = journal_path_for(path, state_directory)
    if not journal.exists():
        return None
    return _read_journal(journal)


# --- signals ---------------------------------------------------------------------------------------
_Handler = Callable[[int, FrameType | None], Any] | int | None


def install_flush_on_signals(
    flush: Callable[[], None], signals: Iterable[signal.Signals] | None = None
) -> Callable[[], None]:
    """On SIGHUP and SIGTERM (a dropped SSH session, a shutdown): call *flush*, then do what was done before.

    "Before" is the handler that was installed (called), or the default action
    (the signal is delivered again: the process ends as it would have, with the
    signal's exit status). Call from the main thread. Returns a function that puts
    the previous handlers back.
    """
    chosen = list(signals) if signals is not None else [
        s for s in (getattr(signal, "SIGHUP", None), signal.SIGTERM) if s is not None
    ]
    previous: dict[int, _Handler] = {}

    def handler(signum: int, frame: FrameType | None) -> None:
        with contextlib.suppress(Exception):
            flush()
        before = previous.get(signum, signal.SIG_DFL)
        if callable(before):
            before(signum, frame)
            return
        if before == signal.SIG_IGN:
            return
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    for sig in chosen:
        previous[int(sig)] = signal.signal(sig, handler)

    def uninstall() -> None:
        for number, before in previous.items():
            with contextlib.suppress(ValueError, TypeError, OSError):
                signal.signal(number, before if before is not None else signal.SIG_DFL)

    return uninstall
