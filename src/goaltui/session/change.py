"""What a command did to the document, as the views need to know it."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from goaltui.model.commands import Command, Location


class Direction(StrEnum):
    DO = "do"
    UNDO = "undo"
    REDO = "redo"


class Change(NamedTuple):
    """One executed, undone or redone command, described by what it touched.

    A view redraws from these flags and never from the command's kind:

    * ``projects``: keys of the projects whose content changed (funds, rows, names);
    * ``rows``: rows of those projects came, went or moved (lay the rows out again);
    * ``structure``: units or projects came, went, moved or were renamed (the tree);
    * ``document_level``: the header or footer changed;
    * ``location``: where it happened (undo and redo take the cursor there).
    """

    command: Command
    direction: Direction
    location: Location
    projects: frozenset[int]
    rows: bool
    structure: bool
    document_level: bool

    @classmethod
    def of(cls, command: Command, direction: Direction) -> Change:
        return cls(
            command,
            direction,
            command.location(),
            command.touched_projects,
            command.rows,
            command.structure,
            command.document_level,
        )

    @property
    def follow(self) -> bool:
        """Whether the cursor should go where the change happened (undo and redo: the user
        cannot see where else it was)."""
        return self.direction is not Direction.DO
