"""Find across the whole table: unit and project names and every indicator cell.

:class:`SearchIndex` keeps each project's texts folded for comparison (NFKC and case:
``％`` finds ``%``, ``abc`` finds ``ABC``). It is made on the first search, not before,
and a change only marks the projects it touched, which are folded again at the next
search: editing costs nothing here.

:class:`Finder` holds the current search: its matches grouped by project (for marking
the grid and the tree) and in document order (for F3 / Shift+F3). While a search is
active, a change searches again only the projects it touched; a change of the tree
(projects added, moved, renamed) searches everything again.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, NamedTuple

from goaltui.model import Document, Project, Unit
from goaltui.session.fields import grid_fields
from goaltui.session.operations import NodeRef

if TYPE_CHECKING:
    from goaltui.session.change import Change

Position = tuple[int, int, int, int]
"""Where a match is in document order: (unit index, project index or -1, row or -1, column or -1)."""


class Match(NamedTuple):
    unit_key: int
    project_key: int | None
    """None: the unit's name."""
    row: int | None
    """0-based indicator row; None: the project's (or the unit's) name."""
    field: str
    """``name`` (of the project or unit) or an indicator field."""
    position: Position


def fold(text: str) -> str:
    """*text* as searches compare it: NFKC (full-width forms as half-width) and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


_Entry = tuple[int, int, str, str]
"""(row or -1, column or -1, field, folded text) of one searchable text of a project."""


class SearchIndex:
    """The folded texts of each project, made when first searched and renewed after a change."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._projects: dict[int, list[_Entry]] = {}

    def after(self, change: Change) -> None:
        for key in change.projects:
            self._projects.pop(key, None)

    def entries(self, project: Project) -> list[_Entry]:
        found = self._projects.get(project.key)
        if found is None:
            fields = grid_fields(self.document.has_level2)
            found = [(-1, -1, "name", fold(project.name))] if project.name else []
            for row, indicator in enumerate(project.indicators):
                for column, field in enumerate(fields):
                    text = getattr(indicator, field)
                    if text:
                        found.append((row, column, field, fold(text)))
            self._projects[project.key] = found
        return found


class Finder:
    """The active search (an empty query: none)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.index = SearchIndex(document)
        self.query = ""
        self._folded = ""
        self._groups: dict[NodeRef, list[Match]] = {}
        self._places: dict[int, tuple[int, int, int]] = {}
        """Each project's (unit key, unit index, project index) at the last full search."""
        self._flat: list[Match] | None = None

    @property
    def active(self) -> bool:
        return bool(self.query)

    def search(self, query: str) -> int:
        """Find *query* everywhere; the number of matches."""
        self.query = query
        self._folded = fold(query)
        self._search_all()
        return self.count

    def clear(self) -> None:
        self.query = self._folded = ""
        self._groups = {}
        self._places = {}
        self._flat = None

    def after(self, change: Change) -> None:
        self.index.after(change)
        if not self.active:
            return
        if change.structure:
            self._search_all()
            return
        for key in change.projects:
            project = self._project_at(key)
            if project is None:
                self._search_all()
                return
            self._search_project(project, *self._places[key])
        self._flat = None

    def _project_at(self, key: int) -> Project | None:
        """The project *key*, where the last full search saw it (nothing moved since: the tree did not change)."""
        place = self._places.get(key)
        if place is None:
            return None
        _unit_key, unit_index, project_index = place
        units = self.document.units
        if unit_index < len(units) and project_index < len(units[unit_index].projects):
            project = units[unit_index].projects[project_index]
            if project.key == key:
                return project
        return None

    # --- results ----------------------------------------------------------------------------

    @property
    def matches(self) -> list[Match]:
        """Every match, in document order."""
        if self._flat is None:
            flat = [match for group in self._groups.values() for match in group]
            flat.sort(key=lambda match: match.position)
            self._flat = flat
        return self._flat

    @property
    def count(self) -> int:
        return sum(len(group) for group in self._groups.values())

    def in_project(self, project_key: int) -> list[Match]:
        return self._groups.get(("project", project_key), [])

    def nodes(self) -> frozenset[NodeRef]:
        """The units whose names and the projects whose names or rows hold a match (the tree marks them)."""
        return frozenset(self._groups)

    def position(self, project_key: int | None, row: int | None, field: str | None) -> Position | None:
        """The document position of a cell, a project name (row None) or nothing."""
        if project_key is None:
            return None
        place = self._places.get(project_key)
        if place is None:
            return None
        columns = grid_fields(self.document.has_level2)
        column = columns.index(field) if row is not None and field in columns else -1
        return (place[1], place[2], -1 if row is None else row, column)

    def step(self, here: Position | None, forward: bool, *, inclusive: bool = False) -> tuple[Match, int] | None:
        """The match after (before) *here*, wrapping round (*inclusive*: a match at *here* too);
        with its index in :attr:`matches`."""
        matches = self.matches
        if not matches:
            return None
        positions = [match.position for match in matches]
        if here is None:
            index = 0 if forward else len(matches) - 1
        elif forward:
            index = (bisect_left if inclusive else bisect_right)(positions, here) % len(matches)
        else:
            index = (bisect_left(positions, here) - 1) % len(matches)
        return matches[index], index

    def index_of(self, match: Match) -> int:
        return self.matches.index(match)

    # --- searching -------------------------------------------------------------------------------

    def _search_all(self) -> None:
        self._groups = {}
        self._places = {}
        self._flat = None
        needle = self._folded
        if not needle:
            return
        for unit_index, unit in enumerate(self.document.units):
            self._search_unit(unit, unit_index, needle)
            for project_index, project in enumerate(unit.projects):
                self._places[project.key] = (unit.key, unit_index, project_index)
                self._search_project(project, unit.key, unit_index, project_index)

    def _search_unit(self, unit: Unit, unit_index: int, needle: str) -> None:
        if needle in fold(unit.name):
            self._groups[("unit", unit.key)] = [Match(unit.key, None, None, "name", (unit_index, -1, -1, -1))]

    def _search_project(self, project: Project, unit_key: int, unit_index: int, project_index: int) -> None:
        needle = self._folded
        found = [
            Match(unit_key, project.key, None if row < 0 else row, field, (unit_index, project_index, row, column))
            for row, column, field, text in self.index.entries(project)
            if needle in text
        ]
        if found:
            self._groups[("project", project.key)] = found
        else:
            self._groups.pop(("project", project.key), None)
