"""Errors with a message meant for the user (one line, no traceback)."""

from __future__ import annotations

import errno


class GoaltuiError(Exception):
    """Base for errors whose message is shown to the user as is."""


class InputError(GoaltuiError):
    """A file that cannot be read or understood.

    The message names the file and, where known, the line and cell.
    """


class OutputError(GoaltuiError):
    """A file that cannot be written (exists, no permission, disk full...)."""


class UsageError(GoaltuiError):
    """Bad command-line usage (unknown format, missing argument...)."""


_OS_REASONS = {
    errno.ENOENT: "os.not_found",
    errno.EACCES: "os.permission",
    errno.EPERM: "os.permission",
    errno.ENOSPC: "os.no_space",
    errno.EDQUOT: "os.no_space",
    errno.EROFS: "os.read_only",
    errno.EISDIR: "os.is_directory",
    errno.ENOTDIR: "os.not_directory",
    errno.ENAMETOOLONG: "os.name_too_long",
    errno.EFBIG: "os.file_too_large",
}


def describe_os_error(exc: OSError) -> str:
    """Why a file operation failed, in the user's language (the OS gives English)."""
    from goaltui.i18n import t

    key = _OS_REASONS.get(exc.errno or 0)
    if key is not None:
        return t(key)
    return exc.strerror or str(exc)
