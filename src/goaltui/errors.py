"""Errors with a message meant for the user (one line, no traceback)."""

from __future__ import annotations


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
