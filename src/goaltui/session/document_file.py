"""The file behind an editing session: its lock, the version on disk, the recovery journal, read-only mode.

Headless (no Textual). The editor asks the questions this class raises and draws
the answers; every decision is made here:

- **Opening** (:meth:`DocumentFile.open`): the file's lock is taken
  (:class:`~goaltui.io.file_lock.DocumentLock`). When another editor holds it,
  :class:`Opened` says who, and whether its process is gone (then the lock may be
  taken over, :meth:`DocumentFile.take_over`); otherwise the user may open the
  table read-only (:meth:`DocumentFile.open_read_only`): every change is
  refused (:class:`ReadOnly`, enforced by the session), saving to that file is
  refused, Save As to another file is allowed (and ends read-only mode: the
  new file is this editor's). A journal left by an editor that did not end
  normally is offered for restoring (:meth:`DocumentFile.recovery`).
- **While editing**: every change of the session is heard
  (:meth:`DocumentFile.changed`); the journal is written from a timer
  (:meth:`DocumentFile.tick`) once the user paused for :data:`QUIET_SECONDS`, and
  at the latest :data:`LONGEST_SECONDS` after the first unwritten change (a
  journal write serialises the whole table: 2,000 projects take about 0.2 s, so
  it waits for a pause in the typing rather than interrupt it); at once on
  SIGHUP/SIGTERM (:meth:`DocumentFile.flush`). Undoing back to the saved state,
  a save or throwing the changes away removes the journal.
- **Before a save** (:meth:`DocumentFile.check_save`): refused in read-only mode or
  when another editor holds the target; the file changed on disk since it was
  opened or last saved (:class:`~goaltui.io.external_change.ExternalChange`: ask
  overwrite, save as, reload); the target is a read-only file (ask before
  replacing it); the target is a workbook with other sheets that saving would
  drop (ask).
- **After a save** (:meth:`DocumentFile.saved`): the version on disk is ours, the
  journal goes, and after a Save As the lock moves to the new file.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple

from goaltui.errors import GoaltuiError
from goaltui.i18n import t
from goaltui.io.formats import NO_WRITE_OPTIONS, WriteOptions

if TYPE_CHECKING:
    from goaltui.io.external_change import ChangeGuard, ExternalChange, FileFingerprint
    from goaltui.io.file_lock import DocumentLock, DocumentLocked, LockHolder
    from goaltui.io.recovery import Recovery, RecoveryJournal
    from goaltui.model import Document

__all__ = [
    "LONGEST_SECONDS",
    "QUIET_SECONDS",
    "DocumentFile",
    "Opened",
    "ReadOnly",
    "ReadOnlyError",
    "SaveCheck",
    "write_document_with_notes",
]

QUIET_SECONDS: Final = 1.0
"""The journal is written once no change came for this long..."""
LONGEST_SECONDS: Final = 5.0
"""...and at the latest this long after the first change it does not hold yet."""

WORKBOOK_SUFFIXES: Final = (".xlsx", ".xlsm")
"""Workbooks the editor saves into (the official layout: one sheet)."""


class ReadOnlyError(GoaltuiError):
    """A change (or a save to the locked file) refused because the table is open read-only."""


@dataclass(frozen=True)
class ReadOnly:
    """Why the table is read-only: another editor holds *path*."""

    path: Path
    holder: LockHolder | None

    def who(self) -> str:
        return self.holder.describe() if self.holder is not None else t("lock.unknown_holder")

    def message(self) -> str:
        """What the user is told when a change is refused (and what is still possible)."""
        return t("file.read_only_refused", file=self.path.name, holder=self.who())


@dataclass
class Opened:
    """What happened when the file's lock was taken."""

    busy: DocumentLocked | None = None
    """Another editor holds the file (its ``holder`` says who): ask read-only, take over or quit."""
    stale: bool = False
    """The holder's process is gone on this host: :meth:`DocumentFile.take_over` may break the lock."""
    replaced: LockHolder | None = None
    """A lock left by a process that is gone was taken over (say so)."""
    unavailable: str | None = None
    """No lock could be made (a read-only folder and no state directory): the file is unguarded."""
    shared: bool = True
    """The lock sits next to the file (False: in this user's state directory, so other users do not see it)."""


class SaveCheck(NamedTuple):
    """What stands before a save to one path; the editor asks in this order."""

    refused: str | None = None
    """The save cannot happen at all (read-only mode; another editor holds the target): the message."""
    external: ExternalChange | None = None
    """The file changed on disk since it was opened or last saved: overwrite, save as or reload?"""
    read_only_mode: str | None = None
    """The target is a read-only file (its mode, ``0444``): replace it anyway?"""
    dropped_sheets: tuple[str, ...] = ()
    """The target is a workbook whose other sheets the save would drop (their names): go on?"""


def write_document_with_notes(
    document: Document,
    path: Path,
    options: WriteOptions = NO_WRITE_OPTIONS,
    *,
    allow_read_only: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[str]:
    """Write *document* to *path* (its format by suffix); the notes of what the save could not keep
    (owner, hard links, an in-place write with a backup). Raises :class:`GoaltuiError`.

    Safe to call from a worker thread (the save policy is set in the calling thread).
    """
    from goaltui.io.formats import write_document
    from goaltui.io.safe_write import save_policy

    with save_policy(allow_read_only=allow_read_only) as notes:
        write_document(document, path, options, progress=progress)
    return list(notes)


def _same_file(a: Path, b: Path) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


@dataclass
class _Schedule:
    """When the journal is due: after a pause in the changes, or at the latest some seconds after the first."""

    clock: Callable[[], float]
    quiet: float
    longest: float
    first: float | None = None
    last: float | None = None

    def changed(self) -> None:
        now = self.clock()
        if self.first is None:
            self.first = now
        self.last = now

    def due(self) -> bool:
        if self.first is None or self.last is None:
            return False
        now = self.clock()
        return now - self.last >= self.quiet or now - self.first >= self.longest

    def written(self) -> None:
        self.first = self.last = None


@dataclass
class DocumentFile:
    """One table file as an editor holds it (see the module docstring).

    *source*: the file the table was read from (the journal is named after it;
    None for a new table). *target*: where Ctrl+S writes (None: the first save asks
    where; an imported text table, the bundled sample). The target's lock is taken;
    without a target the source's when *lock_source* (an imported file, not the
    bundled sample).
    """

    source: Path | None
    target: Path | None
    lock_source: bool = True
    state_directory: Path | None = None
    clock: Callable[[], float] = time.monotonic
    quiet: float = QUIET_SECONDS
    longest: float = LONGEST_SECONDS
    opened_version: FileFingerprint | None = None
    """The version of the target that was read (taken before reading it; by default when this is made)."""
    read_only: ReadOnly | None = None
    lock: DocumentLock | None = None
    guard: ChangeGuard | None = None
    journal: RecoveryJournal | None = None
    _schedule: _Schedule = field(init=False)
    _pending_lock: DocumentLock | None = None
    _known_single_sheet: FileFingerprint | None = None

    def __post_init__(self) -> None:
        self._schedule = _Schedule(self.clock, self.quiet, self.longest)
        if self.opened_version is None and self.target is not None:
            from goaltui.io.external_change import FileFingerprint

            self.opened_version = FileFingerprint.of(self.target)

    def _watch_target(self) -> None:
        """Compare the target with the version that was read from now on (made on first need: after the
        first paint, or at a save that comes sooner)."""
        from goaltui.io.external_change import ChangeGuard

        if self.guard is None and self.target is not None:
            self.guard = ChangeGuard(self.target)
            if self.opened_version is not None:
                self.guard.known = self.opened_version

    # --- opening -------------------------------------------------------------------------------------

    @property
    def locked_path(self) -> Path | None:
        """The file whose lock this editor takes (or would take)."""
        if self.target is not None:
            return self.target
        return self.source if self.lock_source else None

    def open(self) -> Opened:
        """Take the file's lock and start watching the file. When another editor holds it
        (``busy``), nothing else is started: call :meth:`open_read_only` or :meth:`take_over`."""
        from goaltui.io.file_lock import DocumentLock, DocumentLocked, LockUnavailable

        opened = Opened()
        self._watch_target()
        path = self.locked_path
        if path is not None:
            lock = DocumentLock(path, state_directory=self._lock_directory())
            try:
                opened.replaced = lock.acquire()
                self.lock = lock
                opened.shared = lock.shared
            except DocumentLocked as busy:
                opened.busy = busy
                opened.stale = busy.holder is not None and busy.holder.alive() is False
                return opened
            except LockUnavailable as exc:
                opened.unavailable = str(exc)
        self._start_journal()
        return opened

    def take_over(self) -> Opened:
        """Break the lock of an editor whose process is gone, then open as :meth:`open` does."""
        from goaltui.io.file_lock import DocumentLock, DocumentLocked

        path = self.locked_path
        assert path is not None, "nothing to take over"
        lock = DocumentLock(path, state_directory=self._lock_directory())
        try:
            replaced = lock.acquire(take_over_stale=True)
        except DocumentLocked as busy:  # it came back to life, or it was never ours to break
            opened = Opened(busy=busy)
            opened.stale = busy.holder is not None and busy.holder.alive() is False
            return opened
        self.lock = lock
        opened = Opened(replaced=replaced, shared=lock.shared)
        self._start_journal()
        return opened

    def open_read_only(self, busy: DocumentLocked) -> ReadOnly:
        """Open without the lock: no journal (the holder keeps one), no saving to this file."""
        path = self.locked_path or busy.path
        self.read_only = ReadOnly(Path(path), busy.holder)
        return self.read_only

    def _lock_directory(self) -> Path | None:
        return None if self.state_directory is None else self.state_directory / "locks"

    def _journal_directory(self) -> Path | None:
        return None if self.state_directory is None else self.state_directory / "recovery"

    def _start_journal(self) -> None:
        from goaltui.io.external_change import FileFingerprint
        from goaltui.io.recovery import RecoveryJournal

        if self.guard is not None:
            base = self.guard.known
        else:
            base = FileFingerprint.of(self.source) if self.source is not None else None
        self.journal = RecoveryJournal(self.source, base=base, state_directory=self._journal_directory())
        self._schedule.written()

    # --- recovery ---------------------------------------------------------------------------------------

    def recovery(self) -> Recovery | None:
        """The journal a previous editor of this file left (it crashed, was killed, lost its terminal),
        when there is one to offer: not in read-only mode, not one a running editor still writes."""
        if self.journal is None or self.source is None or self.read_only is not None:
            return None
        from goaltui.io.recovery import find_recovery

        found = find_recovery(self.source, self._journal_directory())
        if found is None or found.writer_alive():
            return None
        return found

    def restored(self, recovery: Recovery) -> None:
        """The journal's table replaces the one read: its edits began from the version it names, so
        a save checks the file against that version (a change made since is put to the user)."""
        self._watch_target()
        if self.guard is not None:
            self.guard.known = recovery.base
        if self.journal is not None:
            self.journal.base = recovery.base
            self.journal.changed()
            self._schedule.changed()

    def declined(self, recovery: Recovery) -> None:
        """The user does not want the journal's changes: it goes."""
        recovery.discard()

    # --- while editing ---------------------------------------------------------------------------------

    def changed(self, dirty: bool) -> None:
        """The session changed the table (cheap: the journal is written by :meth:`tick`).
        *dirty*: whether it now differs from the file; when not (undone back to it), the journal goes."""
        journal = self.journal
        if journal is None:
            return
        if dirty:
            journal.changed()
            self._schedule.changed()
        else:
            journal.discard()
            self._schedule.written()

    @property
    def journal_due(self) -> bool:
        return self.journal is not None and self.journal.pending and self._schedule.due()

    def tick(self, document: Document) -> bool:
        """Write the journal when it is due (call every half second or so); whether it wrote."""
        if not self.journal_due:
            return False
        self._write_journal(document)
        return True

    def flush(self, document: Document) -> None:
        """Write the journal now if it lacks a change (a signal, a crash, before quitting unsaved)."""
        if self.journal is not None and self.journal.pending:
            self._write_journal(document)

    def _write_journal(self, document: Document) -> None:
        assert self.journal is not None
        try:
            self.journal.write(document)
        except OSError:
            return  # a full disk: the next tick tries again (the changes are still in memory)
        self._schedule.written()

    # --- saving --------------------------------------------------------------------------------------

    def is_target(self, path: Path) -> bool:
        return self.target is not None and _same_file(path, self.target)

    def check_save(self, path: Path) -> SaveCheck:
        """What stands before saving to *path* (see :class:`SaveCheck`).

        For a path other than the target (Save As), the path's lock is taken here, so that no
        other editor opens it between the question and the save: end with :meth:`saved` or
        :meth:`save_ended`.
        """
        from goaltui.io.safe_write import is_read_only

        path = Path(path)
        self._watch_target()
        if self.read_only is not None and _same_file(path, self.read_only.path):
            return SaveCheck(refused=t("file.read_only_save", file=path, holder=self.read_only.who()))
        external = None
        if self.is_target(path):
            external = self.guard.check() if self.guard is not None else None
        else:
            refused = self._lock_other(path)
            if refused is not None:
                return SaveCheck(refused=refused)
        mode = None
        real = Path(os.path.realpath(path))
        try:
            info = os.stat(real)
        except OSError:
            info = None
        if info is not None and is_read_only(real, info):
            mode = f"{info.st_mode & 0o7777:04o}"
        return SaveCheck(external=external, read_only_mode=mode, dropped_sheets=self._dropped_sheets(real, info))

    def _lock_other(self, path: Path) -> str | None:
        from goaltui.io.file_lock import DocumentLock, DocumentLocked, LockUnavailable

        self.save_ended()
        if self.lock is not None and _same_file(path, self.lock.path):
            return None  # (the file this editor holds already: an imported file saved over itself)
        if not Path(os.path.realpath(path)).parent.is_dir():
            return None  # the save will say so (a lock would create the folder)
        lock = DocumentLock(path, state_directory=self._lock_directory())
        try:
            lock.acquire()
        except DocumentLocked as busy:
            return str(busy)
        except LockUnavailable:
            return None  # (unguarded, as the file would be when opened)
        self._pending_lock = lock
        return None

    def _dropped_sheets(self, path: Path, info: os.stat_result | None) -> tuple[str, ...]:
        """The sheets of the workbook at *path* a save would drop: all but one table goaltui wrote."""
        if info is None or path.suffix.lower() not in WORKBOOK_SUFFIXES:
            return ()
        from goaltui.io.external_change import FileFingerprint

        now = FileFingerprint.of(path)
        if now is not None and self._known_single_sheet is not None and now.same_content(self._known_single_sheet):
            return ()
        from goaltui.io.project_form import SheetKind
        from goaltui.io.xlsx_import import workbook_forms

        try:
            sheets = workbook_forms(path)
        except GoaltuiError:
            return ()  # not a workbook we can read: nothing of it would be kept anyway
        if len(sheets) == 1 and sheets[0].kind is SheetKind.SUMMARY_TABLE:
            self._known_single_sheet = now
            return ()
        return tuple(sheet.name for sheet in sheets)

    def save_ended(self) -> None:
        """A Save As did not happen (cancelled, failed): give back the lock taken for it."""
        lock, self._pending_lock = self._pending_lock, None
        if lock is not None:
            lock.release()

    def saved(self, path: Path, *, dirty: bool) -> None:
        """*path* now holds the table (as of the save; *dirty*: it changed again meanwhile)."""
        from goaltui.io.external_change import ChangeGuard, FileFingerprint

        path = Path(path)
        if not self.is_target(path):  # Save As: the new file is the one this editor holds now
            if self.lock is None or not _same_file(path, self.lock.path):
                if self.lock is not None:
                    self.lock.release()
                self.lock, self._pending_lock = self._pending_lock, None
            if self.journal is not None:
                self.journal.discard()
            self.target = self.source = path
            self.read_only = None
            self.guard = ChangeGuard(path)
            self._start_journal()
        elif self.guard is not None:
            self.guard.saved()
        self._known_single_sheet = FileFingerprint.of(path) if path.suffix.lower() in WORKBOOK_SUFFIXES else None
        if self.journal is not None:
            self.journal.base = self.guard.known if self.guard is not None else None
            if dirty:
                self.journal.changed()
                self._schedule.changed()
            else:
                self.journal.discard()
                self._schedule.written()

    def accept(self, change: ExternalChange) -> None:
        """The user chose to overwrite the file changed on disk: its version is the known one now."""
        if self.guard is not None:
            self.guard.accept(change)

    def reloaded(self) -> None:
        """The table was read again from the target: that version is ours, the journal goes."""
        if self.guard is not None:
            self.guard.saved()
        if self.journal is not None:
            self.journal.base = self.guard.known if self.guard is not None else None
            self.journal.discard()
            self._schedule.written()

    # --- closing ---------------------------------------------------------------------------------------

    def close(self, document: Document | None, *, keep: bool) -> None:
        """The editor ends: with *keep* (unsaved changes not thrown away) the journal is flushed and
        stays for the next opening; otherwise it goes. The lock is given back."""
        if self.journal is not None:
            if keep and document is not None:
                self.journal.changed()
                self.flush(document)
            elif not keep:
                self.journal.discard()
        self.save_ended()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
