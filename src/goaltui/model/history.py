"""The undo history of one document: applies commands, undoes and redoes them, and knows
whether the document differs from the state last saved.

Pure (no textual). Each state of the document is named by a serial number: 0 is
the state the document was opened in, and every command applied gets the next
number for the state it leads to. The document is "unsaved" exactly when the
serial of its current state differs from the serial of the state last saved.

The history keeps at most *limit* commands. When the oldest is dropped, the
states before it can no longer be reached by undoing: the bottom of the history
(its *floor*) becomes the state after the dropped command, so undoing
everything ends there, with the unsaved mark still on if that is not the
saved state.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Final

from goaltui.model.commands import Command
from goaltui.model.document import Document

DEFAULT_LIMIT: Final = 10_000
"""Commands kept for undo (a day of editing; each command holds only what it changed)."""


@dataclass
class _Entry:
    command: Command
    serial: int
    """The state the command leads to."""


class History:
    """Applies commands to one document and keeps the undo and redo stacks."""

    def __init__(self, document: Document, limit: int = DEFAULT_LIMIT) -> None:
        if limit < 1:
            raise ValueError(f"the history must keep at least one command, not {limit}")
        self.document = document
        self.limit = limit
        self._undo: list[_Entry] = []
        self._redo: list[_Entry] = []
        self._serials = itertools.count(1)
        self._floor = 0
        """The state under the oldest kept command (0, the opened state, until one is dropped)."""
        self._saved = 0

    @property
    def state(self) -> int:
        """A token for the current state; pass it to :meth:`mark_saved` after a slow save."""
        return self._undo[-1].serial if self._undo else self._floor

    @property
    def dirty(self) -> bool:
        """The document differs from the state last saved (or opened)."""
        return self.state != self._saved

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_count(self) -> int:
        return len(self._undo)

    def mark_saved(self, state: int | None = None) -> None:
        """Remember the current state (or *state*, taken when a save began) as saved."""
        self._saved = self.state if state is None else state

    def execute(self, command: Command) -> Command | None:
        """Apply *command* and record it; ``None`` when it would change nothing (not recorded)."""
        if command.is_noop(self.document):
            return None
        command.apply(self.document)
        self._undo.append(_Entry(command, next(self._serials)))
        self._redo.clear()
        if len(self._undo) > self.limit:
            dropped = self._undo.pop(0)
            self._floor = dropped.serial
        return command

    def undo(self) -> Command | None:
        if not self._undo:
            return None
        entry = self._undo.pop()
        entry.command.revert(self.document)
        self._redo.append(entry)
        return entry.command

    def redo(self) -> Command | None:
        if not self._redo:
            return None
        entry = self._redo.pop()
        entry.command.apply(self.document)
        self._undo.append(entry)
        return entry.command
