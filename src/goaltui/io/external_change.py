"""Has the file on disk changed since it was opened? (Before every save.)

Open ``goaltui s.json``, let another program (or a second editor) change
s.json, press Ctrl+S: without this check the other change is silently lost.
The editor takes a :class:`FileFingerprint` when it opens (and after each of its
own saves) and calls :meth:`ChangeGuard.check` before saving; a change is an
:class:`ExternalChange` to put to the user (overwrite, save as, reload), with a
one-line summary and, cheaply, what differs in the table.

A fingerprint is size, modification time, inode and SHA-256 of the content.
The content decides: a file touched or copied over with the same bytes has not
changed; a file rewritten with the same size and mtime (``cp -p``, ``rsync -t``)
has. (Hashing costs about 2 ms per MB, once per save.)

The check and the save are two steps: a change made in between (milliseconds)
is not seen. The lock (io.file_lock) keeps a second goaltui out of that gap.

Use::

    guard = ChangeGuard(path)          # when the file is opened
    change = guard.check()             # before saving: None, or what changed
    if change: ... ask; change.summary(); change.differences(opened_document)
    save(...); guard.saved()           # after our own save: the new state is ours
"""

from __future__ import annotations

import datetime
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from goaltui.i18n import t
from goaltui.model import Document

__all__ = ["ChangeGuard", "ExternalChange", "FileFingerprint"]

_CHUNK = 1 << 20


@dataclass(frozen=True)
class FileFingerprint:
    """What identifies one version of a file."""

    size: int
    mtime_ns: int
    inode: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> FileFingerprint | None:
        """The fingerprint of the file at *path* now (following links); None when there is none."""
        try:
            with open(path, "rb") as handle:
                info = os.fstat(handle.fileno())
                digest = hashlib.sha256()
                while chunk := handle.read(_CHUNK):
                    digest.update(chunk)
        except (FileNotFoundError, NotADirectoryError):
            return None
        return cls(info.st_size, info.st_mtime_ns, info.st_ino, digest.hexdigest())

    def same_content(self, other: FileFingerprint) -> bool:
        return self.size == other.size and self.sha256 == other.sha256

    def modified(self) -> str:
        """The modification time, local, to the second."""
        moment = datetime.datetime.fromtimestamp(self.mtime_ns / 1e9)
        return moment.strftime("%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class ExternalChange:
    """The file on disk is not the version the editor opened (or last saved)."""

    path: Path
    before: FileFingerprint | None
    """The version the editor knows (None: the file did not exist)."""
    after: FileFingerprint | None
    """The version on disk now (None: the file was deleted)."""

    @property
    def deleted(self) -> bool:
        return self.after is None

    def summary(self) -> str:
        """One line: what happened to the file and when."""
        if self.after is None:
            return t("external.deleted", file=self.path)
        if self.before is None:
            return t("external.created", file=self.path, when=self.after.modified())
        return t(
            "external.changed",
            file=self.path,
            when=self.after.modified(),
            before=f"{self.before.size:,}",
            after=f"{self.after.size:,}",
        )

    def differences(self, opened: Document, *, limit: int = 8) -> list[str]:
        """What the version on disk changes in the table the editor opened (read from disk now).

        Empty when the file cannot be read as a table (then :meth:`summary` is all there is to say).
        """
        if self.after is None:
            return []
        from goaltui.errors import GoaltuiError
        from goaltui.io.change_summary import describe_differences
        from goaltui.io.formats import read_document

        try:
            on_disk = read_document(self.path)
        except GoaltuiError:
            return []
        return describe_differences(opened, on_disk, limit=limit)


class ChangeGuard:
    """Remembers the version of *path* the editor holds, and tells when the disk has another."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.known = FileFingerprint.of(self.path)

    def check(self) -> ExternalChange | None:
        """None when the file on disk is the known version (same content), else what changed."""
        now = FileFingerprint.of(self.path)
        if now is None and self.known is None:
            return None
        if now is not None and self.known is not None and now.same_content(self.known):
            return None
        return ExternalChange(self.path, self.known, now)

    def saved(self) -> None:
        """After the editor's own save: the version on disk is now the known one."""
        self.known = FileFingerprint.of(self.path)

    def accept(self, change: ExternalChange) -> None:
        """The user chose to overwrite (or reloaded): take the disk's version as known."""
        self.known = change.after
